#pragma once
#include "casefilter.h"
#include "casequery.h"
#include "conflictitem.h"
#include "caseevent.h"
#include "caserecord.h"
#include "result.h"
#include "workflow.h"
#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <memory>
#include <optional>

namespace gw {

// The local SQLite store (WAL): the audit trail, the outbox of unsent actions and the case projection.
// Every local action is checked by the Workflow, sealed into the case's hash chain and written together
// with its outbox row and projection in one transaction: either all of it lands or none.
// One CaseStore per thread (Qt SQL connections are per thread).
class CaseStore : public QObject
{
    Q_OBJECT
public:
    explicit CaseStore(QObject *parent = nullptr, const Workflow &workflow = Workflow());
    ~CaseStore() override;

    // Opens (creating if needed) and migrates the file. Clear message on a locked, read-only or newer file.
    Result open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString deviceId() const { return m_deviceId; }  // made on first open, kept in meta
    QSqlDatabase database() const;                   // for other storage classes sharing this connection

    // A local action: checked, numbered if new (provisional number), sealed, stored with its outbox row.
    // On success `event` carries caseSeq, prevHash and hash.
    Result append(CaseEvent &event);
    // Many local actions in one transaction (bulk actions, imports). Stops at the first refused one and
    // stores none of them; `failedIndex` says which.
    Result appendBatch(QList<CaseEvent> &events, int *failedIndex = nullptr);

    std::optional<CaseRecord> caseById(const QString &caseId) const;
    QList<CaseEvent> eventsOf(const QString &caseId) const;  // in chain order
    bool containsEvent(const QString &eventId) const;

    QList<CaseSummary> listCases(const CaseFilter &filter, int offset, int limit) const;
    // Keyset paging (see CaseListReader::list): the rows after `after`, skipping `skip` first.
    QList<CaseSummary> listCasesAfter(const CaseFilter &filter, const CaseListKey &after, int skip, int limit) const;
    // With `upTo` >= 0 counting stops there: min(count, upTo), cheap at any size.
    int countCases(const CaseFilter &filter, int upTo = -1) const;

    int pendingCount() const;  // outbox rows

    // --- Sync support (called by SyncEngine; nothing here talks to the network) ---
    // Oldest first, from after outbox position `afterSeq`; `seqs` receives each event's position.
    QList<CaseEvent> outboxEvents(int limit, qint64 afterSeq = 0, QList<qint64> *seqs = nullptr) const;
    // Events the server accepted, in server order (each with serverSeq). An event we sent ourselves is matched
    // by id and takes the server's seal (caseSeq, prevHash, hash, serverSeq) and leaves the outbox; events from
    // other devices are added. Local actions still waiting are re-sealed on top of the server's chain and the
    // projection is rebuilt, all in one transaction. Applying the same events twice changes nothing.
    Result applyRemote(const QList<CaseEvent> &serverEvents);
    // The server refused a pushed action: it leaves the outbox and the case (projection rebuilt without it)
    // and waits in the conflict inbox with the reason. Never dropped silently.
    Result rejectOutboxEvent(const QString &eventId, const QString &code, const QString &reason);
    QList<ConflictItem> conflicts(bool includeResolved = false) const;
    int openConflictCount() const;
    // Retry: the same action, as a new event by `user` now, checked against the case as it stands.
    Result retryConflict(const QString &eventId, const User &user);
    // Discard: closes the item and records the discard in the case's audit trail (a comment event by `user`).
    Result discardConflict(const QString &eventId, const User &user);
    void recordPushFailure(const QStringList &eventIds, const QString &error);
    QString syncValue(const QString &key) const;  // e.g. "cursor", "last_sync", "session"
    Result setSyncValue(const QString &key, const QString &value);
    // Removes cases (and their events) the user may no longer see, e.g. after a change of account.
    // Cases with actions still in the outbox stay: removing them would lose unsent work.
    Result purgeOutsideScope(const AccessPolicy::Scope &scope);

    // --- Attachments: stored in the file, checked for size and type ---
    Result putAttachment(const QString &caseId, const QString &fileName, const QByteArray &data,
                         QJsonObject *descriptor);  // descriptor goes into the event payload
    QByteArray attachmentData(const QString &attachmentId) const;
    QList<QJsonObject> attachmentsNotUploaded(int limit) const;
    Result markAttachmentUploaded(const QString &attachmentId);
    // Not yet uploaded and named by one of this store's events (so the server will have a case referring to
    // them); files stored for an action that was never saved stay local. {id, case, name, mime, size, sha256}.
    QList<QJsonObject> attachmentsToUpload(int limit) const;
    // {id, case, name, mime, size, sha256, uploaded} of a file kept in this store; empty when it is not here
    // (e.g. pulled from the server as part of a case and not downloaded yet).
    QJsonObject attachmentInfo(const QString &attachmentId) const;
    // Keeps a file downloaded from the server under its descriptor's id (already uploaded). Refused unless the
    // bytes have the descriptor's SHA-256 and pass AttachmentCheck. Storing it twice changes nothing.
    Result putDownloadedAttachment(const QString &caseId, const QJsonObject &descriptor, const QByteArray &data);

    // --- Phrase templates (常用语) per kind, e.g. "return_reason", "feedback" ---
    QStringList phrases(const QString &kind) const;
    Result addPhrase(const QString &kind, const QString &text);
    Result removePhrase(const QString &kind, const QString &text);

    // Rebuilds the full-text index from the stored cases. Needed after VACUUM (which may renumber the
    // rowids the index points at) or a change of SearchText; open() never runs it by itself.
    Result rebuildSearchIndex();
    // Outbox rows with their push attempts and the last error, for a sync status view.
    int outboxAttempts(const QString &eventId, QString *lastError = nullptr) const;

Q_SIGNALS:
    void casesChanged(const QStringList &caseIds);

private:
    struct CaseRow {
        qint64 rowid = 0;  // cases.rowid, which is also the row's id in the full-text index
        CaseRecord record;
    };
    struct Statements;  // prepared statements reused by the write path
    Result openFile(const QString &path);
    Result appendInTransaction(QList<CaseEvent> &events, int *failedIndex, QStringList *changedCases);
    std::optional<CaseRow> loadCaseRow(const QString &caseId) const;
    Result writeProjection(const CaseRecord &record, const std::optional<CaseRow> &before, bool pending,
                           bool rewriteDepartments = false);
    Result deleteProjection(const QString &caseId);
    Result rebuildCase(const QString &caseId);
    Result confirmOwnEvent(const CaseEvent &serverEvent);
    Result unqueue(const QString &eventId);  // the event leaves the outbox: the server has it
    Result settlePending(const QString &caseId);
    Result moveToConflicts(const CaseEvent &event, const QString &code, const QString &reason);
    // payloadJson: the payload already serialized (JsonBytes::payload), or null to serialize it here.
    Result insertEvent(const CaseEvent &event, qint64 *seq, const QByteArray &payloadJson = QByteArray());
    qint64 readNumberCounter(Result *result);
    Result writeNumberCounter(qint64 value);
    Result seedPhrases();
    Result begin();
    Result commit();
    void rollback();
    Result sqlError(const QString &what, const QString &detail) const;

    QString m_connection;
    std::unique_ptr<Statements> m_sql;
    QString m_path;
    QString m_deviceId;
    Workflow m_workflow;
    // Recently written or read projections, so a run of actions does not re-parse the same case JSON.
    // Valid while no other connection commits (checked with PRAGMA data_version); entries written in a
    // transaction join the cache only when it commits.
    mutable QHash<QString, CaseRow> m_cache;
    QHash<QString, CaseRow> m_cacheInTransaction;
    mutable qint64 m_dataVersion = -1;
    void validateCache() const;
};

} // namespace gw

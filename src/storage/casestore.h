#pragma once
#include "casefilter.h"
#include "casequery.h"
#include "caseevent.h"
#include "caserecord.h"
#include "result.h"
#include "workflow.h"
#include <QObject>
#include <memory>
#include <optional>

namespace gw {

class AttachmentStore;
class CaseLog;
class LocalDatabase;
class PhraseStore;
class SyncJournal;

// The client's local store (one SQLite file, WAL): the audit trail and case projection of the cases this user
// may see, with the sync journal, attachments and phrase templates kept in the same file. Every local action is
// checked by the Workflow, sealed into the case's hash chain and written together with its outbox row and
// projection in one transaction: either all of it lands or none. One CaseStore per thread (Qt SQL connections
// are per thread). The classes behind it share its connection; this header needs no Qt SQL.
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
    QString path() const;
    QString deviceId() const;  // made on first open, kept in the file

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

    // Rebuilds the full-text index from the stored cases. Needed after VACUUM (which may renumber the
    // rowids the index points at) or a change of SearchText; open() runs it only for a file indexed otherwise.
    Result rebuildSearchIndex();

    // The outbox, the conflict inbox and the sync state (used by the sync engine and the conflict inbox).
    SyncJournal &journal();
    const SyncJournal &journal() const;
    AttachmentStore &attachments();
    const AttachmentStore &attachments() const;
    PhraseStore &phrases();
    const PhraseStore &phrases() const;

    // The name of the store's Qt SQL connection, for the storage layer's readers (AssessmentSource).
    QString connectionName() const;

Q_SIGNALS:
    // Cases written by a local action, by sync or by a purge.
    void casesChanged(const QStringList &caseIds);

private:
    Result openFile(const QString &path);
    Result upgradeProjections();  // once per CaseRecord::ProjectionFormat

    std::unique_ptr<LocalDatabase> m_db;
    std::unique_ptr<CaseLog> m_log;
    std::unique_ptr<SyncJournal> m_journal;
    std::unique_ptr<AttachmentStore> m_attachments;
    std::unique_ptr<PhraseStore> m_phrases;
};

} // namespace gw

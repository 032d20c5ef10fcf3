#pragma once
#include "caseevent.h"
#include "caserecord.h"
#include "result.h"
#include "workflow.h"
#include <QCoreApplication>
#include <QHash>
#include <QStringList>
#include <memory>
#include <optional>

namespace gw {

class LocalDatabase;

// The events table and the case projection of the client store: the one place that writes either.
// Local actions are checked by the Workflow, numbered, sealed into the case's hash chain and stored with their
// outbox row; events from the server are inserted or confirmed by the sync journal through the same primitives.
// Every write runs inside begin()/commit() of this class, which also keep the projection cache valid.
// Internal to the storage layer (CaseStore and SyncJournal use it).
class CaseLog
{
    Q_DECLARE_TR_FUNCTIONS(gw::CaseLog)

public:
    struct CaseRow {
        qint64 rowid = 0;  // cases.rowid, which is also the row's id in the full-text index
        CaseRecord record;
    };

    CaseLog(LocalDatabase &db, const Workflow &workflow);
    ~CaseLog();
    CaseLog(const CaseLog &) = delete;
    CaseLog &operator=(const CaseLog &) = delete;

    Result prepare();  // once the file is open
    void reset();      // before the file closes
    const Workflow &workflow() const { return m_workflow; }

    // Transactions on the shared connection, keeping the projection cache consistent with what commits.
    Result begin();
    Result commit();
    void rollback();

    // Local actions inside an open transaction: checked, numbered if new (provisional number), sealed, stored
    // with their outbox rows, one projection write per case. `changedCases` gets the cases touched.
    Result appendLocal(QList<CaseEvent> &events, int *failedIndex, QStringList *changedCases);

    std::optional<CaseRecord> caseById(const QString &caseId) const;  // outside transactions
    std::optional<CaseRow> loadCaseRow(const QString &caseId) const;

    // payloadJson: the payload already serialized (JsonBytes::payload), or null to serialize it here.
    Result insertEvent(const CaseEvent &event, qint64 *seq, const QByteArray &payloadJson = QByteArray());
    Result writeProjection(const CaseRecord &record, const std::optional<CaseRow> &before, bool pending,
                           bool rewriteDepartments = false);
    Result deleteProjection(const QString &caseId);
    // Re-applies the case from its stored events: the server's in server order, then the local actions still
    // waiting, re-sealed on top of them.
    Result rebuildCase(const QString &caseId);
    // Moves the case's local actions (not yet accepted) to negative positions, freeing theirs for the server's
    // events; rebuildCase() re-seals them after. `what` names the task in an error.
    Result parkLocalActions(const QString &caseId, const QString &what);
    // An own event the server accepted where we sealed it: it takes the server's number and leaves the outbox.
    Result confirmOwnEvent(const CaseEvent &serverEvent);
    Result unqueue(const QString &eventId);  // the event leaves the outbox: the server has it
    Result settlePending(const QString &caseId);
    // The author of the oldest unsent action on `caseId` who is not `userId` (empty when there is none): such a
    // case is read-only for `userId` until that author has signed in here and sent it (issue 17).
    Result unsentAuthorOtherThan(const QString &caseId, const QString &userId, QString *author) const;
    static Result heldRefusal(const QString &author);  // the refusal an action on such a case gets
    // Whether `eventId` is stored, accepted by the server, and sealed at `caseSeq` with `hash`.
    Result findEvent(const QString &eventId, int caseSeq, const QByteArray &hash, bool *known, bool *accepted,
                     bool *sealedAlike);
    // Rebuilds the full-text index from the stored cases. Needed after VACUUM (which may renumber the
    // rowids the index points at) or a change of SearchText.
    Result rebuildSearchIndex();

private:
    struct Statements;  // prepared statements reused by the write path
    qint64 readNumberCounter(Result *result);
    void validateCache() const;

    LocalDatabase &m_db;
    Workflow m_workflow;
    std::unique_ptr<Statements> m_sql;
    // Recently written or read projections, so a run of actions does not re-parse the same case JSON.
    // Valid while no other connection commits (checked with PRAGMA data_version); entries written in a
    // transaction join the cache only when it commits.
    mutable QHash<QString, CaseRow> m_cache;
    QHash<QString, CaseRow> m_cacheInTransaction;
    mutable qint64 m_dataVersion = -1;
};

} // namespace gw

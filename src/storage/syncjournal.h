#pragma once
#include "accesspolicy.h"
#include "caseevent.h"
#include "conflictitem.h"
#include "result.h"
#include "user.h"
#include <QObject>

namespace gw {

class CaseLog;
class LocalDatabase;

// What the sync engine keeps in the local store (the role Nextcloud's SyncJournalDb plays): the outbox of
// unsent actions, events accepted by the server, the conflict inbox of refused actions and the sync state.
// Nothing here talks to the network. Shares the store's connection; get it from CaseStore::journal().
class SyncJournal : public QObject
{
    Q_OBJECT

public:
    SyncJournal(LocalDatabase &db, CaseLog &log, QObject *parent = nullptr);

    // Outbox rows: all of them, or only `author`'s.
    int pendingCount(const QString &author = QString()) const;
    // Oldest first, from after outbox position `afterSeq`; `seqs` receives each event's position. With an
    // `author`, only that person's actions: each is sent under its own author's sign-in only (issue 17).
    QList<CaseEvent> outboxEvents(int limit, qint64 afterSeq = 0, QList<qint64> *seqs = nullptr,
                                  const QString &author = QString()) const;

    // Unsent work of other people on this computer, for `user` to see that it waits: per author, the count and
    // the titles of the cases `user` may see (the others are only counted).
    struct WaitingWork {
        QString author;
        int actions = 0;
        QStringList visibleCases;  // "number title"
        int hiddenCases = 0;
    };
    QList<WaitingWork> waitingForOthers(const User &user) const;
    // Who other than `userId` has unsent actions on the case (empty: nobody); the case is read-only for
    // `userId` until then, and CaseStore refuses their actions on it with that reason.
    QString heldBy(const QString &caseId, const QString &userId) const;
    static Message heldReason(const QString &author);  // why such a case is read-only, for the person who sees it
    // Push attempts of an outbox row and the last error, for a sync status view.
    int outboxAttempts(const QString &eventId, QString *lastError = nullptr) const;
    void recordPushFailure(const QStringList &eventIds, const QString &error);

    // Events the server accepted, in server order (each with serverSeq). An event we sent ourselves is matched
    // by id and takes the server's seal (caseSeq, prevHash, hash, serverSeq) and leaves the outbox; events from
    // other devices are added. Local actions still waiting are re-sealed on top of the server's chain and the
    // projection is rebuilt, all in one transaction. Applying the same events twice changes nothing.
    Result applyRemote(const QList<CaseEvent> &serverEvents);

    // The server refused a pushed action: it leaves the outbox and the case (projection rebuilt without it)
    // and waits in the conflict inbox with the reason. Never dropped silently.
    Result rejectOutboxEvent(const QString &eventId, const QString &code, const Message &reason);
    QList<ConflictItem> conflicts(bool includeResolved = false) const;
    int openConflictCount() const;
    // Retry: the same action, as a new event by `user` now, checked against the case as it stands.
    Result retryConflict(const QString &eventId, const User &user);
    // Discard: closes the item and records the discard in the case's audit trail (a comment event by `user`).
    Result discardConflict(const QString &eventId, const User &user);

    QString syncValue(const QString &key) const;  // e.g. "cursor", "last_sync", "session"
    Result setSyncValue(const QString &key, const QString &value);

    // Removes cases (and their events) the user may no longer see, e.g. after a change of account.
    // Cases with actions still in the outbox stay: removing them would lose unsent work.
    Result purgeOutsideScope(const AccessPolicy::Scope &scope);

Q_SIGNALS:
    void casesChanged(const QStringList &caseIds);

private:
    Result moveToConflicts(const CaseEvent &event, const QString &code, const Message &reason);
    Result openConflict(const QString &eventId, ConflictItem *item) const;
    Result resolveConflict(const QString &eventId, const QString &resolution);
    Result commitAndAnnounce(const QStringList &changedCases);  // commits m_log's transaction, then casesChanged
    // Appends `events` as local actions, marks the conflict resolved, commits and announces the change.
    Result appendAndResolve(QList<CaseEvent> events, const QString &conflictId, const QString &resolution);

    LocalDatabase &m_db;
    CaseLog &m_log;
};

} // namespace gw

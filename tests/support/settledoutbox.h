#pragma once
// Test fixtures that put several people's actions into one client store model what really happens: each person
// acted on their own desktop and synced, and the store learnt of it from the server. Since issue 17 a case that
// holds one person's unsent actions is read-only for everyone else on that computer, so a fixture settles the
// outbox (as if its authors had synced) before someone else acts on the same case.
#include "casestore.h"
#include "syncjournal.h"
#include <QDateTime>

namespace gw::test {

// Confirms every outbox event as the server would accept it: numbered in outbox order, out of the outbox.
inline Result settleOutbox(CaseStore &store)
{
    static qint64 serverSeq = 0;  // increasing across all stores of the test process: all a store needs
    QList<CaseEvent> events = store.journal().outboxEvents(1000000);
    if (events.isEmpty())
        return Result::success();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    for (CaseEvent &e : events) {
        e.serverSeq = ++serverSeq;
        e.serverTime = now;
    }
    return store.journal().applyRemote(events);
}

// Appends `e` as its author does on their own desktop: what others left unsent on that case is settled first.
inline Result appendAsAuthor(CaseStore &store, CaseEvent &e)
{
    if (!store.journal().heldBy(e.caseId, e.actorId).isEmpty()) {
        const Result settled = settleOutbox(store);
        if (!settled.ok)
            return settled;
    }
    return store.append(e);
}

} // namespace gw::test

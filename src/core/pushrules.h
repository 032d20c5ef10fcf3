#pragma once
#include "message.h"
#include "caseevent.h"
#include "casenumber.h"
#include "caserecord.h"
#include "result.h"
#include "user.h"
#include "workflow.h"
#include <QCoreApplication>

namespace gw {

// What the district server decides about a pushed event, apart from where it is kept: the actor is whoever holds
// the token, an event dated too far ahead is refused, only the server numbers cases, and the workflow has the last
// word. An accepted event is sealed at the end of its case's chain, and a registration is followed by the server's
// case.numbered event. The server store around this reads and writes rows and hands out sequence numbers.
class PushRules
{
    GW_DECLARE_MESSAGES(gw::PushRules)

public:
    explicit PushRules(const Workflow &workflow = Workflow(), int maxClockSkewSeconds = 5 * 60);

    // The account the server acts as for the events it adds itself (no login may take its id).
    static User systemActor();

    // Every action is sent under its own author's sign-in (issue 17): an event whose recorded actor is not the
    // token holder is refused with actor_mismatch, never re-attributed. The server's own events (numbering) are
    // the only ones whose actor is not a signed-in person, and they are never pushed.
    static Result checkAuthor(const User &signedIn, const CaseEvent &incoming);
    // The event as the server takes it from `actor` (checkAuthor passed): role and org unit are the account's as
    // it stands now, whatever the device recorded, and the server fields are cleared.
    static CaseEvent received(const User &actor, const CaseEvent &incoming);
    // May the received event join the case as it stands (null before registration) at the server's time `now`?
    // A refusal's code is what the push answer reports: clock_skew, forbidden, invalid_state or invalid_input.
    // `rules`: the category rules the event is judged under (the server's grace policy picks them), else the
    // workflow's.
    Result admit(const CaseRecord *current, const CaseEvent &event, const QDateTime &now,
                 const CategoryCatalog *rules = nullptr) const;
    // Seals an admitted event after the record's last event and applies it to the record. Returns the payload
    // as serialized for the hash, for the stored wire form.
    QByteArray append(CaseRecord &record, CaseEvent &event) const;

    // A registration is followed by the case's official number, as a case.numbered event.
    static bool needsNumber(const CaseEvent &event) { return event.type == EventType::Registered; }
    // That event for `caseId`: by systemActor() on device "server", dated now, its number still to come.
    static CaseEvent numbering(const QString &caseId);
    // Puts `number` into the numbering event, checks it against the case and appends it as append() does.
    Result numberCase(CaseRecord &record, CaseEvent &numbering, const CaseNumber &number, QByteArray *payloadJson) const;

    int maxClockSkewSeconds() const { return m_maxClockSkewSeconds; }

    const Workflow &workflow() const { return m_workflow; }

private:
    Workflow m_workflow;
    int m_maxClockSkewSeconds;
};

} // namespace gw

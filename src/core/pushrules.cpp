#include "pushrules.h"
#include "auditchain.h"
#include "eventbuilder.h"
#include "jsonbytes.h"

namespace gw {

PushRules::PushRules(const Workflow &workflow, int maxClockSkewSeconds)
    : m_workflow(workflow), m_maxClockSkewSeconds(maxClockSkewSeconds)
{
}

User PushRules::systemActor()
{
    return User::make(QStringLiteral("system"), Role::Administrator, QStringLiteral("center.district"));
}

Result PushRules::checkAuthor(const User &signedIn, const CaseEvent &incoming)
{
    if (incoming.actorId == signedIn.id)
        return Result::success();
    if (incoming.actorId.isEmpty())
        return Result::failure(QStringLiteral("actor_mismatch"),
                               tr("The action names no author. It must be sent by the person who did it (%1 is signed in).")
                                   .arg(signedIn.id));
    return Result::failure(QStringLiteral("actor_mismatch"),
                           tr("This action was done by %1 but sent with the sign-in of %2. An action is accepted only "
                              "from its own author: %1 must sign in to send it.")
                               .arg(incoming.actorId.left(64), signedIn.id));
}

CaseEvent PushRules::received(const User &actor, const CaseEvent &incoming)
{
    CaseEvent e = incoming;
    e.actorId = actor.id;
    e.actorRole = actor.role;
    e.actorOrgUnit = actor.orgUnitId;
    e.serverSeq = 0;
    e.serverTime = {};
    return e;
}

Result PushRules::admit(const CaseRecord *current, const CaseEvent &e, const QDateTime &now,
                        const CategoryCatalog *rules) const
{
    if (e.clientTime > now.addSecs(m_maxClockSkewSeconds))
        return Result::failure(QStringLiteral("clock_skew"),
                               tr("The action is dated %1, more than %2 minutes after the server's time %3. Check the device clock.")
                                   .arg(CaseEvent::timeToString(e.clientTime)).arg(m_maxClockSkewSeconds / 60)
                                   .arg(CaseEvent::timeToString(now)));
    if (e.type == EventType::Numbered)
        return Result::failure(QStringLiteral("forbidden"), tr("Only the district server assigns case numbers."));
    return m_workflow.checkNewAction(current, e, rules);
}

QByteArray PushRules::append(CaseRecord &record, CaseEvent &event) const
{
    // A new case's record is empty: position 1, no previous hash.
    const QByteArray payloadJson = JsonBytes::payload(event.payload);
    AuditChain::seal(event, record.eventCount + 1, record.lastHash, payloadJson);
    m_workflow.apply(record, event);
    return payloadJson;
}

CaseEvent PushRules::numbering(const QString &caseId)
{
    return EventBuilder(systemActor(), QStringLiteral("server")).make(EventType::Numbered, caseId, {});
}

Result PushRules::numberCase(CaseRecord &record, CaseEvent &numbering, const CaseNumber &number,
                             QByteArray *payloadJson) const
{
    numbering.payload = QJsonObject{{QStringLiteral("number"), number.toString()}};
    const Result ok = m_workflow.check(&record, numbering);
    if (!ok.ok)
        return ok;
    *payloadJson = append(record, numbering);
    return Result::success();
}

} // namespace gw

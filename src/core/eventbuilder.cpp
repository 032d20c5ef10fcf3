#include "eventbuilder.h"
#include "whistledeadlines.h"

namespace gw {

EventBuilder::EventBuilder(const User &actor, const QString &deviceId, Clock clock)
    : m_actor(actor), m_deviceId(deviceId), m_clock(std::move(clock))
{
}

QDateTime EventBuilder::now() const
{
    const QDateTime t = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    // Millisecond precision in UTC: the form the hash covers, so a round trip keeps the hash.
    return QDateTime::fromMSecsSinceEpoch(t.toMSecsSinceEpoch(), Qt::UTC);
}

CaseEvent EventBuilder::make(EventType type, const QString &caseId, const QJsonObject &payload) const
{
    CaseEvent e;
    e.id = CaseEvent::newId();
    e.caseId = caseId;
    e.type = type;
    e.payload = payload;
    e.actorId = m_actor.id;
    e.actorRole = m_actor.role;
    e.actorOrgUnit = m_actor.orgUnitId;
    e.deviceId = m_deviceId;
    e.clientTime = now();
    return e;
}

CaseEvent EventBuilder::registerCase(const CaseDraft &draft) const
{
    return make(EventType::Registered, CaseEvent::newId(), draft.toPayload());
}

QJsonObject EventBuilder::summons(const CaseRecord &record, const QString &department, bool lead,
                                  const QDateTime &now, const CategoryCatalog &categories,
                                  const WorkCalendar &calendar)
{
    const DeadlineSpec checkIn = categories.checkInRule(record.categoryId, record.urgency);
    const DeadlineSpec handle = categories.handleRule(record.categoryId, record.urgency);
    return {{"department", department},
            {"lead", lead},
            {"checkInDue", CaseEvent::timeToString(checkIn.dueFrom(now, calendar))},
            {"handleDue", CaseEvent::timeToString(handle.dueFrom(now, calendar))}};
}

CaseEvent EventBuilder::whistle(const CaseRecord &record, const QString &leadDepartment,
                                const QStringList &assisting, const CategoryCatalog &categories,
                                const WorkCalendar &calendar) const
{
    const QDateTime t = now();
    QJsonArray depts;
    if (!leadDepartment.isEmpty())
        depts.append(summons(record, leadDepartment, true, t, categories, calendar));
    for (const QString &d : assisting)
        depts.append(summons(record, d, false, t, categories, calendar));
    QJsonObject payload{{"departments", depts}};
    WhistleDeadlines::stampRulesVersion(payload);
    CaseEvent e = make(EventType::Whistled, record.id, payload);
    e.clientTime = t;
    return e;
}

} // namespace gw

#include "departmentassignment.h"
#include "caseevent.h"
#include <QCoreApplication>

namespace gw {

bool DepartmentAssignment::isCheckInOverdue(const QDateTime &now) const
{
    return state == State::Summoned && checkInDue.isValid() && now > checkInDue;
}

bool DepartmentAssignment::isHandleOverdue(const QDateTime &now) const
{
    return (state == State::Summoned || state == State::CheckedIn) && handleDue.isValid() && now > handleDue;
}

QString DepartmentAssignment::stateToString(State state)
{
    switch (state) {
    case State::Summoned: return QStringLiteral("summoned");
    case State::CheckedIn: return QStringLiteral("checked_in");
    case State::Handled: return QStringLiteral("handled");
    case State::Returned: return QStringLiteral("returned");
    }
    return {};
}

bool DepartmentAssignment::stateFromString(const QString &text, State *state)
{
    for (State s : {State::Summoned, State::CheckedIn, State::Handled, State::Returned}) {
        if (stateToString(s) == text) {
            *state = s;
            return true;
        }
    }
    return false;
}

Message DepartmentAssignment::stateDisplayName(State state)
{
    switch (state) {
    case State::Summoned: return Message::translate("gw::DepartmentAssignment", "Summoned");
    case State::CheckedIn: return Message::translate("gw::DepartmentAssignment", "Checked in");
    case State::Handled: return Message::translate("gw::DepartmentAssignment", "Handled");
    case State::Returned: return Message::translate("gw::DepartmentAssignment", "Returned");
    }
    return {};
}

static QDateTime parseTime(const QJsonValue &v)
{
    return CaseEvent::timeFromString(v.toString());
}

QJsonObject DepartmentAssignment::toJson() const
{
    return {{"department", departmentId},
            {"lead", lead},
            {"state", stateToString(state)},
            {"summonedAt", CaseEvent::timeToString(summonedAt)},
            {"checkInDue", CaseEvent::timeToString(checkInDue)},
            {"handleDue", CaseEvent::timeToString(handleDue)},
            {"checkedInAt", CaseEvent::timeToString(checkedInAt)},
            {"handledAt", CaseEvent::timeToString(handledAt)},
            {"feedback", feedback},
            {"returnReason", returnReason},
            {"returnedBy", returnedBy},
            {"postponeRequestedDue", CaseEvent::timeToString(postponeRequestedDue)},
            {"postponeReason", postponeReason},
            {"postponeCount", postponeCount},
            {"rating", rating},
            {"archived", archived},
            {"returnedAt", CaseEvent::timeToString(returnedAt)},
            {"ratedAt", CaseEvent::timeToString(ratedAt)},
            {"reworkCount", reworkCount}};
}

DepartmentAssignment DepartmentAssignment::fromJson(const QJsonObject &o)
{
    DepartmentAssignment a;
    a.departmentId = o.value("department").toString();
    a.lead = o.value("lead").toBool();
    stateFromString(o.value("state").toString(), &a.state);
    a.summonedAt = parseTime(o.value("summonedAt"));
    a.checkInDue = parseTime(o.value("checkInDue"));
    a.handleDue = parseTime(o.value("handleDue"));
    a.checkedInAt = parseTime(o.value("checkedInAt"));
    a.handledAt = parseTime(o.value("handledAt"));
    a.feedback = o.value("feedback").toString();
    a.returnReason = o.value("returnReason").toString();
    a.returnedBy = o.value("returnedBy").toString();
    a.postponeRequestedDue = parseTime(o.value("postponeRequestedDue"));
    a.postponeReason = o.value("postponeReason").toString();
    a.postponeCount = o.value("postponeCount").toInt();
    a.rating = o.value("rating").toInt();
    a.archived = o.value("archived").toBool();
    a.returnedAt = parseTime(o.value("returnedAt"));
    a.ratedAt = parseTime(o.value("ratedAt"));
    a.reworkCount = o.value("reworkCount").toInt();
    return a;
}

} // namespace gw

#include "cityoutboxmessage.h"
#include "caseevent.h"
#include <QCoreApplication>

namespace gw {

QString CityOutboxMessage::kindToString(Kind kind)
{
    return kind == Kind::Escalation ? QStringLiteral("escalation") : QStringLiteral("status_update");
}

bool CityOutboxMessage::kindFromString(const QString &text, Kind *kind)
{
    if (text == QLatin1String("escalation"))
        *kind = Kind::Escalation;
    else if (text == QLatin1String("status_update"))
        *kind = Kind::StatusUpdate;
    else
        return false;
    return true;
}

QString CityOutboxMessage::stateToString(State state)
{
    switch (state) {
    case State::Pending: return QStringLiteral("pending");
    case State::Sent: return QStringLiteral("sent");
    case State::Acknowledged: return QStringLiteral("acknowledged");
    case State::Failed: return QStringLiteral("failed");
    }
    return {};
}

bool CityOutboxMessage::stateFromString(const QString &text, State *state)
{
    for (State s : {State::Pending, State::Sent, State::Acknowledged, State::Failed}) {
        if (stateToString(s) == text) {
            *state = s;
            return true;
        }
    }
    return false;
}

QString CityOutboxMessage::stateDisplayName(State state)
{
    switch (state) {
    case State::Pending: return QCoreApplication::translate("gw::CityOutboxMessage", "Waiting to send");
    case State::Sent: return QCoreApplication::translate("gw::CityOutboxMessage", "Sent, awaiting the city");
    case State::Acknowledged: return QCoreApplication::translate("gw::CityOutboxMessage", "Acknowledged by the city");
    case State::Failed: return QCoreApplication::translate("gw::CityOutboxMessage", "Failed");
    }
    return {};
}

QJsonObject CityOutboxMessage::toJson() const
{
    return QJsonObject{{"id", id},
                       {"idempotencyKey", idempotencyKey},
                       {"caseId", caseId},
                       {"kind", kindToString(kind)},
                       {"body", body},
                       {"state", stateToString(state)},
                       {"attempts", attempts},
                       {"createdAt", CaseEvent::timeToString(createdAt)},
                       {"nextAttemptAt", CaseEvent::timeToString(nextAttemptAt)},
                       {"updatedAt", CaseEvent::timeToString(updatedAt)},
                       {"lastError", lastError},
                       {"httpStatus", httpStatus},
                       {"cityRequestId", cityRequestId}};
}

} // namespace gw

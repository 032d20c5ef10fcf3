#include "citysyncstate.h"
#include "caseevent.h"
#include <QCoreApplication>

namespace gw {

QString CitySyncState::stateToString(State state)
{
    switch (state) {
    case State::None: return QStringLiteral("none");
    case State::Pending: return QStringLiteral("pending");
    case State::Sent: return QStringLiteral("sent");
    case State::Acknowledged: return QStringLiteral("acknowledged");
    case State::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString CitySyncState::displayText() const
{
    auto tr = [](const char *t) { return QCoreApplication::translate("gw::CitySyncState", t); };
    switch (state) {
    case State::None: return tr("Not exchanged with the city platform");
    case State::Pending:
        return reason.isEmpty() ? tr("City platform: waiting to send")
                                : tr("City platform: waiting to retry (%1)").arg(reason);
    case State::Sent: return tr("City platform: sent, awaiting an answer");
    case State::Acknowledged: return tr("City platform: acknowledged (%1)").arg(cityRequestId);
    case State::Failed: return tr("City platform: failed: %1").arg(reason);
    }
    return {};
}

QJsonObject CitySyncState::toJson() const
{
    return QJsonObject{{"state", stateToString(state)},
                       {"reason", reason},
                       {"cityRequestId", cityRequestId},
                       {"origin", origin},
                       {"pendingMessages", pendingMessages},
                       {"attempts", attempts},
                       {"lastExchangeAt", CaseEvent::timeToString(lastExchangeAt)},
                       {"text", displayText()}};
}

} // namespace gw

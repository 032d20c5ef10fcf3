#include "protocol/citycasestate.h"
#include "caseevent.h"
#include "protocol/protocolreader.h"

namespace gw {

QString CityCaseState::stateToString(State state)
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

bool CityCaseState::stateFromString(const QString &text, State *state)
{
    for (State s : {State::None, State::Pending, State::Sent, State::Acknowledged, State::Failed}) {
        if (stateToString(s) == text) {
            *state = s;
            return true;
        }
    }
    return false;
}

QString CityCaseState::originToString(Origin origin)
{
    switch (origin) {
    case Origin::None: return {};
    case Origin::Escalated: return QStringLiteral("escalated");
    case Origin::Assigned: return QStringLiteral("assigned");
    }
    return {};
}

bool CityCaseState::originFromString(const QString &text, Origin *origin)
{
    for (Origin o : {Origin::None, Origin::Escalated, Origin::Assigned}) {
        if (originToString(o) == text) {
            *origin = o;
            return true;
        }
    }
    return false;
}

Message CityCaseState::stateDisplayName(State state)
{
    switch (state) {
    case State::None: return tr("Not exchanged with the city");
    case State::Pending: return tr("Pending — waiting to be sent");
    case State::Sent: return tr("Sent — waiting for the city's answer");
    case State::Acknowledged: return tr("Acknowledged by the city");
    case State::Failed: return tr("Failed");
    }
    return {};
}

Message CityCaseState::originDisplayName(Origin origin)
{
    switch (origin) {
    case Origin::None: return {};
    case Origin::Escalated: return tr("Escalated by the district to the city (上报市级)");
    case Origin::Assigned: return tr("Assigned to the district by the city (市级交办)");
    }
    return {};
}

Message CityCaseState::displayText() const
{
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

QJsonObject CityCaseState::toJson() const
{
    QJsonObject o{{QStringLiteral("state"), stateToString(state)},
                       {QStringLiteral("cityRequestId"), cityRequestId},
                       {QStringLiteral("origin"), originToString(origin)},
                       {QStringLiteral("pendingMessages"), pendingMessages},
                       {QStringLiteral("attempts"), attempts},
                       {QStringLiteral("lastExchangeAt"), CaseEvent::timeToString(lastExchangeAt)}};
    reason.writeTo(o, QStringLiteral("reason"));
    displayText().writeTo(o, QStringLiteral("text"));
    return o;
}

bool CityCaseState::fromCaseDetail(const QJsonObject &answer, CityCaseState *out, Message *error)
{
    if (!answer.value(QStringLiteral("case")).isObject()) {
        *error = tr("The server's case detail has no \"case\" object.");
        return false;
    }
    const QJsonValue city = answer.value(QStringLiteral("city"));
    if (city.isUndefined() || city.isNull()) {
        *out = CityCaseState();
        return true;
    }
    if (!city.isObject()) {
        *error = tr("The server's case detail has \"city\" in the wrong form (expected an object).");
        return false;
    }
    return fromJson(city.toObject(), out, error);
}

bool CityCaseState::fromJson(const QJsonObject &city, CityCaseState *out, Message *error)
{
    using Need = ProtocolReader::Need;
    ProtocolReader read(city, tr("city state"));
    CityCaseState s;
    s.configured = true;
    const QString state = read.text("state", Need::Required);
    if (read.ok() && !stateFromString(state, &s.state))
        read.fail(tr("The server reported an unknown city state \"%1\".").arg(state.left(40)));
    const QString origin = read.text("origin");
    if (read.ok() && !originFromString(origin, &s.origin))
        read.fail(tr("The server reported an unknown city origin \"%1\".").arg(origin.left(40)));
    read.text("reason");
    s.reason = Message::readFrom(city, QStringLiteral("reason"));
    s.cityRequestId = read.text("cityRequestId");
    s.pendingMessages = read.number("pendingMessages");
    s.attempts = read.number("attempts", Need::Required);
    s.lastExchangeAt = read.time("lastExchangeAt");
    if (!read.finish(error))
        return false;
    *out = s;
    return true;
}

} // namespace gw

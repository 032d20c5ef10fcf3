#include "cityoutboxmessage.h"

namespace gw {

namespace {
// The outbox keeps the kinds and states of the wire type (the same strings in its columns): one table.
CityExchange::Kind exchangeKind(CityOutboxMessage::Kind kind)
{
    return kind == CityOutboxMessage::Kind::Escalation ? CityExchange::Kind::Escalation : CityExchange::Kind::StatusUpdate;
}

CityExchange::State exchangeState(CityOutboxMessage::State state)
{
    switch (state) {
    case CityOutboxMessage::State::Pending: return CityExchange::State::Pending;
    case CityOutboxMessage::State::Sent: return CityExchange::State::Sent;
    case CityOutboxMessage::State::Acknowledged: return CityExchange::State::Acknowledged;
    case CityOutboxMessage::State::Failed: return CityExchange::State::Failed;
    }
    return CityExchange::State::Pending;
}
} // namespace

QString CityOutboxMessage::kindToString(Kind kind) { return CityExchange::kindToString(exchangeKind(kind)); }

bool CityOutboxMessage::kindFromString(const QString &text, Kind *kind)
{
    for (Kind k : {Kind::Escalation, Kind::StatusUpdate}) {
        if (kindToString(k) == text) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QString CityOutboxMessage::stateToString(State state) { return CityExchange::stateToString(exchangeState(state)); }

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

CityExchange CityOutboxMessage::toExchange() const
{
    CityExchange e;
    e.id = id;
    e.idempotencyKey = idempotencyKey;
    e.caseId = caseId;
    e.cityRequestId = cityRequestId;
    e.direction = CityExchange::Direction::Up;
    e.kind = exchangeKind(kind);
    e.state = exchangeState(state);
    e.attempts = attempts;
    e.httpStatus = httpStatus;
    e.lastError = lastError;
    e.createdAt = createdAt;
    e.updatedAt = updatedAt;
    e.nextAttemptAt = nextAttemptAt;
    e.body = body;
    return e;
}

} // namespace gw

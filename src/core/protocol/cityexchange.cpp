#include "protocol/cityexchange.h"
#include "caseevent.h"
#include "protocol/protocolreader.h"
#include <QJsonArray>

namespace gw {

QString CityExchange::caseNumber() const { return body.value(QStringLiteral("x_case_number")).toString(); }
QString CityExchange::caseTitle() const { return body.value(QStringLiteral("x_title")).toString(); }

QString CityExchange::kindToString(Kind kind)
{
    switch (kind) {
    case Kind::Escalation: return QStringLiteral("escalation");
    case Kind::StatusUpdate: return QStringLiteral("status_update");
    case Kind::AssignedCase: return QStringLiteral("assigned_case");
    }
    return {};
}

bool CityExchange::kindFromString(const QString &text, Kind *kind)
{
    for (Kind k : {Kind::Escalation, Kind::StatusUpdate, Kind::AssignedCase}) {
        if (kindToString(k) == text) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QString CityExchange::stateToString(State state)
{
    switch (state) {
    case State::Pending: return QStringLiteral("pending");
    case State::Sent: return QStringLiteral("sent");
    case State::Acknowledged: return QStringLiteral("acknowledged");
    case State::Failed: return QStringLiteral("failed");
    case State::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

bool CityExchange::stateFromString(const QString &text, State *state)
{
    for (State s : {State::Pending, State::Sent, State::Acknowledged, State::Failed, State::Rejected}) {
        if (stateToString(s) == text) {
            *state = s;
            return true;
        }
    }
    return false;
}

Message CityExchange::directionDisplayName(Direction direction)
{
    return direction == Direction::Up ? tr("To the city") : tr("From the city");
}

Message CityExchange::kindDisplayName(Kind kind)
{
    switch (kind) {
    case Kind::Escalation: return tr("Escalation");
    case Kind::StatusUpdate: return tr("Status update");
    case Kind::AssignedCase: return tr("City-assigned case");
    }
    return {};
}

Message CityExchange::stateDisplayName(State state)
{
    switch (state) {
    case State::Pending: return tr("Waiting to retry");
    case State::Sent: return tr("Sent");
    case State::Acknowledged: return tr("Acknowledged");
    case State::Failed: return tr("Failed");
    case State::Rejected: return tr("Refused by the district");
    }
    return {};
}

QJsonObject CityExchange::toJson() const
{
    if (direction == Direction::Down) {
        QJsonObject o{{QStringLiteral("cityRequestId"), cityRequestId}};
        lastError.writeTo(o, QStringLiteral("reason"));
        return o;
    }
    QJsonObject o{{QStringLiteral("id"), id},
                       {QStringLiteral("idempotencyKey"), idempotencyKey},
                       {QStringLiteral("caseId"), caseId},
                       {QStringLiteral("kind"), kindToString(kind)},
                       {QStringLiteral("body"), body},
                       {QStringLiteral("state"), stateToString(state)},
                       {QStringLiteral("attempts"), attempts},
                       {QStringLiteral("createdAt"), CaseEvent::timeToString(createdAt)},
                       {QStringLiteral("nextAttemptAt"), CaseEvent::timeToString(nextAttemptAt)},
                       {QStringLiteral("updatedAt"), CaseEvent::timeToString(updatedAt)},
                       {QStringLiteral("httpStatus"), httpStatus},
                       {QStringLiteral("cityRequestId"), cityRequestId}};
    lastError.writeTo(o, QStringLiteral("lastError"));
    return o;
}

bool CityExchange::fromJson(const QJsonObject &o, CityExchange *out, Message *error)
{
    using Need = ProtocolReader::Need;
    ProtocolReader read(o, tr("city message"));
    CityExchange r;
    r.direction = Direction::Up;
    r.id = read.text("id", Need::Required);
    r.idempotencyKey = read.text("idempotencyKey");
    r.caseId = read.text("caseId", Need::Required);
    const QString kind = read.text("kind", Need::Required);
    const QString state = read.text("state", Need::Required);
    r.attempts = read.number("attempts", Need::Required);
    r.httpStatus = read.number("httpStatus");
    read.text("lastError");
    r.lastError = Message::readFrom(o, QStringLiteral("lastError"));
    r.cityRequestId = read.text("cityRequestId");
    r.createdAt = read.time("createdAt");
    r.updatedAt = read.time("updatedAt");
    r.nextAttemptAt = read.time("nextAttemptAt");
    r.body = read.object("body");
    if (read.ok() && r.id.isEmpty())
        read.fail(tr("The server sent a city message without an id."));
    // A message goes up: a city-assigned case is never one.
    if (read.ok() && (!kindFromString(kind, &r.kind) || r.kind == Kind::AssignedCase))
        read.fail(tr("The server sent a city message of an unknown kind \"%1\".").arg(kind.left(40)));
    if (read.ok() && (!stateFromString(state, &r.state) || r.state == State::Rejected))
        read.fail(tr("The server sent a city message in an unknown state \"%1\".").arg(state.left(40)));
    if (!read.finish(error))
        return false;
    *out = r;
    return true;
}

bool CityExchange::fromRejectedIntakeJson(const QJsonObject &o, CityExchange *out, Message *error)
{
    using Need = ProtocolReader::Need;
    ProtocolReader read(o, tr("refused city case"));
    CityExchange r;
    r.direction = Direction::Down;
    r.kind = Kind::AssignedCase;
    r.state = State::Rejected;
    r.cityRequestId = read.text("cityRequestId", Need::Required);
    read.text("reason", Need::Required);
    r.lastError = Message::readFrom(o, QStringLiteral("reason"));
    if (!read.finish(error))
        return false;
    *out = r;
    return true;
}

QJsonObject CityExchangeList::toJson() const
{
    QJsonArray messages, intakes;
    for (const CityExchange &e : exchanges)
        (e.direction == CityExchange::Direction::Up ? messages : intakes).append(e.toJson());
    QJsonArray gaps;
    for (const Message &gap : mappingGaps) {
        QJsonObject g;
        gap.writeTo(g, QStringLiteral("message"));
        gaps.append(g);
    }
    return {{QStringLiteral("messages"), messages}, {QStringLiteral("rejectedIntakes"), intakes},
            {QStringLiteral("mappingGaps"), gaps}};
}

bool CityExchangeList::fromJson(const QJsonObject &o, CityExchangeList *out, Message *error)
{
    ProtocolReader read(o, tr("list of city exchanges"));
    const QJsonArray messages = read.array("messages", ProtocolReader::Need::Required);
    const QJsonArray intakes = read.array("rejectedIntakes");
    const QJsonArray gaps = read.array("mappingGaps");
    if (!read.finish(error))
        return false;
    CityExchangeList list;
    for (const QJsonValue &g : gaps)
        list.mappingGaps.append(Message::readFrom(g.toObject(), QStringLiteral("message")));
    list.exchanges.reserve(messages.size() + intakes.size());
    for (const auto &[entries, isMessage] : {std::pair(messages, true), std::pair(intakes, false)}) {
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (!entries.at(i).isObject()) {
                *error = tr("Entry %1 of \"%2\" is not a JSON object.")
                             .arg(i + 1)
                             .arg(isMessage ? QStringLiteral("messages") : QStringLiteral("rejectedIntakes"));
                return false;
            }
            CityExchange e;
            const bool parsed = isMessage ? CityExchange::fromJson(entries.at(i).toObject(), &e, error)
                                          : CityExchange::fromRejectedIntakeJson(entries.at(i).toObject(), &e, error);
            if (!parsed)
                return false;
            list.exchanges.append(e);
        }
    }
    *out = list;
    return true;
}

} // namespace gw

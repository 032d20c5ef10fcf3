#pragma once
#include "message.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gw {

// One exchange with the city platform in trouble, as the administrator's list shows it
// (GET /api/v1/admin/city/exchanges, docs/sync-protocol.md "City exchange"): an upward message (escalation or status
// update) that failed or waits for a retry after a failed attempt — an element of `messages` — or a case the city
// assigned that the district refused to take in — an element of `rejectedIntakes`. The server makes it from its
// outbox (CityOutboxMessage::toExchange) and writes it; the client reads it. The translated names live here.
class CityExchange
{
    GW_DECLARE_MESSAGES(gw::CityExchange)
public:
    enum class Direction { Up, Down };  // to the city / from the city
    enum class Kind { Escalation, StatusUpdate, AssignedCase };
    enum class State { Pending, Sent, Acknowledged, Failed, Rejected };

    QString id;              // message id (UUID); empty for a rejected intake, which cannot be retried
    QString idempotencyKey;
    QString caseId;          // empty for a rejected intake
    QString cityRequestId;
    Direction direction = Direction::Up;
    Kind kind = Kind::Escalation;
    State state = State::Pending;
    int attempts = 0;
    int httpStatus = 0;      // of the city's last answer, 0 when none arrived
    Message lastError;       // in the server's words (for a rejected intake: why it was refused)
    QDateTime createdAt, updatedAt, nextAttemptAt;  // UTC
    QJsonObject body;        // the request as sent, in the city's (configurable) field names

    bool canRetry() const { return !id.isEmpty() && (state == State::Failed || state == State::Pending); }
    // Hints for the list from the body, when it carries them (the case may not be stored on this computer).
    QString caseNumber() const;
    QString caseTitle() const;

    static QString kindToString(Kind kind);
    static bool kindFromString(const QString &text, Kind *kind);
    static QString stateToString(State state);
    static bool stateFromString(const QString &text, State *state);
    static Message directionDisplayName(Direction direction);
    static Message kindDisplayName(Kind kind);
    static Message stateDisplayName(State state);

    // Up: an element of `messages`; Down: an element of `rejectedIntakes` ({cityRequestId, reason}).
    QJsonObject toJson() const;
    // An element of `messages` / of `rejectedIntakes`; false with *error (translated) when it is not in that shape.
    static bool fromJson(const QJsonObject &o, CityExchange *out, Message *error);
    static bool fromRejectedIntakeJson(const QJsonObject &o, CityExchange *out, Message *error);
};

// The whole answer of GET /api/v1/admin/city/exchanges: {messages: [...], rejectedIntakes: [...]}.
class CityExchangeList
{
    GW_DECLARE_MESSAGES(gw::CityExchangeList)
public:
    QList<CityExchange> exchanges;  // messages (Up) first, then rejected intakes (Down)
    // What the district's reference data has that the city mapping does not cover (CityMapping::gaps).
    QList<Message> mappingGaps;

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, CityExchangeList *out, Message *error);
};

} // namespace gw

#pragma once
#include "protocol/cityexchange.h"
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// One upward message to the city platform, persisted before it is sent.
struct CityOutboxMessage {
    enum class Kind { Escalation, StatusUpdate };
    // pending: waiting for (another) attempt; sent: on the wire now; acknowledged: the city answered 2xx;
    // failed: the city refused it (4xx) or attempts ran out; stays until an administrator retries it.
    enum class State { Pending, Sent, Acknowledged, Failed };

    QString id;              // UUID
    QString idempotencyKey;  // sent as Idempotency-Key; unique: enqueueing the same thing twice is a no-op
    QString caseId;
    Kind kind = Kind::Escalation;
    QJsonObject body;
    State state = State::Pending;
    int attempts = 0;
    QDateTime createdAt;
    QDateTime nextAttemptAt;
    QDateTime updatedAt;
    Message lastError;       // why the last attempt did not succeed, in words
    int httpStatus = 0;      // of the last answer, 0 when none arrived
    QString cityRequestId;   // service_request_id the city answered with
    qint64 seq = 0;          // send order

    static QString kindToString(Kind kind);
    static bool kindFromString(const QString &text, Kind *kind);
    static QString stateToString(State state);
    static bool stateFromString(const QString &text, State *state);
    // As the administrator's list shows it (the wire type, written by the server's admin API).
    CityExchange toExchange() const;
};

} // namespace gw

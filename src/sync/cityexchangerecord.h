#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// One entry of the administrator's list of city exchanges in trouble (GET /api/v1/admin/city/exchanges): an upward
// message (escalation or status update) that failed or waits for a retry after a failed attempt, or a case the city
// assigned that the district refused to take in.
struct CityExchangeRecord {
    enum class Direction { Up, Down };  // to the city / from the city
    enum class Kind { Escalation, StatusUpdate, AssignedCase };
    enum class State { Pending, Sent, Acknowledged, Failed, Rejected };

    QString id;              // message id (UUID); empty for a rejected intake, which cannot be retried
    QString caseId;          // empty for a rejected intake
    QString cityRequestId;
    Direction direction = Direction::Up;
    Kind kind = Kind::Escalation;
    State state = State::Pending;
    int attempts = 0;
    int httpStatus = 0;      // of the city's last answer, 0 when none arrived
    QString lastError;       // in the server's words
    QDateTime createdAt, updatedAt, nextAttemptAt;  // UTC
    QString caseNumber, caseTitle;  // from the message body when it carries them (the case may not be stored here)

    bool canRetry() const { return !id.isEmpty() && (state == State::Failed || state == State::Pending); }

    static QString directionDisplayName(Direction direction);
    static QString kindDisplayName(Kind kind);
    static QString stateDisplayName(State state);

    // One element of `messages` / of `rejectedIntakes`; false with *why (translated) when it is not in that shape.
    static bool fromMessageJson(const QJsonObject &o, CityExchangeRecord *out, QString *why);
    static bool fromRejectedIntakeJson(const QJsonObject &o, CityExchangeRecord *out, QString *why);
};

} // namespace gw

#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// What the case detail shows about a case's exchange with the city platform.
struct CitySyncState {
    enum class State { None, Pending, Sent, Acknowledged, Failed };
    State state = State::None;  // None: the case has nothing to do with the city
    QString reason;             // last error in words (failed, or pending after a failed attempt)
    QString cityRequestId;      // the city's service_request_id once known
    QString origin;             // "escalated" | "assigned" | empty
    int pendingMessages = 0;
    int attempts = 0;           // of the message the state is about
    QDateTime lastExchangeAt;

    static QString stateToString(State state);
    QString displayText() const;  // translated one-liner for the case detail
    QJsonObject toJson() const;
};

} // namespace gw

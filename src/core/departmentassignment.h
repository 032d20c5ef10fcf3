#pragma once
#include "message.h"
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// One summoned department's part in a case: its deadlines and how far it got.
struct DepartmentAssignment {
    enum class State { Summoned, CheckedIn, Handled, Returned };

    QString departmentId;
    bool lead = false;                 // 主办 (true) or 协办 (false)
    State state = State::Summoned;
    QDateTime summonedAt;
    QDateTime checkInDue;
    QDateTime handleDue;
    QDateTime checkedInAt;
    QDateTime handledAt;
    QString feedback;
    QString returnReason;
    QString returnedBy;
    QDateTime postponeRequestedDue;    // valid while a request waits for a decision
    QString postponeReason;
    int postponeCount = 0;
    int rating = 0;                    // community rating 1..5, 0 = not rated
    bool archived = false;             // from a round before the case was reopened
    // Kept for assessment (考核): when things happened that the state alone does not tell.
    QDateTime returnedAt;              // when the department returned the assignment (退回)
    QDateTime ratedAt;                 // when the community rated the department
    int reworkCount = 0;               // times this department's handling failed verification (返工)

    bool isActive() const { return state != State::Returned && !archived; }
    bool isCheckInOverdue(const QDateTime &now) const;
    bool isHandleOverdue(const QDateTime &now) const;
    static QString stateToString(State state);
    static bool stateFromString(const QString &text, State *state);
    static Message stateDisplayName(State state);
    QJsonObject toJson() const;
    static DepartmentAssignment fromJson(const QJsonObject &o);
};

} // namespace gw

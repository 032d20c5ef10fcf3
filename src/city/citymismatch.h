#pragma once
#include <QJsonObject>
#include <QString>

namespace gw {

// One difference between our cases and the city platform's view, found by reconciliation.
struct CityMismatch {
    enum class Kind { MissingInCity, MissingHere, StatusDiffers, DeadlineDiffers };
    Kind kind = Kind::MissingInCity;
    QString caseId;
    QString cityRequestId;
    QString ours;            // our value (status, deadline), empty when the case is missing here
    QString theirs;          // the city's value
    QString reason;          // translated sentence
    bool outboxPending = false;  // an update for this case is still waiting to go up: may resolve itself

    static QString kindToString(Kind kind);
    QJsonObject toJson() const;
};

} // namespace gw

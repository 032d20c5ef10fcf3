#pragma once
#include <QJsonObject>
#include <QString>

namespace gw {

// One difference between the district's cases and the city platform's view, as the server's reconciliation
// reports it (POST /api/v1/admin/city/reconcile).
struct CityMismatchRecord {
    enum class Kind { MissingInCity, MissingHere, StatusDiffers, DeadlineDiffers };

    Kind kind = Kind::StatusDiffers;
    QString caseId;
    QString cityRequestId;
    QString ours;     // our value (status, deadline); empty when the case is missing here
    QString theirs;   // the city's value
    QString reason;   // the server's sentence
    bool outboxPending = false;  // an update is still on its way up: may resolve itself

    static QString kindDisplayName(Kind kind);
    static bool fromJson(const QJsonObject &o, CityMismatchRecord *out, QString *why);
};

} // namespace gw

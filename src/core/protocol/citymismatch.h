#pragma once
#include "message.h"
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace gw {

// One difference between the district's cases and the city platform's view, found by reconciliation: an element of
// `mismatches` in the answer to POST /api/v1/admin/city/reconcile (docs/sync-protocol.md, "City exchange").
// The city adapter finds them (CityAdapter::compare), the server writes them, the admin view reads them.
class CityMismatch
{
    GW_DECLARE_MESSAGES(gw::CityMismatch)
public:
    enum class Kind { MissingInCity, MissingHere, StatusDiffers, DeadlineDiffers };

    Kind kind = Kind::MissingInCity;
    QString caseId;          // empty when the case is missing here
    QString cityRequestId;   // empty when the city does not know the case
    QString ours;            // our value (status, deadline); empty when the case is missing here
    QString theirs;          // the city's value
    Message reason;
    bool outboxPending = false;  // an update for this case is still waiting to go up: may resolve itself

    static QString kindToString(Kind kind);
    static bool kindFromString(const QString &text, Kind *kind);
    static Message kindDisplayName(Kind kind);  // translated

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, CityMismatch *out, Message *error);

    bool operator==(const CityMismatch &o) const
    {
        return kind == o.kind && caseId == o.caseId && cityRequestId == o.cityRequestId && ours == o.ours
               && theirs == o.theirs && reason == o.reason && outboxPending == o.outboxPending;
    }
};

} // namespace gw

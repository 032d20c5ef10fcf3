#pragma once
#include "casedraft.h"
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// A case the city platform assigned down to the district, translated into our terms.
struct CityAssignedCase {
    QString cityRequestId;    // the city's service_request_id
    QString caseId;           // our case id (UUID): stable across pulls, so a re-offered case is recognisable
    CaseDraft draft;          // valid for a case.registered by the adapter's intake user (checked by Workflow)
    QString cityState;        // the city's own state of the request, as sent
    QDateTime deadline;       // the city's deadline for the district (x_deadline), invalid when none
    QDateTime cityUpdatedAt;  // updated_datetime on the city side
    bool alreadyRegistered = false;  // true: our case exists; this is an update of a known request
    QJsonObject raw;          // the city's request as received, for the audit trail

    QJsonObject toJson() const;
};

} // namespace gw

#include "citymismatch.h"

namespace gw {

QString CityMismatch::kindToString(Kind kind)
{
    switch (kind) {
    case Kind::MissingInCity: return QStringLiteral("missing_in_city");
    case Kind::MissingHere: return QStringLiteral("missing_here");
    case Kind::StatusDiffers: return QStringLiteral("status_differs");
    case Kind::DeadlineDiffers: return QStringLiteral("deadline_differs");
    }
    return {};
}

QJsonObject CityMismatch::toJson() const
{
    return QJsonObject{{"kind", kindToString(kind)}, {"caseId", caseId},   {"cityRequestId", cityRequestId},
                       {"ours", ours},               {"theirs", theirs},   {"reason", reason},
                       {"outboxPending", outboxPending}};
}

} // namespace gw

#include "cityassignedcase.h"
#include "caseevent.h"

namespace gw {

QJsonObject CityAssignedCase::toJson() const
{
    return QJsonObject{{"cityRequestId", cityRequestId},
                       {"caseId", caseId},
                       {"draft", draft.toPayload()},
                       {"cityState", cityState},
                       {"deadline", deadline.isValid() ? CaseEvent::timeToString(deadline) : QString()},
                       {"cityUpdatedAt", cityUpdatedAt.isValid() ? CaseEvent::timeToString(cityUpdatedAt) : QString()},
                       {"alreadyRegistered", alreadyRegistered},
                       {"raw", raw}};
}

} // namespace gw

#include "cityexchangereport.h"
#include "caseevent.h"
#include "workflow.h"
#include <QCoreApplication>

namespace gw {

QString CityExchangeReport::auditText() const
{
    Message what;
    if (kind == QLatin1String("escalation"))
        what = tr("Escalation to the city platform");
    else if (kind == QLatin1String("status_update"))
        what = tr("Status update to the city platform");
    else if (kind == QLatin1String("assigned_case"))
        what = tr("Case assigned by the city platform");
    else if (kind == QLatin1String("reconcile"))
        what = tr("Reconciliation with the city platform");
    else
        what = tr("Exchange with the city platform");
    Message how;
    if (outcome == QLatin1String("queued"))
        how = tr("queued");
    else if (outcome == QLatin1String("acknowledged"))
        how = tr("acknowledged as %1").arg(cityRequestId);
    else if (outcome == QLatin1String("retrying"))
        how = tr("not delivered yet, will retry (attempt %1)").arg(attempts);
    else if (outcome == QLatin1String("failed"))
        how = tr("failed");
    else if (outcome == QLatin1String("received"))
        how = tr("received as %1").arg(cityRequestId);
    else if (outcome == QLatin1String("rejected"))
        how = tr("could not be taken in");
    else if (outcome == QLatin1String("mismatch"))
        how = tr("found a difference");
    else
        how = outcome;
    // Kept on the case's trail in the district server's language.
    QString text = tr("%1: %2.").arg(what, how).text();
    if (!detail.isEmpty())
        text += u' ' + detail.text();
    // Must fit a case.commented payload.
    return text.left(Workflow::MaxReason);
}

QJsonObject CityExchangeReport::toJson() const
{
    return QJsonObject{{"at", CaseEvent::timeToString(at)},
                       {"caseId", caseId},
                       {"cityRequestId", cityRequestId},
                       {"direction", direction},
                       {"kind", kind},
                       {"outcome", outcome},
                       {"messageId", messageId},
                       {"idempotencyKey", idempotencyKey},
                       {"httpStatus", httpStatus},
                       {"attempts", attempts},
                       {"detail", detail.english()},
                       {"milestone", milestone}};
}

} // namespace gw

// The assessment routes of ApiServer (issue 16; docs/sync-protocol.md, "Assessment"): the district's results are
// computed here, where every case is, and a month is published (frozen) here, so every computer shows one ranking.
#include "apireplies.h"
#include "apiserver.h"
#include "districtassessment.h"
#include "serverstore.h"
#include <QUrlQuery>

namespace gw {

using namespace api;

// GET /api/v1/assessment/months?from=yyyy-MM&to=yyyy-MM: each month's live figures and its publications. Every
// signed-in account may read them: the district's results are announced to streets and departments alike.
ApiServer::Reply ApiServer::assessmentMonths(const QUrlQuery &query)
{
    const QString from = query.queryItemValue(QStringLiteral("from"));
    const QString to = query.queryItemValue(QStringLiteral("to"));
    AssessmentMonthsAnswer answer;
    const Result r = m_assessment->months(from, to.isEmpty() ? from : to, &answer);
    if (!r.ok)
        return fromResult(r);
    return ok(answer.toJson());
}

// POST /api/v1/assessment/months/<yyyy-MM>/publish {reason}: the month's next revision.
ApiServer::Reply ApiServer::publishMonth(const User &user, const QString &month, const QJsonObject &body)
{
    const QJsonValue reason = body.value(QStringLiteral("reason"));
    if (!reason.isUndefined() && !reason.isString())
        return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "The reason must be text."));
    MonthPublication published;
    const Result r = m_assessment->publish(month, reason.toString(), user, &published);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("publication"), published.toJson()}}, Status::Created);
}

} // namespace gw

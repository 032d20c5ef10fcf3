#include "assessmentmetric.h"
#include "message.h"
#include <QCoreApplication>
#include <QLocale>

namespace gw {

namespace {
using Unit = AssessmentMetricInfo::Unit;
const AssessmentMetricInfo kMetrics[] = {
    {AssessmentMetric::Registered, "registered", Unit::Count, 0},
    {AssessmentMetric::Whistled, "whistled", Unit::Count, 0},
    {AssessmentMetric::Closed, "closed", Unit::Count, 0},
    {AssessmentMetric::WhistleRate, "whistleRate", Unit::Percent, 1},
    {AssessmentMetric::CloseRate, "closeRate", Unit::Percent, 1},
    {AssessmentMetric::OnTimeCheckInRate, "onTimeCheckInRate", Unit::Percent, 1},
    {AssessmentMetric::OnTimeHandlingRate, "onTimeHandlingRate", Unit::Percent, 1},
    {AssessmentMetric::ReworkRate, "reworkRate", Unit::Percent, 1},
    {AssessmentMetric::OverdueCount, "overdueCount", Unit::Count, 0},
    {AssessmentMetric::AvgHandlingDays, "avgHandlingDays", Unit::Days, 2},
    {AssessmentMetric::Satisfaction, "satisfaction", Unit::Points, 1},
    {AssessmentMetric::PostponementRate, "postponementRate", Unit::Percent, 1},
    {AssessmentMetric::ReturnedCount, "returnedCount", Unit::Count, 0},
    {AssessmentMetric::DepartmentRating, "departmentRating", Unit::Rating, 2},
    {AssessmentMetric::StepOnTimeRate, "stepOnTimeRate", Unit::Percent, 1},
};
} // namespace

QList<AssessmentMetric> allAssessmentMetrics()
{
    QList<AssessmentMetric> out;
    for (const AssessmentMetricInfo &m : kMetrics)
        out.append(m.metric);
    return out;
}

const AssessmentMetricInfo &assessmentMetricInfo(AssessmentMetric metric)
{
    return kMetrics[static_cast<int>(metric)];
}

QString assessmentMetricId(AssessmentMetric metric)
{
    return QString::fromLatin1(assessmentMetricInfo(metric).id);
}

bool assessmentMetricFromId(const QString &id, AssessmentMetric *metric)
{
    for (const AssessmentMetricInfo &m : kMetrics) {
        if (id == QLatin1String(m.id)) {
            *metric = m.metric;
            return true;
        }
    }
    return false;
}

Message assessmentMetricDisplayName(AssessmentMetric metric)
{
    switch (metric) {
    case AssessmentMetric::Registered: return Message::translate("gw::AssessmentMetric", "Cases registered");
    case AssessmentMetric::Whistled: return Message::translate("gw::AssessmentMetric", "Cases whistled");
    case AssessmentMetric::Closed: return Message::translate("gw::AssessmentMetric", "Cases closed");
    case AssessmentMetric::WhistleRate: return Message::translate("gw::AssessmentMetric", "Whistle rate");
    case AssessmentMetric::CloseRate: return Message::translate("gw::AssessmentMetric", "Close rate");
    case AssessmentMetric::OnTimeCheckInRate: return Message::translate("gw::AssessmentMetric", "On-time check-in rate");
    case AssessmentMetric::OnTimeHandlingRate: return Message::translate("gw::AssessmentMetric", "On-time handling rate");
    case AssessmentMetric::ReworkRate: return Message::translate("gw::AssessmentMetric", "Rework rate");
    case AssessmentMetric::OverdueCount: return Message::translate("gw::AssessmentMetric", "Overdue");
    case AssessmentMetric::AvgHandlingDays: return Message::translate("gw::AssessmentMetric", "Average handling time (working days)");
    case AssessmentMetric::Satisfaction: return Message::translate("gw::AssessmentMetric", "Satisfaction");
    case AssessmentMetric::PostponementRate: return Message::translate("gw::AssessmentMetric", "Postponement rate");
    case AssessmentMetric::ReturnedCount: return Message::translate("gw::AssessmentMetric", "Returned assignments");
    case AssessmentMetric::DepartmentRating: return Message::translate("gw::AssessmentMetric", "Community rating (1-5)");
    case AssessmentMetric::StepOnTimeRate: return Message::translate("gw::AssessmentMetric", "On-time step rate");
    }
    return {};
}

Message assessmentMetricUnitSuffix(AssessmentMetric metric)
{
    switch (assessmentMetricInfo(metric).unit) {
    case Unit::Percent: return QStringLiteral("%");
    case Unit::Days: return Message::translate("gw::AssessmentMetric", "d", "working days");
    case Unit::Count:
    case Unit::Points:
    case Unit::Rating: return {};
    }
    return {};
}

QString formatAssessmentValue(AssessmentMetric metric, double value, bool hasValue)
{
    if (!hasValue)
        return QStringLiteral("—");
    const AssessmentMetricInfo &info = assessmentMetricInfo(metric);
    return QString::number(value, 'f', info.decimals) + assessmentMetricUnitSuffix(metric).text();
}

} // namespace gw

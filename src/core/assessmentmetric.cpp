#include "assessmentmetric.h"
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
// The translation context of the metric names (an enum has no tr() of its own).
struct MetricText {
    Q_DECLARE_TR_FUNCTIONS(gw::AssessmentMetric)
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

QString assessmentMetricDisplayName(AssessmentMetric metric)
{
    switch (metric) {
    case AssessmentMetric::Registered: return MetricText::tr("Cases registered");
    case AssessmentMetric::Whistled: return MetricText::tr("Cases whistled");
    case AssessmentMetric::Closed: return MetricText::tr("Cases closed");
    case AssessmentMetric::WhistleRate: return MetricText::tr("Whistle rate");
    case AssessmentMetric::CloseRate: return MetricText::tr("Close rate");
    case AssessmentMetric::OnTimeCheckInRate: return MetricText::tr("On-time check-in rate");
    case AssessmentMetric::OnTimeHandlingRate: return MetricText::tr("On-time handling rate");
    case AssessmentMetric::ReworkRate: return MetricText::tr("Rework rate");
    case AssessmentMetric::OverdueCount: return MetricText::tr("Overdue");
    case AssessmentMetric::AvgHandlingDays: return MetricText::tr("Average handling time (working days)");
    case AssessmentMetric::Satisfaction: return MetricText::tr("Satisfaction");
    case AssessmentMetric::PostponementRate: return MetricText::tr("Postponement rate");
    case AssessmentMetric::ReturnedCount: return MetricText::tr("Returned assignments");
    case AssessmentMetric::DepartmentRating: return MetricText::tr("Community rating (1-5)");
    case AssessmentMetric::StepOnTimeRate: return MetricText::tr("On-time step rate");
    }
    return {};
}

QString assessmentMetricUnitSuffix(AssessmentMetric metric)
{
    switch (assessmentMetricInfo(metric).unit) {
    case Unit::Percent: return QStringLiteral("%");
    case Unit::Days: return QCoreApplication::translate("gw::AssessmentMetric", "d", "working days");
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
    return QString::number(value, 'f', info.decimals) + assessmentMetricUnitSuffix(metric);
}

} // namespace gw

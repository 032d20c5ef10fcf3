#pragma once
#include <QList>
#include "message.h"
#include <QString>

namespace gw {

// Every figure the assessment engine computes for an org unit. Indicators in the indicator set refer to
// these by id; the ids are part of the indicator file format: never rename.
enum class AssessmentMetric {
    Registered,          // registered              登记数
    Whistled,            // whistled                吹哨数
    Closed,              // closed                  结案数
    WhistleRate,         // whistleRate             吹哨率 (%)
    CloseRate,           // closeRate               结案率 (%)
    OnTimeCheckInRate,   // onTimeCheckInRate       按时报到率 (%)
    OnTimeHandlingRate,  // onTimeHandlingRate      按期处置率 (%)
    ReworkRate,          // reworkRate              返工率 (%)
    OverdueCount,        // overdueCount            超期数
    AvgHandlingDays,     // avgHandlingDays         平均处置用时 (working days)
    Satisfaction,        // satisfaction            满意度 (0..100)
    PostponementRate,    // postponementRate        延期率 (%)
    ReturnedCount,       // returnedCount           退回数
    DepartmentRating,    // departmentRating        社区评价 (1..5)
    StepOnTimeRate       // stepOnTimeRate          按时流转率 (%): the unit's own steps done within their step clock
};

struct AssessmentMetricInfo {
    enum class Unit { Count, Percent, Days, Points, Rating };
    AssessmentMetric metric;
    const char *id;
    Unit unit;
    int decimals;  // how many decimals reports show
};

QList<AssessmentMetric> allAssessmentMetrics();
const AssessmentMetricInfo &assessmentMetricInfo(AssessmentMetric metric);
QString assessmentMetricId(AssessmentMetric metric);
bool assessmentMetricFromId(const QString &id, AssessmentMetric *metric);
Message assessmentMetricDisplayName(AssessmentMetric metric);  // translated
Message assessmentMetricUnitSuffix(AssessmentMetric metric);   // "%", "d", "" ... (translated)
// The value as a report shows it ("95.5%", "3.2", "—" for no data).
QString formatAssessmentValue(AssessmentMetric metric, double value, bool hasValue);

} // namespace gw

#include "assessmentresult.h"
#include <algorithm>

namespace gw {

bool UnitFigures::value(AssessmentMetric metric, double *out) const
{
    const bool department = kind == OrgUnit::Kind::Department;
    auto ratio = [out](double num, int den, double scale) {
        if (den <= 0)
            return false;
        *out = scale * num / den;
        return true;
    };
    switch (metric) {
    case AssessmentMetric::Registered:
        if (department)
            return false;
        *out = registered;
        return true;
    case AssessmentMetric::Whistled: *out = whistled; return true;
    case AssessmentMetric::Closed: *out = closed; return true;
    case AssessmentMetric::WhistleRate: return !department && ratio(whistleHits, whistleBase, 100);
    case AssessmentMetric::CloseRate: return ratio(closeHits, closeBase, 100);
    case AssessmentMetric::OnTimeCheckInRate: return ratio(checkInsOnTime, checkInsDue, 100);
    case AssessmentMetric::OnTimeHandlingRate: return ratio(handlingsOnTime, handlingsDue, 100);
    case AssessmentMetric::ReworkRate: return ratio(reworked, handlingsDone, 100);
    case AssessmentMetric::OverdueCount: *out = overdue; return true;
    case AssessmentMetric::AvgHandlingDays: return ratio(handlingWorkHours / 24.0, handlingsDone, 1);
    case AssessmentMetric::Satisfaction: return ratio(satisfactionSum, satisfactionCount, 1);
    case AssessmentMetric::PostponementRate: return ratio(postponed, handlingsDue, 100);
    case AssessmentMetric::ReturnedCount: *out = returned; return true;
    case AssessmentMetric::DepartmentRating: return ratio(ratingSum, ratingCount, 1);
    case AssessmentMetric::StepOnTimeRate: return ratio(stepsOnTime, stepsDue, 100);
    }
    return false;
}

QList<UnitFigures> AssessmentResult::ranked(QList<UnitFigures> units)
{
    std::stable_sort(units.begin(), units.end(), [](const UnitFigures &a, const UnitFigures &b) {
        if (a.hasComposite() != b.hasComposite())
            return a.hasComposite();
        return a.hasComposite() && a.composite > b.composite;
    });
    return units;
}

const UnitFigures *AssessmentResult::find(const QString &unitId) const
{
    if (district.unitId == unitId)
        return &district;
    for (const QList<UnitFigures> *list : {&streets, &departments, &centers})
        for (const UnitFigures &u : *list)
            if (u.unitId == unitId)
                return &u;
    return nullptr;
}

} // namespace gw

#include "stepclock.h"

namespace gw {

CaseStep StepClock::stepFor(CaseStatus status)
{
    switch (status) {
    case CaseStatus::Registered:
        return CaseStep::Analyze;
    case CaseStatus::Analyzed:
        return CaseStep::Review;
    case CaseStatus::Approved:
        return CaseStep::Whistle;
    case CaseStatus::Handled:
        return CaseStep::Verify;
    case CaseStatus::Verified:
        return CaseStep::Close;
    case CaseStatus::Whistled:
    case CaseStatus::Handling:
    case CaseStatus::StreetHandling:
    case CaseStatus::Closed:
    case CaseStatus::Rejected:
    case CaseStatus::Merged:
        break;
    }
    return CaseStep::None;
}

QString StepClock::unitFor(CaseStep step, const CaseRecord &record, const OrgDirectory &org)
{
    const bool centerStep = step == CaseStep::Review || step == CaseStep::Close || record.streetId.isEmpty();
    if (!centerStep)
        return record.streetId;
    const QList<OrgUnit> centers = org.unitsOfKind(OrgUnit::Kind::Center);
    return centers.isEmpty() ? QString() : centers.first().id;
}

int StepClock::limitHours(CaseStep step, const StepLimits &limits)
{
    switch (step) {
    case CaseStep::Analyze:
        return limits.analyzeHours;
    case CaseStep::Review:
        return limits.reviewHours;
    case CaseStep::Whistle:
        return limits.whistleHours;
    case CaseStep::Verify:
        return limits.verifyHours;
    case CaseStep::Close:
        return limits.closeHours;
    case CaseStep::None:
        break;
    }
    return 0;
}

void StepClock::advance(CaseRecord &c, const QDateTime &when, const OrgDirectory &org,
                        const CategoryCatalog &categories, const WorkCalendar &calendar)
{
    const CaseStep next = stepFor(c.status);
    if (next == c.step)
        return;  // still waiting at the same step: its clock keeps running
    if (c.step != CaseStep::None)
        c.stepHistory.append(StepRecord{c.step, c.stepUnit, c.stepStartedAt, c.stepDue, when});
    c.step = next;
    if (next == CaseStep::None) {
        c.stepUnit.clear();
        c.stepStartedAt = c.stepDue = {};
        return;
    }
    // Category and urgency as they stand now: an analysis that changed them sets the later steps' limits.
    const StepLimits limits = categories.stepLimits(c.categoryId, c.urgency);
    c.stepUnit = unitFor(next, c, org);
    c.stepStartedAt = when;
    c.stepDue = calendar.addWorkingHours(when, limitHours(next, limits));
}

Message StepClock::displayName(CaseStep step)
{
    switch (step) {
    case CaseStep::Analyze:
        return tr("Analysis");
    case CaseStep::Review:
        return tr("Review");
    case CaseStep::Whistle:
        return tr("Whistle");
    case CaseStep::Verify:
        return tr("Verification");
    case CaseStep::Close:
        return tr("Closing");
    case CaseStep::None:
        break;
    }
    return {};
}

bool StepClock::isOverdue(const CaseRecord &record, const QDateTime &now)
{
    return record.step != CaseStep::None && record.stepDue.isValid() && now > record.stepDue;
}

} // namespace gw

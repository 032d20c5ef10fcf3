#pragma once
#include "message.h"
#include "caserecord.h"
#include "categorycatalog.h"
#include "orgdirectory.h"
#include "workcalendar.h"
#include <QCoreApplication>

namespace gw {

// The clock on each step the center or the street holds a case at (研判, 审核, 发起吹哨, 核查, 结案).
// Workflow::apply runs it after every event, on client and server alike: it uses the event's time only, never
// "now", so every replay gives the same projection. It never refuses anything: a late step is only overdue.
class StepClock
{
    GW_DECLARE_MESSAGES(gw::StepClock)

public:
    // The step a case in `status` waits at (None when a department or the street's own handling holds it).
    static CaseStep stepFor(CaseStatus status);
    // Finishes the running step and starts the next one when the event moved the case to another step.
    static void advance(CaseRecord &record, const QDateTime &when, const OrgDirectory &org,
                        const CategoryCatalog &categories, const WorkCalendar &calendar);
    // Who holds the case at `step`: the center for review and closing, and for analysis, whistle and
    // verification of a case without a street; otherwise the case's street (its operator acts there).
    static QString unitFor(CaseStep step, const CaseRecord &record, const OrgDirectory &org);
    static int limitHours(CaseStep step, const StepLimits &limits);
    static Message displayName(CaseStep step);  // translated: 研判, 审核, ...
    static bool isOverdue(const CaseRecord &record, const QDateTime &now);
};

} // namespace gw

#pragma once
#include "categorycatalog.h"
#include "message.h"
#include <QCoreApplication>
#include "workcalendar.h"
#include "workflow.h"
#include <QDateTime>
#include <QList>
#include <map>
#include <memory>
#include <vector>

namespace gw {

class ReferenceStore;

// The district's rules as they were at any moment (issue 16): every stored version of the work calendar and of the
// categories with their rule table, and the workflow built on the versions in force at a time. An event's step clock
// was computed by the server under the rules in force when it took the event (its serverTime), so `verify` replays
// each event under those: changing office hours, a step limit or next year's holidays changes no stored case.
class RulesHistory
{
    GW_DECLARE_MESSAGES(gw::RulesHistory)
public:
    // Reads all versions; a kind without stored versions is the one installed in this process.
    explicit RulesHistory(const ReferenceStore &store);
    RulesHistory(const RulesHistory &) = delete;
    RulesHistory &operator=(const RulesHistory &) = delete;

    // The workflow with the calendar and categories in force at `when` (the newest version changed at or before it;
    // before the first version, the first).
    const Workflow &workflowAt(const QDateTime &when);
    // Rebuilds a case from its stored events, each checked and applied under the rules in force at its serverTime
    // (Workflow::replay, with the rules of the moment); stops at the first refused event.
    Result replay(const QList<CaseEvent> &events, CaseRecord *record);

private:
    template <typename Data>
    struct Version {
        QDateTime from;
        std::unique_ptr<Data> data;
    };
    template <typename Data>
    static int indexAt(const std::vector<Version<Data>> &versions, const QDateTime &when);

    std::vector<Version<WorkCalendar>> m_calendars;  // oldest first; the objects stay put (workflows refer to them)
    std::vector<Version<CategoryCatalog>> m_categories;
    std::map<std::pair<int, int>, std::unique_ptr<Workflow>> m_workflows;
};

} // namespace gw

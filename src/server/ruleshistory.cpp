#include "ruleshistory.h"
#include "protocol/referenceset.h"
#include "referencestore.h"

namespace gw {

RulesHistory::RulesHistory(const ReferenceStore &store)
{
    for (const ReferenceSet &set : store.allVersions(ReferenceSet::Calendar)) {
        auto calendar = std::make_unique<WorkCalendar>();
        if (calendar->load(set.body).ok)
            m_calendars.push_back({set.changedAt, std::move(calendar)});
    }
    for (const ReferenceSet &set : store.allVersions(ReferenceSet::Categories)) {
        auto catalog = std::make_unique<CategoryCatalog>();
        if (catalog->load(set.body).ok)
            m_categories.push_back({set.changedAt, std::move(catalog)});
    }
    if (m_calendars.empty())
        m_calendars.push_back({QDateTime(), std::make_unique<WorkCalendar>(WorkCalendar::builtin())});
    if (m_categories.empty())
        m_categories.push_back({QDateTime(), std::make_unique<CategoryCatalog>(CategoryCatalog::builtin())});
}

template <typename Data>
int RulesHistory::indexAt(const std::vector<Version<Data>> &versions, const QDateTime &when)
{
    int index = 0;
    for (int i = 1; i < int(versions.size()) && when.isValid() && versions[size_t(i)].from <= when; ++i)
        index = i;
    return index;
}

const Workflow &RulesHistory::workflowAt(const QDateTime &when)
{
    const int calendar = indexAt(m_calendars, when);
    const int categories = indexAt(m_categories, when);
    std::unique_ptr<Workflow> &workflow = m_workflows[{calendar, categories}];
    if (!workflow)
        workflow = std::make_unique<Workflow>(OrgDirectory::builtin(), *m_categories[size_t(categories)].data,
                                              *m_calendars[size_t(calendar)].data);
    return *workflow;
}

Result RulesHistory::replay(const QList<CaseEvent> &events, CaseRecord *record)
{
    CaseRecord c;
    for (int i = 0; i < events.size(); ++i) {
        const CaseEvent &e = events.at(i);
        const Workflow &workflow = workflowAt(e.serverTime);
        const Result checked = workflow.check(i > 0 ? &c : nullptr, e);
        if (!checked.ok)
            return Result::failure(checked.code, tr("Event %1 (%2) is not valid here: %3")
                                                     .arg(e.caseSeq).arg(eventTypeDisplayName(e.type), checked.message));
        workflow.apply(c, e);
    }
    *record = c;
    return Result::success();
}

} // namespace gw

#include "savedview.h"
#include "accesspolicy.h"
#include "orgdirectory.h"
#include "workflow.h"
#include <QCoreApplication>

namespace gw {

namespace {

// Steps that move a case forward and are owed by someone. Optional steps (comment, escalate, hold,
// reopen, rating a department) do not put a case on anybody's to-do list.
bool isOwedStep(EventType type, const CaseRecord &record)
{
    switch (type) {
    case EventType::Analyzed:
    case EventType::Reviewed:
    case EventType::CheckedIn:
    case EventType::Handled:
    case EventType::PostponeDecided:
    case EventType::StreetResolved:
    case EventType::Verified:
    case EventType::Closed:
        return true;
    case EventType::Whistled:
        // Summoning more departments to a running case is possible but not owed.
        return record.departments.isEmpty();
    default:
        return false;
    }
}

// A typical case in `status`, inside the user's own area, with the user's department (if any) at the step
// that state implies.
CaseRecord typicalCase(CaseStatus status, const User &user)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    CaseRecord r;
    r.id = QStringLiteral("todo-probe");
    r.number = r.id;
    r.status = status;
    r.categoryId = QStringLiteral("other");
    r.streetId = org.streetOf(user.orgUnitId);
    if (r.streetId.isEmpty())
        r.streetId = QStringLiteral("street.tuodong");
    if (org.isKind(user.orgUnitId, OrgUnit::Kind::Community))
        r.communityId = user.orgUnitId;
    if (status == CaseStatus::Whistled || status == CaseStatus::Handling || status == CaseStatus::Handled
        || status == CaseStatus::Verified || status == CaseStatus::Closed) {
        DepartmentAssignment a;
        a.departmentId = org.isKind(user.orgUnitId, OrgUnit::Kind::Department) ? user.orgUnitId
                                                                               : QStringLiteral("dept.chengguan");
        a.lead = true;
        a.state = status == CaseStatus::Whistled  ? DepartmentAssignment::State::Summoned
                  : status == CaseStatus::Handling ? DepartmentAssignment::State::CheckedIn
                                                   : DepartmentAssignment::State::Handled;
        r.departments.append(a);
    }
    return r;
}

} // namespace

QString SavedView::title() const
{
    switch (kind) {
    case Kind::MyTodo: return QCoreApplication::translate("gw::SavedView", "My to-do");
    case Kind::AllVisible: return QCoreApplication::translate("gw::SavedView", "All visible");
    case Kind::Overdue: return QCoreApplication::translate("gw::SavedView", "Overdue");
    }
    return {};
}

QList<CaseStatus> SavedView::todoStatuses(const User &user)
{
    const Workflow workflow;
    QList<CaseStatus> out;
    for (CaseStatus status : allCaseStatuses()) {
        const CaseRecord probe = typicalCase(status, user);
        for (EventType type : workflow.availableActions(probe, user)) {
            if (isOwedStep(type, probe)) {
                out.append(status);
                break;
            }
        }
    }
    return out;
}

bool SavedView::decidesPostponements(const User &user)
{
    // A running case in the user's area whose lead department asked for more time: may this user decide?
    CaseRecord probe = typicalCase(CaseStatus::Handling, user);
    for (DepartmentAssignment &a : probe.departments) {
        a.postponeRequestedDue = QDateTime::currentDateTimeUtc().addDays(7);
        a.postponeReason = QStringLiteral("todo-probe");
    }
    return Workflow().permits(&probe, user, EventType::PostponeDecided).ok;
}

QList<SavedView> SavedView::forUser(const User &user)
{
    const AccessPolicy::Scope scope = AccessPolicy::scopeFor(user);
    SavedView todo;
    todo.kind = Kind::MyTodo;
    todo.filter.scope = scope;
    todo.filter.statuses = todoStatuses(user);
    // A postponement request does not change the case's status, so it joins the to-do as its own condition.
    todo.filter.orPostponementPending = decidesPostponements(user);
    todo.matchesNothing = todo.filter.statuses.isEmpty() && !todo.filter.orPostponementPending;

    SavedView all;
    all.kind = Kind::AllVisible;
    all.filter.scope = scope;

    SavedView overdue;
    overdue.kind = Kind::Overdue;
    overdue.filter.scope = scope;
    overdue.filter.overdueOnly = true;
    overdue.filter.openOnly = true;
    return {todo, all, overdue};
}

CaseFilter SavedView::combine(const SavedView &view, const CaseFilter &bar, bool *matchesNothing)
{
    CaseFilter f = bar;
    f.scope = view.filter.scope;
    f.overdueOnly = bar.overdueOnly || view.filter.overdueOnly;
    f.openOnly = bar.openOnly || view.filter.openOnly;
    bool nothing = view.matchesNothing;
    const bool postponements = view.filter.orPostponementPending;
    f.orPostponementPending = postponements;
    f.postponementStatuses.clear();
    if (!view.filter.statuses.isEmpty() || postponements) {
        if (bar.statuses.isEmpty()) {
            f.statuses = view.filter.statuses;
        } else {
            f.statuses.clear();
            for (CaseStatus s : bar.statuses)
                if (view.filter.statuses.contains(s))
                    f.statuses.append(s);
            // Waiting postponements still show, within the statuses the bar asks for.
            if (postponements)
                f.postponementStatuses = bar.statuses;
            nothing = nothing || (f.statuses.isEmpty() && !postponements);
        }
    }
    if (!view.filter.departmentId.isEmpty())
        f.departmentId = view.filter.departmentId;
    if (matchesNothing)
        *matchesNothing = nothing;
    return f;
}

} // namespace gw

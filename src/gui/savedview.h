#pragma once
#include "casefilter.h"
#include "user.h"
#include <QList>

namespace gw {

// A named preset of the case list offered to a role: "my to-do", "all visible", "overdue".
struct SavedView {
    enum class Kind { MyTodo, AllVisible, Overdue };
    Kind kind = Kind::AllVisible;
    CaseFilter filter;        // scope already set to what the user may see
    bool matchesNothing = false;  // e.g. a supervisor has no to-do of their own

    QString title() const;    // translated

    static QList<SavedView> forUser(const User &user);
    // The case states in which `user` has a step to take now, found by asking the Workflow about a typical
    // case in each state (so the to-do view follows the rules instead of repeating them).
    static QList<CaseStatus> todoStatuses(const User &user);
    // True when `user` decides postponement requests (asked of the Workflow): their to-do then also lists
    // cases where a department's request waits for a decision, whatever the case's status.
    static bool decidesPostponements(const User &user);
    // Combines a view with the filter bar's choices. `matchesNothing` is set when they exclude each other.
    static CaseFilter combine(const SavedView &view, const CaseFilter &bar, bool *matchesNothing);
};

} // namespace gw

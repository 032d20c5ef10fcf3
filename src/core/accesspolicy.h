#pragma once
#include "caserecord.h"
#include "orgdirectory.h"
#include "user.h"

namespace gw {

// Which cases a user may see. Used by the server before anything leaves it, and by the client's queries.
class AccessPolicy
{
public:
    struct Scope {
        enum class Kind { All, Street, Community, Department, None };
        Kind kind = Kind::None;
        QString orgUnitId;
    };

    static Scope scopeFor(const User &user);
    static bool canView(const CaseRecord &record, const User &user);
    // Who may see and work the city exchange's admin view (failed exchanges, retry, pull, reconcile): the server
    // answers 403 to everyone else, and the client offers the view only to them.
    static bool canManageCityExchange(const User &user);
    // Who may list, create and change accounts and read the administrative log (the account console).
    static bool canManageAccounts(const User &user);
    static bool canReadAdminLog(const User &user) { return canManageAccounts(user); }
    // Who may change the district's reference data (calendar years today; issue 16).
    static bool canManageReferenceData(const User &user) { return canManageAccounts(user); }
    // Who may change the district's indicator sets: an active account holding the assessment administrator grant,
    // whatever its role (issue 16).
    static bool canManageIndicators(const User &user)
    {
        return user.active && user.hasGrant(User::AssessmentAdministrator);
    }
    // Who may publish (lock) a month's assessment or publish a correction: supervisors (督查考核) and assessment
    // administrators. Everyone signed in may read the district's results.
    static bool canPublishAssessment(const User &user)
    {
        return user.active && (user.role == Role::Supervisor || user.hasGrant(User::AssessmentAdministrator));
    }
};

} // namespace gw

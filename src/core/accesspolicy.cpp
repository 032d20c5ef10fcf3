#include "accesspolicy.h"

namespace gw {

AccessPolicy::Scope AccessPolicy::scopeFor(const User &user)
{
    if (!user.active)
        return {Scope::Kind::None, {}};
    // A scoped role without a unit is a broken account: matching "" would show every case lacking that unit
    // (e.g. all cases registered without a community).
    const bool scoped = user.role == Role::StreetOperator || user.role == Role::CommunityReporter
                        || user.role == Role::DepartmentHandler;
    if (scoped && user.orgUnitId.trimmed().isEmpty())
        return {Scope::Kind::None, {}};
    switch (user.role) {
    case Role::CenterDispatcher:
    case Role::CenterReviewer:
    case Role::Supervisor:
    case Role::Administrator:
        return {Scope::Kind::All, {}};
    case Role::StreetOperator:
        return {Scope::Kind::Street, user.orgUnitId};
    case Role::CommunityReporter:
        return {Scope::Kind::Community, user.orgUnitId};
    case Role::DepartmentHandler:
        return {Scope::Kind::Department, user.orgUnitId};
    }
    return {Scope::Kind::None, {}};
}

bool AccessPolicy::canView(const CaseRecord &record, const User &user)
{
    const Scope scope = scopeFor(user);
    switch (scope.kind) {
    case Scope::Kind::All: return true;
    case Scope::Kind::Street: return record.streetId == scope.orgUnitId;
    case Scope::Kind::Community: return record.communityId == scope.orgUnitId;
    case Scope::Kind::Department: return record.involvesDepartment(scope.orgUnitId);
    case Scope::Kind::None: return false;
    }
    return false;
}

bool AccessPolicy::canManageCityExchange(const User &user)
{
    return user.active && user.role == Role::Administrator;
}

bool AccessPolicy::canManageAccounts(const User &user)
{
    return user.active && user.role == Role::Administrator;
}

} // namespace gw

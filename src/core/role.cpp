#include "role.h"
#include <QCoreApplication>

namespace gw {

QList<Role> allRoles()
{
    return {Role::CommunityReporter, Role::StreetOperator, Role::CenterDispatcher, Role::CenterReviewer,
            Role::DepartmentHandler, Role::Supervisor, Role::Administrator};
}

QString roleToString(Role role)
{
    switch (role) {
    case Role::CommunityReporter: return QStringLiteral("community_reporter");
    case Role::StreetOperator: return QStringLiteral("street_operator");
    case Role::CenterDispatcher: return QStringLiteral("center_dispatcher");
    case Role::CenterReviewer: return QStringLiteral("center_reviewer");
    case Role::DepartmentHandler: return QStringLiteral("department_handler");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::Administrator: return QStringLiteral("administrator");
    }
    return {};
}

bool roleFromString(const QString &text, Role *role)
{
    for (Role r : allRoles()) {
        if (roleToString(r) == text) {
            *role = r;
            return true;
        }
    }
    return false;
}

Message roleDisplayName(Role role)
{
    switch (role) {
    case Role::CommunityReporter: return Message::translate("gw::Role", "Community reporter");
    case Role::StreetOperator: return Message::translate("gw::Role", "Street operator");
    case Role::CenterDispatcher: return Message::translate("gw::Role", "Center dispatcher");
    case Role::CenterReviewer: return Message::translate("gw::Role", "Center reviewer");
    case Role::DepartmentHandler: return Message::translate("gw::Role", "Department handler");
    case Role::Supervisor: return Message::translate("gw::Role", "Supervisor");
    case Role::Administrator: return Message::translate("gw::Role", "Administrator");
    }
    return {};
}

} // namespace gw

#pragma once
#include "message.h"
#include <QString>
#include <QList>

namespace gw {

enum class Role {
    CommunityReporter,  // 社区网格员: registers cases in its community
    StreetOperator,     // 街道操作员: registers, analyzes, whistles and verifies for its street
    CenterDispatcher,   // 指挥中心调度员: routes any case
    CenterReviewer,     // 指挥中心审核/领导: approves, decides postponements, escalates, reopens
    DepartmentHandler,  // 部门处置人员: checks in, handles, returns wrong assignments
    Supervisor,         // 督查考核: reads everything, runs assessments
    Administrator       // 系统管理员: users, roles, org units; takes no part in cases
};

QString roleToString(Role role);              // stable wire name, e.g. "street_operator"
bool roleFromString(const QString &text, Role *role);
Message roleDisplayName(Role role);         // translated
QList<Role> allRoles();

} // namespace gw

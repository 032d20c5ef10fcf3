#pragma once
#include "message.h"
#include <QString>
#include <QList>

namespace gw {

// Every kind of change a case can undergo. The wire names are part of the sync and audit formats: never rename.
enum class EventType {
    Registered,         // case.registered          哨件登记
    Analyzed,           // case.analyzed            哨件研判
    Reviewed,           // case.reviewed            哨件审核
    Whistled,           // case.whistled            发起吹哨
    CheckedIn,          // dept.checked_in          部门报到
    AssignmentReturned, // dept.returned            退回
    Handled,            // dept.handled             处置反馈
    PostponeRequested,  // dept.postpone_requested  延期申请
    PostponeDecided,    // case.postpone_decided    延期审批
    StreetResolved,     // case.street_resolved     街道自行处置
    Verified,           // case.verified            结果核查
    Closed,             // case.closed              哨件结案
    Escalated,          // case.escalated           上报市级
    Reopened,           // case.reopened            重新打开
    Commented,          // case.commented           线上协同留言
    HoldChanged,        // case.hold                缓办 / 恢复
    DepartmentRated,    // dept.rated               社区评价部门
    Numbered            // case.numbered            服务器编号 (system only)
};

QString eventTypeToString(EventType type);
bool eventTypeFromString(const QString &text, EventType *type);
Message eventTypeDisplayName(EventType type);
QList<EventType> allEventTypes();

} // namespace gw

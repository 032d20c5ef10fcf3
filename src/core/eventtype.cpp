#include "eventtype.h"
#include <QCoreApplication>

namespace gw {

QList<EventType> allEventTypes()
{
    return {EventType::Registered, EventType::Analyzed, EventType::Reviewed, EventType::Whistled,
            EventType::CheckedIn, EventType::AssignmentReturned, EventType::Handled, EventType::PostponeRequested,
            EventType::PostponeDecided, EventType::StreetResolved, EventType::Verified, EventType::Closed,
            EventType::Escalated, EventType::Reopened, EventType::Commented, EventType::HoldChanged,
            EventType::DepartmentRated, EventType::Numbered};
}

QString eventTypeToString(EventType type)
{
    switch (type) {
    case EventType::Registered: return QStringLiteral("case.registered");
    case EventType::Analyzed: return QStringLiteral("case.analyzed");
    case EventType::Reviewed: return QStringLiteral("case.reviewed");
    case EventType::Whistled: return QStringLiteral("case.whistled");
    case EventType::CheckedIn: return QStringLiteral("dept.checked_in");
    case EventType::AssignmentReturned: return QStringLiteral("dept.returned");
    case EventType::Handled: return QStringLiteral("dept.handled");
    case EventType::PostponeRequested: return QStringLiteral("dept.postpone_requested");
    case EventType::PostponeDecided: return QStringLiteral("case.postpone_decided");
    case EventType::StreetResolved: return QStringLiteral("case.street_resolved");
    case EventType::Verified: return QStringLiteral("case.verified");
    case EventType::Closed: return QStringLiteral("case.closed");
    case EventType::Escalated: return QStringLiteral("case.escalated");
    case EventType::Reopened: return QStringLiteral("case.reopened");
    case EventType::Commented: return QStringLiteral("case.commented");
    case EventType::HoldChanged: return QStringLiteral("case.hold");
    case EventType::DepartmentRated: return QStringLiteral("dept.rated");
    case EventType::Numbered: return QStringLiteral("case.numbered");
    }
    return {};
}

bool eventTypeFromString(const QString &text, EventType *type)
{
    for (EventType t : allEventTypes()) {
        if (eventTypeToString(t) == text) {
            *type = t;
            return true;
        }
    }
    return false;
}

QString eventTypeDisplayName(EventType type)
{
    switch (type) {
    case EventType::Registered: return QCoreApplication::translate("gw::EventType", "Registered");
    case EventType::Analyzed: return QCoreApplication::translate("gw::EventType", "Analyzed");
    case EventType::Reviewed: return QCoreApplication::translate("gw::EventType", "Reviewed");
    case EventType::Whistled: return QCoreApplication::translate("gw::EventType", "Whistle blown");
    case EventType::CheckedIn: return QCoreApplication::translate("gw::EventType", "Department checked in");
    case EventType::AssignmentReturned: return QCoreApplication::translate("gw::EventType", "Assignment returned");
    case EventType::Handled: return QCoreApplication::translate("gw::EventType", "Handling feedback");
    case EventType::PostponeRequested: return QCoreApplication::translate("gw::EventType", "Postponement requested");
    case EventType::PostponeDecided: return QCoreApplication::translate("gw::EventType", "Postponement decided");
    case EventType::StreetResolved: return QCoreApplication::translate("gw::EventType", "Resolved by the street");
    case EventType::Verified: return QCoreApplication::translate("gw::EventType", "Verified");
    case EventType::Closed: return QCoreApplication::translate("gw::EventType", "Closed");
    case EventType::Escalated: return QCoreApplication::translate("gw::EventType", "Escalated to the city");
    case EventType::Reopened: return QCoreApplication::translate("gw::EventType", "Reopened");
    case EventType::Commented: return QCoreApplication::translate("gw::EventType", "Comment");
    case EventType::HoldChanged: return QCoreApplication::translate("gw::EventType", "On hold changed");
    case EventType::DepartmentRated: return QCoreApplication::translate("gw::EventType", "Department rated");
    case EventType::Numbered: return QCoreApplication::translate("gw::EventType", "Case number assigned");
    }
    return {};
}

} // namespace gw

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

Message eventTypeDisplayName(EventType type)
{
    switch (type) {
    case EventType::Registered: return Message::translate("gw::EventType", "Registered");
    case EventType::Analyzed: return Message::translate("gw::EventType", "Analyzed");
    case EventType::Reviewed: return Message::translate("gw::EventType", "Reviewed");
    case EventType::Whistled: return Message::translate("gw::EventType", "Whistle blown");
    case EventType::CheckedIn: return Message::translate("gw::EventType", "Department checked in");
    case EventType::AssignmentReturned: return Message::translate("gw::EventType", "Assignment returned");
    case EventType::Handled: return Message::translate("gw::EventType", "Handling feedback");
    case EventType::PostponeRequested: return Message::translate("gw::EventType", "Postponement requested");
    case EventType::PostponeDecided: return Message::translate("gw::EventType", "Postponement decided");
    case EventType::StreetResolved: return Message::translate("gw::EventType", "Resolved by the street");
    case EventType::Verified: return Message::translate("gw::EventType", "Verified");
    case EventType::Closed: return Message::translate("gw::EventType", "Closed");
    case EventType::Escalated: return Message::translate("gw::EventType", "Escalated to the city");
    case EventType::Reopened: return Message::translate("gw::EventType", "Reopened");
    case EventType::Commented: return Message::translate("gw::EventType", "Comment");
    case EventType::HoldChanged: return Message::translate("gw::EventType", "On hold changed");
    case EventType::DepartmentRated: return Message::translate("gw::EventType", "Department rated");
    case EventType::Numbered: return Message::translate("gw::EventType", "Case number assigned");
    }
    return {};
}

} // namespace gw

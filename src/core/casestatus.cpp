#include "casestatus.h"
#include <QCoreApplication>

namespace gw {

QList<CaseStatus> allCaseStatuses()
{
    return {CaseStatus::Registered, CaseStatus::Analyzed, CaseStatus::Approved, CaseStatus::Whistled,
            CaseStatus::Handling, CaseStatus::StreetHandling, CaseStatus::Handled, CaseStatus::Verified,
            CaseStatus::Closed, CaseStatus::Rejected, CaseStatus::Merged};
}

QString caseStatusToString(CaseStatus status)
{
    switch (status) {
    case CaseStatus::Registered: return QStringLiteral("registered");
    case CaseStatus::Analyzed: return QStringLiteral("analyzed");
    case CaseStatus::Approved: return QStringLiteral("approved");
    case CaseStatus::Whistled: return QStringLiteral("whistled");
    case CaseStatus::Handling: return QStringLiteral("handling");
    case CaseStatus::StreetHandling: return QStringLiteral("street_handling");
    case CaseStatus::Handled: return QStringLiteral("handled");
    case CaseStatus::Verified: return QStringLiteral("verified");
    case CaseStatus::Closed: return QStringLiteral("closed");
    case CaseStatus::Rejected: return QStringLiteral("rejected");
    case CaseStatus::Merged: return QStringLiteral("merged");
    }
    return {};
}

bool caseStatusFromString(const QString &text, CaseStatus *status)
{
    for (CaseStatus s : allCaseStatuses()) {
        if (caseStatusToString(s) == text) {
            *status = s;
            return true;
        }
    }
    return false;
}

Message caseStatusDisplayName(CaseStatus status)
{
    switch (status) {
    case CaseStatus::Registered: return Message::translate("gw::CaseStatus", "Registered");
    case CaseStatus::Analyzed: return Message::translate("gw::CaseStatus", "Analyzed");
    case CaseStatus::Approved: return Message::translate("gw::CaseStatus", "Approved");
    case CaseStatus::Whistled: return Message::translate("gw::CaseStatus", "Whistled");
    case CaseStatus::Handling: return Message::translate("gw::CaseStatus", "Handling");
    case CaseStatus::StreetHandling: return Message::translate("gw::CaseStatus", "Street handling");
    case CaseStatus::Handled: return Message::translate("gw::CaseStatus", "Handled");
    case CaseStatus::Verified: return Message::translate("gw::CaseStatus", "Verified");
    case CaseStatus::Closed: return Message::translate("gw::CaseStatus", "Closed");
    case CaseStatus::Rejected: return Message::translate("gw::CaseStatus", "Rejected");
    case CaseStatus::Merged: return Message::translate("gw::CaseStatus", "Merged");
    }
    return {};
}

bool isTerminal(CaseStatus status)
{
    return status == CaseStatus::Closed || status == CaseStatus::Rejected || status == CaseStatus::Merged;
}

} // namespace gw

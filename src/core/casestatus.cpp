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

QString caseStatusDisplayName(CaseStatus status)
{
    switch (status) {
    case CaseStatus::Registered: return QCoreApplication::translate("gw::CaseStatus", "Registered");
    case CaseStatus::Analyzed: return QCoreApplication::translate("gw::CaseStatus", "Analyzed");
    case CaseStatus::Approved: return QCoreApplication::translate("gw::CaseStatus", "Approved");
    case CaseStatus::Whistled: return QCoreApplication::translate("gw::CaseStatus", "Whistled");
    case CaseStatus::Handling: return QCoreApplication::translate("gw::CaseStatus", "Handling");
    case CaseStatus::StreetHandling: return QCoreApplication::translate("gw::CaseStatus", "Street handling");
    case CaseStatus::Handled: return QCoreApplication::translate("gw::CaseStatus", "Handled");
    case CaseStatus::Verified: return QCoreApplication::translate("gw::CaseStatus", "Verified");
    case CaseStatus::Closed: return QCoreApplication::translate("gw::CaseStatus", "Closed");
    case CaseStatus::Rejected: return QCoreApplication::translate("gw::CaseStatus", "Rejected");
    case CaseStatus::Merged: return QCoreApplication::translate("gw::CaseStatus", "Merged");
    }
    return {};
}

bool isTerminal(CaseStatus status)
{
    return status == CaseStatus::Closed || status == CaseStatus::Rejected || status == CaseStatus::Merged;
}

} // namespace gw

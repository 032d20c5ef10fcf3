#pragma once
#include "message.h"
#include <QString>
#include <QList>

namespace gw {

enum class CaseStatus {
    Registered,      // 已登记, waiting for analysis
    Analyzed,        // 已研判, waiting for review
    Approved,        // 审核通过, waiting for the whistle
    Whistled,        // 已吹哨, departments summoned, none checked in yet
    Handling,        // 处置中
    StreetHandling,  // 街道自行处置
    Handled,         // 已处置, waiting for verification
    Verified,        // 核查通过, waiting to close
    Closed,          // 已结案
    Rejected,        // 审核不通过
    Merged           // 合并到其他哨件
};

QString caseStatusToString(CaseStatus status);
bool caseStatusFromString(const QString &text, CaseStatus *status);
Message caseStatusDisplayName(CaseStatus status);
QList<CaseStatus> allCaseStatuses();
bool isTerminal(CaseStatus status);  // Closed, Rejected, Merged

} // namespace gw

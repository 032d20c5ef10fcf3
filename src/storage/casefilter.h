#pragma once
#include "accesspolicy.h"
#include "casestatus.h"
#include "urgency.h"
#include <QDateTime>
#include <QList>
#include <optional>

namespace gw {

// What a case list shows: every field optional; empty means "any".
struct CaseFilter {
    enum class Sort { UpdatedDesc, RegisteredDesc, RegisteredAsc, DueAsc, NumberAsc };

    QList<CaseStatus> statuses;
    // "My to-do" of the role that decides postponements: a case also matches while one of its departments'
    // postponement requests waits for a decision, whatever `statuses` says (alone: only such cases).
    // `postponementStatuses`, when not empty, limits that second branch (the filter bar's status choice).
    bool orPostponementPending = false;
    QList<CaseStatus> postponementStatuses;
    QString streetId;
    QString communityId;
    QString departmentId;      // ever summoned to the case
    QString categoryId;
    std::optional<Urgency> urgency;
    bool overdueOnly = false;  // an open deadline before `now`
    bool openOnly = false;     // not closed, rejected or merged
    QDateTime registeredFrom;  // inclusive
    QDateTime registeredTo;    // exclusive
    QString text;              // full-text search over number, title, description, address
    AccessPolicy::Scope scope{AccessPolicy::Scope::Kind::All, {}};  // what the user may see
    Sort sort = Sort::UpdatedDesc;
    QDateTime now = QDateTime::currentDateTimeUtc();  // for overdue
};

// One row of a case list: enough to draw it without loading the whole record.
struct CaseSummary {
    QString id;
    QString number;
    QString title;
    CaseStatus status = CaseStatus::Registered;
    QString categoryId;
    QString streetId;
    Urgency urgency = Urgency::Normal;
    QDateTime registeredAt;
    QDateTime updatedAt;
    QDateTime nextDue;         // invalid when no deadline is running
    bool overdue = false;
    bool onHold = false;
    bool escalated = false;
    bool pendingSync = false;  // has local actions the server has not accepted yet
    QStringList departments;   // active departments, lead first
};

} // namespace gw

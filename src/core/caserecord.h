#pragma once
#include "casestatus.h"
#include "casestep.h"
#include "departmentassignment.h"
#include "urgency.h"
#include <QJsonArray>
#include <QList>
#include <QStringList>

namespace gw {

// The current state of one case (哨件), as projected from its events by Workflow::apply.
struct CaseRecord {
    // What a stored projection holds, bumped when apply() learns to project more from the same events (2: step
    // clocks). A store holding an older format rebuilds its projections from the events once, so replays and
    // `verify` agree with what is stored.
    static constexpr int ProjectionFormat = 2;

    QString id;
    QString number;           // human number, e.g. PL-2026-000123 (provisional until the server numbers it)
    QString title;
    QString description;
    QString categoryId;
    QString subcategoryId;
    QString streetId;
    QString communityId;
    QString address;
    QString gridCell;
    bool hasLocation = false;
    double longitude = 0;
    double latitude = 0;
    Urgency urgency = Urgency::Normal;
    QString reporterName;
    QString reporterPhone;
    QJsonArray attachments;   // [{id, name, mime, size, sha256}]
    QString registeredBy;
    QDateTime registeredAt;
    QDateTime updatedAt;

    CaseStatus status = CaseStatus::Registered;
    QString analysisNote;
    QString mergedInto;
    QDateTime streetDue;      // deadline when the street resolves the case itself
    QString streetFeedback;
    QString lastDecisionBy;   // who last returned/rejected/reworked, and why: shown to the next person
    QString lastDecisionReason;
    QList<DepartmentAssignment> departments;
    int reworkCount = 0;
    int reopenCount = 0;
    bool onHold = false;
    bool escalated = false;
    QString escalationReason;
    QDateTime whistledAt;
    QDateTime handledAt;
    QDateTime verifiedAt;
    QDateTime closedAt;
    QString satisfaction;     // satisfied | basic | dissatisfied | empty
    // The step clock (StepClock): the step the center or street holds the case at, by whom, and until when.
    CaseStep step = CaseStep::None;
    QString stepUnit;
    QDateTime stepStartedAt;
    QDateTime stepDue;
    QList<StepRecord> stepHistory;  // finished steps, oldest first (assessment: 按时流转率)
    int eventCount = 0;       // == caseSeq of the last applied event
    QByteArray lastHash;

    const DepartmentAssignment *assignment(const QString &departmentId) const;
    DepartmentAssignment *assignment(const QString &departmentId);
    const DepartmentAssignment *leadAssignment() const;
    QStringList activeDepartmentIds() const;
    bool involvesDepartment(const QString &departmentId) const;  // ever summoned, returned or not
    // Some live assignment's postponement request waits for a center reviewer's decision.
    bool hasPendingPostponement() const;
    // The earliest deadline still open (check-in, handling, the street's or the current step's), or invalid when
    // none is running.
    QDateTime nextDue() const;
    bool isOverdue(const QDateTime &now) const;

    QJsonObject toJson() const;
    static CaseRecord fromJson(const QJsonObject &o);
};

} // namespace gw

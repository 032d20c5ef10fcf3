#pragma once
#include "caserecord.h"
#include "orgdirectory.h"
#include "workcalendar.h"
#include <QHash>
#include <QStringList>
#include <vector>

namespace gw {

// One piece of work the assessment scores: a department's assignment (check-in + handling), or a street's own
// handling of a case it resolved without a whistle. Times are milliseconds since the epoch (UTC), 0 = never.
struct AssessmentTaskFact {
    enum Flag : quint8 {
        StreetTask = 1,     // the street handled the case itself (no check-in; due = the street deadline)
        Returned = 2,       // the department returned the assignment (退回)
        ActiveAtClose = 4,  // a live, handled assignment when the case closed: shares the case's satisfaction
        Lead = 8
    };
    qint64 summonedAt = 0;
    qint64 checkInDue = 0;
    qint64 checkedInAt = 0;
    qint64 handleDue = 0;     // the deadline in force: approved postponements and rework deadlines included
    qint64 handledAt = 0;     // the latest handling feedback (after rework: the last one)
    qint64 returnedAt = 0;
    qint64 ratedAt = 0;
    float handlingWorkHours = -1;  // start -> handled, counting only hours on working days; < 0 when not handled
    quint16 unit = 0;              // index into AssessmentFacts::unitIds()
    quint8 rating = 0;             // community rating 1..5, 0 = none
    quint8 reworkCount = 0;        // failed verifications of this handling (capped at 255)
    quint8 postponeCount = 0;      // approved postponements
    quint8 flags = 0;
};

// One step the center or a street held a case at (StepClock): finished (from the step history) or still running
// (doneAt = 0). Scored as the unit's own on-time rate of steps (按时流转率).
struct AssessmentStepFact {
    qint64 startedAt = 0;
    qint64 due = 0;
    qint64 doneAt = 0;
    quint32 caseIndex = 0;  // into cases()
    quint16 unit = 0;       // index into unitIds()
    quint8 step = 0;        // CaseStep
};

// The few facts of one case the assessment needs, built once from its projection.
struct AssessmentCaseFact {
    enum Satisfaction : quint8 { NoCallback = 0, Satisfied = 1, Basic = 2, Dissatisfied = 3 };
    enum Flag : quint8 { OnHold = 1, Rejected = 2, Merged = 4 };
    qint64 registeredAt = 0;
    qint64 whistledAt = 0;   // first whistle of the current round
    qint64 closedAt = 0;
    quint32 firstTask = 0;   // tasks of this case: [firstTask, firstTask + taskCount)
    quint16 taskCount = 0;
    quint16 street = 0;      // index into unitIds()
    quint16 category = 0;    // index into categoryIds()
    quint8 status = 0;       // CaseStatus
    quint8 satisfaction = NoCallback;
    quint8 flags = 0;
};

// Compact, cache-friendly input of the assessment engine: a million cases fit in well under 200 MB and are
// scanned in one pass. Org units and categories are interned as small indexes.
class AssessmentFacts
{
public:
    explicit AssessmentFacts(const OrgDirectory &org = OrgDirectory::builtin(),
                             const WorkCalendar &calendar = WorkCalendar::builtin());

    void reserve(int cases, int tasks);
    void clear();
    // Keep each case's id (for drill-down from a figure to its cases). Off by default: the engine needs no ids.
    void setKeepCaseIds(bool keep) { m_keepIds = keep; }
    // The case id of fact `index`; empty when ids are not kept.
    QString caseId(int index) const { return index < m_caseIds.size() ? m_caseIds.at(index) : QString(); }
    // Adds one case from its projection.
    void addCase(const CaseRecord &record);
    // Adds a prepared fact (benchmarks, importers); `tasks` get their indexes fixed up here.
    void addFact(AssessmentCaseFact fact, const AssessmentTaskFact *tasks, int taskCount);

    int caseCount() const { return int(m_cases.size()); }
    const std::vector<AssessmentCaseFact> &cases() const { return m_cases; }
    const std::vector<AssessmentTaskFact> &tasks() const { return m_tasks; }
    const std::vector<AssessmentStepFact> &steps() const { return m_steps; }

    int unitIndex(const QString &unitId);      // interns unknown ids
    int categoryIndex(const QString &categoryId);
    const QStringList &unitIds() const { return m_unitIds; }
    const QStringList &categoryIds() const { return m_categoryIds; }
    const OrgDirectory &org() const { return m_org; }

    // Hours from `start` to `end` that fall on working days (weekends and holidays left out, make-up days in).
    static double workingHoursBetween(const QDateTime &start, const QDateTime &end, const WorkCalendar &calendar);
    static quint8 satisfactionCode(const QString &result);

private:
    const OrgDirectory &m_org;
    const WorkCalendar &m_calendar;
    std::vector<AssessmentCaseFact> m_cases;
    std::vector<AssessmentTaskFact> m_tasks;
    std::vector<AssessmentStepFact> m_steps;
    QStringList m_caseIds;
    bool m_keepIds = false;
    QStringList m_unitIds;
    QHash<QString, int> m_unitIndex;
    QStringList m_categoryIds;
    QHash<QString, int> m_categoryIndex;
};

} // namespace gw

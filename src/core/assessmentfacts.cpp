#include "assessmentfacts.h"
#include <algorithm>

namespace gw {

namespace {
qint64 ms(const QDateTime &t) { return t.isValid() ? t.toMSecsSinceEpoch() : 0; }
quint8 small(int n) { return quint8(std::clamp(n, 0, 255)); }
} // namespace

AssessmentFacts::AssessmentFacts(const OrgDirectory &org, const WorkCalendar &calendar)
    : m_org(org), m_calendar(calendar)
{
    // Streets and departments first, in directory order, so indexes are stable for a given directory.
    for (const OrgUnit &u : org.units())
        unitIndex(u.id);
}

void AssessmentFacts::reserve(int cases, int tasks)
{
    m_cases.reserve(size_t(cases));
    m_tasks.reserve(size_t(tasks));
}

void AssessmentFacts::clear()
{
    m_cases.clear();
    m_tasks.clear();
    m_steps.clear();
    m_caseIds.clear();
}

int AssessmentFacts::unitIndex(const QString &unitId)
{
    const auto it = m_unitIndex.constFind(unitId);
    if (it != m_unitIndex.constEnd())
        return *it;
    const int index = int(m_unitIds.size());
    m_unitIds.append(unitId);
    m_unitIndex.insert(unitId, index);
    return index;
}

int AssessmentFacts::categoryIndex(const QString &categoryId)
{
    const auto it = m_categoryIndex.constFind(categoryId);
    if (it != m_categoryIndex.constEnd())
        return *it;
    const int index = int(m_categoryIds.size());
    m_categoryIds.append(categoryId);
    m_categoryIndex.insert(categoryId, index);
    return index;
}

quint8 AssessmentFacts::satisfactionCode(const QString &result)
{
    if (result == QLatin1String("satisfied"))
        return AssessmentCaseFact::Satisfied;
    if (result == QLatin1String("basic"))
        return AssessmentCaseFact::Basic;
    if (result == QLatin1String("dissatisfied"))
        return AssessmentCaseFact::Dissatisfied;
    return AssessmentCaseFact::NoCallback;
}

double AssessmentFacts::workingHoursBetween(const QDateTime &start, const QDateTime &end, const WorkCalendar &calendar)
{
    if (!start.isValid() || !end.isValid() || end <= start)
        return 0;
    const QTimeZone zone = calendar.timeZone();
    const QDateTime s = start.toTimeZone(zone), e = end.toTimeZone(zone);
    const QDate first = s.date(), last = e.date();
    if (first == last)
        return calendar.isWorkingDay(first) ? s.msecsTo(e) / 3.6e6 : 0;
    double hours = 0;
    if (calendar.isWorkingDay(first))
        hours += s.msecsTo(QDateTime(first.addDays(1), QTime(0, 0), zone)) / 3.6e6;
    if (calendar.isWorkingDay(last))
        hours += QDateTime(last, QTime(0, 0), zone).msecsTo(e) / 3.6e6;
    // Whole days between: bounded by the dates themselves.
    for (QDate d = first.addDays(1); d < last; d = d.addDays(1))
        if (calendar.isWorkingDay(d))
            hours += 24;
    return hours;
}

void AssessmentFacts::addCase(const CaseRecord &c)
{
    AssessmentCaseFact f;
    f.registeredAt = ms(c.registeredAt);
    f.whistledAt = ms(c.whistledAt);
    f.closedAt = ms(c.closedAt);
    f.street = quint16(unitIndex(c.streetId));
    f.category = quint16(categoryIndex(c.categoryId));
    f.status = quint8(c.status);
    f.satisfaction = satisfactionCode(c.satisfaction);
    f.flags = (c.onHold ? AssessmentCaseFact::OnHold : 0) | (c.status == CaseStatus::Rejected ? AssessmentCaseFact::Rejected : 0)
              | (c.status == CaseStatus::Merged ? AssessmentCaseFact::Merged : 0);
    f.firstTask = quint32(m_tasks.size());

    bool anyActive = false;
    for (const DepartmentAssignment &a : c.departments) {
        anyActive = anyActive || a.isActive();
        AssessmentTaskFact t;
        t.unit = quint16(unitIndex(a.departmentId));
        t.summonedAt = ms(a.summonedAt);
        t.checkInDue = ms(a.checkInDue);
        t.checkedInAt = ms(a.checkedInAt);
        t.handleDue = ms(a.handleDue);
        // Only a handling that still stands counts: after a failed verification the state goes back to checked-in.
        if (a.state == DepartmentAssignment::State::Handled && a.handledAt.isValid()) {
            t.handledAt = ms(a.handledAt);
            t.handlingWorkHours = float(workingHoursBetween(a.summonedAt, a.handledAt, m_calendar));
        }
        t.returnedAt = a.state == DepartmentAssignment::State::Returned ? ms(a.returnedAt) : 0;
        t.ratedAt = a.rating > 0 ? ms(a.ratedAt) : 0;
        t.rating = small(a.rating);
        t.reworkCount = small(a.reworkCount);
        t.postponeCount = small(a.postponeCount);
        t.flags = (a.state == DepartmentAssignment::State::Returned ? AssessmentTaskFact::Returned : 0)
                  | (a.lead ? AssessmentTaskFact::Lead : 0)
                  | (c.status == CaseStatus::Closed && a.isActive() && a.state == DepartmentAssignment::State::Handled
                         ? AssessmentTaskFact::ActiveAtClose : 0);
        m_tasks.push_back(t);
    }
    // The street's own handling (街道自行处置): the case went to street handling and no department is live.
    if (c.streetDue.isValid() && !anyActive) {
        AssessmentTaskFact t;
        t.flags = AssessmentTaskFact::StreetTask;
        t.unit = f.street;
        t.summonedAt = f.registeredAt;
        t.handleDue = ms(c.streetDue);
        const bool handled = c.handledAt.isValid() && c.status != CaseStatus::StreetHandling;
        if (handled) {
            t.handledAt = ms(c.handledAt);
            t.handlingWorkHours = float(workingHoursBetween(c.registeredAt, c.handledAt, m_calendar));
        }
        t.reworkCount = small(c.reworkCount);
        m_tasks.push_back(t);
    }
    f.taskCount = quint16(m_tasks.size() - f.firstTask);
    auto addStep = [&](CaseStep step, const QString &unit, const QDateTime &started, const QDateTime &due,
                       const QDateTime &done) {
        if (step == CaseStep::None || unit.isEmpty() || !due.isValid())
            return;
        AssessmentStepFact s;
        s.startedAt = ms(started);
        s.due = ms(due);
        s.doneAt = ms(done);
        s.caseIndex = quint32(m_cases.size());
        s.unit = quint16(unitIndex(unit));
        s.step = quint8(step);
        m_steps.push_back(s);
    };
    for (const StepRecord &r : c.stepHistory)
        addStep(r.step, r.unit, r.startedAt, r.due, r.doneAt);
    addStep(c.step, c.stepUnit, c.stepStartedAt, c.stepDue, {});
    m_cases.push_back(f);
    if (m_keepIds)
        m_caseIds.append(c.id);
}

void AssessmentFacts::addFact(AssessmentCaseFact fact, const AssessmentTaskFact *tasks, int taskCount)
{
    fact.firstTask = quint32(m_tasks.size());
    fact.taskCount = quint16(taskCount);
    m_tasks.insert(m_tasks.end(), tasks, tasks + taskCount);
    m_cases.push_back(fact);
}

} // namespace gw

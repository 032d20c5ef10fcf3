#include "assessmentengine.h"
#include "message.h"
#include "orgdirectory.h"
#include <QCoreApplication>
#include <algorithm>
#include <array>

namespace gw {

AssessmentEngine::AssessmentEngine(const IndicatorSet &indicators) : m_indicators(indicators) {}

namespace {

// When a piece of work with deadline `due` done at `done` (0 = not done) is decided: on-time work when it
// was done, late or missing work when the deadline passed. That moment puts it into a period.
inline qint64 settledAt(qint64 due, qint64 done) { return (done != 0 && done <= due) ? done : due; }

} // namespace

AssessmentResult AssessmentEngine::assess(const AssessmentFacts &facts, const AssessmentPeriod &period,
                                          const QDateTime &asOf) const
{
    const qint64 from = period.from.toMSecsSinceEpoch();
    const qint64 to = period.to.toMSecsSinceEpoch();
    // Deadlines are judged only once they have passed: a period still running ends "now" for them.
    const qint64 judgedUntil = std::min(to, asOf.toMSecsSinceEpoch());
    auto inPeriod = [from, to](qint64 t) { return t != 0 && t >= from && t < to; };
    auto settledInPeriod = [from, judgedUntil](qint64 t) { return t != 0 && t >= from && t < judgedUntil; };

    const int unitCount = int(facts.unitIds().size());
    std::vector<UnitFigures> acc(size_t(unitCount) + 1);  // last slot: the whole district
    UnitFigures &district = acc.back();
    std::vector<int> byCategory(size_t(facts.categoryIds().size()), 0);
    std::array<int, 16> byStatus{};

    std::array<double, 256> reworkTable{};  // deduction by number of failures, computed once
    for (int n = 0; n < 256; ++n)
        reworkTable[size_t(n)] = m_indicators.reworkDeductionTotal(n);
    const std::array<double, 4> satisfaction{0, m_indicators.satisfactionScore(QStringLiteral("satisfied")),
                                             m_indicators.satisfactionScore(QStringLiteral("basic")),
                                             m_indicators.satisfactionScore(QStringLiteral("dissatisfied"))};

    const AssessmentTaskFact *tasks = facts.tasks().data();
    for (const AssessmentCaseFact &c : facts.cases()) {
        UnitFigures &street = acc[c.street];
        const bool onHold = c.flags & AssessmentCaseFact::OnHold;
        const bool outOfRates = onHold || (c.flags & (AssessmentCaseFact::Rejected | AssessmentCaseFact::Merged));
        const bool registeredNow = inPeriod(c.registeredAt);
        const bool closedNow = inPeriod(c.closedAt);
        const bool closedByEnd = c.closedAt != 0 && c.closedAt < judgedUntil;

        for (UnitFigures *u : {&street, &district}) {
            u->registered += registeredNow;
            u->whistled += inPeriod(c.whistledAt);
            u->closed += closedNow;
            if (registeredNow && onHold)
                ++u->onHoldExcluded;
            if (registeredNow && !outOfRates) {
                ++u->whistleBase;
                u->whistleHits += c.whistledAt != 0 && c.whistledAt < judgedUntil;
                ++u->closeBase;
                u->closeHits += closedByEnd;
            }
            if (closedNow && !onHold && c.satisfaction != AssessmentCaseFact::NoCallback) {
                ++u->satisfactionCount;
                u->satisfactionSum += satisfaction[c.satisfaction & 3];
            }
        }
        if (registeredNow) {
            ++byCategory[c.category];
            ++byStatus[c.status & 15];
        }

        const AssessmentTaskFact *end = tasks + c.firstTask + c.taskCount;
        for (const AssessmentTaskFact *t = tasks + c.firstTask; t != end; ++t) {
            UnitFigures &unit = acc[t->unit];
            const bool streetTask = t->flags & AssessmentTaskFact::StreetTask;
            // A street's own task is already in the street's slot; the district gets every task once.
            UnitFigures *targets[2] = {&unit, &district};
            for (UnitFigures *u : targets) {
                if (!streetTask) {
                    u->whistled += (u != &district) && inPeriod(t->summonedAt);
                    u->closed += (u != &district) && closedNow && (t->flags & AssessmentTaskFact::ActiveAtClose);
                }
                if (t->flags & AssessmentTaskFact::Returned) {
                    if (inPeriod(t->returnedAt)) {
                        ++u->returned;
                        u->returnDeduction += m_indicators.returnedAssignmentDeduction();
                    }
                    continue;
                }
                if (onHold)
                    continue;
                if (!streetTask && u != &district) {
                    if (inPeriod(t->summonedAt) && !outOfRates) {
                        ++u->closeBase;
                        u->closeHits += closedByEnd;
                    }
                    if (closedNow && (t->flags & AssessmentTaskFact::ActiveAtClose)
                        && c.satisfaction != AssessmentCaseFact::NoCallback) {
                        ++u->satisfactionCount;
                        u->satisfactionSum += satisfaction[c.satisfaction & 3];
                    }
                }
                if (t->checkInDue != 0 && settledInPeriod(settledAt(t->checkInDue, t->checkedInAt))) {
                    ++u->checkInsDue;
                    u->checkInsOnTime += t->checkedInAt != 0 && t->checkedInAt <= t->checkInDue;
                }
                if (t->handleDue != 0 && settledInPeriod(settledAt(t->handleDue, t->handledAt))) {
                    ++u->handlingsDue;
                    const bool onTime = t->handledAt != 0 && t->handledAt <= t->handleDue;
                    u->handlingsOnTime += onTime;
                    u->overdue += !onTime;
                    u->postponed += t->postponeCount > 0;
                }
                if (inPeriod(t->handledAt) && t->handledAt < judgedUntil) {
                    ++u->handlingsDone;
                    u->handlingWorkHours += std::max(0.0f, t->handlingWorkHours);
                    u->reworked += t->reworkCount > 0;
                    u->reworkFailures += t->reworkCount;
                    u->reworkDeduction += reworkTable[t->reworkCount];
                }
                if (t->rating != 0 && inPeriod(t->ratedAt)) {
                    ++u->ratingCount;
                    u->ratingSum += t->rating;
                }
            }
        }
    }

    // The center's and streets' own steps (StepClock), settled like check-ins: when done on time, else at the due
    // time. A step still waiting on a case on hold is not judged: the hold explains the wait.
    for (const AssessmentStepFact &s : facts.steps()) {
        if (s.doneAt == 0 && (facts.cases()[s.caseIndex].flags & AssessmentCaseFact::OnHold))
            continue;
        if (!settledInPeriod(settledAt(s.due, s.doneAt)))
            continue;
        const bool onTime = s.doneAt != 0 && s.doneAt <= s.due;
        for (UnitFigures *u : {&acc[s.unit], &district}) {
            ++u->stepsDue;
            u->stepsOnTime += onTime;
        }
    }

    AssessmentResult result;
    result.period = period;
    result.asOf = asOf.toUTC();
    result.indicatorVersion = m_indicators.version();
    result.indicatorTitle = m_indicators.title();
    const OrgDirectory &org = facts.org();
    for (int i = 0; i < unitCount; ++i) {
        const OrgUnit *u = org.find(facts.unitIds().at(i));
        if (!u || u->kind == OrgUnit::Kind::Community)
            continue;
        UnitFigures &f = acc[size_t(i)];
        f.unitId = u->id;
        f.name = u->name;
        f.kind = u->kind;
        score(f);
        (u->kind == OrgUnit::Kind::Street       ? result.streets
         : u->kind == OrgUnit::Kind::Department ? result.departments
                                                : result.centers)
            .append(f);
    }
    district.unitId = QStringLiteral("district");
    district.name = Message::translate("gw::AssessmentEngine", "Whole district").text();
    district.kind = OrgUnit::Kind::Center;
    result.district = district;
    for (int i = 0; i < int(byCategory.size()); ++i)
        if (byCategory[size_t(i)] > 0)
            result.registeredByCategory.insert(facts.categoryIds().at(i), byCategory[size_t(i)]);
    for (int s = 0; s < int(byStatus.size()); ++s)
        if (byStatus[size_t(s)] > 0)
            result.registeredByStatus.insert(s, byStatus[size_t(s)]);
    return result;
}

QStringList AssessmentEngine::casesBehind(const AssessmentFacts &facts, const QString &unitId,
                                          const AssessmentPeriod &period, const QDateTime &asOf) const
{
    const int unit = int(facts.unitIds().indexOf(unitId));
    if (unit < 0)
        return {};
    const qint64 from = period.from.toMSecsSinceEpoch(), to = period.to.toMSecsSinceEpoch();
    const qint64 judgedUntil = std::min(to, asOf.toMSecsSinceEpoch());
    auto in = [from, to](qint64 t) { return t != 0 && t >= from && t < to; };
    auto settled = [from, judgedUntil](qint64 due, qint64 done) {
        const qint64 t = settledAt(due, done);
        return t != 0 && t >= from && t < judgedUntil;
    };
    QStringList out;
    const AssessmentTaskFact *tasks = facts.tasks().data();
    for (int i = 0; i < facts.caseCount(); ++i) {
        const AssessmentCaseFact &c = facts.cases()[size_t(i)];
        bool hit = c.street == unit && (in(c.registeredAt) || in(c.whistledAt) || in(c.closedAt));
        const AssessmentTaskFact *end = tasks + c.firstTask + c.taskCount;
        for (const AssessmentTaskFact *t = tasks + c.firstTask; !hit && t != end; ++t) {
            if (t->unit != unit)
                continue;
            hit = in(t->summonedAt) || in(t->handledAt) || in(t->returnedAt) || in(t->ratedAt)
                  || (t->checkInDue && settled(t->checkInDue, t->checkedInAt))
                  || (t->handleDue && settled(t->handleDue, t->handledAt));
        }
        if (hit)
            out.append(facts.caseId(i));
    }
    return out;
}

void AssessmentEngine::score(UnitFigures &unit) const
{
    const bool street = unit.kind == OrgUnit::Kind::Street;
    const bool department = unit.kind == OrgUnit::Kind::Department;
    unit.indicatorScores.clear();
    double weighted = 0, weightWithData = 0;
    for (const Indicator &ind : m_indicators.indicators()) {
        const double weight = street ? ind.streetWeight : department ? ind.departmentWeight : 0;
        AssessmentMetric metric;
        double value = 0;
        if (weight <= 0 || !assessmentMetricFromId(ind.id, &metric) || !unit.value(metric, &value)) {
            unit.indicatorScores.append(std::nan(""));
            continue;
        }
        const double points = ind.score(value);
        unit.indicatorScores.append(points);
        weighted += weight * points;
        weightWithData += weight;
    }
    unit.deduction = std::min(unit.reworkDeduction + (department ? unit.returnDeduction : 0),
                              m_indicators.maxDeduction());
    if (!street && !department) {
        unit.composite = std::nan("");
        return;
    }
    // Indicators without data (nothing due, nobody called back) give their weight to the others, so a unit is
    // judged on what it actually had to do; a unit with nothing at all gets no score rather than 0 or 100.
    unit.composite = weightWithData > 0 ? std::clamp(weighted / weightWithData - unit.deduction, 0.0, 100.0)
                                        : std::nan("");
}

} // namespace gw

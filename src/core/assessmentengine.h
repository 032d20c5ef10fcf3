#pragma once
#include "assessmentfacts.h"
#include "assessmentresult.h"
#include "indicatorset.h"

namespace gw {

// The assessment (考核): one pass over the case facts gives every street's and department's figures for a period,
// then the indicator set turns them into scores. Pure computation: the same on the server and the client.
// The rules (which timestamp puts what into the period) are in docs/assessment.md.
class AssessmentEngine
{
public:
    explicit AssessmentEngine(const IndicatorSet &indicators = IndicatorSet::builtin());

    // `asOf` (default: now) is the moment of the assessment: a deadline that has not passed by then is not
    // judged yet. Past periods are unaffected by it.
    AssessmentResult assess(const AssessmentFacts &facts, const AssessmentPeriod &period,
                            const QDateTime &asOf = QDateTime::currentDateTimeUtc()) const;
    // The cases behind a unit's figures in a period (needs facts with kept ids): for a street every case it
    // registered, whistled or closed, or handled itself; for a department every case where one of its assignments
    // was summoned, checked in, handled, returned, rated or fell due in the period.
    QStringList casesBehind(const AssessmentFacts &facts, const QString &unitId, const AssessmentPeriod &period,
                            const QDateTime &asOf = QDateTime::currentDateTimeUtc()) const;
    // Applies the indicator set to figures already counted (scores, deductions, composite).
    void score(UnitFigures &unit) const;
    const IndicatorSet &indicators() const { return m_indicators; }

private:
    IndicatorSet m_indicators;  // a copy: a report must not change if the caller edits its set meanwhile
};

} // namespace gw

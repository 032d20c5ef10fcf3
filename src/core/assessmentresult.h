#pragma once
#include "assessmentmetric.h"
#include "assessmentperiod.h"
#include "casestatus.h"
#include "orgunit.h"
#include <QList>
#include <QMap>
#include <cmath>

namespace gw {

// Everything the assessment found for one org unit (a street, a department, or the whole district) in a period:
// raw counts (numerators and denominators, so every rate can be checked by hand), deductions and scores.
struct UnitFigures {
    QString unitId;
    QString name;
    OrgUnit::Kind kind = OrgUnit::Kind::Street;

    int registered = 0;       // street/district: cases registered in the period
    int whistled = 0;         // street/district: cases first whistled in the period; department: times summoned
    int closed = 0;           // cases closed in the period (department: it was a live, handled party at closing)
    int whistleBase = 0;      // cases registered in the period, not on hold, rejected or merged
    int whistleHits = 0;      //   ... of which whistled before the period ended
    int closeBase = 0;        // street: as whistleBase; department: assignments summoned in the period
    int closeHits = 0;        //   ... of which the case closed before the period ended
    int checkInsDue = 0;      // check-ins settled in the period (done on time, or the deadline passed)
    int checkInsOnTime = 0;
    int handlingsDue = 0;     // handlings settled in the period
    int handlingsOnTime = 0;
    int overdue = 0;          // handlingsDue - handlingsOnTime
    int postponed = 0;        // settled handlings with at least one approved postponement
    int handlingsDone = 0;    // handlings whose (last) feedback fell in the period
    double handlingWorkHours = 0;
    int reworked = 0;         // handlings done in the period that failed verification at least once
    int reworkFailures = 0;   // total failed verifications behind them
    int returned = 0;         // assignments returned in the period (退回)
    int satisfactionCount = 0;
    double satisfactionSum = 0;
    int ratingCount = 0;
    int ratingSum = 0;
    int onHoldExcluded = 0;   // cases registered in the period left out of the rates because they are on hold
    int stepsDue = 0;         // own steps (研判, 审核, 吹哨, 核查, 结案) settled in the period (StepClock)
    int stepsOnTime = 0;

    double reworkDeduction = 0;
    double returnDeduction = 0;
    double deduction = 0;     // applied: the sum, capped by the indicator set
    QList<double> indicatorScores;  // per indicator of the set, 0..100; NaN = not weighted here or no data
    double composite = std::nan("");  // 0..100; NaN when nothing assessable happened

    bool hasComposite() const { return !std::isnan(composite); }
    // The figure for a metric; false when it does not apply to this unit or its denominator is 0.
    bool value(AssessmentMetric metric, double *out) const;
};

// One assessment run: a period, the indicator set version it used, and figures per unit.
struct AssessmentResult {
    AssessmentPeriod period;
    QDateTime asOf;             // figures count only what had happened by then
    QString indicatorVersion;   // stamped on every report
    QString indicatorTitle;
    QList<UnitFigures> streets;      // directory order
    QList<UnitFigures> departments;  // directory order
    QList<UnitFigures> centers;      // the command center(s): own steps only, no composite score
    UnitFigures district;            // all cases and all work together
    QMap<QString, int> registeredByCategory;  // category id -> cases registered in the period
    QMap<int, int> registeredByStatus;        // CaseStatus -> cases registered in the period (status now)

    // Units by composite score, best first; units without a score last.
    static QList<UnitFigures> ranked(QList<UnitFigures> units);
    const UnitFigures *find(const QString &unitId) const;
};

} // namespace gw

#pragma once
#include "indicatorset.h"
#include "message.h"
#include "orgunit.h"
#include "protocol/monthassessment.h"
#include <QCoreApplication>
#include <QList>
#include <array>
#include <cmath>

namespace gw {

// One unit's year (年度汇总): its composite score in each published month and the year's score by the rule.
struct YearUnitScore {
    QString unitId;
    QString name;
    OrgUnit::Kind kind = OrgUnit::Kind::Street;
    std::array<double, 12> monthly;  // January first; NaN = month not published or no score that month
    int monthsScored = 0;
    double score = std::nan("");     // NaN: fewer scored months than the rule asks for

    YearUnitScore() { monthly.fill(std::nan("")); }
    bool hasScore() const { return !std::isnan(score); }
};

// Which publication a month of the year came from.
struct YearMonthSource {
    int month = 0;        // 1..12
    int revision = 0;     // 0: not published (not counted)
    QString resultHash;
    QDateTime publishedAt;
};

// The year's roll-up: only published months count, each with its latest revision, combined by the rule of the
// indicator set in force in the year's last month. Pure computation: every computer holding the same publications
// gets the same year.
struct YearRollupResult {
    int year = 0;
    YearRollupRule rule;
    QString ruleSetVersion;    // the indicator set whose rule was used
    QString ruleSetTitle;
    QList<YearMonthSource> months;     // 12 entries
    QList<YearUnitScore> streets;      // best first, units without a year score last
    QList<YearUnitScore> departments;

    int publishedMonths() const;
    static QList<YearUnitScore> ranked(QList<YearUnitScore> units);
};

class YearRollup
{
    GW_DECLARE_MESSAGES(gw::YearRollup)
public:
    // `months`: what the server said about the year's months (any order, any subset); `ruleSet`: the set whose
    // yearRollup rule applies.
    static YearRollupResult combine(int year, const QList<MonthAssessment> &months, const IndicatorSet &ruleSet);
    // "平均：各月综合得分的平均值，至少 3 个月" in the reader's language.
    static Message ruleText(const YearRollupRule &rule);
};

} // namespace gw

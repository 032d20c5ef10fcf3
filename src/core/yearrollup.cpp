#include "yearrollup.h"
#include "indicatorschedule.h"
#include <algorithm>

namespace gw {

int YearRollupResult::publishedMonths() const
{
    return int(std::count_if(months.cbegin(), months.cend(), [](const YearMonthSource &m) { return m.revision > 0; }));
}

QList<YearUnitScore> YearRollupResult::ranked(QList<YearUnitScore> units)
{
    std::stable_sort(units.begin(), units.end(), [](const YearUnitScore &a, const YearUnitScore &b) {
        if (a.hasScore() != b.hasScore())
            return a.hasScore();
        return a.hasScore() && a.score > b.score;
    });
    return units;
}

YearRollupResult YearRollup::combine(int year, const QList<MonthAssessment> &months, const IndicatorSet &ruleSet)
{
    YearRollupResult out;
    out.year = year;
    out.rule = ruleSet.yearRollup();
    out.ruleSetVersion = ruleSet.version();
    out.ruleSetTitle = ruleSet.title();
    for (int m = 1; m <= 12; ++m)
        out.months.append({m, 0, QString(), QDateTime()});

    // Units in the order the months list them (directory order); a unit met first in a later month goes last.
    QList<YearUnitScore> units;
    auto unitFor = [&units](const UnitFigures &u) -> YearUnitScore & {
        for (YearUnitScore &s : units)
            if (s.unitId == u.unitId)
                return s;
        YearUnitScore s;
        s.unitId = u.unitId;
        s.name = u.name;
        s.kind = u.kind;
        units.append(s);
        return units.last();
    };
    for (const MonthAssessment &month : months) {
        int y = 0;
        int m = 0;
        const MonthPublication *published = month.latest();
        if (!published || !IndicatorSchedule::parseMonth(month.month, &y, &m) || y != year)
            continue;
        out.months[m - 1] = {m, published->revision, published->resultHash, published->publishedAt};
        for (const QList<UnitFigures> *list : {&published->result.streets, &published->result.departments})
            for (const UnitFigures &u : *list) {
                YearUnitScore &s = unitFor(u);
                s.name = u.name;  // the newest month's name
                if (u.hasComposite())
                    s.monthly[m - 1] = u.composite;
            }
    }
    const YearRollupRule &rule = out.rule;
    for (YearUnitScore &s : units) {
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < 12; ++i) {
            if (std::isnan(s.monthly[i]))
                continue;
            ++s.monthsScored;
            const double w = rule.method == YearRollupRule::Method::Weighted ? rule.monthWeights.value(i) : 1.0;
            sum += w * s.monthly[i];
            weights += w;
        }
        if (s.monthsScored >= rule.minimumMonths && weights > 0)
            s.score = sum / weights;
        (s.kind == OrgUnit::Kind::Department ? out.departments : out.streets).append(s);
    }
    out.streets = YearRollupResult::ranked(out.streets);
    out.departments = YearRollupResult::ranked(out.departments);
    return out;
}

Message YearRollup::ruleText(const YearRollupRule &rule)
{
    if (rule.method == YearRollupRule::Method::Weighted) {
        QStringList weights;
        for (double w : rule.monthWeights)
            weights << QString::number(w);
        return tr("weighted mean of the monthly composite scores (month weights %1), at least %n scored month(s)",
                  nullptr, rule.minimumMonths).arg(weights.join(QStringLiteral(" / ")));
    }
    return tr("mean of the monthly composite scores, at least %n scored month(s)", nullptr, rule.minimumMonths);
}

} // namespace gw

// The year roll-up (年度汇总, issue 16): only published months count, each with its latest revision; the rule of the
// indicator set (mean or weighted, a minimum of scored months) decides the year score; a bad rule is refused with its
// place in the file.
#include "indicatorset.h"
#include "yearrollup.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace gw;

namespace {

UnitFigures unit(const QString &id, const QString &name, OrgUnit::Kind kind, double composite)
{
    UnitFigures u;
    u.unitId = id;
    u.name = name;
    u.kind = kind;
    u.composite = composite;
    return u;
}

// A month whose street 拓东 scored `tuodong` and 鼓楼 `gulou`; published as `revision` (0: not published).
MonthAssessment month(const QString &label, double tuodong, double gulou, int revision = 1)
{
    MonthAssessment m;
    m.month = label;
    AssessmentResult r;
    r.streets = {unit("street.tuodong", QStringLiteral("拓东街道"), OrgUnit::Kind::Street, tuodong),
                 unit("street.gulou", QStringLiteral("鼓楼街道"), OrgUnit::Kind::Street, gulou)};
    r.departments = {unit("dept.chengguan", QStringLiteral("区城管局"), OrgUnit::Kind::Department, 60)};
    m.live = r;
    for (int rev = 1; rev <= revision; ++rev) {
        MonthPublication p;
        p.month = label;
        p.revision = rev;
        p.result = r;
        p.resultHash = QStringLiteral("%1-%2").arg(label).arg(rev);
        m.publications.append(p);
    }
    return m;
}

IndicatorSet setWithRule(const QJsonValue &rule, QStringList *errors = nullptr)
{
    QJsonObject o = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
    if (rule.isUndefined())
        o.remove(QStringLiteral("yearRollup"));
    else
        o.insert(QStringLiteral("yearRollup"), rule);
    IndicatorSet set;
    const Result r = set.loadJson(QJsonDocument(o).toJson(), errors);
    if (!r.ok && !errors)
        qWarning("%s", qPrintable(r.message.english()));
    return set;
}

const YearUnitScore *find(const QList<YearUnitScore> &units, const QString &id)
{
    for (const YearUnitScore &u : units)
        if (u.unitId == id)
            return &u;
    return nullptr;
}

} // namespace

class TestYearRollup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void meanOfPublishedMonths()
    {
        MonthAssessment october = month("2026-10", 90, 70);
        october.publications[0].result.streets[1].composite = std::nan("");  // 鼓楼 had nothing to assess
        const QList<MonthAssessment> months{month("2026-09", 80, 70), october, month("2026-11", 70, 64, 2),
                                            month("2026-12", 10, 10, 0),  // not published: does not count
                                            month("2025-11", 0, 0)};       // another year
        const IndicatorSet set = setWithRule(QJsonObject{{"method", "mean"}, {"minimumMonths", 3}});
        const YearRollupResult year = YearRollup::combine(2026, months, set);
        QCOMPARE(year.publishedMonths(), 3);
        QCOMPARE(year.months.at(10).revision, 2);  // November: its correction
        QCOMPARE(year.months.at(10).resultHash, QStringLiteral("2026-11-2"));
        QCOMPARE(year.months.at(11).revision, 0);
        QCOMPARE(year.streets.size(), 2);
        QCOMPARE(year.streets.first().unitId, QStringLiteral("street.tuodong"));
        QCOMPARE(year.streets.first().score, 80.0);
        QCOMPARE(year.streets.first().monthsScored, 3);
        QCOMPARE(year.streets.first().monthly.at(8), 80.0);
        QVERIFY(std::isnan(year.streets.first().monthly.at(11)));
        const YearUnitScore *gulou = find(year.streets, "street.gulou");
        QCOMPARE(gulou->monthsScored, 2);
        QVERIFY(!gulou->hasScore());  // two scored months, the rule asks for three: ranked last, no score
        QCOMPARE(year.departments.first().score, 60.0);
        QVERIFY(YearRollup::ruleText(year.rule).english().contains(QStringLiteral("at least 3")));
    }

    void weightedMonths()
    {
        QJsonArray weights;
        for (int m = 1; m <= 12; ++m)
            weights.append(m <= 6 ? 1 : 2);  // the second half counts double
        const IndicatorSet set = setWithRule(QJsonObject{{"method", "weighted"}, {"monthWeights", weights}});
        const YearRollupResult year = YearRollup::combine(2026, {month("2026-06", 60, 60), month("2026-07", 90, 60)}, set);
        QCOMPARE(year.streets.first().unitId, QStringLiteral("street.tuodong"));
        QCOMPARE(year.streets.first().score, 80.0);  // (60 + 2 * 90) / 3
        QCOMPARE(find(year.streets, "street.gulou")->score, 60.0);
    }

    void setsWithoutARuleUseTheMean()
    {
        const IndicatorSet set = setWithRule(QJsonValue(QJsonValue::Undefined));
        QCOMPARE(set.yearRollup().method, YearRollupRule::Method::Mean);
        QCOMPARE(set.yearRollup().minimumMonths, 1);
        QCOMPARE(IndicatorSet::builtin().yearRollup().minimumMonths, 3);
        QVERIFY(!IndicatorSet::builtin().yearRollup().description.isEmpty());
    }

    void badRulesRefused_data()
    {
        QTest::addColumn<QJsonValue>("rule");
        QTest::addColumn<QString>("place");
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(1);
        QJsonArray negative = eleven;
        negative.append(-1);
        QTest::newRow("not an object") << QJsonValue(QStringLiteral("mean")) << "yearRollup";
        QTest::newRow("unknown method") << QJsonValue(QJsonObject{{"method", "median"}}) << "yearRollup.method";
        QTest::newRow("11 weights") << QJsonValue(QJsonObject{{"method", "weighted"}, {"monthWeights", eleven}}) << "yearRollup.monthWeights";
        QTest::newRow("negative weight") << QJsonValue(QJsonObject{{"method", "weighted"}, {"monthWeights", negative}}) << "yearRollup.monthWeights[11]";
        QTest::newRow("13 months") << QJsonValue(QJsonObject{{"method", "mean"}, {"minimumMonths", 13}}) << "yearRollup.minimumMonths";
        QTest::newRow("weights for the mean") << QJsonValue(QJsonObject{{"method", "mean"}, {"monthWeights", eleven}}) << "yearRollup.monthWeights";
        QTest::newRow("unknown field") << QJsonValue(QJsonObject{{"method", "mean"}, {"months", 3}}) << "yearRollup.months";
    }

    void badRulesRefused()
    {
        QFETCH(QJsonValue, rule);
        QFETCH(QString, place);
        QStringList errors;
        setWithRule(rule, &errors);
        QVERIFY2(!errors.isEmpty(), qPrintable(place));
        QVERIFY2(errors.join(u'\n').contains(place), qPrintable(errors.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestYearRollup)
#include "tst_yearrollup.moc"

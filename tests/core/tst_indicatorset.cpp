// The indicator set file: the shipped default loads, every kind of mistake an administrator can make is reported
// clearly (naming the place in the file), a bad file never replaces a good set, and the scoring curves are exact.
#include "indicatorset.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

namespace {

QJsonObject validObject()
{
    return QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
}

QByteArray bytes(const QJsonObject &o) { return QJsonDocument(o).toJson(); }

QJsonObject withIndicatorField(int index, const QString &key, const QJsonValue &value)
{
    QJsonObject root = validObject();
    QJsonArray inds = root.value("indicators").toArray();
    QJsonObject ind = inds.at(index).toObject();
    if (value.isUndefined())
        ind.remove(key);
    else
        ind.insert(key, value);
    inds.replace(index, ind);
    root.insert("indicators", inds);
    return root;
}

} // namespace

class TestIndicatorSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtinLoads();
    void errors_data();
    void errors();
    void badFileKeepsPreviousSet();
    void reportsEveryProblemAtOnce();
    void fileRoundTrip();
    void scoringCurves();
    void reworkScheduleRepeatsLastStep();
};

void TestIndicatorSet::builtinLoads()
{
    const IndicatorSet &set = IndicatorSet::builtin();
    QCOMPARE(set.version(), QStringLiteral("2026.2"));
    QVERIFY(set.indicators().size() >= 5);
    QVERIFY(IndicatorSet::validate(IndicatorSet::builtinJson()).isEmpty());
    double street = 0, dept = 0;
    for (const Indicator &i : set.indicators()) {
        street += i.streetWeight;
        dept += i.departmentWeight;
    }
    QCOMPARE(street, 100.0);
    QCOMPARE(dept, 100.0);
    QCOMPARE(set.satisfactionScore("satisfied"), 100.0);
    QCOMPARE(set.satisfactionScore("basic"), 80.0);
    QCOMPARE(set.satisfactionScore("dissatisfied"), 0.0);
    QVERIFY(set.find("whistleRate"));
    QCOMPARE(set.find("whistleRate")->direction, Indicator::Direction::Band);
}

void TestIndicatorSet::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");  // a fragment of the one error we expect

    QTest::newRow("bad JSON") << QByteArray("{\"version\": \"x\", ") << "Not valid JSON";
    QTest::newRow("not an object") << QByteArray("[1,2]") << "must be a JSON object";
    {
        QJsonObject o = validObject();
        o.remove("version");
        QTest::newRow("missing version") << bytes(o) << "file.version: missing";
    }
    {
        QJsonObject o = validObject();
        o.insert("version", 2026);
        QTest::newRow("version wrong type") << bytes(o) << "file.version: must be text";
    }
    QTest::newRow("unknown indicator id")
        << bytes(withIndicatorField(0, "id", "happiness")) << "indicators[0].id: unknown indicator id \"happiness\"";
    {
        QJsonObject root = validObject();
        QJsonArray inds = root.value("indicators").toArray();
        inds.append(inds.at(0));
        root.insert("indicators", inds);
        QTest::newRow("duplicate id") << bytes(root) << "appears twice";
    }
    {
        QJsonObject w{{"street", 0}, {"department", 25}};  // the first indicator weighs 20 for departments by default
        QTest::newRow("weights do not sum to 100")
            << bytes(withIndicatorField(0, "weight", w)) << "department weights add up to 105, not 100";
    }
    QTest::newRow("negative weight")
        << bytes(withIndicatorField(0, "weight", QJsonObject{{"street", 0}, {"department", -20}}))
        << "indicators[0].weight.department: must not be negative";
    QTest::newRow("weight wrong type")
        << bytes(withIndicatorField(0, "weight", 20)) << "indicators[0].weight: must be an object";
    QTest::newRow("weight as text")
        << bytes(withIndicatorField(0, "weight", QJsonObject{{"department", "20"}}))
        << "indicators[0].weight.department: must be a number";
    QTest::newRow("unknown unit kind")
        << bytes(withIndicatorField(0, "weight", QJsonObject{{"department", 20}, {"community", 5}}))
        << "indicators[0].weight.community: unknown unit kind";
    QTest::newRow("missing name") << bytes(withIndicatorField(1, "name", QJsonValue::Undefined))
                                  << "indicators[1].name: missing";
    QTest::newRow("missing target") << bytes(withIndicatorField(1, "target", QJsonValue::Undefined))
                                    << "indicators[1].target: missing";
    QTest::newRow("negative floor") << bytes(withIndicatorField(1, "floor", -5)) << "indicators[1].floor: must not be negative";
    QTest::newRow("floor above target") << bytes(withIndicatorField(1, "floor", 99)) << "floor (99) must be below target (95)";
    QTest::newRow("unknown direction") << bytes(withIndicatorField(1, "direction", "sideways"))
                                       << "must be higher, lower or band";
    QTest::newRow("band out of order") << bytes(withIndicatorField(5, "low", 60)) << "a band needs floor < low <= high < ceiling";
    {
        QJsonObject o = validObject();
        o.insert("indicators", QJsonArray());
        QTest::newRow("no indicators") << bytes(o) << "indicators: must be a non-empty list";
    }
    {
        QJsonObject o = validObject();
        QJsonObject s = o.value("satisfactionScores").toObject();
        s.insert("basic", -80);
        o.insert("satisfactionScores", s);
        QTest::newRow("negative satisfaction score") << bytes(o) << "satisfactionScores.basic: must not be negative";
    }
    {
        QJsonObject o = validObject();
        QJsonObject s = o.value("satisfactionScores").toObject();
        s.remove("dissatisfied");
        o.insert("satisfactionScores", s);
        QTest::newRow("missing satisfaction score") << bytes(o) << "satisfactionScores.dissatisfied: missing";
    }
    {
        QJsonObject o = validObject();
        QJsonObject d = o.value("deductions").toObject();
        d.insert("reworkSchedule", QJsonArray{4, 2});
        o.insert("deductions", d);
        QTest::newRow("rework schedule decreasing") << bytes(o) << "deductions.reworkSchedule[1]: a repeated failure";
    }
    {
        QJsonObject o = validObject();
        QJsonObject d = o.value("deductions").toObject();
        d.insert("reworkSchedule", QJsonArray{1, "two"});
        o.insert("deductions", d);
        QTest::newRow("rework schedule wrong type") << bytes(o) << "deductions.reworkSchedule[1]: must be a number";
    }
    {
        QJsonObject o = validObject();
        QJsonObject d = o.value("deductions").toObject();
        d.insert("returnedAssignment", -1);
        o.insert("deductions", d);
        QTest::newRow("negative deduction") << bytes(o) << "deductions.returnedAssignment: must not be negative";
    }
    {
        QJsonObject o = validObject();
        o.remove("deductions");
        QTest::newRow("missing deductions") << bytes(o) << "deductions: missing";
    }
}

void TestIndicatorSet::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const QStringList errs = IndicatorSet::validate(json);
    QVERIFY2(!errs.isEmpty(), "accepted a bad file");
    QVERIFY2(errs.join('\n').contains(expected),
             qPrintable(QStringLiteral("expected \"%1\" in:\n%2").arg(expected, errs.join('\n'))));
    IndicatorSet set;
    QStringList loadErrors;
    const Result r = set.loadJson(json, &loadErrors);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("invalid_input"));
    QCOMPARE(loadErrors, errs);
    QVERIFY(r.message.text().contains(expected));
}

void TestIndicatorSet::badFileKeepsPreviousSet()
{
    IndicatorSet set;
    QVERIFY(set.loadJson(IndicatorSet::builtinJson()).ok);
    const int count = set.indicators().size();
    QVERIFY(!set.loadJson(bytes(withIndicatorField(0, "id", "nope"))).ok);
    QCOMPARE(set.version(), QStringLiteral("2026.2"));
    QCOMPARE(set.indicators().size(), count);
}

void TestIndicatorSet::reportsEveryProblemAtOnce()
{
    QJsonObject root = withIndicatorField(0, "id", "nope");
    root.remove("satisfactionScores");
    const QStringList errs = IndicatorSet::validate(bytes(root));
    QCOMPARE(errs.size(), 2);
    QVERIFY(errs.at(0).startsWith("indicators[0].id"));
    QVERIFY(errs.at(1).startsWith("satisfactionScores"));
}

void TestIndicatorSet::fileRoundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("indicators.json");
    QJsonObject root = validObject();
    root.insert("version", "2026.2-local");
    IndicatorSet edited;
    QVERIFY(edited.loadJson(bytes(root)).ok);
    QVERIFY(edited.saveFile(path).ok);
    IndicatorSet loaded;
    QVERIFY(loaded.loadFile(path).ok);
    QCOMPARE(loaded.version(), QStringLiteral("2026.2-local"));
    const Result missing = loaded.loadFile(dir.filePath("absent.json"));
    QVERIFY(!missing.ok);
    QCOMPARE(missing.code, QStringLiteral("storage_error"));
    QCOMPARE(loaded.version(), QStringLiteral("2026.2-local"));
}

void TestIndicatorSet::scoringCurves()
{
    Indicator higher;
    higher.direction = Indicator::Direction::Higher;
    higher.target = 95;
    higher.floor = 50;
    QCOMPARE(higher.score(95), 100.0);
    QCOMPARE(higher.score(100), 100.0);
    QCOMPARE(higher.score(50), 0.0);
    QCOMPARE(higher.score(72.5), 50.0);   // half way: (72.5 - 50) / 45
    Indicator lower;
    lower.direction = Indicator::Direction::Lower;
    lower.target = 5;
    lower.ceiling = 45;
    QCOMPARE(lower.score(0), 100.0);
    QCOMPARE(lower.score(25), 50.0);      // (45 - 25) / 40
    QCOMPARE(lower.score(60), 0.0);
    Indicator band;
    band.direction = Indicator::Direction::Band;
    band.floor = 0;
    band.low = 10;
    band.high = 40;
    band.ceiling = 80;
    QCOMPARE(band.score(5), 50.0);        // too low: half way from 0 to 10
    QCOMPARE(band.score(25), 100.0);
    QCOMPARE(band.score(60), 50.0);       // too high: half way from 40 to 80
    QCOMPARE(band.score(90), 0.0);
}

void TestIndicatorSet::reworkScheduleRepeatsLastStep()
{
    const IndicatorSet &set = IndicatorSet::builtin();  // schedule [1, 2, 4]
    QCOMPARE(set.reworkDeduction(1), 1.0);
    QCOMPARE(set.reworkDeduction(2), 2.0);
    QCOMPARE(set.reworkDeduction(3), 4.0);
    QCOMPARE(set.reworkDeduction(7), 4.0);
    QCOMPARE(set.reworkDeductionTotal(4), 11.0);  // 1 + 2 + 4 + 4
    QCOMPARE(set.reworkDeductionTotal(0), 0.0);
}

QTEST_GUILESS_MAIN(TestIndicatorSet)
#include "tst_indicatorset.moc"

// The district's indicator sets by the month they take effect (issue 16): a month is assessed with the set in force
// in it; a bad set or month is refused with the field at fault and nothing changes.
#include "indicatorschedule.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace gw;

namespace {
// The shipped set with another version name and the satisfaction weight moved to the close rate for streets.
QByteArray adjustedSet(const QString &version)
{
    QJsonObject o = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
    o.insert(QStringLiteral("version"), version);
    QJsonArray indicators = o.value(QStringLiteral("indicators")).toArray();
    for (int i = 0; i < indicators.size(); ++i) {
        QJsonObject ind = indicators.at(i).toObject();
        QJsonObject w = ind.value(QStringLiteral("weight")).toObject();
        if (ind.value(QStringLiteral("id")).toString() == QLatin1String("closeRate"))
            w.insert(QStringLiteral("street"), w.value(QStringLiteral("street")).toDouble() + 10);
        if (ind.value(QStringLiteral("id")).toString() == QLatin1String("satisfaction"))
            w.insert(QStringLiteral("street"), w.value(QStringLiteral("street")).toDouble() - 10);
        ind.insert(QStringLiteral("weight"), w);
        indicators.replace(i, ind);
    }
    o.insert(QStringLiteral("indicators"), indicators);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

class TestIndicatorSchedule : public QObject
{
    Q_OBJECT

private slots:
    void shippedIsTheDefaultFrom2026()
    {
        const IndicatorSchedule s = IndicatorSchedule::shipped();
        QCOMPARE(s.entries().size(), 1);
        QCOMPARE(s.entries().first().effective, QStringLiteral("2026-01"));
        QCOMPARE(s.inForce(2026, 11).version(), IndicatorSet::builtin().version());
        QCOMPARE(s.inForce(2025, 3).version(), IndicatorSet::builtin().version());  // before all: the earliest
    }

    void monthsUseTheSetInForce()
    {
        IndicatorSchedule s = IndicatorSchedule::shipped();
        QVERIFY(s.setFrom(QStringLiteral("2027-01"), adjustedSet(QStringLiteral("2027.1"))).ok);
        QVERIFY(s.setFrom(QStringLiteral("2026-07"), adjustedSet(QStringLiteral("2026.7"))).ok);
        QCOMPARE(s.entries().size(), 3);
        QCOMPARE(s.entries().at(1).effective, QStringLiteral("2026-07"));  // kept in month order
        QCOMPARE(s.inForce(2026, 6).version(), QStringLiteral("2026.2"));
        QCOMPARE(s.inForce(2026, 7).version(), QStringLiteral("2026.7"));
        QCOMPARE(s.inForce(2026, 12).version(), QStringLiteral("2026.7"));
        QCOMPARE(s.inForce(2027, 1).version(), QStringLiteral("2027.1"));
        QCOMPARE(s.effectiveFor(2028, 5), QStringLiteral("2027-01"));
        // Replacing a month's set keeps one entry for it; the body round-trips.
        QVERIFY(s.setFrom(QStringLiteral("2026-07"), adjustedSet(QStringLiteral("2026.3"))).ok);
        QCOMPARE(s.entries().size(), 3);
        IndicatorSchedule copy;
        QVERIFY(copy.load(s.toJson()).ok);
        QCOMPARE(copy.inForce(2026, 8).version(), QStringLiteral("2026.3"));
        QCOMPARE(copy.toJson(), s.toJson());
    }

    void refusals()
    {
        IndicatorSchedule s = IndicatorSchedule::shipped();
        const QJsonObject before = s.toJson();
        for (const char *month : {"2027-13", "2027-1", "27-01", "1999-12", "", "2027-01\n"})
            QCOMPARE(s.setFrom(QString::fromLatin1(month), adjustedSet(QStringLiteral("x"))).field, QStringLiteral("effective"));
        QJsonObject bad = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
        QJsonArray indicators = bad.value(QStringLiteral("indicators")).toArray();
        QJsonObject first = indicators.at(0).toObject();
        first.insert(QStringLiteral("weight"), QJsonObject{{"street", 0}, {"department", 30}});  // department weights 110
        indicators.replace(0, first);
        bad.insert(QStringLiteral("indicators"), indicators);
        QStringList errors;
        const Result r = s.setFrom(QStringLiteral("2027-01"), QJsonDocument(bad).toJson(), &errors);
        QCOMPARE(r.field, QStringLiteral("indicators"));
        QVERIFY2(errors.join(u'\n').contains(QStringLiteral("add up to 110")), qPrintable(errors.join(u'\n')));
        QCOMPARE(s.toJson(), before);
        // A version names one set: changed rules under the name of another month's set are refused.
        QJsonObject renamed = QJsonDocument::fromJson(adjustedSet(QStringLiteral("2026.2"))).object();
        QCOMPARE(s.setFrom(QStringLiteral("2027-01"), QJsonDocument(renamed).toJson()).field, QStringLiteral("indicators"));
        QVERIFY(s.setFrom(QStringLiteral("2027-01"), IndicatorSet::builtinJson()).ok);  // the same set again is fine
        s = IndicatorSchedule::shipped();
        // A served schedule naming a month twice, or none at all, changes nothing.
        QJsonObject twice = s.toJson();
        QJsonArray sets = twice.value(QStringLiteral("sets")).toArray();
        sets.append(sets.first());
        twice.insert(QStringLiteral("sets"), sets);
        QVERIFY(!s.load(twice).ok);
        QVERIFY(!s.load(QJsonObject{{"sets", QJsonArray()}}).ok);
        QCOMPARE(s.toJson(), before);
    }
};

QTEST_GUILESS_MAIN(TestIndicatorSchedule)
#include "tst_indicatorschedule.moc"

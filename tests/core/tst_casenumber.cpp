// Case numbers (PL-YYYY-NNNNNN): the format, parsing only what is made, and the numbering year taken in the
// district's time zone from the calendar (a case registered at 01:00 local on 1 January belongs to the new year).
#include "casenumber.h"
#include "workcalendar.h"
#include <QtTest>

using namespace gw;

namespace {

QDateTime utc(int y, int m, int d, int h, int min) { return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC); }

WorkCalendar calendarWithOffset(int hours)
{
    WorkCalendar c;
    const Result r = c.loadJson(QStringLiteral(R"({"timezoneOffsetHours": %1})").arg(hours).toUtf8());
    Q_ASSERT(r.ok);
    return c;
}

} // namespace

class TestCaseNumber : public QObject
{
    Q_OBJECT

private slots:
    void format_data();
    void format();
    void parseRoundTrips();
    void parseRefuses_data();
    void parseRefuses();
    void yearInDistrictZone_data();
    void yearInDistrictZone();
    void yearFollowsCalendarZone();
};

void TestCaseNumber::format_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<qint64>("serial");
    QTest::addColumn<QString>("expected");
    QTest::newRow("first") << 2026 << qint64(1) << "PL-2026-000001";
    QTest::newRow("padded") << 2026 << qint64(4217) << "PL-2026-004217";
    QTest::newRow("six digits") << 2027 << qint64(999999) << "PL-2027-999999";
    QTest::newRow("beyond six digits grows") << 2027 << qint64(1000000) << "PL-2027-1000000";
}

void TestCaseNumber::format()
{
    QFETCH(int, year);
    QFETCH(qint64, serial);
    QFETCH(QString, expected);
    const CaseNumber n(year, serial);
    QVERIFY(n.isValid());
    QCOMPARE(n.toString(), expected);
    QCOMPARE(n.year(), year);
    QCOMPARE(n.serial(), serial);
}

void TestCaseNumber::parseRoundTrips()
{
    for (const CaseNumber &n : {CaseNumber(2026, 1), CaseNumber(2026, 4217), CaseNumber(1999, 999999),
                                CaseNumber(2030, 1234567)}) {
        CaseNumber parsed;
        QVERIFY2(CaseNumber::parse(n.toString(), &parsed), qPrintable(n.toString()));
        QCOMPARE(parsed, n);
    }
}

void TestCaseNumber::parseRefuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("other prefix") << "XX-2026-000001";
    QTest::newRow("lower case") << "pl-2026-000001";
    QTest::newRow("short serial") << "PL-2026-00001";
    QTest::newRow("serial zero") << "PL-2026-000000";
    QTest::newRow("extra leading zero") << "PL-2026-0000001";
    QTest::newRow("two-digit year") << "PL-26-000001";
    QTest::newRow("trailing space") << "PL-2026-000001 ";
    QTest::newRow("letters") << "PL-2026-00000A";
}

void TestCaseNumber::parseRefuses()
{
    QFETCH(QString, text);
    CaseNumber n(2000, 7);
    QVERIFY(!CaseNumber::parse(text, &n));
    QCOMPARE(n, CaseNumber(2000, 7));  // untouched
}

void TestCaseNumber::yearInDistrictZone_data()
{
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<int>("year");
    // The built-in calendar is UTC+8: 16:00 UTC on 31 December is midnight in the district.
    QTest::newRow("31 dec 15:59 utc = 23:59 local") << utc(2026, 12, 31, 15, 59) << 2026;
    QTest::newRow("31 dec 16:00 utc = 00:00 local") << utc(2026, 12, 31, 16, 0) << 2027;
    QTest::newRow("31 dec 17:00 utc = 01:00 local") << utc(2026, 12, 31, 17, 0) << 2027;
    QTest::newRow("1 jan 00:30 utc") << utc(2027, 1, 1, 0, 30) << 2027;
    QTest::newRow("mid year") << utc(2026, 7, 1, 12, 0) << 2026;
}

void TestCaseNumber::yearInDistrictZone()
{
    QFETCH(QDateTime, when);
    QFETCH(int, year);
    QCOMPARE(CaseNumber::yearOf(when), year);
    QCOMPARE(CaseNumber::yearOf(when, WorkCalendar::builtin()), year);
    QCOMPARE(CaseNumber::at(when, 12), CaseNumber(year, 12));
    // The same moment expressed in another zone is the same moment.
    QCOMPARE(CaseNumber::yearOf(when.toOffsetFromUtc(-5 * 3600)), year);
}

void TestCaseNumber::yearFollowsCalendarZone()
{
    // Not a literal UTC+8: the calendar's zone decides.
    const QDateTime t = utc(2026, 12, 31, 20, 0);
    QCOMPARE(CaseNumber::yearOf(t, calendarWithOffset(0)), 2026);
    QCOMPARE(CaseNumber::yearOf(t, calendarWithOffset(8)), 2027);
    QCOMPARE(CaseNumber::yearOf(t, calendarWithOffset(3)), 2026);
    QCOMPARE(CaseNumber::yearOf(t, calendarWithOffset(4)), 2027);
    QCOMPARE(CaseNumber::at(t, 3, calendarWithOffset(0)).toString(), QStringLiteral("PL-2026-000003"));
}

QTEST_GUILESS_MAIN(TestCaseNumber)
#include "tst_casenumber.moc"

// Working-day arithmetic in Kunming local time (UTC+8): weekends, holidays, make-up working days (调休),
// the UTC date line, and the calendar file's validation. Expected dates are worked out by hand from a 2026 wall calendar.
#include "categorycatalog.h"
#include "workcalendar.h"
#include <QtTest>

using namespace gw;

namespace {

QDateTime utc(int y, int m, int d, int h, int min) { return QDateTime(QDate(y, m, d), QTime(h, min), Qt::UTC); }
// A wall-clock time in Kunming, as UTC.
QDateTime local(int y, int m, int d, int h, int min) { return utc(y, m, d, h, min).addSecs(-8 * 3600); }

// Weekends only: no holidays, no make-up days.
WorkCalendar plainCalendar()
{
    WorkCalendar c;
    const Result r = c.loadJson(R"({"timezoneOffsetHours": 8, "holidays": [], "extraWorkdays": []})");
    Q_ASSERT(r.ok);
    return c;
}

} // namespace

class TestWorkCalendar : public QObject
{
    Q_OBJECT

private slots:
    void addWorkingDays_data();
    void addWorkingDays();
    void keepsLocalTimeAcrossUtcDateLine();
    void largeN();
    void isWorkingDay();
    void workingDaysBetween_data();
    void workingDaysBetween();
    void otherOffset();
    void loadJsonErrors_data();
    void loadJsonErrors();
    void failedLoadKeepsPreviousCalendar();
    void deadlineSpecHoursVsWorkdays();
    void addWorkingHours_data();
    void addWorkingHours();
    void workdayFromFile();
};

void TestWorkCalendar::addWorkingDays_data()
{
    QTest::addColumn<bool>("builtin");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<int>("days");
    QTest::addColumn<QDateTime>("expected");
    // Plain weekends.
    QTest::newRow("mon +0") << false << local(2026, 3, 2, 10, 0) << 0 << local(2026, 3, 2, 10, 0);
    QTest::newRow("mon +1") << false << local(2026, 3, 2, 10, 0) << 1 << local(2026, 3, 3, 10, 0);
    QTest::newRow("mon +5 = next mon") << false << local(2026, 3, 2, 10, 0) << 5 << local(2026, 3, 9, 10, 0);
    QTest::newRow("fri +1 skips weekend") << false << local(2026, 3, 6, 17, 45) << 1 << local(2026, 3, 9, 17, 45);
    QTest::newRow("fri +6") << false << local(2026, 3, 6, 9, 0) << 6 << local(2026, 3, 16, 9, 0);
    QTest::newRow("sat +1 = mon") << false << local(2026, 3, 7, 11, 0) << 1 << local(2026, 3, 9, 11, 0);
    QTest::newRow("sun +1 = mon") << false << local(2026, 3, 8, 23, 59) << 1 << local(2026, 3, 9, 23, 59);
    QTest::newRow("sat +0 stays") << false << local(2026, 3, 7, 11, 0) << 0 << local(2026, 3, 7, 11, 0);
    // The 2026 calendar shipped in resources/seed/calendar.json.
    QTest::newRow("qingming: thu +1 = fri") << true << local(2026, 4, 2, 9, 0) << 1 << local(2026, 4, 3, 9, 0);
    QTest::newRow("qingming: thu +2 skips sat-mon holiday") << true << local(2026, 4, 2, 9, 0) << 2
                                                            << local(2026, 4, 7, 9, 0);
    QTest::newRow("spring festival: fri +1 = make-up sat") << true << local(2026, 2, 13, 15, 0) << 1
                                                           << local(2026, 2, 14, 15, 0);
    QTest::newRow("spring festival: fri +2 = tue after holiday") << true << local(2026, 2, 13, 15, 0) << 2
                                                                 << local(2026, 2, 24, 15, 0);
    QTest::newRow("national day: wed +1 = thu 8 oct") << true << local(2026, 9, 30, 16, 0) << 1
                                                       << local(2026, 10, 8, 16, 0);
    QTest::newRow("national day: wed +3 = make-up sat 10 oct") << true << local(2026, 9, 30, 16, 0) << 3
                                                               << local(2026, 10, 10, 16, 0);
    QTest::newRow("national day: wed +4 = mon 12 oct") << true << local(2026, 9, 30, 16, 0) << 4
                                                       << local(2026, 10, 12, 16, 0);
    QTest::newRow("start on holiday: new year +1 = make-up sun 4 jan") << true << local(2026, 1, 1, 10, 0) << 1
                                                                       << local(2026, 1, 4, 10, 0);
    QTest::newRow("start on holiday: new year +2 = mon 5 jan") << true << local(2026, 1, 1, 10, 0) << 2
                                                               << local(2026, 1, 5, 10, 0);
    QTest::newRow("start on make-up sat +1 = mon") << true << local(2026, 2, 28, 10, 0) << 1
                                                   << local(2026, 3, 2, 10, 0);
}

void TestWorkCalendar::addWorkingDays()
{
    QFETCH(bool, builtin);
    QFETCH(QDateTime, from);
    QFETCH(int, days);
    QFETCH(QDateTime, expected);
    const WorkCalendar plain = plainCalendar();
    const WorkCalendar &cal = builtin ? WorkCalendar::builtin() : plain;
    const QDateTime got = cal.addWorkingDays(from, days);
    QCOMPARE(got, expected);
    QCOMPARE(got.timeSpec(), Qt::UTC);
}

void TestWorkCalendar::keepsLocalTimeAcrossUtcDateLine()
{
    const WorkCalendar cal = plainCalendar();
    // Friday 23:30 UTC is already Saturday 07:30 in Kunming: the next working day is Monday 07:30 local,
    // which is Sunday 23:30 UTC.
    QCOMPARE(cal.addWorkingDays(utc(2026, 3, 6, 23, 30), 1), utc(2026, 3, 8, 23, 30));
    // Thursday 23:30 UTC is Friday 07:30 local: +1 is Monday 07:30 local too.
    QCOMPARE(cal.addWorkingDays(utc(2026, 3, 5, 23, 30), 1), utc(2026, 3, 8, 23, 30));
    // Friday 15:59 UTC is still Friday 23:59 local: +1 is Monday 23:59 local = Monday 15:59 UTC.
    QCOMPARE(cal.addWorkingDays(utc(2026, 3, 6, 15, 59), 1), utc(2026, 3, 9, 15, 59));
    // Friday 16:00 UTC is Saturday 00:00 local.
    QCOMPARE(cal.addWorkingDays(utc(2026, 3, 6, 16, 0), 1), utc(2026, 3, 8, 16, 0));
    // An input in another offset means the same instant.
    const QDateTime sameInstant = utc(2026, 3, 6, 23, 30).toOffsetFromUtc(-5 * 3600);
    QCOMPARE(cal.addWorkingDays(sameInstant, 1), utc(2026, 3, 8, 23, 30));
    // Milliseconds survive.
    QCOMPARE(cal.addWorkingDays(utc(2026, 3, 2, 1, 0).addMSecs(123), 1), utc(2026, 3, 3, 1, 0).addMSecs(123));
}

void TestWorkCalendar::largeN()
{
    const WorkCalendar cal = plainCalendar();
    // 250 working days = 50 full weeks from a Monday: 350 days later, a Monday (15 February 2027).
    QCOMPARE(cal.addWorkingDays(local(2026, 3, 2, 9, 0), 250), local(2027, 2, 15, 9, 0));
    // 2600 working days = 520 weeks = 3640 days.
    QCOMPARE(cal.addWorkingDays(local(2026, 3, 2, 9, 0), 2600), local(2026, 3, 2, 9, 0).addDays(3640));
    // The builtin calendar over a whole year: 2026 has 365 days, 104 weekend days, 33 holidays of which
    // 14 fall on a weekend (Jan 3; Feb 15, 21, 22; Apr 4, 5; May 2, 3; Jun 20, 21; Sep 26, 27; Oct 3, 4), 6 make-up days.
    // Working days in 2026 = 365 - 104 - (33 - 14) + 6 = 248. 31 Dec 2026 is a Thursday, a working day.
    QCOMPARE(WorkCalendar::builtin().workingDaysBetween(QDate(2025, 12, 31), QDate(2026, 12, 31)), 248);
    QCOMPARE(WorkCalendar::builtin().addWorkingDays(local(2025, 12, 31, 9, 0), 248), local(2026, 12, 31, 9, 0));
}

void TestWorkCalendar::isWorkingDay()
{
    const WorkCalendar &cal = WorkCalendar::builtin();
    QVERIFY(cal.isWorkingDay(QDate(2026, 3, 2)));    // Monday
    QVERIFY(!cal.isWorkingDay(QDate(2026, 3, 7)));   // Saturday
    QVERIFY(!cal.isWorkingDay(QDate(2026, 3, 8)));   // Sunday
    QVERIFY(!cal.isWorkingDay(QDate(2026, 2, 16)));  // Monday in the Spring Festival
    QVERIFY(cal.isWorkingDay(QDate(2026, 2, 14)));   // Saturday make-up day
    QVERIFY(cal.isWorkingDay(QDate(2026, 1, 4)));    // Sunday make-up day
    QVERIFY(!cal.isWorkingDay(QDate(2026, 10, 1)));  // National Day, Thursday
    WorkCalendar custom = plainCalendar();
    custom.addHoliday(QDate(2026, 3, 4));
    custom.addExtraWorkday(QDate(2026, 3, 7));
    QVERIFY(!custom.isWorkingDay(QDate(2026, 3, 4)));
    QVERIFY(custom.isWorkingDay(QDate(2026, 3, 7)));
    QCOMPARE(custom.addWorkingDays(local(2026, 3, 3, 9, 0), 1), local(2026, 3, 5, 9, 0));
    QCOMPARE(custom.addWorkingDays(local(2026, 3, 6, 9, 0), 1), local(2026, 3, 7, 9, 0));
}

void TestWorkCalendar::workingDaysBetween_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<int>("expected");
    QTest::newRow("same day") << QDate(2026, 3, 4) << QDate(2026, 3, 4) << 0;
    QTest::newRow("backwards") << QDate(2026, 3, 9) << QDate(2026, 3, 6) << 0;
    QTest::newRow("fri to mon") << QDate(2026, 3, 6) << QDate(2026, 3, 9) << 1;
    QTest::newRow("fri to sun") << QDate(2026, 3, 6) << QDate(2026, 3, 8) << 0;
    QTest::newRow("one week") << QDate(2026, 3, 2) << QDate(2026, 3, 9) << 5;
    QTest::newRow("national day") << QDate(2026, 9, 30) << QDate(2026, 10, 10) << 3;
    QTest::newRow("spring festival with make-up days") << QDate(2026, 2, 13) << QDate(2026, 2, 28) << 6;
}

void TestWorkCalendar::workingDaysBetween()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(int, expected);
    QCOMPARE(WorkCalendar::builtin().workingDaysBetween(from, to), expected);
    // Consistent with addWorkingDays: n working days after `from` lies n working days away.
    if (expected > 0) {
        const QDate reached = WorkCalendar::builtin()
                                  .addWorkingDays(QDateTime(from, QTime(12, 0), QTimeZone(8 * 3600)), expected)
                                  .toTimeZone(QTimeZone(8 * 3600))
                                  .date();
        QCOMPARE(WorkCalendar::builtin().workingDaysBetween(from, reached), expected);
        QVERIFY(reached <= to);
    }
}

void TestWorkCalendar::otherOffset()
{
    WorkCalendar utcCalendar;
    QVERIFY(utcCalendar.loadJson(R"({"timezoneOffsetHours": 0})").ok);
    QCOMPARE(utcCalendar.timeZone().offsetFromUtc(QDateTime::currentDateTimeUtc()), 0);
    // In UTC, Friday 23:30 is still Friday: +1 is Monday 23:30.
    QCOMPARE(utcCalendar.addWorkingDays(utc(2026, 3, 6, 23, 30), 1), utc(2026, 3, 9, 23, 30));
    // The default is UTC+8.
    QCOMPARE(WorkCalendar().timeZone().offsetFromUtc(QDateTime::currentDateTimeUtc()), 8 * 3600);
    QCOMPARE(WorkCalendar::builtin().timeZone().offsetFromUtc(QDateTime::currentDateTimeUtc()), 8 * 3600);
    // The district's zone, wherever district times are read or written, is the built-in calendar's.
    QCOMPARE(WorkCalendar::districtZone(), WorkCalendar::builtin().timeZone());
}

void TestWorkCalendar::loadJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("not JSON") << QByteArray("{\"holidays\": [") << "invalid_json" << "not valid JSON";
    QTest::newRow("array, not object") << QByteArray("[]") << "invalid_json" << "not valid JSON";
    QTest::newRow("empty") << QByteArray() << "invalid_json" << "not valid JSON";
    QTest::newRow("bad holiday date") << QByteArray(R"({"holidays": ["2026-13-01"]})") << "invalid_input"
                                      << "\"2026-13-01\" is not YYYY-MM-DD";
    QTest::newRow("holiday in other format") << QByteArray(R"({"holidays": ["01/10/2026"]})") << "invalid_input"
                                             << "is not YYYY-MM-DD";
    QTest::newRow("holiday as number") << QByteArray(R"({"holidays": [20261001]})") << "invalid_input"
                                       << "is not YYYY-MM-DD";
    QTest::newRow("bad make-up date") << QByteArray(R"({"extraWorkdays": ["2026-02-30"]})") << "invalid_input"
                                      << "is not YYYY-MM-DD";
    QTest::newRow("holidays not a list") << QByteArray(R"({"holidays": "2026-10-01"})") << "invalid_input"
                                         << "must be a list";
    QTest::newRow("offset too large") << QByteArray(R"({"timezoneOffsetHours": 15})") << "invalid_input"
                                      << "offset 15 is out of range";
    QTest::newRow("offset too small") << QByteArray(R"({"timezoneOffsetHours": -13})") << "invalid_input"
                                      << "out of range";
    QTest::newRow("offset as text") << QByteArray(R"({"timezoneOffsetHours": "8"})") << "invalid_input"
                                    << "whole number of hours";
    QTest::newRow("offset fractional") << QByteArray(R"({"timezoneOffsetHours": 5.5})") << "invalid_input"
                                       << "whole number of hours";
    QTest::newRow("workday not an object") << QByteArray(R"({"workday": "09:00-18:00"})") << "invalid_input"
                                           << "\"workday\" must be an object";
    QTest::newRow("workday field missing")
        << QByteArray(R"({"workday": {"start": "09:00", "lunchStart": "12:00", "end": "18:00"}})") << "invalid_input"
        << "\"lunchEnd\" must be a time HH:mm";
    QTest::newRow("workday bad time")
        << QByteArray(R"({"workday": {"start": "9h", "lunchStart": "12:00", "lunchEnd": "14:00", "end": "18:00"}})")
        << "invalid_input" << "\"start\" must be a time HH:mm";
    QTest::newRow("workday hour 24")
        << QByteArray(R"({"workday": {"start": "09:00", "lunchStart": "12:00", "lunchEnd": "14:00", "end": "24:00"}})")
        << "invalid_input" << "\"end\" must be a time HH:mm";
    QTest::newRow("workday lunch before start")
        << QByteArray(R"({"workday": {"start": "09:00", "lunchStart": "08:00", "lunchEnd": "14:00", "end": "18:00"}})")
        << "invalid_input" << "must be in order";
    QTest::newRow("workday lunch ends before it starts")
        << QByteArray(R"({"workday": {"start": "09:00", "lunchStart": "14:00", "lunchEnd": "12:00", "end": "18:00"}})")
        << "invalid_input" << "must be in order";
    QTest::newRow("workday ends at lunch end")
        << QByteArray(R"({"workday": {"start": "09:00", "lunchStart": "12:00", "lunchEnd": "14:00", "end": "14:00"}})")
        << "invalid_input" << "must be in order";
}

void TestWorkCalendar::loadJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, fragment);
    WorkCalendar cal;
    const Result r = cal.loadJson(json);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, code);
    QVERIFY2(r.message.text().contains(fragment), qPrintable(r.message));
}

void TestWorkCalendar::failedLoadKeepsPreviousCalendar()
{
    WorkCalendar cal;
    QVERIFY(cal.loadJson(R"({"timezoneOffsetHours": 8, "holidays": ["2026-03-04"]})").ok);
    QVERIFY(!cal.isWorkingDay(QDate(2026, 3, 4)));
    QVERIFY(!cal.loadJson(R"({"timezoneOffsetHours": 0, "holidays": ["2026-03-05", "nope"]})").ok);
    QVERIFY(!cal.isWorkingDay(QDate(2026, 3, 4)));  // the old holiday list is still in force
    QVERIFY(cal.isWorkingDay(QDate(2026, 3, 5)));   // nothing of the refused file leaked in
    QCOMPARE(cal.timeZone().offsetFromUtc(QDateTime::currentDateTimeUtc()), 8 * 3600);
}

void TestWorkCalendar::deadlineSpecHoursVsWorkdays()
{
    const WorkCalendar &cal = WorkCalendar::builtin();
    const QDateTime fridayEvening = local(2026, 3, 6, 17, 0);
    const DeadlineSpec fourHours{DeadlineSpec::Unit::Hours, 4};
    const DeadlineSpec dayHours{DeadlineSpec::Unit::Hours, 24};
    const DeadlineSpec oneWorkday{DeadlineSpec::Unit::WorkingDays, 1};
    const DeadlineSpec twoWorkdays{DeadlineSpec::Unit::WorkingDays, 2};
    // Hours are wall-clock: urgent matters run through the night and the weekend.
    QCOMPARE(fourHours.dueFrom(fridayEvening, cal), local(2026, 3, 6, 21, 0));
    QCOMPARE(dayHours.dueFrom(fridayEvening, cal), local(2026, 3, 7, 17, 0));
    QCOMPARE(dayHours.dueFrom(local(2026, 9, 30, 10, 0), cal), local(2026, 10, 1, 10, 0));  // into a holiday
    // Working days skip the weekend and holidays.
    QCOMPARE(oneWorkday.dueFrom(fridayEvening, cal), local(2026, 3, 9, 17, 0));
    QCOMPARE(twoWorkdays.dueFrom(fridayEvening, cal), local(2026, 3, 10, 17, 0));
    QCOMPARE(oneWorkday.dueFrom(local(2026, 9, 30, 10, 0), cal), local(2026, 10, 8, 10, 0));
    QCOMPARE(fourHours.dueFrom(fridayEvening, cal).timeSpec(), Qt::UTC);

    // The shipped categories use both: fire safety checks in within 4 hours even on a Friday evening,
    // city appearance within 1 working day.
    const Category *fire = CategoryCatalog::builtin().find("fire_safety");
    const Category *appearance = CategoryCatalog::builtin().find("city_appearance");
    QVERIFY(fire && appearance);
    QCOMPARE(fire->checkInDeadline.value(Urgency::Normal).dueFrom(fridayEvening, cal), local(2026, 3, 6, 21, 0));
    QCOMPARE(appearance->checkInDeadline.value(Urgency::Normal).dueFrom(fridayEvening, cal), local(2026, 3, 9, 17, 0));
    QCOMPARE(appearance->handleDeadline.value(Urgency::Normal).dueFrom(fridayEvening, cal), local(2026, 3, 13, 17, 0));
    QCOMPARE(appearance->handleDeadline.value(Urgency::Critical).dueFrom(fridayEvening, cal), local(2026, 3, 7, 17, 0));
}

void TestWorkCalendar::addWorkingHours_data()
{
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<int>("hours");
    QTest::addColumn<QDateTime>("due");
    // Office hours 09:00-12:00 and 14:00-18:00 (7 h a day). 2026-03-06 is a Friday.
    QTest::newRow("Friday night to Monday afternoon") << local(2026, 3, 6, 22, 0) << 4 << local(2026, 3, 9, 15, 0);
    QTest::newRow("over lunch") << local(2026, 3, 9, 11, 0) << 2 << local(2026, 3, 9, 15, 0);
    QTest::newRow("ends at day end, same day") << local(2026, 3, 9, 17, 0) << 1 << local(2026, 3, 9, 18, 0);
    QTest::newRow("ends at lunch, not after it") << local(2026, 3, 9, 11, 0) << 1 << local(2026, 3, 9, 12, 0);
    QTest::newRow("start at lunch waits for 14:00") << local(2026, 3, 9, 12, 30) << 1 << local(2026, 3, 9, 15, 0);
    QTest::newRow("start before office hours") << local(2026, 3, 9, 7, 0) << 1 << local(2026, 3, 9, 10, 0);
    QTest::newRow("start at day end goes to next day") << local(2026, 3, 9, 18, 0) << 1 << local(2026, 3, 10, 10, 0);
    QTest::newRow("a whole office day") << local(2026, 3, 9, 9, 0) << 7 << local(2026, 3, 9, 18, 0);
    QTest::newRow("minutes carry over") << local(2026, 3, 9, 17, 30) << 1 << local(2026, 3, 10, 9, 30);
    QTest::newRow("zero hours keeps an office time") << local(2026, 3, 9, 10, 15) << 0 << local(2026, 3, 9, 10, 15);
    // 国庆 2026: 1-7 October off; Saturday 10 October is a make-up working day (调休).
    QTest::newRow("holiday skipped") << local(2026, 9, 30, 17, 0) << 2 << local(2026, 10, 8, 10, 0);
    QTest::newRow("make-up day counts") << local(2026, 10, 9, 17, 0) << 2 << local(2026, 10, 10, 10, 0);
    // The district day in UTC: Friday 23:30 UTC is Saturday 07:30 in Kunming, so the clock starts Monday 09:00.
    QTest::newRow("UTC date line") << utc(2026, 3, 6, 23, 30) << 1 << local(2026, 3, 9, 10, 0);
}

void TestWorkCalendar::addWorkingHours()
{
    QFETCH(QDateTime, from);
    QFETCH(int, hours);
    QFETCH(QDateTime, due);
    const QDateTime got = WorkCalendar::builtin().addWorkingHours(from, hours);
    QCOMPARE(got, due);
    QCOMPARE(got.timeSpec(), Qt::UTC);
}

void TestWorkCalendar::workdayFromFile()
{
    // Without "workday" the default office hours apply, and the file loads.
    WorkCalendar plain = plainCalendar();
    QCOMPARE(plain.workingDay().start, QTime(9, 0));
    QCOMPARE(plain.workingDay().lunchStart, QTime(12, 0));
    QCOMPARE(plain.workingDay().lunchEnd, QTime(14, 0));
    QCOMPARE(plain.workingDay().end, QTime(18, 0));
    QCOMPARE(WorkCalendar::builtin().workingDay().end, QTime(18, 0));

    WorkCalendar cal;
    QVERIFY(cal.loadJson(R"({"workday": {"start": "08:30", "lunchStart": "12:00", "lunchEnd": "13:30",
                                         "end": "17:30"}})")
                .ok);
    QCOMPARE(cal.workingDay().start, QTime(8, 30));
    QCOMPARE(cal.workingDay().end, QTime(17, 30));
    // 11:00 + 2 h: 1 h before lunch, 1 h from 13:30.
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 9, 11, 0), 2), local(2026, 3, 9, 14, 30));
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 9, 16, 30), 1), local(2026, 3, 9, 17, 30));
    // Equal lunch times: a day without a lunch break.
    QVERIFY(cal.loadJson(R"({"workday": {"start": "09:00", "lunchStart": "12:00", "lunchEnd": "12:00",
                                         "end": "17:00"}})")
                .ok);
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 9, 11, 0), 2), local(2026, 3, 9, 13, 0));
    // A refused working day leaves the one in force.
    QVERIFY(!cal.loadJson(R"({"workday": {"start": "10:00", "lunchStart": "09:00", "lunchEnd": "12:00",
                                          "end": "17:00"}})")
                 .ok);
    QCOMPARE(cal.workingDay().start, QTime(9, 0));
    QCOMPARE(cal.workingDay().end, QTime(17, 0));
    // Working days are unchanged by office hours: the same clock time on the next working day.
    QCOMPARE(cal.addWorkingDays(local(2026, 3, 6, 22, 0), 1), local(2026, 3, 9, 22, 0));
}

QTEST_GUILESS_MAIN(TestWorkCalendar)
#include "tst_workcalendar.moc"

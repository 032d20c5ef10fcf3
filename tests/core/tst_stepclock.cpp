// Step clocks (StepClock): the center's and the street's own steps are timed in office hours, counted against the
// unit holding the case, never refuse an action, and come out the same on every replay.
#include "assessmentfacts.h"
#include "casedriver.h"
#include "jsonbytes.h"
#include "stepclock.h"
#include <QJsonDocument>
#include <QtTest>

using namespace gw;
using namespace gwtest;

namespace {

// Local Kunming time (UTC+8) as UTC.
QDateTime local(int y, int m, int d, int h, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone(8 * 3600)).toUTC();
}

// The driver acts ten minutes after its start: start 10 minutes before the wanted event time.
CaseDriver registeredAt(const QDateTime &when, const QJsonObject &payload = registrationPayload())
{
    CaseDriver d(CaseDriver::defaultWorkflow(), when.addSecs(-600));
    const Result r = d.act(reporter(), EventType::Registered, payload);
    if (!r.ok)
        qWarning("registration refused: %s", qPrintable(r.message));
    return d;
}

} // namespace

class TestStepClock : public QObject
{
    Q_OBJECT

private slots:
    void workingHoursSkipDaysOff();
    void analyzeClockStartsAtRegistration();
    void dueOverWeekendAndHoliday();
    void urgencyAndCategorySetTheLimit();
    void everyStepWithItsUnit();
    void lateStepIsOverdueButNeverRefused();
    void returnAndReopenRestartTheClock();
    void replayIsDeterministic();
    void recordWithoutStepFieldsLoads();
};

void TestStepClock::workingHoursSkipDaysOff()
{
    const WorkCalendar &cal = WorkCalendar::builtin();
    // Office hours 09:00-12:00 and 14:00-18:00. Friday 17:00 + 4 h: 1 h on Friday, 3 h on Monday morning, ending
    // exactly at the lunch break.
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 6, 17), 4), local(2026, 3, 9, 12));
    // Friday 22:00 + 4 h: nothing left on Friday, the weekend is skipped, Monday 09:00-12:00 and 14:00-15:00.
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 6, 22), 4), local(2026, 3, 9, 15));
    // Ending exactly at the end of the day stays on that day.
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 6, 17), 1), local(2026, 3, 6, 18));
    // A start on Saturday counts from Monday 09:00: 7 h Monday, 7 h Tuesday, 2 h Wednesday.
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 7, 10), 16), local(2026, 3, 11, 11));
    // 清明 2026: Saturday 4 April to Monday 6 April are off.
    QCOMPARE(cal.addWorkingHours(local(2026, 4, 3, 22), 4), local(2026, 4, 7, 15));
    // Labour Day make-up working day Saturday 9 May (调休) counts.
    QCOMPARE(cal.addWorkingHours(local(2026, 5, 8, 22), 4), local(2026, 5, 9, 15));
    // 24 office hours from Friday 09:00: 7 h Friday, Monday and Tuesday, 3 h Wednesday.
    QCOMPARE(cal.addWorkingHours(local(2026, 3, 6, 9), 24), local(2026, 3, 11, 12));
    // The assessment's working-hours measure still counts every hour of a working day (unchanged).
    QCOMPARE(AssessmentFacts::workingHoursBetween(local(2026, 4, 3, 22), local(2026, 4, 7, 2), cal), 4.0);
}

void TestStepClock::analyzeClockStartsAtRegistration()
{
    const QDateTime at = local(2026, 3, 2, 9, 10);
    CaseDriver d = registeredAt(at);
    const CaseRecord &c = d.record();
    QCOMPARE(c.status, CaseStatus::Registered);
    QCOMPARE(c.step, CaseStep::Analyze);
    QCOMPARE(c.stepStartedAt, at);
    QCOMPARE(c.stepDue, local(2026, 3, 2, 15, 10));  // city_appearance / normal: 4 office hours, over lunch
    QCOMPARE(c.stepUnit, kStreet);                     // the street operator analyses the street's cases
    QCOMPARE(c.nextDue(), c.stepDue);
    QVERIFY(!c.isOverdue(c.stepDue));
    QVERIFY(c.isOverdue(c.stepDue.addMSecs(1)));
    QVERIFY(StepClock::isOverdue(c, c.stepDue.addSecs(1)));
    QVERIFY(c.stepHistory.isEmpty());
}

void TestStepClock::dueOverWeekendAndHoliday()
{
    // Registered Friday 22:00, after office hours: the clock starts Monday 09:00 and runs over lunch.
    QCOMPARE(registeredAt(local(2026, 3, 6, 22)).record().stepDue, local(2026, 3, 9, 15));
    // Registered on Saturday: the clock starts on Monday 09:00 as well.
    QCOMPARE(registeredAt(local(2026, 3, 7, 11)).record().stepDue, local(2026, 3, 9, 15));
    // Before 清明 (4-6 April 2026 off): Friday 21:00 + 4 h -> Tuesday 15:00.
    QCOMPARE(registeredAt(local(2026, 4, 3, 21)).record().stepDue, local(2026, 4, 7, 15));
}

void TestStepClock::urgencyAndCategorySetTheLimit()
{
    QJsonObject urgent = registrationPayload();
    urgent["urgency"] = "urgent";
    CaseDriver d = registeredAt(local(2026, 3, 2, 9), urgent);
    QCOMPARE(d.record().stepDue, local(2026, 3, 2, 11));  // urgent: analyze within 2 h
    // The analysis sets category and urgency for the steps after it: critical review within 1 h.
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}, {"urgency", "critical"}}));
    QCOMPARE(d.record().step, CaseStep::Review);
    QCOMPARE(d.record().stepDue, d.record().stepStartedAt.addSecs(3600));
    // Fire safety is one urgency stricter: normal analyze within 2 h.
    QJsonObject fire = registrationPayload();
    fire["category"] = "fire_safety";
    fire.remove("subcategory");
    const Category *cat = CategoryCatalog::builtin().find(QStringLiteral("fire_safety"));
    QVERIFY(cat && !cat->subcategories.isEmpty());
    fire["subcategory"] = cat->subcategories.first().id;
    CaseDriver f = registeredAt(local(2026, 3, 2, 9), fire);
    QCOMPARE(f.record().status, CaseStatus::Registered);
    QCOMPARE(f.record().stepDue, local(2026, 3, 2, 11));
}

void TestStepClock::everyStepWithItsUnit()
{
    CaseDriver d = registeredAt(local(2026, 3, 2, 9));
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    QCOMPARE(d.record().step, CaseStep::Review);
    QCOMPARE(d.record().stepUnit, kCenter);  // only a center reviewer reviews
    QCOMPARE(d.record().stepDue, local(2026, 3, 2, 15, 10));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    QCOMPARE(d.record().step, CaseStep::Whistle);
    QCOMPARE(d.record().stepUnit, kStreet);
    QCOMPARE(d.record().stepDue, local(2026, 3, 2, 15, 20));
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead));
    // A department holds the case now: its own deadlines run, no step clock.
    QCOMPARE(d.record().step, CaseStep::None);
    QVERIFY(d.record().stepUnit.isEmpty());
    QVERIFY(!d.record().stepDue.isValid());
    QCOMPARE(d.record().nextDue(), d.record().assignment(kLead)->checkInDue);
    GW_ACT(d, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kLead}}));
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "已处置"}}));
    QCOMPARE(d.record().step, CaseStep::Verify);
    QCOMPARE(d.record().stepUnit, kStreet);
    QCOMPARE(d.record().stepStartedAt, local(2026, 3, 2, 9, 50));
    // 16 office hours: Monday 6:10, Tuesday 7, Wednesday 2:50 (no day off on the way).
    QCOMPARE(d.record().stepDue, local(2026, 3, 4, 11, 50));
    QCOMPARE(d.record().nextDue(), d.record().stepDue);
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    QCOMPARE(d.record().step, CaseStep::Close);
    QCOMPARE(d.record().stepUnit, kCenter);  // only the center closes
    GW_ACT(d, dispatcher(), EventType::Closed, (QJsonObject{{"satisfaction", "satisfied"}}));
    QCOMPARE(d.record().step, CaseStep::None);
    QVERIFY(!d.record().nextDue().isValid());

    const QList<StepRecord> &h = d.record().stepHistory;
    QCOMPARE(h.size(), 5);
    const QList<CaseStep> steps{CaseStep::Analyze, CaseStep::Review, CaseStep::Whistle, CaseStep::Verify,
                                CaseStep::Close};
    const QStringList units{kStreet, kCenter, kStreet, kStreet, kCenter};
    for (int i = 0; i < h.size(); ++i) {
        QCOMPARE(h.at(i).step, steps.at(i));
        QCOMPARE(h.at(i).unit, units.at(i));
        QVERIFY(h.at(i).doneAt > h.at(i).startedAt);
        QVERIFY(h.at(i).onTime());
    }
    QCOMPARE(h.at(0).doneAt, h.at(1).startedAt);
}

void TestStepClock::lateStepIsOverdueButNeverRefused()
{
    CaseDriver d = registeredAt(local(2026, 3, 2, 9));
    const QDateTime due = d.record().stepDue;
    d.advanceDays(2);
    QVERIFY(d.record().isOverdue(d.now()));
    // The late analysis is accepted all the same: a step clock only marks.
    GW_ACT(d, dispatcher(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    QCOMPARE(d.record().status, CaseStatus::Analyzed);
    const StepRecord late = d.record().stepHistory.first();
    QCOMPARE(late.step, CaseStep::Analyze);
    QCOMPARE(late.due, due);
    QVERIFY(!late.onTime());
    // It counts against the street that held it, even though the center dispatcher acted in the end.
    QCOMPARE(late.unit, kStreet);
    // Comments and holds do not restart a running clock.
    const QDateTime reviewDue = d.record().stepDue;
    GW_ACT(d, reviewer(), EventType::Commented, (QJsonObject{{"text", "请尽快审核"}}));
    GW_ACT(d, reviewer(), EventType::HoldChanged, (QJsonObject{{"onHold", true}, {"reason", "等待现场核实"}}));
    QCOMPARE(d.record().stepDue, reviewDue);
    QCOMPARE(d.record().stepHistory.size(), 1);
}

void TestStepClock::returnAndReopenRestartTheClock()
{
    CaseDriver d = registeredAt(local(2026, 3, 2, 9));
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "return"}, {"reason", "定位不准确"}}));
    QCOMPARE(d.record().step, CaseStep::Analyze);
    QCOMPARE(d.record().stepStartedAt, d.now());
    QCOMPARE(d.record().stepHistory.size(), 2);
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "reject"}, {"reason", "不属于受理范围"}}));
    QCOMPARE(d.record().status, CaseStatus::Rejected);
    QCOMPARE(d.record().step, CaseStep::None);
    GW_ACT(d, reviewer(), EventType::Reopened, (QJsonObject{{"reason", "群众反映问题复发"}}));
    QCOMPARE(d.record().step, CaseStep::Analyze);
    QCOMPARE(d.record().stepStartedAt, d.now());
    QCOMPARE(d.record().stepHistory.size(), 4);  // the history survives the reopen
}

void TestStepClock::replayIsDeterministic()
{
    CaseDriver d = registeredAt(local(2026, 4, 3, 21));
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    d.advanceDays(3);
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    // Another machine folds the same events, later: the same projection, byte for byte.
    CaseRecord again;
    QVERIFY(Workflow().replay(d.events(), &again).ok);
    const QByteArray json = QJsonDocument(d.record().toJson()).toJson(QJsonDocument::Compact);
    QCOMPARE(QJsonDocument(again.toJson()).toJson(QJsonDocument::Compact), json);
    QCOMPARE(JsonBytes::caseState(again), json);
    // And through JSON (stores, sync) the step clock survives.
    const CaseRecord read = CaseRecord::fromJson(again.toJson());
    QCOMPARE(read.step, CaseStep::Whistle);
    QCOMPARE(read.stepDue, again.stepDue);
    QCOMPARE(read.stepHistory.size(), 2);
    QCOMPARE(read.stepHistory.at(1).doneAt, again.stepHistory.at(1).doneAt);
    QCOMPARE(QJsonDocument(read.toJson()).toJson(QJsonDocument::Compact), json);
}

void TestStepClock::recordWithoutStepFieldsLoads()
{
    CaseDriver d = registeredAt(local(2026, 3, 2, 9));
    QJsonObject old = d.record().toJson();
    for (const char *key : {"step", "stepUnit", "stepStartedAt", "stepDue", "steps"})
        old.remove(QLatin1String(key));
    const CaseRecord c = CaseRecord::fromJson(old);
    QCOMPARE(c.status, CaseStatus::Registered);
    QCOMPARE(c.step, CaseStep::None);
    QVERIFY(!c.stepDue.isValid());
    QVERIFY(c.stepHistory.isEmpty());
    QVERIFY(!c.nextDue().isValid());
    // A case without a street is held by the center at every step.
    CaseRecord noStreet = c;
    noStreet.streetId.clear();
    QCOMPARE(StepClock::unitFor(CaseStep::Analyze, noStreet, OrgDirectory::builtin()), kCenter);
    QCOMPARE(StepClock::unitFor(CaseStep::Analyze, c, OrgDirectory::builtin()), kStreet);
    QCOMPARE(StepClock::unitFor(CaseStep::Close, c, OrgDirectory::builtin()), kCenter);
}

QTEST_GUILESS_MAIN(TestStepClock)
#include "tst_stepclock.moc"

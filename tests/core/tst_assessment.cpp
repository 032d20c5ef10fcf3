// The assessment engine against a small district month worked out BY HAND.
//
// Eleven cases in October 2026 (district time UTC+8), each driven through gw::Workflow with real events at fixed
// times. October 2026 has the National Day holidays (1-7 Oct, Thu-Wed) and a make-up working Saturday (10 Oct);
// weekends, the holiday, rework twice, an approved and a denied postponement, a returned assignment, a case on hold,
// street self-handling, all three callback results and community ratings all occur. Every expected figure below is
// a literal with the arithmetic in a comment; nothing is recomputed by the code under test.
//
// Cases (all times local):
//  C1  拓东, 城管 lead. Reg Mon 12 Oct 09:00, whistled 10:00 (check-in due Tue 13 10:00, handle due Mon 19 10:00).
//      Check-in 12 Oct 15:00, handled Thu 15 10:00, verified, closed 16 Oct satisfied, rated 5.
//  C2  拓东, 城管 lead + 住建 assist. Reg Fri 16 Oct, whistled Fri 16 16:00 (check-in due Mon 19 16:00 — weekend
//      skipped; handle due Fri 23 16:00). 城管 checks in Sat 17 10:00, 住建 Tue 20 09:00 (late). Verification fails
//      twice (reworkDue 23 Oct 16:00, then Mon 26 16:00); last handlings: 城管 Thu 22 15:00, 住建 Mon 26 17:00 (late).
//      Closed 27 Oct "basic"; ratings 城管 4, 住建 2.
//  C3  拓东, 水务 lead. Reg Wed 30 Sep, whistled 30 Sep 11:00 (check-in due Thu 8 Oct 11:00 — holiday skipped; handle
//      due Tue 13 Oct 11:00 counting Sat 10 Oct as a working day). Check-in 8 Oct 09:00; postponement to 20 Oct 11:00
//      approved; handled Mon 19 Oct 10:00; closed 20 Oct "dissatisfied".
//  C4  拓东, 城管 lead. Reg Mon 19 Oct, whistled 10:00 (due 20 Oct 10:00 / Mon 26 10:00). Check-in 20 Oct 11:00 (late);
//      postponement to 30 Oct denied; handled Wed 28 Oct 10:00 (late). Not verified.
//  C5  拓东. Whistled to 住建 (lead) Tue 20 Oct 10:00; 住建 returns it 14:00 (退回). Whistled to 城管 Wed 21 09:00
//      (due 22 Oct 09:00 / Wed 28 09:00); check-in 21 Oct 10:00; handled Mon 2 Nov 10:00 (late, after the month).
//  C6  拓东, 城管 lead. Reg Tue 13 Oct, whistled 10:00, put on hold 11:00 (缓办); nothing else — excluded from rates.
//  C7  拓东, street handles itself: reg Wed 14 Oct 09:00, street due Fri 16 18:00, resolved Thu 15 10:00; closed
//      15 Oct "satisfied".
//  C8  拓东, street handles itself: reg Thu 22 Oct 09:00, due Fri 23 18:00; resolved 23 Oct 10:00, verification fails
//      (rework due Mon 26 18:00), resolved again Tue 27 09:00 (late); closed 27 Oct without a callback.
//  C9  鼓楼, reg Thu 15 Oct, rejected at review.
//  C10 鼓楼, reg Mon 26 Oct, whistled to 水务 10:00 (due Tue 27 10:00 / Mon 2 Nov 10:00); check-in 26 Oct 11:00.
//  C11 鼓楼, reg Wed 28 Oct, not yet analyzed.
//
// Test indicator set (simple numbers so the arithmetic stays readable):
//  onTimeCheckInRate  dept 30, higher target 100 floor 0      -> points = rate
//  onTimeHandlingRate street 40, dept 30, same                  -> points = rate
//  satisfaction       street 30, dept 20, same                  -> points = value
//  whistleRate        street 30, band 0 / 20..50 / 100          -> 100 inside 20..50, linear to 0 at 0 and at 100
//  departmentRating   dept 20, higher target 5 floor 0          -> points = 20 x rating
//  deductions: rework [2, 5] (1st failure 2, 2nd and later 5 each), returned assignment 3, at most 9 in total.
#include "assessmentengine.h"
#include "assessmentfacts.h"
#include "casedraft.h"
#include "eventbuilder.h"
#include "indicatorset.h"
#include "protocol/monthassessment.h"
#include "workflow.h"
#include <QJsonArray>
#include <QtTest>

using namespace gw;

namespace {

const QString kTuodong = QStringLiteral("street.tuodong");
const QString kGulou = QStringLiteral("street.gulou");
const QString kCG = QStringLiteral("dept.chengguan");
const QString kZJ = QStringLiteral("dept.zhujian");
const QString kSW = QStringLiteral("dept.shuiwu");

User user(const char *id, Role role, const QString &org)
{
    return User::make(QLatin1String(id), role, org);
}

const User reporterA = user("grid.li", Role::CommunityReporter, QStringLiteral("community.tuodong.1"));
const User reporterB = user("grid.zhou", Role::CommunityReporter, QStringLiteral("community.gulou.1"));
const User operatorA = user("street.wang", Role::StreetOperator, kTuodong);
const User operatorB = user("street.ma", Role::StreetOperator, kGulou);
const User dispatcher = user("center.zhao", Role::CenterDispatcher, QStringLiteral("center.district"));
const User reviewer = user("center.chen", Role::CenterReviewer, QStringLiteral("center.district"));
const User cg = user("cg.liu", Role::DepartmentHandler, kCG);
const User zj = user("zj.sun", Role::DepartmentHandler, kZJ);
const User sw = user("sw.he", Role::DepartmentHandler, kSW);

// A local (UTC+8) time in 2026.
QDateTime L(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), QTimeZone(8 * 3600)).toUTC();
}
QString iso(const QDateTime &t) { return CaseEvent::timeToString(t); }

// Builds cases with real events at fixed times; every refusal is collected and fails the test.
class District
{
public:
    QStringList errors;
    QHash<QString, CaseRecord> cases;

    void reg(const QString &key, const User &who, const QString &street, const QString &category, const QDateTime &at)
    {
        CaseDraft d;
        d.title = QStringLiteral("测试哨件 ") + key;
        d.description = QStringLiteral("考核测试");
        d.categoryId = category;
        d.streetId = street;
        d.communityId = who.orgUnitId;
        d.address = QStringLiteral("盘龙区测试路 1 号");
        d.urgency = Urgency::Normal;
        const CaseEvent e = EventBuilder(who, QStringLiteral("dev"), [at] { return at; }).registerCase(d);
        submit(key, e, true);
    }
    void act(const QString &key, const User &who, EventType type, const QJsonObject &payload, const QDateTime &at)
    {
        submit(key, EventBuilder(who, QStringLiteral("dev"), [at] { return at; }).make(type, cases[key].id, payload));
    }
    // Deadlines from the category rules and the working calendar, as the whistle form pre-fills them.
    void whistle(const QString &key, const User &who, const QString &lead, const QStringList &assists, const QDateTime &at)
    {
        submit(key, EventBuilder(who, QStringLiteral("dev"), [at] { return at; }).whistle(cases[key], lead, assists));
    }
    // The usual path up to an approved case.
    void approved(const QString &key, const User &reporter, const User &op, const QString &street, const QDateTime &at)
    {
        reg(key, reporter, street, QStringLiteral("city_appearance"), at);
        act(key, op, EventType::Analyzed, {{"decision", "whistle"}, {"note", "需部门处置"}}, at.addSecs(600));
        act(key, reviewer, EventType::Reviewed, {{"decision", "approve"}}, at.addSecs(1200));
    }
    void close(const QString &key, const char *satisfaction, const QDateTime &at)
    {
        QJsonObject p{{"summary", "已办结"}, {"callbackBy", "center.zhao"}, {"callbackContact", "138****0000"}};
        if (satisfaction)
            p.insert("satisfaction", QLatin1String(satisfaction));
        act(key, dispatcher, EventType::Closed, p, at);
    }

private:
    void submit(const QString &key, CaseEvent e, bool first = false)
    {
        CaseRecord &rec = cases[key];
        Workflow wf;
        const Result r = wf.check(first ? nullptr : &rec, e);
        if (!r.ok) {
            errors.append(QStringLiteral("%1 %2: %3").arg(key, eventTypeToString(e.type), r.message));
            return;
        }
        e.caseSeq = rec.eventCount + 1;
        wf.apply(rec, e);
    }
};

QByteArray testIndicatorJson(double maxTotal = 9)
{
    return QStringLiteral(R"({
 "version": "test.1",
 "title": "hand-computed fixture set",
 "indicators": [
  {"id": "onTimeCheckInRate", "name": "按时报到率", "weight": {"department": 30}, "direction": "higher", "target": 100, "floor": 0},
  {"id": "onTimeHandlingRate", "name": "按期处置率", "weight": {"street": 40, "department": 30}, "direction": "higher", "target": 100, "floor": 0},
  {"id": "satisfaction", "name": "满意度", "weight": {"street": 30, "department": 20}, "direction": "higher", "target": 100, "floor": 0},
  {"id": "whistleRate", "name": "吹哨率", "weight": {"street": 30}, "direction": "band", "floor": 0, "low": 20, "high": 50, "ceiling": 100},
  {"id": "departmentRating", "name": "社区评价", "weight": {"department": 20}, "direction": "higher", "target": 5, "floor": 0}
 ],
 "satisfactionScores": {"satisfied": 100, "basic": 80, "dissatisfied": 0},
 "deductions": {"reworkSchedule": [2, 5], "returnedAssignment": 3, "maxTotal": %1}
})").arg(maxTotal).toUtf8();
}

double valueOf(const UnitFigures &u, AssessmentMetric m)
{
    double v = -1;
    return u.value(m, &v) ? v : -1;
}

} // namespace

class TestAssessment : public QObject
{
    Q_OBJECT

private:
    District d;
    AssessmentFacts facts;
    IndicatorSet set;
    AssessmentResult october;

private Q_SLOTS:
    void initTestCase();
    void deadlinesFollowTheCalendar();
    void streetFigures();
    void secondStreetAndRejection();
    void departmentChengguan();
    void departmentZhujianReturnAndCap();
    void departmentShuiwuHolidayAndPostponement();
    void districtTotals();
    void categoriesAndStatuses();
    void deadlinesNotYetPassedAreNotJudged();
    void previousMonthIsSeparate();
    void unitsWithoutWorkHaveNoScore();
    void workingHours();
    void rankingPutsUnscoredLast();
    void stepOnTimeRateOfCenterAndStreets();
    void resultSurvivesItsWireForm();
    void wireFormRefusesBadFigures();
};

void TestAssessment::initTestCase()
{
    const QString tuodong = kTuodong, gulou = kGulou;
    // C1
    d.approved("C1", reporterA, operatorA, tuodong, L(10, 12, 9));
    d.whistle("C1", operatorA, kCG, {}, L(10, 12, 10));
    d.act("C1", cg, EventType::CheckedIn, {{"department", kCG}}, L(10, 12, 15));
    d.act("C1", cg, EventType::Handled, {{"department", kCG}, {"feedback", "已清理"}}, L(10, 15, 10));
    d.act("C1", operatorA, EventType::Verified, {{"passed", true}}, L(10, 16, 9));
    d.close("C1", "satisfied", L(10, 16, 10));
    d.act("C1", reporterA, EventType::DepartmentRated, {{"department", kCG}, {"score", 5}}, L(10, 16, 11));
    // C2: rework twice
    d.approved("C2", reporterA, operatorA, tuodong, L(10, 16, 9));
    d.whistle("C2", operatorA, kCG, {kZJ}, L(10, 16, 16));
    d.act("C2", cg, EventType::CheckedIn, {{"department", kCG}}, L(10, 17, 10));
    d.act("C2", zj, EventType::CheckedIn, {{"department", kZJ}}, L(10, 20, 9));
    d.act("C2", cg, EventType::Handled, {{"department", kCG}, {"feedback", "第一次"}}, L(10, 20, 10));
    d.act("C2", zj, EventType::Handled, {{"department", kZJ}, {"feedback", "第一次"}}, L(10, 20, 11));
    d.act("C2", operatorA, EventType::Verified, {{"passed", false}, {"reason", "未清理干净"}, {"reworkDue", iso(L(10, 23, 16))}}, L(10, 21, 9));
    d.act("C2", cg, EventType::Handled, {{"department", kCG}, {"feedback", "第二次"}}, L(10, 21, 15));
    d.act("C2", zj, EventType::Handled, {{"department", kZJ}, {"feedback", "第二次"}}, L(10, 21, 16));
    d.act("C2", operatorA, EventType::Verified, {{"passed", false}, {"reason", "仍有遗留"}, {"reworkDue", iso(L(10, 26, 16))}}, L(10, 22, 9));
    d.act("C2", cg, EventType::Handled, {{"department", kCG}, {"feedback", "第三次"}}, L(10, 22, 15));
    d.act("C2", zj, EventType::Handled, {{"department", kZJ}, {"feedback", "第三次"}}, L(10, 26, 17));
    d.act("C2", operatorA, EventType::Verified, {{"passed", true}}, L(10, 27, 9));
    d.close("C2", "basic", L(10, 27, 10));
    d.act("C2", reporterA, EventType::DepartmentRated, {{"department", kZJ}, {"score", 2}}, L(10, 27, 11));
    d.act("C2", operatorA, EventType::DepartmentRated, {{"department", kCG}, {"score", 4}}, L(10, 27, 11, 5));
    // C3: across the National Day holiday, postponement approved
    d.approved("C3", reporterA, operatorA, tuodong, L(9, 30, 9));
    d.whistle("C3", dispatcher, kSW, {}, L(9, 30, 11));
    d.act("C3", sw, EventType::CheckedIn, {{"department", kSW}}, L(10, 8, 9));
    d.act("C3", sw, EventType::PostponeRequested, {{"department", kSW}, {"requestedDue", iso(L(10, 20, 11))}, {"reason", "需协调施工队"}}, L(10, 9, 10));
    d.act("C3", reviewer, EventType::PostponeDecided, {{"department", kSW}, {"approved", true}}, L(10, 9, 14));
    d.act("C3", sw, EventType::Handled, {{"department", kSW}, {"feedback", "已修复"}}, L(10, 19, 10));
    d.act("C3", operatorA, EventType::Verified, {{"passed", true}}, L(10, 20, 9));
    d.close("C3", "dissatisfied", L(10, 20, 10));
    // C4: late check-in, postponement denied, late handling
    d.approved("C4", reporterA, operatorA, tuodong, L(10, 19, 9));
    d.whistle("C4", operatorA, kCG, {}, L(10, 19, 10));
    d.act("C4", cg, EventType::CheckedIn, {{"department", kCG}}, L(10, 20, 11));
    d.act("C4", cg, EventType::PostponeRequested, {{"department", kCG}, {"requestedDue", iso(L(10, 30, 10))}, {"reason", "材料未到"}}, L(10, 22, 10));
    d.act("C4", reviewer, EventType::PostponeDecided, {{"department", kCG}, {"approved", false}, {"reason", "理由不充分"}}, L(10, 22, 15));
    d.act("C4", cg, EventType::Handled, {{"department", kCG}, {"feedback", "已处置"}}, L(10, 28, 10));
    // C5: returned by 住建, re-routed to 城管
    d.approved("C5", reporterA, operatorA, tuodong, L(10, 20, 9));
    d.whistle("C5", operatorA, kZJ, {}, L(10, 20, 10));
    d.act("C5", zj, EventType::AssignmentReturned, {{"department", kZJ}, {"reason", "不属于本部门职责"}}, L(10, 20, 14));
    d.whistle("C5", dispatcher, kCG, {}, L(10, 21, 9));
    d.act("C5", cg, EventType::CheckedIn, {{"department", kCG}}, L(10, 21, 10));
    d.act("C5", cg, EventType::Handled, {{"department", kCG}, {"feedback", "已处置"}}, L(11, 2, 10));
    // C6: on hold
    d.approved("C6", reporterA, operatorA, tuodong, L(10, 13, 9));
    d.whistle("C6", operatorA, kCG, {}, L(10, 13, 10));
    d.act("C6", reviewer, EventType::HoldChanged, {{"onHold", true}, {"reason", "待区政府研究"}}, L(10, 13, 11));
    // C7: the street handles it itself, on time
    d.reg("C7", reporterA, tuodong, QStringLiteral("city_appearance"), L(10, 14, 9));
    d.act("C7", operatorA, EventType::Analyzed, {{"decision", "street"}, {"note", "街道自行处置"}, {"due", iso(L(10, 16, 18))}}, L(10, 14, 9, 30));
    d.act("C7", operatorA, EventType::StreetResolved, {{"feedback", "已处理"}}, L(10, 15, 10));
    d.act("C7", operatorA, EventType::Verified, {{"passed", true}}, L(10, 15, 14));
    d.close("C7", "satisfied", L(10, 15, 15));
    // C8: the street handles it, fails verification once, late
    d.reg("C8", reporterA, tuodong, QStringLiteral("city_appearance"), L(10, 22, 9));
    d.act("C8", operatorA, EventType::Analyzed, {{"decision", "street"}, {"note", "街道自行处置"}, {"due", iso(L(10, 23, 18))}}, L(10, 22, 9, 30));
    d.act("C8", operatorA, EventType::StreetResolved, {{"feedback", "已处理"}}, L(10, 23, 10));
    d.act("C8", operatorA, EventType::Verified, {{"passed", false}, {"reason", "未完成"}, {"reworkDue", iso(L(10, 26, 18))}}, L(10, 23, 15));
    d.act("C8", operatorA, EventType::StreetResolved, {{"feedback", "已再处理"}}, L(10, 27, 9));
    d.act("C8", operatorA, EventType::Verified, {{"passed", true}}, L(10, 27, 10));
    d.close("C8", nullptr, L(10, 27, 11));
    // C9-C11: 鼓楼
    d.reg("C9", reporterB, gulou, QStringLiteral("water"), L(10, 15, 9));
    d.act("C9", operatorB, EventType::Analyzed, {{"decision", "whistle"}, {"note", "需部门处置"}}, L(10, 15, 10));
    d.act("C9", reviewer, EventType::Reviewed, {{"decision", "reject"}, {"reason", "不属于网格事项"}}, L(10, 15, 11));
    d.approved("C10", reporterB, operatorB, gulou, L(10, 26, 9));
    d.whistle("C10", operatorB, kSW, {}, L(10, 26, 10));
    d.act("C10", sw, EventType::CheckedIn, {{"department", kSW}}, L(10, 26, 11));
    d.reg("C11", reporterB, gulou, QStringLiteral("water"), L(10, 28, 9));

    QVERIFY2(d.errors.isEmpty(), qPrintable(d.errors.join(QLatin1Char('\n'))));

    QStringList errors;
    const Result r = set.loadJson(testIndicatorJson(), &errors);
    QVERIFY2(r.ok, qPrintable(r.message));
    // Facts are built from the projection as the store keeps it (JSON), so the new fields must survive a round trip.
    for (const char *key : {"C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11"})
        facts.addCase(CaseRecord::fromJson(d.cases.value(QLatin1String(key)).toJson()));
    october = AssessmentEngine(set).assess(facts, AssessmentPeriod::month(2026, 10), L(11, 10, 0));
    QCOMPARE(october.indicatorVersion, QStringLiteral("test.1"));
    QCOMPARE(october.streets.size(), 12);
}

void TestAssessment::deadlinesFollowTheCalendar()
{
    const CaseRecord &c2 = d.cases["C2"];
    // Whistled Fri 16 Oct 16:00: +1 working day skips Sat/Sun -> Mon 19 16:00.
    QCOMPARE(c2.assignment(kZJ)->checkInDue, L(10, 19, 16));
    QCOMPARE(c2.assignment(kCG)->reworkCount, 2);
    QCOMPARE(c2.assignment(kCG)->handleDue, L(10, 26, 16));  // the second rework deadline
    const CaseRecord &c3 = d.cases["C3"];
    // Whistled Wed 30 Sep 11:00: 1-7 Oct are holidays -> check-in due Thu 8 Oct 11:00.
    QCOMPARE(c3.assignment(kSW)->checkInDue, L(10, 8, 11));
    // Approved postponement replaced the original Tue 13 Oct 11:00 (8, 9, Sat 10 make-up, 12, 13).
    QCOMPARE(c3.assignment(kSW)->handleDue, L(10, 20, 11));
    QCOMPARE(c3.assignment(kSW)->postponeCount, 1);
    QCOMPARE(d.cases["C4"].assignment(kCG)->handleDue, L(10, 26, 10));  // denied: unchanged
    QCOMPARE(d.cases["C5"].assignment(kZJ)->returnedAt, L(10, 20, 14));
    QCOMPARE(d.cases["C2"].assignment(kCG)->ratedAt, L(10, 27, 11, 5));
}

void TestAssessment::streetFigures()
{
    const UnitFigures *a = october.find(kTuodong);
    QVERIFY(a);
    QCOMPARE(a->registered, 7);       // C1 C2 C4 C5 C6 C7 C8 (C3 was registered 30 Sep)
    QCOMPARE(a->whistled, 5);         // C1 C2 C4 C5 C6 (C3 whistled 30 Sep; C7 C8 never)
    QCOMPARE(a->closed, 5);           // C1 16th, C2 27th, C3 20th, C7 15th, C8 27th
    QCOMPARE(a->onHoldExcluded, 1);   // C6
    QCOMPARE(a->whistleBase, 6);      // 7 registered - C6 on hold
    QCOMPARE(a->whistleHits, 4);      // C1 C2 C4 C5
    QCOMPARE(valueOf(*a, AssessmentMetric::WhistleRate), 4 * 100.0 / 6);   // 66.67 %
    QCOMPARE(a->closeHits, 4);        // C1 C2 C7 C8 closed before 1 Nov
    QCOMPARE(valueOf(*a, AssessmentMetric::CloseRate), 4 * 100.0 / 6);
    // Satisfaction: C1 100 + C2 80 + C3 0 + C7 100 (C8 had no callback) = 280 / 4
    QCOMPARE(a->satisfactionCount, 4);
    QCOMPARE(valueOf(*a, AssessmentMetric::Satisfaction), 70.0);
    // The street's own handling: C7 on time (15th <= 16th 18:00), C8 late (27th 09:00 > 26th 18:00).
    QCOMPARE(a->checkInsDue, 0);
    QCOMPARE(a->handlingsDue, 2);
    QCOMPARE(a->handlingsOnTime, 1);
    QCOMPARE(a->overdue, 1);
    QCOMPARE(valueOf(*a, AssessmentMetric::OnTimeHandlingRate), 50.0);
    // Working hours: C7 Wed 14 09:00 -> Thu 15 10:00 = 15 + 10 = 25 h; C8 Thu 22 09:00 -> Tue 27 09:00 =
    // 15 (Thu) + 24 (Fri) + 0 (weekend) + 24 (Mon) + 9 (Tue) = 72 h. (25 + 72) / 24 / 2 = 2.0208 working days.
    QCOMPARE(a->handlingsDone, 2);
    QCOMPARE(a->handlingWorkHours, 97.0);
    QCOMPARE(valueOf(*a, AssessmentMetric::AvgHandlingDays), 97.0 / 24 / 2);
    QCOMPARE(a->reworked, 1);        // C8
    QCOMPARE(valueOf(*a, AssessmentMetric::ReworkRate), 50.0);
    QCOMPARE(a->reworkDeduction, 2.0);  // C8 failed once: schedule[0] = 2
    QCOMPARE(a->returned, 0);
    // Composite: handling 50 x 40 + satisfaction 70 x 30 + whistle rate 66.67 % (above the 50 % band edge:
    // (100 - 66.67) / (100 - 50) = 66.67 points) x 30 = 2000 + 2100 + 2000 = 6100 / 100 = 61.0; minus 2 = 59.0.
    QCOMPARE(a->indicatorScores.size(), 5);
    QVERIFY(std::isnan(a->indicatorScores.at(0)));  // check-in rate: not weighted for streets
    QCOMPARE(a->indicatorScores.at(1), 50.0);
    QCOMPARE(a->indicatorScores.at(2), 70.0);
    QVERIFY(qFuzzyCompare(a->indicatorScores.at(3), 200.0 / 3));
    QVERIFY(qFuzzyCompare(a->composite, 59.0));
}

void TestAssessment::secondStreetAndRejection()
{
    const UnitFigures *b = october.find(kGulou);
    QVERIFY(b);
    QCOMPARE(b->registered, 3);    // C9 C10 C11
    QCOMPARE(b->whistled, 1);      // C10
    QCOMPARE(b->whistleBase, 2);   // C9 rejected is left out
    QCOMPARE(b->whistleHits, 1);
    QCOMPARE(valueOf(*b, AssessmentMetric::WhistleRate), 50.0);
    QCOMPARE(b->closeHits, 0);
    QCOMPARE(valueOf(*b, AssessmentMetric::CloseRate), 0.0);
    QCOMPARE(valueOf(*b, AssessmentMetric::Satisfaction), -1.0);          // nobody called back: no value
    QCOMPARE(valueOf(*b, AssessmentMetric::OnTimeHandlingRate), -1.0);    // no street handling
    // Only the whistle rate has data: 50 % is inside the band -> 100 points, carrying all the weight: 100.0.
    QCOMPARE(b->composite, 100.0);
}

void TestAssessment::departmentChengguan()
{
    const UnitFigures *u = october.find(kCG);
    QVERIFY(u);
    QCOMPARE(u->whistled, 5);        // summoned in October: C1 C2 C4 C5 C6
    QCOMPARE(u->closed, 2);          // C1 C2 (live and handled at closing)
    // Check-ins settled in October: C1 on time, C2 on time (Saturday 17th <= Mon 19th), C4 late, C5 on time; C6 on hold.
    QCOMPARE(u->checkInsDue, 4);
    QCOMPARE(u->checkInsOnTime, 3);
    QCOMPARE(valueOf(*u, AssessmentMetric::OnTimeCheckInRate), 75.0);
    // Handlings settled in October: C1 (15th, on time), C2 (22nd <= rework due 26th), C4 (due 26th passed, done 28th),
    // C5 (due 28th passed, done 2 Nov) -> 2 of 4.
    QCOMPARE(u->handlingsDue, 4);
    QCOMPARE(u->handlingsOnTime, 2);
    QCOMPARE(u->overdue, 2);
    QCOMPARE(valueOf(*u, AssessmentMetric::OnTimeHandlingRate), 50.0);
    QCOMPARE(u->postponed, 0);       // C4's request was denied
    QCOMPARE(valueOf(*u, AssessmentMetric::PostponementRate), 0.0);
    // Done in October: C1 Mon 12 10:00 -> Thu 15 10:00 = 14 + 24 + 24 + 10 = 72 h;
    // C2 Fri 16 16:00 -> Thu 22 15:00 = 8 + 0 + 0 + 24 x 3 + 15 = 95 h;
    // C4 Mon 19 10:00 -> Wed 28 10:00 = 14 + 24 x 4 + 0 + 0 + 24 x 2 + 10 = 168 h. Sum 335 h / 24 / 3 = 4.65 days.
    QCOMPARE(u->handlingsDone, 3);
    QCOMPARE(u->handlingWorkHours, 335.0);
    QCOMPARE(valueOf(*u, AssessmentMetric::AvgHandlingDays), 335.0 / 24 / 3);
    QCOMPARE(u->reworked, 1);        // C2
    QCOMPARE(u->reworkFailures, 2);
    QCOMPARE(valueOf(*u, AssessmentMetric::ReworkRate), 100.0 / 3);
    QCOMPARE(u->reworkDeduction, 7.0);   // C2 failed twice: 2 + 5
    // Satisfaction of cases it handled: C1 100, C2 80 -> 90.  Ratings: 5 and 4 -> 4.5.
    QCOMPARE(valueOf(*u, AssessmentMetric::Satisfaction), 90.0);
    QCOMPARE(valueOf(*u, AssessmentMetric::DepartmentRating), 4.5);
    // Close rate: summoned in October and not on hold: C1 C2 C4 C5; closed by month end: C1 C2.
    QCOMPARE(u->closeBase, 4);
    QCOMPARE(valueOf(*u, AssessmentMetric::CloseRate), 50.0);
    // Composite: 75 x 30 + 50 x 30 + 90 x 20 + (4.5 x 20 = 90) x 20 = 2250 + 1500 + 1800 + 1800 = 7350 / 100 = 73.5;
    // minus rework 7 (below the cap of 9) = 66.5.
    QCOMPARE(u->deduction, 7.0);
    QVERIFY(qFuzzyCompare(u->composite, 66.5));
}

void TestAssessment::departmentZhujianReturnAndCap()
{
    const UnitFigures *u = october.find(kZJ);
    QVERIFY(u);
    QCOMPARE(u->whistled, 2);        // C2 and C5
    QCOMPARE(u->returned, 1);        // C5, returned 20 Oct: charged to 住建
    QCOMPARE(u->returnDeduction, 3.0);
    QCOMPARE(u->checkInsDue, 1);     // C2 only: a returned assignment is scored by the return, not the deadlines
    QCOMPARE(u->checkInsOnTime, 0);  // Tue 20 09:00 > Mon 19 16:00
    QCOMPARE(u->handlingsDue, 1);
    QCOMPARE(u->handlingsOnTime, 0); // Mon 26 17:00 > Mon 26 16:00
    QCOMPARE(u->overdue, 1);
    // C2 Fri 16 16:00 -> Mon 26 17:00 = 8 + 24 x 5 (19-23) + 17 = 145 h = 6.04 days.
    QCOMPARE(u->handlingWorkHours, 145.0);
    QCOMPARE(valueOf(*u, AssessmentMetric::ReworkRate), 100.0);
    QCOMPARE(u->reworkDeduction, 7.0);
    QCOMPARE(valueOf(*u, AssessmentMetric::Satisfaction), 80.0);
    QCOMPARE(valueOf(*u, AssessmentMetric::DepartmentRating), 2.0);
    QCOMPARE(valueOf(*u, AssessmentMetric::CloseRate), 100.0);  // C2 only (C5 was returned)
    // Composite: 0 x 30 + 0 x 30 + 80 x 20 + (2 x 20 = 40) x 20 = 2400 / 100 = 24.0; deductions 7 + 3 = 10,
    // capped at 9 -> 15.0.
    QCOMPARE(u->deduction, 9.0);
    QVERIFY(qFuzzyCompare(u->composite, 15.0));

    // With a higher cap the full 10 points apply: 24 - 10 = 14.
    IndicatorSet wide;
    QVERIFY(wide.loadJson(testIndicatorJson(20)).ok);
    const AssessmentResult r = AssessmentEngine(wide).assess(facts, AssessmentPeriod::month(2026, 10), L(11, 10, 0));
    QVERIFY(qFuzzyCompare(r.find(kZJ)->composite, 14.0));
}

void TestAssessment::departmentShuiwuHolidayAndPostponement()
{
    const UnitFigures *u = october.find(kSW);
    QVERIFY(u);
    QCOMPARE(u->whistled, 1);        // C10 (C3 was summoned 30 Sep)
    QCOMPARE(u->closed, 1);          // C3
    // Check-ins settled in October: C3 (8 Oct 09:00 <= 8 Oct 11:00) and C10 (26th 11:00 <= 27th 10:00).
    QCOMPARE(u->checkInsDue, 2);
    QCOMPARE(u->checkInsOnTime, 2);
    // Handlings: C3 done 19 Oct <= postponed 20 Oct 11:00 (on time thanks to the approved postponement);
    // C10 is due 2 Nov: not settled in October.
    QCOMPARE(u->handlingsDue, 1);
    QCOMPARE(u->handlingsOnTime, 1);
    QCOMPARE(u->postponed, 1);
    QCOMPARE(valueOf(*u, AssessmentMetric::PostponementRate), 100.0);
    // C3 Wed 30 Sep 11:00 -> Mon 19 Oct 10:00 = 13 (30 Sep) + 0 (1-7 Oct) + 24 (8) + 24 (9) + 24 (Sat 10, make-up)
    // + 0 (Sun 11) + 24 x 5 (12-16) + 0 (17, 18) + 10 = 215 h.
    QCOMPARE(u->handlingWorkHours, 215.0);
    QCOMPARE(valueOf(*u, AssessmentMetric::Satisfaction), 0.0);   // dissatisfied
    QCOMPARE(valueOf(*u, AssessmentMetric::DepartmentRating), -1.0);  // not rated
    QCOMPARE(u->closeBase, 1);       // C10 (C3 summoned in September)
    QCOMPARE(u->closeHits, 0);
    // Composite: 100 x 30 + 100 x 30 + 0 x 20, rating has no data so its weight is shared out:
    // 6000 / 80 = 75.0.
    QVERIFY(qFuzzyCompare(u->composite, 75.0));
}

void TestAssessment::districtTotals()
{
    const UnitFigures &t = october.district;
    QCOMPARE(t.registered, 10);      // 7 + 3
    QCOMPARE(t.whistled, 6);         // 5 + 1
    QCOMPARE(t.closed, 5);
    QCOMPARE(t.whistleBase, 8);      // 6 + 2
    QCOMPARE(t.whistleHits, 5);
    QCOMPARE(t.checkInsDue, 7);      // 城管 4 + 住建 1 + 水务 2
    QCOMPARE(t.checkInsOnTime, 5);   // 3 + 0 + 2
    QCOMPARE(t.handlingsDue, 8);     // street 2 + 城管 4 + 住建 1 + 水务 1
    QCOMPARE(t.handlingsOnTime, 4);  // 1 + 2 + 0 + 1
    QCOMPARE(t.overdue, 4);
    QCOMPARE(t.returned, 1);
    QCOMPARE(t.handlingsDone, 7);    // 2 + 3 + 1 + 1
    QCOMPARE(t.handlingWorkHours, 792.0);  // 97 + 335 + 145 + 215
    QCOMPARE(t.reworked, 3);         // C8 (street), C2 城管, C2 住建
    QCOMPARE(t.ratingCount, 3);
    QCOMPARE(t.ratingSum, 11);       // 5 + 4 + 2
    QCOMPARE(t.satisfactionSum, 280.0);
    QVERIFY(!t.hasComposite());      // the district as a whole is not ranked
}

void TestAssessment::categoriesAndStatuses()
{
    QCOMPARE(october.registeredByCategory.value(QStringLiteral("city_appearance")), 8);  // C1 C2 C4-C8 C10
    QCOMPARE(october.registeredByCategory.value(QStringLiteral("water")), 2);            // C9 C11
    QCOMPARE(october.registeredByStatus.value(int(CaseStatus::Closed)), 4);    // C1 C2 C7 C8
    QCOMPARE(october.registeredByStatus.value(int(CaseStatus::Handled)), 2);   // C4 C5
    QCOMPARE(october.registeredByStatus.value(int(CaseStatus::Whistled)), 1);  // C6
    QCOMPARE(october.registeredByStatus.value(int(CaseStatus::Rejected)), 1);  // C9
    QCOMPARE(october.registeredByStatus.value(int(CaseStatus::Handling)), 1);  // C10
    QCOMPARE(october.registeredByStatus.value(int(CaseStatus::Registered)), 1);// C11
}

void TestAssessment::deadlinesNotYetPassedAreNotJudged()
{
    // Assessed on Tue 27 Oct 12:00: 城管's C5 handling (due 28th) is not judged yet; C4 (due 26th) is.
    const AssessmentResult r = AssessmentEngine(set).assess(facts, AssessmentPeriod::month(2026, 10), L(10, 27, 12));
    const UnitFigures *u = r.find(kCG);
    QCOMPARE(u->handlingsDue, 3);    // C1 C2 C4
    QCOMPARE(u->overdue, 1);         // C4
    // C4's handling (28th) lies after the moment of assessment: not counted as done.
    QCOMPARE(u->handlingsDone, 2);
    // Close rate judged at the moment of assessment: C2 closed 27th 10:00 counts, C1 too: 2 of 4.
    QCOMPARE(u->closeHits, 2);
}

void TestAssessment::previousMonthIsSeparate()
{
    const AssessmentResult sep = AssessmentEngine(set).assess(facts, AssessmentPeriod::month(2026, 9), L(11, 10, 0));
    const UnitFigures *a = sep.find(kTuodong);
    QCOMPARE(a->registered, 1);      // C3
    QCOMPARE(a->whistled, 1);
    QCOMPARE(a->whistleHits, 1);
    QCOMPARE(a->closeHits, 0);       // C3 closed in October
    const UnitFigures *u = sep.find(kSW);
    QCOMPARE(u->whistled, 1);
    QCOMPARE(u->checkInsDue, 0);     // C3's check-in settled 8 Oct
    QCOMPARE(AssessmentPeriod::month(2026, 10).from, QDateTime(QDate(2026, 9, 30), QTime(16, 0), Qt::UTC));  // 1 Oct 00:00 local
}

void TestAssessment::unitsWithoutWorkHaveNoScore()
{
    const UnitFigures *u = october.find(QStringLiteral("street.aziying"));
    QVERIFY(u);
    QCOMPARE(u->registered, 0);
    QVERIFY(!u->hasComposite());
    const UnitFigures *dept = october.find(QStringLiteral("dept.xiaofang"));
    QVERIFY(dept);
    QVERIFY(!dept->hasComposite());
}

void TestAssessment::workingHours()
{
    const WorkCalendar &cal = WorkCalendar::builtin();
    // Fri 16 Oct 16:00 -> Mon 19 Oct 10:00: 8 h on Friday + 10 h on Monday.
    QCOMPARE(AssessmentFacts::workingHoursBetween(L(10, 16, 16), L(10, 19, 10), cal), 18.0);
    // Entirely inside the holiday: nothing.
    QCOMPARE(AssessmentFacts::workingHoursBetween(L(10, 2, 9), L(10, 6, 9), cal), 0.0);
    // The make-up Saturday counts: Fri 9 Oct 12:00 -> Sat 10 Oct 12:00 = 12 + 12.
    QCOMPARE(AssessmentFacts::workingHoursBetween(L(10, 9, 12), L(10, 10, 12), cal), 24.0);
    QCOMPARE(AssessmentFacts::workingHoursBetween(L(10, 10, 12), L(10, 9, 12), cal), 0.0);  // reversed
}

void TestAssessment::rankingPutsUnscoredLast()
{
    const QList<UnitFigures> ranked = AssessmentResult::ranked(october.departments);
    QCOMPARE(ranked.at(0).unitId, kSW);  // 75.0
    QCOMPARE(ranked.at(1).unitId, kCG);  // 66.5
    QCOMPARE(ranked.at(2).unitId, kZJ);  // 15.0
    QVERIFY(!ranked.at(3).hasComposite());
    const QList<UnitFigures> streets = AssessmentResult::ranked(october.streets);
    QCOMPARE(streets.at(0).unitId, kGulou);    // 100.0
    QCOMPARE(streets.at(1).unitId, kTuodong);  // 59.0
}

void TestAssessment::stepOnTimeRateOfCenterAndStreets()
{
    // Step histories written by hand (the workflow fills them; tst_stepclock checks that). October 2026, judged
    // on 10 Nov: a step settles when done on time, or at its due time when late or still waiting.
    const QString center = QStringLiteral("center.district");
    auto step = [](CaseStep st, const QString &unit, const QDateTime &started, const QDateTime &due,
                   const QDateTime &done) { return StepRecord{st, unit, started, due, done}; };
    CaseRecord a;
    a.id = QStringLiteral("a");
    a.streetId = kTuodong;
    a.registeredAt = L(10, 12, 9);
    a.status = CaseStatus::Handled;
    a.stepHistory = {step(CaseStep::Analyze, kTuodong, L(10, 12, 9), L(10, 12, 13), L(10, 12, 10)),   // on time
                     step(CaseStep::Review, center, L(10, 12, 10), L(10, 12, 14), L(10, 12, 15)),      // late
                     step(CaseStep::Whistle, kTuodong, L(10, 12, 15), L(10, 12, 19), L(10, 12, 16))};  // on time
    a.step = CaseStep::Verify;  // still waiting, due 20 Oct: late for 拓东 by 10 Nov
    a.stepUnit = kTuodong;
    a.stepStartedAt = L(10, 19, 9);
    a.stepDue = L(10, 20, 1);
    CaseRecord b;
    b.id = QStringLiteral("b");
    b.streetId = kGulou;
    b.registeredAt = L(10, 26, 9);
    b.status = CaseStatus::Verified;
    b.stepHistory = {step(CaseStep::Analyze, kGulou, L(10, 26, 9), L(10, 26, 13), L(10, 26, 12)),    // on time
                     step(CaseStep::Review, center, L(10, 26, 12), L(10, 26, 16), L(10, 26, 13)),    // on time
                     step(CaseStep::Verify, kGulou, L(10, 30, 9), L(11, 2, 1), L(11, 2, 0))};        // November
    b.step = CaseStep::Close;  // waiting, due in November: not in October
    b.stepUnit = center;
    b.stepStartedAt = L(11, 2, 0);
    b.stepDue = L(11, 3, 0);
    CaseRecord held;
    held.id = QStringLiteral("held");
    held.streetId = kGulou;
    held.registeredAt = L(10, 5, 9);
    held.status = CaseStatus::Approved;
    held.onHold = true;  // a late step still waiting on hold is not judged
    held.step = CaseStep::Whistle;
    held.stepUnit = kGulou;
    held.stepStartedAt = L(10, 6, 9);
    held.stepDue = L(10, 6, 13);

    AssessmentFacts facts;
    for (const CaseRecord &r : {a, b, held})
        facts.addCase(r);
    QCOMPARE(int(facts.steps().size()), 3 + 1 + 3 + 1 + 1);
    const AssessmentResult r = AssessmentEngine().assess(facts, AssessmentPeriod::month(2026, 10), L(11, 10, 0));
    double v = -1;
    const UnitFigures *tuodong = r.find(kTuodong);
    QVERIFY(tuodong);
    QCOMPARE(tuodong->stepsDue, 3);  // analyze, whistle on time; verify late
    QCOMPARE(tuodong->stepsOnTime, 2);
    QVERIFY(tuodong->value(AssessmentMetric::StepOnTimeRate, &v));
    QCOMPARE(qRound(v * 10), 667);  // 2 / 3
    const UnitFigures *gulou = r.find(kGulou);
    QCOMPARE(gulou->stepsDue, 1);  // only the analysis: the verification settled in November, the held wait is out
    QCOMPARE(gulou->stepsOnTime, 1);
    // The center is reported beside the streets and departments: its own steps only, no composite.
    QCOMPARE(r.centers.size(), 1);
    QCOMPARE(r.centers.first().unitId, center);
    QCOMPARE(r.centers.first().kind, OrgUnit::Kind::Center);
    QVERIFY(!r.centers.first().hasComposite());
    QCOMPARE(r.centers.first().stepsDue, 2);
    QCOMPARE(r.centers.first().stepsOnTime, 1);
    QVERIFY(r.find(center)->value(AssessmentMetric::StepOnTimeRate, &v));
    QCOMPARE(v, 50.0);
    QCOMPARE(r.district.stepsDue, 6);
    QCOMPARE(r.district.stepsOnTime, 4);
    // Departments have no steps of their own: no figure.
    QVERIFY(!r.find(kCG)->value(AssessmentMetric::StepOnTimeRate, &v));
    // The metric id is part of the indicator file format.
    AssessmentMetric m;
    QVERIFY(assessmentMetricFromId(QStringLiteral("stepOnTimeRate"), &m));
    QCOMPARE(m, AssessmentMetric::StepOnTimeRate);
    // Before the due times pass nothing late is judged: on 12 Oct 13:30 only 拓东's on-time analysis counts.
    const AssessmentResult early = AssessmentEngine().assess(facts, AssessmentPeriod::month(2026, 10), L(10, 12, 13, 30));
    QCOMPARE(early.find(kTuodong)->stepsDue, 1);
    QCOMPARE(early.find(center)->stepsDue, 0);
}

// The server sends results to every client and stores publications as this JSON: every figure survives, a unit
// without a score stays without one, and the bytes (what a publication's hash covers) are stable.
void TestAssessment::resultSurvivesItsWireForm()
{
    const QJsonObject wire = AssessmentResultJson::toJson(october);
    AssessmentResult back;
    Message why;
    QVERIFY2(AssessmentResultJson::fromJson(wire, &back, &why), qPrintable(why.text()));
    QCOMPARE(AssessmentResultJson::toJson(back), wire);
    QCOMPARE(AssessmentResultJson::bytes(back), AssessmentResultJson::bytes(october));
    QCOMPARE(back.period.label, QStringLiteral("2026-10"));
    QCOMPARE(back.streets.size(), october.streets.size());
    QCOMPARE(back.find(kTuodong)->registered, october.find(kTuodong)->registered);
    QCOMPARE(back.find(kTuodong)->composite, october.find(kTuodong)->composite);
    QCOMPARE(back.registeredByStatus, october.registeredByStatus);
    int unscored = 0;
    for (const UnitFigures &u : back.streets)
        unscored += !u.hasComposite();
    QVERIFY(unscored > 0);  // streets without cases: null on the wire, no score after
    QString where;
    QVERIFY(AssessmentResultJson::sameFigures(wire, AssessmentResultJson::toJson(back), &where));
    // A last-bit difference (a sum in another order) is the same figure; a changed score is not.
    AssessmentResult nudged = back;
    nudged.streets[0].handlingWorkHours += 1e-12;
    QVERIFY(AssessmentResultJson::sameFigures(wire, AssessmentResultJson::toJson(nudged), &where));
    nudged.streets[1].checkInsOnTime += 1;
    QVERIFY(!AssessmentResultJson::sameFigures(wire, AssessmentResultJson::toJson(nudged), &where));
    QCOMPARE(where, QStringLiteral("streets[1:%1].checkInsOnTime").arg(back.streets[1].unitId));
}

void TestAssessment::wireFormRefusesBadFigures()
{
    const QJsonObject wire = AssessmentResultJson::toJson(october);
    auto refused = [](const QJsonObject &o) {
        AssessmentResult r;
        Message why;
        return !AssessmentResultJson::fromJson(o, &r, &why) && !why.isEmpty();
    };
    QJsonObject o = wire;
    o.remove(QStringLiteral("district"));
    QVERIFY(refused(o));
    o = wire;
    QJsonArray streets = o.value(QStringLiteral("streets")).toArray();
    QJsonObject street = streets.at(0).toObject();
    street.insert(QStringLiteral("satisfactionSum"), QStringLiteral("很多"));
    streets.replace(0, street);
    o.insert(QStringLiteral("streets"), streets);
    QVERIFY(refused(o));
    o = wire;
    o.insert(QStringLiteral("registeredByStatus"), QJsonObject{{QStringLiteral("lost"), 3}});
    QVERIFY(refused(o));
    o = wire;
    o.insert(QStringLiteral("period"), QJsonObject{{QStringLiteral("from"), QStringLiteral("2026-11-01T00:00:00.000Z")},
                                                   {QStringLiteral("to"), QStringLiteral("2026-10-01T00:00:00.000Z")},
                                                   {QStringLiteral("label"), QStringLiteral("x")}});
    QVERIFY(refused(o));
}

QTEST_GUILESS_MAIN(TestAssessment)
#include "tst_assessment.moc"

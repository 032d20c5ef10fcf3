// A whistle's deadlines against the category rules (issue 16): later than the rule needs a reason; checked when an
// action is made and when the server admits it, never when a stored chain is replayed.
#include "casedriver.h"
#include "protocol/referenceset.h"
#include "pushrules.h"
#include "whistledeadlines.h"
#include <QtTest>

using namespace gw;
using namespace gwtest;

class TestWhistleDeadlines : public QObject
{
    Q_OBJECT

private:
    // A case approved for a whistle (city_appearance, normal: check-in 1 working day, handling 5).
    static void approve(CaseDriver &d)
    {
        QVERIFY(d.act(reporter(), EventType::Registered, registrationPayload()).ok);
        QVERIFY(d.act(streetOperator(), EventType::Analyzed, QJsonObject{{"decision", "whistle"}}).ok);
        QVERIFY(d.act(reviewer(), EventType::Reviewed, QJsonObject{{"decision", "approve"}}).ok);
    }
    static CaseEvent whistleWithHandleDue(const CaseDriver &d, const QDateTime &handleDue, const QString &reason = {})
    {
        QJsonObject payload = d.whistlePayload(kLead);
        QJsonObject lead = payload.value("departments").toArray().at(0).toObject();
        lead["handleDue"] = iso(handleDue);
        payload["departments"] = QJsonArray{lead};
        if (!reason.isEmpty())
            payload[WhistleDeadlines::ReasonKey] = reason;
        CaseDriver copy = d;
        return copy.make(dispatcher(), EventType::Whistled, payload);
    }
    static QDateTime ruleHandleDue(const CaseEvent &e, int workingDays = 5)
    {
        return WorkCalendar::builtin().addWorkingDays(e.clientTime, workingDays);
    }

private slots:
    void rulesDeadlinesPass()
    {
        CaseDriver d;
        approve(d);
        CaseDriver copy = d;
        const CaseEvent e = copy.make(dispatcher(), EventType::Whistled, d.whistlePayload(kLead, {kAssist}));
        QVERIFY(WhistleDeadlines::check(d.record(), e.payload, e.clientTime, CategoryCatalog::builtin(),
                                        WorkCalendar::builtin()).ok);
        QVERIFY(d.workflow().checkNewAction(&d.record(), e).ok);
    }

    void laterThanTheRuleNeedsAReason()
    {
        CaseDriver d;
        approve(d);
        const CaseEvent probe = whistleWithHandleDue(d, QDateTime());
        // Within the tolerance: the form's minutes and a little clock difference.
        CaseEvent e = whistleWithHandleDue(d, ruleHandleDue(probe).addSecs(WhistleDeadlines::ToleranceSeconds - 5));
        e.clientTime = probe.clientTime;
        QVERIFY(d.workflow().checkNewAction(&d.record(), e).ok);

        e = whistleWithHandleDue(d, WorkCalendar::builtin().addWorkingDays(probe.clientTime, 8));
        e.clientTime = probe.clientTime;
        const Result refused = d.workflow().checkNewAction(&d.record(), e);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.code, QStringLiteral("invalid_input"));
        QCOMPARE(refused.field, WhistleDeadlines::ReasonKey);
        const QString english = refused.message.english();
        QVERIFY2(english.contains(QStringLiteral("handling deadline of 区城管局")), qPrintable(english));
        QVERIFY2(english.contains(QStringLiteral("5 working days")), qPrintable(english));
        QVERIFY2(english.contains(QStringLiteral("市容环境")), qPrintable(english));
        // The chain itself does not depend on the rules: a stored whistle replays whatever the rules say today.
        QVERIFY(d.workflow().check(&d.record(), e).ok);

        e.payload[WhistleDeadlines::ReasonKey] = QStringLiteral("需协调供电部门停电施工，按实际工期");
        QVERIFY(d.workflow().checkNewAction(&d.record(), e).ok);
        e.payload[WhistleDeadlines::ReasonKey] = QStringLiteral("   ");
        QVERIFY(!d.workflow().checkNewAction(&d.record(), e).ok);
        e.payload[WhistleDeadlines::ReasonKey] = QString(Workflow::MaxReason + 1, QLatin1Char('x'));
        const Result tooLong = d.workflow().check(&d.record(), e);
        QVERIFY(!tooLong.ok);
        QCOMPARE(tooLong.field, WhistleDeadlines::ReasonKey);
    }

    void checkInLaterThanTheRuleToo()
    {
        CaseDriver d;
        approve(d);
        QJsonObject payload = d.whistlePayload(kLead);
        QJsonObject lead = payload.value("departments").toArray().at(0).toObject();
        const QDateTime handle = CaseEvent::timeFromString(lead.value("handleDue").toString());
        lead["checkInDue"] = iso(handle.addSecs(-3600));  // before handling, but days past the 1-day rule
        payload["departments"] = QJsonArray{lead};
        CaseDriver copy = d;
        const CaseEvent e = copy.make(dispatcher(), EventType::Whistled, payload);
        const Result r = d.workflow().checkNewAction(&d.record(), e);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.english().contains(QStringLiteral("check-in deadline")), qPrintable(r.message.english()));
    }

    // The server judges with the rules it is given (PushRules::admit): the grace policy may pass the older ones.
    void pushRulesJudgeWithTheRulesGiven()
    {
        CaseDriver d;
        approve(d);
        const CaseEvent probe = whistleWithHandleDue(d, QDateTime());
        CaseEvent e = whistleWithHandleDue(d, WorkCalendar::builtin().addWorkingDays(probe.clientTime, 8));
        e.clientTime = probe.clientTime;
        const PushRules rules(d.workflow());
        const QDateTime now = e.clientTime.addSecs(60);
        QVERIFY(!rules.admit(&d.record(), e, now).ok);

        CategoryCatalog lenient = CategoryCatalog::builtin();
        Category appearance = *lenient.find(QStringLiteral("city_appearance"));
        appearance.handleDeadline[Urgency::Normal] = DeadlineSpec{DeadlineSpec::Unit::WorkingDays, 10};
        QVERIFY(lenient.setCategory(appearance).ok);
        QVERIFY(rules.admit(&d.record(), e, now, &lenient).ok);
    }

    void rulesVersionIsStampedAndChecked()
    {
        QJsonObject payload;
        ReferenceSet served;
        served.kind = ReferenceSet::Categories;
        served.version = 3;
        served.body = CategoryCatalog::shipped().toJson();
        QVERIFY(served.installInProcess().ok);
        QCOMPARE(ReferenceSet::installedVersion(ReferenceSet::Categories), 3);
        WhistleDeadlines::stampRulesVersion(payload);
        QCOMPARE(WhistleDeadlines::rulesVersion(payload), 3);

        CaseDriver d;
        approve(d);
        for (const QJsonValue &bad : {QJsonValue(0), QJsonValue("3"), QJsonValue(2.5)}) {
            QJsonObject p = d.whistlePayload(kLead);
            p[WhistleDeadlines::RulesVersionKey] = bad;
            CaseDriver copy = d;
            const Result r = d.workflow().check(&d.record(), copy.make(dispatcher(), EventType::Whistled, p));
            QVERIFY(!r.ok);
            QCOMPARE(r.field, WhistleDeadlines::RulesVersionKey);
        }
    }

    // Served rules replace the shipped ones everywhere they are read (builtin()), and a bad set changes nothing.
    void servedRulesAreTheDistrictsRules()
    {
        CategoryCatalog changed = CategoryCatalog::shipped();
        Category appearance = *changed.find(QStringLiteral("city_appearance"));
        appearance.handleDeadline[Urgency::Normal] = DeadlineSpec{DeadlineSpec::Unit::WorkingDays, 3};
        QVERIFY(changed.setCategory(appearance).ok);
        ReferenceSet set{ReferenceSet::Categories, 4, changed.toJson(), {}, {}};
        QVERIFY(set.installInProcess().ok);
        QCOMPARE(CategoryCatalog::builtin().handleRule(QStringLiteral("city_appearance"), Urgency::Normal).amount, 3);

        ReferenceSet bad{ReferenceSet::Categories, 5, QJsonObject{{"categories", QJsonArray{}}}, {}, {}};
        QVERIFY(!bad.installInProcess().ok);
        QCOMPARE(CategoryCatalog::builtin().handleRule(QStringLiteral("city_appearance"), Urgency::Normal).amount, 3);
        QCOMPARE(ReferenceSet::installedVersion(ReferenceSet::Categories), 4);
        CategoryCatalog::installDistrict(CategoryCatalog::shipped());
    }
};

QTEST_GUILESS_MAIN(TestWhistleDeadlines)
#include "tst_whistledeadlines.moc"

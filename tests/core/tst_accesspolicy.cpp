// Who sees which case: scope per role and canView() on real cases, including departments that returned
// their assignment, reopened cases and disabled accounts.
#include "casedriver.h"
#include <QtTest>

using namespace gw;
using namespace gwtest;

using Kind = AccessPolicy::Scope::Kind;

class TestAccessPolicy : public QObject
{
    Q_OBJECT

private:
    CaseRecord m_registered;  // 拓东 / 市府社区, no department yet
    CaseRecord m_whistled;    // lead 城管 (returned its part), assist 住建, new lead 水务
    CaseRecord m_reopened;    // closed with 城管 and 住建, then reopened

private slots:
    void initTestCase();
    void scopeForEveryRole_data();
    void scopeForEveryRole();
    void canView_data();
    void canView();
    void inactiveUserSeesNothing();
};

void TestAccessPolicy::initTestCase()
{
    CaseDriver d;
    GW_ACT(d, reporter(), EventType::Registered, registrationPayload());
    m_registered = d.record();
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead, {kAssist}));
    GW_ACT(d, leadHandler(), EventType::AssignmentReturned, (QJsonObject{{"department", kLead}, {"reason", "非本部门"}}));
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kExtra));
    m_whistled = d.record();
    QCOMPARE(m_whistled.assignment(kLead)->state, DepartmentAssignment::State::Returned);

    CaseDriver r;
    GW_ACT(r, streetOperator(), EventType::Registered,
           ([] {
               QJsonObject p = registrationPayload();
               p.remove("community");  // registered by the street without a community
               return p;
           }()));
    GW_ACT(r, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(r, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    GW_ACT(r, dispatcher(), EventType::Whistled, r.whistlePayload(kLead, {kAssist}));
    GW_ACT(r, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kLead}}));
    GW_ACT(r, assistHandler(), EventType::CheckedIn, (QJsonObject{{"department", kAssist}}));
    GW_ACT(r, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "ok"}}));
    GW_ACT(r, assistHandler(), EventType::Handled, (QJsonObject{{"department", kAssist}, {"feedback", "ok"}}));
    GW_ACT(r, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    GW_ACT(r, dispatcher(), EventType::Closed, (QJsonObject{{"satisfaction", "satisfied"}}));
    GW_ACT(r, reviewer(), EventType::Reopened, (QJsonObject{{"reason", "复发"}}));
    m_reopened = r.record();
}

void TestAccessPolicy::scopeForEveryRole_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("org");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("scopeUnit");
    QTest::newRow("community reporter") << int(Role::CommunityReporter) << kCommunity << int(Kind::Community) << kCommunity;
    QTest::newRow("street operator") << int(Role::StreetOperator) << kStreet << int(Kind::Street) << kStreet;
    QTest::newRow("center dispatcher") << int(Role::CenterDispatcher) << kCenter << int(Kind::All) << QString();
    QTest::newRow("center reviewer") << int(Role::CenterReviewer) << kCenter << int(Kind::All) << QString();
    QTest::newRow("department handler") << int(Role::DepartmentHandler) << kLead << int(Kind::Department) << kLead;
    QTest::newRow("supervisor") << int(Role::Supervisor) << kCenter << int(Kind::All) << QString();
    QTest::newRow("administrator") << int(Role::Administrator) << kCenter << int(Kind::All) << QString();
}

void TestAccessPolicy::scopeForEveryRole()
{
    QFETCH(int, role);
    QFETCH(QString, org);
    QFETCH(int, kind);
    QFETCH(QString, scopeUnit);
    const AccessPolicy::Scope scope = AccessPolicy::scopeFor(makeUser("u", Role(role), org));
    QCOMPARE(int(scope.kind), kind);
    QCOMPARE(scope.orgUnitId, scopeUnit);
    if (kind != int(Kind::All))
        QCOMPARE(int(AccessPolicy::scopeFor(makeUser("u", Role(role), QString())).kind), int(Kind::None));
}

void TestAccessPolicy::canView_data()
{
    QTest::addColumn<QString>("caseName");
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("org");
    QTest::addColumn<bool>("visible");
    auto row = [](const char *c, const char *who, Role role, const QString &org, bool visible) {
        QTest::addRow("%s/%s", c, who) << QString::fromLatin1(c) << int(role) << org << visible;
    };
    for (const char *c : {"registered", "whistled", "reopened"}) {
        const bool hasCommunity = qstrcmp(c, "reopened") != 0;
        row(c, "own community reporter", Role::CommunityReporter, kCommunity, hasCommunity);
        row(c, "other community reporter", Role::CommunityReporter, kOtherCommunity, false);
        row(c, "reporter of another street", Role::CommunityReporter, QStringLiteral("community.gulou.1"), false);
        row(c, "own street operator", Role::StreetOperator, kStreet, true);
        row(c, "other street operator", Role::StreetOperator, kOtherStreet, false);
        row(c, "dispatcher", Role::CenterDispatcher, kCenter, true);
        row(c, "reviewer", Role::CenterReviewer, kCenter, true);
        row(c, "supervisor", Role::Supervisor, kCenter, true);
        row(c, "administrator", Role::Administrator, kCenter, true);
        row(c, "unrelated department", Role::DepartmentHandler, QStringLiteral("dept.jiaojing"), false);
    }
    // Accounts of a scoped role without an org unit see nothing (not "every case without a community").
    row("reopened", "reporter without unit", Role::CommunityReporter, QString(), false);
    row("reopened", "street operator without unit", Role::StreetOperator, QString(), false);
    row("reopened", "department without unit", Role::DepartmentHandler, QString(), false);
    // Departments: nothing before the whistle.
    row("registered", "lead department before whistle", Role::DepartmentHandler, kLead, false);
    // Summoned, then returned: still sees it. Summoned and working: sees it. New lead: sees it.
    row("whistled", "department that returned", Role::DepartmentHandler, kLead, true);
    row("whistled", "assisting department", Role::DepartmentHandler, kAssist, true);
    row("whistled", "new lead department", Role::DepartmentHandler, kExtra, true);
    // Reopened: the earlier round's departments (archived) still see it.
    row("reopened", "archived lead", Role::DepartmentHandler, kLead, true);
    row("reopened", "archived assist", Role::DepartmentHandler, kAssist, true);
    row("reopened", "never summoned", Role::DepartmentHandler, kExtra, false);
}

void TestAccessPolicy::canView()
{
    QFETCH(QString, caseName);
    QFETCH(int, role);
    QFETCH(QString, org);
    QFETCH(bool, visible);
    const CaseRecord &record = caseName == QLatin1String("registered") ? m_registered
                               : caseName == QLatin1String("whistled") ? m_whistled
                                                                        : m_reopened;
    const User user = makeUser("u", Role(role), org);
    QCOMPARE(AccessPolicy::canView(record, user), visible);
    // Whoever cannot see a case cannot act on it either, and is told so.
    if (!visible) {
        const Result r = Workflow().permits(&record, user, EventType::Commented);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("forbidden"));
    }
}

void TestAccessPolicy::inactiveUserSeesNothing()
{
    for (Role role : allRoles()) {
        const QString org = role == Role::CommunityReporter ? kCommunity
                            : role == Role::StreetOperator  ? kStreet
                            : role == Role::DepartmentHandler ? kExtra
                                                              : kCenter;
        User u = makeUser("u", role, org);
        QVERIFY(AccessPolicy::canView(m_whistled, u));
        u.active = false;
        const AccessPolicy::Scope scope = AccessPolicy::scopeFor(u);
        QCOMPARE(int(scope.kind), int(Kind::None));
        QVERIFY(scope.orgUnitId.isEmpty());
        for (const CaseRecord *c : {&m_registered, &m_whistled, &m_reopened})
            QVERIFY(!AccessPolicy::canView(*c, u));
    }
}

QTEST_GUILESS_MAIN(TestAccessPolicy)
#include "tst_accesspolicy.moc"

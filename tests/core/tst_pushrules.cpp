// What the district server decides about a pushed event (PushRules), without any storage: the token holder is the
// actor, the clock-skew limit, only the server numbers cases, sealing at the end of the chain, and the automatic
// case.numbered event after a registration.
#include "casedriver.h"
#include "pushrules.h"
#include <QtTest>

using namespace gw;
using namespace gwtest;

class TestPushRules : public QObject
{
    Q_OBJECT

private slots:
    void actorIsTheTokenHolder();
    void anotherAuthorsActionIsRefused();
    void clockSkew();
    void onlyTheServerNumbers();
    void workflowDecidesTheRest();
    void appendSealsAtTheEndOfTheChain();
    void registrationIsNumbered();
};

namespace {

CaseEvent registration(const User &actor, const QDateTime &when)
{
    EventBuilder builder(actor, QStringLiteral("device-1"), [when] { return when; });
    return builder.make(EventType::Registered, QStringLiteral("11111111-2222-3333-4444-555555555555"),
                        registrationPayload());
}

} // namespace

void TestPushRules::actorIsTheTokenHolder()
{
    CaseEvent claimed = registration(dispatcher(), baseTime());
    claimed.serverSeq = 42;
    claimed.serverTime = baseTime();
    const CaseEvent taken = PushRules::received(reporter(), claimed);
    QCOMPARE(taken.actorId, reporter().id);
    QCOMPARE(taken.actorRole, reporter().role);
    QCOMPARE(taken.actorOrgUnit, reporter().orgUnitId);
    QCOMPARE(taken.serverSeq, 0);
    QVERIFY(!taken.serverTime.isValid());
    QCOMPARE(taken.id, claimed.id);
    QCOMPARE(taken.payload, claimed.payload);
}

// Issue 17: an action recorded by one person and sent with another's sign-in is refused, never re-attributed.
void TestPushRules::anotherAuthorsActionIsRefused()
{
    const CaseEvent byDispatcher = registration(dispatcher(), baseTime());
    QVERIFY(PushRules::checkAuthor(dispatcher(), byDispatcher).ok);
    const Result mixed = PushRules::checkAuthor(reporter(), byDispatcher);
    QVERIFY(!mixed.ok);
    QCOMPARE(mixed.code, QStringLiteral("actor_mismatch"));
    QVERIFY2(mixed.message.english().contains(dispatcher().id) && mixed.message.english().contains(reporter().id),
             qPrintable(mixed.message.english()));
    CaseEvent anonymous = byDispatcher;
    anonymous.actorId.clear();
    QCOMPARE(PushRules::checkAuthor(dispatcher(), anonymous).code, QStringLiteral("actor_mismatch"));
    // The server's own numbering event is not anyone's to push.
    QCOMPARE(PushRules::checkAuthor(dispatcher(), PushRules::numbering(byDispatcher.caseId)).code,
             QStringLiteral("actor_mismatch"));
}

void TestPushRules::clockSkew()
{
    const PushRules rules(Workflow(), 5 * 60);
    const QDateTime now = baseTime();
    QVERIFY(rules.admit(nullptr, registration(reporter(), now.addSecs(5 * 60)), now).ok);
    const Result late = rules.admit(nullptr, registration(reporter(), now.addSecs(5 * 60 + 1)), now);
    QVERIFY(!late.ok);
    QCOMPARE(late.code, QStringLiteral("clock_skew"));
    QVERIFY2(late.message.text().contains(QStringLiteral("5")), qPrintable(late.message));
    // Dated in the past is fine: offline work is pushed later.
    QVERIFY(rules.admit(nullptr, registration(reporter(), now.addDays(-30)), now).ok);
    // The limit is the rules' own.
    const PushRules strict(Workflow(), 60);
    QCOMPARE(strict.admit(nullptr, registration(reporter(), now.addSecs(61)), now).code, QStringLiteral("clock_skew"));
}

void TestPushRules::onlyTheServerNumbers()
{
    CaseDriver driver;
    GW_ACT(driver, reporter(), EventType::Registered, registrationPayload());
    const CaseEvent numbered = PushRules::received(
        dispatcher(), driver.make(dispatcher(), EventType::Numbered, {{"number", "PL-2026-000001"}}));
    const Result r = PushRules().admit(&driver.record(), numbered, numbered.clientTime);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("forbidden"));
}

void TestPushRules::workflowDecidesTheRest()
{
    // A comment on a case that does not exist is the workflow's refusal, passed on unchanged.
    EventBuilder builder(reporter(), QStringLiteral("device-1"), [] { return baseTime(); });
    const CaseEvent comment = builder.make(EventType::Commented, QStringLiteral("no-such-case"), {{"text", "hello"}});
    const Result ours = PushRules().admit(nullptr, comment, baseTime());
    const Result workflow = Workflow().check(nullptr, comment);
    QVERIFY(!ours.ok);
    QCOMPARE(ours.code, workflow.code);
    QCOMPARE(ours.message, workflow.message);
}

void TestPushRules::appendSealsAtTheEndOfTheChain()
{
    const PushRules rules;
    CaseRecord record;
    CaseEvent e = PushRules::received(reporter(), registration(reporter(), baseTime()));
    QVERIFY(rules.admit(nullptr, e, baseTime()).ok);
    const QByteArray payloadJson = rules.append(record, e);
    QVERIFY(!payloadJson.isEmpty());
    QCOMPARE(e.caseSeq, 1);
    QVERIFY(e.prevHash.isEmpty());
    QCOMPARE(e.hash, e.computeHash());
    QCOMPARE(record.eventCount, 1);
    QCOMPARE(record.lastHash, e.hash);
    QCOMPARE(record.status, CaseStatus::Registered);
}

void TestPushRules::registrationIsNumbered()
{
    const PushRules rules;
    CaseRecord record;
    CaseEvent e = PushRules::received(reporter(), registration(reporter(), baseTime()));
    rules.append(record, e);
    QVERIFY(PushRules::needsNumber(e));

    CaseEvent numbered = PushRules::numbering(e.caseId);
    QCOMPARE(numbered.type, EventType::Numbered);
    QCOMPARE(numbered.caseId, e.caseId);
    QCOMPARE(numbered.actorId, PushRules::systemActor().id);
    QCOMPARE(numbered.actorRole, Role::Administrator);
    QCOMPARE(numbered.deviceId, QStringLiteral("server"));
    QVERIFY(numbered.clientTime.isValid());

    QByteArray payloadJson;
    const Result r = rules.numberCase(record, numbered, CaseNumber(2026, 17), &payloadJson);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(numbered.payload.value(QStringLiteral("number")).toString(), QStringLiteral("PL-2026-000017"));
    QCOMPARE(record.number, QStringLiteral("PL-2026-000017"));
    QCOMPARE(numbered.caseSeq, 2);
    QCOMPARE(numbered.prevHash, e.hash);
    QVERIFY(AuditChain::verify({e, numbered}).ok());
    QVERIFY(!payloadJson.isEmpty());
    QVERIFY(!PushRules::needsNumber(numbered));
}

QTEST_GUILESS_MAIN(TestPushRules)
#include "tst_pushrules.moc"

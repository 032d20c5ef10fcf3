// The audit chain (吹哨全留痕): sealing real events, and verify() finding every kind of tampering.
#include "casedriver.h"
#include <QJsonDocument>
#include <QtTest>

using namespace gw;
using namespace gwtest;

class TestAuditChain : public QObject
{
    Q_OBJECT

private:
    QList<CaseEvent> m_chain;       // a real, closed case: 10 events
    QList<CaseEvent> m_otherChain;  // another case

    static void expectProblem(const QList<CaseEvent> &events, AuditChain::Problem problem, int index);

private slots:
    void initTestCase();
    void sealedChainVerifies();
    void emptyListVerifies();
    void sealLinksEvents();
    void detectsChangedPayload();
    void detectsChangedActor();
    void detectsChangedRoleOrgDeviceType();
    void detectsChangedClientTime();
    void detectsRecomputedHash();
    void detectsRemovedEvent();
    void detectsRemovedFirstEvent();
    void detectsSwappedEvents();
    void detectsEventFromAnotherCase();
    void detectsAlteredPrevHash();
    void detectsAlteredCaseSeq();
    void serverFieldsAreNotHashed();
    void canonicalFormSurvivesJsonRoundTrip();
    void canonicalFormIsSortedCompactJson();
};

void TestAuditChain::expectProblem(const QList<CaseEvent> &events, AuditChain::Problem problem, int index)
{
    const AuditChain::Report r = AuditChain::verify(events);
    QVERIFY2(!r.ok(), "tampering not detected");
    QCOMPARE(int(r.problem), int(problem));
    QCOMPARE(r.index, index);
    QVERIFY(!r.message.text().trimmed().isEmpty());
}

void TestAuditChain::initTestCase()
{
    CaseDriver d;
    GW_ACT(d, reporter(), EventType::Registered, registrationPayload());
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead, {kAssist}));
    GW_ACT(d, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kLead}}));
    GW_ACT(d, assistHandler(), EventType::CheckedIn, (QJsonObject{{"department", kAssist}}));
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "已补装"}}));
    GW_ACT(d, assistHandler(), EventType::Handled, (QJsonObject{{"department", kAssist}, {"feedback", "已配合"}}));
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    GW_ACT(d, dispatcher(), EventType::Closed, (QJsonObject{{"satisfaction", "satisfied"}}));
    m_chain = d.events();
    QCOMPARE(m_chain.size(), 10);

    CaseDriver other;
    GW_ACT(other, reporter(), EventType::Registered, registrationPayload());
    GW_ACT(other, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(other, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    m_otherChain = other.events();
}

void TestAuditChain::sealedChainVerifies()
{
    const AuditChain::Report r = AuditChain::verify(m_chain);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(int(r.problem), int(AuditChain::Problem::None));
    QVERIFY(AuditChain::verify(m_otherChain).ok());
    // Any prefix of a chain is a valid chain (a client that has not pulled the rest yet).
    for (int n = 1; n <= m_chain.size(); ++n)
        QVERIFY(AuditChain::verify(m_chain.mid(0, n)).ok());
}

void TestAuditChain::emptyListVerifies()
{
    QVERIFY(AuditChain::verify({}).ok());
}

void TestAuditChain::sealLinksEvents()
{
    QVERIFY(m_chain.first().prevHash.isEmpty());
    for (int i = 0; i < m_chain.size(); ++i) {
        const CaseEvent &e = m_chain.at(i);
        QCOMPARE(e.caseSeq, i + 1);
        QCOMPARE(e.hash.size(), 64);
        QCOMPARE(e.hash, e.computeHash());
        if (i > 0)
            QCOMPARE(e.prevHash, m_chain.at(i - 1).hash);
    }
    // Every hash is different (the chain link and the ids make each one unique).
    QSet<QByteArray> hashes;
    for (const CaseEvent &e : m_chain)
        hashes.insert(e.hash);
    QCOMPARE(hashes.size(), m_chain.size());
    // seal() sets position and link.
    CaseEvent e = m_chain.at(3);
    AuditChain::seal(e, 7, QByteArray(64, 'a'));
    QCOMPARE(e.caseSeq, 7);
    QCOMPARE(e.prevHash, QByteArray(64, 'a'));
    QCOMPARE(e.hash, e.computeHash());
    QVERIFY(e.hash != m_chain.at(3).hash);
}

void TestAuditChain::detectsChangedPayload()
{
    QList<CaseEvent> t = m_chain;
    t[6].payload["feedback"] = QStringLiteral("没有处理");
    expectProblem(t, AuditChain::Problem::Tampered, 6);
    // Even a change that keeps the JSON meaning "the same" to a reader: an added key.
    t = m_chain;
    t[2].payload["note"] = QString();
    expectProblem(t, AuditChain::Problem::Tampered, 2);
    // A change of a number's type (true -> 1).
    t = m_chain;
    t[8].payload["passed"] = 1;
    expectProblem(t, AuditChain::Problem::Tampered, 8);
}

void TestAuditChain::detectsChangedActor()
{
    QList<CaseEvent> t = m_chain;
    t[2].actorId = QStringLiteral("someone.else");
    expectProblem(t, AuditChain::Problem::Tampered, 2);
}

void TestAuditChain::detectsChangedRoleOrgDeviceType()
{
    QList<CaseEvent> t = m_chain;
    t[1].actorRole = Role::CenterDispatcher;
    expectProblem(t, AuditChain::Problem::Tampered, 1);
    t = m_chain;
    t[1].actorOrgUnit = kOtherStreet;
    expectProblem(t, AuditChain::Problem::Tampered, 1);
    t = m_chain;
    t[4].deviceId = QStringLiteral("other-device");
    expectProblem(t, AuditChain::Problem::Tampered, 4);
    t = m_chain;
    t[8].type = EventType::Commented;
    expectProblem(t, AuditChain::Problem::Tampered, 8);
    t = m_chain;
    t[5].id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    expectProblem(t, AuditChain::Problem::Tampered, 5);
}

void TestAuditChain::detectsChangedClientTime()
{
    QList<CaseEvent> t = m_chain;
    t[4].clientTime = t[4].clientTime.addMSecs(-1);  // back-dating a check-in by one millisecond
    expectProblem(t, AuditChain::Problem::Tampered, 4);
}

void TestAuditChain::detectsRecomputedHash()
{
    // Someone edits an event and writes a fresh, self-consistent hash for it: the next event's link breaks.
    QList<CaseEvent> t = m_chain;
    t[4].clientTime = t[4].clientTime.addDays(-1);
    t[4].hash = t[4].computeHash();
    expectProblem(t, AuditChain::Problem::BrokenLink, 5);
    // The same in the first event.
    t = m_chain;
    t[0].payload["title"] = QStringLiteral("改过的标题");
    t[0].hash = t[0].computeHash();
    expectProblem(t, AuditChain::Problem::BrokenLink, 1);
}

void TestAuditChain::detectsRemovedEvent()
{
    QList<CaseEvent> t = m_chain;
    t.removeAt(5);
    expectProblem(t, AuditChain::Problem::Missing, 5);
    QVERIFY(AuditChain::verify(t).message.text().contains(QStringLiteral("#6")));
}

void TestAuditChain::detectsRemovedFirstEvent()
{
    expectProblem(m_chain.mid(1), AuditChain::Problem::Missing, 0);
}

void TestAuditChain::detectsSwappedEvents()
{
    QList<CaseEvent> t = m_chain;
    t.swapItemsAt(4, 5);
    expectProblem(t, AuditChain::Problem::Reordered, 4);
    // Far apart.
    t = m_chain;
    t.swapItemsAt(1, 8);
    expectProblem(t, AuditChain::Problem::Reordered, 1);
    // The last two.
    t = m_chain;
    t.swapItemsAt(8, 9);
    expectProblem(t, AuditChain::Problem::Reordered, 8);
    // An event duplicated at the end.
    t = m_chain;
    t.append(m_chain.at(3));
    expectProblem(t, AuditChain::Problem::Reordered, 10);
}

void TestAuditChain::detectsEventFromAnotherCase()
{
    QList<CaseEvent> t = m_chain;
    t.insert(3, m_otherChain.at(2));
    expectProblem(t, AuditChain::Problem::WrongCase, 3);
    // Even if the intruder is re-sealed to fit: it names another case.
    t = m_chain.mid(0, 3);
    CaseEvent intruder = m_otherChain.at(2);
    AuditChain::seal(intruder, 4, t.last().hash);
    t.append(intruder);
    expectProblem(t, AuditChain::Problem::WrongCase, 3);
    // And rewritten to name this case: the hash no longer matches.
    intruder.caseId = m_chain.first().caseId;
    t.last() = intruder;
    expectProblem(t, AuditChain::Problem::Tampered, 3);
}

void TestAuditChain::detectsAlteredPrevHash()
{
    QList<CaseEvent> t = m_chain;
    t[3].prevHash = m_chain.at(0).hash;  // claims to follow event #1
    expectProblem(t, AuditChain::Problem::Tampered, 3);
    // Re-sealed with the false link: the hash fits but the link does not.
    t = m_chain;
    AuditChain::seal(t[3], 4, m_chain.at(0).hash);
    expectProblem(t, AuditChain::Problem::BrokenLink, 3);
    // The first event must not claim a predecessor.
    t = m_chain;
    AuditChain::seal(t[0], 1, QByteArray(64, 'f'));
    expectProblem(t, AuditChain::Problem::BrokenLink, 0);
}

void TestAuditChain::detectsAlteredCaseSeq()
{
    QList<CaseEvent> t = m_chain;
    t[6].caseSeq = 8;  // pretends there is a gap
    QVERIFY(!AuditChain::verify(t).ok());
    t = m_chain;
    t.removeAt(6);
    for (int i = 6; i < t.size(); ++i)
        t[i].caseSeq = i + 1;  // renumbered to hide the removal, but hashes no longer fit
    expectProblem(t, AuditChain::Problem::Tampered, 6);
}

void TestAuditChain::serverFieldsAreNotHashed()
{
    // The server's order fields are outside the hash, so an event sealed offline keeps its hash when accepted.
    QList<CaseEvent> t = m_chain;
    for (int i = 0; i < t.size(); ++i) {
        t[i].serverSeq = 1000 + i;
        t[i].serverTime = QDateTime::currentDateTimeUtc();
    }
    QVERIFY(AuditChain::verify(t).ok());
    QCOMPARE(t.at(3).computeHash(), m_chain.at(3).hash);
    QVERIFY(!t.at(3).canonical().contains("serverSeq"));
}

void TestAuditChain::canonicalFormSurvivesJsonRoundTrip()
{
    // An event with awkward content: non-ASCII, escapes, nested arrays, doubles with many digits.
    CaseDriver d;
    QJsonObject p = registrationPayload();
    p["lon"] = 102.71234567891234;
    p["lat"] = 25.049999999999997;
    p["description"] = QStringLiteral("引号\"反斜杠\\ 换行\n制表\t emoji 🚧 and / slash");
    p["attachments"] = QJsonArray{QJsonObject{{"id", "a1"}, {"name", "现场照片.jpg"}, {"mime", "image/jpeg"},
                                              {"size", 1048576}, {"sha256", QString(64, u'c')}}};
    GW_ACT(d, reporter(), EventType::Registered, p);
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}, {"note", "第二条"}}));
    QList<CaseEvent> chain = d.events();
    chain[0].serverSeq = 41;
    chain[0].serverTime = baseTime().addMSecs(987);

    QList<CaseEvent> roundTripped;
    for (const CaseEvent &e : chain) {
        // Through bytes, as sync and storage do.
        const QByteArray bytes = QJsonDocument(e.toJson()).toJson(QJsonDocument::Indented);
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
        QCOMPARE(err.error, QJsonParseError::NoError);
        CaseEvent back;
        Message error;
        QVERIFY2(CaseEvent::fromJson(doc.object(), &back, &error), qPrintable(error));
        QCOMPARE(back.canonical(), e.canonical());
        QCOMPARE(back.computeHash(), e.hash);
        roundTripped.append(back);
    }
    QVERIFY(AuditChain::verify(roundTripped).ok());
    QCOMPARE(roundTripped.first().serverSeq, qint64(41));
    // Time given with an offset instead of Z is the same instant and the same hash.
    QJsonObject shifted = chain.at(1).toJson();
    shifted["clientTime"] = chain.at(1).clientTime.toOffsetFromUtc(8 * 3600).toString(Qt::ISODateWithMs);
    CaseEvent back;
    Message error;
    QVERIFY2(CaseEvent::fromJson(shifted, &back, &error), qPrintable(error));
    QCOMPARE(back.computeHash(), chain.at(1).hash);
}

void TestAuditChain::canonicalFormIsSortedCompactJson()
{
    const CaseEvent &e = m_chain.at(4);
    const QByteArray c = e.canonical();
    QVERIFY(!c.contains('\n'));
    QVERIFY(!c.contains("\": "));
    // Keys in a fixed (sorted) order, the hash itself not included.
    const QJsonObject o = QJsonDocument::fromJson(c).object();
    QCOMPARE(o.keys(), (QStringList{"actor", "case", "caseSeq", "clientTime", "device", "id", "org", "payload", "prev",
                                    "role", "type"}));
    QVERIFY(c.startsWith("{\"actor\":"));
    QVERIFY(!c.contains(e.hash));
    QCOMPARE(o.value("clientTime").toString(), CaseEvent::timeToString(e.clientTime));
    QVERIFY(o.value("clientTime").toString().endsWith(u'Z'));
    QCOMPARE(e.computeHash(), QCryptographicHash::hash(c, QCryptographicHash::Sha256).toHex());
}

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"

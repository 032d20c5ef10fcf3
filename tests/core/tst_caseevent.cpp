// CaseEvent's JSON form: a lossless round trip of every field, and the strict parser refusing bad input clearly.
#include "caseevent.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>
#include <QUuid>

using namespace gw;

namespace {

CaseEvent sampleEvent()
{
    CaseEvent e;
    e.id = QStringLiteral("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    e.caseId = QStringLiteral("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    e.caseSeq = 12;
    e.type = EventType::PostponeRequested;
    e.payload = {{"department", "dept.chengguan"},
                 {"requestedDue", "2026-03-12T01:00:00.000Z"},
                 {"reason", "需采购材料"},
                 {"nested", QJsonObject{{"list", QJsonArray{1, "two", true, QJsonValue()}}}}};
    e.actorId = QStringLiteral("cg.liu");
    e.actorRole = Role::DepartmentHandler;
    e.actorOrgUnit = QStringLiteral("dept.chengguan");
    e.deviceId = QStringLiteral("pc-cg-07");
    e.clientTime = QDateTime(QDate(2026, 3, 4), QTime(2, 3, 4, 567), Qt::UTC);
    e.serverSeq = 98765;
    e.serverTime = QDateTime(QDate(2026, 3, 4), QTime(2, 5, 0, 1), Qt::UTC);
    e.prevHash = QCryptographicHash::hash("previous", QCryptographicHash::Sha256).toHex();
    e.hash = e.computeHash();
    return e;
}

} // namespace

class TestCaseEvent : public QObject
{
    Q_OBJECT

private slots:
    void roundTripEveryField();
    void roundTripEveryTypeAndRole();
    void localEventHasNoServerFields();
    void firstEventHasEmptyPrev();
    void strictParsingRejects_data();
    void strictParsingRejects();
    void acceptsOffsetTimes();
    void newIdIsUuid();
};

void TestCaseEvent::roundTripEveryField()
{
    const CaseEvent e = sampleEvent();
    const QJsonObject json = e.toJson();
    // The wire names are part of the sync and audit formats.
    QCOMPARE(json.keys(), (QStringList{"actor", "case", "caseSeq", "clientTime", "device", "hash", "id", "org",
                                       "payload", "prev", "role", "serverSeq", "serverTime", "type"}));
    QCOMPARE(json.value("type").toString(), QStringLiteral("dept.postpone_requested"));
    QCOMPARE(json.value("role").toString(), QStringLiteral("department_handler"));
    QCOMPARE(json.value("clientTime").toString(), QStringLiteral("2026-03-04T02:03:04.567Z"));

    // Through bytes, as over the wire.
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    CaseEvent back;
    Message error;
    QVERIFY2(CaseEvent::fromJson(QJsonDocument::fromJson(bytes).object(), &back, &error), qPrintable(error));
    QCOMPARE(back.id, e.id);
    QCOMPARE(back.caseId, e.caseId);
    QCOMPARE(back.caseSeq, e.caseSeq);
    QCOMPARE(back.type, e.type);
    QCOMPARE(back.payload, e.payload);
    QCOMPARE(back.actorId, e.actorId);
    QCOMPARE(back.actorRole, e.actorRole);
    QCOMPARE(back.actorOrgUnit, e.actorOrgUnit);
    QCOMPARE(back.deviceId, e.deviceId);
    QCOMPARE(back.clientTime, e.clientTime);
    QCOMPARE(back.clientTime.timeSpec(), Qt::UTC);
    QCOMPARE(back.serverSeq, e.serverSeq);
    QCOMPARE(back.serverTime, e.serverTime);
    QCOMPARE(back.prevHash, e.prevHash);
    QCOMPARE(back.hash, e.hash);
    QCOMPARE(back.computeHash(), e.hash);
    QCOMPARE(back.toJson(), json);
}

void TestCaseEvent::roundTripEveryTypeAndRole()
{
    for (EventType t : allEventTypes()) {
        for (Role r : allRoles()) {
            CaseEvent e = sampleEvent();
            e.type = t;
            e.actorRole = r;
            e.hash = e.computeHash();
            CaseEvent back;
            Message error;
            QVERIFY2(CaseEvent::fromJson(e.toJson(), &back, &error), qPrintable(error));
            QCOMPARE(back.type, t);
            QCOMPARE(back.actorRole, r);
            QCOMPARE(back.computeHash(), e.hash);
        }
    }
    // Wire names are unique.
    QSet<QString> names;
    for (EventType t : allEventTypes())
        names.insert(eventTypeToString(t));
    QCOMPARE(names.size(), allEventTypes().size());
}

void TestCaseEvent::localEventHasNoServerFields()
{
    CaseEvent e = sampleEvent();
    e.serverSeq = 0;
    e.serverTime = {};
    const QJsonObject json = e.toJson();
    QVERIFY(!json.contains("serverSeq"));
    QVERIFY(!json.contains("serverTime"));
    CaseEvent back;
    Message error;
    QVERIFY2(CaseEvent::fromJson(json, &back, &error), qPrintable(error));
    QCOMPARE(back.serverSeq, qint64(0));
    QVERIFY(!back.serverTime.isValid());
}

void TestCaseEvent::firstEventHasEmptyPrev()
{
    CaseEvent e = sampleEvent();
    e.caseSeq = 1;
    e.prevHash.clear();
    e.hash = e.computeHash();
    CaseEvent back;
    Message error;
    QVERIFY2(CaseEvent::fromJson(e.toJson(), &back, &error), qPrintable(error));
    QVERIFY(back.prevHash.isEmpty());
    QCOMPARE(back.computeHash(), e.hash);
}

void TestCaseEvent::strictParsingRejects_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("fragment");
    const QJsonObject ok = sampleEvent().toJson();
    auto with = [&ok](const char *key, const QJsonValue &v) {
        QJsonObject o = ok;
        if (v.isUndefined())
            o.remove(QLatin1String(key));
        else
            o.insert(QLatin1String(key), v);
        return o;
    };
    for (const char *key : {"id", "case", "type", "actor", "role", "org", "device", "clientTime"}) {
        QTest::addRow("missing %s", key) << with(key, QJsonValue::Undefined)
                                         << QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key));
        QTest::addRow("%s is a number", key) << with(key, 7) << QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key));
    }
    QTest::newRow("id is null") << with("id", QJsonValue::Null) << "\"id\" must be a string";
    QTest::newRow("missing caseSeq") << with("caseSeq", QJsonValue::Undefined) << "caseSeq must be a positive whole number";
    QTest::newRow("missing payload") << with("payload", QJsonValue::Undefined) << "payload must be a JSON object";
    QTest::newRow("id not a UUID") << with("id", "evt-1") << "Event id \"evt-1\" is not a UUID";
    QTest::newRow("id UUID in braces") << with("id", "{3f2504e0-4f89-41d3-9a0c-0305e82c3301}") << "is not a UUID";
    QTest::newRow("id nil UUID") << with("id", "00000000-0000-0000-0000-000000000000") << "is not a UUID";
    QTest::newRow("id with bad hex") << with("id", "3f2504e0-4f89-41d3-9a0c-0305e82c330g") << "is not a UUID";
    QTest::newRow("case not a UUID") << with("case", "PL-2026-000001") << "Case id \"PL-2026-000001\" is not a UUID";
    QTest::newRow("caseSeq 0") << with("caseSeq", 0) << "caseSeq must be a positive whole number";
    QTest::newRow("caseSeq negative") << with("caseSeq", -3) << "caseSeq must be a positive whole number";
    QTest::newRow("caseSeq fractional") << with("caseSeq", 2.5) << "caseSeq must be a positive whole number";
    QTest::newRow("caseSeq string") << with("caseSeq", "3") << "caseSeq must be a positive whole number";
    QTest::newRow("caseSeq huge") << with("caseSeq", 1e12) << "caseSeq must be a positive whole number";
    QTest::newRow("caseSeq bool") << with("caseSeq", true) << "caseSeq must be a positive whole number";
    QTest::newRow("unknown type") << with("type", "case.deleted") << "Unknown event type \"case.deleted\"";
    QTest::newRow("type display name") << with("type", "Registered") << "Unknown event type";
    QTest::newRow("unknown role") << with("role", "mayor") << "Unknown role \"mayor\"";
    QTest::newRow("role wrong case") << with("role", "Street_Operator") << "Unknown role";
    QTest::newRow("payload array") << with("payload", QJsonArray{1, 2}) << "payload must be a JSON object";
    QTest::newRow("payload string") << with("payload", "{}") << "payload must be a JSON object";
    QTest::newRow("payload null") << with("payload", QJsonValue::Null) << "payload must be a JSON object";
    QTest::newRow("bad time") << with("clientTime", "yesterday") << "clientTime is not an ISO 8601 time";
    QTest::newRow("empty time") << with("clientTime", "") << "clientTime is not an ISO 8601 time";
    QTest::newRow("impossible date") << with("clientTime", "2026-02-30T10:00:00Z") << "clientTime is not an ISO 8601";
    QTest::newRow("time without zone") << with("clientTime", "2026-03-04T10:03:04.567") << "time zone";
    QTest::newRow("bad hash hex") << with("hash", QString(63, u'a') + u'g') << "hash must be a hex SHA-256";
    QTest::newRow("hash uppercase") << with("hash", QString(64, u'A')) << "hash must be a hex SHA-256";
    QTest::newRow("hash too short") << with("hash", QString(63, u'a')) << "hash must be a hex SHA-256";
    QTest::newRow("hash number") << with("hash", 12) << "\"hash\" must be a string";
    QTest::newRow("bad prev hex") << with("prev", QStringLiteral("xyz")) << "prev must be a hex SHA-256";
    QTest::newRow("prev number") << with("prev", 0) << "\"prev\" must be a string";
    QTest::newRow("65-char actor") << with("actor", QString(65, u'a')) << "at most 64 characters";
    QTest::newRow("65-char org") << with("org", QString(65, u'o')) << "at most 64 characters";
    QTest::newRow("65-char device") << with("device", QString(65, u'd')) << "at most 64 characters";
    QTest::newRow("empty actor") << with("actor", "") << "actor must not be empty";
    QTest::newRow("serverSeq string") << with("serverSeq", "5") << "serverSeq must be a positive whole number";
    QTest::newRow("serverSeq negative") << with("serverSeq", -5) << "serverSeq must be a positive whole number";
    QTest::newRow("serverSeq fractional") << with("serverSeq", 1.5) << "serverSeq must be a positive whole number";
    QTest::newRow("bad serverTime") << with("serverTime", "soon") << "serverTime is not an ISO 8601";
}

void TestCaseEvent::strictParsingRejects()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, fragment);
    CaseEvent e = sampleEvent();
    const CaseEvent untouched = e;
    Message error;
    QVERIFY2(!CaseEvent::fromJson(json, &e, &error), "malformed event accepted");
    QVERIFY2(error.text().contains(fragment), qPrintable(error));
    QVERIFY(error.text().size() < 300);  // a sentence, not the whole input echoed back
    QCOMPARE(e.id, untouched.id);  // the output is not half-written
    QCOMPARE(e.payload, untouched.payload);
}

void TestCaseEvent::acceptsOffsetTimes()
{
    QJsonObject json = sampleEvent().toJson();
    json["clientTime"] = QStringLiteral("2026-03-04T10:03:04.567+08:00");
    CaseEvent back;
    Message error;
    QVERIFY2(CaseEvent::fromJson(json, &back, &error), qPrintable(error));
    QCOMPARE(back.clientTime, QDateTime(QDate(2026, 3, 4), QTime(2, 3, 4, 567), Qt::UTC));
    QCOMPARE(back.clientTime.timeSpec(), Qt::UTC);
    QCOMPARE(back.computeHash(), sampleEvent().hash);
    // Seconds without milliseconds are fine too.
    json["clientTime"] = QStringLiteral("2026-03-04T02:03:04Z");
    QVERIFY2(CaseEvent::fromJson(json, &back, &error), qPrintable(error));
    QCOMPARE(CaseEvent::timeToString(back.clientTime), QStringLiteral("2026-03-04T02:03:04.000Z"));
    QVERIFY(CaseEvent::timeToString({}).isEmpty());
}

void TestCaseEvent::newIdIsUuid()
{
    const QString a = CaseEvent::newId();
    const QString b = CaseEvent::newId();
    QCOMPARE(a.size(), 36);
    QVERIFY(!a.startsWith(u'{'));
    QVERIFY(!QUuid::fromString(a).isNull());
    QVERIFY(a != b);
}

QTEST_GUILESS_MAIN(TestCaseEvent)
#include "tst_caseevent.moc"

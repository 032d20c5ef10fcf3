// The district server's HTTP API, tested against the real gridwhistle-server process over HTTPS.
// Runs on SQLite by default and on a throwaway PostgreSQL cluster with GW_TEST_BACKEND=postgresql.
#include "accesspolicy.h"
#include "apiclient.h"
#include "workflow.h"
#include "auditchain.h"
#include "caseevent.h"
#include "caserecord.h"
#include "eventbuilder.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "testpki.h"
#include "testpostgres.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {
User demoUser(const QString &id, Role role, const QString &unit)
{
    return User::make(id, role, unit);
}
} // namespace

class TstServerApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;
    QString m_databaseUrl;
    ServerProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminPassword;
    QHash<QString, QString> m_tokens;  // user id -> token
    QString m_tuodongCase;  // registered by the street, whistled to dept.chengguan
    QString m_gulouCase;    // registered by the center in another street

    QStringList backendArgs() const
    {
        return m_databaseUrl.isEmpty() ? QStringList() : QStringList{"--database", m_databaseUrl};
    }
    QString token(const QString &user) const { return m_tokens.value(user); }
    qint64 storedEvents()
    {
        const ApiClient::Response r = m_api->get("/api/v1/stats", token("admin"));
        return r.json.value("events").toInteger(-1);
    }
    static CaseEvent sealed(const CaseEvent &e) { return sealedForPush(e); }
    ApiClient::Response push(const QList<CaseEvent> &events, const QString &tok)
    {
        QJsonArray arr;
        for (const CaseEvent &e : events)
            arr.append(sealed(e).toJson());
        return m_api->post("/api/v1/events", {{"events", arr}}, tok);
    }
    static CaseEvent registration(const User &actor, const QString &street, const QString &community,
                                  const QString &title = QStringLiteral("路灯不亮"))
    {
        return registrationEvent(actor, street, community, title);
    }
    CaseRecord fetchCase(const QString &caseId, const QString &tok)
    {
        return CaseRecord::fromJson(m_api->get("/api/v1/cases/" + caseId, tok).json.value("case").toObject());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString err = m_pki.generate(m_dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        if (qgetenv("GW_TEST_BACKEND") == "postgresql") {
            bool missing = false;
            m_databaseUrl = m_postgres.start(&err, &missing);
            if (missing)
                QSKIP(qPrintable(err));
            QVERIFY2(!m_databaseUrl.isEmpty(), qPrintable(err));
        }
        err = m_server.start(m_dir.filePath("data"),
                             QStringList{"--cert", m_pki.certFile, "--key", m_pki.keyFile, "--demo-users"} + backendArgs());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_adminPassword = initialAdminPassword(m_server.output());
        QVERIFY2(!m_adminPassword.isEmpty(), qPrintable(m_server.output()));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        // The initial admin's printed password opens nothing but its own change (issue 17).
        const QString first = m_api->login("admin", m_adminPassword);
        QVERIFY(!first.isEmpty());
        const ApiClient::Response blocked = m_api->get("/api/v1/users", first);
        QCOMPARE(blocked.status, 403);
        QCOMPARE(blocked.json.value("error").toString(), QString("password_change_required"));
        QCOMPARE(m_api->get("/api/v1/me", first).json.value("user").toObject().value("mustChangePassword").toBool(), true);
        m_tokens["admin"] = adminWithOwnPassword(*m_api, &m_adminPassword);
        QVERIFY(!token("admin").isEmpty());
        QCOMPARE(m_api->get("/api/v1/users", token("admin")).status, 200);
        for (const char *u : {"dispatcher", "reviewer", "supervisor", "tuodong", "shifu", "chengguan", "zhujian"}) {
            m_tokens[u] = m_api->login(u, DemoPassword);
            QVERIFY2(!token(u).isEmpty(), u);
        }
        // A street operator of another street, made through the admin API.
        const ApiClient::Response created = m_api->post(
            "/api/v1/users",
            {{"id", "gulou"}, {"name", "Gulou operator"}, {"role", "street_operator"}, {"orgUnit", "street.gulou"},
             {"password", DemoPassword}},
            token("admin"));
        QCOMPARE(created.status, 201);
        m_tokens["gulou"] = m_api->login("gulou", DemoPassword);

        // Fixture cases: one in Tuodong taken all the way to a whistle to 城管, one in Gulou.
        const User tuodong = demoUser("tuodong", Role::StreetOperator, "street.tuodong");
        const User dispatcher = demoUser("dispatcher", Role::CenterDispatcher, "center.district");
        const User reviewer = demoUser("reviewer", Role::CenterReviewer, "center.district");
        const CaseEvent reg = registration(tuodong, "street.tuodong", "community.tuodong.1");
        m_tuodongCase = reg.caseId;
        const ApiClient::Response registered = push({reg}, token("tuodong"));
        QVERIFY2(registered.json.value("accepted").toInt() == 1, registered.raw.constData());
        const CaseEvent analyzed = EventBuilder(dispatcher, "d").make(EventType::Analyzed, m_tuodongCase,
                                                                      {{"decision", "whistle"}, {"note", "需要城管"}});
        QCOMPARE(push({analyzed}, token("dispatcher")).json.value("accepted").toInt(), 1);
        const CaseEvent reviewed = EventBuilder(reviewer, "d").make(EventType::Reviewed, m_tuodongCase,
                                                                    {{"decision", "approve"}, {"reason", ""}});
        QCOMPARE(push({reviewed}, token("reviewer")).json.value("accepted").toInt(), 1);
        const CaseEvent whistle =
            EventBuilder(dispatcher, "d").whistle(fetchCase(m_tuodongCase, token("dispatcher")), "dept.chengguan", {});
        const ApiClient::Response w = push({whistle}, token("dispatcher"));
        QVERIFY2(w.json.value("accepted").toInt() == 1, w.raw.constData());

        const CaseEvent gulou = registration(dispatcher, "street.gulou", {});
        m_gulouCase = gulou.caseId;
        QCOMPARE(push({gulou}, token("dispatcher")).json.value("accepted").toInt(), 1);
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_postgres.stop();
    }

    // --- Authentication ---

    void loginAndMe()
    {
        const ApiClient::Response login = m_api->post("/api/v1/login", {{"user", "tuodong"}, {"password", DemoPassword}});
        QCOMPARE(login.status, 200);
        QVERIFY(login.json.value("token").toString().size() >= 40);
        QVERIFY(QDateTime::fromString(login.json.value("expiresAt").toString(), Qt::ISODateWithMs) > QDateTime::currentDateTimeUtc());
        QCOMPARE(login.json.value("user").toObject().value("orgUnit").toString(), QStringLiteral("street.tuodong"));
        const ApiClient::Response me = m_api->get("/api/v1/me", login.json.value("token").toString());
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json.value("user").toObject().value("id").toString(), QStringLiteral("tuodong"));
    }

    void loginRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("wrong password") << QByteArray("{\"user\":\"tuodong\",\"password\":\"nope-nope\"}") << 401;
        QTest::newRow("unknown user") << QByteArray("{\"user\":\"nobody\",\"password\":\"gw-demo-2026\"}") << 401;
        QTest::newRow("missing password") << QByteArray("{\"user\":\"tuodong\"}") << 400;
        QTest::newRow("password not text") << QByteArray("{\"user\":\"tuodong\",\"password\":12345678}") << 400;
        QTest::newRow("sql in user") << QByteArray("{\"user\":\"x' OR '1'='1\",\"password\":\"x' OR '1'='1\"}") << 401;
    }
    void loginRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const ApiClient::Response r = m_api->send("POST", "/api/v1/login", body, {});
        QCOMPARE(r.status, status);
        QVERIFY(!r.error().isEmpty());
        QVERIFY(!r.json.value("message").toString().isEmpty());
        QVERIFY(!r.json.contains("token"));
    }

    void requestsWithoutValidTokenAreRefused()
    {
        ApiClient::Response r = m_api->get("/api/v1/me");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.error(), QStringLiteral("unauthorized"));
        r = m_api->get("/api/v1/me", "made-up-token");
        QCOMPARE(r.status, 401);
        r = m_api->get("/api/v1/events?after=0", "made-up-token");
        QCOMPARE(r.status, 401);
    }

    void logoutRevokesTheToken()
    {
        const QString t = m_api->login("reviewer", DemoPassword);
        QCOMPARE(m_api->get("/api/v1/me", t).status, 200);
        QCOMPARE(m_api->post("/api/v1/logout", {}, t).status, 200);
        const ApiClient::Response after = m_api->get("/api/v1/me", t);
        QCOMPARE(after.status, 401);
        QVERIFY(after.json.value("message").toString().contains("logged out"));
        QCOMPARE(m_api->get("/api/v1/me", token("reviewer")).status, 200);  // other sessions live on
    }

    void disablingAnAccountRevokesItsSessions()
    {
        const QString t = m_api->login("gulou", DemoPassword);
        QCOMPARE(m_api->put("/api/v1/users/gulou", {{"active", false}}, token("admin")).status, 200);
        QCOMPARE(m_api->get("/api/v1/me", t).status, 401);
        QCOMPARE(m_api->post("/api/v1/login", {{"user", "gulou"}, {"password", DemoPassword}}).status, 401);
        QCOMPARE(m_api->put("/api/v1/users/gulou", {{"active", true}}, token("admin")).status, 200);
        m_tokens["gulou"] = m_api->login("gulou", DemoPassword);
        QVERIFY(!token("gulou").isEmpty());
    }

    void tokensExpire()
    {
        // A second server sharing nothing with the first, with one-second sessions.
        ServerProcess shortLived;
        QTemporaryDir dir;
        QString err;
        QStringList args{"--cert", m_pki.certFile, "--key", m_pki.keyFile, "--demo-users", "--token-ttl", "1"};
        if (!m_databaseUrl.isEmpty()) {
            const QString url = m_postgres.createDatabase("expiry", &err);
            QVERIFY2(!url.isEmpty(), qPrintable(err));
            args << "--database" << url;
        }
        err = shortLived.start(dir.path(), args);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        ApiClient api(shortLived.url(), m_pki.caFile);
        const QString t = api.login("dispatcher", DemoPassword);
        QVERIFY(!t.isEmpty());
        QTest::qWait(1500);
        const ApiClient::Response r = api.get("/api/v1/me", t);
        QCOMPARE(r.status, 401);
        QVERIFY2(r.json.value("message").toString().contains("expired"), r.raw.constData());
    }

    void repeatedWrongPasswordsAreThrottled()
    {
        int throttledAt = -1;
        for (int i = 0; i < 12 && throttledAt < 0; ++i) {
            const ApiClient::Response r = m_api->post("/api/v1/login", {{"user", "supervisor"}, {"password", "wrong-wrong"}});
            if (r.status == 429)
                throttledAt = i;
            else
                QCOMPARE(r.status, 401);
        }
        QCOMPARE(throttledAt, 10);
        // Even the right password waits until the window has passed.
        QCOMPARE(m_api->post("/api/v1/login", {{"user", "supervisor"}, {"password", DemoPassword}}).status, 429);
    }

    // --- Pushing events ---

    void registrationIsNumberedBySystem()
    {
        const ApiClient::Response r = m_api->get("/api/v1/cases/" + m_gulouCase, token("dispatcher"));
        QCOMPARE(r.status, 200);
        const QString number = r.json.value("case").toObject().value("number").toString();
        QVERIFY2(QRegularExpression("^PL-\\d{4}-\\d{6}$").match(number).hasMatch(), qPrintable(number));
        bool sawNumbered = false;
        const ApiClient::Response pulled = m_api->get("/api/v1/events?after=0&limit=5000", token("dispatcher"));
        for (const QJsonValue &v : pulled.json.value("events").toArray()) {
            const QJsonObject e = v.toObject();
            if (e.value("case").toString() == m_gulouCase && e.value("type").toString() == "case.numbered") {
                sawNumbered = true;
                QCOMPARE(e.value("actor").toString(), QStringLiteral("system"));
                QCOMPARE(e.value("payload").toObject().value("number").toString(), number);
            }
        }
        QVERIFY(sawNumbered);
    }

    // Issue 17: an event recorded as someone else's is refused, never re-attributed to the token holder.
    void forgedActorIsRefused()
    {
        CaseEvent e = registration(demoUser("tuodong", Role::StreetOperator, "street.tuodong"), "street.tuodong", {});
        e.actorId = "reviewer";
        const qint64 before = storedEvents();
        const ApiClient::Response r = push({e}, token("tuodong"));
        QCOMPARE(r.status, 200);
        const QJsonObject result = r.json.value("results").toArray().at(0).toObject();
        QCOMPARE(result.value("status").toString(), QStringLiteral("rejected"));
        QCOMPARE(result.value("code").toString(), QStringLiteral("actor_mismatch"));
        QVERIFY(result.value("reason").toString().contains("reviewer"));
        QCOMPARE(storedEvents(), before);
    }

    // The role and unit an event claims are the account's as it stands on the server, whatever the device says.
    void forgedRoleAndUnitAreTheAccounts()
    {
        CaseEvent e = registration(demoUser("tuodong", Role::StreetOperator, "street.tuodong"), "street.tuodong", {});
        e.actorRole = Role::CenterReviewer;
        e.actorOrgUnit = "center.district";
        const ApiClient::Response r = push({e}, token("tuodong"));
        QCOMPARE(r.status, 200);
        const QJsonObject result = r.json.value("results").toArray().at(0).toObject();
        QCOMPARE(result.value("status").toString(), QStringLiteral("accepted"));
        const QJsonObject stored = result.value("event").toObject();
        QCOMPARE(stored.value("actor").toString(), QStringLiteral("tuodong"));
        QCOMPARE(stored.value("role").toString(), QStringLiteral("street_operator"));
        QCOMPARE(stored.value("org").toString(), QStringLiteral("street.tuodong"));
        QVERIFY(stored.value("serverSeq").toInteger() > 0);
        CaseEvent back;
        Message why;
        QVERIFY(CaseEvent::fromJson(stored, &back, &why));
        QCOMPARE(back.computeHash(), back.hash);  // sealed by the server over the real actor
    }

    void replayIsIdempotent()
    {
        const CaseEvent e = registration(demoUser("shifu", Role::CommunityReporter, "community.tuodong.1"),
                                         "street.tuodong", "community.tuodong.1");
        const ApiClient::Response first = push({e}, token("shifu"));
        QCOMPARE(first.json.value("accepted").toInt(), 1);
        const qint64 before = storedEvents();
        const ApiClient::Response second = push({e, e}, token("shifu"));
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json.value("duplicates").toInt(), 2);
        QCOMPARE(storedEvents(), before);
        // Taken exactly as sent: the answer carries the numbering, not the event the client already holds.
        const QJsonObject a = first.json.value("results").toArray().at(0).toObject();
        QVERIFY(!a.contains("event"));
        QCOMPARE(a.value("hash").toString().toLatin1(), sealed(e).hash);
        QCOMPARE(a.value("caseSeq").toInt(), 1);
        QVERIFY(a.value("serverSeq").toInteger() > 0);
        QVERIFY(QDateTime::fromString(a.value("serverTime").toString(), Qt::ISODateWithMs).isValid());
        // A replay gets the stored event in full, with the same numbering.
        const QJsonObject b = second.json.value("results").toArray().at(0).toObject();
        const QJsonObject stored = b.value("event").toObject();
        QCOMPARE(stored.value("hash"), a.value("hash"));
        QCOMPARE(stored.value("serverSeq"), a.value("serverSeq"));
        QCOMPARE(stored.value("serverTime"), a.value("serverTime"));
        QCOMPARE(b.value("serverSeq"), a.value("serverSeq"));
    }

    void futureClientTimeIsRejected()
    {
        CaseEvent e = registration(demoUser("dispatcher", Role::CenterDispatcher, "center.district"), "street.tuodong", {});
        e.clientTime = QDateTime::currentDateTimeUtc().addSecs(3600);
        const qint64 before = storedEvents();
        const ApiClient::Response r = push({e}, token("dispatcher"));
        QCOMPARE(r.status, 200);
        const QJsonObject result = r.json.value("results").toArray().at(0).toObject();
        QCOMPARE(result.value("status").toString(), QStringLiteral("rejected"));
        QCOMPARE(result.value("code").toString(), QStringLiteral("clock_skew"));
        QCOMPARE(storedEvents(), before);
    }

    void sqlMetacharactersAreStoredVerbatim()
    {
        const QString title = QStringLiteral("Robert'); DROP TABLE events; -- \"%_\\");
        const CaseEvent e = registration(demoUser("dispatcher", Role::CenterDispatcher, "center.district"),
                                         "street.tuodong", {}, title);
        QCOMPARE(push({e}, token("dispatcher")).json.value("accepted").toInt(), 1);
        QCOMPARE(fetchCase(e.caseId, token("dispatcher")).title, title);
        QVERIFY(storedEvents() > 0);
        QCOMPARE(m_api->get("/api/v1/cases/" + QUrl::toPercentEncoding("' OR 1=1 --"), token("dispatcher")).status, 400);
    }

    void badInputIsRefusedAndNothingStored_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");

        CaseEvent good = sealed(registration(demoUser("dispatcher", Role::CenterDispatcher, "center.district"),
                                             "street.tuodong", {}));
        auto withEvent = [](const QJsonObject &e) {
            return QJsonDocument(QJsonObject{{"events", QJsonArray{e}}}).toJson(QJsonDocument::Compact);
        };
        QJsonObject wrongType = good.toJson();
        wrongType["caseSeq"] = "1";
        QJsonObject unknownType = good.toJson();
        unknownType["type"] = "case.teleported";
        QJsonObject payloadNotObject = good.toJson();
        payloadNotObject["payload"] = "title=x";
        QJsonObject badId = good.toJson();
        badId["id"] = "1; DROP TABLE events";
        QByteArray invalidUtf8 = withEvent(good.toJson());
        invalidUtf8.replace("路灯", "\xff\xfe\xfd");
        QJsonArray tooMany;
        for (int i = 0; i < 1001; ++i)  // one more than the documented maximum of a push
            tooMany.append(QJsonObject{});

        const QString events = "/api/v1/events";
        const QByteArray json = "application/json";
        QTest::newRow("malformed json") << QByteArray("POST") << events << QByteArray("{\"events\": [") << json << 400 << "invalid_json";
        QTest::newRow("json array body") << QByteArray("POST") << events << QByteArray("[]") << json << 400 << "invalid_json";
        QTest::newRow("events not a list") << QByteArray("POST") << events << QByteArray("{\"events\":{}}") << json << 400 << "invalid_input";
        QTest::newRow("empty batch") << QByteArray("POST") << events << QByteArray("{\"events\":[]}") << json << 400 << "invalid_input";
        QTest::newRow("wrong field type") << QByteArray("POST") << events << withEvent(wrongType) << json << 400 << "invalid_input";
        QTest::newRow("payload not object") << QByteArray("POST") << events << withEvent(payloadNotObject) << json << 400 << "invalid_input";
        QTest::newRow("id not uuid") << QByteArray("POST") << events << withEvent(badId) << json << 400 << "invalid_input";
        QTest::newRow("unknown event type") << QByteArray("POST") << events << withEvent(unknownType) << json << 422 << "unknown_event_type";
        QTest::newRow("invalid utf-8") << QByteArray("POST") << events << invalidUtf8 << json << 400 << "invalid_utf8";
        QTest::newRow("wrong media type") << QByteArray("POST") << events << withEvent(good.toJson()) << QByteArray("text/plain") << 415 << "unsupported_media_type";
        QTest::newRow("body over limit") << QByteArray("POST") << events << QByteArray(9 * 1024 * 1024, ' ') << json << 413 << "body_too_large";
        QTest::newRow("too many events") << QByteArray("POST") << events
                                         << QJsonDocument(QJsonObject{{"events", tooMany}}).toJson(QJsonDocument::Compact)
                                         << json << 413 << "too_many_events";
        QTest::newRow("bad cursor") << QByteArray("GET") << QString("/api/v1/events?after=1;DROP") << QByteArray() << QByteArray() << 400 << "invalid_input";
        QTest::newRow("limit zero") << QByteArray("GET") << QString("/api/v1/events?after=0&limit=0") << QByteArray() << QByteArray() << 400 << "invalid_input";
        QTest::newRow("limit text") << QByteArray("GET") << QString("/api/v1/events?limit=all") << QByteArray() << QByteArray() << 400 << "invalid_input";
        QTest::newRow("case id not uuid") << QByteArray("GET") << QString("/api/v1/cases/..%2F..%2Fetc") << QByteArray() << QByteArray() << 400 << "invalid_input";
        QTest::newRow("unknown endpoint") << QByteArray("GET") << QString("/api/v1/nothing") << QByteArray() << QByteArray() << 404 << "not_found";
        QTest::newRow("wrong method") << QByteArray("DELETE") << events << QByteArray() << QByteArray() << 405 << "method_not_allowed";
        QTest::newRow("user body over limit") << QByteArray("POST") << QString("/api/v1/users") << QByteArray(70 * 1024, ' ') << json << 413 << "body_too_large";
    }
    void badInputIsRefusedAndNothingStored()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, code);
        const qint64 before = storedEvents();
        QVERIFY(before > 0);
        const ApiClient::Response r = m_api->send(method, path, body, token("dispatcher"), contentType);
        QCOMPARE(r.status, status);
        QCOMPARE(r.error(), code);
        QVERIFY(!r.json.value("message").toString().isEmpty());
        QCOMPARE(storedEvents(), before);
    }

    void workflowRefusalsComeBackWithReasons_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("caseKey");
        QTest::addColumn<QString>("code");
        QTest::newRow("reviewer cannot register") << "reviewer" << int(EventType::Registered) << "new" << "forbidden";
        QTest::newRow("department cannot register") << "chengguan" << int(EventType::Registered) << "new" << "forbidden";
        QTest::newRow("admin takes no part") << "admin" << int(EventType::Registered) << "new" << "forbidden";
        QTest::newRow("street registers only its street") << "gulou" << int(EventType::Registered) << "new" << "forbidden";
        QTest::newRow("supervisor cannot analyze") << "supervisor" << int(EventType::Analyzed) << "gulou" << "forbidden";
        QTest::newRow("other street cannot analyze") << "tuodong" << int(EventType::Analyzed) << "gulou" << "forbidden";
        QTest::newRow("unsummoned department") << "zhujian" << int(EventType::CheckedIn) << "tuodong" << "forbidden";
        QTest::newRow("review before analysis") << "reviewer" << int(EventType::Reviewed) << "gulou" << "invalid_state";
        QTest::newRow("client cannot number") << "dispatcher" << int(EventType::Numbered) << "gulou" << "forbidden";
        QTest::newRow("event on unknown case") << "dispatcher" << int(EventType::Commented) << "missing" << "invalid_state";
    }
    void workflowRefusalsComeBackWithReasons()
    {
        QFETCH(QString, user);
        QFETCH(int, type);
        QFETCH(QString, caseKey);
        QFETCH(QString, code);
        const QHash<QString, User> users{
            {"reviewer", demoUser("reviewer", Role::CenterReviewer, "center.district")},
            {"chengguan", demoUser("chengguan", Role::DepartmentHandler, "dept.chengguan")},
            {"zhujian", demoUser("zhujian", Role::DepartmentHandler, "dept.zhujian")},
            {"admin", demoUser("admin", Role::Administrator, "center.district")},
            {"gulou", demoUser("gulou", Role::StreetOperator, "street.gulou")},
            {"supervisor", demoUser("supervisor", Role::Supervisor, "center.district")},
            {"tuodong", demoUser("tuodong", Role::StreetOperator, "street.tuodong")},
            {"dispatcher", demoUser("dispatcher", Role::CenterDispatcher, "center.district")}};
        const User actor = users.value(user);
        CaseEvent e;
        const EventType t = EventType(type);
        if (t == EventType::Registered) {
            e = registration(actor, "street.tuodong", {});
        } else {
            const QString caseId = caseKey == "gulou" ? m_gulouCase : caseKey == "tuodong" ? m_tuodongCase : CaseEvent::newId();
            QJsonObject payload{{"decision", "whistle"}, {"note", "x"}, {"reason", "x"}, {"text", "x"},
                                {"department", actor.orgUnitId}, {"number", "PL-2026-999999"}};
            e = EventBuilder(actor, "d").make(t, caseId, payload);
        }
        const qint64 before = storedEvents();
        const ApiClient::Response r = push({e}, token(user));
        QCOMPARE(r.status, 200);
        const QJsonObject result = r.json.value("results").toArray().at(0).toObject();
        QCOMPARE(result.value("status").toString(), QStringLiteral("rejected"));
        QCOMPARE(result.value("code").toString(), code);
        QVERIFY(!result.value("reason").toString().isEmpty());
        QVERIFY(!result.contains("event"));
        QCOMPARE(storedEvents(), before);
    }

    // --- Reading: who sees what ---

    void caseReadPermissions_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("tuodongCase");
        QTest::addColumn<int>("status");
        const QList<std::tuple<const char *, int, int>> matrix{
            // user, status for the Tuodong case (whistled to 城管), status for the Gulou case
            {"dispatcher", 200, 200}, {"reviewer", 200, 200}, {"supervisor", 200, 200}, {"admin", 200, 200},
            {"tuodong", 200, 403},    {"shifu", 200, 403},    {"gulou", 403, 200},      {"chengguan", 200, 403},
            {"zhujian", 403, 403}};
        for (const auto &[user, tuodong, gulou] : matrix) {
            QTest::addRow("%s reads tuodong case", user) << QString(user) << true << tuodong;
            QTest::addRow("%s reads gulou case", user) << QString(user) << false << gulou;
        }
    }
    void caseReadPermissions()
    {
        QFETCH(QString, user);
        QFETCH(bool, tuodongCase);
        QFETCH(int, status);
        const QString id = tuodongCase ? m_tuodongCase : m_gulouCase;
        for (const QString &suffix : {QString(), QStringLiteral("/verify")}) {
            const ApiClient::Response r = m_api->get("/api/v1/cases/" + id + suffix, token(user));
            QCOMPARE(r.status, status);
            if (status == 403) {
                QCOMPARE(r.error(), QStringLiteral("forbidden"));
                QVERIFY(r.json.value("message").toString().contains("outside your area"));
                QVERIFY(!r.json.contains("case"));
            }
        }
    }

    void pullsHoldOnlyVisibleCases_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("seesTuodong");
        QTest::addColumn<bool>("seesGulou");
        QTest::newRow("dispatcher") << "dispatcher" << true << true;
        QTest::newRow("supervisor") << "supervisor" << true << true;
        QTest::newRow("street") << "tuodong" << true << false;
        QTest::newRow("other street") << "gulou" << false << true;
        QTest::newRow("community") << "shifu" << true << false;
        QTest::newRow("summoned department") << "chengguan" << true << false;
        QTest::newRow("other department") << "zhujian" << false << false;
    }
    void pullsHoldOnlyVisibleCases()
    {
        QFETCH(QString, user);
        QFETCH(bool, seesTuodong);
        QFETCH(bool, seesGulou);
        // Page through with a small limit so the cursor logic is exercised too.
        QString cursor = "0";
        QList<CaseEvent> events;
        QSet<QString> ids;
        for (int page = 0; page < 1000; ++page) {
            const ApiClient::Response r = m_api->get("/api/v1/events?limit=3&after=" + cursor, token(user));
            QCOMPARE(r.status, 200);
            for (const QJsonValue &v : r.json.value("events").toArray()) {
                CaseEvent e;
                Message why;
                QVERIFY2(CaseEvent::fromJson(v.toObject(), &e, &why), qPrintable(why));
                QVERIFY2(!ids.contains(e.id), "an event came twice");
                ids.insert(e.id);
                events.append(e);
            }
            cursor = r.json.value("nextCursor").toString();
            if (!r.json.value("hasMore").toBool())
                break;
        }
        const User reader = [&] {
            const ApiClient::Response me = m_api->get("/api/v1/me", token(user));
            User u;
            Message why;
            User::fromJson(me.json.value("user").toObject(), &u, &why);
            return u;
        }();
        QHash<QString, QList<CaseEvent>> byCase;
        for (const CaseEvent &e : events)
            byCase[e.caseId].append(e);
        QCOMPARE(byCase.contains(m_tuodongCase), seesTuodong);
        QCOMPARE(byCase.contains(m_gulouCase), seesGulou);
        for (auto it = byCase.cbegin(); it != byCase.cend(); ++it) {
            // Every case arrives whole (a department gets the history from before its summons) and in chain order.
            QVERIFY2(AuditChain::verify(it.value()).ok(), qPrintable(AuditChain::verify(it.value()).message));
            CaseRecord record;
            QVERIFY(Workflow().replay(it.value(), &record).ok);
            QVERIFY2(AccessPolicy::canView(record, reader), qPrintable(record.number));
        }
    }

    void adminEndpointsNeedAdministrator_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("status");
        for (const char *u : {"dispatcher", "reviewer", "supervisor", "tuodong", "shifu", "chengguan"})
            QTest::newRow(u) << QString(u) << 403;
        QTest::newRow("admin") << "admin" << 200;
    }
    void adminEndpointsNeedAdministrator()
    {
        QFETCH(QString, user);
        QFETCH(int, status);
        const ApiClient::Response list = m_api->get("/api/v1/users", token(user));
        QCOMPARE(list.status, status);
        const QString newId = "temp-" + user;
        const ApiClient::Response create = m_api->post(
            "/api/v1/users",
            {{"id", newId}, {"name", "Temp"}, {"role", "supervisor"}, {"orgUnit", "center.district"}, {"password", "long-enough"}},
            token(user));
        QCOMPARE(create.status, status == 200 ? 201 : 403);
        const ApiClient::Response update = m_api->put("/api/v1/users/shifu", {{"name", "社区网格员"}}, token(user));
        QCOMPARE(update.status, status);
        if (status == 403) {
            QVERIFY(list.json.value("message").toString().contains("administrators"));
            QVERIFY(!list.json.contains("users"));
        } else {
            QVERIFY(list.json.value("users").toArray().size() >= 8);
            for (const QJsonValue &v : list.json.value("users").toArray())
                QVERIFY(!v.toObject().contains("password_hash") && !v.toObject().contains("salt"));
        }
        // Anyone logged in may read the org units.
        QCOMPARE(m_api->get("/api/v1/org-units", token(user)).json.value("units").toArray().isEmpty(), false);
    }

    void adminValidatesAccounts_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("role does not fit unit")
            << QJsonObject{{"id", "x1"}, {"role", "street_operator"}, {"orgUnit", "dept.chengguan"}, {"password", "long-enough"}} << 422;
        QTest::newRow("unknown unit")
            << QJsonObject{{"id", "x2"}, {"role", "supervisor"}, {"orgUnit", "center.nowhere"}, {"password", "long-enough"}} << 422;
        QTest::newRow("unknown role")
            << QJsonObject{{"id", "x3"}, {"role", "king"}, {"orgUnit", "center.district"}, {"password", "long-enough"}} << 422;
        QTest::newRow("short password")
            << QJsonObject{{"id", "x4"}, {"role", "supervisor"}, {"orgUnit", "center.district"}, {"password", "short"}} << 422;
        QTest::newRow("bad id")
            << QJsonObject{{"id", "a b'c"}, {"role", "supervisor"}, {"orgUnit", "center.district"}, {"password", "long-enough"}} << 422;
        QTest::newRow("taken id")
            << QJsonObject{{"id", "dispatcher"}, {"role", "supervisor"}, {"orgUnit", "center.district"}, {"password", "long-enough"}} << 409;
        QTest::newRow("wrong type")
            << QJsonObject{{"id", "x5"}, {"role", "supervisor"}, {"orgUnit", "center.district"}, {"password", 12345678}} << 400;
    }
    void adminValidatesAccounts()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        const int before = m_api->get("/api/v1/users", token("admin")).json.value("users").toArray().size();
        const ApiClient::Response r = m_api->post("/api/v1/users", body, token("admin"));
        QCOMPARE(r.status, status);
        QVERIFY(!r.json.value("message").toString().isEmpty());
        QCOMPARE(m_api->get("/api/v1/users", token("admin")).json.value("users").toArray().size(), before);
    }

    void adminChangesRoleAndPassword()
    {
        QVERIFY(m_api->post("/api/v1/users",
                            {{"id", "movable"}, {"name", "Movable"}, {"role", "street_operator"}, {"orgUnit", "street.gulou"},
                             {"password", "first-password"}},
                            token("admin")).status == 201);
        const QString t = m_api->login("movable", "first-password");
        QVERIFY(!t.isEmpty());
        const ApiClient::Response moved = m_api->put(
            "/api/v1/users/movable", {{"orgUnit", "street.tuodong"}, {"password", "second-password"}}, token("admin"));
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json.value("user").toObject().value("orgUnit").toString(), QStringLiteral("street.tuodong"));
        QCOMPARE(m_api->get("/api/v1/me", t).status, 401);  // the old session had the old rights
        QVERIFY(m_api->login("movable", "first-password").isEmpty());
        const QString t2 = m_api->login("movable", "second-password");
        QCOMPARE(m_api->get("/api/v1/cases/" + m_tuodongCase, t2).status, 200);
        QCOMPARE(m_api->put("/api/v1/users/admin", {{"active", false}}, token("admin")).status, 409);
    }

    // --- Audit ---

    void verifyEndpointChecksTheStoredChain()
    {
        ApiClient::Response r = m_api->get("/api/v1/cases/" + m_tuodongCase + "/verify", token("supervisor"));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.json.value("ok").toBool(), r.raw.constData());
        QCOMPARE(r.json.value("events").toInt(), 5);  // registered, numbered, analyzed, reviewed, whistled

        // Tamper with the stored payload behind the server's back: the chain check must notice.
        QSqlDatabase db = serverDatabase("tamper", m_dir.filePath("data/server.sqlite"), m_databaseUrl);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            // The stored wire form is what verification reads: change the analysis note in it.
            q.prepare("UPDATE events SET body = REPLACE(body, :from, :to) WHERE case_id = :c AND case_seq = 3");
            q.bindValue(":from", QStringLiteral("需要城管"));
            q.bindValue(":to", QStringLiteral("改过的意见"));
            q.bindValue(":c", m_tuodongCase);
            QVERIFY(q.exec());
            QCOMPARE(q.numRowsAffected(), 1);
        }
        r = m_api->get("/api/v1/cases/" + m_tuodongCase + "/verify", token("supervisor"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("ok").toBool(), false);
        QCOMPARE(r.json.value("chainOk").toBool(), false);
        QCOMPARE(r.json.value("chainIndex").toInt(), 2);
        QVERIFY(!r.json.value("chainMessage").toString().isEmpty());
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("tamper");
    }

    void serverStopsCleanlyOnSigterm()
    {
        ServerProcess extra;
        QTemporaryDir dir;
        QStringList args{"--cert", m_pki.certFile, "--key", m_pki.keyFile};
        QString err;
        if (!m_databaseUrl.isEmpty()) {
            const QString url = m_postgres.createDatabase("restart", &err);
            QVERIFY2(!url.isEmpty(), qPrintable(err));
            args << "--database" << url;
        }
        err = extra.start(dir.path(), args);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        // A restart keeps the accounts: the admin password is printed only on the very first start.
        extra.stop();
        QVERIFY(extra.output().contains("account \"admin\""));
        err = extra.start(dir.path(), args);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(!extra.output().contains("account \"admin\""));
        extra.stop();
    }

    void developmentCertificateIsMadeWhenNoneGiven()
    {
        if (!m_databaseUrl.isEmpty())
            QSKIP("Certificate handling does not depend on the database; covered by the SQLite run.");
        ServerProcess dev;
        QTemporaryDir dir;
        const QString err = dev.start(dir.path(), {});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(QFile::exists(dir.filePath("dev-cert.pem")));
        ApiClient trusting(dev.url(), dir.filePath("dev-cert.pem"));
        QCOMPARE(trusting.get("/api/v1/health").status, 200);
        ApiClient wrongCa(dev.url(), m_pki.otherCaFile);
        const ApiClient::Response refused = wrongCa.get("/api/v1/health");
        QCOMPARE(refused.status, 0);
        QVERIFY(!refused.networkError.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstServerApi)
#include "tst_serverapi.moc"

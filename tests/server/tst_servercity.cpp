// The city exchange wired into the district server, end to end: the real gridwhistle-server (--city-config) and the
// real city stand-in (tests/city/citystub), both over TLS on 127.0.0.1. Escalations reach the city exactly once across
// a failed attempt and a server restart; city-assigned cases are registered, numbered, pulled by a center client and
// run the workflow; every exchange milestone is on the case's audit trail, which stays valid; the admin endpoints.
#include "apiclient.h"
#include "auditchain.h"
#include "caseevent.h"
#include "caserecord.h"
#include "categorycatalog.h"
#include "casedraft.h"
#include "citystubprocess.h"
#include "eventbuilder.h"
#include "protocol/citycasestate.h"
#include "protocol/cityexchange.h"
#include "protocol/citymismatch.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "testpki.h"
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {
const QString CityKey = QStringLiteral("servercity-key");

User centerUser(const QString &id, Role role)
{
    return User{id, id, role, QStringLiteral("center.district"), true};
}
} // namespace

class TstServerCity : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    CityStubProcess m_stub;
    ServerProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminPassword;
    QHash<QString, QString> m_tokens;
    QString m_escalatedCase;  // from the first test, reused by reconciliation
    CaseEvent m_lastEscalation;

    QString token(const QString &user) const { return m_tokens.value(user); }

    QString startServer()
    {
        const QString err = m_server.start(m_dir.filePath("data"),
                                           {"--cert", m_pki.certFile, "--key", m_pki.keyFile, "--demo-users",
                                            "--city-config", m_dir.filePath("city.json")});
        if (!err.isEmpty())
            return err;
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        m_tokens.clear();
        if (!m_adminPassword.isEmpty())
            m_tokens["admin"] = m_api->login("admin", m_adminPassword);
        for (const char *u : {"dispatcher", "reviewer", "supervisor"})
            m_tokens[u] = m_api->login(u, DemoPassword);
        return {};
    }

    ApiClient::Response push(CaseEvent e, const QString &tok)
    {
        AuditChain::seal(e, 1, {});  // the server reseals at the case's place in its chain
        return m_api->post("/api/v1/events", {{"events", QJsonArray{e.toJson()}}}, tok);
    }

    // A damaged pavement in Tuodong (交通 / road_damage).
    static CaseDraft roadDamage(const QString &title)
    {
        CaseDraft d;
        d.title = title;
        d.description = QStringLiteral("北京路人行道破损，行人绊倒风险。");
        d.categoryId = QStringLiteral("traffic");
        d.subcategoryId = QStringLiteral("road_damage");
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("拓东街道北京路88号");
        return d;
    }

    // Registers `d` as the dispatcher and escalates it as the reviewer; returns its id (empty when refused).
    QString escalatedCase(const CaseDraft &d, const QString &reason = QStringLiteral("涉及市管道路"))
    {
        const CaseEvent reg =
            EventBuilder(centerUser("dispatcher", Role::CenterDispatcher), "test").registerCase(d);
        if (push(reg, token("dispatcher")).json.value("accepted").toInt() != 1)
            return {};
        const CaseEvent esc = EventBuilder(centerUser("reviewer", Role::CenterReviewer), "test")
                                  .make(EventType::Escalated, reg.caseId, {{"reason", reason}});
        m_lastEscalation = esc;
        const ApiClient::Response r = push(esc, token("reviewer"));
        if (r.json.value("accepted").toInt() != 1) {
            qWarning("escalation refused: %s", r.raw.constData());
            return {};
        }
        return reg.caseId;
    }

    // Writes `o` as the test folder's file `name`.
    bool writeJson(const QString &name, const QJsonObject &o)
    {
        QFile out(m_dir.filePath(name));
        return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(o).toJson()) > 0;
    }

    // The service code the city received for the case (empty when it received none).
    QString serviceCodeSentFor(const QString &caseId)
    {
        for (const QJsonValue &v : m_stub.state().value("requests").toArray())
            if (v.toObject().value("x_district_case_id").toString() == caseId)
                return v.toObject().value("service_code").toString();
        return {};
    }

    QJsonObject cityState(const QString &caseId)
    {
        return m_api->get("/api/v1/cases/" + caseId, token("dispatcher")).json.value("city").toObject();
    }

    int cityCopiesOf(const QString &caseId)
    {
        int n = 0;
        for (const QJsonValue &v : m_stub.state().value("requests").toArray())
            n += v.toObject().value("x_district_case_id").toString() == caseId ? 1 : 0;
        return n;
    }

    // Every event the reader may see (bounded walk over the pull pages).
    QList<CaseEvent> pullAll(const QString &tok)
    {
        return ApiClient::allEvents(
            [this, &tok](const QString &after) { return m_api->get("/api/v1/events?after=" + after + "&limit=5000", tok); }, 50);
    }

    QStringList bridgeComments(const QString &caseId)
    {
        QStringList out;
        for (const CaseEvent &e : pullAll(token("dispatcher")))
            if (e.caseId == caseId && e.type == EventType::Commented && e.actorId == QLatin1String("city.bridge"))
                out.append(e.payload.value("text").toString());
        return out;
    }

    // The admin list's entry for the case's message, once it carries an error.
    QJsonObject troubledMessageOf(const QString &caseId)
    {
        const ApiClient::Response r = m_api->get("/api/v1/admin/city/exchanges", token("admin"));
        for (const QJsonValue &v : r.json.value("messages").toArray())
            if (v.toObject().value("caseId").toString() == caseId && !v.toObject().value("lastError").toString().isEmpty())
                return v.toObject();
        return {};
    }

    bool chainValid(const QString &caseId)
    {
        const ApiClient::Response v = m_api->get("/api/v1/cases/" + caseId + "/verify", token("dispatcher"));
        if (!v.json.value("ok").toBool())
            qWarning("verify: %s", v.raw.constData());
        return v.json.value("ok").toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString err = m_pki.generate(m_dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY2(m_stub.start(m_dir.path(), CityKey, &err), qPrintable(err));
        // Short intervals for the test; pulls are triggered through the admin API.
        const QJsonObject city{{"baseUrl", m_stub.baseUrl().toString()},
                               {"apiKey", CityKey},
                               {"caFile", m_stub.caFile()},
                               {"timeoutMs", 2000},
                               {"backoffBaseMs", 1500},
                               {"backoffCapMs", 3000},
                               {"outboxIntervalMs", 200},
                               {"pullIntervalMs", 600000},
                               {"reconcileIntervalMs", 86400000}};
        QVERIFY(writeJson(QStringLiteral("city.json"), {{"city", city}}));
        err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QRegularExpressionMatch m =
            QRegularExpression("account \"admin\" with password (\\S+) ").match(m_server.output());
        QVERIFY2(m.hasMatch(), qPrintable(m_server.output()));
        m_adminPassword = m.captured(1);
        m_tokens["admin"] = adminWithOwnPassword(*m_api, &m_adminPassword);
        for (const char *u : {"admin", "dispatcher", "reviewer", "supervisor"})
            QVERIFY2(!token(u).isEmpty(), u);
        QVERIFY2(m_server.output().contains("city.bridge"), qPrintable(m_server.output()));
    }

    void init()
    {
        m_stub.control({{"failNext", 0}, {"hangNext", 0}, {"malformedNext", 0}, {"failStatus", 500},
                        {"afterStore", false}, {"mismatchStatus", ""}, {"delayMs", 0}});
    }

    void escalationReachesTheCityOnceAcrossAFailureAndARestart()
    {
        // The city stores the first attempt but its answer is lost (500); the server restarts before the retry.
        m_stub.control({{"failNext", 1}, {"afterStore", true}});
        const QString caseId = escalatedCase(roadDamage(QStringLiteral("人行道破损-上报")));
        QVERIFY(!caseId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(cityState(caseId).value("attempts").toInt() >= 1
                                     && !cityState(caseId).value("reason").toString().isEmpty(),
                                 10000);
        QCOMPARE(cityState(caseId).value("state").toString(), QStringLiteral("pending"));

        m_server.stop();
        const QString err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(!token("dispatcher").isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(cityState(caseId).value("state").toString(), QStringLiteral("acknowledged"), 15000);
        QCOMPARE(cityCopiesOf(caseId), 1);
        QVERIFY(!cityState(caseId).value("cityRequestId").toString().isEmpty());
        // The case detail reads as the client reads it (CityCaseState, the type the server wrote it with).
        CityCaseState state;
        Message why;
        QVERIFY2(CityCaseState::fromCaseDetail(m_api->get("/api/v1/cases/" + caseId, token("dispatcher")).json, &state, &why),
                 qPrintable(why));
        QCOMPARE(state.state, CityCaseState::State::Acknowledged);
        QCOMPARE(state.origin, CityCaseState::Origin::Escalated);
        // A client replaying the escalation (its answer lost) changes nothing on the city side.
        const ApiClient::Response replay = push(m_lastEscalation, token("reviewer"));
        QCOMPARE(replay.json.value("duplicates").toInt(), 1);
        QTest::qWait(500);
        QCOMPARE(cityState(caseId).value("state").toString(), QStringLiteral("acknowledged"));
        QCOMPARE(cityCopiesOf(caseId), 1);

        // The exchange milestones are on the case's audit trail, which stays valid.
        QTRY_VERIFY_WITH_TIMEOUT(bridgeComments(caseId).size() >= 2, 10000);
        QVERIFY(chainValid(caseId));
        m_escalatedCase = caseId;
    }

    void cityAssignedCaseIsRegisteredAndRunsTheWorkflow()
    {
        const QString goodId = m_stub.assign({{"service_code", "SR-0401"},
                                              {"x_title", "雨水篦子堵塞"},
                                              {"description", "鼓楼街道环城北路雨水篦子堵塞，降雨时积水。"},
                                              {"address", "鼓楼街道环城北路215号"},
                                              {"lat", 25.06},
                                              {"long", 102.71},
                                              {"x_area_code", "530103002"},
                                              {"x_priority", "high"},
                                              {"x_deadline", "2030-12-02T18:00:00+08:00"},
                                              {"x_city_state", "assigned"}})
                                   .value("service_request_id").toString();
        const QString badId = m_stub.assign({{"service_code", "SR-0401"},
                                             {"description", "区外地址"},
                                             {"address", "五华区某路"},
                                             {"x_area_code", "530102001"}})
                                  .value("service_request_id").toString();
        QVERIFY(!goodId.isEmpty() && !badId.isEmpty());

        const ApiClient::Response pulled = m_api->post("/api/v1/admin/city/pull", {}, token("admin"));
        QVERIFY2(pulled.status == 200, pulled.raw.constData());
        QVERIFY(pulled.json.value("received").toInt() >= 1);

        // A center client finds it through the normal sync pull: registered by city.bridge and numbered.
        QString caseId;
        bool numbered = false;
        const QList<CaseEvent> events = pullAll(token("dispatcher"));
        for (const CaseEvent &e : events)
            if (e.type == EventType::Registered && e.actorId == QLatin1String("city.bridge")
                && cityState(e.caseId).value("cityRequestId").toString() == goodId)
                caseId = e.caseId;
        QVERIFY(!caseId.isEmpty());
        for (const CaseEvent &e : events)
            numbered = numbered || (e.caseId == caseId && e.type == EventType::Numbered);
        QVERIFY(numbered);
        const CaseRecord record =
            CaseRecord::fromJson(m_api->get("/api/v1/cases/" + caseId, token("dispatcher")).json.value("case").toObject());
        QVERIFY(!record.number.isEmpty());
        QCOMPARE(record.status, CaseStatus::Registered);
        QCOMPARE(record.streetId, QStringLiteral("street.gulou"));

        // The workflow runs on it.
        const ApiClient::Response analyzed =
            push(EventBuilder(centerUser("dispatcher", Role::CenterDispatcher), "test")
                     .make(EventType::Analyzed, caseId, {{"decision", "whistle"}, {"note", "市级交办，转审核"}}),
                 token("dispatcher"));
        QVERIFY2(analyzed.json.value("accepted").toInt() == 1, analyzed.raw.constData());
        const ApiClient::Response reviewed =
            push(EventBuilder(centerUser("reviewer", Role::CenterReviewer), "test")
                     .make(EventType::Reviewed, caseId, {{"decision", "approve"}, {"reason", ""}}),
                 token("reviewer"));
        QVERIFY2(reviewed.json.value("accepted").toInt() == 1, reviewed.raw.constData());

        // The intake comment names the city request and its deadline; the trail stays valid.
        QTRY_VERIFY_WITH_TIMEOUT(bridgeComments(caseId).join('\n').contains(goodId), 10000);
        QVERIFY(chainValid(caseId));

        // The out-of-district request is listed for the administrator, with its reason.
        bool listed = false;
        const QJsonObject exchanges = m_api->get("/api/v1/admin/city/exchanges", token("admin")).json;
        for (const QJsonValue &v : exchanges.value("rejectedIntakes").toArray())
            listed = listed || (v.toObject().value("cityRequestId").toString() == badId
                                && !v.toObject().value("reason").toString().isEmpty());
        QVERIFY2(listed, QJsonDocument(exchanges).toJson().constData());
        CityExchangeList list;
        Message why;
        QVERIFY2(CityExchangeList::fromJson(exchanges, &list, &why), qPrintable(why));
        bool refused = false;
        for (const CityExchange &e : std::as_const(list.exchanges))
            refused = refused || (e.direction == CityExchange::Direction::Down && e.cityRequestId == badId
                                  && e.state == CityExchange::State::Rejected && !e.canRetry());
        QVERIFY(refused);
    }

    void adminCityEndpointsAreAdminOnly()
    {
        const QString someId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        for (const char *u : {"dispatcher", "reviewer", "supervisor"}) {
            QCOMPARE(m_api->get("/api/v1/admin/city/exchanges", token(u)).status, 403);
            QCOMPARE(m_api->post("/api/v1/admin/city/exchanges/" + someId + "/retry", {}, token(u)).status, 403);
            QCOMPARE(m_api->post("/api/v1/admin/city/pull", {}, token(u)).status, 403);
            QCOMPARE(m_api->post("/api/v1/admin/city/reconcile", {}, token(u)).status, 403);
        }
        QCOMPARE(m_api->get("/api/v1/admin/city/exchanges").status, 401);
        QCOMPARE(m_api->get("/api/v1/admin/city/exchanges", token("admin")).status, 200);
        QCOMPARE(m_api->post("/api/v1/admin/city/exchanges/" + someId + "/retry", {}, token("admin")).status, 404);
    }

    void malformedAnswerIsListedWithItsReasonAndRetried()
    {
        m_stub.control({{"malformedNext", 1000}});
        const QString caseId = escalatedCase(roadDamage(QStringLiteral("人行道破损-格式错误")));
        QVERIFY(!caseId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!troubledMessageOf(caseId).isEmpty(), 10000);
        const QJsonObject message = troubledMessageOf(caseId);
        QVERIFY2(message.value("state").toString() == "pending" || message.value("state").toString() == "failed",
                 QJsonDocument(message).toJson().constData());
        CityExchange exchange;
        Message why;
        QVERIFY2(CityExchange::fromJson(message, &exchange, &why), qPrintable(why));
        QVERIFY(exchange.canRetry());
        QVERIFY(!cityState(caseId).value("reason").toString().isEmpty());

        m_stub.control({{"malformedNext", 0}});
        const ApiClient::Response retried = m_api->post(
            "/api/v1/admin/city/exchanges/" + message.value("id").toString() + "/retry", {}, token("admin"));
        QVERIFY2(retried.status == 200, retried.raw.constData());
        QTRY_COMPARE_WITH_TIMEOUT(cityState(caseId).value("state").toString(), QStringLiteral("acknowledged"), 15000);
        QCOMPARE(cityCopiesOf(caseId), 1);
        QVERIFY(chainValid(caseId));
    }

    void reconciliationReportsAPlantedMismatch()
    {
        QVERIFY(!m_escalatedCase.isEmpty());
        const QString cityId = cityState(m_escalatedCase).value("cityRequestId").toString();
        QVERIFY(!cityId.isEmpty());
        m_stub.plant(cityId, {{"status", "closed"}, {"x_district_status", "closed"}});
        const ApiClient::Response r = m_api->post("/api/v1/admin/city/reconcile", {}, token("admin"));
        QVERIFY2(r.status == 200, r.raw.constData());
        bool found = false;
        for (const QJsonValue &v : r.json.value("mismatches").toArray())
            found = found || (v.toObject().value("caseId").toString() == m_escalatedCase
                              && v.toObject().value("kind").toString() == QLatin1String("status_differs"));
        QVERIFY2(found, r.raw.constData());
        // Every difference reads as the admin view reads it.
        for (const QJsonValue &v : r.json.value("mismatches").toArray()) {
            CityMismatch m;
            Message why;
            QVERIFY2(CityMismatch::fromJson(v.toObject(), &m, &why), qPrintable(why));
        }
    }

    // Issue 16: the city mapping is checked against the district's reference data as served. A category an
    // administrator adds is named as not mapped in the admin view, its cases still reach the city (under the fallback
    // code), and the server starts again with it (the shipped mapping used to be refused then, stopping the server).
    void categoryAddedByTheAdministratorReachesTheCity()
    {
        Category added = *CategoryCatalog::builtin().find(QStringLiteral("city_appearance"));
        added.id = QStringLiteral("elevator_safety");
        added.name = QStringLiteral("电梯安全");
        added.subcategories.clear();
        QCOMPARE(m_api->put("/api/v1/reference/categories/elevator_safety", added.toJson(), token("admin")).status, 200);
        const ApiClient::Response list = m_api->get("/api/v1/admin/city/exchanges", token("admin"));
        CityExchangeList exchanges;
        Message why;
        QVERIFY2(CityExchangeList::fromJson(list.json, &exchanges, &why), qPrintable(why));
        QCOMPARE(exchanges.mappingGaps.size(), 1);
        QVERIFY2(exchanges.mappingGaps.first().english().contains(QStringLiteral("电梯安全 (elevator_safety)")),
                 qPrintable(exchanges.mappingGaps.first().english()));
        QVERIFY(exchanges.mappingGaps.first().english().contains(QStringLiteral("SR-9901")));

        CaseDraft d;
        d.title = QStringLiteral("小区电梯困人");
        d.description = QStringLiteral("金星小区 3 栋电梯频繁停运，需要市场监管部门介入。");
        d.categoryId = added.id;
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("拓东街道金星小区 3 栋");
        const QString caseId = escalatedCase(d, QStringLiteral("涉及特种设备"));
        QVERIFY(!caseId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(cityCopiesOf(caseId), 1, 15000);
        QCOMPARE(serviceCodeSentFor(caseId), QStringLiteral("SR-9901"));

        m_server.stop();
        const QString err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY2(m_server.output().contains(QStringLiteral("Categories without a city service code")), qPrintable(m_server.output()));
    }

    // An escalation of a category without a city code, under a mapping without a fallback, cannot be queued. Once the
    // mapping names a code and the server starts again it goes out, once, and the start log says so.
    void unsentEscalationGoesOnceTheMappingNamesItsCode()
    {
        QFile shipped(qEnvironmentVariable("GW_SOURCE_DIR") + QStringLiteral("/resources/city/mapping.default.json"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QJsonObject mapping = QJsonDocument::fromJson(shipped.readAll()).object();
        mapping.remove(QStringLiteral("unmappedServiceCode"));
        QVERIFY(writeJson(QStringLiteral("mapping.json"), mapping));
        QFile configFile(m_dir.filePath("city.json"));
        QVERIFY(configFile.open(QIODevice::ReadOnly));
        QJsonObject city = QJsonDocument::fromJson(configFile.readAll()).object().value("city").toObject();
        configFile.close();
        city.insert(QStringLiteral("mappingFile"), QStringLiteral("mapping.json"));
        QVERIFY(writeJson(QStringLiteral("city.json"), {{"city", city}}));
        m_server.stop();
        QString err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));

        CaseDraft d;
        d.title = QStringLiteral("电梯停运无人处理");
        d.description = QStringLiteral("金星小区 5 栋电梯停运一周，物业未维修。");
        d.categoryId = QStringLiteral("elevator_safety");  // added by the administrator, not mapped
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("拓东街道金星小区 5 栋");
        const QString caseId = escalatedCase(d, QStringLiteral("涉及特种设备"));
        QVERIFY(!caseId.isEmpty());
        QTest::qWait(1000);
        QCOMPARE(cityCopiesOf(caseId), 0);

        m_server.stop();
        err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY2(m_server.output().contains(QStringLiteral("escalated case(s) cannot be sent")) ||
                     m_server.output().contains(QStringLiteral("escalated case cannot be sent")),
                 qPrintable(m_server.output()));
        QCOMPARE(cityCopiesOf(caseId), 0);

        QJsonArray categories = mapping.value("categories").toArray();
        categories.append(QJsonObject{{"category", "elevator_safety"}, {"serviceCode", "SR-1501"}});
        mapping.insert(QStringLiteral("categories"), categories);
        QVERIFY(writeJson(QStringLiteral("mapping.json"), mapping));
        m_server.stop();
        err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY2(m_server.output().contains(QStringLiteral("stored earlier but never sent are queued now")),
                 qPrintable(m_server.output()));
        QTRY_COMPARE_WITH_TIMEOUT(cityCopiesOf(caseId), 1, 15000);
        QCOMPARE(serviceCodeSentFor(caseId), QStringLiteral("SR-1501"));

        // Queued once: the next start has nothing to queue.
        m_server.stop();
        err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(!m_server.output().contains(QStringLiteral("never sent are queued now")));
        QTest::qWait(500);
        QCOMPARE(cityCopiesOf(caseId), 1);
    }

    void badCityConfigurationStopsTheServerWithAReason()
    {
        QVERIFY(writeJson(QStringLiteral("bad-city.json"),
                          {{"baseUrl", "https://127.0.0.1:1/open311/v2/"}, {"apiKey", "k"}, {"retryForever", true}}));
        ServerProcess other;
        const QString err = other.start(m_dir.filePath("data-bad"), {"--cert", m_pki.certFile, "--key", m_pki.keyFile,
                                                                     "--city-config", m_dir.filePath("bad-city.json")});
        QVERIFY2(err.contains("retryForever"), qPrintable(err));
        QVERIFY(!other.isRunning());
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_stub.stop();
    }
};

QTEST_GUILESS_MAIN(TstServerCity)
#include "tst_servercity.moc"

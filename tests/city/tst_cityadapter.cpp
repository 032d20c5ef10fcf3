// The city adapter against the loopback city stand-in (real citystub process, TLS on 127.0.0.1) with its outbox in a
// real SQLite file: exactly-once escalation across retries and restarts, faults kept with their reason, city-assigned
// cases entering the workflow, and reconciliation.
#include "cityadapter.h"
#include "citystubprocess.h"
#include "eventbuilder.h"
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace gw;

namespace {

const QString ApiKey = QStringLiteral("test-city-key");
const int BackoffMs = 300;

User centerUser(const QString &id, Role role)
{
    return User{id, id, role, QStringLiteral("center.district"), true};
}

} // namespace

class TestCityAdapter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CityStubProcess m_stub;
    QList<CityExchangeReport> m_exchanges;
    Workflow m_workflow;

    std::unique_ptr<CityAdapter> makeAdapter(const QString &connection, const QString &apiKey = ApiKey,
                                             const CityMapping &mapping = CityMapping::builtin())
    {
        if (!QSqlDatabase::contains(connection)) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(m_dir.filePath(connection + QStringLiteral(".sqlite")));
            if (!db.open())
                return nullptr;
        }
        CityConfig config;
        config.baseUrl = m_stub.baseUrl();
        config.apiKey = apiKey;
        config.caFile = m_stub.caFile();
        config.timeoutMs = 1500;
        config.backoffBaseMs = BackoffMs;
        config.backoffCapMs = 4 * BackoffMs;
        auto adapter = std::make_unique<CityAdapter>(config, mapping, QSqlDatabase::database(connection));
        const Result r = adapter->open();
        if (!r.ok) {
            qWarning("adapter did not open: %s", qPrintable(r.message));
            return nullptr;
        }
        connect(adapter.get(), &CityAdapter::exchangeRecorded, this,
                [this](const CityExchangeReport &e) { m_exchanges.append(e); });
        return adapter;
    }

    static void closeDatabase(const QString &connection)
    {
        {
            QSqlDatabase db = QSqlDatabase::database(connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }

    // One outbox round, waited for (bounded).
    static bool runRound(CityAdapter &adapter, int *acknowledged = nullptr)
    {
        QSignalSpy spy(&adapter, &CityAdapter::outboxProcessed);
        adapter.processOutbox();
        if (spy.isEmpty() && !spy.wait(10000))
            return false;
        if (acknowledged)
            *acknowledged = spy.first().at(0).toInt();
        return true;
    }

    bool step(CaseRecord &record, const User &actor, EventType type, const QJsonObject &payload)
    {
        CaseEvent e = EventBuilder(actor, QStringLiteral("test")).make(type, record.id, payload);
        e.caseSeq = record.eventCount + 1;
        const Result r = m_workflow.check(&record, e);
        if (!r.ok) {
            qWarning("%s refused: %s", qPrintable(eventTypeToString(type)), qPrintable(r.message));
            return false;
        }
        m_workflow.apply(record, e);
        return true;
    }

    CaseRecord escalatedCase(const QString &title)
    {
        CaseDraft d;
        d.title = title;
        d.description = QStringLiteral("北京路人行道破损，行人绊倒风险。");
        d.categoryId = QStringLiteral("traffic");
        d.subcategoryId = QStringLiteral("road_damage");
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("拓东街道北京路88号");
        CaseEvent e = EventBuilder(centerUser("disp1", Role::CenterDispatcher), QStringLiteral("test")).registerCase(d);
        e.caseSeq = 1;
        CaseRecord c;
        if (!m_workflow.check(nullptr, e).ok)
            return c;
        m_workflow.apply(c, e);
        c.number = QStringLiteral("PL-2026-%1").arg(qHash(c.id) % 1000000, 6, 10, QLatin1Char('0'));
        step(c, centerUser("rev1", Role::CenterReviewer), EventType::Escalated,
             {{"reason", QStringLiteral("涉及市管道路，需市级协调")}});
        return c;
    }

    // Requests the city stores for one of our cases (x_district_case_id).
    int cityCopiesOf(const QString &caseId)
    {
        int n = 0;
        for (const QJsonValue &v : m_stub.state().value("requests").toArray())
            n += v.toObject().value("x_district_case_id").toString() == caseId ? 1 : 0;
        return n;
    }
    QJsonObject cityRequest(const QString &serviceRequestId)
    {
        for (const QJsonValue &v : m_stub.state().value("requests").toArray())
            if (v.toObject().value("service_request_id").toString() == serviceRequestId)
                return v.toObject();
        return {};
    }
    bool exchanged(const QString &caseId, const QString &kind, const QString &outcome) const
    {
        for (const CityExchangeReport &e : m_exchanges)
            if (e.caseId == caseId && e.kind == kind && e.outcome == outcome)
                return true;
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_stub.start(m_dir.path(), ApiKey, &error), qPrintable(error));
    }

    void init()
    {
        m_stub.control({{"failNext", 0}, {"hangNext", 0}, {"malformedNext", 0}, {"failStatus", 500},
                        {"afterStore", false}, {"mismatchStatus", ""}, {"delayMs", 0}});
    }

    void escalationReachesTheCityExactlyOnce()
    {
        // The city takes the first attempt but its answer is lost (500), the second hangs and the server restarts
        // while waiting: three POSTs, one request on the city side.
        m_stub.control({{"failNext", 1}, {"hangNext", 1}, {"afterStore", true}});
        const QJsonObject before = m_stub.state();
        CaseRecord c = escalatedCase(QStringLiteral("人行道破损"));
        QVERIFY(c.escalated);

        auto adapter = makeAdapter(QStringLiteral("once"));
        QVERIFY(adapter);
        QSignalSpy rounds(adapter.get(), &CityAdapter::outboxProcessed);
        QVERIFY(adapter->enqueueEscalation(c).ok);
        QVERIFY(adapter->enqueueEscalation(c).ok);  // the server may call twice (e.g. after its own restart)
        QCOMPARE(adapter->outbox().messagesOf(c.id).size(), 1);
        QVERIFY(exchanged(c.id, "escalation", "queued"));
        QVERIFY(rounds.wait(10000));  // started by the enqueue itself

        CityOutboxMessage m = adapter->outbox().messagesOf(c.id).value(0);
        QCOMPARE(m.state, CityOutboxMessage::State::Pending);
        QCOMPARE(m.attempts, 1);
        QCOMPARE(m.httpStatus, 500);
        QVERIFY2(m.lastError.text().contains("500"), qPrintable(m.lastError));
        QCOMPARE(adapter->syncState(c.id).state, CityCaseState::State::Pending);
        QVERIFY(exchanged(c.id, "escalation", "retrying"));

        QTest::qWait(BackoffMs + 100);
        adapter->processOutbox();  // second attempt: the city stores (duplicate) and never answers
        QCOMPARE(adapter->outbox().messagesOf(c.id).value(0).state, CityOutboxMessage::State::Sent);
        QCOMPARE(adapter->syncState(c.id).state, CityCaseState::State::Sent);
        QTRY_VERIFY_WITH_TIMEOUT(m_stub.state().value("hung").toInt() > before.value("hung").toInt(), 5000);

        // Restart mid-request: the adapter goes away, the outbox is reopened from the same file.
        adapter.reset();
        closeDatabase(QStringLiteral("once"));
        adapter = makeAdapter(QStringLiteral("once"));
        QVERIFY(adapter);
        m = adapter->outbox().messagesOf(c.id).value(0);
        QCOMPARE(m.state, CityOutboxMessage::State::Pending);
        QVERIFY2(m.lastError.text().contains("Interrupted"), qPrintable(m.lastError));
        int acknowledged = 0;
        QVERIFY(runRound(*adapter, &acknowledged));
        QCOMPARE(acknowledged, 1);

        m = adapter->outbox().messagesOf(c.id).value(0);
        QCOMPARE(m.state, CityOutboxMessage::State::Acknowledged);
        QCOMPARE(m.attempts, 3);
        const CityCaseState s = adapter->syncState(c.id);
        QCOMPARE(s.state, CityCaseState::State::Acknowledged);
        QVERIFY(!s.cityRequestId.isEmpty());
        QCOMPARE(s.cityRequestId, m.cityRequestId);
        QVERIFY(exchanged(c.id, "escalation", "acknowledged"));

        const QJsonObject after = m_stub.state();
        QCOMPARE(cityCopiesOf(c.id), 1);
        QCOMPARE(after.value("posts").toInt() - before.value("posts").toInt(), 3);
        QCOMPARE(after.value("duplicates").toInt() - before.value("duplicates").toInt(), 2);
        const QJsonObject stored = cityRequest(s.cityRequestId);
        QCOMPARE(stored.value("service_code").toString(), QStringLiteral("SR-0502"));
        QCOMPARE(stored.value("x_case_number").toString(), c.number);

        // Status updates: only when what the city sees changes; registered → analyzed is "accepted" both times.
        QVERIFY(step(c, centerUser("disp1", Role::CenterDispatcher), EventType::Analyzed,
                     {{"decision", "whistle"}, {"note", ""}}));
        bool enqueued = true;
        QVERIFY(adapter->enqueueStatusUpdate(c, &enqueued).ok);
        QVERIFY(!enqueued);
        QVERIFY(step(c, centerUser("rev1", Role::CenterReviewer), EventType::Reviewed,
                     {{"decision", "approve"}, {"reason", ""}}));
        QSignalSpy updateRound(adapter.get(), &CityAdapter::outboxProcessed);
        QVERIFY(adapter->enqueueStatusUpdate(c, &enqueued).ok);
        QVERIFY(enqueued);
        QVERIFY(adapter->enqueueStatusUpdate(c, &enqueued).ok);
        QVERIFY(!enqueued);
        QVERIFY(updateRound.wait(10000));
        QCOMPARE(cityRequest(s.cityRequestId).value("x_district_status").toString(), QStringLiteral("dispatched"));
        int updates = 0;
        for (const QJsonValue &v : m_stub.state().value("updates").toArray())
            updates += v.toObject().value("service_request_id").toString() == s.cityRequestId ? 1 : 0;
        QCOMPARE(updates, 1);

        // What the server writes on the case's trail is a comment the intake user may add.
        for (const CityExchangeReport &e : m_exchanges) {
            if (e.caseId != c.id || !e.milestone)
                continue;
            CaseEvent comment = EventBuilder(adapter->config().intakeUser, "city-adapter")
                                    .make(EventType::Commented, c.id, {{"text", e.auditText()}});
            const Result r = m_workflow.check(&c, comment);
            QVERIFY2(r.ok, qPrintable(r.message));
        }
        adapter.reset();
        closeDatabase(QStringLiteral("once"));
    }

    void updatesKeepTheirOrderPerCase()
    {
        CaseRecord c = escalatedCase(QStringLiteral("顺序"));
        auto adapter = makeAdapter(QStringLiteral("order"));
        QVERIFY(adapter);
        QVERIFY(adapter->enqueueEscalation(c).ok);
        QTRY_COMPARE_WITH_TIMEOUT(adapter->syncState(c.id).state, CityCaseState::State::Acknowledged, 10000);
        const QString cityId = adapter->syncState(c.id).cityRequestId;
        auto updatesOnCity = [&] {
            QStringList states;
            for (const QJsonValue &v : m_stub.state().value("updates").toArray())
                if (v.toObject().value("service_request_id").toString() == cityId)
                    states.append(v.toObject().value("x_district_status").toString());
            return states;
        };

        // First update fails (500); the second must not overtake it.
        m_stub.control({{"failNext", 1}});
        const User dispatcher = centerUser("disp1", Role::CenterDispatcher);
        QVERIFY(step(c, dispatcher, EventType::Analyzed, {{"decision", "whistle"}, {"note", ""}}));
        QVERIFY(step(c, centerUser("rev1", Role::CenterReviewer), EventType::Reviewed, {{"decision", "approve"}, {"reason", ""}}));
        QSignalSpy rounds(adapter.get(), &CityAdapter::outboxProcessed);
        QVERIFY(adapter->enqueueStatusUpdate(c).ok);
        QVERIFY(rounds.wait(10000));
        CaseEvent w = EventBuilder(dispatcher, "test").whistle(c, "dept.jiaoyun", {});
        w.caseSeq = c.eventCount + 1;
        QVERIFY(m_workflow.check(&c, w).ok);
        m_workflow.apply(c, w);
        const User handler{"h1", "h1", Role::DepartmentHandler, "dept.jiaoyun", true};
        QVERIFY(step(c, handler, EventType::CheckedIn, {{"department", "dept.jiaoyun"}}));
        QCOMPARE(c.status, CaseStatus::Handling);
        rounds.clear();
        bool enqueued = false;
        QVERIFY(adapter->enqueueStatusUpdate(c, &enqueued).ok);
        QVERIFY(enqueued);
        QVERIFY(rounds.wait(10000));
        QVERIFY(updatesOnCity().isEmpty());  // the newer update waited behind the failed one

        QTest::qWait(BackoffMs + 100);
        QVERIFY(runRound(*adapter));
        QCOMPARE(updatesOnCity(), (QStringList{"dispatched", "in_progress"}));
        QCOMPARE(cityRequest(cityId).value("x_district_status").toString(), QStringLiteral("in_progress"));
        QCOMPARE(adapter->syncState(c.id).state, CityCaseState::State::Acknowledged);
        adapter.reset();
        closeDatabase(QStringLiteral("order"));
    }

    void faultsKeepTheMessageWithItsReason_data()
    {
        QTest::addColumn<QJsonObject>("fault");
        QTest::addColumn<QString>("reason");
        QTest::newRow("5xx") << QJsonObject{{"failNext", 1}, {"failStatus", 503}} << "HTTP 503";
        QTest::newRow("timeout") << QJsonObject{{"hangNext", 1}} << "No answer from the city";
        QTest::newRow("malformed JSON") << QJsonObject{{"malformedNext", 1}} << "malformed JSON";
        QTest::newRow("slow answer") << QJsonObject{{"delayMs", 2500}} << "No answer from the city";
    }
    void faultsKeepTheMessageWithItsReason()
    {
        QFETCH(QJsonObject, fault);
        QFETCH(QString, reason);
        const QString connection = QStringLiteral("fault_%1").arg(QString::fromLatin1(QTest::currentDataTag()).remove(' '));
        m_stub.control(fault);
        CaseRecord c = escalatedCase(QStringLiteral("故障注入 %1").arg(QTest::currentDataTag()));
        auto adapter = makeAdapter(connection);
        QVERIFY(adapter);
        QSignalSpy rounds(adapter.get(), &CityAdapter::outboxProcessed);
        QVERIFY(adapter->enqueueEscalation(c).ok);
        QVERIFY(rounds.wait(10000));

        auto check = [&](CityAdapter &a) {
            const QList<CityOutboxMessage> messages = a.outbox().messagesOf(c.id);
            QCOMPARE(messages.size(), 1);
            QCOMPARE(messages.first().state, CityOutboxMessage::State::Pending);
            QCOMPARE(messages.first().attempts, 1);
            QVERIFY2(messages.first().lastError.text().contains(reason), qPrintable(messages.first().lastError));
            const CityCaseState s = a.syncState(c.id);
            QCOMPARE(s.state, CityCaseState::State::Pending);
            QVERIFY2(s.reason.text().contains(reason) && s.displayText().text().contains(reason), qPrintable(s.displayText()));
            bool listed = false;
            for (const CityOutboxMessage &t : a.troubledMessages())
                listed = listed || t.id == messages.first().id;
            QVERIFY(listed);  // the admin view lists it
        };
        check(*adapter);
        QVERIFY(exchanged(c.id, "escalation", "retrying"));
        // Still there, with its reason, after a restart.
        adapter.reset();
        closeDatabase(connection);
        adapter = makeAdapter(connection);
        QVERIFY(adapter);
        check(*adapter);

        // And it goes through once the city behaves.
        m_stub.control({{"delayMs", 0}});
        QTest::qWait(BackoffMs + 100);
        int acknowledged = 0;
        QVERIFY(runRound(*adapter, &acknowledged));
        QCOMPARE(acknowledged, 1);
        QCOMPARE(adapter->syncState(c.id).state, CityCaseState::State::Acknowledged);
        QCOMPARE(cityCopiesOf(c.id), 1);
        adapter.reset();
        closeDatabase(connection);
    }

    void refusedMessageFailsUntilRetried()
    {
        m_stub.control({{"failNext", 1}, {"failStatus", 422}});
        CaseRecord c = escalatedCase(QStringLiteral("被拒绝的上报"));
        auto adapter = makeAdapter(QStringLiteral("refused"));
        QVERIFY(adapter);
        QSignalSpy rounds(adapter.get(), &CityAdapter::outboxProcessed);
        QVERIFY(adapter->enqueueEscalation(c).ok);
        QVERIFY(rounds.wait(10000));
        CityOutboxMessage m = adapter->outbox().messagesOf(c.id).value(0);
        QCOMPARE(m.state, CityOutboxMessage::State::Failed);
        QVERIFY2(m.lastError.text().contains("422") && m.lastError.text().contains("injected failure"), qPrintable(m.lastError));
        CityCaseState s = adapter->syncState(c.id);
        QCOMPARE(s.state, CityCaseState::State::Failed);
        QVERIFY(exchanged(c.id, "escalation", "failed"));

        // A refusal is not retried by itself...
        QTest::qWait(BackoffMs + 100);
        QVERIFY(runRound(*adapter));
        QCOMPARE(adapter->outbox().messagesOf(c.id).value(0).state, CityOutboxMessage::State::Failed);
        QCOMPARE(cityCopiesOf(c.id), 0);
        // ... only by an administrator.
        QSignalSpy retried(adapter.get(), &CityAdapter::outboxProcessed);
        QVERIFY(adapter->retryMessage(m.id).ok);
        QVERIFY(retried.wait(10000));
        QCOMPARE(adapter->syncState(c.id).state, CityCaseState::State::Acknowledged);
        QCOMPARE(cityCopiesOf(c.id), 1);
        QVERIFY(!adapter->retryMessage(m.id).ok);  // nothing left to retry
        adapter.reset();
        closeDatabase(QStringLiteral("refused"));
    }

    void wrongApiKeyIsRefusedWithReason()
    {
        CaseRecord c = escalatedCase(QStringLiteral("密钥错误"));
        auto adapter = makeAdapter(QStringLiteral("badkey"), QStringLiteral("not-the-key"));
        QVERIFY(adapter);
        QSignalSpy rounds(adapter.get(), &CityAdapter::outboxProcessed);
        QVERIFY(adapter->enqueueEscalation(c).ok);
        QVERIFY(rounds.wait(10000));
        const CityCaseState s = adapter->syncState(c.id);
        QCOMPARE(s.state, CityCaseState::State::Failed);
        QVERIFY2(s.reason.text().contains("401") && s.reason.text().contains("API key"), qPrintable(s.reason));
        QCOMPARE(cityCopiesOf(c.id), 0);
        adapter.reset();
        closeDatabase(QStringLiteral("badkey"));
    }

    void cityAssignedCaseEntersTheWorkflow()
    {
        const QJsonObject good = m_stub.assign({{"service_code", "SR-0401"},
                                                {"x_title", "雨水篦子堵塞"},
                                                {"description", "鼓楼街道环城北路雨水篦子堵塞，降雨时积水。"},
                                                {"address", "鼓楼街道环城北路215号"},
                                                {"lat", 25.06},
                                                {"long", 102.71},
                                                {"x_area_code", "530103002"},
                                                {"x_priority", "high"},
                                                {"x_deadline", "2026-12-02T18:00:00+08:00"},
                                                {"x_city_state", "assigned"}});
        const QJsonObject bad = m_stub.assign({{"service_code", "SR-0401"},
                                               {"description", "区外地址"},
                                               {"address", "五华区某路"},
                                               {"x_area_code", "530102001"}});
        const QString goodId = good.value("service_request_id").toString();
        const QString badId = bad.value("service_request_id").toString();
        QVERIFY(!goodId.isEmpty() && !badId.isEmpty());

        auto adapter = makeAdapter(QStringLiteral("assigned"));
        QVERIFY(adapter);
        QList<CityAssignedCase> received;
        int finished = 0, rejected = -1;
        connect(adapter.get(), &CityAdapter::assignedCasesReceived, this,
                [&](const QList<CityAssignedCase> &cases) { received = cases; });
        Result pulled;
        connect(adapter.get(), &CityAdapter::pullFinished, this, [&](const Result &r, int, int rej) {
            pulled = r;
            rejected = rej;
            ++finished;
        });
        adapter->pullAssignedCases();
        QTRY_COMPARE_WITH_TIMEOUT(finished, 1, 10000);
        QVERIFY2(pulled.ok, qPrintable(pulled.message));
        QVERIFY(rejected >= 1);
        const CityAssignedCase *a = nullptr;
        for (const CityAssignedCase &x : received)
            if (x.cityRequestId == goodId)
                a = &x;
        QVERIFY(a);
        QVERIFY(!a->alreadyRegistered);
        QCOMPARE(a->draft.streetId, QStringLiteral("street.gulou"));
        QCOMPARE(a->draft.categoryId, QStringLiteral("water"));
        QCOMPARE(a->draft.urgency, Urgency::Urgent);
        QCOMPARE(a->deadline, QDateTime(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC));
        QVERIFY(exchanged(a->caseId, "assigned_case", "received"));
        bool badListed = false;
        for (const auto &r : adapter->outbox().rejectedIntakes())
            badListed = badListed || (r.first == badId && r.second.text().contains("530102001"));
        QVERIFY(badListed);

        // The server registers it as the intake user (a center dispatcher) and the normal workflow runs.
        CaseEvent reg = adapter->registrationEvent(*a);
        reg.caseSeq = 1;
        const Result valid = m_workflow.check(nullptr, reg);
        QVERIFY2(valid.ok, qPrintable(valid.message));
        CaseRecord c;
        m_workflow.apply(c, reg);
        QCOMPARE(c.id, a->caseId);
        const Result confirmed = adapter->confirmAssignedCase(c.id);
        QVERIFY2(confirmed.ok, qPrintable(confirmed.message));
        QVERIFY(step(c, centerUser("disp1", Role::CenterDispatcher), EventType::Analyzed,
                     {{"decision", "whistle"}, {"note", ""}}));
        QVERIFY(step(c, centerUser("rev1", Role::CenterReviewer), EventType::Reviewed,
                     {{"decision", "approve"}, {"reason", ""}}));
        CaseEvent w = EventBuilder(centerUser("disp1", Role::CenterDispatcher), "test").whistle(c, "dept.shuiwu", {});
        w.caseSeq = c.eventCount + 1;
        QVERIFY(m_workflow.check(&c, w).ok);
        m_workflow.apply(c, w);
        QCOMPARE(c.status, CaseStatus::Whistled);
        QSignalSpy rounds(adapter.get(), &CityAdapter::outboxProcessed);
        bool enqueued = false;
        QVERIFY(adapter->enqueueStatusUpdate(c, &enqueued).ok);
        QVERIFY(enqueued);
        QVERIFY(rounds.wait(10000));
        QCOMPARE(adapter->syncState(c.id).state, CityCaseState::State::Acknowledged);
        const QJsonObject onCity = cityRequest(goodId);
        QCOMPARE(onCity.value("x_district_status").toString(), QStringLiteral("dispatched"));
        QCOMPARE(onCity.value("x_deadline").toString(), CityMapping::cityTime(CityMapping::deadlineOf(c)));

        // Pulled again: known, not new.
        received.clear();
        adapter->pullAssignedCases(QDateTime::fromSecsSinceEpoch(0, Qt::UTC));
        QTRY_COMPARE_WITH_TIMEOUT(finished, 2, 10000);
        for (const CityAssignedCase &x : received)
            if (x.cityRequestId == goodId)
                QVERIFY(x.alreadyRegistered);

        // A case received but never confirmed (the server stopped in between) is offered again after a restart,
        // with the same case id, even though the city does not list it as updated any more.
        const QString thirdId = m_stub.assign({{"service_code", "SR-0102"},
                                               {"description", "占道经营"},
                                               {"address", "青云街道白龙路1号"},
                                               {"x_area_code", "530103006"}})
                                    .value("service_request_id").toString();
        received.clear();
        adapter->pullAssignedCases();
        QTRY_COMPARE_WITH_TIMEOUT(finished, 3, 10000);
        QString thirdCase;
        for (const CityAssignedCase &x : received)
            if (x.cityRequestId == thirdId)
                thirdCase = x.caseId;
        QVERIFY(!thirdCase.isEmpty());
        adapter.reset();
        closeDatabase(QStringLiteral("assigned"));
        adapter = makeAdapter(QStringLiteral("assigned"));
        QVERIFY(adapter);
        received.clear();
        finished = 0;
        connect(adapter.get(), &CityAdapter::assignedCasesReceived, this,
                [&](const QList<CityAssignedCase> &cases) { received = cases; });
        connect(adapter.get(), &CityAdapter::pullFinished, this, [&](const Result &, int, int) { ++finished; });
        adapter->pullAssignedCases(QDateTime::currentDateTimeUtc().addDays(1));  // the city has nothing newer
        QTRY_COMPARE_WITH_TIMEOUT(finished, 1, 10000);
        bool reoffered = false;
        for (const CityAssignedCase &x : received)
            reoffered = reoffered || (x.cityRequestId == thirdId && x.caseId == thirdCase && !x.alreadyRegistered);
        QVERIFY(reoffered);
        adapter.reset();
        closeDatabase(QStringLiteral("assigned"));
    }

    void reconciliationFindsPlantedMismatches()
    {
        auto adapter = makeAdapter(QStringLiteral("reconcile"));
        QVERIFY(adapter);
        CaseRecord planted = escalatedCase(QStringLiteral("对账-篡改"));
        CaseRecord clean = escalatedCase(QStringLiteral("对账-一致"));
        CaseRecord neverSent = escalatedCase(QStringLiteral("对账-未上报"));
        QVERIFY(adapter->enqueueEscalation(planted).ok);
        QVERIFY(adapter->enqueueEscalation(clean).ok);
        QTRY_VERIFY_WITH_TIMEOUT(adapter->syncState(planted.id).state == CityCaseState::State::Acknowledged
                                     && adapter->syncState(clean.id).state == CityCaseState::State::Acknowledged,
                                 10000);
        const QString plantedCity = adapter->syncState(planted.id).cityRequestId;
        m_stub.plant(plantedCity, {{"status", "closed"},
                                   {"x_district_status", "closed"},
                                   {"x_deadline", "2030-01-01T12:00:00+08:00"}});
        const QString unknownCity = m_stub.assign({{"service_code", "SR-0101"},
                                                   {"description", "违建"},
                                                   {"address", "龙泉街道1号"},
                                                   {"x_area_code", "530103007"}})
                                        .value("service_request_id").toString();

        QList<CityMismatch> found;
        Result outcome;
        int done = 0;
        connect(adapter.get(), &CityAdapter::reconciled, this, [&](const Result &r, const QList<CityMismatch> &m) {
            outcome = r;
            found = m;
            ++done;
        });
        adapter->reconcile({planted, clean, neverSent});
        QTRY_COMPARE_WITH_TIMEOUT(done, 1, 10000);
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        auto has = [&found](CityMismatch::Kind kind, const QString &caseId, const QString &cityId) {
            for (const CityMismatch &m : found)
                if (m.kind == kind && (caseId.isEmpty() || m.caseId == caseId)
                    && (cityId.isEmpty() || m.cityRequestId == cityId))
                    return !m.reason.isEmpty();
            return false;
        };
        QVERIFY(has(CityMismatch::Kind::StatusDiffers, planted.id, plantedCity));
        QVERIFY(has(CityMismatch::Kind::DeadlineDiffers, planted.id, plantedCity));
        QVERIFY(has(CityMismatch::Kind::MissingInCity, neverSent.id, {}));
        QVERIFY(has(CityMismatch::Kind::MissingHere, {}, unknownCity));
        for (const CityMismatch &m : found)
            QVERIFY2(m.caseId != clean.id, qPrintable(m.reason));
        QVERIFY(exchanged(planted.id, "reconcile", "mismatch"));

        // The city reporting another status for everything: the clean case now differs too.
        m_stub.control({{"mismatchStatus", "rejected"}});
        adapter->reconcile({clean});
        QTRY_COMPARE_WITH_TIMEOUT(done, 2, 10000);
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY(has(CityMismatch::Kind::StatusDiffers, clean.id, {}));

        // An unreachable city is reported, not mistaken for "everything missing".
        m_stub.control({{"mismatchStatus", ""}, {"failNext", 1}, {"failStatus", 502}});
        adapter->reconcile({clean});
        QTRY_COMPARE_WITH_TIMEOUT(done, 3, 10000);
        QVERIFY(!outcome.ok);
        QVERIFY(found.isEmpty());
        QVERIFY2(outcome.message.text().contains("502"), qPrintable(outcome.message));
        adapter.reset();
        closeDatabase(QStringLiteral("reconcile"));
    }

    void mappedServiceCodesAreCheckedAgainstTheCity()
    {
        auto adapter = makeAdapter(QStringLiteral("services"));
        QVERIFY(adapter);
        Result outcome;
        QStringList missing{"sentinel"};
        int done = 0;
        connect(adapter.get(), &CityAdapter::servicesChecked, this, [&](const Result &r, const QStringList &m) {
            outcome = r;
            missing = m;
            ++done;
        });
        adapter->checkServices();
        QTRY_COMPARE_WITH_TIMEOUT(done, 1, 10000);
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY(missing.isEmpty());
        adapter.reset();

        // A mapping naming a code the city does not offer.
        QFile f(QStringLiteral(":/city/mapping.default.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray json = f.readAll();
        json.replace("\"SR-9901\"", "\"SR-7777\"");
        CityMapping changed;
        QVERIFY(changed.loadJson(json).ok);
        adapter = makeAdapter(QStringLiteral("services"), ApiKey, changed);
        QVERIFY(adapter);
        done = 0;
        connect(adapter.get(), &CityAdapter::servicesChecked, this, [&](const Result &r, const QStringList &m) {
            outcome = r;
            missing = m;
            ++done;
        });
        adapter->checkServices();
        QTRY_COMPARE_WITH_TIMEOUT(done, 1, 10000);
        QVERIFY(!outcome.ok);
        QCOMPARE(missing, QStringList{"SR-7777"});
        QVERIFY2(outcome.message.text().contains("SR-7777"), qPrintable(outcome.message));
        adapter.reset();
        closeDatabase(QStringLiteral("services"));
    }

    void cleanupTestCase()
    {
        m_stub.stop();
    }
};

QTEST_GUILESS_MAIN(TestCityAdapter)
#include "tst_cityadapter.moc"

// Offline-first sync between real clients (each with its own CaseStore file) and the real gridwhistle-server
// over HTTPS on 127.0.0.1. Runs on SQLite by default and on a throwaway PostgreSQL with GW_TEST_BACKEND=postgresql.
#include "apiclient.h"
#include "auditchain.h"
#include "casedraft.h"
#include "casestore.h"
#include "../support/enginewaits.h"
#include "eventbuilder.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "sessionvault.h"
#include "syncengine.h"
#include "testpki.h"
#include "testpostgres.h"
#include "syncjournal.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {

User demoUser(const QString &id, Role role, const QString &unit)
{
    return User::make(id, role, unit);
}

// One desktop client: its own local store file and sync engine.
struct Client {
    std::unique_ptr<CaseStore> store;
    std::unique_ptr<SyncEngine> engine;
    User user;
};
} // namespace

class TstSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;
    QString m_databaseUrl;
    ServerProcess m_server;
    QStringList m_serverArgs;
    std::unique_ptr<ApiClient> m_api;
    QString m_dispatcherToken;

    bool makeClient(Client &c, const QString &file, const User &user)
    {
        c.user = user;
        c.store = std::make_unique<CaseStore>();
        const Result opened = c.store->open(m_dir.filePath(file));
        if (!opened.ok) {
            qWarning() << opened.message;
            return false;
        }
        c.engine = std::make_unique<SyncEngine>(c.store.get());
        c.engine->setRetryPolicy(50, 100, 500);
        if (!c.engine->configure(m_server.url(), m_pki.caFile).ok)
            return false;
        return signInAndWait(*c.engine, user.id, DemoPassword);
    }

    static std::pair<bool, QString> sync(Client &c) { return syncAndWait(*c.engine); }

    static CaseEvent registration(const User &actor, const QString &deviceId, const QString &title)
    {
        CaseDraft d;
        d.title = title;
        d.description = QStringLiteral("井盖缺失，行人有坠落风险");
        d.categoryId = QStringLiteral("city_appearance");
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("拓东路 88 号");
        return EventBuilder(actor, deviceId).registerCase(d);
    }

    // Cases the list marks as having local actions the server has not accepted yet.
    static int casesWaitingToSync(const CaseStore &store)
    {
        int waiting = 0;
        for (const CaseSummary &c : store.listCases(CaseFilter(), 0, 10000))
            waiting += c.pendingSync ? 1 : 0;
        return waiting;
    }

    // Every event the dispatcher can pull from the server, in order.
    QList<CaseEvent> serverEvents()
    {
        bool complete = false;
        const QList<CaseEvent> out = ApiClient::allEvents(
            [this](const QString &after) { return m_api->get("/api/v1/events?limit=5000&after=" + after, m_dispatcherToken); },
            10000, &complete);
        return complete ? out : QList<CaseEvent>();
    }

    // How many times each case id was registered on the server, for the cases made on one device.
    QHash<QString, int> registrationsFrom(const QString &deviceId)
    {
        QHash<QString, int> count;
        for (const CaseEvent &e : serverEvents())
            if (e.type == EventType::Registered && e.deviceId == deviceId)
                ++count[e.caseId];
        return count;
    }

    QString startServer(const QStringList &extra = {})
    {
        return m_server.start(m_dir.filePath("server-data"), m_serverArgs + extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        bool skip = false;
        QString err = demoServerArguments(m_pki, m_dir.path(), m_postgres, &m_serverArgs, &m_databaseUrl, &skip);
        if (skip)
            QSKIP(qPrintable(err));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        m_dispatcherToken = m_api->login("dispatcher", DemoPassword);
        QVERIFY(!m_dispatcherToken.isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_postgres.stop();
    }

    void offlineRegistrationsReachTheOtherClient()
    {
        Client street, center;
        QVERIFY(makeClient(street, "street.sqlite", demoUser("tuodong", Role::StreetOperator, "street.tuodong")));
        QVERIFY(makeClient(center, "center.sqlite", demoUser("dispatcher", Role::CenterDispatcher, "center.district")));

        // Offline: 500 registrations written locally, nothing sent yet.
        QList<CaseEvent> events;
        for (int i = 0; i < 500; ++i)
            events.append(registration(street.user, street.store->deviceId(), QStringLiteral("离线哨件 %1").arg(i)));
        QVERIFY(street.store->appendBatch(events).ok);
        QCOMPARE(street.store->journal().pendingCount(), 500);

        QSignalSpy progress(street.engine.get(), &SyncEngine::progress);
        QSignalSpy states(street.engine.get(), &SyncEngine::stateChanged);
        const auto [ok, message] = sync(street);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(street.store->journal().pendingCount(), 0);
        QCOMPARE(street.store->journal().openConflictCount(), 0);
        QCOMPARE(casesWaitingToSync(*street.store), 0);  // taken as sent: only numbered, no longer waiting
        QVERIFY(progress.size() >= 2);  // the push, then the pull
        QCOMPARE(progress.last().at(0).toInt(), 500);
        QVERIFY(states.contains(QVariantList{QVariant::fromValue(SyncEngine::State::Syncing)}));
        QCOMPARE(street.engine->state(), SyncEngine::State::Idle);
        QVERIFY(street.engine->lastSyncTime().isValid());

        // Each case came back numbered by the server and sealed in the server's chain.
        for (const CaseEvent &e : std::as_const(events)) {
            const std::optional<CaseRecord> record = street.store->caseById(e.caseId);
            QVERIFY(record);
            QVERIFY2(record->number.startsWith("PL-"), qPrintable(record->number));
            const QList<CaseEvent> chain = street.store->eventsOf(e.caseId);
            QCOMPARE(chain.size(), 2);
            QVERIFY(chain.at(0).serverSeq > 0 && chain.at(1).serverSeq > 0);
            QVERIFY(AuditChain::verify(chain).ok());
        }
        QCOMPARE(registrationsFrom(street.store->deviceId()).size(), 500);

        const auto [centerOk, centerMessage] = sync(center);
        QVERIFY2(centerOk, qPrintable(centerMessage));
        for (const CaseEvent &e : std::as_const(events)) {
            const QList<CaseEvent> mine = street.store->eventsOf(e.caseId);
            const QList<CaseEvent> theirs = center.store->eventsOf(e.caseId);
            QCOMPARE(theirs.size(), mine.size());
            for (int i = 0; i < mine.size(); ++i)
                QCOMPARE(theirs.at(i).hash, mine.at(i).hash);
        }
        // A second round has nothing to do and changes nothing.
        const QString cursor = center.store->journal().syncValue("cursor");
        const auto [againOk, againMessage] = sync(center);
        QVERIFY2(againOk, qPrintable(againMessage));
        QCOMPARE(center.store->journal().syncValue("cursor"), cursor);
    }

    void concurrentOfflineEditsLandInTheLosersConflictInbox()
    {
        Client street, center;
        QVERIFY(makeClient(street, "street2.sqlite", demoUser("tuodong", Role::StreetOperator, "street.tuodong")));
        QVERIFY(makeClient(center, "center2.sqlite", demoUser("dispatcher", Role::CenterDispatcher, "center.district")));
        CaseEvent reg = registration(street.user, street.store->deviceId(), QStringLiteral("争议哨件"));
        QVERIFY(street.store->append(reg).ok);
        QVERIFY(sync(street).first);
        QVERIFY(sync(center).first);
        QVERIFY(center.store->caseById(reg.caseId));

        // Both analyze the same case while offline.
        CaseEvent streetDecision = EventBuilder(street.user, street.store->deviceId())
                                       .make(EventType::Analyzed, reg.caseId,
                                             {{"decision", "street"}, {"note", "街道自行处置"},
                                              {"due", CaseEvent::timeToString(QDateTime::currentDateTimeUtc().addDays(3))}});
        QVERIFY(street.store->append(streetDecision).ok);
        CaseEvent centerDecision = EventBuilder(center.user, center.store->deviceId())
                                       .make(EventType::Analyzed, reg.caseId, {{"decision", "whistle"}, {"note", "需要吹哨"}});
        QVERIFY(center.store->append(centerDecision).ok);

        QVERIFY(sync(street).first);  // first to reach the server wins
        QSignalSpy conflicts(center.engine.get(), &SyncEngine::conflictsChanged);
        const auto [ok, message] = sync(center);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(center.store->journal().pendingCount(), 0);
        const QList<ConflictItem> inbox = center.store->journal().conflicts();
        QCOMPARE(inbox.size(), 1);
        QCOMPARE(inbox.first().event.id, centerDecision.id);
        QCOMPARE(inbox.first().code, QStringLiteral("invalid_state"));
        QVERIFY2(inbox.first().reason.text().contains("analyze"), qPrintable(inbox.first().reason));
        QVERIFY(!conflicts.isEmpty());
        QCOMPARE(conflicts.last().first().toInt(), 1);
        // The loser now shows the winner's decision.
        QCOMPARE(center.store->caseById(reg.caseId)->status, CaseStatus::StreetHandling);
        QCOMPARE(street.store->journal().openConflictCount(), 0);

        // Discarding is itself an audited action that reaches the server.
        QVERIFY(center.store->journal().discardConflict(centerDecision.id, center.user).ok);
        QVERIFY(sync(center).first);
        QCOMPARE(center.store->journal().openConflictCount(), 0);
        QCOMPARE(center.store->journal().pendingCount(), 0);
        const ApiClient::Response verify = m_api->get("/api/v1/cases/" + reg.caseId + "/verify", m_dispatcherToken);
        QVERIFY2(verify.json.value("ok").toBool(), verify.raw.constData());
        QCOMPARE(verify.json.value("events").toInt(), 4);  // registered, numbered, analyzed, discard comment
    }

    void pipelinedBatchesKeepEveryChainIntact()
    {
        // Small batches, each case's actions spread over several of them: the engine sends batch N+1 while it
        // applies batch N, and the server re-seals the later actions after its own case.numbered.
        Client street, center;
        QVERIFY(makeClient(street, "street-pipeline.sqlite", demoUser("tuodong", Role::StreetOperator, "street.tuodong")));
        QVERIFY(makeClient(center, "center-pipeline.sqlite", demoUser("dispatcher", Role::CenterDispatcher, "center.district")));
        street.engine->setBatchSizes(7, 50);
        const EventBuilder builder(street.user, street.store->deviceId());
        QStringList caseIds;
        for (int i = 0; i < 40; ++i) {
            CaseEvent reg = registration(street.user, street.store->deviceId(), QStringLiteral("分批哨件 %1").arg(i));
            QVERIFY(street.store->append(reg).ok);
            caseIds.append(reg.caseId);
        }
        for (const QString &caseId : std::as_const(caseIds)) {
            CaseEvent analyzed = builder.make(EventType::Analyzed, caseId,
                                              {{"decision", "street"}, {"note", "街道自行处置"},
                                               {"due", CaseEvent::timeToString(QDateTime::currentDateTimeUtc().addDays(3))}});
            QVERIFY(street.store->append(analyzed).ok);
            CaseEvent comment = builder.make(EventType::Commented, caseId, {{"text", "已派网格员到场"}});
            QVERIFY(street.store->append(comment).ok);
        }
        QCOMPARE(street.store->journal().pendingCount(), 120);
        QCOMPARE(casesWaitingToSync(*street.store), 40);

        QSignalSpy progress(street.engine.get(), &SyncEngine::progress);
        const auto [ok, message] = sync(street);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(street.store->journal().pendingCount(), 0);
        QCOMPARE(street.store->journal().openConflictCount(), 0);
        QVERIFY(progress.size() >= 120 / 7);
        QCOMPARE(progress.last().at(0).toInt(), 120);
        QCOMPARE(casesWaitingToSync(*street.store), 0);  // no case is shown as waiting to sync

        QVERIFY(sync(center).first);
        for (const QString &caseId : std::as_const(caseIds)) {
            const QList<CaseEvent> mine = street.store->eventsOf(caseId);
            const QList<CaseEvent> theirs = center.store->eventsOf(caseId);
            QCOMPARE(mine.size(), 4);  // registered, numbered, analyzed, commented
            QVERIFY(AuditChain::verify(mine).ok());
            QCOMPARE(theirs.size(), mine.size());
            for (int i = 0; i < mine.size(); ++i) {
                QCOMPARE(mine.at(i).hash, theirs.at(i).hash);
                QCOMPARE(mine.at(i).serverSeq, theirs.at(i).serverSeq);
                QCOMPARE(mine.at(i).serverTime, theirs.at(i).serverTime);
            }
            const std::optional<CaseRecord> shown = street.store->caseById(caseId);
            QVERIFY(shown);
            QCOMPARE(shown->status, CaseStatus::StreetHandling);
            QVERIFY(shown->number.startsWith("PL-"));
            QCOMPARE(shown->lastHash, mine.last().hash);
        }

        // Later actions on numbered cases come back exactly as sent: only their numbering is applied,
        // and the cases stop showing as waiting although nothing else arrives for them.
        for (int i = 0; i < 10; ++i) {
            CaseEvent recheck = builder.make(EventType::Commented, caseIds.at(i), {{"text", "复查完毕"}});
            QVERIFY(street.store->append(recheck).ok);
        }
        QCOMPARE(casesWaitingToSync(*street.store), 10);
        QVERIFY(sync(street).first);
        QCOMPARE(street.store->journal().pendingCount(), 0);
        QCOMPARE(casesWaitingToSync(*street.store), 0);
        QCOMPARE(street.store->eventsOf(caseIds.first()).size(), 5);
        QVERIFY(AuditChain::verify(street.store->eventsOf(caseIds.first())).ok());
    }

    void replayedPushIsNotDuplicated()
    {
        Client street;
        QVERIFY(makeClient(street, "street3.sqlite", demoUser("tuodong", Role::StreetOperator, "street.tuodong")));
        CaseEvent reg = registration(street.user, street.store->deviceId(), QStringLiteral("重放哨件"));
        QVERIFY(street.store->append(reg).ok);
        // The push reached the server but the answer was lost: the server has it, the client does not know.
        // The client's own session token, from where it keeps it (the keychain or its encrypted file, issue 17).
        QByteArray kept;
        QVERIFY(SessionVault(QFileInfo(street.store->path()).absolutePath())
                    .load(street.store->deviceId() + QLatin1Char('/') + street.user.id, DemoPassword, &kept).ok);
        const QString token = QString::fromUtf8(kept);
        QVERIFY(!token.isEmpty());
        QJsonArray batch;
        for (const CaseEvent &e : street.store->journal().outboxEvents(10))
            batch.append(e.toJson());
        QCOMPARE(m_api->post("/api/v1/events", {{"events", batch}}, token).json.value("accepted").toInt(), 1);

        const auto [ok, message] = sync(street);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(street.store->journal().pendingCount(), 0);
        QCOMPARE(street.store->eventsOf(reg.caseId).size(), 2);
        QCOMPARE(registrationsFrom(street.store->deviceId()).value(reg.caseId), 1);
        const ApiClient::Response verify = m_api->get("/api/v1/cases/" + reg.caseId + "/verify", m_dispatcherToken);
        QCOMPARE(verify.json.value("events").toInt(), 2);
    }

    void serverRestartMidSyncLosesAndDuplicatesNothing()
    {
        Client street;
        QVERIFY(makeClient(street, "street4.sqlite", demoUser("tuodong", Role::StreetOperator, "street.tuodong")));
        street.engine->setBatchSizes(10, 50);
        QList<CaseEvent> events;
        for (int i = 0; i < 300; ++i)
            events.append(registration(street.user, street.store->deviceId(), QStringLiteral("重启期间 %1").arg(i)));
        QVERIFY(street.store->appendBatch(events).ok);

        const int port = m_server.url().port();
        bool restarted = false;
        QString restartError;
        connect(street.engine.get(), &SyncEngine::progress, this, [&](int pushed) {
            if (restarted || pushed < 60)
                return;
            restarted = true;
            m_server.kill();  // the hardest stop: no chance to finish anything
            QTimer::singleShot(300, this, [&]() { restartError = startServer({"--port", QString::number(port)}); });
        });
        const auto [ok, message] = sync(street);
        QVERIFY(restarted);
        QVERIFY2(restartError.isEmpty(), qPrintable(restartError));
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(street.store->journal().pendingCount(), 0);
        m_dispatcherToken = m_api->login("dispatcher", DemoPassword);
        const QHash<QString, int> onServer = registrationsFrom(street.store->deviceId());
        QCOMPARE(onServer.size(), 300);
        for (auto it = onServer.cbegin(); it != onServer.cend(); ++it)
            QCOMPARE(it.value(), 1);
        for (const CaseEvent &e : std::as_const(events))
            QVERIFY(street.store->eventsOf(e.caseId).constFirst().serverSeq > 0);
    }

    void killedClientResumesWithoutLossOrDuplicates()
    {
        const QString file = m_dir.filePath("killed.sqlite");
        QProcess prepare;
        prepare.start(GW_SYNC_CLIENT, {"--store", file, "--register", "400"});
        QVERIFY(prepare.waitForFinished(60000));
        QCOMPARE(prepare.exitCode(), 0);
        const QStringList syncArgs{"--store", file, "--server", m_server.url().toString(), "--ca", m_pki.caFile,
                                   "--user", "tuodong", "--password", DemoPassword, "--sync", "--batch", "20"};
        // Kill the client at several points of its push, each time restarting it from its file.
        int kills = 0;
        for (int killAfter : {1, 4, 9}) {
            QProcess client;
            client.start(GW_SYNC_CLIENT, syncArgs);
            QVERIFY(client.waitForStarted());
            int progressLines = 0;
            QByteArray out;
            while (client.state() == QProcess::Running && progressLines < killAfter) {
                client.waitForReadyRead(100);
                out += client.readAllStandardOutput();
                progressLines = out.count("PROGRESS");
            }
            if (client.state() == QProcess::Running) {
                client.kill();
                ++kills;
            }
            client.waitForFinished(10000);
        }
        QVERIFY(kills >= 1);
        QProcess finish;
        finish.start(GW_SYNC_CLIENT, syncArgs);
        QVERIFY(finish.waitForFinished(120000));
        const QByteArray out = finish.readAllStandardOutput();
        QVERIFY2(out.contains("DONE ok"), out.constData());
        QCOMPARE(finish.exitCode(), 0);

        CaseStore store;
        QVERIFY(store.open(file).ok);
        QCOMPARE(store.journal().pendingCount(), 0);
        QCOMPARE(store.journal().openConflictCount(), 0);
        const QHash<QString, int> onServer = registrationsFrom(store.deviceId());
        QCOMPARE(onServer.size(), 400);  // 0 lost
        for (auto it = onServer.cbegin(); it != onServer.cend(); ++it) {
            QCOMPARE(it.value(), 1);      // 0 duplicated
            const QList<CaseEvent> chain = store.eventsOf(it.key());
            QCOMPARE(chain.size(), 2);    // registered + numbered, each once
            QVERIFY(AuditChain::verify(chain).ok());
        }
    }

    void wrongCertificateAuthorityIsRefusedInWords()
    {
        Client c;
        c.store = std::make_unique<CaseStore>();
        QVERIFY(c.store->open(m_dir.filePath("wrongca.sqlite")).ok);
        c.engine = std::make_unique<SyncEngine>(c.store.get());
        QVERIFY(c.engine->configure(m_server.url(), m_pki.otherCaFile).ok);
        QSignalSpy failed(c.engine.get(), &SyncEngine::loginFailed);
        c.engine->login("tuodong", DemoPassword);
        QVERIFY(failed.wait(30000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains("could not be verified") && message.contains("127.0.0.1"), qPrintable(message));
        QVERIFY(!c.engine->isLoggedIn());

        // A valid session does not help either: the next sync stops with the same explanation.
        QVERIFY(c.engine->configure(m_server.url(), m_pki.caFile).ok);
        QSignalSpy loggedIn(c.engine.get(), &SyncEngine::loggedIn);
        failed.clear();
        c.engine->login("tuodong", DemoPassword);
        for (int i = 0; i < 300 && loggedIn.isEmpty() && failed.isEmpty(); ++i)
            loggedIn.wait(100);
        QVERIFY2(!loggedIn.isEmpty(), failed.isEmpty() ? "no answer" : qPrintable(failed.first().first().toString()));
        QVERIFY(c.engine->configure(m_server.url(), m_pki.otherCaFile).ok);
        const auto [ok, syncMessage] = sync(c);
        QVERIFY(!ok);
        QVERIFY2(syncMessage.contains("could not be verified"), qPrintable(syncMessage));
        QCOMPARE(c.engine->state(), SyncEngine::State::Error);

        QVERIFY(!c.engine->configure(QUrl("http://127.0.0.1:1"), m_pki.caFile).ok);
        QVERIFY(!c.engine->configure(m_server.url(), m_dir.filePath("missing.pem")).ok);
    }

    void unreachableServerIsRetriedThenReportedOffline()
    {
        Client c;
        QVERIFY(makeClient(c, "unreachable.sqlite", demoUser("tuodong", Role::StreetOperator, "street.tuodong")));
        CaseEvent reg = registration(c.user, c.store->deviceId(), QStringLiteral("断网登记"));
        QVERIFY(c.store->append(reg).ok);
        // Nothing listens on this port: every attempt fails, a bounded number of times, then the engine gives up.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        QUrl dead = m_server.url();
        dead.setPort(probe.serverPort());
        probe.close();
        QVERIFY(c.engine->configure(dead, m_pki.caFile).ok);
        c.engine->setRetryPolicy(2, 50, 100);
        const auto [ok, message] = sync(c);
        QVERIFY(!ok);
        QVERIFY2(message.contains("Cannot reach the server 127.0.0.1"), qPrintable(message));
        QCOMPARE(c.engine->state(), SyncEngine::State::Offline);
        QCOMPARE(c.store->journal().pendingCount(), 1);  // kept for the next attempt
        // Back online: the same engine delivers it.
        QVERIFY(c.engine->configure(m_server.url(), m_pki.caFile).ok);
        const auto [okAgain, messageAgain] = sync(c);
        QVERIFY2(okAgain, qPrintable(messageAgain));
        QCOMPARE(c.store->journal().pendingCount(), 0);
    }

    void cachedSessionAllowsOfflineWork()
    {
        Client c;
        QVERIFY(makeClient(c, "offline.sqlite", demoUser("shifu", Role::CommunityReporter, "community.tuodong.1")));
        c.engine.reset();
        SyncEngine restored(c.store.get());
        QVERIFY(restored.restoreCachedSession());
        QCOMPARE(restored.currentUser().id, QStringLiteral("shifu"));
        QCOMPARE(restored.currentUser().orgUnitId, QStringLiteral("community.tuodong.1"));
        restored.logout();
        QVERIFY(!restored.isLoggedIn());
        SyncEngine afterLogout(c.store.get());
        QVERIFY(!afterLogout.restoreCachedSession());
    }
};

QTEST_GUILESS_MAIN(TstSync)
#include "tst_sync.moc"

// The client syncs without being asked: at once after sign-in, when it goes back online, when the connection
// comes back, after the computer wakes and when the window is activated after a while (issue 19). Real clients
// (CaseStore files) against the real gridwhistle-server over HTTPS on 127.0.0.1; the clocks of the sleep and
// activation checks are injected.
#include "casedraft.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "syncscheduler.h"
#include "testpki.h"
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {

struct Client {
    std::unique_ptr<CaseStore> store;
    std::unique_ptr<SyncEngine> engine;
    User user;
};

// A clock the test moves by hand.
struct FakeClock {
    qint64 wall = QDateTime(QDate(2026, 12, 7), QTime(1, 0), Qt::UTC).toMSecsSinceEpoch();
    qint64 monotonic = 1000;
    SyncScheduler::Clock clock()
    {
        return {[this] { return wall; }, [this] { return monotonic; }};
    }
};
} // namespace

class TstSyncScheduler : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    ServerProcess m_server;
    QStringList m_serverArgs;
    int m_port = 0;
    Client m_street;  // registers cases "meanwhile", as another desk would

    bool makeClient(Client &c, const QString &file, const User &user)
    {
        c.user = user;
        c.store = std::make_unique<CaseStore>();
        if (!c.store->open(m_dir.filePath(file)).ok)
            return false;
        c.engine = std::make_unique<SyncEngine>(c.store.get());
        c.engine->setRetryPolicy(1, 100, 200);
        if (!c.engine->configure(m_server.url(), m_pki.caFile).ok)
            return false;
        QSignalSpy loggedIn(c.engine.get(), &SyncEngine::loggedIn);
        c.engine->login(user.id, DemoPassword);
        for (int i = 0; i < 300 && loggedIn.isEmpty() && c.engine->state() != SyncEngine::State::Offline; ++i)
            loggedIn.wait(100);
        return c.engine->isLoggedIn();
    }

    // The street desk registers a case and sends it; returns its id.
    QString registerOnServer(const QString &title)
    {
        CaseDraft d;
        d.title = title;
        d.description = QStringLiteral("井盖缺失，行人有坠落风险");
        d.categoryId = QStringLiteral("city_appearance");
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("拓东路 88 号");
        CaseEvent e = EventBuilder(m_street.user, m_street.store->deviceId()).registerCase(d);
        if (!m_street.store->append(e).ok)
            return {};
        QSignalSpy finished(m_street.engine.get(), &SyncEngine::syncFinished);
        m_street.engine->syncNow();
        if (!finished.wait(30000) || !finished.first().at(0).toBool())
            return {};
        return e.caseId;
    }

    static bool holds(const Client &c, const QString &caseId) { return c.store->caseById(caseId).has_value(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString err = m_pki.generate(m_dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QTcpServer probe;  // a fixed port, so the server can come back at the same address
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
        probe.close();
        m_serverArgs = {"--cert", m_pki.certFile, "--key", m_pki.keyFile, "--demo-users", "--port",
                        QString::number(m_port)};
        const QString started = m_server.start(m_dir.filePath("server-data"), m_serverArgs);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QVERIFY(makeClient(m_street, "street.sqlite", User::make("tuodong", Role::StreetOperator, "street.tuodong")));
    }

    void cleanupTestCase() { m_server.stop(); }

    // The dispatcher signs in to a server that already holds cases and sees them with no action of their own.
    void signInSyncsAtOnceAndWhenBackOnline()
    {
        QStringList before;
        for (int i = 0; i < 3; ++i)
            before << registerOnServer(QStringLiteral("已登记待研判 %1").arg(i + 1));
        QVERIFY(!before.contains(QString()));

        Client center;
        QVERIFY(makeClient(center, "center.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));
        QCOMPARE(center.store->countCases(CaseFilter()), 0);
        SyncScheduler scheduler(center.engine.get());
        QSignalSpy reasons(&scheduler, &SyncScheduler::triggered);
        QSignalSpy first(&scheduler, &SyncScheduler::firstSyncFinished);
        QVERIFY(!scheduler.firstSyncDone());
        scheduler.start();
        QTRY_VERIFY_WITH_TIMEOUT(holds(center, before.at(0)) && holds(center, before.at(2)), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(first.size(), 1, 10000);
        QVERIFY(first.first().at(0).toBool());
        QVERIFY(scheduler.firstSyncDone());
        QCOMPARE(reasons.first().at(0).toString(), QStringLiteral("start"));

        // Offline for a while ("work offline"): another desk registers a case meanwhile. Back online, it is there.
        scheduler.stop();
        const QString meanwhile = registerOnServer(QStringLiteral("离线期间登记"));
        QVERIFY(!meanwhile.isEmpty());
        QTest::qWait(300);
        QVERIFY(!holds(center, meanwhile));
        scheduler.start();
        QTRY_VERIFY_WITH_TIMEOUT(holds(center, meanwhile), 30000);
    }

    // The server goes away and comes back: the failed sync is retried until it gets through.
    void connectionBackSyncsSoon()
    {
        Client center;
        QVERIFY(makeClient(center, "center2.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));
        SyncScheduler scheduler(center.engine.get());
        scheduler.setReconnectSeconds(1);
        QSignalSpy finished(center.engine.get(), &SyncEngine::syncFinished);
        scheduler.start();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QVERIFY(finished.last().at(0).toBool());
        // Registered before the outage and not yet synced here: only a sync after the server is back can bring it.
        // (Registered after the restart, it could race the first reconnect and wait for the next regular sync.)
        QVERIFY(m_street.engine->isLoggedIn());
        const QString meanwhile = registerOnServer(QStringLiteral("服务器中断前登记"));
        QVERIFY(!meanwhile.isEmpty());
        QVERIFY(!holds(center, meanwhile));

        m_server.kill();
        QSignalSpy reasons(&scheduler, &SyncScheduler::triggered);
        scheduler.windowActivated();  // nothing stale yet: no sync
        QCOMPARE(reasons.size(), 0);
        center.engine->syncNow();  // e.g. the regular sync, with the server gone
        QTRY_VERIFY_WITH_TIMEOUT(!finished.last().at(0).toBool(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(reasons.size() >= 1, 10000);  // retried by itself, still failing
        QCOMPARE(reasons.first().at(0).toString(), QStringLiteral("reconnect"));

        const QString started = m_server.start(m_dir.filePath("server-data"), m_serverArgs);
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QTRY_VERIFY_WITH_TIMEOUT(holds(center, meanwhile), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(finished.last().at(0).toBool(), 30000);  // and that run ends well
    }

    // Qt has no resume signal: the wall clock jumping ahead of the monotonic one is a wake from sleep.
    void wakeFromSleepSyncs()
    {
        Client center;
        QVERIFY(makeClient(center, "center3.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));
        FakeClock fake;
        SyncScheduler scheduler(center.engine.get());
        scheduler.setClock(fake.clock());
        scheduler.start();
        QSignalSpy reasons(&scheduler, &SyncScheduler::triggered);

        fake.wall += 15000;  // an ordinary tick
        fake.monotonic += 15000;
        scheduler.checkForWake();
        fake.wall -= 3600 * 1000;  // the clock set back an hour: no wake
        fake.monotonic += 15000;
        scheduler.checkForWake();
        fake.wall += 20000 + 30000;  // NTP nudging it forward half a minute: no wake either
        fake.monotonic += 20000;
        scheduler.checkForWake();
        QCOMPARE(reasons.size(), 0);

        fake.wall += 8 * 3600 * 1000;  // the night: eight hours on the wall, the monotonic clock stood still
        fake.monotonic += 15000;
        scheduler.checkForWake();
        QCOMPARE(reasons.size(), 1);
        QCOMPARE(reasons.first().at(0).toString(), QStringLiteral("wake"));

        scheduler.stop();  // offline: no syncs
        fake.wall += 8 * 3600 * 1000;
        scheduler.checkForWake();
        QCOMPARE(reasons.size(), 1);
    }

    // Coming back to the window after a few minutes refreshes it; switching windows quickly does not.
    void activationSyncsWhenStale()
    {
        Client center;
        QVERIFY(makeClient(center, "center4.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));
        FakeClock fake;
        SyncScheduler scheduler(center.engine.get());
        scheduler.setClock(fake.clock());
        scheduler.setStaleSeconds(180);
        QSignalSpy finished(center.engine.get(), &SyncEngine::syncFinished);
        QSignalSpy started(&scheduler, &SyncScheduler::triggered);
        scheduler.start();
        scheduler.windowActivated();  // the window shows itself right after sign-in: the first sync is enough
        QCOMPARE(started.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QSignalSpy reasons(&scheduler, &SyncScheduler::triggered);
        fake.wall += 60 * 1000;
        scheduler.windowActivated();
        QCOMPARE(reasons.size(), 0);
        fake.wall += 4 * 60 * 1000;
        scheduler.windowActivated();
        QCOMPARE(reasons.size(), 1);
        QCOMPARE(reasons.first().at(0).toString(), QStringLiteral("activation"));
    }
};

QTEST_GUILESS_MAIN(TstSyncScheduler)
#include "tst_syncscheduler.moc"

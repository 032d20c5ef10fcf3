// Fault injection with real processes on 127.0.0.1: the client (gw_sync_client) and the server
// (gridwhistle-server) are killed with SIGKILL at random points of push and pull, the client's disk fills up,
// its data folder is read-only, the connection drops mid-response and the server answers too slowly.
// After every fault the SQLite files must pass PRAGMA integrity_check, and after recovery every event must be
// on both sides exactly once. The random points come from one seed, printed first; replay a failure with
// GW_FAULT_SEED=<seed>.
#include "apiclient.h"
#include "casedraft.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "faultproxy.h"
#include "serverprocess.h"
#include "sqliteintegrity.h"
#include "syncengine.h"
#include "testpki.h"
#include "syncjournal.h"
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <unistd.h>

using namespace gw;
using namespace gw::test;

namespace {
const QString DemoPassword = QStringLiteral("gw-demo-2026");
const int FaultPoints = 20;  // per scenario, as issue #7 asks

// What a comparison of the server with one client found.
struct Tally {
    int serverEvents = 0;
    int clientEvents = 0;
    int lost = 0;        // on one side but missing on the other where it belongs
    int duplicated = 0;  // the same event or the same registration more than once
    QString detail;
};

// One fault run's figures, printed at the end for docs/reliability.md.
struct Figures {
    QString scenario;
    int faults = 0;
    int integrityChecks = 0;
    Tally tally;
};
QList<Figures> g_figures;
} // namespace

class TstFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    ServerProcess m_server;
    QStringList m_serverArgs;
    int m_serverPort = 0;
    std::unique_ptr<ApiClient> m_api;
    QString m_dispatcherToken;
    QRandomGenerator m_random;
    quint32 m_seed = 0;

    QString serverDataDir() const { return m_dir.filePath("server-data"); }

    QString startServer()
    {
        QStringList args = m_serverArgs;
        if (m_serverPort > 0)
            args << "--port" << QString::number(m_serverPort);  // the clients keep their URL across restarts
        const QString err = m_server.start(serverDataDir(), args);
        if (err.isEmpty())
            m_serverPort = m_server.url().port();
        return err;
    }

    // PRAGMA integrity_check of a SQLite file nobody else has open; "ok" when sound.
    static QString integrity(const QString &file)
    {
        const SqliteIntegrity::Answer answer = SqliteIntegrity::checkFile(file);
        if (!answer.opened)
            return QStringLiteral("cannot open: ") + answer.error;
        if (!answer.checked)
            return QStringLiteral("cannot check: ") + answer.error;
        return answer.lines.join(u'\n');
    }

    // Rows of a client store, read with plain SQL so the check does not depend on CaseStore.
    struct LocalEvents {
        QHash<QString, int> idCount;          // event id -> rows
        QHash<QString, QString> deviceOf;     // event id -> device that made it
        int outbox = 0;
        int conflicts = 0;
        QString deviceId;
    };
    static LocalEvents localEvents(const QString &file)
    {
        static int counter = 0;
        const QString name = QStringLiteral("faults.local.%1").arg(++counter);
        LocalEvents out;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(file);
            if (db.open()) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("SELECT id, device FROM events"));
                while (q.next()) {
                    ++out.idCount[q.value(0).toString()];
                    out.deviceOf.insert(q.value(0).toString(), q.value(1).toString());
                }
                if (q.exec(QStringLiteral("SELECT count(*) FROM outbox")) && q.next())
                    out.outbox = q.value(0).toInt();
                if (q.exec(QStringLiteral("SELECT count(*) FROM conflicts")) && q.next())
                    out.conflicts = q.value(0).toInt();
                if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'device_id'")) && q.next())
                    out.deviceId = q.value(0).toString();
                q.finish();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return out;
    }

    // Every event on the server, in order (the dispatcher sees all).
    QList<CaseEvent> serverEvents()
    {
        ApiClient::Response failed;
        auto page = [this, &failed](const QString &after) {
            const QString path = "/api/v1/events?limit=5000&after=" + after;
            ApiClient::Response r = m_api->get(path, m_dispatcherToken);
            if (r.status == 0)  // a connection to a server that was killed meanwhile
                r = m_api->get(path, m_dispatcherToken);
            if (r.status == 401) {
                m_dispatcherToken = m_api->login("dispatcher", DemoPassword);
                r = m_api->get(path, m_dispatcherToken);
            }
            if (r.status != 200)
                failed = r;
            return r;
        };
        bool complete = false;
        const QList<CaseEvent> out = ApiClient::allEvents(page, 1000, &complete);
        if (!complete) {
            qWarning() << "listing the server's events failed:" << failed.status << failed.raw;
            return {};
        }
        return out;
    }

    // Lost: an event this client made that is not on the server, anything left in its outbox, and (when the
    // client may see everything) a server event missing locally. Duplicated: an event id twice on either side,
    // or one case registered more than once on the server.
    Tally compare(const QString &clientFile, bool clientSeesAll, const QString &street = {})
    {
        Tally t;
        const QList<CaseEvent> onServer = serverEvents();
        const LocalEvents local = localEvents(clientFile);
        QHash<QString, int> serverIds;
        QHash<QString, int> registrations;
        for (const CaseEvent &e : onServer) {
            ++serverIds[e.id];
            if (e.type == EventType::Registered)
                ++registrations[e.caseId];
        }
        t.serverEvents = int(onServer.size());
        t.clientEvents = int(local.idCount.size());
        for (auto it = serverIds.cbegin(); it != serverIds.cend(); ++it)
            t.duplicated += it.value() - 1;
        for (auto it = registrations.cbegin(); it != registrations.cend(); ++it)
            t.duplicated += it.value() - 1;
        for (auto it = local.idCount.cbegin(); it != local.idCount.cend(); ++it) {
            t.duplicated += it.value() - 1;
            if (local.deviceOf.value(it.key()) == local.deviceId && !serverIds.contains(it.key())) {
                ++t.lost;
                t.detail += QStringLiteral("client event %1 is not on the server; ").arg(it.key());
            }
        }
        t.lost += local.outbox;
        if (local.outbox > 0)
            t.detail += QStringLiteral("%1 event(s) still in the outbox; ").arg(local.outbox);
        if (clientSeesAll || !street.isEmpty()) {
            for (const CaseEvent &e : onServer) {
                if (!clientSeesAll && !eventOfStreet(e, onServer, street))
                    continue;
                if (!local.idCount.contains(e.id)) {
                    ++t.lost;
                    if (t.detail.size() < 400)
                        t.detail += QStringLiteral("server event %1 is missing on the client; ").arg(e.id);
                }
            }
        }
        if (t.serverEvents == 0)
            t.detail += QStringLiteral("the server listed no events; ");
        return t;
    }

    // Whether a server event belongs to a case registered in `street` (what a street operator pulls).
    static bool eventOfStreet(const CaseEvent &e, const QList<CaseEvent> &all, const QString &street)
    {
        static QHash<QString, QString> streetOfCase;
        if (streetOfCase.isEmpty() || !streetOfCase.contains(e.caseId)) {
            for (const CaseEvent &r : all)
                if (r.type == EventType::Registered)
                    streetOfCase.insert(r.caseId, r.payload.value("street").toString());
        }
        return streetOfCase.value(e.caseId) == street;
    }

    QStringList clientArgs(const QString &file, const QString &user) const
    {
        return {"--store", file, "--server", m_server.url().toString(), "--ca", m_pki.caFile,
                "--user", user, "--password", DemoPassword, "--sync"};
    }

    // Runs gw_sync_client to its end (bounded); returns its output, and its exit code in `code`.
    static QByteArray runClient(const QStringList &args, int *code = nullptr, bool *crashed = nullptr)
    {
        QProcess p;
        p.start(GW_SYNC_CLIENT, args);
        if (!p.waitForFinished(120000))
            p.kill();
        p.waitForFinished(5000);
        if (code)
            *code = p.exitCode();
        if (crashed)
            *crashed = p.exitStatus() != QProcess::NormalExit;
        return p.readAllStandardOutput() + p.readAllStandardError();
    }

    // Starts the client and waits until it has printed `lines` PROGRESS lines (or ended), then `delayMs` more.
    // Returns the running process, or null when it ended first.
    static std::unique_ptr<QProcess> startUntil(const QStringList &args, int lines, int delayMs, QByteArray *out)
    {
        auto p = std::make_unique<QProcess>();
        p->start(GW_SYNC_CLIENT, args);
        if (!p->waitForStarted(10000))
            return nullptr;
        QDeadlineTimer deadline(60000);
        while (p->state() == QProcess::Running && out->count("PROGRESS") < lines && !deadline.hasExpired()) {
            p->waitForReadyRead(50);
            *out += p->readAllStandardOutput();
        }
        if (delayMs > 0 && p->state() == QProcess::Running)
            p->waitForFinished(delayMs);  // a random extra moment, or its end
        *out += p->readAllStandardOutput();
        if (p->state() != QProcess::Running)
            return nullptr;
        return p;
    }

    int pendingOf(const QString &file) { return localEvents(file).outbox; }

    // Registers `count` cases in a street operator's store (its own process) and pushes them.
    bool registerOnServer(const QString &file, int count)
    {
        int code = -1;
        const QByteArray out = runClient(clientArgs(file, "tuodong") + QStringList{"--register", QString::number(count), "--batch", "200"}, &code);
        if (code != 0)
            qWarning() << out;
        return code == 0;
    }

    static void report(const Figures &f)
    {
        g_figures.append(f);
        qInfo("FAULT FIGURES %s: faults=%d integrity_checks_ok=%d server_events=%d client_events=%d lost=%d duplicated=%d",
              qPrintable(f.scenario), f.faults, f.integrityChecks, f.tally.serverEvents, f.tally.clientEvents, f.tally.lost,
              f.tally.duplicated);
    }

    // One in-process desktop client that talks to the server through `url`.
    struct Client {
        std::unique_ptr<CaseStore> store;
        std::unique_ptr<SyncEngine> engine;
    };
    bool makeClient(Client &c, const QString &file, const QString &user, const QUrl &url)
    {
        c.store = std::make_unique<CaseStore>();
        if (!c.store->open(m_dir.filePath(file)).ok)
            return false;
        c.engine = std::make_unique<SyncEngine>(c.store.get());
        if (!c.engine->configure(url, m_pki.caFile).ok)
            return false;
        QSignalSpy loggedIn(c.engine.get(), &SyncEngine::loggedIn);
        QSignalSpy failed(c.engine.get(), &SyncEngine::loginFailed);
        c.engine->login(user, DemoPassword);
        for (int i = 0; i < 300 && loggedIn.isEmpty() && failed.isEmpty(); ++i)
            loggedIn.wait(100);
        return !loggedIn.isEmpty();
    }
    static std::pair<bool, QString> sync(Client &c)
    {
        QSignalSpy finished(c.engine.get(), &SyncEngine::syncFinished);
        c.engine->syncNow();
        for (int i = 0; i < 1200 && finished.isEmpty(); ++i)
            finished.wait(100);
        if (finished.isEmpty())
            return {false, QStringLiteral("sync did not finish within 120 s")};
        return {finished.first().at(0).toBool(), finished.first().at(1).toString()};
    }
    static QList<CaseEvent> registrations(CaseStore &store, int count, const QString &title)
    {
        const User actor = User::make("tuodong", Role::StreetOperator, "street.tuodong");
        EventBuilder builder(actor, store.deviceId());
        QList<CaseEvent> events;
        for (int i = 0; i < count; ++i) {
            CaseDraft d;
            d.title = QStringLiteral("%1 %2").arg(title).arg(i + 1);
            d.description = QStringLiteral("故障注入测试登记 %1").arg(i + 1);
            d.categoryId = QStringLiteral("city_appearance");
            d.streetId = actor.orgUnitId;
            d.address = QStringLiteral("拓东路 %1 号").arg(i + 1);
            events.append(builder.registerCase(d));
        }
        return events;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        bool given = false;
        m_seed = qEnvironmentVariable("GW_FAULT_SEED").toUInt(&given);
        if (!given)
            m_seed = QRandomGenerator::system()->generate();
        m_random.seed(m_seed);
        qInfo("FAULT SEED %u (replay with GW_FAULT_SEED=%u)", m_seed, m_seed);
        const QString err = m_pki.generate(m_dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_serverArgs = QStringList{"--cert", m_pki.certFile, "--key", m_pki.keyFile, "--demo-users"};
        const QString started = startServer();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        m_dispatcherToken = m_api->login("dispatcher", DemoPassword);
        QVERIFY(!m_dispatcherToken.isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.stop();
        qInfo("FAULT SEED %u", m_seed);
        for (const Figures &f : std::as_const(g_figures))
            qInfo("FAULT SUMMARY | %s | %d | %d | %d | %d |", qPrintable(f.scenario), f.faults, f.integrityChecks,
                  f.tally.lost, f.tally.duplicated);
    }

    // kill -9 of the client while it pushes its outbox, at random moments; then it syncs to the end.
    void clientKilledDuringPush()
    {
        const QString file = m_dir.filePath("client-push.sqlite");
        int code = -1;
        runClient({"--store", file, "--register", "300"}, &code);
        QCOMPARE(code, 0);
        const QStringList args = clientArgs(file, "tuodong") + QStringList{"--batch", "10"};
        Figures f{QStringLiteral("client killed during push"), 0, 0, {}};
        for (int round = 0; round < 80 && f.faults < FaultPoints; ++round) {
            if (pendingOf(file) < 20) {
                runClient({"--store", file, "--register", "60"}, &code);
                QCOMPARE(code, 0);
            }
            // PROGRESS lines: one when the sync starts, then one per accepted batch of 10.
            const int lines = 1 + int(m_random.bounded(4));
            const int delayMs = int(m_random.bounded(40));
            QByteArray out;
            std::unique_ptr<QProcess> client = startUntil(args, lines, delayMs, &out);
            if (!client)
                continue;  // it finished before the chosen point: not a fault
            client->kill();
            client->waitForFinished(5000);
            ++f.faults;
            const QString check = integrity(file);
            QVERIFY2(check == "ok", qPrintable(QStringLiteral("after kill %1: %2").arg(f.faults).arg(check)));
            ++f.integrityChecks;
        }
        QCOMPARE(f.faults, FaultPoints);
        const QByteArray out = runClient(args, &code);
        QVERIFY2(out.contains("DONE ok") && code == 0, out.constData());
        QCOMPARE(integrity(file), QStringLiteral("ok"));
        ++f.integrityChecks;
        f.tally = compare(file, false);
        report(f);
        QVERIFY(f.tally.clientEvents >= 600);  // 300 registrations, each numbered by the server
        QVERIFY2(f.tally.lost == 0, qPrintable(f.tally.detail));
        QVERIFY2(f.tally.duplicated == 0, qPrintable(f.tally.detail));
    }

    // kill -9 of the client while it pulls page after page; it resumes from its cursor.
    void clientKilledDuringPull()
    {
        if (serverEvents().size() < 800)
            QVERIFY(registerOnServer(m_dir.filePath("pull-source.sqlite"), 300));
        const QString file = m_dir.filePath("client-pull.sqlite");
        const QStringList args = clientArgs(file, "dispatcher") + QStringList{"--pull-page", "10"};
        Figures f{QStringLiteral("client killed during pull"), 0, 0, {}};
        for (int round = 0; round < 80 && f.faults < FaultPoints; ++round) {
            // PROGRESS lines: one at the start, then one per pulled page of 10 events.
            const int lines = 2 + int(m_random.bounded(3));
            const int delayMs = int(m_random.bounded(30));
            QByteArray out;
            std::unique_ptr<QProcess> client = startUntil(args, lines, delayMs, &out);
            if (!client) {
                // Everything was pulled before the chosen point: give it more to pull.
                QVERIFY(registerOnServer(m_dir.filePath("pull-source.sqlite"), 60));
                continue;
            }
            client->kill();
            client->waitForFinished(5000);
            ++f.faults;
            const QString check = integrity(file);
            QVERIFY2(check == "ok", qPrintable(QStringLiteral("after kill %1: %2").arg(f.faults).arg(check)));
            ++f.integrityChecks;
        }
        QCOMPARE(f.faults, FaultPoints);
        int code = -1;
        const QByteArray out = runClient(args, &code);
        QVERIFY2(out.contains("DONE ok") && code == 0, out.constData());
        QCOMPARE(integrity(file), QStringLiteral("ok"));
        ++f.integrityChecks;
        f.tally = compare(file, true);
        report(f);
        QCOMPARE(f.tally.clientEvents, f.tally.serverEvents);
        QVERIFY2(f.tally.lost == 0, qPrintable(f.tally.detail));
        QVERIFY2(f.tally.duplicated == 0, qPrintable(f.tally.detail));
    }

    // kill -9 of the server while a client pushes, and while another pulls; the server restarts on the same
    // data directory and port, and the clients' retries carry the sync to its end.
    void serverKilledDuringPushAndPull()
    {
        const QString pusher = m_dir.filePath("server-kill-push.sqlite");
        const QString puller = m_dir.filePath("server-kill-pull.sqlite");
        const QString serverFile = QDir(serverDataDir()).filePath("server.sqlite");
        // The puller starts level with the server, so each round has only new events to pull.
        int code = -1;
        QByteArray out = runClient(clientArgs(puller, "dispatcher") + QStringList{"--pull-page", "500"}, &code);
        QVERIFY2(code == 0, out.constData());
        Figures push{QStringLiteral("server killed during push"), 0, 0, {}};
        Figures pull{QStringLiteral("server killed during pull"), 0, 0, {}};
        // A round whose client finishes before its kill point is not a fault and is run again: pushes got fast
        // enough (pipelined, 2026-12) that 20 events in batches of 4 often ended inside the random delay, so each
        // push is 40 events (10 batches) and there is room for more rounds.
        for (int round = 0; round < 120 && (push.faults < FaultPoints || pull.faults < FaultPoints); ++round) {
            const bool pushing = push.faults <= pull.faults;
            const QStringList args = pushing
                ? clientArgs(pusher, "tuodong") + QStringList{"--register", "40", "--batch", "4"}
                : clientArgs(puller, "dispatcher") + QStringList{"--pull-page", "8"};
            if (!pushing)
                QVERIFY(registerOnServer(pusher, 20));  // something new to pull
            const int lines = pushing ? 1 + int(m_random.bounded(4)) : 2 + int(m_random.bounded(3));
            const int delayMs = int(m_random.bounded(30));
            out.clear();
            std::unique_ptr<QProcess> client = startUntil(args, lines, delayMs, &out);
            if (!client)
                continue;
            m_server.kill();
            Figures &f = pushing ? push : pull;
            ++f.faults;
            const QString check = integrity(serverFile);
            QVERIFY2(check == "ok", qPrintable(QStringLiteral("server file after kill %1: %2").arg(f.faults).arg(check)));
            ++f.integrityChecks;
            const QString err = startServer();
            QVERIFY2(err.isEmpty(), qPrintable(err));
            // The client keeps retrying with backoff and must finish on the restarted server.
            QVERIFY(client->waitForFinished(60000));
            out += client->readAllStandardOutput();
            QVERIFY2(out.contains("DONE ok"), out.constData());
        }
        QCOMPARE(push.faults, FaultPoints);
        QCOMPARE(pull.faults, FaultPoints);
        out = runClient(clientArgs(pusher, "tuodong"), &code);
        QVERIFY2(out.contains("DONE ok"), out.constData());
        out = runClient(clientArgs(puller, "dispatcher"), &code);
        QVERIFY2(out.contains("DONE ok"), out.constData());
        QCOMPARE(integrity(serverFile), QStringLiteral("ok"));
        push.tally = compare(pusher, false);
        pull.tally = compare(puller, true);
        report(push);
        report(pull);
        QVERIFY2(push.tally.lost == 0 && push.tally.duplicated == 0, qPrintable(push.tally.detail));
        QVERIFY2(pull.tally.lost == 0 && pull.tally.duplicated == 0, qPrintable(pull.tally.detail));
        QCOMPARE(pull.tally.clientEvents, pull.tally.serverEvents);
    }

    // The disk under the client's data folder fills up in the middle of writing (RLIMIT_FSIZE: writes past the
    // limit fail as on a full disk). The client stops with a message in words, the file stays sound, and once
    // there is space again the next sync delivers everything.
    void diskFullMidWrite()
    {
        if (serverEvents().size() < 600)
            QVERIFY(registerOnServer(m_dir.filePath("pull-source.sqlite"), 300));
        const QString file = m_dir.filePath("disk-full.sqlite");
        int code = -1;
        QByteArray out = runClient({"--store", file, "--register", "10"}, &code);
        QCOMPARE(code, 0);
        Figures f{QStringLiteral("disk full"), 0, 0, {}};
        const qint64 size = QFileInfo(file).size();

        // 1. Mid-pull: the pulled pages no longer fit.
        bool crashed = true;
        out = runClient(clientArgs(file, "tuodong") + QStringList{"--pull-page", "50", "--limit-file-size",
                                                                   QString::number(size + 128 * 1024)}, &code, &crashed);
        ++f.faults;
        QVERIFY2(!crashed, out.constData());
        QVERIFY2(out.contains("DONE failed") && code == 1, out.constData());
        QVERIFY2(out.contains("could not be updated") && out.contains("the disk is full or cannot be written"), out.constData());
        QCOMPARE(integrity(file), QStringLiteral("ok"));
        ++f.integrityChecks;

        // 2. Mid-registration: a batch of new cases that does not fit is refused as a whole.
        const LocalEvents before = localEvents(file);
        const qint64 grown = QFileInfo(file).size();
        out = runClient({"--store", file, "--register", "400", "--limit-file-size", QString::number(grown + 64 * 1024)},
                        &code, &crashed);
        ++f.faults;
        QVERIFY2(!crashed, out.constData());
        QVERIFY2(out.startsWith("ERROR register") && code == 2, out.constData());
        QVERIFY2(out.contains("could not be updated") && out.contains("the disk is full or cannot be written"), out.constData());
        QCOMPARE(integrity(file), QStringLiteral("ok"));
        ++f.integrityChecks;
        const LocalEvents after = localEvents(file);
        QCOMPARE(after.idCount.size(), before.idCount.size());  // nothing half-written, nothing lost
        QCOMPARE(after.outbox, before.outbox);

        // 3. Space is back: everything goes through.
        out = runClient({"--store", file, "--register", "20"}, &code);
        QCOMPARE(code, 0);
        out = runClient(clientArgs(file, "tuodong") + QStringList{"--pull-page", "500"}, &code);
        QVERIFY2(out.contains("DONE ok") && code == 0, out.constData());
        QCOMPARE(integrity(file), QStringLiteral("ok"));
        ++f.integrityChecks;
        f.tally = compare(file, false, QStringLiteral("street.tuodong"));
        report(f);
        QVERIFY2(f.tally.lost == 0 && f.tally.duplicated == 0, qPrintable(f.tally.detail));
    }

    // A read-only data file, and a read-only data folder. CI runs as root, for whom permission bits do not stop
    // writes: the client then drops to the user "nobody" (--drop-privileges) so the folder's bits apply.
    void readOnlyDataDir()
    {
        Figures f{QStringLiteral("read-only data"), 0, 0, {}};
        int code = -1;
        bool crashed = true;
        // 1. The data file is marked read-only (CaseStore honours the bits even for root).
        const QString file = m_dir.filePath("read-only.sqlite");
        runClient({"--store", file, "--register", "15"}, &code);
        QCOMPARE(code, 0);
        const LocalEvents before = localEvents(file);
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QByteArray out = runClient(clientArgs(file, "tuodong") + QStringList{"--register", "5"}, &code, &crashed);
        ++f.faults;
        QVERIFY2(!crashed && code == 2, out.constData());
        QVERIFY2(out.contains("is read-only. Make it writable"), out.constData());
        QCOMPARE(integrity(file), QStringLiteral("ok"));
        ++f.integrityChecks;
        QCOMPARE(localEvents(file).idCount.size(), before.idCount.size());

        // 2. The data folder is read-only.
        QTemporaryDir folder;
        QVERIFY(folder.isValid());
        const QString inFolder = folder.filePath("client.sqlite");
        runClient({"--store", inFolder, "--register", "15"}, &code);
        QCOMPARE(code, 0);
        const LocalEvents beforeFolder = localEvents(inFolder);
        const auto readOnlyDir = QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                                 | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(folder.path(), readOnlyDir));
        QVERIFY(QFile::setPermissions(inFolder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                                    | QFileDevice::ReadOther));
        out = runClient(clientArgs(inFolder, "tuodong") + QStringList{"--register", "5", "--drop-privileges"}, &code,
                        &crashed);
        if (out.contains("cannot drop privileges")) {
            // Root without the right to change its user (an unusual container): part 1 stands alone.
            qWarning("read-only folder not tested: root cannot switch to the user nobody here");
        } else {
            ++f.faults;
            QVERIFY2(!crashed && code == 2, out.constData());
            // "not writable", or "cannot be created" when a parent folder is closed to nobody (a private TMPDIR).
            QVERIFY2(out.contains("is not writable") || out.contains("is read-only") || out.contains("cannot be created"),
                     out.constData());
            QCOMPARE(integrity(inFolder), QStringLiteral("ok"));
            ++f.integrityChecks;
            QCOMPARE(localEvents(inFolder).idCount.size(), beforeFolder.idCount.size());
        }

        // Writable again: nothing was lost and everything syncs.
        QVERIFY(QFile::setPermissions(folder.path(), readOnlyDir | QFileDevice::WriteOwner));
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        for (const QString &store : {file, inFolder}) {
            out = runClient(clientArgs(store, "tuodong"), &code);
            QVERIFY2(out.contains("DONE ok") && code == 0, out.constData());
            QCOMPARE(integrity(store), QStringLiteral("ok"));
            ++f.integrityChecks;
            const Tally t = compare(store, false);
            f.tally.lost += t.lost;
            f.tally.duplicated += t.duplicated;
            f.tally.clientEvents += t.clientEvents;
            f.tally.serverEvents = t.serverEvents;
            QVERIFY2(t.lost == 0 && t.duplicated == 0, qPrintable(t.detail));
        }
        report(f);
    }

    // The connection drops in the middle of the server's answer, during push and during pull: the engine
    // retries with backoff and, once the line is good again, has everything exactly once.
    void droppedConnectionMidResponse()
    {
        FaultProxy proxy;
        QVERIFY(proxy.listen(quint16(m_serverPort)));
        QUrl viaProxy = m_server.url();
        viaProxy.setPort(proxy.port());
        Figures f{QStringLiteral("connection dropped mid-response"), 0, 0, {}};

        Client street;
        QVERIFY(makeClient(street, "dropped-push.sqlite", "tuodong", viaProxy));
        street.engine->setBatchSizes(50, 100);
        street.engine->setRetryPolicy(20, 50, 400);
        street.engine->setRequestTimeout(10000);
        QList<CaseEvent> events = registrations(*street.store, 300, QStringLiteral("断线重试"));
        QVERIFY(street.store->appendBatch(events).ok);
        // After the TLS handshake (about 1-2 kB), somewhere inside the answers.
        QList<int> cuts;
        for (int i = 0; i < 6; ++i)
            cuts.append(3000 + int(m_random.bounded(40000)));
        proxy.cutConnections(cuts);
        QVERIFY(street.engine->configure(viaProxy, m_pki.caFile).ok);  // no reuse of the login's connection
        auto [ok, message] = sync(street);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(proxy.cutsDone(), 6);
        f.faults += proxy.cutsDone();
        street.engine.reset();
        street.store.reset();
        const QString pushFile = m_dir.filePath("dropped-push.sqlite");
        QCOMPARE(integrity(pushFile), QStringLiteral("ok"));
        ++f.integrityChecks;
        const Tally pushed = compare(pushFile, false);
        QVERIFY2(pushed.lost == 0 && pushed.duplicated == 0, qPrintable(pushed.detail));

        Client center;
        proxy.passThrough();
        QVERIFY(makeClient(center, "dropped-pull.sqlite", "dispatcher", viaProxy));
        center.engine->setBatchSizes(50, 200);
        center.engine->setRetryPolicy(20, 50, 400);
        cuts.clear();
        for (int i = 0; i < 6; ++i)
            cuts.append(3000 + int(m_random.bounded(60000)));
        const int before = proxy.cutsDone();
        proxy.cutConnections(cuts);
        QVERIFY(center.engine->configure(viaProxy, m_pki.caFile).ok);
        std::tie(ok, message) = sync(center);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(proxy.cutsDone() - before, 6);
        f.faults += proxy.cutsDone() - before;
        center.engine.reset();
        center.store.reset();
        const QString pullFile = m_dir.filePath("dropped-pull.sqlite");
        QCOMPARE(integrity(pullFile), QStringLiteral("ok"));
        ++f.integrityChecks;
        f.tally = compare(pullFile, true);
        f.tally.lost += pushed.lost;
        f.tally.duplicated += pushed.duplicated;
        report(f);
        QCOMPARE(f.tally.clientEvents, f.tally.serverEvents);
        QVERIFY2(f.tally.lost == 0 && f.tally.duplicated == 0, qPrintable(f.tally.detail));
    }

    // The server answers later than the client's request timeout. The engine gives up on each request, retries
    // with backoff, says so in words when it runs out of attempts, and its event loop never stops turning.
    void slowServerTimesOutAndRetries()
    {
        FaultProxy proxy;
        QVERIFY(proxy.listen(quint16(m_serverPort)));
        QUrl viaProxy = m_server.url();
        viaProxy.setPort(proxy.port());
        Figures f{QStringLiteral("slow server"), 0, 0, {}};
        Client street;
        QVERIFY(makeClient(street, "slow.sqlite", "tuodong", viaProxy));
        QList<CaseEvent> events = registrations(*street.store, 40, QStringLiteral("慢速服务器"));
        QVERIFY(street.store->appendBatch(events).ok);
        street.engine->setRequestTimeout(400);

        // While an answer is held back the client is waiting; a timer on the same thread must keep firing.
        int ticksWhileWaiting = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&]() {
            if (proxy.isHoldingAnswer() && street.engine->isSyncing())
                ++ticksWhileWaiting;
        });
        ticker.start(20);

        // 1. Slower than the timeout every time: a bounded number of attempts, then a clear message.
        street.engine->setRetryPolicy(2, 50, 200);
        proxy.delayConnections(100, 1500);
        QVERIFY(street.engine->configure(viaProxy, m_pki.caFile).ok);
        auto [ok, message] = sync(street);
        QVERIFY(!ok);
        QVERIFY2(message.contains("did not answer in time"), qPrintable(message));
        QCOMPARE(proxy.delayedConnections(), 3);  // the first attempt and two retries
        QCOMPARE(street.store->journal().pendingCount(), 40);  // kept for later
        QVERIFY2(ticksWhileWaiting >= 3, qPrintable(QString::number(ticksWhileWaiting)));
        f.faults += proxy.delayedConnections();

        // 2. Slow for three attempts, then normal: the retries deliver everything.
        const int ticksBefore = ticksWhileWaiting;
        street.engine->setRetryPolicy(10, 50, 200);
        proxy.delayConnections(3, 1500);
        const int delayedBefore = proxy.delayedConnections();
        std::tie(ok, message) = sync(street);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(proxy.delayedConnections() - delayedBefore, 3);
        QVERIFY(ticksWhileWaiting - ticksBefore >= 3);
        f.faults += proxy.delayedConnections() - delayedBefore;
        ticker.stop();
        QCOMPARE(street.store->journal().pendingCount(), 0);
        street.engine.reset();
        street.store.reset();
        const QString file = m_dir.filePath("slow.sqlite");
        QCOMPARE(integrity(file), QStringLiteral("ok"));
        ++f.integrityChecks;
        f.tally = compare(file, false);
        report(f);
        QVERIFY2(f.tally.lost == 0 && f.tally.duplicated == 0, qPrintable(f.tally.detail));
        qInfo("slow server: %d timer ticks while the client waited for held-back answers", ticksWhileWaiting);
    }
};

QTEST_GUILESS_MAIN(TstFaults)
#include "tst_faults.moc"

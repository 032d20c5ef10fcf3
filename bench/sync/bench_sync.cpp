// bench_sync: sync and server throughput over loopback HTTPS against the real gridwhistle-server.
//   bench_sync [--push N] [--seed-cases N] [--idle-rounds N] [--wrk SECONDS] [--database postgresql://... | --postgresql]
// --postgresql starts a throwaway PostgreSQL cluster (as the tests do) and runs the server on it.
// Measures: pushing N local events through SyncEngine (and raw over HTTP), pulling the server's events into a
// fresh client store, an idle sync round, and authorized reads/s with wrk (when installed).
#include "apiclient.h"
#include "casedraft.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "serverprocess.h"
#include "syncengine.h"
#include "testpki.h"
#include "testpostgres.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cstdio>

using namespace gw;
using namespace gw::test;

static const QString DemoPassword = QStringLiteral("gw-demo-2026");

static User streetUser()
{
    return User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"));
}

static CaseEvent registration(const EventBuilder &builder, int i)
{
    CaseDraft d;
    d.title = QStringLiteral("基准哨件 %1").arg(i);
    d.description = QStringLiteral("Benchmark case %1: 井盖缺失，行人有坠落风险").arg(i);
    d.categoryId = "city_appearance";
    d.streetId = "street.tuodong";
    d.address = QStringLiteral("拓东路 %1 号").arg(i);
    return builder.registerCase(d);
}

static bool login(SyncEngine &engine, const QString &user)
{
    QSignalSpy ok(&engine, &SyncEngine::loggedIn);
    engine.login(user, DemoPassword);
    for (int i = 0; i < 300 && ok.isEmpty(); ++i)
        ok.wait(100);
    return !ok.isEmpty();
}

// One sync; returns elapsed ms, and the ms at which the push phase ended (last push progress).
static qint64 timedSync(SyncEngine &engine, qint64 *pushEndedMs = nullptr, bool *ok = nullptr)
{
    QSignalSpy finished(&engine, &SyncEngine::syncFinished);
    QElapsedTimer t;
    t.start();
    qint64 pushEnd = 0;
    int lastPushed = -1;
    auto c = QObject::connect(&engine, &SyncEngine::progress, [&](int pushed, int, int pulled) {
        if (pulled == 0 && pushed != lastPushed) {
            lastPushed = pushed;
            pushEnd = t.elapsed();
        }
    });
    engine.syncNow();
    for (int i = 0; i < 6000 && finished.isEmpty(); ++i)
        finished.wait(100);
    QObject::disconnect(c);
    if (pushEndedMs)
        *pushEndedMs = pushEnd;
    if (ok)
        *ok = !finished.isEmpty() && finished.first().at(0).toBool();
    return t.elapsed();
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // results appear as they are measured
    const QStringList args = app.arguments();
    auto intArg = [&](const QString &name, int fallback) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
    };
    const int pushCount = intArg("--push", 10000);
    const int seedCases = intArg("--seed-cases", 50000);  // each registration adds a case.numbered: 2 events per case
    const int idleRounds = intArg("--idle-rounds", 20);
    const int wrkSeconds = intArg("--wrk", 10);
    const int dbIndex = args.indexOf("--database");

    QTemporaryDir dir;
    TestPki pki;
    QString err = pki.generate(dir.path());
    if (!err.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(err));
        return 1;
    }
    ServerProcess server;
    QStringList serverArgs{"--cert", pki.certFile, "--key", pki.keyFile, "--demo-users"};
    TestPostgres postgres;
    if (dbIndex > 0) {
        serverArgs << "--database" << args.value(dbIndex + 1);
    } else if (args.contains("--postgresql")) {
        bool missing = false;
        const QString url = postgres.start(&err, &missing);
        if (url.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(err));
            return 1;
        }
        serverArgs << "--database" << url;
    }
    const bool onPostgres = serverArgs.contains("--database");
    err = server.start(dir.filePath("server"), serverArgs);
    if (!err.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(err));
        return 1;
    }
    std::printf("server: %s (%s)\n", qPrintable(server.url().toString()), onPostgres ? "PostgreSQL" : "SQLite");

    // 1. Push N local events through the client's sync engine.
    {
        CaseStore store;
        store.open(dir.filePath("push-client.sqlite"));
        EventBuilder builder(streetUser(), store.deviceId());
        QList<CaseEvent> events;
        for (int i = 0; i < pushCount; ++i)
            events.append(registration(builder, i));
        store.appendBatch(events);
        SyncEngine engine(&store);
        engine.configure(server.url(), pki.caFile);
        if (!login(engine, "tuodong"))
            return 1;
        qint64 pushMs = 0;
        bool ok = false;
        const qint64 totalMs = timedSync(engine, &pushMs, &ok);
        std::printf("push %d events via SyncEngine (batches of 200): %lld ms (%.0f events/s); whole sync incl. pulling "
                    "back %d server events: %lld ms; ok=%d pending=%d\n",
                    pushCount, (long long)pushMs, pushCount * 1000.0 / qMax<qint64>(1, pushMs), 2 * pushCount,
                    (long long)totalMs, ok, store.pendingCount());
    }

    // 2. Raw HTTP push of N events in batches of 1000 (server throughput without a client store).
    ApiClient api(server.url(), pki.caFile);
    const QString streetToken = api.login("tuodong", DemoPassword);
    {
        EventBuilder builder(streetUser(), "bench-raw");
        QElapsedTimer t;
        t.start();
        int accepted = 0;
        for (int done = 0; done < pushCount;) {
            QJsonArray batch;
            for (int i = 0; i < 1000 && done < pushCount; ++i, ++done) {
                CaseEvent e = registration(builder, done);
                e.caseSeq = 1;
                batch.append(e.toJson());
            }
            accepted += api.post("/api/v1/events", {{"events", batch}}, streetToken).json.value("accepted").toInt();
        }
        std::printf("push %d events raw over HTTPS (batches of 1000): %lld ms (%d accepted)\n", pushCount,
                    (long long)t.elapsed(), accepted);
    }

    // Seed the server up to seedCases cases (2 events each) for the pull benchmark.
    {
        EventBuilder builder(streetUser(), "bench-seed");
        const int have = 2 * pushCount;
        for (int done = have; done < seedCases;) {
            QJsonArray batch;
            for (int i = 0; i < 1000 && done < seedCases; ++i, ++done) {
                CaseEvent e = registration(builder, done);
                e.caseSeq = 1;
                batch.append(e.toJson());
            }
            api.post("/api/v1/events", {{"events", batch}}, streetToken);
        }
    }
    const QString dispatcherToken = api.login("dispatcher", DemoPassword);
    const qint64 serverEvents = api.get("/api/v1/events?after=0&limit=1", dispatcherToken).status == 200
                                    ? qint64(2) * qMax(seedCases, 2 * pushCount) : 0;

    // 3. Raw pull of every event over HTTPS (pages of 5000, parsed, not stored).
    {
        QElapsedTimer t;
        t.start();
        QString cursor = "0";
        qint64 n = 0;
        for (int page = 0; page < 100000; ++page) {
            const ApiClient::Response r = api.get("/api/v1/events?limit=5000&after=" + cursor, dispatcherToken);
            for (const QJsonValue &v : r.json.value("events").toArray()) {
                CaseEvent e;
                QString why;
                n += CaseEvent::fromJson(v.toObject(), &e, &why) ? 1 : 0;
            }
            cursor = r.json.value("nextCursor").toString();
            if (!r.json.value("hasMore").toBool())
                break;
        }
        std::printf("pull %lld events raw over HTTPS (pages of 5000, parsed): %lld ms\n", (long long)n, (long long)t.elapsed());
        Q_UNUSED(serverEvents);
    }

    // 4. Pull everything into a fresh client store through SyncEngine, then idle rounds.
    {
        CaseStore store;
        store.open(dir.filePath("pull-client.sqlite"));
        SyncEngine engine(&store);
        engine.configure(server.url(), pki.caFile);
        engine.setBatchSizes(200, 5000);
        if (!login(engine, "dispatcher"))
            return 1;
        int pulled = 0;
        QObject::connect(&engine, &SyncEngine::progress, [&](int, int, int p) { pulled = p; });
        bool ok = false;
        const qint64 ms = timedSync(engine, nullptr, &ok);
        std::printf("pull %d events into a fresh client store via SyncEngine (pages of 5000): %lld ms (%.0f events/s); ok=%d\n",
                    pulled, (long long)ms, pulled * 1000.0 / qMax<qint64>(1, ms), ok);
        QList<qint64> rounds;
        for (int i = 0; i < idleRounds; ++i)
            rounds.append(timedSync(engine));
        std::sort(rounds.begin(), rounds.end());
        if (!rounds.isEmpty())
            std::printf("idle sync round (nothing to push or pull), %d rounds: median %lld ms, max %lld ms\n",
                        int(rounds.size()), (long long)rounds.at(rounds.size() / 2), (long long)rounds.last());
    }

    // 5. Authorized reads/s under wrk: GET one case as the street operator (token check + scope check + JSON).
    const QString wrk = QStandardPaths::findExecutable("wrk");
    if (wrk.isEmpty() || wrkSeconds <= 0) {
        std::printf("wrk not installed (apt-get install wrk): authorized reads/s not measured\n");
    } else {
        const ApiClient::Response page = api.get("/api/v1/events?limit=1&after=0", dispatcherToken);
        const QString caseId = page.json.value("events").toArray().at(0).toObject().value("case").toString();
        const QString url = server.url().toString() + "/api/v1/cases/" + caseId;
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(wrk, {"-t2", "-c16", "-d" + QString::number(wrkSeconds) + "s", "-H", "Authorization: Bearer " + streetToken, url});
        p.waitForFinished((wrkSeconds + 30) * 1000);
        const QString out = QString::fromLocal8Bit(p.readAll());
        std::printf("wrk -t2 -c16 -d%ds GET /api/v1/cases/<id> (authorized):\n%s\n", wrkSeconds, qPrintable(out));
    }
    server.stop();
    return 0;
}

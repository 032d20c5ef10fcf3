// bench_sync: sync and server throughput over loopback HTTPS against the real gridwhistle-server.
//   bench_sync [--push N] [--push-batch N] [--seed-cases N] [--idle-rounds N] [--wrk SECONDS]
//              [--database postgresql://... | --postgresql] [--server-log]
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
#include "syncjournal.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QDir>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace gw;
using namespace gw::test;

static const QString DemoPassword = QStringLiteral("gw-demo-2026");

// --- CPU accounting: the machine is shared, so wall time alone says little. ---
struct ProcStat {
    qint64 ppid = 0;
    double cpu = 0;       // own user + system seconds
    double reaped = 0;    // user + system seconds of children already waited for
    QString comm;
};

static bool readStat(qint64 pid, ProcStat *out)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = f.readAll();
    const int open = line.indexOf('('), close = line.lastIndexOf(')');
    if (open < 0 || close < 0)
        return false;
    out->comm = QString::fromLocal8Bit(line.mid(open + 1, close - open - 1));
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');  // fields[0] is field 3 (state)
    if (fields.size() < 15)
        return false;
    const double tick = double(sysconf(_SC_CLK_TCK));
    out->ppid = fields.at(1).toLongLong();
    out->cpu = (fields.at(11).toLongLong() + fields.at(12).toLongLong()) / tick;
    out->reaped = (fields.at(13).toLongLong() + fields.at(14).toLongLong()) / tick;
    return true;
}

static QHash<qint64, ProcStat> allProcesses()
{
    QHash<qint64, ProcStat> out;
    for (const QString &name : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool isPid = false;
        const qint64 pid = name.toLongLong(&isPid);
        ProcStat st;
        if (isPid && readStat(pid, &st))
            out.insert(pid, st);
    }
    return out;
}

// CPU seconds of a process and all its descendants (live ones, plus those already reaped).
static double treeCpu(const QHash<qint64, ProcStat> &procs, qint64 root)
{
    const auto it = procs.constFind(root);
    if (it == procs.constEnd())
        return 0;
    double sum = it->cpu + it->reaped;
    for (auto c = procs.constBegin(); c != procs.constEnd(); ++c)
        if (c->ppid == root)
            sum += treeCpu(procs, c.key());
    return sum;
}

struct CpuMeter {
    qint64 serverPid = 0;
    qint64 postmasterPid = 0;
    struct Sample { double client = 0, server = 0, db = 0; };
    Sample sample() const
    {
        Sample s;
        rusage ru{};
        getrusage(RUSAGE_SELF, &ru);
        s.client = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
        const QHash<qint64, ProcStat> procs = allProcesses();
        if (serverPid)
            s.server = procs.value(serverPid).cpu;
        if (postmasterPid)
            s.db = treeCpu(procs, postmasterPid);
        return s;
    }
    // Finds the server (our child) and, on PostgreSQL, the postmaster listening on `pgPort`.
    void locate(int pgPort)
    {
        const QHash<qint64, ProcStat> procs = allProcesses();
        for (auto it = procs.constBegin(); it != procs.constEnd(); ++it) {
            if (it->ppid == getpid() && it->comm.startsWith(QLatin1String("gridwhistle")))
                serverPid = it.key();
            if (pgPort > 0 && it->comm == QLatin1String("postgres") && !procs.value(it->ppid).comm.startsWith("postgres")) {
                QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(it.key()));
                if (cmd.open(QIODevice::ReadOnly) && cmd.readAll().split('\0').contains(QByteArray::number(pgPort)))
                    postmasterPid = it.key();
            }
        }
    }
};

static QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 0) : QStringLiteral("?");
}

// "cpu: client 1.23 s, server 0.45 s[, postgres 0.67 s]; load 5.1" for what happened between two samples.
static QByteArray cpuLine(const CpuMeter::Sample &a, const CpuMeter::Sample &b, bool postgres)
{
    QString line = QStringLiteral("    cpu: client %1 s, server %2 s").arg(b.client - a.client, 0, 'f', 2).arg(b.server - a.server, 0, 'f', 2);
    if (postgres)
        line += QStringLiteral(", postgres %1 s").arg(b.db - a.db, 0, 'f', 2);
    line += QStringLiteral("; load average %1").arg(loadAverage());
    return line.toLocal8Bit();
}

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
    const int pushBatch = intArg("--push-batch", 0);  // 0: SyncEngine's default
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
    if (args.contains("--server-log"))
        serverArgs << "--verbose";
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
    CpuMeter meter;
    meter.locate(onPostgres ? QUrl(serverArgs.at(serverArgs.indexOf("--database") + 1)).port() : 0);
    CpuMeter::Sample before = meter.sample();
    auto reportCpu = [&]() {
        const CpuMeter::Sample now = meter.sample();
        std::printf("%s\n", cpuLine(before, now, meter.postmasterPid != 0).constData());
        before = meter.sample();
    };

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
        if (pushBatch > 0)
            engine.setBatchSizes(pushBatch, 5000);
        if (!login(engine, "tuodong"))
            return 1;
        // The pull that follows the push is measured on its own: CPU up to the last push answer is the push's.
        CpuMeter::Sample pushCpu;
        int lastPushed = -1;
        QObject::connect(&engine, &SyncEngine::progress, [&](int pushedSoFar, int, int pulled) {
            if (pulled == 0 && pushedSoFar != lastPushed) {
                lastPushed = pushedSoFar;
                pushCpu = meter.sample();
            }
        });
        before = meter.sample();
        qint64 pushMs = 0;
        bool ok = false;
        const qint64 totalMs = timedSync(engine, &pushMs, &ok);
        std::printf("push %d events via SyncEngine (batches of %s): %lld ms (%.0f events/s); whole sync incl. pulling "
                    "back %d server events: %lld ms; ok=%d pending=%d\n",
                    pushCount, pushBatch > 0 ? qPrintable(QString::number(pushBatch)) : "default", (long long)pushMs, pushCount * 1000.0 / qMax<qint64>(1, pushMs), 2 * pushCount,
                    (long long)totalMs, ok, store.journal().pendingCount());
        std::printf("%s (push phase only)\n", cpuLine(before, pushCpu, meter.postmasterPid != 0).constData());
        before = meter.sample();
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
        reportCpu();
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
    before = meter.sample();
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
                Message why;
                n += CaseEvent::fromJson(v.toObject(), &e, &why) ? 1 : 0;
            }
            cursor = r.json.value("nextCursor").toString();
            if (!r.json.value("hasMore").toBool())
                break;
        }
        std::printf("pull %lld events raw over HTTPS (pages of 5000, parsed): %lld ms\n", (long long)n, (long long)t.elapsed());
        reportCpu();
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
        before = meter.sample();
        bool ok = false;
        const qint64 ms = timedSync(engine, nullptr, &ok);
        std::printf("pull %d events into a fresh client store via SyncEngine (pages of 5000): %lld ms (%.0f events/s); ok=%d\n",
                    pulled, (long long)ms, pulled * 1000.0 / qMax<qint64>(1, ms), ok);
        reportCpu();
        QList<qint64> rounds;
        for (int i = 0; i < idleRounds; ++i)
            rounds.append(timedSync(engine));
        std::sort(rounds.begin(), rounds.end());
        if (!rounds.isEmpty())
            std::printf("idle sync round (nothing to push or pull), %d rounds: median %lld ms, max %lld ms\n",
                        int(rounds.size()), (long long)rounds.at(rounds.size() / 2), (long long)rounds.last());
        reportCpu();
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
        before = meter.sample();
        p.waitForFinished((wrkSeconds + 30) * 1000);
        const QString out = QString::fromLocal8Bit(p.readAll());
        std::printf("wrk -t2 -c16 -d%ds GET /api/v1/cases/<id> (authorized):\n%s\n", wrkSeconds, qPrintable(out));
        std::printf("%s (wrk's own CPU not included)\n", cpuLine(before, meter.sample(), meter.postmasterPid != 0).constData());
    }
    server.stop();
    if (args.contains("--server-log"))  // per-request times as the server logged them
        std::printf("server log:\n%s%s\n", qPrintable(server.output()), qPrintable(server.standardOutput()));
    return 0;
}

// gw_sync_client: a minimal GridWhistle client for the sync tests. It opens a CaseStore file, can register
// cases offline, and syncs with the server, printing one line per step so a test can kill it mid-way.
//   gw_sync_client --store FILE [--register N --street S] [--server URL --ca FILE --user U --password P
//                  --sync [--batch N]]
// Options for the fault tests (tests/reliability), none of them changes the default behaviour:
//   --pull-page N            events per pull request (default 200)
//   --limit-file-size BYTES  no file may grow beyond BYTES (RLIMIT_FSIZE; writes fail as on a full disk)
//   --drop-privileges        when run as root, run as the user "nobody" (so file permissions apply)
#include "casedraft.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "syncengine.h"
#include "syncjournal.h"
#include <QCoreApplication>
#include <QTimer>
#include <cstdio>
#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace gw;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto value = [&](const QString &name, const QString &fallback = {}) {
        const int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    if (args.contains("--limit-file-size")) {
        // A full disk, as the process sees it: writes past the limit fail (EFBIG or a short write) instead of
        // killing the process with SIGXFSZ.
        std::signal(SIGXFSZ, SIG_IGN);
        const rlim_t limit = rlim_t(value("--limit-file-size").toLongLong());
        const rlimit fsize{limit, limit};
        if (limit == 0 || setrlimit(RLIMIT_FSIZE, &fsize) != 0) {
            std::printf("ERROR cannot limit the file size\n");
            return 3;
        }
    }
    if (args.contains("--drop-privileges") && geteuid() == 0) {
        const passwd *nobody = getpwnam("nobody");
        if (!nobody || setgroups(0, nullptr) != 0 || setgid(nobody->pw_gid) != 0 || setuid(nobody->pw_uid) != 0) {
            std::printf("ERROR cannot drop privileges to nobody\n");
            return 3;
        }
    }
    CaseStore store;
    const Result opened = store.open(value("--store"));
    if (!opened.ok) {
        std::printf("ERROR %s\n", qPrintable(opened.message));
        return 2;
    }
    const int toRegister = value("--register", "0").toInt();
    if (toRegister > 0) {
        User actor;
        actor.id = value("--actor", "tuodong");
        actor.role = Role::StreetOperator;
        actor.orgUnitId = value("--street", "street.tuodong");
        EventBuilder builder(actor, store.deviceId());
        QList<CaseEvent> events;
        for (int i = 0; i < toRegister; ++i) {
            CaseDraft d;
            d.title = QStringLiteral("离线登记 %1").arg(i + 1);
            d.description = QStringLiteral("Offline registration number %1").arg(i + 1);
            d.categoryId = QStringLiteral("city_appearance");
            d.streetId = actor.orgUnitId;
            d.address = QStringLiteral("拓东路 %1 号").arg(i + 1);
            events.append(builder.registerCase(d));
        }
        int failed = -1;
        const Result r = store.appendBatch(events, &failed);
        if (!r.ok) {
            std::printf("ERROR register #%d: %s\n", failed, qPrintable(r.message));
            return 2;
        }
        std::printf("REGISTERED %d\n", toRegister);
        std::fflush(stdout);
    }
    if (!args.contains("--sync"))
        return 0;

    SyncEngine engine(&store);
    engine.setBatchSizes(value("--batch", "50").toInt(), value("--pull-page", "200").toInt());
    engine.setRetryPolicy(30, 100, 1000);
    const Result configured = engine.configure(QUrl(value("--server")), value("--ca"));
    if (!configured.ok) {
        std::printf("ERROR %s\n", qPrintable(configured.message));
        return 2;
    }
    int exitCode = 1;
    QObject::connect(&engine, &SyncEngine::loggedIn, &engine, [&]() { engine.syncNow(); });
    QObject::connect(&engine, &SyncEngine::loginFailed, &app, [&](const QString &message) {
        std::printf("ERROR login: %s\n", qPrintable(message));
        app.exit(1);
    });
    QObject::connect(&engine, &SyncEngine::progress, &engine, [](int pushed, int toPush, int pulled) {
        std::printf("PROGRESS %d %d %d\n", pushed, toPush, pulled);
        std::fflush(stdout);
    });
    QObject::connect(&engine, &SyncEngine::syncFinished, &app, [&](bool ok, const QString &message) {
        std::printf("DONE %s %s pending=%d\n", ok ? "ok" : "failed", qPrintable(message), store.journal().pendingCount());
        std::fflush(stdout);
        exitCode = ok ? 0 : 1;
        app.exit(exitCode);
    });
    engine.login(value("--user"), value("--password"));
    app.exec();
    return exitCode;
}

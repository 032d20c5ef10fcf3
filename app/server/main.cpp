// gridwhistle-server: district server for GridWhistle (see docs/server.md).
#include "auditverifier.h"
#include "buildinfo.h"
#include "maintenancecommand.h"
#include "parentwatch.h"
#include "serverapp.h"
#include "serverlog.h"
#include "serversettingsfile.h"
#include "shutdownsignals.h"
#include <QCoreApplication>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gridwhistle-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GW_VERSION));

    // `gridwhistle-server verify --data-dir DIR [--database URL]`: check the audit trail and exit (docs/server.md).
    if (app.arguments().value(1) == QLatin1String("verify"))
        return gw::AuditVerifier::runCommand(app.arguments());
    if (gw::MaintenanceCommand::isMaintenanceCommand(app.arguments())) {
        QTextStream out(stdout), err(stderr);
        return gw::MaintenanceCommand::run(app.arguments(), out, err);
    }

    gw::ServerOptions options;
    QStringList arguments;
    QString error;
    if (!gw::ServerSettingsFile::expand(app.arguments(), QProcessEnvironment::systemEnvironment(), &arguments, &error)
        || !gw::ServerOptions::parse(arguments, &options, &error)) {
        std::fprintf(stderr, "gridwhistle-server: %s\n\n%s\n%s", qPrintable(error), qPrintable(gw::ServerOptions::usage()),
                     qPrintable(gw::MaintenanceCommand::usage()));
        return 2;
    }
    if (options.showVersion) {
        std::printf("gridwhistle-server %s\n", qPrintable(gw::BuildInfo::describe()));
        return 0;
    }

    gw::ServerLog::install();
    gw::ShutdownSignals shutdownSignals;
    // Before the data dir is locked, so a misuse of --parent-pid leaves nothing behind.
    gw::ParentWatch parentWatch;
    if (options.parentPid > 0 && !parentWatch.watch(options.parentPid, &error)) {
        std::fprintf(stderr, "gridwhistle-server: %s\n", qPrintable(error));
        return 2;
    }
    gw::ServerApp server(options);
    QList<gw::Message> notices;
    const gw::Result started = server.start(&notices);
    for (const gw::Message &notice : notices)
        qInfo("%s", qPrintable(notice.text()));
    if (!started.ok) {
        qCritical("%s", qPrintable(started.message.text()));
        // The desktop client that started this server shows the reason in its own UI language.
        std::printf("GRIDWHISTLE-SERVER FAILED %s\n",
                    QJsonDocument(started.message.toJson()).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        return 1;
    }
    QObject::connect(&shutdownSignals, &gw::ShutdownSignals::shutdownRequested, &app, [&](int) {
        qInfo("shutting down");
        server.stop();
        QCoreApplication::quit();
    });
    // The client that started this server ended (even by kill -9): stop the same way, releasing the data dir lock.
    QObject::connect(&parentWatch, &gw::ParentWatch::parentGone, &app, [&] {
        qInfo("process %lld, which started the server, has ended; shutting down", options.parentPid);
        server.stop();
        QCoreApplication::quit();
    });
    qInfo("gridwhistle-server %s listening on %s", qPrintable(gw::BuildInfo::describe()), qPrintable(server.url().toString()));
    // Before the READY line, so the desktop client knows to label what it shows as demo data.
    if (server.holdsDemoData())
        std::printf("GRIDWHISTLE-SERVER DEMO-DATA\n");
    // Tests and the desktop client wait for exactly this line.
    std::printf("GRIDWHISTLE-SERVER READY %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return app.exec();
}

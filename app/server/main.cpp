// gridwhistle-server: district server for GridWhistle (see docs/server.md).
#include "auditverifier.h"
#include "buildinfo.h"
#include "maintenancecommand.h"
#include "serverapp.h"
#include "serverlog.h"
#include "serversettingsfile.h"
#include "shutdownsignals.h"
#include <QCoreApplication>
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
    gw::ServerApp server(options);
    QStringList notices;
    const gw::Result started = server.start(&notices);
    for (const QString &notice : notices)
        qInfo("%s", qPrintable(notice));
    if (!started.ok) {
        qCritical("%s", qPrintable(started.message));
        return 1;
    }
    QObject::connect(&shutdownSignals, &gw::ShutdownSignals::shutdownRequested, &app, [&](int) {
        qInfo("shutting down");
        server.stop();
        QCoreApplication::quit();
    });
    qInfo("gridwhistle-server %s listening on %s", qPrintable(gw::BuildInfo::describe()), qPrintable(server.url().toString()));
    // Tests and the desktop client wait for exactly this line.
    std::printf("GRIDWHISTLE-SERVER READY %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return app.exec();
}

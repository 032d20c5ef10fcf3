// gridwhistle-server: district server for GridWhistle (see docs/server.md).
#include "serverapp.h"
#include "shutdownsignals.h"
#include <QCoreApplication>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gridwhistle-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GW_VERSION));

    gw::ServerOptions options;
    QString error;
    if (!gw::ServerOptions::parse(app.arguments(), &options, &error)) {
        std::fprintf(stderr, "gridwhistle-server: %s\n\n%s", qPrintable(error), qPrintable(gw::ServerOptions::usage()));
        return 2;
    }
    if (options.showVersion) {
        std::printf("gridwhistle-server %s\n", GW_VERSION);
        return 0;
    }

    gw::ShutdownSignals shutdownSignals;
    gw::ServerApp server(options);
    QStringList notices;
    const gw::Result started = server.start(&notices);
    for (const QString &notice : notices)
        std::fprintf(stderr, "gridwhistle-server: %s\n", qPrintable(notice));
    if (!started.ok) {
        std::fprintf(stderr, "gridwhistle-server: %s\n", qPrintable(started.message));
        return 1;
    }
    QObject::connect(&shutdownSignals, &gw::ShutdownSignals::shutdownRequested, &app, [&](int) {
        server.stop();
        QCoreApplication::quit();
    });
    // Tests and the desktop client wait for exactly this line.
    std::printf("GRIDWHISTLE-SERVER READY %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);
    return app.exec();
}

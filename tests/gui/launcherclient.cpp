// gw_launcher_client: a desktop client cut down to its local-server start, for tst_localserverlauncher.
// It opens a client data folder, starts the district server on this computer through LocalServerLauncher and signs
// in the way the login dialog does, printing each step on stdout. The test kills it with kill -9 to play a crashed
// client. Usage: gw_launcher_client CLIENT_DATA_DIR USER PASSWORD
#include "applicationcontext.h"
#include "localserverlauncher.h"
#include "syncengine.h"
#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <cstdio>

using namespace gw;

static void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: gw_launcher_client CLIENT_DATA_DIR USER PASSWORD\n");
        return 2;
    }
    const QString dataDir = args.at(1), user = args.at(2), password = args.at(3);
    QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("gw_launcher_client"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QDir(dataDir).filePath(QStringLiteral("settings")));

    ApplicationContext context;
    const Result opened = context.open(dataDir);
    if (!opened.ok) {
        say(QStringLiteral("FAILED ") + opened.message);
        return 1;
    }
    LocalServerLauncher *launcher = context.localServer();
    SyncEngine *sync = context.sync();
    QObject::connect(launcher, &LocalServerLauncher::ready, &app, [&](const QUrl &url, const QString &caFile) {
        say(QStringLiteral("SERVER ") + url.toString());
        const Result configured = sync->configure(url, caFile);
        if (!configured.ok) {
            say(QStringLiteral("FAILED ") + configured.message);
            QCoreApplication::exit(1);
            return;
        }
        sync->login(user, password);
    });
    QObject::connect(launcher, &LocalServerLauncher::failed, &app, [](const QString &message) {
        say(QStringLiteral("FAILED ") + QString(message).replace(QLatin1Char('\n'), QLatin1Char(' ')));
        QCoreApplication::exit(1);
    });
    QObject::connect(sync, &SyncEngine::loggedIn, &app, [](const User &signedIn) {
        say(QStringLiteral("SIGNED-IN ") + signedIn.id);
    });
    QObject::connect(sync, &SyncEngine::loginFailed, &app, [](const QString &message) {
        say(QStringLiteral("FAILED ") + message);
        QCoreApplication::exit(1);
    });
    launcher->start(context.serverDataDir(), 60000);
    return app.exec();
}

// Starting the district server from the client: against the real gridwhistle-server when it is built, and
// the ways a start can fail (program missing, exits at once, never says it is ready).
// Crash recovery (issue 18): a client killed with kill -9 leaves no server behind, and is started again and signs
// in; a server orphaned by an earlier run is stopped; the server of a client that still runs is left alone.
// The "client" there is gw_launcher_client (launcherclient.cpp), a real process that can be killed.
#include "languagemanager.h"
#include "localserverlauncher.h"
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

using namespace gw;

namespace {

// The next line of `process`'s output starting with one of `prefixes`, waiting at most `timeoutMs`; "" if none.
QString waitForLine(QProcess &process, const QStringList &prefixes, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        while (process.canReadLine()) {
            const QString line = QString::fromUtf8(process.readLine()).trimmed();
            for (const QString &prefix : prefixes) {
                if (line.startsWith(prefix))
                    return line;
            }
        }
        if (deadline.hasExpired() || process.state() == QProcess::NotRunning)
            return {};
        process.waitForReadyRead(int(qBound(qint64(1), deadline.remainingTime(), qint64(1000))));
    }
}

QString signInResult(QProcess &client)
{
    return waitForLine(client, {QStringLiteral("SIGNED-IN"), QStringLiteral("FAILED")}, 90000);
}

qint64 lockHolder(const QString &lockFile)
{
    QLockFile lock(lockFile);
    qint64 pid = 0;
    return lock.getLockInfo(&pid, nullptr, nullptr) ? pid : 0;
}

bool processGone(qint64 pid)
{
#if defined(Q_OS_LINUX)
    // A zombie has ended; only its new parent's wait() is missing.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype nameEnd = text.lastIndexOf(')');
    return nameEnd > 0 && text.mid(nameEnd + 2, 1) == "Z";
#elif defined(Q_OS_UNIX)
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
#else
    Q_UNUSED(pid)
    return true;
#endif
}

// Servers a test started, directly or through a client: killed at the end if a failed check left them running.
struct ServerReaper {
    QList<qint64> pids;
    ~ServerReaper()
    {
#ifdef Q_OS_UNIX
        for (qint64 pid : pids) {
            if (pid > 0 && !processGone(pid))
                ::kill(pid_t(pid), SIGKILL);
        }
#endif
    }
};

void startClient(QProcess &client, const QString &clientDataDir)
{
#ifdef GW_LAUNCHER_CLIENT
    client.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    client.start(QStringLiteral(GW_LAUNCHER_CLIENT),
                 {clientDataDir, QStringLiteral("dispatcher"), QStringLiteral("gw-demo-2026")});
#else
    Q_UNUSED(client)
    Q_UNUSED(clientDataDir)
#endif
}

QStringList serverArguments(const QString &dataDir)
{
    return {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--demo-users")};
}

} // namespace

class TestLocalServerLauncher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsRealServerAndStopsIt();
    void missingProgramFailsClearly();
    void programThatExitsFailsWithItsOutput();
    void silentProgramTimesOut();
    void serverReasonIsShownInTheUiLanguage();
    void serverStopsWhenItsParentPipeCloses();
    void parentPidNeedsAPipe();
    void clientKilledHardIsStartedAgainAndSignsIn();
    void orphanOfAnEarlierRunIsStopped();
    void serverOfARunningClientIsLeftAlone();

private:
    bool haveClientAndServer();
};

bool TestLocalServerLauncher::haveClientAndServer()
{
#ifdef GW_LAUNCHER_CLIENT
    return !LocalServerLauncher::findServerBinary().isEmpty();
#else
    return false;
#endif
}

void TestLocalServerLauncher::startsRealServerAndStopsIt()
{
    const QString binary = LocalServerLauncher::findServerBinary();
    if (binary.isEmpty())
        QSKIP("gridwhistle-server is not part of this build");
    QTemporaryDir dir;
    LocalServerLauncher launcher;
    QSignalSpy ready(&launcher, &LocalServerLauncher::ready);
    QSignalSpy failed(&launcher, &LocalServerLauncher::failed);
    launcher.start(dir.filePath(QStringLiteral("server")), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1 || failed.count() == 1, 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const QUrl url = ready.first().at(0).toUrl();
    QCOMPARE(url.scheme(), QStringLiteral("https"));
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);
    QVERIFY(QFile::exists(launcher.caCertificateFile()));
    QVERIFY(launcher.isRunning());
    launcher.stop();
    QVERIFY(!launcher.isRunning());
    QVERIFY(failed.isEmpty());  // a requested stop is not a failure
}

void TestLocalServerLauncher::missingProgramFailsClearly()
{
    QTemporaryDir dir;
    LocalServerLauncher launcher;
    launcher.setServerBinary(dir.filePath(QStringLiteral("no-such-server")));
    QSignalSpy failed(&launcher, &LocalServerLauncher::failed);
    QSignalSpy ready(&launcher, &LocalServerLauncher::ready);
    launcher.start(dir.filePath(QStringLiteral("server")), 5000);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("gridwhistle-server")));
    QCOMPARE(ready.count(), 0);
}

void TestLocalServerLauncher::programThatExitsFailsWithItsOutput()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("broken-server.sh"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\necho 'cannot open database: disk full' >&2\nexit 3\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    LocalServerLauncher launcher;
    launcher.setServerBinary(script);
    QSignalSpy failed(&launcher, &LocalServerLauncher::failed);
    launcher.start(dir.filePath(QStringLiteral("server")), 10000);
    QTRY_COMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("exit code 3")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("disk full")), qPrintable(message));
}

// Issue 18: the real server refusing to start (here: its database file is not a database) sends its reason as a
// message, and the client shows it in the UI language rather than the server's English console line.
void TestLocalServerLauncher::serverReasonIsShownInTheUiLanguage()
{
    if (LocalServerLauncher::findServerBinary().isEmpty())
        QSKIP("gridwhistle-server is not part of this build");
    QTemporaryDir dir;
    const QString serverDir = dir.filePath(QStringLiteral("server"));
    QVERIFY(QDir().mkpath(serverDir));
    QFile damaged(QDir(serverDir).filePath(QStringLiteral("server.sqlite")));
    QVERIFY(damaged.open(QIODevice::WriteOnly));
    damaged.write(QByteArray(8192, 'x'));
    damaged.close();
    QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath(QStringLiteral("settings")));
    LanguageManager language;
    QVERIFY(language.setLanguage(QStringLiteral("zh_CN")));
    LocalServerLauncher launcher;
    QSignalSpy failed(&launcher, &LocalServerLauncher::failed);
    launcher.start(serverDir, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QStringLiteral("数据库")), qPrintable(message));
    QVERIFY2(message.contains(QDir::toNativeSeparators(damaged.fileName())) || message.contains(damaged.fileName()),
             qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("Database error")), qPrintable(message));
    QVERIFY(!launcher.isRunning());
    QCOMPARE(damaged.size(), qint64(8192));  // nothing of the user's file was touched
}

void TestLocalServerLauncher::silentProgramTimesOut()
{
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("hanging-server.sh"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\necho 'starting'\nexec sleep 30\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    LocalServerLauncher launcher;
    launcher.setServerBinary(script);
    QSignalSpy failed(&launcher, &LocalServerLauncher::failed);
    launcher.start(dir.filePath(QStringLiteral("server")), 1000);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("ready")));
    QVERIFY(!launcher.isRunning());  // the hanging process was stopped
}

void TestLocalServerLauncher::serverStopsWhenItsParentPipeCloses()
{
#ifndef Q_OS_UNIX
    QSKIP("the Windows path waits on the parent's process handle (docs/install-windows.md)");
#endif
    const QString binary = LocalServerLauncher::findServerBinary();
    if (binary.isEmpty())
        QSKIP("gridwhistle-server is not part of this build");
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("server"));
    ServerReaper reaper;
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(binary, serverArguments(dataDir) << QStringLiteral("--parent-pid")
                                                  << QString::number(QCoreApplication::applicationPid()));
    QVERIFY(server.waitForStarted(10000));
    reaper.pids << server.processId();
    QVERIFY(!waitForLine(server, {QStringLiteral("GRIDWHISTLE-SERVER READY")}, 60000).isEmpty());
    QVERIFY(QFile::exists(QDir(dataDir).filePath(QStringLiteral("server.lock"))));
    server.closeWriteChannel();  // what the kernel does for a client that dies
    QVERIFY(server.waitForFinished(15000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);  // its clean shutdown, not a signal
    QVERIFY(!QFile::exists(QDir(dataDir).filePath(QStringLiteral("server.lock"))));
    const QByteArray log = server.readAll();
    QVERIFY2(log.contains("has ended; shutting down"), log.constData());
}

void TestLocalServerLauncher::parentPidNeedsAPipe()
{
#ifndef Q_OS_UNIX
    QSKIP("only Linux/macOS watch standard input");
#endif
    const QString binary = LocalServerLauncher::findServerBinary();
    if (binary.isEmpty())
        QSKIP("gridwhistle-server is not part of this build");
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("server"));
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.setStandardInputFile(QProcess::nullDevice());  // would read as "parent gone" at once: refused instead
    server.start(binary, serverArguments(dataDir) << QStringLiteral("--parent-pid") << QStringLiteral("1"));
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitCode(), 2);
    const QByteArray output = server.readAll();
    QVERIFY2(output.contains("standard input to be a pipe"), output.constData());
    QVERIFY(!QFile::exists(QDir(dataDir).filePath(QStringLiteral("server.lock"))));
}

void TestLocalServerLauncher::clientKilledHardIsStartedAgainAndSignsIn()
{
    if (!haveClientAndServer())
        QSKIP("gridwhistle-server or gw_launcher_client is not part of this build");
    QTemporaryDir dir;
    const QString clientDir = dir.filePath(QStringLiteral("client"));
    const QString serverLock = QDir(clientDir).filePath(QStringLiteral("server/server.lock"));
    ServerReaper reaper;

    QProcess first;
    startClient(first, clientDir);
    QCOMPARE(signInResult(first), QStringLiteral("SIGNED-IN dispatcher"));
    const qint64 firstServer = lockHolder(serverLock);
    reaper.pids << firstServer;
    QVERIFY(firstServer > 0);
    QVERIFY(firstServer != first.processId());
    first.kill();  // kill -9: no destructor, no LocalServerLauncher::stop()
    QVERIFY(first.waitForFinished(10000));
    // The server notices by itself and shuts down cleanly, which removes its lock file.
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(serverLock), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(firstServer), 10000);

    QProcess second;  // the user starts the client again; its claim on the folder is stale and taken over
    startClient(second, clientDir);
    QCOMPARE(signInResult(second), QStringLiteral("SIGNED-IN dispatcher"));
    const qint64 secondServer = lockHolder(serverLock);
    reaper.pids << secondServer;
    QVERIFY(secondServer > 0);
    QVERIFY(secondServer != firstServer);
    second.kill();
    QVERIFY(second.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(serverLock), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(processGone(secondServer), 10000);
}

void TestLocalServerLauncher::orphanOfAnEarlierRunIsStopped()
{
    if (!haveClientAndServer())
        QSKIP("gridwhistle-server or gw_launcher_client is not part of this build");
    QTemporaryDir dir;
    const QString clientDir = dir.filePath(QStringLiteral("client"));
    const QString serverDir = QDir(clientDir).filePath(QStringLiteral("server"));
    const QString serverLock = QDir(serverDir).filePath(QStringLiteral("server.lock"));
    ServerReaper reaper;

    // What an older client version left behind: a server on the client's folder that does not watch its parent.
    QProcess orphan;
    orphan.setProcessChannelMode(QProcess::MergedChannels);
    orphan.start(LocalServerLauncher::findServerBinary(), serverArguments(serverDir));
    QVERIFY(orphan.waitForStarted(10000));
    reaper.pids << orphan.processId();
    QVERIFY(!waitForLine(orphan, {QStringLiteral("GRIDWHISTLE-SERVER READY")}, 60000).isEmpty());
    QCOMPARE(lockHolder(serverLock), orphan.processId());

    QProcess client;
    startClient(client, clientDir);
    QCOMPARE(signInResult(client), QStringLiteral("SIGNED-IN dispatcher"));
    QVERIFY(orphan.waitForFinished(10000));
#ifdef Q_OS_UNIX
    QCOMPARE(orphan.exitStatus(), QProcess::NormalExit);
    QCOMPARE(orphan.exitCode(), 0);  // SIGTERM took the server's clean shutdown, no SIGKILL was needed
#endif
    const qint64 ownServer = lockHolder(serverLock);
    reaper.pids << ownServer;
    QVERIFY(ownServer > 0);
    QVERIFY(ownServer != orphan.processId());
    client.kill();
    QVERIFY(client.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(serverLock), 20000);
}

void TestLocalServerLauncher::serverOfARunningClientIsLeftAlone()
{
    if (!haveClientAndServer())
        QSKIP("gridwhistle-server or gw_launcher_client is not part of this build");
    QTemporaryDir dir;
    const QString clientDir = dir.filePath(QStringLiteral("client"));
    const QString serverDir = QDir(clientDir).filePath(QStringLiteral("server"));
    const QString serverLock = QDir(serverDir).filePath(QStringLiteral("server.lock"));
    ServerReaper reaper;

    QProcess client;
    startClient(client, clientDir);
    QCOMPARE(signInResult(client), QStringLiteral("SIGNED-IN dispatcher"));
    const qint64 server = lockHolder(serverLock);
    reaper.pids << server;
    QVERIFY(server > 0);

    // A second client window on the same folder: the first one's server is in use, not stale.
    LocalServerLauncher second;
    QSignalSpy ready(&second, &LocalServerLauncher::ready);
    QSignalSpy failed(&second, &LocalServerLauncher::failed);
    second.start(serverDir, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(QString::number(client.processId())), qPrintable(message));
    QCOMPARE(ready.count(), 0);
    QVERIFY(!second.isRunning());
    QCOMPARE(lockHolder(serverLock), server);
    QVERIFY(!processGone(server));

    client.kill();
    QVERIFY(client.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(serverLock), 20000);
}

QTEST_GUILESS_MAIN(TestLocalServerLauncher)
#include "tst_localserverlauncher.moc"

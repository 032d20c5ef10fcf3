// Starting the district server from the client: against the real gridwhistle-server when it is built, and
// the ways a start can fail (program missing, exits at once, never says it is ready).
#include "localserverlauncher.h"
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestLocalServerLauncher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsRealServerAndStopsIt();
    void missingProgramFailsClearly();
    void programThatExitsFailsWithItsOutput();
    void silentProgramTimesOut();
};

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

QTEST_GUILESS_MAIN(TestLocalServerLauncher)
#include "tst_localserverlauncher.moc"

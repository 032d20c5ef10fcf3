#include "localserverlauncher.h"
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>
#ifdef Q_OS_WIN
#include <qt_windows.h>
#else
#include <cerrno>
#include <csignal>
#endif

namespace gw {

namespace {
const char ServerProgram[] = "gridwhistle-server";
const char ServerLockName[] = "server.lock";      // ServerApp::lockFilePath (the gui does not link the server)
const char ClaimLockName[] = "launcher.lock";
const char ServerDatabaseName[] = "server.sqlite";  // ServerApp::openDatabase
constexpr int KeptOutputLines = 8;
constexpr int OrphanGraceMs = 5000;   // for its clean shutdown after SIGTERM
constexpr int OrphanKillMs = 5000;    // after SIGKILL, until we give up

// Asks process `pid` to end (force: at once). Gone already counts as success.
bool endProcess(qint64 pid, bool force, QString *error)
{
#ifdef Q_OS_WIN
    // No polite request reaches a windowless console program; the server's SQLite journal makes an abrupt end safe.
    Q_UNUSED(force)
    const HANDLE process = OpenProcess(PROCESS_TERMINATE, FALSE, DWORD(pid));
    if (!process) {
        const DWORD code = GetLastError();
        if (code == ERROR_INVALID_PARAMETER)  // no such process
            return true;
        *error = qt_error_string(int(code));
        return false;
    }
    const bool ended = TerminateProcess(process, 1) != 0;
    if (!ended)
        *error = qt_error_string(int(GetLastError()));
    CloseHandle(process);
    return ended;
#else
    if (::kill(pid_t(pid), force ? SIGKILL : SIGTERM) == 0 || errno == ESRCH)
        return true;
    *error = qt_error_string(errno);
    return false;
#endif
}
}

LocalServerLauncher::LocalServerLauncher(QObject *parent)
    : QObject(parent), m_binary(findServerBinary())
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("The local district server did not report that it is ready within %1 seconds.")
                 .arg(m_timeout.interval() / 1000));
        stop();
    });
    // Merged so that a server which dies at start-up explains itself in the error message.
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &LocalServerLauncher::readOutput);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(tr("Cannot start the local district server \"%1\": %2").arg(m_binary, m_process.errorString()));
    });
    connect(&m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        readOutput();
        if (!m_ready && !m_startFailure.isEmpty())  // the server said why, as a message we render in our language
            fail(tr("The local district server could not start: %1").arg(m_startFailure.text()));
        else if (!m_ready)
            fail(status == QProcess::CrashExit
                     ? tr("The local district server crashed while starting.%1").arg(recentOutput())
                     : tr("The local district server stopped while starting (exit code %1).%2")
                           .arg(exitCode).arg(recentOutput()));
        m_ready = false;
        m_claim.reset();
    });
    m_orphanPoll.setInterval(100);
    connect(&m_orphanPoll, &QTimer::timeout, this, &LocalServerLauncher::checkOrphanGone);
}

LocalServerLauncher::~LocalServerLauncher()
{
    stop();
}

QString LocalServerLauncher::findServerBinary()
{
    const QString fromEnv = qEnvironmentVariable("GW_LOCAL_SERVER_PROGRAM");
    if (!fromEnv.isEmpty())
        return QFileInfo(fromEnv).isExecutable() ? fromEnv : QString();
#ifdef Q_OS_WIN
    const QString name = QStringLiteral("%1.exe").arg(QLatin1String(ServerProgram));
#else
    const QString name = QLatin1String(ServerProgram);
#endif
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {appDir.filePath(name), appDir.filePath(QStringLiteral("../server/") + name),
                                     appDir.filePath(QStringLiteral("../app/server/") + name),
                                     appDir.filePath(QStringLiteral("../../app/server/") + name)}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QLatin1String(ServerProgram));
}

void LocalServerLauncher::start(const QString &serverDataDir, int timeoutMs)
{
    stop();
    m_ready = false;
    m_failed = false;
    m_startFailure = Message();
    m_pending.clear();
    m_recentLines.clear();
    m_url.clear();
    m_dataDir = serverDataDir;
    m_caFile.clear();
    m_demoData = false;
    m_firstStart = !QFileInfo::exists(QDir(serverDataDir).filePath(QLatin1String(ServerDatabaseName)));
    if (m_binary.isEmpty() || !QFileInfo(m_binary).isExecutable()) {
        // Queued so callers can connect to failed() after start() the same way as for a late failure.
        QMetaObject::invokeMethod(this, [this] {
            fail(tr("The district server program (%1) was not found next to the client. "
                    "Reinstall GridWhistle or connect to the district server instead.")
                     .arg(QLatin1String(ServerProgram)));
        }, Qt::QueuedConnection);
        return;
    }
    if (!QDir().mkpath(serverDataDir)) {
        QMetaObject::invokeMethod(this, [this] {
            fail(tr("Cannot create the server's data folder %1.").arg(QDir::toNativeSeparators(m_dataDir)));
        }, Qt::QueuedConnection);
        return;
    }
    // Only a dead holder makes either lock stale, never its age: a server runs for days.
    m_claim = std::make_unique<QLockFile>(QDir(serverDataDir).filePath(QLatin1String(ClaimLockName)));
    m_claim->setStaleLockTime(0);
    if (!m_claim->tryLock(0)) {
        qint64 pid = 0;
        const bool held = m_claim->error() == QLockFile::LockFailedError && m_claim->getLockInfo(&pid, nullptr, nullptr);
        m_claim.reset();
        const QString message =
            held ? tr("Another GridWhistle window (process %1) is already running the district server on this "
                      "computer. Sign in there, or close it and try again.").arg(pid)
                 : tr("Cannot lock the server's data folder %1.").arg(QDir::toNativeSeparators(serverDataDir));
        QMetaObject::invokeMethod(this, [this, message] { fail(message); }, Qt::QueuedConnection);
        return;
    }
    m_timeout.start(timeoutMs);
    QLockFile serverLock(QDir(serverDataDir).filePath(QLatin1String(ServerLockName)));
    serverLock.setStaleLockTime(0);
    if (!serverLock.tryLock(0)) {
        qint64 pid = 0;
        QString host, appName;
        // Held by a live server on this computer while no client claims the folder: left over from an earlier run.
        // Anything else (a server on another computer sharing the folder) the server itself explains.
        if (serverLock.error() == QLockFile::LockFailedError && serverLock.getLockInfo(&pid, &host, &appName)
            && (host.isEmpty() || host == QSysInfo::machineHostName()) && isServerProgramName(appName)) {
            stopOrphan(pid);
            return;
        }
    }
    serverLock.unlock();
    launch();
}

void LocalServerLauncher::launch()
{
    // --parent-pid: the server stops by itself when this client dies. On Linux/macOS it watches its stdin, the
    // write channel QProcess keeps open for us until we exit, so that channel must never be closed here.
    QStringList arguments{QStringLiteral("--data-dir"), m_dataDir, QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                          QStringLiteral("--demo-users"), QStringLiteral("--parent-pid"),
                          QString::number(QCoreApplication::applicationPid())};
    // A new folder: the server fills its new database with the demo district (a few seconds at most).
    if (m_firstStart)
        arguments.append(QStringLiteral("--demo-data"));
    m_process.start(m_binary, arguments);
}

void LocalServerLauncher::stopOrphan(qint64 pid)
{
    qInfo("Stopping the district server (process %lld) left running by an earlier start in %s", pid,
          qPrintable(QDir::toNativeSeparators(m_dataDir)));
    QString error;
    if (!endProcess(pid, false, &error)) {
        const QString message = tr("A district server left running by an earlier start (process %1) cannot be "
                                   "stopped: %2").arg(pid).arg(error);
        QMetaObject::invokeMethod(this, [this, message] {
            fail(message);
            stop();
        }, Qt::QueuedConnection);
        return;
    }
    m_orphanPid = pid;
    m_orphanKilled = false;
    m_orphanClock.start();
    m_orphanPoll.start();
}

void LocalServerLauncher::checkOrphanGone()
{
    QLockFile serverLock(QDir(m_dataDir).filePath(QLatin1String(ServerLockName)));
    serverLock.setStaleLockTime(0);
    if (serverLock.tryLock(0)) {  // released by its clean shutdown, or stale once the process is gone
        serverLock.unlock();
        m_orphanPoll.stop();
        launch();
        return;
    }
    QString error;
    if (!m_orphanKilled && m_orphanClock.elapsed() > OrphanGraceMs) {
        m_orphanKilled = true;
        endProcess(m_orphanPid, true, &error);
    } else if (m_orphanClock.elapsed() > OrphanGraceMs + OrphanKillMs) {
        fail(tr("A district server left running by an earlier start (process %1) did not stop. End it in the "
                "task manager and try again.").arg(m_orphanPid));
        stop();
    }
}

bool LocalServerLauncher::isServerProgramName(const QString &appName) const
{
    // QLockFile records the executable's file name ("gridwhistle-server", "gridwhistle-server.exe").
    return appName.compare(QFileInfo(m_binary).fileName(), Qt::CaseInsensitive) == 0
           || QFileInfo(appName).completeBaseName().compare(QLatin1String(ServerProgram), Qt::CaseInsensitive) == 0;
}

void LocalServerLauncher::stop()
{
    m_timeout.stop();
    m_orphanPoll.stop();
    if (m_process.state() != QProcess::NotRunning) {
        m_ready = true;  // a stop we asked for is not a start-up failure
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
        m_ready = false;
    }
    m_claim.reset();
}

bool LocalServerLauncher::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

void LocalServerLauncher::readOutput()
{
    m_pending += m_process.readAllStandardOutput();
    static const QRegularExpression readyLine(
        QStringLiteral("^GRIDWHISTLE-SERVER READY (https://127\\.0\\.0\\.1:\\d+)/?\\s*$"));
    int newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(newline)).trimmed();
        m_pending.remove(0, newline + 1);
        if (line.isEmpty())
            continue;
        static const QLatin1String failedPrefix("GRIDWHISTLE-SERVER FAILED ");
        if (line.startsWith(failedPrefix)) {
            Message reason;
            if (Message::fromJson(QJsonDocument::fromJson(line.mid(failedPrefix.size()).toUtf8()).object(), &reason))
                m_startFailure = reason;
            continue;
        }
        m_recentLines.append(line);
        while (m_recentLines.size() > KeptOutputLines)
            m_recentLines.removeFirst();
        if (m_ready || m_failed)
            continue;
        if (line == QLatin1String("GRIDWHISTLE-SERVER DEMO-DATA"))  // printed just before READY
            m_demoData = true;
        const QRegularExpressionMatch m = readyLine.match(line);
        if (m.hasMatch()) {
            m_timeout.stop();
            m_ready = true;
            m_url = QUrl(m.captured(1));
            m_caFile = certificateIn(m_dataDir);
            emit ready(m_url, m_caFile);
        }
    }
    // A server that never prints a newline must not make us hold its whole output.
    if (m_pending.size() > 64 * 1024)
        m_pending.clear();
}

void LocalServerLauncher::fail(const QString &message)
{
    if (m_failed || m_ready)
        return;
    m_failed = true;
    m_timeout.stop();
    emit failed(message);
}

QString LocalServerLauncher::certificateIn(const QString &serverDataDir)
{
    // server.crt when an administrator placed one; dev-cert.pem is the self-signed one the server makes itself.
    const QDir dir(serverDataDir);
    for (const char *name : {"server.crt", "dev-cert.pem"}) {
        if (QFileInfo::exists(dir.filePath(QLatin1String(name))))
            return dir.filePath(QLatin1String(name));
    }
    return dir.filePath(QStringLiteral("server.crt"));
}

QString LocalServerLauncher::recentOutput() const
{
    if (m_recentLines.isEmpty())
        return {};
    return QStringLiteral("\n\n") + m_recentLines.join(QLatin1Char('\n'));
}

} // namespace gw

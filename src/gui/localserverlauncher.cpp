#include "localserverlauncher.h"
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace gw {

namespace {
const char ServerProgram[] = "gridwhistle-server";
constexpr int KeptOutputLines = 8;
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
        if (!m_ready)
            fail(status == QProcess::CrashExit
                     ? tr("The local district server crashed while starting.%1").arg(recentOutput())
                     : tr("The local district server stopped while starting (exit code %1).%2")
                           .arg(exitCode).arg(recentOutput()));
        m_ready = false;
    });
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
    if (isRunning())
        stop();
    m_ready = false;
    m_failed = false;
    m_pending.clear();
    m_recentLines.clear();
    m_url.clear();
    m_dataDir = serverDataDir;
    m_caFile.clear();
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
    m_timeout.start(timeoutMs);
    m_process.start(m_binary, {QStringLiteral("--data-dir"), serverDataDir, QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0"),
                               QStringLiteral("--demo-users")});
}

void LocalServerLauncher::stop()
{
    m_timeout.stop();
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_ready = true;  // a stop we asked for is not a start-up failure
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
    m_ready = false;
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
        m_recentLines.append(line);
        while (m_recentLines.size() > KeptOutputLines)
            m_recentLines.removeFirst();
        if (m_ready || m_failed)
            continue;
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

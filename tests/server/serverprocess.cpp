#include "serverprocess.h"
#include <QDeadlineTimer>
#include <QFileInfo>

namespace gw::test {

ServerProcess::~ServerProcess() { stop(); }

QString ServerProcess::executable() { return QStringLiteral(GW_SERVER_EXECUTABLE); }

QString ServerProcess::start(const QString &dataDir, const QStringList &extraArgs)
{
    stop();
    m_process = new QProcess;
    m_output.clear();
    m_stdout.clear();
    QStringList args{"--data-dir", dataDir, "--listen", "127.0.0.1", "--port", "0", "--pbkdf2-iterations", "1000"};
    args += extraArgs;
    m_process->start(executable(), args);
    if (!m_process->waitForStarted(10000))
        return QStringLiteral("cannot start %1: %2").arg(executable(), m_process->errorString());
    QByteArray out;
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        m_output += QString::fromUtf8(m_process->readAllStandardError());
        const int at = out.indexOf("GRIDWHISTLE-SERVER READY ");
        if (at >= 0 && out.indexOf('\n', at) > at) {
            const QByteArray line = out.mid(at, out.indexOf('\n', at) - at);
            m_url = QUrl(QString::fromUtf8(line.mid(int(strlen("GRIDWHISTLE-SERVER READY ")))).trimmed());
            m_stdout += QString::fromUtf8(out);
            return {};
        }
        if (m_process->state() == QProcess::NotRunning)
            return QStringLiteral("server exited (%1): %2").arg(m_process->exitCode()).arg(m_output);
    }
    return QStringLiteral("server did not report READY within 60 s: %1").arg(m_output);
}

void ServerProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(15000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_output += QString::fromUtf8(m_process->readAllStandardError());
    m_stdout += QString::fromUtf8(m_process->readAllStandardOutput());
    delete m_process;
    m_process = nullptr;
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_output += QString::fromUtf8(m_process->readAllStandardError());
    m_stdout += QString::fromUtf8(m_process->readAllStandardOutput());
    delete m_process;
    m_process = nullptr;
}

} // namespace gw::test

#pragma once
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace gw::test {

// The real gridwhistle-server, started from the build dir on 127.0.0.1 with a free port.
class ServerProcess
{
public:
    ~ServerProcess();
    // Starts the server and waits for its READY line. Returns an empty string on success, else the reason.
    QString start(const QString &dataDir, const QStringList &extraArgs);
    void stop();   // SIGTERM, then wait
    void kill();   // SIGKILL
    bool isRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }
    QUrl url() const { return m_url; }
    QString output() const { return m_output; }  // what the server wrote to stderr so far
    // What the server wrote to stdout: complete once stop() or kill() returned.
    QString standardOutput() const { return m_stdout; }
    static QString executable();

private:
    QProcess *m_process = nullptr;
    QUrl m_url;
    QString m_output;
    QString m_stdout;
};

} // namespace gw::test

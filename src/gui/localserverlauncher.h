#pragma once
#include "message.h"
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>
#include <QUrl>
#include <memory>

class QLockFile;

namespace gw {

// Runs a district server on this computer for a single-desk setup or a demo: starts the
// `gridwhistle-server` program found next to the client, waits until it announces its address on stdout
// ("GRIDWHISTLE-SERVER READY https://127.0.0.1:<port>") and stops it again when the client quits.
// The client never strands the user with a server it can no longer reach:
// - the server is started with `--parent-pid <client>` and stops by itself when the client dies, even by kill -9
//   or Task Manager (src/server/parentwatch.h);
// - while it runs a server, the client holds `launcher.lock` in the server's data dir. A start that finds the
//   server's own lock (server.lock) held by a live gridwhistle-server while launcher.lock is free has found an
//   orphan of an earlier run (an older client without --parent-pid, or a server that hung): it stops it (SIGTERM,
//   the server's clean shutdown; SIGKILL after 5 s; on Windows TerminateProcess) and starts its own. If another
//   client still holds launcher.lock, its server is in use and is left alone.
// Taking the orphan over instead was not chosen: its port, demo accounts and version are unknown, and it would
// still not stop with this client.
class LocalServerLauncher : public QObject
{
    Q_OBJECT
public:
    explicit LocalServerLauncher(QObject *parent = nullptr);
    ~LocalServerLauncher() override;

    // Where the server program is looked for: $GW_LOCAL_SERVER_PROGRAM (not GW_SERVER_*: those are the server's own settings), the client's own directory, the build
    // tree's app/server next to app/client, then PATH. Empty when not found.
    static QString findServerBinary();
    void setServerBinary(const QString &path) { m_binary = path; }
    QString serverBinary() const { return m_binary; }

    // Starts the server with its data in `serverDataDir`; ready() or failed() follows, never both.
    void start(const QString &serverDataDir, int timeoutMs = 30000);
    void stop();
    bool isRunning() const;
    bool isReady() const { return m_ready; }
    QUrl url() const { return m_url; }
    // The server's self-signed certificate, trusted as the CA for this connection (known once ready).
    QString caCertificateFile() const { return m_caFile; }
    // The server said its database holds the demo district (known once ready). The first start in a new data
    // folder asks for one (--demo-data), so a newcomer sees a living district; windows label it as demo data.
    bool servesDemoData() const { return m_demoData; }
    static QString certificateIn(const QString &serverDataDir);

Q_SIGNALS:
    void ready(const QUrl &url, const QString &caCertificateFile);
    void failed(const QString &message);

private:
    void readOutput();
    void fail(const QString &message);
    QString recentOutput() const;
    void launch();
    void stopOrphan(qint64 pid);
    void checkOrphanGone();
    bool isServerProgramName(const QString &appName) const;

    QProcess m_process;
    QTimer m_timeout;
    std::unique_ptr<QLockFile> m_claim;  // launcher.lock: this client runs the server on m_dataDir
    QTimer m_orphanPoll;
    QElapsedTimer m_orphanClock;
    qint64 m_orphanPid = 0;
    bool m_orphanKilled = false;
    QString m_binary;
    QString m_dataDir;
    QByteArray m_pending;       // stdout not yet split into lines
    QStringList m_recentLines;  // last lines of output, quoted in error messages
    Message m_startFailure;     // the reason the server gave for not starting (GRIDWHISTLE-SERVER FAILED)
    QUrl m_url;
    QString m_caFile;
    bool m_ready = false;
    bool m_failed = false;
    bool m_firstStart = false;  // no server database in the data folder yet
    bool m_demoData = false;
};

} // namespace gw

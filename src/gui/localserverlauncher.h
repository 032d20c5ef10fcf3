#pragma once
#include <QObject>
#include <QProcess>
#include <QTimer>
#include <QUrl>

namespace gw {

// Runs a district server on this computer for a single-desk setup or a demo: starts the
// `gridwhistle-server` program found next to the client, waits until it announces its address on stdout
// ("GRIDWHISTLE-SERVER READY https://127.0.0.1:<port>") and stops it again when the client quits.
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
    static QString certificateIn(const QString &serverDataDir);

Q_SIGNALS:
    void ready(const QUrl &url, const QString &caCertificateFile);
    void failed(const QString &message);

private:
    void readOutput();
    void fail(const QString &message);
    QString recentOutput() const;

    QProcess m_process;
    QTimer m_timeout;
    QString m_binary;
    QString m_dataDir;
    QByteArray m_pending;       // stdout not yet split into lines
    QStringList m_recentLines;  // last lines of output, quoted in error messages
    QUrl m_url;
    QString m_caFile;
    bool m_ready = false;
    bool m_failed = false;
};

} // namespace gw

#pragma once
#include "result.h"
#include "user.h"
#include <QObject>
#include <QUrl>

namespace gw {

class CaseStore;
class AttachmentTransfer;
class CityExchangeClient;
class SyncEngine;
class SyncScheduler;
class LocalServerLauncher;

// What the windows of one running client share: the local store, the sync engine, the signed-in user,
// the data folder and the connection settings. Created by main() (or a test) before any window.
class ApplicationContext : public QObject
{
    Q_OBJECT
public:
    explicit ApplicationContext(QObject *parent = nullptr);
    ~ApplicationContext() override;

    // $GW_DATA_DIR if set, else the platform's per-user application data folder.
    static QString defaultDataDir();
    // Creates the folder if needed and opens (migrating) <dataDir>/client.sqlite.
    Result open(const QString &dataDir);
    QString dataDir() const { return m_dataDir; }
    QString serverDataDir() const;  // where a local district server keeps its files

    CaseStore *store() const { return m_store; }
    SyncEngine *sync() const { return m_sync; }
    // When to sync unasked (sign-in, back online, wake, window activation, every autoSyncMinutes()).
    SyncScheduler *syncScheduler() const { return m_scheduler; }
    // The district server's city exchange (case city state, admin view).
    CityExchangeClient *cityExchange() const { return m_cityExchange; }
    // Uploads attachments after each successful sync and downloads them on demand; null when sync() is null.
    AttachmentTransfer *attachments() const { return m_attachments; }
    LocalServerLauncher *localServer();
    // Signed in to the local district server, which holds the demo district: windows say "demo data".
    bool showsDemoData() const;

    const User &currentUser() const { return m_user; }
    bool hasUser() const { return !m_user.id.isEmpty(); }
    void setCurrentUser(const User &user);
    bool isWorkingOffline() const { return m_offline; }
    void setWorkingOffline(bool offline);

    // Connection settings (QSettings "connection/*").
    enum class ConnectionMode { LocalServer, RemoteServer };
    ConnectionMode connectionMode() const;
    void setConnectionMode(ConnectionMode mode);
    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    QString caCertificateFile() const;
    void setCaCertificateFile(const QString &path);
    QString lastUserId() const;
    void setLastUserId(const QString &userId);
    int autoSyncMinutes() const;  // 0 = off
    void setAutoSyncMinutes(int minutes);
    // The main window locks after this many minutes without input (issue 17); 1 to 240, default 15.
    int idleLockMinutes() const;
    void setIdleLockMinutes(int minutes);
    bool isFirstRun() const;      // no connection was ever set up on this computer
    void markConfigured();

    // The accounts a local district server creates with --demo-users (password in demoPassword()).
    static QList<User> demoUsers();
    static QString demoPassword();
    // Readable "name (role, org unit)" for titles and the status bar.
    static QString describeUser(const User &user);

Q_SIGNALS:
    void currentUserChanged(const gw::User &user);
    void offlineChanged(bool offline);
    void idleLockMinutesChanged(int minutes);

private:
    QString m_dataDir;
    CaseStore *m_store = nullptr;
    SyncEngine *m_sync = nullptr;
    SyncScheduler *m_scheduler = nullptr;
    CityExchangeClient *m_cityExchange = nullptr;
    AttachmentTransfer *m_attachments = nullptr;
    LocalServerLauncher *m_localServer = nullptr;
    User m_user;
    bool m_offline = false;
};

} // namespace gw

#pragma once
#include "apireply.h"
#include "result.h"
#include "user.h"
#include <QDateTime>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

namespace gw {

class CaseStore;

// Keeps a CaseStore in step with the district server over HTTPS: logs in, pushes the outbox in batches,
// pulls what changed, retries with backoff. The GUI only talks to this class and to CaseStore.
class SyncEngine : public QObject
{
    Q_OBJECT
public:
    enum class State { Offline, LoggingIn, Idle, Syncing, Error };
    Q_ENUM(State)

    explicit SyncEngine(CaseStore *store, QObject *parent = nullptr);
    ~SyncEngine() override;

    // Server URL (https://host:port) and an optional PEM file of the district CA to trust.
    Result configure(const QUrl &serverUrl, const QString &caCertificateFile);
    QUrl serverUrl() const;

    State state() const;
    QDateTime lastSyncTime() const;
    QString lastError() const;
    User currentUser() const;
    bool isLoggedIn() const;
    // Restores the last session cached in the store so the user can work offline.
    // The saved session of the last person signed in here; its token comes from the keychain, or from the file
    // encrypted with `password` (SessionVault).
    bool restoreCachedSession(const QString &password = QString());
    // Where the session token is kept, in words (keychain, or the encrypted file and why).
    QString sessionStorageNote() const;
    // Signs `userId` in without the server, with the password cached at their last online sign-in on this
    // computer (OfflineCredentials); their session is restored when it is the saved one.
    Result signInOffline(const QString &userId, const QString &password);
    // The same check without changing who is signed in (unlocking an idle window).
    Result confirmPassword(const QString &userId, const QString &password);
    // The signed-in person sets a new password on the server (online only); passwordChangeFinished() answers.
    // The new session and the offline verifier follow the new password.
    void changePassword(const QString &current, const QString &next);

    // Tuning (defaults suit the desktop client; tests and benchmarks change them).
    void setBatchSizes(int pushBatch, int pullPage);          // default 1000 and 1000
    void setRetryPolicy(int maxRetries, int initialDelayMs, int maxDelayMs);  // default 5, 1000, 30000
    void setRequestTimeout(int milliseconds);                 // default 60000, per request without progress
    bool isSyncing() const;

    // One authorized request outside the sync run (city state, admin views, attachments), with the session's
    // token and TLS settings. `handler` runs once on the event loop, and not at all if `context` is gone first.
    void request(const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body,
                 const QByteArray &contentType, QObject *context, ApiReplyHandler handler);

public Q_SLOTS:
    void login(const QString &userId, const QString &password);
    void logout();
    void syncNow();  // regular and automatic syncs: SyncScheduler

Q_SIGNALS:
    void stateChanged(gw::SyncEngine::State state);
    void loggedIn(const gw::User &user);
    void loginFailed(const QString &message);
    void progress(int pushed, int toPush, int pulled);
    void syncFinished(bool ok, const QString &message);
    void conflictsChanged(int openConflicts);
    void passwordChangeFinished(bool ok, const QString &message);
    // The district's reference data (work calendar, ...) was updated by this sync (ReferenceCache).
    void referenceDataChanged();

private:
    class Private;
    Private *d;
};

} // namespace gw

#pragma once
// SyncEngine's private half, shared by its three source files: syncengine.cpp (transport, the run's start and
// end, settings), syncrun.cpp (push, pull, reference data) and syncsession.cpp (sign-in, the saved session, the
// offline credential, passwords). Not part of the library's interface.
#include "syncengine.h"
#include "casestore.h"
#include "jsonbytes.h"
#include "offlinecredentials.h"
#include "protocol/pullpage.h"
#include "protocol/pushanswer.h"
#include "protocol/pushrequest.h"
#include "protocol/referenceset.h"
#include "referencecache.h"
#include "sessionvault.h"
#include "syncjournal.h"
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>
#include <algorithm>
#include <functional>
#include <optional>

namespace gw {

class SyncEngine::Private
{
public:
    explicit Private(SyncEngine *engine, CaseStore *caseStore) : q(engine), store(caseStore) {}

    SyncEngine *q;
    CaseStore *store;
    QNetworkAccessManager nam;
    QUrl serverUrl;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    State state = State::Offline;
    QDateTime lastSync;
    QString lastError;
    QString vaultNote;  // SessionVault::backendDescription() of the last store or load
    User user;
    QString token;
    QDateTime tokenExpires;

    // One push is one server transaction: 1000 (the server's maximum) keeps round trips and commits few.
    int pushBatch = 1000;
    int pullPage = 1000;
    int maxRetries = 5;
    int initialDelayMs = 1000;
    int maxDelayMs = 30000;
    int timeoutMs = 60000;

    // The sync run in progress.
    bool running = false;
    bool again = false;
    bool oneByOne = false;  // after a batch was refused as a whole: find the bad event
    // A push request built from the outbox: the events after `afterSeq` that fit, and the body that carries them.
    struct PushBatch {
        qint64 afterSeq = 0;
        qint64 upToSeq = 0;
        QList<CaseEvent> events;
        QByteArray body;
    };
    qint64 sentUpTo = 0;    // outbox position of the last event sent in this round of pushing
    std::optional<PushBatch> prepared;  // the batch after the one the server is working on
    std::function<void()> deferredAnswer;  // a push answer to apply once the next batch is uploaded
    int batchLimit = 1000;
    int attempt = 0;
    int pushed = 0, toPush = 0, pulled = 0;
    QPointer<QNetworkReply> reply;

    void setState(State s)
    {
        if (state == s)
            return;
        state = s;
        emit q->stateChanged(s);
    }
    bool tokenValid() const
    {
        return !token.isEmpty() && (!tokenExpires.isValid() || tokenExpires > QDateTime::currentDateTimeUtc());
    }

    QNetworkReply *sendRaw(const QByteArray &method, const QString &path, const QUrlQuery &query,
                           const QByteArray &body, const QByteArray &contentType);

    QNetworkReply *send(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                        const QJsonObject &body = {});

    // 0 when no complete answer arrived. A connection that drops (or times out) after the headers leaves
    // status 200 with a cut-off body, which must count as a network failure to retry, not as an answer.
    static int status(QNetworkReply *r)
    {
        const QNetworkReply::NetworkError e = r->error();
        if (e != QNetworkReply::NoError && e < QNetworkReply::ContentAccessDenied)
            return 0;
        return r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
    static QJsonObject json(const QByteArray &raw) { return QJsonDocument::fromJson(raw).object(); }

    // What went wrong with a reply, in words (the server's message, rendered in the UI language), and whether
    // trying again can help.
    Message describe(QNetworkReply *r, const QByteArray &raw, bool *retryable) const;

    // `offline`: the server could not be reached at all (as opposed to a refusal or a local error).
    void finish(bool ok, const QString &message, bool offline = false);

    // Fails the sync run, dropping a request already sent ahead (the next push batch or pull page): its
    // answer must not be applied after the failure.
    void finishDropping(QNetworkReply *sentAhead, const QString &message);

    // Network trouble: try the same step again later, with exponential backoff and jitter, a bounded number of times.
    void retryOrFail(const QString &message, bool retryable, const std::function<void()> &step,
                     const QStringList &pendingIds = {});

    // The body of a finished read, the reply released (it is no longer the request in flight).
    QByteArray takeAnswer(QNetworkReply *r);

    // A read (pull page, reference data) answered with anything but 200: a session the server ended ends the run;
    // anything else is tried again with `retry` while trying again can help.
    void failedRead(QNetworkReply *r, const QByteArray &raw, const std::function<void()> &retry);

    void sessionExpired(const QString &message);

    // The saved session (user, expiry, server; no token) as saveSession() wrote it, and the user it names.
    QJsonObject savedSession() const;
    QString savedSessionUserId() const;

    // Where this person's token is kept: the keychain (or the encrypted file), under this store's device id so
    // two data folders on one computer never share a session.
    SessionVault vault() const { return SessionVault(QFileInfo(store->path()).absolutePath()); }
    QString vaultAccount(const QString &userId) const { return store->deviceId() + QLatin1Char('/') + userId; }

    // The session without its token (issue 17): the token never goes into SQLite. `password` (at an online sign-in)
    // lets the vault encrypt it when no keychain answers; an empty token removes it from the vault.
    void saveSession(const QString &password = QString());

    // --- Push ---
    // Pushes the outbox from its oldest event; pulls when nothing is left to push.
    void pushNext();

    std::optional<PushBatch> buildPushBatch(qint64 afterSeq) const;

    // Sends the next outbox batch after `sentUpTo` (the one prepared while waiting, when it starts there);
    // false when there is nothing more to send.
    bool sendPushBatch();

    void onPushed(QNetworkReply *r, const QList<CaseEvent> &sent);

    // Applies the push answer that waits for its successor's upload; false when that ended the sync run.
    bool runDeferredAnswer();

    // Confirms in the store what the server took of `sent` and files what it refused; `next` is the batch
    // already on its way (dropped when this fails).
    void applyPushAnswer(const QByteArray &raw, const QList<CaseEvent> &sent, QNetworkReply *next);

    // An event the server took exactly as sent comes back as its numbering only: the pushed event plus
    // serverSeq and serverTime, at the position and with the hash the answer repeats.
    static bool acceptedAsSent(const CaseEvent &pushed, const PushResult &result, CaseEvent *out);

    // --- Pull ---
    // `after`: the cursor to read from; null means the one saved in the store.
    void pullNext(const QString &after = QString());

    void onPulled(QNetworkReply *r);

    // The last step of a run: the district's reference data, when the server has newer than this client holds
    // (an unchanged set costs one small answer). A sync is finished when the client computes with current data.
    void pullReference();
    void onReference(QNetworkReply *r);
};

} // namespace gw

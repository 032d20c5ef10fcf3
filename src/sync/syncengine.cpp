#include "syncengine.h"
#include "protocol/referenceset.h"
#include "referencecache.h"
#include "offlinecredentials.h"
#include "sessionvault.h"
#include <QFileInfo>
#include "casestore.h"
#include "jsonbytes.h"
#include "protocol/pullpage.h"
#include "protocol/pushanswer.h"
#include "protocol/pushrequest.h"
#include "syncjournal.h"
#include <QCoreApplication>
#include <QFile>
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
                           const QByteArray &body, const QByteArray &contentType)
    {
        QUrl url = serverUrl;
        url.setPath(path);
        url.setQuery(query);
        QNetworkRequest request(url);
        request.setSslConfiguration(tls);
        request.setTransferTimeout(timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
        QNetworkReply *r = nullptr;
        if (method == "GET") {
            r = nam.get(request);
        } else {
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
            r = nam.sendCustomRequest(request, method, body);
        }
        // TLS errors are never ignored; they are kept to explain the failure in words.
        QObject::connect(r, &QNetworkReply::sslErrors, r, [r](const QList<QSslError> &errors) {
            QStringList text;
            for (const QSslError &e : errors)
                text.append(e.errorString());
            r->setProperty("gwSslErrors", text.join(QStringLiteral("; ")));
        });
        return r;
    }

    QNetworkReply *send(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                        const QJsonObject &body = {})
    {
        QNetworkReply *r = sendRaw(method, path, query, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                   QByteArrayLiteral("application/json"));
        reply = r;
        return r;
    }

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
    Message describe(QNetworkReply *r, const QByteArray &raw, bool *retryable) const
    {
        const int code = status(r);
        const QString host = serverUrl.host();
        *retryable = false;
        if (code == 0) {
            const QString sslErrors = r->property("gwSslErrors").toString();
            if (r->error() == QNetworkReply::SslHandshakeFailedError || !sslErrors.isEmpty())
                return tr("The server %1 could not be verified (%2). Check the district CA certificate file in the "
                          "settings.").arg(host, sslErrors.isEmpty() ? r->errorString() : sslErrors);
            *retryable = true;
            if (r->error() == QNetworkReply::OperationCanceledError || r->error() == QNetworkReply::TimeoutError)
                return tr("The server %1 did not answer in time.").arg(host);
            return tr("Cannot reach the server %1: %2").arg(host, r->errorString());
        }
        const QJsonObject body = json(raw);
        const Message message = Message::readFrom(body, QStringLiteral("message"));
        if (code >= 500 || code == 429 || code == 408)
            *retryable = true;
        if (!message.isEmpty())
            return message;
        return tr("The server %1 answered with HTTP status %2.").arg(host).arg(code);
    }

    // `offline`: the server could not be reached at all (as opposed to a refusal or a local error).
    void finish(bool ok, const QString &message, bool offline = false)
    {
        running = false;
        reply = nullptr;
        deferredAnswer = nullptr;  // never applied after the run: its events stay queued and come back as duplicates
        if (ok) {
            lastSync = QDateTime::currentDateTimeUtc();
            store->journal().setSyncValue(QStringLiteral("last_sync"), CaseEvent::timeToString(lastSync));
            lastError.clear();
            setState(State::Idle);
        } else {
            lastError = message;
            setState(tokenValid() && !offline ? State::Error : State::Offline);
        }
        emit q->syncFinished(ok, message);
        emit q->conflictsChanged(store->journal().openConflictCount());
        if (again && ok) {
            again = false;
            QTimer::singleShot(0, q, [this]() { q->syncNow(); });
        }
        again = false;
    }

    // Fails the sync run, dropping a request already sent ahead (the next push batch or pull page): its
    // answer must not be applied after the failure.
    void finishDropping(QNetworkReply *sentAhead, const QString &message)
    {
        if (sentAhead) {
            sentAhead->disconnect(q);
            sentAhead->abort();
            sentAhead->deleteLater();
        }
        finish(false, message);
    }

    // Network trouble: try the same step again later, with exponential backoff and jitter, a bounded number of times.
    void retryOrFail(const QString &message, bool retryable, const std::function<void()> &step,
                     const QStringList &pendingIds = {})
    {
        if (!pendingIds.isEmpty())
            store->journal().recordPushFailure(pendingIds, message);
        if (!retryable || attempt >= maxRetries) {
            finish(false, message, retryable);
            return;
        }
        const int delay = qMin(maxDelayMs, initialDelayMs << qMin(attempt, 16));
        const int jitter = QRandomGenerator::global()->bounded(qMax(1, delay / 4));
        ++attempt;
        lastError = message;
        QTimer::singleShot(delay + jitter, q, [this, step]() {
            if (running)
                step();
        });
    }

    void sessionExpired(const QString &message)
    {
        // The server no longer accepts this person's session before its time (password changed, account disabled
        // or session revoked): the offline sign-in cached with it goes too. A session that merely ran out keeps it.
        const bool ranOut = tokenExpires.isValid() && tokenExpires <= QDateTime::currentDateTimeUtc().addSecs(120);
        if (!ranOut)
            OfflineCredentials(store->journal()).forget(user.id);
        token.clear();
        tokenExpires = {};
        saveSession();
        finish(false, message);
        setState(State::Offline);
    }

    // The saved session (user, expiry, server; no token) as saveSession() wrote it, and the user it names.
    QJsonObject savedSession() const
    {
        return QJsonDocument::fromJson(store->journal().syncValue(QStringLiteral("session")).toUtf8()).object();
    }
    QString savedSessionUserId() const
    {
        return savedSession().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    }

    // Where this person's token is kept: the keychain (or the encrypted file), under this store's device id so
    // two data folders on one computer never share a session.
    SessionVault vault() const { return SessionVault(QFileInfo(store->path()).absolutePath()); }
    QString vaultAccount(const QString &userId) const { return store->deviceId() + QLatin1Char('/') + userId; }

    // The session without its token (issue 17): the token never goes into SQLite. `password` (at an online sign-in)
    // lets the vault encrypt it when no keychain answers; an empty token removes it from the vault.
    void saveSession(const QString &password = QString())
    {
        if (token.isEmpty()) {
            vault().remove(vaultAccount(user.id));
        } else if (!password.isEmpty()) {
            SessionVault v = vault();
            const Result kept = v.store(vaultAccount(user.id), token.toUtf8(), password);
            vaultNote = kept.ok ? v.backendDescription() : kept.message.text();
        }
        const QJsonObject session{{QStringLiteral("user"), user.toJson()},
                                  {QStringLiteral("expiresAt"), CaseEvent::timeToString(tokenExpires)},
                                  {QStringLiteral("server"), serverUrl.toString()}};
        store->journal().setSyncValue(QStringLiteral("session"), QString::fromUtf8(QJsonDocument(session).toJson(QJsonDocument::Compact)));
    }

    // --- Push ---
    // Pushes the outbox from its oldest event; pulls when nothing is left to push.
    void pushNext()
    {
        sentUpTo = 0;
        prepared.reset();
        if (sendPushBatch())
            return;
        oneByOne = false;
        attempt = 0;
        pullNext();
    }

    std::optional<PushBatch> buildPushBatch(qint64 afterSeq) const
    {
        if (user.id.isEmpty())
            return std::nullopt;  // nobody to send as (an empty author would mean everyone's)
        QList<qint64> seqs;
        // Only the signed-in person's own actions: another user's wait for their own sign-in (issue 17).
        const QList<CaseEvent> outbox =
            store->journal().outboxEvents(oneByOne ? 1 : batchLimit, afterSeq, &seqs, user.id);
        if (outbox.isEmpty())
            return std::nullopt;
        // Also bounded in bytes: the server takes at most 8 MiB per push, and long texts or many attachments
        // could make 1000 events larger than that.
        constexpr qsizetype MaxBodyBytes = 6 * 1024 * 1024;
        PushBatch batch;
        batch.afterSeq = afterSeq;
        PushRequest::Writer body;
        for (const CaseEvent &e : outbox) {
            const QByteArray event = JsonBytes::event(e, JsonBytes::payload(e.payload));
            if (!batch.events.isEmpty() && body.size() + event.size() + 2 > MaxBodyBytes)
                break;
            body.append(event);
            batch.events.append(e);
        }
        batch.body = body.finish();
        batch.upToSeq = seqs.at(batch.events.size() - 1);
        return batch;
    }

    // Sends the next outbox batch after `sentUpTo` (the one prepared while waiting, when it starts there);
    // false when there is nothing more to send.
    bool sendPushBatch()
    {
        std::optional<PushBatch> batch;
        if (prepared && prepared->afterSeq == sentUpTo && !oneByOne)
            batch = std::move(prepared);
        else
            batch = buildPushBatch(sentUpTo);
        prepared.reset();
        if (!batch)
            return false;
        sentUpTo = batch->upToSeq;
        QNetworkReply *r = sendRaw("POST", QStringLiteral("/api/v1/events"), {}, batch->body, QByteArrayLiteral("application/json"));
        reply = r;
        const QList<CaseEvent> sent = batch->events;
        QObject::connect(r, &QNetworkReply::finished, q, [this, r, sent]() { onPushed(r, sent); });
        return true;
    }

    void onPushed(QNetworkReply *r, const QList<CaseEvent> &sent)
    {
        // The answer before this one is applied first, whatever this one says.
        if (!runDeferredAnswer())
            return;
        QStringList ids;
        for (const CaseEvent &e : sent)
            ids.append(e.id);
        r->deleteLater();
        const QByteArray raw = r->readAll();
        const int code = status(r);
        bool retryable = false;
        if (code != 200) {
            const Message message = describe(r, raw, &retryable);
            if (code == 401)
                return sessionExpired(message);
            if (code == 400 || code == 413 || code == 415 || code == 422) {
                // The server refused the batch as a whole: narrow down to the event it cannot take,
                // which then waits in the conflict inbox instead of blocking everything behind it.
                if (ids.size() > 1) {
                    oneByOne = true;
                    return pushNext();
                }
                const QJsonObject body = json(raw);
                const Result rejected = store->journal().rejectOutboxEvent(ids.first(), body.value(QStringLiteral("error")).toString(), message);
                if (!rejected.ok)
                    return finish(false, rejected.message);
                emit q->conflictsChanged(store->journal().openConflictCount());
                oneByOne = false;
                return pushNext();
            }
            return retryOrFail(message, retryable, [this]() { pushNext(); }, ids);
        }
        attempt = 0;
        // The server takes the next batch while this answer is applied here. It has finished this batch, so
        // the order of events is kept; a failure below drops the next batch, whose events stay in the outbox
        // (a replay of anything the server already took comes back as a duplicate).
        QNetworkReply *next = !oneByOne && sendPushBatch() ? reply.data() : nullptr;
        if (!next)
            return applyPushAnswer(raw, sent, nullptr);
        // Qt's network thread takes a request body from this thread's event loop, 32 KiB at a time: applying
        // the answer now would hold the next batch back for as long as that takes (measured: 120-200 ms of
        // each 1000-event push). So the answer waits until the body is handed over, which is soon; the server
        // is still working on it then. (Or until the next answer comes, if the upload never completes.)
        deferredAnswer = [this, raw, sent, next]() { applyPushAnswer(raw, sent, next); };
        QObject::connect(next, &QNetworkReply::uploadProgress, q, [this](qint64 sentBytes, qint64 totalBytes) {
            if (totalBytes > 0 && sentBytes >= totalBytes)
                runDeferredAnswer();
        });
    }

    // Applies the push answer that waits for its successor's upload; false when that ended the sync run.
    bool runDeferredAnswer()
    {
        if (!deferredAnswer)
            return true;
        const std::function<void()> apply = std::move(deferredAnswer);
        deferredAnswer = nullptr;
        apply();
        return running;
    }

    // Confirms in the store what the server took of `sent` and files what it refused; `next` is the batch
    // already on its way (dropped when this fails).
    void applyPushAnswer(const QByteArray &raw, const QList<CaseEvent> &sent, QNetworkReply *next)
    {
        QHash<QString, qsizetype> sentAt;
        for (qsizetype i = 0; i < sent.size(); ++i)
            sentAt.insert(sent.at(i).id, i);
        auto fail = [this, next](const QString &message) { finishDropping(next, message); };
        PushAnswer answer;
        Message why;
        if (!PushAnswer::fromJson(json(raw), &answer, &why))
            return fail(tr("The server's answer to the push cannot be read: %1").arg(why));
        QList<CaseEvent> accepted;
        int rejectedCount = 0;
        for (const PushResult &result : std::as_const(answer.results)) {
            const auto at = sentAt.constFind(result.id);
            if (at == sentAt.constEnd())
                continue;  // only ever act on what we sent
            if (result.status == PushResult::Status::Rejected) {
                const Result rejected = store->journal().rejectOutboxEvent(result.id, result.code, result.reason);
                if (!rejected.ok)
                    return fail(rejected.message);
                ++rejectedCount;
                continue;
            }
            CaseEvent e;
            if (result.hasEvent)
                e = result.event;
            else if (!acceptedAsSent(sent.at(*at), result, &e))
                return fail(tr("The server accepted event %1 without saying where it stands.").arg(result.id));
            accepted.append(e);
        }
        std::sort(accepted.begin(), accepted.end(),
                  [](const CaseEvent &a, const CaseEvent &b) { return a.serverSeq < b.serverSeq; });
        if (!accepted.isEmpty()) {
            const Result applied = store->journal().applyRemote(accepted);
            if (!applied.ok)
                return fail(applied.message);
        }
        if (rejectedCount > 0)
            emit q->conflictsChanged(store->journal().openConflictCount());
        const int done = accepted.size() + rejectedCount;
        if (done == 0)
            return fail(tr("The server answered the push without a result for the events sent."));
        pushed += done;
        emit q->progress(pushed, qMax(toPush, pushed), pulled);
        if (!next) {
            oneByOne = false;
            pushNext();
            return;
        }
        // While the server works on the next batch, the one after it is read and serialized, so it leaves
        // as soon as the answer arrives. Events re-sealed here in the meantime are re-sealed by the server too.
        prepared = buildPushBatch(sentUpTo);
    }

    // An event the server took exactly as sent comes back as its numbering only: the pushed event plus
    // serverSeq and serverTime, at the position and with the hash the answer repeats.
    static bool acceptedAsSent(const CaseEvent &pushed, const PushResult &result, CaseEvent *out)
    {
        if (result.caseSeq != pushed.caseSeq || result.hash != pushed.hash)
            return false;
        *out = pushed;
        out->serverSeq = result.serverSeq;
        out->serverTime = result.serverTime;
        return true;
    }

    // --- Pull ---
    // `after`: the cursor to read from; null means the one saved in the store.
    void pullNext(const QString &after = QString())
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("after"), after.isNull() ? store->journal().syncValue(QStringLiteral("cursor")) : after);
        query.addQueryItem(QStringLiteral("limit"), QString::number(pullPage));
        QNetworkReply *r = send("GET", QStringLiteral("/api/v1/events"), query);
        QObject::connect(r, &QNetworkReply::finished, q, [this, r]() { onPulled(r); });
    }

    void onPulled(QNetworkReply *r)
    {
        r->deleteLater();
        if (reply == r)
            reply = nullptr;
        const QByteArray raw = r->readAll();
        const int code = status(r);
        bool retryable = false;
        if (code != 200) {
            const Message message = describe(r, raw, &retryable);
            if (code == 401)
                return sessionExpired(message);
            return retryOrFail(message, retryable, [this]() { pullNext(); });
        }
        attempt = 0;
        PullPage page;
        Message why;
        if (!PullPage::fromJson(json(raw), &page, &why))
            return finish(false, tr("The server's answer to the pull cannot be read: %1").arg(why));
        const QList<CaseEvent> &events = page.events;
        const QString &next = page.nextCursor;
        // The server reads the next page while this one is applied here. The cursor is saved only after
        // applying, so a failure (or a crash) before that simply reads the same page again.
        const bool more = page.hasMore && !events.isEmpty() && !next.isEmpty();
        if (more)
            pullNext(next);
        QNetworkReply *prefetch = more ? reply.data() : nullptr;
        auto failAfterPrefetch = [this, prefetch](const QString &message) { finishDropping(prefetch, message); };
        if (!events.isEmpty()) {
            // Applying is idempotent, so a crash between these two steps only repeats this page.
            const Result applied = store->journal().applyRemote(events);
            if (!applied.ok)
                return failAfterPrefetch(applied.message);
        }
        if (!next.isEmpty()) {
            const Result saved = store->journal().setSyncValue(QStringLiteral("cursor"), next);
            if (!saved.ok)
                return failAfterPrefetch(saved.message);
        }
        pulled += events.size();
        emit q->progress(pushed, qMax(toPush, pushed), pulled);
        if (!more)
            pullReference();
    }

    // The last step of a run: the district's reference data, when the server has newer than this client holds
    // (an unchanged set costs one small answer). A sync is finished when the client computes with current data.
    void pullReference()
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("have"), ReferenceSet::haveToString(ReferenceCache(store->journal()).versions()));
        QNetworkReply *r = send("GET", QStringLiteral("/api/v1/reference"), query);
        reply = r;
        QObject::connect(r, &QNetworkReply::finished, q, [this, r]() {
            r->deleteLater();
            if (reply == r)
                reply = nullptr;
            const QByteArray raw = r->readAll();
            const int code = status(r);
            if (code != 200) {
                bool retryable = false;
                const Message message = describe(r, raw, &retryable);
                if (code == 401)
                    return sessionExpired(message);
                return retryOrFail(message, retryable, [this]() { pullReference(); });
            }
            ReferenceAnswer answer;
            Message why;
            if (!ReferenceAnswer::fromJson(json(raw), &answer, &why))
                return finish(false, tr("The server's reference data cannot be read: %1").arg(why));
            const Result applied = ReferenceCache(store->journal()).apply(answer);
            if (!applied.ok)
                return finish(false, applied.message.text());
            if (!answer.sets.isEmpty())
                emit q->referenceDataChanged();
            finish(true, tr("Sync finished: %1 sent, %2 received.").arg(pushed).arg(pulled));
        });
    }
};

SyncEngine::SyncEngine(CaseStore *store, QObject *parent) : QObject(parent), d(new Private(this, store)) {}

SyncEngine::~SyncEngine()
{
    if (d->reply) {
        // No callbacks into a half-destroyed engine (or a store its owner may already have closed).
        d->reply->disconnect();
        d->reply->abort();
        d->reply->deleteLater();
    }
    delete d;
}

Result SyncEngine::configure(const QUrl &serverUrl, const QString &caCertificateFile)
{
    if (!serverUrl.isValid() || serverUrl.scheme() != QLatin1String("https") || serverUrl.host().isEmpty())
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("The server address must look like https://host:port (plain http is not allowed)."));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!caCertificateFile.isEmpty()) {
        if (!QFile::exists(caCertificateFile))
            return Result::failure(QStringLiteral("invalid_input"),
                                   tr("The CA certificate file %1 does not exist.").arg(caCertificateFile));
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(caCertificateFile, QSsl::Pem);
        if (certs.isEmpty())
            return Result::failure(QStringLiteral("invalid_input"),
                                   tr("%1 holds no PEM certificate.").arg(caCertificateFile));
        tls.addCaCertificates(certs);
    }
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    d->tls = tls;
    d->serverUrl = serverUrl;
    // Connections made under the old trust settings must not be reused.
    d->nam.clearConnectionCache();
    d->serverUrl.setPath(QString());
    return Result::success();
}

void SyncEngine::request(const QByteArray &method, const QString &path, const QUrlQuery &query,
                         const QByteArray &body, const QByteArray &contentType, QObject *context,
                         ApiReplyHandler handler)
{
    if (d->serverUrl.isEmpty() || !d->tokenValid()) {
        ApiReply offline;
        offline.error = tr("Not connected to the district server. Log in online first.");
        QTimer::singleShot(0, context, [handler, offline]() { handler(offline); });
        return;
    }
    QNetworkReply *r = d->sendRaw(method, path, query, body, contentType);
    connect(r, &QNetworkReply::finished, context, [this, r, handler]() {
        ApiReply answer;
        answer.body = r->readAll();
        answer.status = Private::status(r);
        answer.json = Private::json(answer.body);
        if (answer.status < 200 || answer.status >= 300) {
            bool retryable = false;
            answer.error = d->describe(r, answer.body, &retryable);
        }
        handler(answer);
    });
    // If the context goes away first the handler must not run; the reply still cleans itself up.
    connect(r, &QNetworkReply::finished, r, &QObject::deleteLater);
}

QUrl SyncEngine::serverUrl() const { return d->serverUrl; }
SyncEngine::State SyncEngine::state() const { return d->state; }
QDateTime SyncEngine::lastSyncTime() const
{
    if (!d->lastSync.isValid())
        return QDateTime::fromString(d->store->journal().syncValue(QStringLiteral("last_sync")), Qt::ISODateWithMs);
    return d->lastSync;
}
QString SyncEngine::lastError() const { return d->lastError; }
User SyncEngine::currentUser() const { return d->user; }
bool SyncEngine::isLoggedIn() const { return d->tokenValid(); }
bool SyncEngine::isSyncing() const { return d->running; }

void SyncEngine::setBatchSizes(int pushBatch, int pullPage)
{
    d->pushBatch = qBound(1, pushBatch, 1000);
    d->pullPage = qBound(1, pullPage, 5000);
}

void SyncEngine::setRetryPolicy(int maxRetries, int initialDelayMs, int maxDelayMs)
{
    d->maxRetries = qMax(0, maxRetries);
    d->initialDelayMs = qMax(1, initialDelayMs);
    d->maxDelayMs = qMax(d->initialDelayMs, maxDelayMs);
}

void SyncEngine::setRequestTimeout(int milliseconds) { d->timeoutMs = qMax(100, milliseconds); }

bool SyncEngine::restoreCachedSession(const QString &password)
{
    const QJsonObject session = d->savedSession();
    User u;
    Message why;
    if (session.isEmpty() || !User::fromJson(session.value(QStringLiteral("user")).toObject(), &u, &why))
        return false;
    d->user = u;
    d->tokenExpires = QDateTime::fromString(session.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
    if (d->serverUrl.isEmpty())
        d->serverUrl = QUrl(session.value(QStringLiteral("server")).toString());
    if (session.contains(QStringLiteral("token"))) {
        // A store from before issue 17 kept the token in SQLite: it moves to the vault and out of the file.
        d->token = session.value(QStringLiteral("token")).toString();
        d->saveSession(password);
        if (password.isEmpty())
            d->token.clear();  // nothing to encrypt it with: the person signs in online again
    } else {
        SessionVault vault = d->vault();
        QByteArray token;
        d->token = vault.load(d->vaultAccount(u.id), password, &token).ok ? QString::fromUtf8(token) : QString();
        d->vaultNote = vault.backendDescription();
    }
    d->setState(d->tokenValid() ? State::Idle : State::Offline);
    if (d->tokenValid())
        emit loggedIn(u);
    return true;
}

Result SyncEngine::signInOffline(const QString &userId, const QString &password)
{
    User u;
    const Result verified = OfflineCredentials(d->store->journal()).verify(userId, password, &u);
    if (!verified.ok)
        return verified;
    // The saved session goes on only when it is this person's; anyone else works without a token until they
    // sign in online, so nothing is ever sent (or even read from the vault) under another person's session.
    const bool own = d->savedSessionUserId() == u.id;
    if (!own || !restoreCachedSession(password) || d->user.id != u.id) {
        d->user = u;
        d->token.clear();
        d->tokenExpires = {};
        d->setState(State::Offline);
    }
    return Result::success();
}

QString SyncEngine::sessionStorageNote() const { return d->vaultNote; }

Result SyncEngine::confirmPassword(const QString &userId, const QString &password)
{
    User u;
    return OfflineCredentials(d->store->journal()).verify(userId, password, &u);
}

void SyncEngine::changePassword(const QString &current, const QString &next)
{
    if (!isLoggedIn()) {
        emit passwordChangeFinished(false, tr("Sign in online to change your password."));
        return;
    }
    QNetworkReply *r = d->send("POST", QStringLiteral("/api/v1/me/password"), {},
                               {{QStringLiteral("current"), current}, {QStringLiteral("new"), next}});
    connect(r, &QNetworkReply::finished, this, [this, r, next]() {
        r->deleteLater();
        const QByteArray raw = r->readAll();
        const QJsonObject body = Private::json(raw);
        if (Private::status(r) != 200 || body.value(QStringLiteral("token")).toString().isEmpty()) {
            bool retryable = false;
            emit passwordChangeFinished(false, d->describe(r, raw, &retryable));
            return;
        }
        d->token = body.value(QStringLiteral("token")).toString();
        d->tokenExpires = QDateTime::fromString(body.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
        d->user.mustChangePassword = false;
        d->saveSession(next);
        OfflineCredentials(d->store->journal()).remember(d->user, next);
        emit passwordChangeFinished(true, QString());
    });
}

void SyncEngine::login(const QString &userId, const QString &password)
{
    if (d->serverUrl.isEmpty()) {
        emit loginFailed(tr("Set the server address first."));
        return;
    }
    d->setState(State::LoggingIn);
    d->token.clear();
    QNetworkReply *r = d->send("POST", QStringLiteral("/api/v1/login"), {},
                               {{QStringLiteral("user"), userId}, {QStringLiteral("password"), password}});
    connect(r, &QNetworkReply::finished, this, [this, r, userId, password]() {
        r->deleteLater();
        const QByteArray raw = r->readAll();
        const QJsonObject body = Private::json(raw);
        OfflineCredentials offline(d->store->journal());
        // The server refuses the password this computer has cached: it was changed there, or the account was
        // disabled. The cached one must not keep opening the account offline.
        if (Private::status(r) == 401 && offline.matches(userId, password))
            offline.forget(userId);
        User u;
        Message why;
        if (Private::status(r) != 200 || body.value(QStringLiteral("token")).toString().isEmpty()
            || !User::fromJson(body.value(QStringLiteral("user")).toObject(), &u, &why)) {
            bool retryable = false;
            const QString message = Private::status(r) == 200 ? why : d->describe(r, raw, &retryable);
            d->lastError = message;
            d->setState(State::Offline);
            emit loginFailed(message);
            return;
        }
        // The pull cursor belongs to the scope it was pulled for: another account on this device that sees
        // other cases starts again from 0 (and keeps nothing cached it may not see), even after a restart.
        const AccessPolicy::Scope scope = AccessPolicy::scopeFor(u);
        const QString scopeKey = QStringLiteral("%1:%2").arg(int(scope.kind)).arg(scope.orgUnitId);
        SyncJournal &journal = d->store->journal();
        if (journal.syncValue(QStringLiteral("cursor_scope")) != scopeKey) {
            journal.purgeOutsideScope(scope);
            journal.setSyncValue(QStringLiteral("cursor"), QString());
            journal.setSyncValue(QStringLiteral("cursor_scope"), scopeKey);
        }
        // The previous person's token leaves the vault: only the saved session's person has one on this device.
        const QString previous = d->savedSessionUserId();
        if (!previous.isEmpty() && previous != u.id)
            d->vault().remove(d->vaultAccount(previous));
        d->user = u;
        d->token = body.value(QStringLiteral("token")).toString();
        d->tokenExpires = QDateTime::fromString(body.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
        d->saveSession(password);
        // A password someone else gave out does not open this computer offline; the person's own one will.
        if (!u.mustChangePassword)
            offline.remember(u, password);
        d->lastError.clear();
        d->setState(State::Idle);
        emit loggedIn(u);
    });
}

void SyncEngine::logout()
{
    if (!d->token.isEmpty() && !d->serverUrl.isEmpty()) {
        QNetworkReply *r = d->send("POST", QStringLiteral("/api/v1/logout"));
        connect(r, &QNetworkReply::finished, r, &QObject::deleteLater);
    }
    d->token.clear();
    d->tokenExpires = {};
    d->vault().remove(d->vaultAccount(d->user.id));
    d->store->journal().setSyncValue(QStringLiteral("session"), QStringLiteral("{}"));  // the account is gone from this device
    d->user = User();
    d->setState(State::Offline);
}

void SyncEngine::syncNow()
{
    if (d->running) {
        d->again = true;
        return;
    }
    if (!isLoggedIn()) {
        d->lastError = tr("Log in to the server to sync.");
        emit syncFinished(false, d->lastError);
        return;
    }
    if (d->user.mustChangePassword) {
        d->lastError = tr("Set your new password first; the server accepts nothing else until then.");
        emit syncFinished(false, d->lastError);
        return;
    }
    d->running = true;
    d->again = false;
    d->oneByOne = false;
    d->batchLimit = d->pushBatch;
    d->attempt = 0;
    d->pushed = d->pulled = 0;
    d->toPush = d->store->journal().pendingCount(d->user.id);
    d->setState(State::Syncing);
    emit progress(0, d->toPush, 0);
    d->pushNext();
}

} // namespace gw

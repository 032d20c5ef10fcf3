// SyncEngine: configuration, the transport every request goes through, the start and end of a sync run.
#include "syncengine_p.h"

namespace gw {

QNetworkReply *SyncEngine::Private::sendRaw(const QByteArray &method, const QString &path, const QUrlQuery &query,
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

QNetworkReply *SyncEngine::Private::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                                         const QJsonObject &body)
{
    QNetworkReply *r = sendRaw(method, path, query, QJsonDocument(body).toJson(QJsonDocument::Compact),
                               QByteArrayLiteral("application/json"));
    reply = r;
    return r;
}

Message SyncEngine::Private::describe(QNetworkReply *r, const QByteArray &raw, bool *retryable) const
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

void SyncEngine::Private::finish(bool ok, const QString &message, bool offline)
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

void SyncEngine::Private::finishDropping(QNetworkReply *sentAhead, const QString &message)
{
    if (sentAhead) {
        sentAhead->disconnect(q);
        sentAhead->abort();
        sentAhead->deleteLater();
    }
    finish(false, message);
}

void SyncEngine::Private::retryOrFail(const QString &message, bool retryable, const std::function<void()> &step,
                                      const QStringList &pendingIds)
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


QByteArray SyncEngine::Private::takeAnswer(QNetworkReply *r)
{
    r->deleteLater();
    if (reply == r)
        reply = nullptr;
    return r->readAll();
}

void SyncEngine::Private::failedRead(QNetworkReply *r, const QByteArray &raw, const std::function<void()> &retry)
{
    bool retryable = false;
    const Message message = describe(r, raw, &retryable);
    if (status(r) == 401)
        return sessionExpired(message);
    retryOrFail(message, retryable, retry);
}

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
    // The district's reference data first: the events pulled next are applied under the rules the server took
    // them with, not the ones this computer held before (issue 16).
    d->pullReference();
}

} // namespace gw

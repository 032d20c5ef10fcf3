// SyncEngine's sessions (issue 17): online and offline sign-in, the saved session (token in the vault, never in
// SQLite), the offline credential, password changes, sign-out.
#include "syncengine_p.h"

namespace gw {

void SyncEngine::Private::sessionExpired(const QString &message)
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

QJsonObject SyncEngine::Private::savedSession() const
{
    return QJsonDocument::fromJson(store->journal().syncValue(QStringLiteral("session")).toUtf8()).object();
}

QString SyncEngine::Private::savedSessionUserId() const
{
    return savedSession().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
}

void SyncEngine::Private::saveSession(const QString &password)
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

} // namespace gw

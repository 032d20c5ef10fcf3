#include "accountstore.h"
#include "accountrules.h"
#include "administrativelog.h"
#include "adminlogentry.h"
#include "passwordpolicy.h"
#include "orgdirectory.h"
#include "passwordhasher.h"
#include "pushrules.h"
#include "sqlstatements.h"
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

namespace {

QString nowText() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }
QString text(const QString &s) { return SqlStatements::text(s); }

QString tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

User userFromRow(const QSqlQuery &q)
{
    User u;
    u.id = q.value(0).toString();
    u.name = q.value(1).toString();
    roleFromString(q.value(2).toString(), &u.role);
    u.orgUnitId = q.value(3).toString();
    u.active = q.value(4).toInt() != 0;
    u.mustChangePassword = q.value(5).toInt() != 0;
    const QString grants = q.value(6).toString();
    u.grants = grants.isEmpty() ? QStringList() : grants.split(u',');
    return u;
}

} // namespace

AccountStore::AccountStore(const QString &connection, const Options &options, AdministrativeLog *log)
    : m_options(options), m_sql(std::make_unique<SqlStatements>(connection)), m_log(log)
{
}

Result AccountStore::logged(const Message &what, const std::function<Result()> &change)
{
    const Result r = m_sql->inTransaction(what, change);
    if (!r.ok)
        m_sessions.clear();  // the cache may hold what the rolled-back change wrote
    return r;
}

AccountStore::~AccountStore() = default;

void AccountStore::reset()
{
    m_sql->clear();
    m_sessions.clear();
}

// --- Accounts ---

int AccountStore::userCount() const
{
    QSqlQuery q(m_sql->database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && q.next() ? q.value(0).toInt() : 0;
}

std::optional<User> AccountStore::user(const QString &id) const
{
    QSqlQuery &q = m_sql->get(QStringLiteral("SELECT id, name, role, org_unit, active, must_change_password, grants FROM users WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), text(id));
    if (!q.exec() || !q.next())
        return std::nullopt;
    const User u = userFromRow(q);
    q.finish();
    return u;
}

QList<User> AccountStore::users() const
{
    QList<User> out;
    QSqlQuery q(m_sql->database());
    if (q.exec(QStringLiteral("SELECT id, name, role, org_unit, active, must_change_password, grants FROM users ORDER BY id")))
        while (q.next())
            out.append(userFromRow(q));
    return out;
}

Result AccountStore::validateUser(const User &u)
{
    return AccountRules::check(u, OrgDirectory::builtin());
}

Result AccountStore::validatePassword(const QString &password)
{
    return PasswordPolicy::checkLength(password);
}

Result AccountStore::changeOwnPassword(const QString &userId, const QString &current, const QString &next)
{
    User u;
    if (!authenticate(userId, current, &u).ok)
        return Result::failure(QStringLiteral("wrong_password"), tr("The current password is not right."));
    const Result allowed = PasswordPolicy::checkNew(userId, current, next);
    if (!allowed.ok)
        return allowed;
    return logged(tr("changing the password of %1").arg(userId), [&]() {
        const Result stored = storePassword(userId, next, false);
        return stored.ok ? m_log->append(userId, AdminLogEntry::AccountPasswordChanged, userId, {}) : stored;
    });
}

namespace {
QJsonObject createdDetails(const User &u)
{
    return {{QStringLiteral("name"), u.name.trimmed()}, {QStringLiteral("role"), roleToString(u.role)},
            {QStringLiteral("orgUnit"), u.orgUnitId}, {QStringLiteral("active"), u.active},
            {QStringLiteral("mustChangePassword"), u.mustChangePassword},
            {QStringLiteral("grants"), QJsonArray::fromStringList(u.grants)}};
}
}

Result AccountStore::createUser(const User &u, const QString &password, const QString &actor)
{
    const Result valid = validateUser(u);
    if (!valid.ok)
        return valid;
    const Result pw = validatePassword(password);
    if (!pw.ok)
        return pw;
    if (user(u.id))
        return Result::failure(QStringLiteral("conflict"), tr("The login id %1 is already taken.").arg(u.id), QStringLiteral("id"));
    const PasswordHasher::Hash h = PasswordHasher::make(password, m_options.pbkdf2Iterations);
    return logged(tr("creating account %1").arg(u.id), [&]() {
        QSqlQuery q(m_sql->database());
        q.prepare(QStringLiteral("INSERT INTO users (id, name, role, org_unit, active, must_change_password, grants,"
                                 " password_hash, salt, iterations, created_at, updated_at) VALUES (:id, :name, :role,"
                                 " :org, :active, :must, :grants, :hash, :salt, :it, :created, :updated)"));
        q.bindValue(QStringLiteral(":grants"), text(u.grants.join(u',')));
        q.bindValue(QStringLiteral(":id"), text(u.id));
        q.bindValue(QStringLiteral(":name"), text(u.name.trimmed()));
        q.bindValue(QStringLiteral(":role"), text(roleToString(u.role)));
        q.bindValue(QStringLiteral(":org"), text(u.orgUnitId));
        q.bindValue(QStringLiteral(":active"), u.active ? 1 : 0);
        q.bindValue(QStringLiteral(":must"), u.mustChangePassword ? 1 : 0);
        q.bindValue(QStringLiteral(":hash"), text(QString::fromLatin1(h.hashHex)));
        q.bindValue(QStringLiteral(":salt"), text(QString::fromLatin1(h.saltHex)));
        q.bindValue(QStringLiteral(":it"), h.iterations);
        q.bindValue(QStringLiteral(":created"), text(nowText()));
        q.bindValue(QStringLiteral(":updated"), text(nowText()));
        if (!q.exec())
            return SqlStatements::failure(q, tr("creating account %1").arg(u.id));
        return m_log->append(actor, AdminLogEntry::AccountCreated, u.id, createdDetails(u));
    });
}

Result AccountStore::createUserSharingPassword(const User &u, const QString &passwordOf)
{
    const Result valid = validateUser(u);
    if (!valid.ok)
        return valid;
    if (user(u.id))
        return Result::failure(QStringLiteral("conflict"), tr("The login id %1 is already taken.").arg(u.id), QStringLiteral("id"));
    return logged(tr("creating account %1").arg(u.id), [&]() {
        QSqlQuery q(m_sql->database());
        q.prepare(QStringLiteral("INSERT INTO users (id, name, role, org_unit, active, grants, password_hash, salt,"
                                 " iterations, created_at, updated_at) SELECT :id, :name, :role, :org, :active, :grants,"
                                 " password_hash, salt, iterations, :created, :updated FROM users WHERE id = :from"));
        q.bindValue(QStringLiteral(":grants"), text(u.grants.join(u',')));
        q.bindValue(QStringLiteral(":id"), text(u.id));
        q.bindValue(QStringLiteral(":name"), text(u.name.trimmed()));
        q.bindValue(QStringLiteral(":role"), text(roleToString(u.role)));
        q.bindValue(QStringLiteral(":org"), text(u.orgUnitId));
        q.bindValue(QStringLiteral(":active"), u.active ? 1 : 0);
        q.bindValue(QStringLiteral(":created"), text(nowText()));
        q.bindValue(QStringLiteral(":updated"), text(nowText()));
        q.bindValue(QStringLiteral(":from"), text(passwordOf));
        if (!q.exec())
            return SqlStatements::failure(q, tr("creating account %1").arg(u.id));
        if (q.numRowsAffected() != 1)
            return Result::failure(QStringLiteral("not_found"), tr("There is no account %1.").arg(passwordOf.left(64)));
        User created = u;
        created.mustChangePassword = false;
        return m_log->append(PushRules::systemActor().id, AdminLogEntry::AccountCreated, u.id, createdDetails(created));
    });
}

Result AccountStore::updateUser(const User &u, const QString &actor)
{
    m_sessions.clear();
    const std::optional<User> old = user(u.id);
    if (!old)
        return Result::failure(QStringLiteral("not_found"), tr("There is no account %1.").arg(u.id.left(64)));
    const Result valid = validateUser(u);
    if (!valid.ok)
        return valid;
    // Only what differs is written to the log, as [before, after]; a save that changes nothing records nothing.
    QJsonObject changes;
    if (old->name != u.name.trimmed())
        changes.insert(QStringLiteral("name"), QJsonArray{old->name, u.name.trimmed()});
    if (old->role != u.role)
        changes.insert(QStringLiteral("role"), QJsonArray{roleToString(old->role), roleToString(u.role)});
    if (old->orgUnitId != u.orgUnitId)
        changes.insert(QStringLiteral("orgUnit"), QJsonArray{old->orgUnitId, u.orgUnitId});
    if (old->active != u.active)
        changes.insert(QStringLiteral("active"), QJsonArray{old->active, u.active});
    if (old->grants != u.grants)
        changes.insert(QStringLiteral("grants"), QJsonArray{old->grants.join(u','), u.grants.join(u',')});
    if (changes.isEmpty())
        return Result::success();
    return logged(tr("updating account %1").arg(u.id), [&]() {
        QSqlQuery q(m_sql->database());
        q.prepare(QStringLiteral("UPDATE users SET name = :name, role = :role, org_unit = :org, active = :active,"
                                 " grants = :grants, updated_at = :updated WHERE id = :id"));
        q.bindValue(QStringLiteral(":grants"), text(u.grants.join(u',')));
        q.bindValue(QStringLiteral(":name"), text(u.name.trimmed()));
        q.bindValue(QStringLiteral(":role"), text(roleToString(u.role)));
        q.bindValue(QStringLiteral(":org"), text(u.orgUnitId));
        q.bindValue(QStringLiteral(":active"), u.active ? 1 : 0);
        q.bindValue(QStringLiteral(":updated"), text(nowText()));
        q.bindValue(QStringLiteral(":id"), text(u.id));
        if (!q.exec())
            return SqlStatements::failure(q, tr("updating account %1").arg(u.id));
        // A session must not keep rights its account no longer has.
        if (old->role != u.role || old->orgUnitId != u.orgUnitId || old->active != u.active || old->grants != u.grants) {
            const Result revoked = revokeTokensOf(u.id);
            if (!revoked.ok)
                return revoked;
        }
        return m_log->append(actor, AdminLogEntry::AccountUpdated, u.id, {{QStringLiteral("changes"), changes}});
    });
}

Result AccountStore::setPassword(const QString &userId, const QString &password, const QString &actor,
                                 bool mustChange)
{
    const Result pw = validatePassword(password);
    if (!pw.ok)
        return pw;
    if (!user(userId))
        return Result::failure(QStringLiteral("not_found"), tr("There is no account %1.").arg(userId.left(64)));
    return logged(tr("setting the password of %1").arg(userId), [&]() {
        const Result stored = storePassword(userId, password, mustChange);
        return stored.ok ? m_log->append(actor, AdminLogEntry::AccountPasswordReset, userId,
                                         {{QStringLiteral("mustChangePassword"), mustChange}})
                         : stored;
    });
}

Result AccountStore::storePassword(const QString &userId, const QString &password, bool mustChange)
{
    m_sessions.clear();
    const PasswordHasher::Hash h = PasswordHasher::make(password, m_options.pbkdf2Iterations);
    QSqlQuery q(m_sql->database());
    q.prepare(QStringLiteral("UPDATE users SET password_hash = :hash, salt = :salt, iterations = :it,"
                             " must_change_password = :must, updated_at = :updated WHERE id = :id"));
    q.bindValue(QStringLiteral(":hash"), text(QString::fromLatin1(h.hashHex)));
    q.bindValue(QStringLiteral(":salt"), text(QString::fromLatin1(h.saltHex)));
    q.bindValue(QStringLiteral(":it"), h.iterations);
    q.bindValue(QStringLiteral(":must"), mustChange ? 1 : 0);
    q.bindValue(QStringLiteral(":updated"), text(nowText()));
    q.bindValue(QStringLiteral(":id"), text(userId));
    if (!q.exec())
        return SqlStatements::failure(q, tr("setting the password of %1").arg(userId));
    return revokeTokensOf(userId);
}

Result AccountStore::authenticate(const QString &userId, const QString &password, User *out) const
{
    const Result wrong = Result::failure(QStringLiteral("unauthorized"), tr("Wrong user name or password."));
    QSqlQuery q(m_sql->database());
    q.prepare(QStringLiteral("SELECT id, name, role, org_unit, active, must_change_password, grants, password_hash,"
                             " salt, iterations FROM users WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), text(userId));
    if (!q.exec())
        return SqlStatements::failure(q, tr("checking a login"));
    if (!q.next()) {
        // Spend the same time as for a real account so timing does not reveal which ids exist.
        PasswordHasher::make(password, m_options.pbkdf2Iterations);
        return wrong;
    }
    const User u = userFromRow(q);
    PasswordHasher::Hash stored;
    stored.hashHex = q.value(7).toString().toLatin1();
    stored.saltHex = q.value(8).toString().toLatin1();
    stored.iterations = q.value(9).toInt();
    if (!PasswordHasher::matches(password, stored))
        return wrong;
    if (!u.active)
        return Result::failure(QStringLiteral("unauthorized"), tr("Account %1 is disabled.").arg(u.id));
    *out = u;
    return Result::success();
}

// --- Tokens ---

Result AccountStore::issueToken(const QString &userId, QString *token, QDateTime *expiresAt)
{
    const QString t = PasswordHasher::randomToken(32);
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(m_options.tokenTtlSeconds);
    QSqlQuery q(m_sql->database());
    q.prepare(QStringLiteral("INSERT INTO tokens (token_hash, user_id, created_at, expires_at, revoked)"
                             " VALUES (:h, :u, :c, :e, 0)"));
    q.bindValue(QStringLiteral(":h"), text(tokenHash(t)));
    q.bindValue(QStringLiteral(":u"), text(userId));
    q.bindValue(QStringLiteral(":c"), text(nowText()));
    q.bindValue(QStringLiteral(":e"), expires.toMSecsSinceEpoch());
    if (!q.exec())
        return SqlStatements::failure(q, tr("issuing a session token"));
    *token = t;
    *expiresAt = expires;
    return Result::success();
}

Result AccountStore::userForToken(const QString &token, User *out) const
{
    auto unauthorized = [](const Message &why) { return Result::failure(QStringLiteral("unauthorized"), why); };
    if (token.isEmpty())
        return unauthorized(tr("Log in first: the request carries no bearer token."));
    if (token.size() > 128)
        return unauthorized(tr("The session token is not valid."));
    const QString hashed = tokenHash(token);
    const auto cached = m_sessions.constFind(hashed);
    if (cached != m_sessions.constEnd()) {
        if (cached->expiresMs <= QDateTime::currentMSecsSinceEpoch())
            return unauthorized(tr("The session has expired. Log in again."));
        *out = cached->user;
        return Result::success();
    }
    QSqlQuery &q = m_sql->get(QStringLiteral("SELECT user_id, expires_at, revoked FROM tokens WHERE token_hash = :h"));
    q.bindValue(QStringLiteral(":h"), text(hashed));
    if (!q.exec())
        return SqlStatements::failure(q, tr("checking a session token"));
    if (!q.next())
        return unauthorized(tr("The session token is not valid. Log in again."));
    if (q.value(2).toInt() != 0)
        return unauthorized(tr("The session was logged out or revoked. Log in again."));
    if (q.value(1).toLongLong() <= QDateTime::currentMSecsSinceEpoch())
        return unauthorized(tr("The session has expired. Log in again."));
    const QString userId = q.value(0).toString();
    const qint64 expiresMs = q.value(1).toLongLong();
    q.finish();
    const std::optional<User> u = user(userId);
    if (!u)
        return unauthorized(tr("The account of this session no longer exists."));
    if (!u->active)
        return unauthorized(tr("Account %1 is disabled.").arg(u->id));
    if (m_sessions.size() > 10000)
        m_sessions.clear();
    m_sessions.insert(hashed, {*u, expiresMs});
    *out = *u;
    return Result::success();
}

Result AccountStore::revokeToken(const QString &token)
{
    m_sessions.clear();
    QSqlQuery q(m_sql->database());
    q.prepare(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE token_hash = :h"));
    q.bindValue(QStringLiteral(":h"), text(tokenHash(token)));
    return q.exec() ? Result::success() : SqlStatements::failure(q, tr("revoking a session"));
}

Result AccountStore::revokeTokensOf(const QString &userId)
{
    m_sessions.clear();
    QSqlQuery q(m_sql->database());
    q.prepare(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE user_id = :u"));
    q.bindValue(QStringLiteral(":u"), text(userId));
    return q.exec() ? Result::success() : SqlStatements::failure(q, tr("revoking sessions"));
}

} // namespace gw

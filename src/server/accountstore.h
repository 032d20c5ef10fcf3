#pragma once
#include "message.h"
#include "result.h"
#include "user.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <functional>
#include <memory>
#include <optional>

namespace gw {

class AdministrativeLog;
class SqlStatements;

// The server's accounts and their bearer tokens (sessions), in the `users` and `tokens` tables of the server
// database. Shares ServerStore's connection (ServerStore::accounts()); every value goes in through bound parameters.
class AccountStore
{
    GW_DECLARE_MESSAGES(gw::AccountStore)

public:
    struct Options {
        int pbkdf2Iterations = 120000;
        int tokenTtlSeconds = 12 * 3600;
    };

    // `connection`: the name of the QSqlDatabase connection, opened and migrated by its owner. Every change to an
    // account is recorded in `log` (same connection, same transaction), with the acting account's id.
    AccountStore(const QString &connection, const Options &options, AdministrativeLog *log);
    ~AccountStore();
    AccountStore(const AccountStore &) = delete;
    AccountStore &operator=(const AccountStore &) = delete;
    // Drops prepared statements and cached sessions; the owner calls it before it closes the connection.
    void reset();

    // --- Accounts ---
    int userCount() const;
    std::optional<User> user(const QString &id) const;
    QList<User> users() const;
    // `actor`: who makes the change, for the administrative log ("system" for the server itself).
    Result createUser(const User &user, const QString &password, const QString &actor = QStringLiteral("system"));
    // A new account with the password (the stored salted hash) of `passwordOf`: for demo accounts, which share
    // one public password, so a demo start does not hash it once per account (DemoDataSeeder).
    Result createUserSharingPassword(const User &user, const QString &passwordOf);
    // Changes name, role, org unit and active flag; revokes the user's tokens when role, unit or active change.
    // Records what changed (before and after); nothing when nothing did.
    Result updateUser(const User &user, const QString &actor = QStringLiteral("system"));
    // A password set for someone (an administrator's reset): with `mustChange` they set their own at next sign-in.
    Result setPassword(const QString &userId, const QString &password, const QString &actor = QStringLiteral("system"),
                       bool mustChange = false);
    // A person changing their own password (issue 17): the current one must be right, the new one must pass
    // PasswordPolicy::checkNew. Every session of the account is revoked, as for any new password.
    Result changeOwnPassword(const QString &userId, const QString &current, const QString &next);
    // Checks a login. Disabled and unknown accounts fail with the same message as a wrong password.
    Result authenticate(const QString &userId, const QString &password, User *user) const;
    static Result validateUser(const User &user);
    static Result validatePassword(const QString &password);

    // --- Bearer tokens ---
    Result issueToken(const QString &userId, QString *token, QDateTime *expiresAt);
    // The user behind a token; fails with code unauthorized and a reason (unknown, expired, revoked, disabled).
    Result userForToken(const QString &token, User *user) const;
    Result revokeToken(const QString &token);
    Result revokeTokensOf(const QString &userId);

private:
    // Runs `change` (the row writes and their log entry) in one transaction.
    Result logged(const Message &what, const std::function<Result()> &change);
    Result storePassword(const QString &userId, const QString &password, bool mustChange);

    Options m_options;
    std::unique_ptr<SqlStatements> m_sql;
    AdministrativeLog *m_log;
    // Sessions checked recently (token hash -> account and expiry), so a read costs one query instead of three.
    // Every change of tokens or accounts goes through this object and clears it; one server process per database.
    struct CachedSession {
        User user;
        qint64 expiresMs = 0;
    };
    mutable QHash<QString, CachedSession> m_sessions;
};

} // namespace gw

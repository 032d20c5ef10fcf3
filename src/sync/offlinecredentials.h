#pragma once
#include "result.h"
#include "user.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <functional>

namespace gw {

class SyncJournal;

// Offline sign-in on a shared desktop (issue 17): at each online sign-in the client keeps a salted slow hash of
// the password (PBKDF2-SHA256, as the server does) with the account as the server described it; working offline
// then needs that password. Wrong passwords are counted and, after a few, answered only after a growing pause
// that survives a restart. The server's word wins at the next online contact: a refused sign-in with the cached
// password, or a revoked session, removes the cached credential. Nothing here can give the password back.
class OfflineCredentials
{
    Q_DECLARE_TR_FUNCTIONS(gw::OfflineCredentials)

public:
    static constexpr int Iterations = 100000;
    static constexpr int FreeAttempts = 5;         // wrong passwords before the first pause
    static constexpr int FirstPauseSeconds = 30;   // doubled at each further wrong password
    static constexpr int LongestPauseSeconds = 15 * 60;

    explicit OfflineCredentials(SyncJournal &journal, std::function<QDateTime()> clock = {});

    Result remember(const User &user, const QString &password);
    // The account, when `password` is the one cached for `userId`. Refusals: no_credential, wrong_password,
    // throttled (the message says until when).
    Result verify(const QString &userId, const QString &password, User *user);
    // Whether `password` is the cached one, without counting an attempt (used when the server refuses it).
    bool matches(const QString &userId, const QString &password) const;
    bool has(const QString &userId) const;
    void forget(const QString &userId);

private:
    QDateTime now() const;
    static QString key(const QString &userId);
    QJsonObject record(const QString &userId) const;  // the kept verifier, or an empty object
    Result write(const QString &userId, const QJsonObject &record);

    SyncJournal &m_journal;
    std::function<QDateTime()> m_clock;
};

} // namespace gw

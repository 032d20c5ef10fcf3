#include "offlinecredentials.h"
#include "syncjournal.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace gw {

namespace {

QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, 32);
}

// Compares in time independent of where the first difference is.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// Whether `password` derives the hash kept in `record`.
bool recordMatches(const QJsonObject &record, const QString &password)
{
    const QByteArray salt = QByteArray::fromHex(record.value(QStringLiteral("salt")).toString().toLatin1());
    const int iterations = record.value(QStringLiteral("iterations")).toInt();
    if (record.isEmpty() || salt.isEmpty() || iterations < 1000)
        return false;
    return sameBytes(derive(password, salt, iterations),
                     QByteArray::fromHex(record.value(QStringLiteral("hash")).toString().toLatin1()));
}

} // namespace

OfflineCredentials::OfflineCredentials(SyncJournal &journal, std::function<QDateTime()> clock)
    : m_journal(journal), m_clock(std::move(clock))
{
}

QDateTime OfflineCredentials::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

QJsonObject OfflineCredentials::record(const QString &userId) const
{
    return QJsonDocument::fromJson(m_journal.syncValue(key(userId)).toUtf8()).object();
}

Result OfflineCredentials::write(const QString &userId, const QJsonObject &record)
{
    return m_journal.setSyncValue(key(userId), QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact)));
}

QString OfflineCredentials::key(const QString &userId)
{
    return QStringLiteral("offline_credential:") + userId;
}

Result OfflineCredentials::remember(const User &user, const QString &password)
{
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    const QJsonObject record{{QStringLiteral("user"), user.toJson()},
                             {QStringLiteral("salt"), QString::fromLatin1(salt.toHex())},
                             {QStringLiteral("iterations"), Iterations},
                             {QStringLiteral("hash"), QString::fromLatin1(derive(password, salt, Iterations).toHex())},
                             {QStringLiteral("failures"), 0}};
    return write(user.id, record);
}

bool OfflineCredentials::has(const QString &userId) const
{
    return !m_journal.syncValue(key(userId)).isEmpty();
}

void OfflineCredentials::forget(const QString &userId)
{
    if (has(userId))
        m_journal.setSyncValue(key(userId), QString());
}

bool OfflineCredentials::matches(const QString &userId, const QString &password) const
{
    return recordMatches(record(userId), password);
}

Result OfflineCredentials::verify(const QString &userId, const QString &password, User *user)
{
    QJsonObject record = this->record(userId);
    User cached;
    Message why;
    if (record.isEmpty() || !User::fromJson(record.value(QStringLiteral("user")).toObject(), &cached, &why))
        return Result::failure(QStringLiteral("no_credential"),
                               tr("%1 has not signed in online on this computer yet (or the district server has since "
                                  "refused that sign-in). Sign in online once; after that %1 can work offline.")
                                   .arg(userId));
    const QDateTime pausedUntil =
        QDateTime::fromString(record.value(QStringLiteral("pausedUntil")).toString(), Qt::ISODateWithMs);
    if (pausedUntil.isValid() && now() < pausedUntil)
        return Result::failure(QStringLiteral("throttled"),
                               tr("Too many wrong passwords. Try again after %1.")
                                   .arg(pausedUntil.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    if (recordMatches(record, password)) {
        if (record.value(QStringLiteral("failures")).toInt() != 0) {
            record.insert(QStringLiteral("failures"), 0);
            record.remove(QStringLiteral("pausedUntil"));
            write(userId, record);
        }
        *user = cached;
        return Result::success();
    }
    const int failures = record.value(QStringLiteral("failures")).toInt() + 1;
    record.insert(QStringLiteral("failures"), failures);
    if (failures >= FreeAttempts) {
        const int doublings = qMin(failures - FreeAttempts, 10);
        const int pause = qMin(LongestPauseSeconds, FirstPauseSeconds << doublings);
        record.insert(QStringLiteral("pausedUntil"), now().addSecs(pause).toString(Qt::ISODateWithMs));
    }
    write(userId, record);
    const int left = FreeAttempts - failures;
    return Result::failure(QStringLiteral("wrong_password"),
                           left > 0 ? tr("Wrong password for %1 (%n attempt(s) left before a pause).", nullptr, left).arg(userId)
                                    : tr("Wrong password for %1. Wait before trying again.").arg(userId));
}

} // namespace gw

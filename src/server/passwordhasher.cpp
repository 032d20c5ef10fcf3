#include "passwordhasher.h"
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace gw {

static QByteArray randomBytes(int n)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (int i = 0; i < n; ++i)
        out[i] = char(rng->bounded(256));
    return out;
}

static QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, 32);
}

PasswordHasher::Hash PasswordHasher::make(const QString &password, int iterations)
{
    Hash h;
    const QByteArray salt = randomBytes(16);
    h.saltHex = salt.toHex();
    h.iterations = qMax(1, iterations);
    h.hashHex = derive(password, salt, h.iterations).toHex();
    return h;
}

bool PasswordHasher::matches(const QString &password, const Hash &stored)
{
    if (stored.iterations < 1 || stored.hashHex.isEmpty())
        return false;
    const QByteArray computed = derive(password, QByteArray::fromHex(stored.saltHex), stored.iterations).toHex();
    // Compare without an early exit so timing does not tell how many characters matched.
    if (computed.size() != stored.hashHex.size())
        return false;
    int diff = 0;
    for (int i = 0; i < computed.size(); ++i)
        diff |= computed.at(i) ^ stored.hashHex.at(i);
    return diff == 0;
}

QString PasswordHasher::randomPassword()
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    const int n = int(sizeof(alphabet)) - 1;
    QString out;
    for (int i = 0; i < 20; ++i)
        out.append(QChar::fromLatin1(alphabet[QRandomGenerator::system()->bounded(n)]));
    return out;
}

QString PasswordHasher::randomToken(int bytes)
{
    return QString::fromLatin1(
        randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace gw

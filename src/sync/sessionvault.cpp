#include "sessionvault.h"
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTimer>
#ifdef GW_HAVE_OPENSSL
#include <openssl/evp.h>
#endif
#ifdef GW_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace gw {

namespace {

const char *const kService = "GridWhistle";
const char *const kFileName = "session.vault";
bool g_keychainEnabled = true;

#ifdef GW_HAVE_OPENSSL
QByteArray randomBytes(int n)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator::system()->generate(out.begin(), out.end());
    return out;
}

QByteArray deriveKey(const QString &password, const QByteArray &salt, int iterations)
{
    const QByteArray utf8 = password.toUtf8();
    QByteArray key(32, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(utf8.constData(), int(utf8.size()), reinterpret_cast<const unsigned char *>(salt.constData()),
                          int(salt.size()), iterations, EVP_sha256(), int(key.size()),
                          reinterpret_cast<unsigned char *>(key.data())) != 1)
        return {};
    return key;
}

// AES-256-GCM: ciphertext followed by the 16-byte tag; `aad` (the account) is authenticated with it.
bool gcm(bool encrypt, const QByteArray &key, const QByteArray &nonce, const QByteArray &aad, const QByteArray &in,
         QByteArray *out)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (!ctx)
        return false;
    const auto u = [](const QByteArray &b) { return reinterpret_cast<const unsigned char *>(b.constData()); };
    QByteArray body = encrypt ? in : in.left(qMax<qsizetype>(0, in.size() - 16));
    QByteArray tag = encrypt ? QByteArray(16, '\0') : in.right(16);
    QByteArray result(body.size() + 16, Qt::Uninitialized);
    int len = 0, total = 0;
    bool ok = (encrypt ? EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr)
                       : EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr)) == 1
              && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, int(nonce.size()), nullptr) == 1
              && (encrypt ? EVP_EncryptInit_ex(ctx, nullptr, nullptr, u(key), u(nonce))
                          : EVP_DecryptInit_ex(ctx, nullptr, nullptr, u(key), u(nonce))) == 1
              && (encrypt ? EVP_EncryptUpdate(ctx, nullptr, &len, u(aad), int(aad.size()))
                          : EVP_DecryptUpdate(ctx, nullptr, &len, u(aad), int(aad.size()))) == 1;
    unsigned char *dst = reinterpret_cast<unsigned char *>(result.data());
    ok = ok
         && (encrypt ? EVP_EncryptUpdate(ctx, dst, &len, u(body), int(body.size()))
                     : EVP_DecryptUpdate(ctx, dst, &len, u(body), int(body.size()))) == 1;
    total = len;
    if (ok && !encrypt)
        ok = in.size() >= 16 && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, tag.data()) == 1;
    ok = ok && (encrypt ? EVP_EncryptFinal_ex(ctx, dst + total, &len) : EVP_DecryptFinal_ex(ctx, dst + total, &len)) == 1;
    total += len;
    if (ok && encrypt)
        ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag.data()) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok)
        return false;
    result.truncate(total);
    *out = encrypt ? result + tag : result;
    return true;
}

#endif

#ifdef GW_HAVE_QTKEYCHAIN
// Runs a QtKeychain job to its end, bounded, so a keychain that never answers cannot hang the sign-in. The job
// lives on the heap and deletes itself when it finishes, even after we stopped waiting; what it says is copied
// out while the wait (the context of the connection) still exists.
QKeychain::Error runJob(QKeychain::Job *job, QString *error, QByteArray *data = nullptr)
{
    QEventLoop loop;
    bool finished = false;
    QKeychain::Error code = QKeychain::OtherError;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *done) {
        finished = true;
        code = done->error();
        *error = done->errorString();
        if (data)
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(done))
                *data = read->binaryData();
        loop.quit();
    });
    job->setAutoDelete(true);
    job->start();
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!finished)
        *error = QCoreApplication::translate("gw::SessionVault", "the keychain did not answer within 15 s");
    return code;
}
#endif

} // namespace

SessionVault::SessionVault(const QString &folder) : m_folder(folder) {}

void SessionVault::setKeychainEnabled(bool enabled) { g_keychainEnabled = enabled; }

bool SessionVault::keychainCompiledIn()
{
#ifdef GW_HAVE_QTKEYCHAIN
    return true;
#else
    return false;
#endif
}

QString SessionVault::filePath() const { return QDir(m_folder).filePath(QLatin1String(kFileName)); }

QString SessionVault::backendDescription() const
{
    switch (m_backend) {
    case Backend::Keychain: return tr("The session is kept in the system keychain.");
    case Backend::EncryptedFile:
        return tr("No system keychain answered (%1): the session is kept in %2, encrypted with your password.")
            .arg(m_keychainProblem.isEmpty() ? tr("not available") : m_keychainProblem,
                 QDir::toNativeSeparators(filePath()));
    case Backend::None: break;
    }
    return tr("No session is kept.");
}

Result SessionVault::store(const QString &account, const QByteArray &secret, const QString &password)
{
#ifdef GW_HAVE_QTKEYCHAIN
    if (g_keychainEnabled) {
        auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
        job->setKey(account);
        job->setBinaryData(secret);
        QString error;
        if (runJob(job, &error) == QKeychain::NoError) {
            m_backend = Backend::Keychain;
            removeFromFile(account);  // an older copy in the file has no business staying
            return Result::success();
        }
        m_keychainProblem = error;
    } else {
        m_keychainProblem = tr("turned off");
    }
#else
    m_keychainProblem = tr("this build has no keychain support");
#endif
    return storeInFile(account, secret, password);
}

Result SessionVault::load(const QString &account, const QString &password, QByteArray *secret)
{
#ifdef GW_HAVE_QTKEYCHAIN
    if (g_keychainEnabled) {
        auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
        job->setKey(account);
        QString error;
        QByteArray data;
        if (runJob(job, &error, &data) == QKeychain::NoError) {
            *secret = data;
            m_backend = Backend::Keychain;
            return Result::success();
        }
        m_keychainProblem = error;
    }
#endif
    return loadFromFile(account, password, secret);
}

void SessionVault::remove(const QString &account)
{
#ifdef GW_HAVE_QTKEYCHAIN
    if (g_keychainEnabled) {
        auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService));
        job->setKey(account);
        QString error;
        runJob(job, &error);
    }
#endif
    removeFromFile(account);
}

Result SessionVault::storeInFile(const QString &account, const QByteArray &secret, const QString &password)
{
#ifndef GW_HAVE_OPENSSL
    Q_UNUSED(account)
    Q_UNUSED(secret)
    Q_UNUSED(password)
    return Result::failure(QStringLiteral("no_vault"), tr("No keychain answered and this build cannot encrypt the "
                                                           "session: sign in online at each start."));
#else
    if (password.isEmpty())
        return Result::failure(QStringLiteral("no_vault"), tr("No keychain answered and no password was given to "
                                                               "encrypt the session with."));
    QJsonObject entries = readEntries();
    const QByteArray salt = randomBytes(16), nonce = randomBytes(12);
    QByteArray sealed;
    const QByteArray key = deriveKey(password, salt, FileKeyIterations);
    if (key.isEmpty() || !gcm(true, key, nonce, account.toUtf8(), secret, &sealed))
        return Result::failure(QStringLiteral("storage_error"), tr("The session could not be encrypted."));
    entries.insert(account, QJsonObject{{QStringLiteral("salt"), QString::fromLatin1(salt.toHex())},
                                        {QStringLiteral("iterations"), FileKeyIterations},
                                        {QStringLiteral("nonce"), QString::fromLatin1(nonce.toHex())},
                                        {QStringLiteral("sealed"), QString::fromLatin1(sealed.toHex())}});
    const Result written = writeEntries(entries);
    if (!written.ok)
        return written;
    m_backend = Backend::EncryptedFile;
    return Result::success();
#endif
}

Result SessionVault::loadFromFile(const QString &account, const QString &password, QByteArray *secret)
{
    const QJsonObject entry = readEntries().value(account).toObject();
    if (entry.isEmpty())
        return Result::failure(QStringLiteral("not_found"), tr("No session is kept for this account on this computer."));
#ifndef GW_HAVE_OPENSSL
    Q_UNUSED(password)
    Q_UNUSED(secret)
    return Result::failure(QStringLiteral("no_vault"), tr("This build cannot open the encrypted session file."));
#else
    const int iterations = entry.value(QStringLiteral("iterations")).toInt();
    const QByteArray key = deriveKey(password, QByteArray::fromHex(entry.value(QStringLiteral("salt")).toString().toLatin1()),
                                     qBound(1000, iterations, 10000000));
    QByteArray plain;
    if (key.isEmpty()
        || !gcm(false, key, QByteArray::fromHex(entry.value(QStringLiteral("nonce")).toString().toLatin1()),
                account.toUtf8(), QByteArray::fromHex(entry.value(QStringLiteral("sealed")).toString().toLatin1()), &plain))
        return Result::failure(QStringLiteral("wrong_password"),
                               tr("The kept session does not open with this password (or the file was changed)."));
    *secret = plain;
    m_backend = Backend::EncryptedFile;
    return Result::success();
#endif
}

void SessionVault::removeFromFile(const QString &account)
{
    QJsonObject entries = readEntries();
    if (!entries.contains(account))
        return;
    entries.remove(account);
    writeEntries(entries);
}

QJsonObject SessionVault::readEntries() const
{
    QFile file(filePath());
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

Result SessionVault::writeEntries(const QJsonObject &entries)
{
    if (entries.isEmpty()) {  // no session left: no file
        QFile::remove(filePath());
        return Result::success();
    }
    QSaveFile file(filePath());
    bool written = file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(entries).toJson()) >= 0;
    if (written) {
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);  // Unix modes; Windows has the profile
        written = file.commit();
    }
    if (!written)
        return Result::failure(QStringLiteral("storage_error"),
                               tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(filePath()), file.errorString()));
    return Result::success();
}

} // namespace gw

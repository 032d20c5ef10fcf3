#pragma once
#include "result.h"
#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace gw {

// Where a signed-in person's session token is kept between runs (issue 17): in the operating system's keychain
// through QtKeychain (Windows Credential Manager, the Secret Service on Linux), never in SQLite or QSettings.
// Where no keychain answers (a Linux desktop without a secret service), in a file next to the store, encrypted
// with AES-256-GCM under a key derived from the person's password (PBKDF2-SHA256), so it opens only with that
// password; the vault says which it used.
class SessionVault
{
    Q_DECLARE_TR_FUNCTIONS(gw::SessionVault)

public:
    enum class Backend { None, Keychain, EncryptedFile };
    static constexpr int FileKeyIterations = 100000;

    // `folder`: where the encrypted file lives when it is needed (the client's data folder).
    explicit SessionVault(const QString &folder);

    // `password` is needed for the file and ignored by the keychain.
    Result store(const QString &account, const QByteArray &secret, const QString &password);
    Result load(const QString &account, const QString &password, QByteArray *secret);
    void remove(const QString &account);

    Backend lastBackend() const { return m_backend; }
    // For the person: where their session is kept, and why not in the keychain when it is not.
    QString backendDescription() const;
    QString filePath() const;

    // Tests of the fallback turn the keychain off (and the real keychain is tested under a secret service).
    static void setKeychainEnabled(bool enabled);
    static bool keychainCompiledIn();

private:
    Result storeInFile(const QString &account, const QByteArray &secret, const QString &password);
    Result loadFromFile(const QString &account, const QString &password, QByteArray *secret);
    void removeFromFile(const QString &account);
    QJsonObject readEntries() const;  // account -> sealed token, from the file
    Result writeEntries(const QJsonObject &entries);

    QString m_folder;
    Backend m_backend = Backend::None;
    QString m_keychainProblem;  // why the keychain was not used, when it was not
};

} // namespace gw

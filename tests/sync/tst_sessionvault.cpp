// SessionVault (issue 17): the session token lives in the OS keychain, or where none answers in a file encrypted
// with the person's password; never in clear or a plain encoding. Run twice by ctest: with a real Secret Service
// (gnome-keyring under dbus-run-session, GW_TEST_KEYCHAIN=1) and without one (the encrypted-file fallback).
#include "casestore.h"
#include "sessionvault.h"
#include "syncengine.h"
#include "syncjournal.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

namespace {

// Every byte of every file under `folder`.
QByteArray everyFile(const QString &folder)
{
    QByteArray all;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

QStringList plainForms(const QByteArray &secret)
{
    return {QString::fromLatin1(secret), QString::fromLatin1(secret.toBase64()), QString::fromLatin1(secret.toHex()),
            QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))};
}

} // namespace

class TstSessionVault : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QByteArray m_token = "tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    const QString m_password = QStringLiteral("Str33t-password!");
    bool m_realKeychain = qEnvironmentVariableIntValue("GW_TEST_KEYCHAIN") == 1;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (m_realKeychain && !SessionVault::keychainCompiledIn())
            QFAIL("GW_TEST_KEYCHAIN=1 but this build has no QtKeychain (install qtkeychain-qt6-dev)");
    }

    void encryptedFileWhenNoKeychain()
    {
        SessionVault::setKeychainEnabled(false);
        const QString folder = m_dir.filePath(QStringLiteral("file"));
        QVERIFY(QDir().mkpath(folder));
        SessionVault vault(folder);
        QVERIFY(vault.store(QStringLiteral("dev-1/tuodong"), m_token, m_password).ok);
        QCOMPARE(vault.lastBackend(), SessionVault::Backend::EncryptedFile);
        QVERIFY2(vault.backendDescription().contains(QStringLiteral("encrypted")), qPrintable(vault.backendDescription()));
        QVERIFY(QFileInfo::exists(vault.filePath()));
#ifdef Q_OS_UNIX
        QCOMPARE(QFile::permissions(vault.filePath()) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
#endif
        const QByteArray files = everyFile(folder);
        for (const QString &form : plainForms(m_token) + plainForms(m_password.toUtf8()))
            QVERIFY2(!files.contains(form.toLatin1()), qPrintable(form));

        QByteArray back;
        SessionVault again(folder);  // a later run
        QVERIFY(again.load(QStringLiteral("dev-1/tuodong"), m_password, &back).ok);
        QCOMPARE(back, m_token);
        QCOMPARE(again.load(QStringLiteral("dev-1/tuodong"), QStringLiteral("wrong"), &back).code, QStringLiteral("wrong_password"));
        QCOMPARE(again.load(QStringLiteral("dev-1/other"), m_password, &back).code, QStringLiteral("not_found"));
        // Bound to its account: the sealed bytes moved under another account do not open.
        QFile f(vault.filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray json = f.readAll();
        f.close();
        json.replace("dev-1/tuodong", "dev-1/gulouxx");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        QCOMPARE(again.load(QStringLiteral("dev-1/gulouxx"), m_password, &back).code, QStringLiteral("wrong_password"));
        again.remove(QStringLiteral("dev-1/gulouxx"));
        QVERIFY(!QFileInfo::exists(vault.filePath()));  // the last entry gone: no file left
        SessionVault::setKeychainEnabled(true);
    }

    // A store written before issue 17 kept the token in SQLite: the first offline sign-in moves it to the vault
    // and out of the store.
    void legacyTokenLeavesTheStore()
    {
        SessionVault::setKeychainEnabled(m_realKeychain);
        const QString folder = m_dir.filePath(QStringLiteral("legacy"));
        CaseStore store;
        QVERIFY(store.open(QDir(folder).filePath(QStringLiteral("client.sqlite"))).ok);
        const User user = User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"));
        const QJsonObject legacy{{QStringLiteral("user"), user.toJson()},
                                 {QStringLiteral("token"), QString::fromLatin1(m_token)},
                                 {QStringLiteral("expiresAt"), QStringLiteral("2099-01-01T00:00:00.000Z")},
                                 {QStringLiteral("server"), QStringLiteral("https://127.0.0.1:9")}};
        QVERIFY(store.journal().setSyncValue(QStringLiteral("session"),
                                             QString::fromUtf8(QJsonDocument(legacy).toJson(QJsonDocument::Compact))).ok);
        SyncEngine engine(&store);
        QVERIFY(engine.restoreCachedSession(m_password));
        QVERIFY(engine.isLoggedIn());
        QVERIFY(!store.journal().syncValue(QStringLiteral("session")).contains(QLatin1String(m_token)));
        QByteArray back;
        QVERIFY(SessionVault(folder).load(store.deviceId() + QLatin1Char('/') + user.id, m_password, &back).ok);
        QCOMPARE(back, m_token);
        SyncEngine later(&store);  // a later run finds it in the vault
        QVERIFY(later.restoreCachedSession(m_password));
        QVERIFY(later.isLoggedIn());
        SessionVault::setKeychainEnabled(true);
    }

    void systemKeychainWhenOneAnswers()
    {
        if (!m_realKeychain)
            QSKIP("run by ctest as tst_sessionvault_keychain, under dbus-run-session with gnome-keyring");
        const QString folder = m_dir.filePath(QStringLiteral("keychain"));
        QVERIFY(QDir().mkpath(folder));
        SessionVault vault(folder);
        const QString account = QStringLiteral("dev-%1/dispatcher").arg(QCoreApplication::applicationPid());
        const Result stored = vault.store(account, m_token, m_password);
        QVERIFY2(stored.ok, qPrintable(stored.message.english()));
        QVERIFY2(vault.lastBackend() == SessionVault::Backend::Keychain, qPrintable(vault.backendDescription()));
        QVERIFY(!QFileInfo::exists(vault.filePath()));  // nothing of it in the data folder
        QByteArray back;
        SessionVault again(folder);
        QVERIFY(again.load(account, QString(), &back).ok);  // the keychain needs no password of ours
        QCOMPARE(back, m_token);
        QCOMPARE(again.lastBackend(), SessionVault::Backend::Keychain);
        again.remove(account);
        QVERIFY(!SessionVault(folder).load(account, QString(), &back).ok);
        QVERIFY(!everyFile(folder).contains(m_token));
    }
};

QTEST_GUILESS_MAIN(TstSessionVault)
#include "tst_sessionvault.moc"

// Passwords never appear in clear: not in the server's output (stdout and stderr, verbose logging on), not in
// any table or file of the server database, not in the desktop client's local store. Stored hashes are salted
// PBKDF2-SHA256 with a salt per account. Repeated wrong passwords are throttled per account (429), even the
// right password waits, and logins work again once the window has passed.
#include "casestore.h"
#include "securityserver.h"
#include "syncengine.h"
#include <QDirIterator>
#include <QPasswordDigestor>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {
// Distinctive enough that any hit is a leak, not a coincidence.
const QString SharedSecret = QStringLiteral("Clear-Secret-Alpha-7391");   // two accounts use it
const QString OwnSecret = QStringLiteral("Zebra-Quartz-密码-5512");
const QString WrongGuess = QStringLiteral("Wrong-Guess-Beta-2210");
const QString ChangedSecret = QStringLiteral("Changed-Secret-Gamma-8830");
const int WindowSeconds = 5;  // long enough that a loaded machine still makes the failed attempts inside it
const int MaxFailures = 3;

// Every way a password could sit in a file: as UTF-8, UTF-16, hex and base64.
QList<QByteArray> forms(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    return {utf8, QByteArray(reinterpret_cast<const char *>(password.utf16()), password.size() * 2), utf8.toHex(),
            utf8.toBase64()};
}
} // namespace

class TstPasswords : public QObject
{
    Q_OBJECT

private:
    SecurityServer m_server;
    QString m_clientStore;

    int leaks(const QByteArray &haystack, QStringList *found) const
    {
        int hits = 0;
        for (const QString &secret : {SharedSecret, OwnSecret, WrongGuess, ChangedSecret}) {
            for (const QByteArray &form : forms(secret)) {
                if (haystack.contains(form)) {
                    ++hits;
                    found->append(secret);
                }
            }
        }
        return hits;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString err = m_server.start({"--verbose", "--max-failed-logins", QString::number(MaxFailures),
                                            "--login-window", QString::number(WindowSeconds)});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        ApiClient &api = *m_server.api;
        const QString admin = m_server.token("admin");
        const QList<std::pair<QString, QString>> accounts{
            {"twin.a", SharedSecret}, {"twin.b", SharedSecret}, {"own", OwnSecret}};
        for (const auto &[id, password] : accounts) {
            const ApiClient::Response r = api.post("/api/v1/users",
                                                   {{"id", id}, {"name", id}, {"role", "supervisor"},
                                                    {"orgUnit", "center.district"}, {"password", password}}, admin);
            QCOMPARE(r.status, 201);
            QVERIFY(!QString::fromUtf8(r.raw).contains(password));
        }
        // Logins that work and logins that fail, over the API and through the desktop client's sync engine.
        QVERIFY(!api.login("twin.a", SharedSecret).isEmpty());
        QVERIFY(!api.login("own", OwnSecret).isEmpty());
        QCOMPARE(api.post("/api/v1/login", {{"user", "twin.b"}, {"password", WrongGuess}}).status, 401);
        QCOMPARE(api.post("/api/v1/login", {{"user", "no.such.user"}, {"password", WrongGuess}}).status, 401);
        QCOMPARE(api.put("/api/v1/users/own", {{"password", ChangedSecret}}, admin).status, 200);
        QVERIFY(!api.login("own", ChangedSecret).isEmpty());

        CaseStore store;
        m_clientStore = m_server.dir.filePath("client.sqlite");
        QVERIFY(store.open(m_clientStore).ok);
        SyncEngine engine(&store);
        QVERIFY(engine.configure(m_server.process.url(), m_server.pki.caFile).ok);
        for (const QString &password : {WrongGuess, SharedSecret}) {
            QSignalSpy loggedIn(&engine, &SyncEngine::loggedIn);
            QSignalSpy failed(&engine, &SyncEngine::loginFailed);
            engine.login("twin.b", password);
            for (int i = 0; i < 300 && loggedIn.isEmpty() && failed.isEmpty(); ++i)
                loggedIn.wait(100);
            QCOMPARE(loggedIn.size(), password == SharedSecret ? 1 : 0);
        }
        QSignalSpy finished(&engine, &SyncEngine::syncFinished);
        engine.syncNow();
        for (int i = 0; i < 300 && finished.isEmpty(); ++i)
            finished.wait(100);
    }

    void cleanupTestCase() { m_server.stop(); }

    void storedHashesAreSaltedPbkdf2()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "hashes");
        db.setDatabaseName(m_server.databaseFile());
        db.setConnectOptions("QSQLITE_OPEN_READONLY");
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT id, password_hash, salt, iterations FROM users WHERE id IN ('twin.a', 'twin.b', 'own') ORDER BY id"));
            QHash<QString, std::tuple<QByteArray, QByteArray, int>> rows;
            while (q.next())
                rows.insert(q.value(0).toString(), {q.value(1).toString().toLatin1(), q.value(2).toString().toLatin1(), q.value(3).toInt()});
            QCOMPARE(rows.size(), 3);
            const auto &[hashA, saltA, itA] = rows.value("twin.a");
            const auto &[hashB, saltB, itB] = rows.value("twin.b");
            const auto &[hashOwn, saltOwn, itOwn] = rows.value("own");
            // Equal passwords, different salts, different hashes.
            QVERIFY(saltA != saltB);
            QVERIFY(hashA != hashB);
            QCOMPARE(QByteArray::fromHex(saltA).size(), 16);
            QCOMPARE(QByteArray::fromHex(hashA).size(), 32);
            // And the hash is PBKDF2-HMAC-SHA256 over that salt with the stored iteration count.
            for (const auto &[hash, salt, iterations, password] :
                 {std::tuple{hashA, saltA, itA, SharedSecret}, std::tuple{hashB, saltB, itB, SharedSecret},
                  std::tuple{hashOwn, saltOwn, itOwn, ChangedSecret}}) {
                QVERIFY(iterations >= 1000);
                QCOMPARE(QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(),
                                                            QByteArray::fromHex(salt), iterations, 32).toHex(),
                         hash);
            }
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("hashes");
    }

    void passwordsAppearNowhereInClear()
    {
        QStringList found;
        int checkedFiles = 0;
        // Every table, read through SQLite (includes what sits in the WAL).
        QCOMPARE(leaks(sqliteAllText(m_server.databaseFile()), &found), 0);
        QCOMPARE(leaks(sqliteAllText(m_clientStore), &found), 0);
        // Every file the server and the client wrote, byte for byte (database, WAL, certificates, anything).
        QDirIterator it(m_server.dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(leaks(f.readAll(), &found) == 0, qPrintable(f.fileName() + ": " + found.join(", ")));
            ++checkedFiles;
        }
        QVERIFY(checkedFiles >= 3);
        // What the server printed, with verbose request logging on.
        m_server.stop();
        const QByteArray output = (m_server.process.output() + m_server.process.standardOutput()).toUtf8();
        QVERIFY(output.contains("POST /api/v1/login"));  // the log was really on
        QVERIFY2(leaks(output, &found) == 0, qPrintable(found.join(", ")));
        qInfo("searched %d files, every table of 2 databases and %lld bytes of server output for 4 passwords in 4 "
              "encodings: 0 hits", checkedFiles, static_cast<long long>(output.size()));
        QVERIFY(m_server.process.start(m_server.dir.filePath("data"), {"--cert", m_server.pki.certFile, "--key", m_server.pki.keyFile,
                                                                        "--max-failed-logins", QString::number(MaxFailures),
                                                                        "--login-window", QString::number(WindowSeconds)}).isEmpty());
        m_server.api = std::make_unique<ApiClient>(m_server.process.url(), m_server.pki.caFile);
    }

    void repeatedWrongPasswordsAreThrottled()
    {
        ApiClient &api = *m_server.api;
        for (int i = 0; i < MaxFailures; ++i) {
            const ApiClient::Response r = api.post("/api/v1/login", {{"user", "twin.a"}, {"password", WrongGuess}});
            QCOMPARE(r.status, 401);
        }
        const ApiClient::Response throttled = api.post("/api/v1/login", {{"user", "twin.a"}, {"password", WrongGuess}});
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.error(), QStringLiteral("too_many_attempts"));
        QVERIFY2(!throttled.json.value("message").toString().isEmpty(), throttled.raw.constData());
        QVERIFY2(throttled.json.value("message").toString().contains("Wait 1 minutes"), throttled.raw.constData());
        // The right password waits too, so guessing cannot be confirmed while throttled.
        const ApiClient::Response right = api.post("/api/v1/login", {{"user", "twin.a"}, {"password", SharedSecret}});
        QCOMPARE(right.status, 429);
        QVERIFY(!right.json.contains("token"));
        // Other accounts are not affected.
        QVERIFY(!api.login("twin.b", SharedSecret).isEmpty());
        // After the window, the right password works again.
        QTest::qWait(WindowSeconds * 1000 + 300);
        QVERIFY(!api.login("twin.a", SharedSecret).isEmpty());
    }

    void throttleOptionsAreValidated()
    {
        ServerProcess bad;
        const QString err = bad.start(m_server.dir.filePath("bad"), {"--login-window", "0"});
        QVERIFY2(err.contains("--login-window"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TstPasswords)
#include "tst_passwords.moc"

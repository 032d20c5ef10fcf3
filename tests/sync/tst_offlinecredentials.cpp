// OfflineCredentials (issue 17): the password of the last online sign-in opens the account offline; wrong
// passwords are counted and paused, across restarts; nothing in the store gives the password back.
#include "casestore.h"
#include "offlinecredentials.h"
#include "servertestkit.h"
#include "syncjournal.h"
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TstOfflineCredentials : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QDateTime m_now = QDateTime(QDate(2026, 12, 6), QTime(9, 0), Qt::UTC);
    const User m_user = User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"));
    const QString m_password = QStringLiteral("Str33t-password!");

    OfflineCredentials credentials(CaseStore &store)
    {
        return OfflineCredentials(store.journal(), [this] { return m_now; });
    }

private Q_SLOTS:
    void rightPasswordOpensWrongOneIsCountedAndPaused()
    {
        const QString path = m_dir.filePath(QStringLiteral("a.sqlite"));
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            OfflineCredentials c = credentials(store);
            User u;
            QCOMPARE(c.verify(m_user.id, m_password, &u).code, QStringLiteral("no_credential"));
            QVERIFY(c.remember(m_user, m_password).ok);
            QVERIFY(c.verify(m_user.id, m_password, &u).ok);
            QCOMPARE(u.id, m_user.id);
            QCOMPARE(u.role, m_user.role);
            QVERIFY(c.matches(m_user.id, m_password));
            QVERIFY(!c.matches(m_user.id, m_password + QLatin1Char(' ')));
            QVERIFY(!c.matches(QStringLiteral("someone-else"), m_password));
            for (int i = 1; i < OfflineCredentials::FreeAttempts; ++i) {
                const Result r = c.verify(m_user.id, QStringLiteral("guess-%1").arg(i), &u);
                QCOMPARE(r.code, QStringLiteral("wrong_password"));
            }
            QCOMPARE(c.verify(m_user.id, QStringLiteral("last-guess"), &u).code, QStringLiteral("wrong_password"));
            // Paused now: even the right password waits.
            QCOMPARE(c.verify(m_user.id, m_password, &u).code, QStringLiteral("throttled"));
        }
        {
            CaseStore store;  // a restart does not lift the pause
            QVERIFY(store.open(path).ok);
            OfflineCredentials c = credentials(store);
            User u;
            QCOMPARE(c.verify(m_user.id, m_password, &u).code, QStringLiteral("throttled"));
            m_now = m_now.addSecs(OfflineCredentials::FirstPauseSeconds + 1);
            // Another wrong one doubles the pause.
            QCOMPARE(c.verify(m_user.id, QStringLiteral("again"), &u).code, QStringLiteral("wrong_password"));
            m_now = m_now.addSecs(OfflineCredentials::FirstPauseSeconds + 1);
            QCOMPARE(c.verify(m_user.id, m_password, &u).code, QStringLiteral("throttled"));
            m_now = m_now.addSecs(OfflineCredentials::FirstPauseSeconds);
            QVERIFY(c.verify(m_user.id, m_password, &u).ok);
            // The count starts again after a success.
            QCOMPARE(c.verify(m_user.id, QStringLiteral("typo"), &u).code, QStringLiteral("wrong_password"));
            QVERIFY(c.verify(m_user.id, m_password, &u).ok);
            c.forget(m_user.id);
            QVERIFY(!c.has(m_user.id));
            QCOMPARE(c.verify(m_user.id, m_password, &u).code, QStringLiteral("no_credential"));
        }
    }

    void thePasswordIsNowhereInTheStore()
    {
        const QString path = m_dir.filePath(QStringLiteral("b.sqlite"));
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            QVERIFY(credentials(store).remember(m_user, m_password).ok);
        }
        QString error;
        const QByteArray all = gw::test::sqliteAllText(path, &error);
        QVERIFY2(!all.isEmpty(), qPrintable(error));
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray file = raw.readAll();
        const QByteArray utf8 = m_password.toUtf8();
        for (const QByteArray &form : {utf8, utf8.toBase64(), utf8.toHex(), utf8.toBase64(QByteArray::Base64UrlEncoding)}) {
            QVERIFY2(!all.contains(form), form.constData());
            QVERIFY2(!file.contains(form), form.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TstOfflineCredentials)
#include "tst_offlinecredentials.moc"

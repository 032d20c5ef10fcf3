// The desktop client's sync engine refuses a server it cannot verify: a certificate signed by another CA,
// an expired one, or one issued for another host. It says why in words, and nothing is synced either way:
// the local outbox keeps its action and the server stores nothing.
#include "casestore.h"
#include "securityserver.h"
#include "syncengine.h"
#include "syncjournal.h"
#include <QSignalSpy>
#include <QtTest>

using namespace gw;
using namespace gw::test;

class TstTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    int m_runs = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString err = m_pki.generate(m_dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = m_pki.generateRefusable(m_dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void clientRefusesUnverifiableServer_data()
    {
        QTest::addColumn<QString>("certFile");
        QTest::addColumn<bool>("trusted");
        QTest::addColumn<QString>("reason");  // what the message must name
        QTest::newRow("valid certificate (control)") << m_pki.certFile << true << QString();
        QTest::newRow("signed by another CA") << m_pki.foreignSignedCertFile << false << "issuer certificate";
        QTest::newRow("expired") << m_pki.expiredCertFile << false << "expired";
        QTest::newRow("wrong host name") << m_pki.wrongHostCertFile << false << "host name";
    }
    void clientRefusesUnverifiableServer()
    {
        QFETCH(QString, certFile);
        QFETCH(bool, trusted);
        QFETCH(QString, reason);
        const QString dataDir = m_dir.filePath(QStringLiteral("server%1").arg(++m_runs));
        ServerProcess server;
        QString err = server.start(dataDir, {"--cert", certFile, "--key", trusted ? m_pki.keyFile : m_pki.refusableKeyFile,
                                             "--demo-users"});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QString serverDb = dataDir + "/server.sqlite";
        const QMap<QString, qint64> serverBefore = sqliteRowCounts(serverDb);
        QCOMPARE(serverBefore.value("events"), 0);

        // A client with one offline registration waiting in its outbox.
        CaseStore store;
        QVERIFY(store.open(m_dir.filePath(QStringLiteral("client%1.sqlite").arg(m_runs))).ok);
        const User tuodong = User::make("tuodong", Role::StreetOperator, "street.tuodong");
        CaseEvent registration = registrationEvent(tuodong, "street.tuodong", {});
        QVERIFY(store.append(registration).ok);
        QCOMPARE(store.journal().pendingCount(), 1);
        SyncEngine engine(&store);
        engine.setRetryPolicy(1, 50, 100);
        QVERIFY(engine.configure(server.url(), m_pki.caFile).ok);

        QSignalSpy loggedIn(&engine, &SyncEngine::loggedIn);
        QSignalSpy failed(&engine, &SyncEngine::loginFailed);
        engine.login("tuodong", DemoPassword);
        for (int i = 0; i < 300 && loggedIn.isEmpty() && failed.isEmpty(); ++i)
            loggedIn.wait(100);
        if (trusted) {
            QVERIFY2(!loggedIn.isEmpty(), failed.isEmpty() ? "no answer" : qPrintable(failed.first().first().toString()));
            QSignalSpy finished(&engine, &SyncEngine::syncFinished);
            engine.syncNow();
            for (int i = 0; i < 300 && finished.isEmpty(); ++i)
                finished.wait(100);
            QVERIFY(!finished.isEmpty());
            QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
            QCOMPARE(store.journal().pendingCount(), 0);
            server.stop();
            QCOMPARE(sqliteRowCounts(serverDb).value("events"), 2);  // registered + numbered
            return;
        }
        QVERIFY2(!failed.isEmpty(), "the client logged in to a server it cannot verify");
        const QString message = failed.first().first().toString();
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains("could not be verified") && message.contains("127.0.0.1"), qPrintable(message));
        QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(!engine.isLoggedIn());

        // A sync attempt goes nowhere either; the outbox keeps the action.
        QSignalSpy finished(&engine, &SyncEngine::syncFinished);
        engine.syncNow();
        for (int i = 0; i < 100 && finished.isEmpty(); ++i)
            finished.wait(100);
        if (!finished.isEmpty())
            QVERIFY(!finished.first().at(0).toBool());
        QCOMPARE(store.journal().pendingCount(), 1);
        server.stop();
        QCOMPARE(sqliteRowCounts(serverDb), serverBefore);
    }
};

QTEST_GUILESS_MAIN(TstTls)
#include "tst_tls.moc"

// gridwhistle --check-install against a real district server on this computer, for every kind of account:
// the roles that register prove the round trip with a case in their own community or street, the others
// (departments, supervisors) with a sync.
#include "installcheck.h"
#include "applicationcontext.h"
#include "localserverlauncher.h"
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;

class TestInstallCheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (LocalServerLauncher::findServerBinary().isEmpty())
            QSKIP("gridwhistle-server is not part of this build");
        QVERIFY(m_dir.isValid());
        QSignalSpy ready(&m_server, &LocalServerLauncher::ready);
        QSignalSpy failed(&m_server, &LocalServerLauncher::failed);
        m_server.start(m_dir.filePath(QStringLiteral("server")));
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    }

    void cleanupTestCase() { m_server.stop(); }

    void everyRolePasses_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("registers");
        QTest::newRow("community reporter") << "shifu" << true;
        QTest::newRow("street operator") << "tuodong" << true;
        QTest::newRow("center dispatcher") << "dispatcher" << true;
        QTest::newRow("department handler") << "chengguan" << false;
        QTest::newRow("supervisor") << "supervisor" << false;
    }

    void everyRolePasses()
    {
        QFETCH(QString, user);
        QFETCH(bool, registers);
        InstallCheck::Options options;
        options.serverUrl = m_server.url();
        options.caFile = m_server.caCertificateFile();
        options.userId = user;
        options.password = ApplicationContext::demoPassword();
        options.timeoutSeconds = 60;
        QString text;
        QTextStream out(&text);
        InstallCheck check;
        const int exitCode = check.run(options, out);
        out.flush();
        QVERIFY2(exitCode == 0, qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("FAIL")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("PASS  Sync with the district server")), qPrintable(text));
        QCOMPARE(text.contains(QStringLiteral("PASS  The server holds the case")), registers);
        QCOMPARE(text.contains(QStringLiteral("skipped:")), !registers);
    }

private:
    QTemporaryDir m_dir;
    LocalServerLauncher m_server;
};

QTEST_MAIN(TestInstallCheck)
#include "tst_installcheck.moc"

// Issue 17: on a shared desktop the main window locks after the idle time, shows nothing of the cases, turns its
// shortcuts off, and opens again only with the signed-in person's password; unsent work is kept.
#include "applicationcontext.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "guidemodata.h"
#include "idlelock.h"
#include "languagemanager.h"
#include "lockscreen.h"
#include "mainwindow.h"
#include "offlinecredentials.h"
#include "syncjournal.h"
#include <QAction>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include "screenshots.h"

using namespace gw;

class TestIdleLock : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<ApplicationContext> m_context;
    const QString m_password = QStringLiteral("Dispatch-2026!");

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_idlelock"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        m_languages = std::make_unique<LanguageManager>();
        QVERIFY(m_languages->setLanguage(QStringLiteral("zh_CN")));
        m_context = std::make_unique<ApplicationContext>();
        QVERIFY(m_context->open(m_dataDir.path()).ok);
        QVERIFY(demo::populate(m_context->store(), 30, 3).ok);
        const User dispatcher = demo::user(QStringLiteral("dispatcher"));
        // As at an online sign-in: the verifier of the password is kept.
        QVERIFY(OfflineCredentials(m_context->store()->journal()).remember(dispatcher, m_password).ok);
        m_context->setCurrentUser(dispatcher);
    }

    void defaultIsFifteenMinutesAndSettable()
    {
        QCOMPARE(m_context->idleLockMinutes(), 15);
        MainWindow w(m_context.get(), m_languages.get());
        QCOMPARE(w.lockScreen()->idleLock()->timeoutMs(), 15 * 60 * 1000);
        m_context->setIdleLockMinutes(5);
        QCOMPARE(w.lockScreen()->idleLock()->timeoutMs(), 5 * 60 * 1000);
        m_context->setIdleLockMinutes(0);  // out of range: the shortest allowed
        QCOMPARE(m_context->idleLockMinutes(), 1);
        m_context->setIdleLockMinutes(15);
    }

    void inputKeepsItOpen()
    {
        MainWindow w(m_context.get(), m_languages.get());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.lockScreen()->idleLock()->setTimeoutMs(1500);
        for (int i = 0; i < 12; ++i) {  // someone works for 2.4 s, longer than the idle time
            QTest::qWait(200);
            QTest::keyClick(w.caseView(), Qt::Key_Down);
        }
        QVERIFY(!w.lockScreen()->isLocked());
    }

    void locksAndOpensOnlyWithThePassword()
    {
        CaseStore *store = m_context->store();
        const User dispatcher = m_context->currentUser();
        CaseEvent unsent = EventBuilder(dispatcher, store->deviceId())
                               .make(EventType::Commented, store->listCases(CaseFilter(), 0, 1).first().id,
                                     {{"text", QStringLiteral("锁屏前的留言")}});
        QVERIFY(store->append(unsent).ok);
        const int pending = store->journal().pendingCount();

        MainWindow w(m_context.get(), m_languages.get());
        w.resize(1400, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QAction *newCase = w.findChild<QAction *>(QStringLiteral("actionNewCase"));
        QVERIFY(newCase && newCase->isEnabled());
        w.lockScreen()->idleLock()->setTimeoutMs(300);
        QTRY_VERIFY_WITH_TIMEOUT(w.lockScreen()->isLocked(), 5000);
        LockScreen *lock = w.lockScreen();
        QCOMPARE(lock->geometry(), w.rect());
        QVERIFY(!newCase->isEnabled());  // shortcuts off while locked
        QVERIFY(lock->findChild<QLabel *>(QStringLiteral("lockTitle"))->text().contains(QStringLiteral("已锁定")));
        QVERIFY(!test::saveScreenshot(&w, QStringLiteral("idle_lock_zh_CN.png")).isEmpty());

        auto *password = lock->findChild<QLineEdit *>(QStringLiteral("lockPassword"));
        auto *unlock = lock->findChild<QPushButton *>(QStringLiteral("unlockButton"));
        QTest::keyClicks(password, QStringLiteral("not-it"));
        QTest::mouseClick(unlock, Qt::LeftButton);
        QVERIFY(lock->isLocked());
        QVERIFY2(lock->errorText().contains(QStringLiteral("密码错误")), qPrintable(lock->errorText()));
        QVERIFY(password->text().isEmpty());
        QTest::keyClicks(password, m_password);
        QTest::mouseClick(unlock, Qt::LeftButton);
        QVERIFY(!lock->isLocked());
        QVERIFY(newCase->isEnabled());
        QCOMPARE(store->journal().pendingCount(), pending);  // nothing unsent was lost
        QVERIFY(lock->idleLock()->isRunning());  // and the wait starts again
    }
};

QTEST_MAIN(TestIdleLock)
#include "tst_idlelock.moc"

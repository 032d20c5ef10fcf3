// A newcomer's first start (issue 18): "start a district server on this computer" in a new data folder starts the
// real gridwhistle-server with --demo-data, the supervisor signs in, the first sync pulls the demo district, and
// the main window and the dashboard show a living district, labelled as demo data, within 60 seconds.
// Saves demo_main.png, demo_timeline.png and demo_dashboard.png (zh_CN) to $GW_SCREENSHOT_DIR, else ${GW_BINARY_DIR}/screenshots.
#include "applicationcontext.h"
#include "casestore.h"
#include "casetablemodel.h"
#include "dashboardwindow.h"
#include "languagemanager.h"
#include "localserverlauncher.h"
#include "mainwindow.h"
#include "syncengine.h"
#include "syncscheduler.h"
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestScreenshotsDemo : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    QDir m_out;

    QString save(QWidget *widget, const QString &name)
    {
        const QString path = m_out.filePath(name);
        const QImage image = widget->grab().toImage();
        if (image.isNull() || !image.save(path))
            return {};
        qInfo("saved %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid() && m_dataDir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_screenshots_demo"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        const QString dir = qEnvironmentVariable("GW_SCREENSHOT_DIR");
        m_out = QDir(dir.isEmpty() ? qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath()) + QStringLiteral("/screenshots")
                                   : dir);
        QVERIFY(m_out.mkpath(QStringLiteral(".")));
    }

    void firstStartShowsALivingDemoDistrict()
    {
        if (LocalServerLauncher::findServerBinary().isEmpty())
            QSKIP("gridwhistle-server is not built");
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        ApplicationContext context;
        QVERIFY(context.open(m_dataDir.path()).ok);
        context.setConnectionMode(ApplicationContext::ConnectionMode::LocalServer);

        QElapsedTimer clock;
        clock.start();
        LocalServerLauncher *launcher = context.localServer();
        QSignalSpy ready(launcher, &LocalServerLauncher::ready);
        QSignalSpy failed(launcher, &LocalServerLauncher::failed);
        launcher->start(context.serverDataDir());
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY(launcher->servesDemoData());
        qInfo("local server with the demo district ready after %lld ms", clock.elapsed());

        SyncEngine *sync = context.sync();
        QVERIFY(sync->configure(launcher->url(), launcher->caCertificateFile()).ok);
        QSignalSpy loggedIn(sync, &SyncEngine::loggedIn);
        sync->login(QStringLiteral("supervisor"), ApplicationContext::demoPassword());
        QTRY_VERIFY_WITH_TIMEOUT(!loggedIn.isEmpty(), 30000);
        context.setCurrentUser(sync->currentUser());
        QVERIFY(context.showsDemoData());

        // The main window starts the first sync itself, as after a real sign-in.
        QSignalSpy firstSync(context.syncScheduler(), &SyncScheduler::firstSyncFinished);
        MainWindow w(&context, &languages);
        w.resize(1600, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY_WITH_TIMEOUT(!firstSync.isEmpty(), 60000);
        QVERIFY(firstSync.first().first().toBool());
        w.setCurrentView(SavedView::Kind::AllVisible);
        QTRY_VERIFY_WITH_TIMEOUT(w.caseModel()->totalCount() >= 250, 10000);
        const qint64 livingMs = clock.elapsed();
        qInfo("%d cases listed %lld ms after the server was started", w.caseModel()->totalCount(), livingMs);
        QVERIFY2(livingMs < 60000, "a living district within 60 seconds of the first start");

        // Labelled as demo data, in the UI language (演示数据).
        const QString demoData = QCoreApplication::translate("gw::MainWindow", "Demo data");
        QVERIFY2(w.windowTitle().contains(QCoreApplication::translate("gw::MainWindow", " [demo data]")),
                 qPrintable(w.windowTitle()));
        auto *label = w.findChild<QLabel *>(QStringLiteral("demoDataLabel"));
        QVERIFY(label && label->isVisible());
        QCOMPARE(label->text(), demoData);

        // An overdue case in the detail pane: what a supervisor looks at first.
        for (int r = 0; r < w.caseModel()->rowCount(); ++r) {
            if (w.caseModel()->index(r, 0).data(CaseTableModel::OverdueRole).toBool()) {
                w.selectCase(w.caseModel()->caseIdAt(r));
                break;
            }
        }
        QTest::qWait(300);
        QVERIFY(!save(&w, QStringLiteral("demo_main.png")).isEmpty());

        // A closed case with a whole story: returned or reworked, rated, satisfaction recorded.
        QString storied;
        for (int r = 0; r < w.caseModel()->rowCount() && storied.isEmpty(); ++r) {
            const std::optional<CaseRecord> c = context.store()->caseById(w.caseModel()->caseIdAt(r));
            if (c && c->status == CaseStatus::Closed && (c->reworkCount > 0 || c->departments.size() > 1))
                storied = c->id;
        }
        QVERIFY(!storied.isEmpty());
        w.selectCase(storied);
        QTest::qWait(300);
        QVERIFY(!save(&w, QStringLiteral("demo_timeline.png")).isEmpty());

        QTest::keyClick(&w, Qt::Key_D, Qt::ControlModifier);
        DashboardWindow *dashboard = nullptr;
        QTRY_VERIFY((dashboard = w.findChild<DashboardWindow *>()) && dashboard->isVisible());
        QVERIFY2(dashboard->windowTitle().contains(QCoreApplication::translate("gw::MainWindow", " [demo data]")),
                 qPrintable(dashboard->windowTitle()));
        dashboard->resize(1400, 900);
        QVERIFY(QTest::qWaitForWindowExposed(dashboard));
        QTest::qWait(500);
        QVERIFY(!save(dashboard, QStringLiteral("demo_dashboard.png")).isEmpty());
        dashboard->close();
        launcher->stop();
    }
};

QTEST_MAIN(TestScreenshotsDemo)
#include "tst_screenshots_demo.moc"

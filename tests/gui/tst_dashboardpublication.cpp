// The dashboard shows the district server's results (issue 16): a supervisor and a dispatcher — different roles,
// different local stores — show the same ranking, the server's published snapshot; a supervisor publishes the month
// from the dashboard and publishes a correction with a reason, both revisions readable in the publications tab; an
// offline client shows the published month from its cache. Real district server with the demo district over HTTPS on
// loopback. Saves screenshots/dashboard_published_zh_CN.png.
#include <QtTest>
#ifdef GW_HAVE_SERVER_TEST_SUPPORT
#include "apiclient.h"
#include "casestore.h"
#include "dashboardwindow.h"
#include "languagemanager.h"
#include "protocol/monthassessment.h"
#include "publicationhistoryview.h"
#include "screenshots.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "testpki.h"
#include "testpostgres.h"
#include "yearreportexporter.h"
#include "yearrollupdialog.h"
#include "../support/enginewaits.h"
#include <QAction>
#include <QLabel>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace gw;
using namespace gw::test;

namespace {

QStringList ranking(const AssessmentResult &r)
{
    QStringList out;
    for (const UnitFigures &u : AssessmentResult::ranked(r.streets) + AssessmentResult::ranked(r.departments))
        out << QStringLiteral("%1=%2").arg(u.unitId).arg(u.hasComposite() ? QString::number(u.composite, 'f', 6) : QStringLiteral("-"));
    return out;
}

QString summaryOf(const DashboardWindow &w)
{
    return w.findChild<QLabel *>(QStringLiteral("assessmentSummary"))->text();
}

} // namespace

class TestDashboardPublication : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;  // not started: the GUI test runs on SQLite
    ServerProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<CaseStore> m_supervisorStore, m_dispatcherStore;
    std::unique_ptr<SyncEngine> m_supervisor, m_dispatcher;

    // A dashboard of November 2026 connected through `engine`, once it shows the server's results.
    std::unique_ptr<DashboardWindow> dashboardOf(CaseStore *store, SyncEngine *engine)
    {
        auto w = std::make_unique<DashboardWindow>(store);
        w->setSync(engine);
        w->setMonth(2026, 11);
        return w;
    }

    MonthAssessment monthOnServer()
    {
        const ApiClient::Response r = m_api->get(QStringLiteral("/api/v1/assessment/months?from=2026-11&to=2026-11"),
                                                 m_api->login(QStringLiteral("supervisor"), DemoPassword));
        AssessmentMonthsAnswer answer;
        Message why;
        if (!AssessmentMonthsAnswer::fromJson(r.json, &answer, &why) || answer.months.size() != 1)
            return {};
        return answer.months.first();
    }

    static bool publishAndWait(DashboardWindow &w, const QString &reason, QString *message)
    {
        QSignalSpy finished(&w, &DashboardWindow::publishFinished);
        w.publishMonth(reason);
        if (!finished.wait(20000))
            return false;
        *message = finished.first().at(1).toString();
        return finished.first().at(0).toBool();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStringList args;
        bool skip = false;
        QString err = demoServerArguments(m_pki, m_dir.path(), m_postgres, &args, nullptr, &skip);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = m_server.start(m_dir.filePath("server-data"), args << QStringLiteral("--demo-data"));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        const auto open = [this](std::unique_ptr<CaseStore> &store, std::unique_ptr<SyncEngine> &engine, const QString &user) {
            store = std::make_unique<CaseStore>();
            QVERIFY(store->open(m_dir.filePath(user + QStringLiteral(".sqlite"))).ok);
            engine = std::make_unique<SyncEngine>(store.get());
            QVERIFY(engine->configure(m_server.url(), m_pki.caFile).ok);
            QVERIFY(signInAndWait(*engine, user, DemoPassword));
            QVERIFY(syncAndWait(*engine).first);
        };
        open(m_supervisorStore, m_supervisor, QStringLiteral("supervisor"));
        open(m_dispatcherStore, m_dispatcher, QStringLiteral("dispatcher"));
    }

    void cleanupTestCase()
    {
        m_supervisor.reset();
        m_dispatcher.reset();
        m_server.stop();
    }

    // Before publication both show the server's live figures, and only the supervisor is offered to publish.
    void unpublishedMonthShowsTheServersLiveFigures()
    {
        auto supervisor = dashboardOf(m_supervisorStore.get(), m_supervisor.get());
        QTRY_COMPARE_WITH_TIMEOUT(supervisor->source(), DashboardWindow::Source::ServerLive, 20000);
        QVERIFY2(summaryOf(*supervisor).contains(QStringLiteral("Not published yet")), qPrintable(summaryOf(*supervisor)));
        QVERIFY(supervisor->publishAction()->isVisible());
        QVERIFY(supervisor->publishAction()->isEnabled());
        auto dispatcher = dashboardOf(m_dispatcherStore.get(), m_dispatcher.get());
        QTRY_COMPARE_WITH_TIMEOUT(dispatcher->source(), DashboardWindow::Source::ServerLive, 20000);
        QVERIFY(!dispatcher->publishAction()->isVisible());
        QCOMPARE(ranking(dispatcher->result()), ranking(monthOnServer().live));
        QCOMPARE(ranking(supervisor->result()), ranking(dispatcher->result()));
        // The current month is not over: nothing to publish yet.
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(AssessmentPeriod::districtZone()).date();
        supervisor->setMonth(today.year(), today.month());
        QVERIFY(!supervisor->publishAction()->isEnabled());
        QVERIFY2(supervisor->publishAction()->toolTip().contains(QStringLiteral("not over yet")),
                 qPrintable(supervisor->publishAction()->toolTip()));
    }

    // The supervisor publishes November in the dashboard; a dispatcher's dashboard shows that snapshot, as the server
    // holds it, and so does a dispatcher's computer offline.
    void publishedMonthIsWhatEveryRoleShows()
    {
        auto supervisor = dashboardOf(m_supervisorStore.get(), m_supervisor.get());
        QTRY_COMPARE_WITH_TIMEOUT(supervisor->source(), DashboardWindow::Source::ServerLive, 20000);
        QString message;
        QVERIFY2(publishAndWait(*supervisor, QStringLiteral("11 月例行发布"), &message), qPrintable(message));
        QTRY_COMPARE_WITH_TIMEOUT(supervisor->source(), DashboardWindow::Source::Published, 20000);
        QCOMPARE(supervisor->publicationHistory()->rowCount(), 1);
        QCOMPARE(supervisor->publishAction()->text(), QStringLiteral("Publish correction…"));

        const MonthAssessment month = monthOnServer();
        QCOMPARE(month.publications.size(), 1);
        const AssessmentResult &published = month.publications.first().result;
        QCOMPARE(ranking(supervisor->result()), ranking(published));
        auto dispatcher = dashboardOf(m_dispatcherStore.get(), m_dispatcher.get());
        QTRY_COMPARE_WITH_TIMEOUT(dispatcher->source(), DashboardWindow::Source::Published, 20000);
        QCOMPARE(ranking(dispatcher->result()), ranking(published));
        QCOMPARE(dispatcher->result().district.registered, published.district.registered);
        QVERIFY2(summaryOf(*dispatcher).contains(QStringLiteral("revision 1")), qPrintable(summaryOf(*dispatcher)));

        // The dispatcher's computer without the server: the cached snapshot, said to be as fetched.
        SyncEngine offline(m_dispatcherStore.get());
        QVERIFY(offline.configure(QUrl(QStringLiteral("https://127.0.0.1:1")), m_pki.caFile).ok);
        DashboardWindow cached(m_dispatcherStore.get());
        cached.setSync(&offline);
        cached.setMonth(2026, 11);
        QCOMPARE(cached.source(), DashboardWindow::Source::Published);
        QCOMPARE(ranking(cached.result()), ranking(published));
    }

    // A late event changes the live figures, not the published ones; a correction needs a reason and keeps both.
    void correctionKeepsBothRevisions()
    {
        const MonthAssessment before = monthOnServer();
        QCOMPARE(before.publications.size(), 1);
        const User tuodong = User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"));
        CaseEvent late = registrationEvent(tuodong, QStringLiteral("street.tuodong"), QStringLiteral("community.tuodong.1"),
                                           QStringLiteral("迟报：拓东路井盖缺失"));
        late.clientTime = QDateTime(QDate(2026, 11, 20), QTime(9, 30), AssessmentPeriod::districtZone()).toUTC();
        QCOMPARE(pushEvents(*m_api, {late}, m_api->login(QStringLiteral("tuodong"), DemoPassword)).json.value("accepted").toInt(), 1);

        auto supervisor = dashboardOf(m_supervisorStore.get(), m_supervisor.get());
        QTRY_COMPARE_WITH_TIMEOUT(supervisor->source(), DashboardWindow::Source::Published, 20000);
        QSignalSpy shown(supervisor.get(), &DashboardWindow::serverResultsShown);
        supervisor->refresh();
        QVERIFY(shown.wait(20000));
        QCOMPARE(supervisor->result().district.registered, before.publications.first().result.district.registered);

        QString message;
        QVERIFY(!publishAndWait(*supervisor, QString(), &message));
        QVERIFY2(message.contains(QStringLiteral("has been published before")), qPrintable(message));
        QVERIFY2(publishAndWait(*supervisor, QStringLiteral("补录拓东街道 11 月 20 日迟报哨件"), &message), qPrintable(message));
        QTRY_COMPARE_WITH_TIMEOUT(supervisor->publicationHistory()->rowCount(), 2, 20000);
        QCOMPARE(supervisor->result().district.registered, before.publications.first().result.district.registered + 1);
        supervisor->showRevision(1);
        QCOMPARE(supervisor->shownRevision(), 1);
        QCOMPARE(supervisor->result().district.registered, before.publications.first().result.district.registered);
        QVERIFY2(summaryOf(*supervisor).contains(QStringLiteral("revision 2 is in force")), qPrintable(summaryOf(*supervisor)));
        supervisor->showRevision(0);
        QCOMPARE(supervisor->result().district.registered, before.publications.first().result.district.registered + 1);
    }

    // The year combines the published months (September and October were published when the demo district was made)
    // by the rule of the indicator set (the shipped one: the mean, at least
    // three scored months) and exports like the monthly report.
    void yearRollupOfThePublishedMonths()
    {
        const ApiClient::Response r = m_api->get(QStringLiteral("/api/v1/assessment/months?from=2026-01&to=2026-12"),
                                                 m_api->login(QStringLiteral("dispatcher"), DemoPassword));
        AssessmentMonthsAnswer answer;
        Message why;
        QVERIFY2(AssessmentMonthsAnswer::fromJson(r.json, &answer, &why), qPrintable(why.text()));

        YearRollupDialog dialog(m_dispatcher.get(), m_dispatcherStore.get());
        QSignalSpy updated(&dialog, &YearRollupDialog::updated);
        dialog.setYear(2026);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.result().publishedMonths() == 3 && !updated.isEmpty(), 20000);
        const YearRollupResult &year = dialog.result();
        QCOMPARE(year.months.at(10).revision, 2);
        QCOMPARE(year.months.at(9).revision, 1);  // September and October: published by the demo district's supervisor
        QCOMPARE(year.months.at(8).revision, 1);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("3 month")), qPrintable(dialog.statusText()));
        int scored = 0;
        for (const YearUnitScore &u : year.streets) {
            double sum = 0;
            int n = 0;
            for (const MonthAssessment &m : answer.months)
                if (const MonthPublication *p = m.latest())
                    for (const UnitFigures &f : p->result.streets)
                        if (f.unitId == u.unitId && f.hasComposite()) {
                            sum += f.composite;
                            ++n;
                        }
            QCOMPARE(u.monthsScored, n);
            if (n >= 3) {
                QVERIFY(qAbs(u.score - sum / n) < 1e-9);
                ++scored;
            } else {
                QVERIFY(!u.hasScore());
            }
        }
        QVERIFY(scored >= 6);

        const QString csvPath = m_dir.filePath(QStringLiteral("year.csv"));
        QVERIFY(dialog.exportCsv(csvPath).ok);
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(csv.readAll());
        QVERIFY(text.contains(year.streets.first().name));
        QVERIFY(text.contains(YearReportExporter::scoreText(year.streets.first().score)));
        QVERIFY(text.contains(year.months.at(10).resultHash.left(16)));
        int pages = 0;
        QVERIFY(dialog.exportPdf(m_dir.filePath(QStringLiteral("year.pdf")), &pages).ok);
        QVERIFY(pages >= 1);
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("year.pdf"))).size() > 5000);
        // Kept beside the screenshots for a person to look at.
        const QString screenshots = QDir(qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath())).filePath(QStringLiteral("screenshots"));
        QDir().mkpath(screenshots);
        QVERIFY(dialog.exportPdf(QDir(screenshots).filePath(QStringLiteral("year_report.pdf"))).ok);
    }

    void screenshotInChinese()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        {
            auto supervisor = dashboardOf(m_supervisorStore.get(), m_supervisor.get());
            QTRY_COMPARE_WITH_TIMEOUT(supervisor->source(), DashboardWindow::Source::Published, 20000);
            supervisor->findChild<QTabWidget *>()->setCurrentIndex(2);
            supervisor->show();
            QVERIFY(QTest::qWaitForWindowExposed(supervisor.get()));
            QTest::qWait(300);  // a second answer (the month chosen after the first fetch) may still redraw the charts
            QVERIFY2(summaryOf(*supervisor).contains(QStringLiteral("已发布")), qPrintable(summaryOf(*supervisor)));
            QVERIFY(!saveScreenshot(supervisor.get(), QStringLiteral("dashboard_published_zh_CN.png")).isEmpty());
        }
        {
            YearRollupDialog year(m_supervisor.get(), m_supervisorStore.get());
            QSignalSpy updated(&year, &YearRollupDialog::updated);
            year.setYear(2026);
            QVERIFY(updated.wait(20000));
            year.show();
            QVERIFY(QTest::qWaitForWindowExposed(&year));
            QVERIFY2(year.statusText().contains(QStringLiteral("已发布")), qPrintable(year.statusText()));
            QVERIFY(!saveScreenshot(&year, QStringLiteral("year_rollup_zh_CN.png")).isEmpty());
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }
};

#else
class TestDashboardPublication : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void needsTheServer() { QSKIP("the district server is not part of this build"); }
};
#endif

QTEST_MAIN(TestDashboardPublication)
#include "tst_dashboardpublication.moc"

// The supervisor dashboard over a real store: its figures are the engine's, a click on a ranking bar lists exactly
// the cases behind that unit, the overdue list matches the store, the indicator file is honoured (and a broken one
// reported), the indicator editor validates as you type. Saves ${GW_BINARY_DIR}/screenshots/dashboard.png.
#include "assessmentengine.h"
#include "assessmentsource.h"
#include "assessmenttestdata.h"
#include "dashboardwindow.h"
#include "indicatoreditor.h"
#include "indicatorschedule.h"
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QTableView>
#include <QTemporaryDir>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QBarSet>
#include <QtCharts/QHorizontalBarSeries>
#include <QtTest>

using namespace gw;

class TestDashboard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CaseStore m_store;
    AssessmentFacts m_facts;

    QString screenshotDir() const
    {
        const QString binary = qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath());
        const QString dir = QDir(binary).filePath(QStringLiteral("screenshots"));
        QDir().mkpath(dir);
        return dir;
    }
    std::unique_ptr<DashboardWindow> openDashboard()
    {
        auto w = std::make_unique<DashboardWindow>(&m_store);
        w->setAsOf(gwtest::assessmentAsOf());
        w->setMonth(2026, 10);
        return w;
    }

private Q_SLOTS:
    void initTestCase();
    void storeFactsMatchProjections();
    void figuresAreTheEngines();
    void clickingABarDrillsDown();
    void overdueListMatchesStore();
    void monthUsesTheIndicatorSetInForce();
    void indicatorEditorValidates();
    void screenshot();
};

void TestDashboard::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("client.sqlite"))).ok);
    const Result r = gwtest::populateAssessmentData(&m_store);
    QVERIFY2(r.ok, qPrintable(r.message));
    m_facts.setKeepCaseIds(true);
    QVERIFY(AssessmentSource(&m_store).loadFacts(&m_facts).ok);
}

// AssessmentSource reads only the fields it needs with SQLite's JSON functions; the result must be the same as
// building facts from the full projections.
void TestDashboard::storeFactsMatchProjections()
{
    AssessmentFacts fromRecords;
    CaseFilter all;
    const QList<CaseSummary> rows = m_store.listCases(all, 0, 1000);
    QCOMPARE(rows.size(), m_facts.caseCount());
    for (const CaseSummary &row : rows)
        fromRecords.addCase(*m_store.caseById(row.id));
    const AssessmentEngine engine;
    for (int month = 5; month <= 11; ++month) {
        const AssessmentPeriod p = AssessmentPeriod::month(2026, month);
        const AssessmentResult a = engine.assess(m_facts, p, gwtest::assessmentAsOf());
        const AssessmentResult b = engine.assess(fromRecords, p, gwtest::assessmentAsOf());
        QCOMPARE(a.district.registered, b.district.registered);
        QCOMPARE(a.district.handlingsDue, b.district.handlingsDue);
        QCOMPARE(a.district.handlingsOnTime, b.district.handlingsOnTime);
        QCOMPARE(a.district.checkInsOnTime, b.district.checkInsOnTime);
        QCOMPARE(a.district.handlingWorkHours, b.district.handlingWorkHours);
        QCOMPARE(a.district.satisfactionSum, b.district.satisfactionSum);
        QCOMPARE(a.district.ratingSum, b.district.ratingSum);
        QCOMPARE(a.district.returned, b.district.returned);
        QCOMPARE(a.district.reworkFailures, b.district.reworkFailures);
        QCOMPARE(a.district.onHoldExcluded, b.district.onHoldExcluded);
        QCOMPARE(a.district.stepsDue, b.district.stepsDue);
        QCOMPARE(a.district.stepsOnTime, b.district.stepsOnTime);
        for (int i = 0; i < a.centers.size(); ++i)
            QCOMPARE(a.centers.at(i).stepsOnTime, b.centers.at(i).stepsOnTime);
        for (int i = 0; i < a.departments.size(); ++i)
            QCOMPARE(a.departments.at(i).hasComposite() ? a.departments.at(i).composite : -1.0,
                     b.departments.at(i).hasComposite() ? b.departments.at(i).composite : -1.0);
    }
}

void TestDashboard::figuresAreTheEngines()
{
    const auto w = openDashboard();
    const AssessmentResult expected =
        AssessmentEngine().assess(m_facts, AssessmentPeriod::month(2026, 10), gwtest::assessmentAsOf());
    const AssessmentResult &shown = w->result();
    QCOMPARE(shown.period.label, QStringLiteral("2026-10"));
    QCOMPARE(shown.indicatorVersion, QStringLiteral("2026.2"));
    QCOMPARE(shown.district.registered, expected.district.registered);
    QVERIFY(shown.district.registered > 0);
    QCOMPARE(shown.streets.size(), 12);
    // The center's and streets' own step on-time rates (按时流转率) are reported and shown beside the others.
    QCOMPARE(shown.centers.size(), expected.centers.size());
    QVERIFY(!shown.centers.isEmpty());
    QVERIFY(shown.district.stepsDue > 0);
    QCOMPARE(shown.centers.first().stepsDue, expected.centers.first().stepsDue);
    auto *summary = w->findChild<QLabel *>(QStringLiteral("assessmentSummary"));
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(assessmentMetricDisplayName(AssessmentMetric::StepOnTimeRate)),
             qPrintable(summary->text()));
    if (shown.centers.first().stepsDue > 0)
        QVERIFY2(summary->text().contains(shown.centers.first().name), qPrintable(summary->text()));
    for (int i = 0; i < shown.streets.size(); ++i) {
        QCOMPARE(shown.streets.at(i).unitId, expected.streets.at(i).unitId);
        QCOMPARE(shown.streets.at(i).hasComposite(), expected.streets.at(i).hasComposite());
        if (expected.streets.at(i).hasComposite())
            QCOMPARE(shown.streets.at(i).composite, expected.streets.at(i).composite);
    }
    for (int i = 0; i < shown.departments.size(); ++i)
        QCOMPARE(shown.departments.at(i).handlingsDue, expected.departments.at(i).handlingsDue);
    // Twelve months of trend, ending with the month shown.
    QCOMPARE(w->trend().size(), 12);
    QCOMPARE(w->trend().constFirst().period.label, QStringLiteral("2025-11"));
    QCOMPARE(w->trend().constLast().period.label, QStringLiteral("2026-10"));
    w->setTrendMonths(6);
    QCOMPARE(w->trend().size(), 6);
    QCOMPARE(w->trend().constFirst().period.label, QStringLiteral("2026-05"));
}

void TestDashboard::clickingABarDrillsDown()
{
    const auto w = openDashboard();
    w->resize(1480, 920);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    auto *view = w->findChild<QChartView *>(QStringLiteral("streetRanking"));
    QVERIFY(view);
    QChart *chart = view->chart();
    QCOMPARE(chart->series().size(), 1);
    auto *bars = qobject_cast<QHorizontalBarSeries *>(chart->series().first());
    QVERIFY(bars);
    QCOMPARE(bars->barSets().first()->count(), 12);
    // The top bar (last index) is the best street.
    const UnitFigures best = AssessmentResult::ranked(w->result().streets).first();
    QVERIFY(best.hasComposite());
    const int topIndex = 11;
    QCOMPARE(bars->barSets().first()->at(topIndex), best.composite);
    const QPointF inChart = chart->mapToPosition(QPointF(best.composite / 2, topIndex), bars);
    const QPoint inView = view->mapFromScene(chart->mapToScene(inChart));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, inView);

    const QStringList expected = AssessmentEngine().casesBehind(m_facts, best.unitId, AssessmentPeriod::month(2026, 10),
                                                                 gwtest::assessmentAsOf());
    QVERIFY(!expected.isEmpty());
    QCOMPARE(w->drillDownCaseIds(), expected);
    QCOMPARE(w->drillDownView()->model()->rowCount(), expected.size());
    // Every listed case belongs to that street.
    for (const QString &id : expected)
        QCOMPARE(m_store.caseById(id)->streetId, best.unitId);

    // A department's drill-down lists cases it was summoned to.
    const UnitFigures dept = AssessmentResult::ranked(w->result().departments).first();
    w->drillDown(dept.unitId);
    QVERIFY(!w->drillDownCaseIds().isEmpty());
    for (const QString &id : w->drillDownCaseIds())
        QVERIFY(m_store.caseById(id)->involvesDepartment(dept.unitId));
}

void TestDashboard::overdueListMatchesStore()
{
    const auto w = openDashboard();
    CaseFilter filter;
    filter.overdueOnly = true;
    filter.openOnly = true;
    filter.now = gwtest::assessmentAsOf();
    const int overdue = m_store.countCases(filter);
    QVERIFY(overdue > 0);  // the data has cases nobody checked in to
    QCOMPARE(w->overdueView()->model()->rowCount(), std::min(overdue, 500));
}

// Issue 16: a month is scored with the district's set in force in it (IndicatorSchedule, served), on every computer
// alike; the months before keep the set they had.
void TestDashboard::monthUsesTheIndicatorSetInForce()
{
    const auto w = openDashboard();
    const QString shipped = IndicatorSet::builtin().version();
    QCOMPARE(w->result().indicatorVersion, shipped);
    const QDate month = w->result().period.from.toTimeZone(AssessmentPeriod::districtZone()).date();
    QJsonObject adjusted = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
    adjusted.insert(QStringLiteral("version"), QStringLiteral("2026.2-city"));
    IndicatorSchedule schedule = IndicatorSchedule::shipped();
    QVERIFY(schedule.setFrom(month.toString(QStringLiteral("yyyy-MM")), QJsonDocument(adjusted).toJson()).ok);
    IndicatorSchedule::installDistrict(schedule);
    // Later tests use the shipped set again, also when a check below fails.
    const auto restore = qScopeGuard([] { IndicatorSchedule::installDistrict(IndicatorSchedule::shipped()); });
    w->setMonth(month.year(), month.month());
    QCOMPARE(w->result().indicatorVersion, QStringLiteral("2026.2-city"));
    QCOMPARE(w->indicatorSet().version(), QStringLiteral("2026.2-city"));  // the exports name it too
    const QDate before = month.addMonths(-1);
    w->setMonth(before.year(), before.month());
    QCOMPARE(w->result().indicatorVersion, shipped);
    // The trend scores each month with its own set: the month before with the shipped one, this month with the new.
    w->setMonth(month.year(), month.month());
    QVERIFY(w->trend().size() >= 2);
    QCOMPARE(w->trend().constLast().indicatorVersion, QStringLiteral("2026.2-city"));
    QCOMPARE(w->trend().at(w->trend().size() - 2).indicatorVersion, shipped);
}

void TestDashboard::indicatorEditorValidates()
{
    // Without a connection the editor shows the set and checks it, but saves nothing.
    IndicatorEditor editor(nullptr, nullptr);
    QVERIFY(editor.isReadOnly());
    QVERIFY(editor.isValid());
    QVERIFY2(editor.statusText().contains(QStringLiteral("offline")), qPrintable(editor.statusText()));
    QVERIFY(!editor.saveButton()->isEnabled());
    editor.showMonth(2026, 11);
    QCOMPARE(editor.effectiveMonth(), QStringLiteral("2026-11"));
    QVERIFY(editor.findChild<QLabel *>(QStringLiteral("indicatorInForce"))->text().contains(QStringLiteral("2026-01")));

    auto *text = editor.findChild<QPlainTextEdit *>(QStringLiteral("indicatorJson"));
    QJsonObject o = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
    QJsonArray inds = o.value(QStringLiteral("indicators")).toArray();
    QJsonObject first = inds.at(0).toObject();
    first.insert(QStringLiteral("weight"), QJsonObject{{"street", 0}, {"department", 30}});
    inds.replace(0, first);
    o.insert(QStringLiteral("indicators"), inds);
    text->setPlainText(QString::fromUtf8(QJsonDocument(o).toJson()));
    QVERIFY(!editor.isValid());
    auto *problems = editor.findChild<QListWidget *>(QStringLiteral("indicatorProblems"));
    QCOMPARE(problems->count(), 1);
    QVERIFY(problems->item(0)->text().contains(QStringLiteral("department weights add up to 110")));
    editor.restoreDefault();
    QVERIFY(editor.isValid());
    QVERIFY(!editor.saveButton()->isEnabled());  // still offline
}

void TestDashboard::screenshot()
{
    const auto w = openDashboard();
    w->resize(1480, 920);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    const UnitFigures best = AssessmentResult::ranked(w->result().streets).first();
    w->drillDown(best.unitId);
    QCoreApplication::processEvents();
    const QString file = QDir(screenshotDir()).filePath(QStringLiteral("dashboard.png"));
    QVERIFY(w->grab().save(file));
    QVERIFY(QImage(file).width() >= 1400);
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"

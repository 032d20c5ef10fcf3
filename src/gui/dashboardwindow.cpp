#include "dashboardwindow.h"
#include "accesspolicy.h"
#include "assessmentclient.h"
#include "assessmentsource.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "dashboardcharts.h"
#include "fileexport.h"
#include "indicatoreditor.h"
#include "indicatorschedule.h"
#include "syncengine.h"
#include "orgdirectory.h"
#include "pagedprinter.h"
#include "publicationhistoryview.h"
#include "reportexporter.h"
#include "yearrollupdialog.h"
#include <QComboBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPrinter>
#include <QProgressDialog>
#include <QPushButton>
#include <QScopeGuard>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtCharts/QAbstractBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>

namespace gw {

namespace {

// Loading more cases than this shows a progress dialog (reading runs at roughly 40,000 cases a second).
constexpr int ProgressThreshold = 20000;
constexpr int MaxDrillRows = 2000;

QString localTime(const QDateTime &t)
{
    return t.isValid() ? t.toTimeZone(AssessmentPeriod::districtZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : QString();
}

QString departmentNames(const QStringList &ids)
{
    QStringList names;
    for (const QString &id : ids)
        names.append(OrgDirectory::builtin().nameOf(id));
    return names.join(QStringLiteral("、"));
}

// Unit ids in bar order: the ranking chart adds the worst unit first so the best is drawn on top.
QList<QString> barOrder(const QList<UnitFigures> &units)
{
    const QList<UnitFigures> ranked = AssessmentResult::ranked(units);
    QList<QString> ids;
    for (auto it = ranked.crbegin(); it != ranked.crend(); ++it)
        ids.append(it->unitId);
    return ids;
}

} // namespace

DashboardWindow::DashboardWindow(CaseStore *store, QWidget *parent)
    : QMainWindow(parent), m_store(store)
{
    setWindowTitle(tr("Assessment dashboard"));
    m_facts.setKeepCaseIds(true);
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(AssessmentPeriod::districtZone()).date();
    m_year = today.year();
    m_month = today.month();
    buildUi();
    m_changeTimer.setSingleShot(true);
    m_changeTimer.setInterval(3000);
    // Local actions and synced events change the figures: recompute shortly after, once, while the window is open.
    connect(&m_changeTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    if (m_store)
        connect(m_store, &CaseStore::casesChanged, this, [this] { m_changeTimer.start(); });
    resize(1480, 920);
    refresh();
}

DashboardWindow::~DashboardWindow() = default;

void DashboardWindow::buildUi()
{
    auto *bar = addToolBar(tr("Assessment"));
    bar->setObjectName(QStringLiteral("assessmentToolBar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr("Month: "), bar));
    m_monthBox = new QComboBox(bar);
    m_monthBox->setObjectName(QStringLiteral("monthPicker"));
    bar->addWidget(m_monthBox);
    bar->addWidget(new QLabel(tr("  Trend: "), bar));
    m_trendBox = new QComboBox(bar);
    m_trendBox->setObjectName(QStringLiteral("trendMonths"));
    m_trendBox->addItem(tr("6 months"), 6);
    m_trendBox->addItem(tr("12 months"), 12);
    m_trendBox->setCurrentIndex(1);
    bar->addWidget(m_trendBox);
    bar->addSeparator();
    bar->addAction(tr("Refresh"), this, &DashboardWindow::refresh);
    bar->addAction(tr("Export CSV…"), this, &DashboardWindow::exportCsvInteractive);
    bar->addAction(tr("Export PDF report…"), this, &DashboardWindow::exportPdfInteractive);
    QAction *print = bar->addAction(tr("Print report…"), this, [this] { openPrintPreview(); });
    print->setObjectName(QStringLiteral("printReportAction"));
    print->setShortcut(QKeySequence::Print);
    bar->addSeparator();
    m_publishAction = bar->addAction(tr("Publish month…"), this, &DashboardWindow::publishInteractive);
    m_publishAction->setObjectName(QStringLiteral("publishMonthAction"));
    m_publishAction->setVisible(false);  // shown to those who may publish, once connected (setSync)
    bar->addAction(tr("Year…"), this, [this] {
        YearRollupDialog year(m_sync, m_store, this);
        year.setYear(m_year);
        year.exec();
    })->setObjectName(QStringLiteral("yearRollupAction"));
    bar->addAction(tr("Indicators…"), this, &DashboardWindow::editIndicators);
    fillMonths();
    connect(m_monthBox, &QComboBox::activated, this, [this](int index) {
        const QDate d = m_monthBox->itemData(index).toDate();
        setMonth(d.year(), d.month());
    });
    connect(m_trendBox, &QComboBox::activated, this,
            [this](int index) { setTrendMonths(m_trendBox->itemData(index).toInt()); });

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_summary = new QLabel(central);
    m_summary->setObjectName(QStringLiteral("assessmentSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    layout->addWidget(m_summary);

    auto *split = new QSplitter(Qt::Horizontal, central);
    auto *charts = new QWidget(split);
    auto *grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    auto makeView = [charts](const char *name) {
        auto *v = new QChartView(charts);
        v->setObjectName(QLatin1String(name));
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumSize(300, 200);
        return v;
    };
    m_streetChart = makeView("streetRanking");
    m_deptChart = makeView("departmentRanking");
    m_trendChart = makeView("trendChart");
    m_categoryChart = makeView("categoryChart");
    m_statusChart = makeView("statusChart");
    // Rankings side by side; the trend (up to 12 months, 5 lines) needs the full width to stay legible.
    grid->addWidget(m_streetChart, 0, 0);
    grid->addWidget(m_deptChart, 0, 1);
    grid->addWidget(m_trendChart, 1, 0, 1, 2);
    grid->addWidget(m_categoryChart, 2, 0);
    grid->addWidget(m_statusChart, 2, 1);
    grid->setRowStretch(0, 6);  // twelve labelled bars need the height, or Qt elides the names
    grid->setRowStretch(1, 3);
    grid->setRowStretch(2, 3);

    m_tabs = new QTabWidget(split);
    auto makeTable = [this](QStandardItemModel **model, const char *name) {
        auto *view = new QTableView(m_tabs);
        view->setObjectName(QLatin1String(name));
        *model = new QStandardItemModel(this);
        view->setModel(*model);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSortingEnabled(true);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        view->setAlternatingRowColors(true);
        return view;
    };
    m_overdueView = makeTable(&m_overdueModel, "overdueList");
    auto *drillPage = new QWidget(m_tabs);
    auto *drillLayout = new QVBoxLayout(drillPage);
    drillLayout->setContentsMargins(0, 4, 0, 0);
    m_drillTitle = new QLabel(tr("Click a bar in a ranking to list the cases behind it."), drillPage);
    m_drillTitle->setWordWrap(true);
    drillLayout->addWidget(m_drillTitle);
    m_drillView = makeTable(&m_drillModel, "drillDownList");
    drillLayout->addWidget(m_drillView, 1);
    m_history = new PublicationHistoryView(m_tabs);
    connect(m_history, &PublicationHistoryView::revisionChosen, this, &DashboardWindow::showRevision);
    m_tabs->addTab(m_overdueView, tr("Overdue cases"));
    m_tabs->addTab(drillPage, tr("Cases behind the bar"));
    m_tabs->addTab(m_history, tr("Publications"));
    split->addWidget(charts);
    split->addWidget(m_tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({1130, 330});
    layout->addWidget(split, 1);
    setCentralWidget(central);
}

void DashboardWindow::fillMonths()
{
    m_monthBox->clear();
    const QDate today = asOf().toTimeZone(AssessmentPeriod::districtZone()).date();
    QDate d(today.year(), today.month(), 1);
    for (int i = 0; i < 24; ++i, d = d.addMonths(-1))
        m_monthBox->addItem(d.toString(QStringLiteral("yyyy-MM")), d);
    const int index = m_monthBox->findData(QDate(m_year, m_month, 1));
    if (index >= 0) {
        m_monthBox->setCurrentIndex(index);
    } else {  // a month outside the last two years (tests, old reports): show it anyway
        m_monthBox->insertItem(0, QDate(m_year, m_month, 1).toString(QStringLiteral("yyyy-MM")), QDate(m_year, m_month, 1));
        m_monthBox->setCurrentIndex(0);
    }
}

void DashboardWindow::setSync(SyncEngine *sync)
{
    m_sync = sync;
    delete m_server;
    m_server = nullptr;
    if (m_sync) {  // a new indicator set arrives with reference data
        connect(m_sync, &SyncEngine::referenceDataChanged, this, [this] { m_changeTimer.start(); });
        m_server = new AssessmentClient(m_sync, m_store, this);
        connect(m_server, &AssessmentClient::fetched, this, [this] {
            m_serverProblem.clear();
            computeLocalTrend();
            present();
            Q_EMIT serverResultsShown(true, QString());
        });
        connect(m_server, &AssessmentClient::fetchFailed, this, [this](const QString &message) {
            m_serverProblem = message;
            present();
            Q_EMIT serverResultsShown(false, message);
        });
        connect(m_server, &AssessmentClient::published, this, [this](const MonthPublication &p) {
            m_shownRevision = 0;
            updatePublishAction();
            Q_EMIT publishFinished(true, tr("%1 published as revision %2.").arg(p.month).arg(p.revision));
        });
        connect(m_server, &AssessmentClient::publishFailed, this, [this](const QString &message) {
            updatePublishAction();
            Q_EMIT publishFinished(false, message);
        });
    }
    computeLocalTrend();
    present();
    fetchServerResults();
}

void DashboardWindow::setMonth(int year, int month)
{
    m_year = year;
    m_month = month;
    m_shownRevision = 0;
    fillMonths();
    refresh();
}

void DashboardWindow::setTrendMonths(int months)
{
    m_trendMonths = std::clamp(months, 6, 12);
    m_trendBox->setCurrentIndex(m_trendMonths == 6 ? 0 : 1);
    refresh();
}

void DashboardWindow::setAsOf(const QDateTime &asOf)
{
    m_fixedAsOf = asOf;
    fillMonths();
    refresh();
}

QDateTime DashboardWindow::asOf() const
{
    return m_fixedAsOf.isValid() ? m_fixedAsOf : QDateTime::currentDateTimeUtc();
}

void DashboardWindow::refresh()
{
    if (m_refreshing) {
        m_changeTimer.start();  // try again once this one is done
        return;
    }
    m_refreshing = true;
    const auto done = qScopeGuard([this] { m_refreshing = false; });
    const AssessmentPeriod first = firstTrendMonth();

    m_facts.clear();
    QString loadProblem;
    if (m_store && m_store->isOpen()) {
        const AssessmentSource source(m_store);
        const int count = source.countFacts(first.from);
        std::unique_ptr<QProgressDialog> progress;
        if (count > ProgressThreshold) {
            progress = std::make_unique<QProgressDialog>(tr("Reading %n case(s) for the assessment…", nullptr, count),
                                                         tr("Cancel"), 0, count, this);
            progress->setWindowModality(Qt::WindowModal);
            progress->setMinimumDuration(0);
        }
        const Result r = source.loadFacts(&m_facts, first.from, [&progress](int done, int total) {
            if (!progress)
                return true;
            progress->setMaximum(total);
            progress->setValue(done);
            QCoreApplication::processEvents();
            return !progress->wasCanceled();
        });
        if (!r.ok)
            loadProblem = r.message;
    } else {
        loadProblem = tr("The local store is not open.");
    }

    m_loadProblem = loadProblem;
    computeLocalTrend();
    present();
    fetchServerResults();
}

AssessmentPeriod DashboardWindow::firstTrendMonth() const
{
    AssessmentPeriod first = AssessmentPeriod::month(m_year, m_month);
    for (int i = 1; i < m_trendMonths; ++i)
        first = first.previousMonth();
    return first;
}

void DashboardWindow::computeLocalTrend()
{
    const AssessmentPeriod period = AssessmentPeriod::month(m_year, m_month);
    const AssessmentPeriod first = firstTrendMonth();
    // The district's set in force in the month shown (IndicatorSchedule, served): the exports name it.
    m_indicators = IndicatorSchedule::builtin().inForce(m_year, m_month);
    const QDateTime now = asOf();
    m_trend.clear();
    for (AssessmentPeriod p = first;; p = AssessmentPeriod::month(p.to.toTimeZone(AssessmentPeriod::districtZone()).date().year(),
                                                                 p.to.toTimeZone(AssessmentPeriod::districtZone()).date().month())) {
        // Each month with the set in force in it: the city center changes indicators during the year.
        const QDate firstDay = p.from.toTimeZone(AssessmentPeriod::districtZone()).date();
        m_trend.append(AssessmentEngine(IndicatorSchedule::builtin().inForce(firstDay.year(), firstDay.month()))
                           .assess(m_facts, p, now));
        if (p.label == period.label || m_trend.size() >= 12)
            break;
    }
    m_result = m_trend.constLast();
}

void DashboardWindow::fetchServerResults()
{
    if (!m_server || !m_sync || !m_sync->isLoggedIn() || m_trend.isEmpty())
        return;
    m_server->fetch(m_trend.constFirst().period.label, m_trend.constLast().period.label);
}

void DashboardWindow::present()
{
    // Every month the server has figures for shows the server's: the published revision, or the live figures.
    m_source = Source::LocalOnly;
    std::optional<AssessmentClient::Cached> shownMonth;
    for (qsizetype i = 0; i < m_trend.size(); ++i) {
        AssessmentResult &r = m_trend[i];
        const std::optional<AssessmentClient::Cached> cached = m_server ? m_server->cached(r.period.label) : std::nullopt;
        if (!cached)
            continue;
        const bool selected = i == m_trend.size() - 1;
        const MonthAssessment &month = cached->month;
        r = month.shown();
        if (!selected)
            continue;
        shownMonth = cached;
        m_source = month.latest() ? Source::Published : Source::ServerLive;
        for (const MonthPublication &p : month.publications)
            if (p.revision == m_shownRevision)
                r = p.result;
    }
    m_result = m_trend.constLast();
    // The exports name the indicators of the set the shown figures were computed with (a published revision may
    // predate a set that took effect for this month later).
    m_indicators = IndicatorSchedule::builtin().inForce(m_year, m_month);
    for (const IndicatorSchedule::Entry &e : IndicatorSchedule::builtin().entries())
        if (e.set.version() == m_result.indicatorVersion)
            m_indicators = e.set;

    const UnitFigures &d = m_result.district;
    double v = 0;
    auto fmtOf = [&](const UnitFigures &u, AssessmentMetric m) {
        const bool has = u.value(m, &v);
        return formatAssessmentValue(m, v, has);
    };
    auto fmt = [&](AssessmentMetric m) { return fmtOf(d, m); };
    QString summary = sourceHtml() + QStringLiteral("<br>")
                      + tr("<b>%1</b> &nbsp; indicator set <b>%2</b> &nbsp; figures as of %3<br>"
                           "District: %4 registered · %5 whistled · %6 closed · on-time check-in %7 · "
                           "on-time handling %8 · close rate %9 · satisfaction %10 · <b>%11 overdue</b>")
                            .arg(ReportExporter::periodText(m_result.period).toHtmlEscaped(),
                                 m_result.indicatorVersion.toHtmlEscaped(), localTime(m_result.asOf))
                            .arg(d.registered).arg(d.whistled).arg(d.closed)
                            .arg(fmt(AssessmentMetric::OnTimeCheckInRate), fmt(AssessmentMetric::OnTimeHandlingRate),
                                 fmt(AssessmentMetric::CloseRate), fmt(AssessmentMetric::Satisfaction))
                            .arg(d.overdue);
    // The center's and streets' own steps (研判, 审核, 吹哨, 核查, 结案) against their step clocks.
    QStringList stepRates;
    for (const QList<UnitFigures> *units : {&m_result.centers, &m_result.streets})
        for (const UnitFigures &u : *units)
            if (u.stepsDue > 0)
                stepRates << QStringLiteral("%1 %2").arg(u.name.toHtmlEscaped(), fmtOf(u, AssessmentMetric::StepOnTimeRate));
    summary += QStringLiteral("<br>") + tr("%1: %2").arg(assessmentMetricDisplayName(AssessmentMetric::StepOnTimeRate),
                                                          stepRates.isEmpty() ? QStringLiteral("—") : stepRates.join(QStringLiteral(" · ")));
    if (!m_loadProblem.isEmpty())
        summary += QStringLiteral("<br><span style=\"color:#b00020;\">%1</span>").arg(m_loadProblem.toHtmlEscaped());
    m_summary->setText(summary);
    rebuildCharts();
    fillOverdue();
    m_history->showMonth(m_result.period.label, shownMonth, m_shownRevision);
    updatePublishAction();
    if (!m_selectedUnit.isEmpty())
        drillDown(m_selectedUnit);
}

QString DashboardWindow::sourceHtml() const
{
    const QString red = QStringLiteral("<span style=\"color:#b00020;\">%1</span>");
    QString text;
    const std::optional<AssessmentClient::Cached> cached = m_server ? m_server->cached(m_result.period.label) : std::nullopt;
    if (m_source == Source::LocalOnly || !cached) {
        const QString why = m_serverProblem.isEmpty() ? tr("not fetched yet") : m_serverProblem;
        return red.arg(tr("The district server's results could not be fetched (%1): the figures below count only the "
                          "cases this computer holds, not the district's ranking.").arg(why).toHtmlEscaped());
    }
    if (m_source == Source::Published) {
        const MonthPublication *latest = cached->month.latest();
        const MonthPublication *shown = latest;
        for (const MonthPublication &p : cached->month.publications)
            if (p.revision == m_shownRevision)
                shown = &p;
        text = tr("<b>Published</b>: revision %1, published %2 by %3 (data up to server sequence %4)")
                   .arg(shown->revision)
                   .arg(localTime(shown->publishedAt), (shown->publishedByName.isEmpty() ? shown->publishedBy : shown->publishedByName).toHtmlEscaped())
                   .arg(shown->cutoffSeq);
        if (!shown->reason.isEmpty())
            text += tr(" · reason: %1").arg(shown->reason.toHtmlEscaped());
        if (shown != latest)
            text += QStringLiteral(" ") + red.arg(tr("— an earlier revision; revision %1 is in force.").arg(latest->revision));
    } else {
        text = tr("<b>Not published yet</b>: the district server's figures as computed at %1; they still change as "
                  "events arrive.").arg(localTime(cached->fetchedAt));
    }
    if (!m_serverProblem.isEmpty())
        text += QStringLiteral("<br>") + red.arg(tr("Offline: shown as fetched at %1 (%2).")
                                                     .arg(localTime(cached->fetchedAt), m_serverProblem).toHtmlEscaped());
    return text;
}

void DashboardWindow::updatePublishAction()
{
    const bool mayPublish = m_sync && AccessPolicy::canPublishAssessment(m_sync->currentUser());
    m_publishAction->setVisible(mayPublish);
    if (!mayPublish)
        return;
    const AssessmentPeriod period = AssessmentPeriod::month(m_year, m_month);
    const std::optional<AssessmentClient::Cached> cached = m_server ? m_server->cached(period.label) : std::nullopt;
    const bool publishedBefore = cached && cached->month.latest();
    m_publishAction->setText(publishedBefore ? tr("Publish correction…") : tr("Publish month…"));
    QString why;
    if (!m_sync->isLoggedIn())
        why = tr("Working offline: a month is published on the district server.");
    else if (asOf() < period.to)
        why = tr("%1 is not over yet: a month is published once it has ended.").arg(period.label);
    else if (m_server && m_server->isPublishing())
        why = tr("Publishing…");
    m_publishAction->setEnabled(why.isEmpty());
    m_publishAction->setToolTip(why.isEmpty() ? tr("Freeze the district's results of %1: late events no longer change "
                                                   "them; a correction is a new revision with a reason.").arg(period.label)
                                              : why);
}

void DashboardWindow::publishMonth(const QString &reason)
{
    if (!m_server) {
        Q_EMIT publishFinished(false, tr("Not connected to the district server."));
        return;
    }
    m_server->publish(AssessmentPeriod::month(m_year, m_month).label, reason);
    updatePublishAction();
}

void DashboardWindow::publishInteractive()
{
    const QString month = AssessmentPeriod::month(m_year, m_month).label;
    const std::optional<AssessmentClient::Cached> cached = m_server ? m_server->cached(month) : std::nullopt;
    const MonthPublication *latest = cached ? cached->month.latest() : nullptr;
    const QString label =
        latest ? tr("%1 was published as revision %2 on %3. A correction becomes revision %4; both stay readable.\n"
                    "What does this correction change? (required)")
                     .arg(month).arg(latest->revision).arg(localTime(latest->publishedAt)).arg(latest->revision + 1)
               : tr("Publishing freezes the district's results of %1 as the server holds them now: events arriving "
                    "later no longer change them, and every computer shows this ranking.\nNote (optional):")
                     .arg(month);
    bool ok = false;
    const QString reason = QInputDialog::getMultiLineText(this, latest ? tr("Publish correction of %1").arg(month)
                                                                       : tr("Publish %1").arg(month),
                                                          label, QString(), &ok);
    if (!ok)
        return;
    if (latest && reason.trimmed().isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("Say what the correction changes; the reason is kept with both revisions."));
        return;
    }
    // Queued: the answer is shown after the signal's other receivers ran, not in a dialog opened inside it.
    connect(this, &DashboardWindow::publishFinished, this, [this](bool done, const QString &message) {
        if (done)
            QMessageBox::information(this, windowTitle(), message);
        else
            QMessageBox::warning(this, windowTitle(), message);
    }, Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
    publishMonth(reason);
}

void DashboardWindow::showRevision(int revision)
{
    m_shownRevision = revision;
    computeLocalTrend();
    present();
}

void DashboardWindow::setChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

void DashboardWindow::rebuildCharts()
{
    QChart *streets = DashboardCharts::ranking(m_result.streets, tr("Streets by composite score (click a bar for its cases)"));
    QChart *depts = DashboardCharts::ranking(m_result.departments, tr("Departments by composite score (click a bar for its cases)"));
    m_streetBars = barOrder(m_result.streets);
    m_deptBars = barOrder(m_result.departments);
    auto connectBars = [this](QChart *chart, const QList<QString> *ids) {
        for (QAbstractSeries *s : chart->series())
            if (auto *bars = qobject_cast<QAbstractBarSeries *>(s))
                connect(bars, &QAbstractBarSeries::clicked, this, [this, ids](int index, QBarSet *) {
                    if (index >= 0 && index < ids->size())
                        drillDown(ids->at(index));
                });
    };
    connectBars(streets, &m_streetBars);
    connectBars(depts, &m_deptBars);
    setChart(m_streetChart, streets);
    setChart(m_deptChart, depts);
    setChart(m_trendChart, DashboardCharts::trend(m_trend, m_selectedUnit));
    setChart(m_categoryChart, DashboardCharts::byCategory(m_result));
    setChart(m_statusChart, DashboardCharts::byStatus(m_result));
}

void DashboardWindow::fillOverdue()
{
    m_overdueModel->clear();
    m_overdueModel->setHorizontalHeaderLabels(
        {tr("Number"), tr("Title"), tr("Street"), tr("Departments"), tr("Due"), tr("Overdue (days)")});
    if (!m_store || !m_store->isOpen())
        return;
    CaseFilter filter;
    filter.overdueOnly = true;
    filter.openOnly = true;
    filter.sort = CaseFilter::Sort::DueAsc;
    filter.now = asOf();
    const QList<CaseSummary> rows = m_store->listCases(filter, 0, 500);
    for (const CaseSummary &s : rows) {
        auto *days = new QStandardItem;
        days->setData(qRound(s.nextDue.secsTo(filter.now) / 8640.0) / 10.0, Qt::DisplayRole);
        QList<QStandardItem *> row{new QStandardItem(s.number), new QStandardItem(s.title),
                                   new QStandardItem(OrgDirectory::builtin().nameOf(s.streetId)),
                                   new QStandardItem(departmentNames(s.departments)),
                                   new QStandardItem(localTime(s.nextDue)), days};
        row.first()->setData(s.id, Qt::UserRole);
        if (s.onHold)
            row.at(1)->setText(tr("%1 (on hold)").arg(s.title));
        m_overdueModel->appendRow(row);
    }
    m_tabs->setTabText(0, tr("Overdue cases (%1)").arg(rows.size()));
    m_overdueView->resizeColumnsToContents();
}

void DashboardWindow::drillDown(const QString &unitId)
{
    m_selectedUnit = unitId;
    const AssessmentEngine engine(m_indicators);
    m_drillIds = engine.casesBehind(m_facts, unitId, m_result.period, asOf());
    m_drillModel->clear();
    m_drillModel->setHorizontalHeaderLabels(
        {tr("Number"), tr("Title"), tr("Status"), tr("Street"), tr("Registered"), tr("Departments")});
    const UnitFigures *unit = m_result.find(unitId);
    const QString name = unit ? unit->name : unitId;
    m_drillTitle->setText(tr("%1 — %n case(s) behind its figures in %2", nullptr, int(m_drillIds.size()))
                              .arg(name, m_result.period.label)
                          + (m_drillIds.size() > MaxDrillRows ? tr(" (first %1 shown)").arg(MaxDrillRows) : QString()));
    for (int i = 0; i < m_drillIds.size() && i < MaxDrillRows && m_store; ++i) {
        const std::optional<CaseRecord> rec = m_store->caseById(m_drillIds.at(i));
        if (!rec)
            continue;
        QList<QStandardItem *> row{new QStandardItem(rec->number), new QStandardItem(rec->title),
                                   new QStandardItem(caseStatusDisplayName(rec->status)),
                                   new QStandardItem(OrgDirectory::builtin().nameOf(rec->streetId)),
                                   new QStandardItem(localTime(rec->registeredAt)),
                                   new QStandardItem(departmentNames(rec->activeDepartmentIds()))};
        row.first()->setData(rec->id, Qt::UserRole);
        m_drillModel->appendRow(row);
    }
    m_drillView->resizeColumnsToContents();
    m_tabs->setCurrentIndex(1);
    setChart(m_trendChart, DashboardCharts::trend(m_trend, m_selectedUnit));
}

Result DashboardWindow::exportCsv(const QString &path)
{
    return ReportExporter::writeCsv(path, m_result, m_indicators);
}

Result DashboardWindow::exportPdf(const QString &path, int *pageCount)
{
    return ReportExporter::writePdf(path, m_result, m_indicators, m_trend, pageCount);
}

Result DashboardWindow::printReport(QPagedPaintDevice *device, int *pageCount)
{
    return ReportExporter::print(device, m_result, m_indicators, m_trend, pageCount);
}

QPrintPreviewDialog *DashboardWindow::openPrintPreview()
{
    return PagedPrinter::openPreview(this, tr("Assessment report %1").arg(m_result.period.label), [this](QPrinter *printer) {
        const Result r = printReport(printer);
        if (!r.ok)
            qWarning("Printing the assessment report: %s", qPrintable(r.message));
    });
}

void DashboardWindow::exportCsvInteractive()
{
    saveExportInteractively(this, tr("Export assessment as CSV"), QStringLiteral("assessment-%1.csv").arg(m_result.period.label),
                            tr("CSV files (*.csv)"), [this](const QString &path) { return exportCsv(path); });
}

void DashboardWindow::exportPdfInteractive()
{
    saveExportInteractively(this, tr("Export assessment report as PDF"),
                            QStringLiteral("assessment-%1.pdf").arg(m_result.period.label), tr("PDF files (*.pdf)"),
                            [this](const QString &path) { return exportPdf(path); });
}

void DashboardWindow::editIndicators()
{
    IndicatorEditor editor(m_sync, m_store, this);
    editor.showMonth(m_year, m_month);
    connect(&editor, &IndicatorEditor::saved, this, &DashboardWindow::refresh);
    editor.exec();
}

} // namespace gw

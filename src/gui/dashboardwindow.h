#pragma once
#include "assessmentengine.h"
#include "assessmentfacts.h"
#include "indicatorset.h"
#include "result.h"
#include <QMainWindow>
#include <QTimer>
#include <memory>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPagedPaintDevice;
class QPrintPreviewDialog;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace gw {

class AssessmentClient;
class CaseStore;
class PublicationHistoryView;
class SyncEngine;

// The supervisor's assessment dashboard (考核看板): rankings of the 12 streets and of the departments by composite
// score, monthly trend lines, cases by category and by status, and the overdue list. Clicking a ranking bar lists
// the cases behind it; exports CSV and PDF reports. The rankings are the district server's (AssessmentClient: the
// published month, or the server's live figures before publication; cached for offline viewing): a local store holds
// only what its user may see. The local store (AssessmentSource) gives the drill-down and the overdue list, and the
// figures when the server's have never been fetched (said so in red). Supervisors publish a month from here.
class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit DashboardWindow(CaseStore *store, QWidget *parent = nullptr);
    ~DashboardWindow() override;

    // The connection the indicator editor saves through (an assessment administrator's changes).
    void setSync(SyncEngine *sync);
    const IndicatorSet &indicatorSet() const { return m_indicators; }

    // The month shown (district time); default: the current month.
    void setMonth(int year, int month);
    void setTrendMonths(int months);  // 6..12
    // Fixes "now" (tests and reproducing a past report); invalid = the real clock.
    void setAsOf(const QDateTime &asOf);

    // What the ranking shown is based on.
    enum class Source { LocalOnly, ServerLive, Published };
    Source source() const { return m_source; }
    int shownRevision() const { return m_shownRevision; }  // for Source::Published
    PublicationHistoryView *publicationHistory() const { return m_history; }
    QAction *publishAction() const { return m_publishAction; }
    // Publishes the month shown with `reason` (publishFinished answers); publishInteractive asks for the reason.
    void publishMonth(const QString &reason);
    // Shows revision `revision` of the month shown (0: the latest).
    void showRevision(int revision);

    const AssessmentResult &result() const { return m_result; }
    const QList<AssessmentResult> &trend() const { return m_trend; }
    QStringList drillDownCaseIds() const { return m_drillIds; }
    QTableView *drillDownView() const { return m_drillView; }
    QTableView *overdueView() const { return m_overdueView; }

    Result exportCsv(const QString &path);
    Result exportPdf(const QString &path, int *pageCount = nullptr);
    // The report the PDF export writes, onto a printer (or any paged device whose page is already set up).
    Result printReport(QPagedPaintDevice *device, int *pageCount = nullptr);
    // "Print report…": a print preview of that report (window-modal, deleted on close).
    QPrintPreviewDialog *openPrintPreview();

Q_SIGNALS:
    // The district server's results arrived and are shown (or could not be fetched: `ok` false, `message` why).
    void serverResultsShown(bool ok, const QString &message);
    void publishFinished(bool ok, const QString &message);

public Q_SLOTS:
    // Reloads the cases from the store and recomputes everything; the shell calls it after each sync.
    void refresh();
    // Lists the cases behind a unit's figures (what a click on its bar does).
    void drillDown(const QString &unitId);

private Q_SLOTS:
    void exportCsvInteractive();
    void exportPdfInteractive();
    void editIndicators();
    void publishInteractive();

private:
    void buildUi();
    void rebuildCharts();
    void fillOverdue();
    void fillMonths();
    AssessmentPeriod firstTrendMonth() const;
    void computeLocalTrend();
    // Replaces the locally computed months with the server's (cached) results, then shows everything.
    void present();
    QString sourceHtml() const;
    void updatePublishAction();
    void fetchServerResults();
    QDateTime asOf() const;
    void setChart(QChartView *view, QChart *chart);

    CaseStore *m_store;
    SyncEngine *m_sync = nullptr;
    AssessmentClient *m_server = nullptr;
    Source m_source = Source::LocalOnly;
    int m_shownRevision = 0;      // the revision asked for (0: the latest)
    QString m_serverProblem;      // why the last fetch failed; empty after a good one
    IndicatorSet m_indicators;
    AssessmentFacts m_facts;
    AssessmentResult m_result;
    QList<AssessmentResult> m_trend;
    QDateTime m_fixedAsOf;
    int m_year = 0;
    int m_month = 0;
    int m_trendMonths = 12;
    QString m_selectedUnit;
    QStringList m_drillIds;
    QList<QString> m_streetBars;  // unit id per bar index of the street ranking
    QList<QString> m_deptBars;
    QTimer m_changeTimer;
    bool m_refreshing = false;  // the progress dialog processes events: a refresh must not start inside another

    QComboBox *m_monthBox = nullptr;
    QComboBox *m_trendBox = nullptr;
    QLabel *m_summary = nullptr;
    QChartView *m_streetChart = nullptr;
    QChartView *m_deptChart = nullptr;
    QChartView *m_trendChart = nullptr;
    QChartView *m_categoryChart = nullptr;
    QChartView *m_statusChart = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableView *m_overdueView = nullptr;
    QTableView *m_drillView = nullptr;
    QStandardItemModel *m_overdueModel = nullptr;
    QStandardItemModel *m_drillModel = nullptr;
    QLabel *m_drillTitle = nullptr;
    PublicationHistoryView *m_history = nullptr;
    QAction *m_publishAction = nullptr;
    QString m_loadProblem;
};

} // namespace gw

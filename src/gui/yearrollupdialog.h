#pragma once
#include "yearrollup.h"
#include "result.h"
#include <QDialog>

class QLabel;
class QSpinBox;
class QStandardItemModel;
class QTabWidget;
class QTableView;

namespace gw {

class AssessmentClient;
class CaseStore;
class SyncEngine;

// 年度汇总: the year's results combined from the published months by the rule of the indicator set (YearRollup):
// streets and departments ranked by year score with each month's score, which months are published, and CSV/PDF
// export. The months come from the district server (AssessmentClient; cached, so it works offline with what was
// fetched).
class YearRollupDialog : public QDialog
{
    Q_OBJECT
public:
    YearRollupDialog(SyncEngine *sync, CaseStore *store, QWidget *parent = nullptr);

    void setYear(int year);
    int year() const;
    const YearRollupResult &result() const { return m_result; }
    QString statusText() const;
    QTableView *streetTable() const { return m_streetView; }
    Result exportCsv(const QString &path) const;
    Result exportPdf(const QString &path, int *pageCount = nullptr) const;

Q_SIGNALS:
    // The server's months arrived and the year was recomputed (`ok` false: they could not be fetched, `message` why).
    void updated(bool ok, const QString &message);

private:
    void fetch();
    void recompute();
    void fill(QStandardItemModel *model, const QList<YearUnitScore> &units);
    void exportCsvInteractive();
    void exportPdfInteractive();

    AssessmentClient *m_client;
    YearRollupResult m_result;
    QString m_problem;
    QSpinBox *m_yearBox;
    QLabel *m_status;
    QTabWidget *m_tabs;
    QTableView *m_streetView;
    QTableView *m_departmentView;
    QStandardItemModel *m_streets;
    QStandardItemModel *m_departments;
};

} // namespace gw

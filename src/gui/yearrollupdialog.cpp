#include "yearrollupdialog.h"
#include "assessmentclient.h"
#include "fileexport.h"
#include "indicatorschedule.h"
#include "syncengine.h"
#include "yearreportexporter.h"
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace gw {

YearRollupDialog::YearRollupDialog(SyncEngine *sync, CaseStore *store, QWidget *parent)
    : QDialog(parent), m_client(new AssessmentClient(sync, store, this))
{
    setWindowTitle(tr("Year assessment"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Year:"), this));
    m_yearBox = new QSpinBox(this);
    m_yearBox->setObjectName(QStringLiteral("yearPicker"));
    m_yearBox->setRange(2000, 2100);
    // The year of the last month that has ended: in January the year just closed is the one to assess.
    m_yearBox->setValue(QDateTime::currentDateTimeUtc().toTimeZone(AssessmentPeriod::districtZone()).date().addMonths(-1).year());
    top->addWidget(m_yearBox);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    top->addWidget(refresh);
    top->addStretch(1);
    layout->addLayout(top);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("yearStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_tabs = new QTabWidget(this);
    auto makeView = [this](QStandardItemModel **model, const char *name) {
        auto *view = new QTableView(m_tabs);
        view->setObjectName(QLatin1String(name));
        *model = new QStandardItemModel(this);
        view->setModel(*model);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->verticalHeader()->hide();
        view->setAlternatingRowColors(true);
        return view;
    };
    m_streetView = makeView(&m_streets, "yearStreets");
    m_departmentView = makeView(&m_departments, "yearDepartments");
    m_tabs->addTab(m_streetView, tr("Streets"));
    m_tabs->addTab(m_departmentView, tr("Departments"));
    layout->addWidget(m_tabs, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(tr("Export CSV…"), QDialogButtonBox::ActionRole)->setObjectName(QStringLiteral("yearCsv"));
    buttons->addButton(tr("Export PDF…"), QDialogButtonBox::ActionRole)->setObjectName(QStringLiteral("yearPdf"));
    connect(buttons->findChild<QPushButton *>(QStringLiteral("yearCsv")), &QPushButton::clicked, this,
            &YearRollupDialog::exportCsvInteractive);
    connect(buttons->findChild<QPushButton *>(QStringLiteral("yearPdf")), &QPushButton::clicked, this,
            &YearRollupDialog::exportPdfInteractive);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_yearBox, &QSpinBox::valueChanged, this, [this] {
        recompute();
        fetch();
    });
    connect(refresh, &QPushButton::clicked, this, &YearRollupDialog::fetch);
    connect(m_client, &AssessmentClient::fetched, this, [this] {
        m_problem.clear();
        recompute();
        Q_EMIT updated(true, QString());
    });
    connect(m_client, &AssessmentClient::fetchFailed, this, [this](const QString &message) {
        m_problem = message;
        recompute();
        Q_EMIT updated(false, message);
    });
    resize(1180, 640);
    recompute();
    fetch();
}

int YearRollupDialog::year() const { return m_yearBox->value(); }

void YearRollupDialog::setYear(int year) { m_yearBox->setValue(year); }

QString YearRollupDialog::statusText() const { return m_status->text(); }

void YearRollupDialog::fetch()
{
    m_client->fetch(QStringLiteral("%1-01").arg(year()), QStringLiteral("%1-12").arg(year()));
}

void YearRollupDialog::recompute()
{
    QList<MonthAssessment> months;
    for (int m = 1; m <= 12; ++m)
        if (const auto cached = m_client->cached(QStringLiteral("%1-%2").arg(year()).arg(m, 2, 10, QLatin1Char('0'))))
            months.append(cached->month);
    // The rule of the set in force at the year's end: a rule changed during the year applies to the whole year.
    m_result = YearRollup::combine(year(), months, IndicatorSchedule::builtin().inForce(year(), 12));
    QString text = tr("%1: %n month(s) published (%2); months not published do not count. Rule of indicator set %3: %4.",
                      nullptr, m_result.publishedMonths())
                       .arg(year())
                       .arg([this] {
                           QStringList list;
                           for (const YearMonthSource &m : m_result.months)
                               if (m.revision > 0)
                                   list << tr("M%1", "month number").arg(m.month);
                           return list.isEmpty() ? tr("none") : list.join(tr(", ", "between months"));
                       }())
                       .arg(m_result.ruleSetVersion, YearRollup::ruleText(m_result.rule).text());
    if (!m_result.rule.description.isEmpty())
        text += QStringLiteral("\n") + m_result.rule.description;
    if (!m_problem.isEmpty())
        text += QStringLiteral("\n") + tr("The district server could not be asked (%1): shown from what this computer fetched before.").arg(m_problem);
    m_status->setText(text);
    fill(m_streets, m_result.streets);
    fill(m_departments, m_result.departments);
}

void YearRollupDialog::fill(QStandardItemModel *model, const QList<YearUnitScore> &units)
{
    model->clear();
    QStringList headers{tr("Rank"), tr("Unit"), tr("Year score"), tr("Months")};
    for (int m = 1; m <= 12; ++m)
        headers << tr("M%1", "month number").arg(m);
    model->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < units.size(); ++i) {
        const YearUnitScore &u = units.at(i);
        QList<QStandardItem *> row{new QStandardItem(u.hasScore() ? QString::number(i + 1) : QStringLiteral("—")),
                                   new QStandardItem(u.name),
                                   new QStandardItem(u.hasScore() ? YearReportExporter::scoreText(u.score) : QStringLiteral("—")),
                                   new QStandardItem(QString::number(u.monthsScored))};
        row.at(0)->setData(u.unitId, Qt::UserRole);
        QFont bold = row.at(2)->font();
        bold.setBold(true);
        row.at(2)->setFont(bold);
        for (double s : u.monthly)
            row << new QStandardItem(YearReportExporter::scoreText(s));
        for (int c = 0; c < row.size(); ++c)
            if (c != 1)
                row.at(c)->setTextAlignment(Qt::AlignCenter);
        model->appendRow(row);
    }
    // The months share the width; rank, name, score and months fit their contents.
    QHeaderView *header = (model == m_streets ? m_streetView : m_departmentView)->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Stretch);
    for (int column = 0; column < 4 && column < model->columnCount(); ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
}

Result YearRollupDialog::exportCsv(const QString &path) const { return YearReportExporter::writeCsv(path, m_result); }

Result YearRollupDialog::exportPdf(const QString &path, int *pageCount) const
{
    return YearReportExporter::writePdf(path, m_result, pageCount);
}

void YearRollupDialog::exportCsvInteractive()
{
    saveExportInteractively(this, tr("Export year assessment as CSV"), QStringLiteral("assessment-%1.csv").arg(year()),
                            tr("CSV files (*.csv)"), [this](const QString &path) { return exportCsv(path); });
}

void YearRollupDialog::exportPdfInteractive()
{
    saveExportInteractively(this, tr("Export year assessment report as PDF"), QStringLiteral("assessment-%1.pdf").arg(year()),
                            tr("PDF files (*.pdf)"), [this](const QString &path) { return exportPdf(path); });
}

} // namespace gw

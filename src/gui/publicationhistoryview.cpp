#include "publicationhistoryview.h"
#include "protocol/referenceset.h"
#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace gw {

PublicationHistoryView::PublicationHistoryView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("publicationHistory"));
    m_model = new QStandardItemModel(this);
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(true);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT revisionChosen(m_model->item(index.row(), 0)->data(Qt::UserRole).toInt());
    });
}

int PublicationHistoryView::rowCount() const { return m_model->rowCount(); }

void PublicationHistoryView::showMonth(const QString &month, const std::optional<AssessmentClient::Cached> &cached,
                                       int shownRevision)
{
    m_model->clear();
    // The reason next to the revision: the narrow tab shows it without scrolling; every column is in the tooltip.
    m_model->setHorizontalHeaderLabels({tr("Revision"), tr("Reason"), tr("Published"), tr("By"), tr("Data up to"),
                                        tr("Reference data used"), tr("Results (SHA-256)")});
    const QList<MonthPublication> list = cached ? cached->month.publications : QList<MonthPublication>();
    if (list.isEmpty()) {
        m_title->setText(cached ? tr("%1 has not been published yet.").arg(month)
                                : tr("The district server's results for %1 have not been fetched yet.").arg(month));
        return;
    }
    m_title->setText(tr("%n publication(s) of %1, newest first. Double-click one to show its ranking.", nullptr,
                        int(list.size())).arg(month));
    const int latest = list.constLast().revision;
    for (auto it = list.crbegin(); it != list.crend(); ++it) {
        const MonthPublication &p = *it;
        QStringList versions;
        for (auto v = p.versions.cbegin(); v != p.versions.cend(); ++v)
            versions << tr("%1 v%2").arg(ReferenceSet::displayName(v.key()).text()).arg(v.value());
        auto *revision = new QStandardItem(p.revision == latest ? tr("%1 (in force)").arg(p.revision) : QString::number(p.revision));
        revision->setData(p.revision, Qt::UserRole);
        QFont font = revision->font();
        font.setBold(p.revision == (shownRevision > 0 ? shownRevision : latest));
        revision->setFont(font);
        const QList<QStandardItem *> row{
            revision,
            new QStandardItem(p.reason.isEmpty() ? tr("(first publication)") : p.reason),
            new QStandardItem(p.publishedAt.toTimeZone(AssessmentPeriod::districtZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
            new QStandardItem(p.publishedByName.isEmpty() ? p.publishedBy : QStringLiteral("%1 (%2)").arg(p.publishedByName, p.publishedBy)),
            new QStandardItem(tr("server sequence %1").arg(p.cutoffSeq)),
            new QStandardItem(versions.join(QStringLiteral("；"))),
            new QStandardItem(p.resultHash.left(16))};
        QStringList tip;
        for (int column = 0; column < row.size(); ++column)
            tip << tr("%1: %2").arg(m_model->horizontalHeaderItem(column)->text(), row.at(column)->text());
        for (QStandardItem *item : row)
            item->setToolTip(tip.join(u'\n'));
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
}

} // namespace gw

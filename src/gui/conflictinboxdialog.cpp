#include "conflictinboxdialog.h"
#include "casestore.h"
#include "syncjournal.h"
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

ConflictInboxDialog::ConflictInboxDialog(CaseStore *store, const User &user, QWidget *parent)
    : QDialog(parent), m_store(store), m_user(user)
{
    setWindowTitle(tr("Conflict inbox"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_table = new QTableWidget(0, 5, this);
    m_table->setObjectName(QStringLiteral("conflictTable"));
    m_table->setHorizontalHeaderLabels({tr("Case"), tr("Action"), tr("Made by, at"), tr("Server's reason"), QString()});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 420);
    reload();
}

void ConflictInboxDialog::reload()
{
    m_items = m_store->journal().conflicts();
    m_table->setRowCount(int(m_items.size()));
    for (int row = 0; row < m_items.size(); ++row) {
        const ConflictItem &item = m_items.at(row);
        const std::optional<CaseRecord> record = m_store->caseById(item.event.caseId);
        const QString caseText = record ? QStringLiteral("%1\n%2").arg(record->number, record->title)
                                        : item.event.caseId;
        auto cell = [](const QString &text) {
            auto *it = new QTableWidgetItem(text);
            it->setToolTip(text);
            return it;
        };
        m_table->setItem(row, 0, cell(caseText));
        m_table->setItem(row, 1, cell(eventTypeDisplayName(item.event.type)));
        m_table->setItem(row, 2, cell(QStringLiteral("%1\n%2").arg(
                                     item.event.actorId,
                                     item.event.clientTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))));
        m_table->setItem(row, 3, cell(item.code.isEmpty() ? item.reason.text()
                                                          : QStringLiteral("%1 (%2)").arg(item.reason.text(), item.code)));
        m_table->setCellWidget(row, 4, rowButtons(row));
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_table->resizeRowsToContents();
    m_table->setCurrentItem(nullptr);
    m_summary->setText(m_items.isEmpty()
                           ? tr("No refused actions. Everything you did offline was accepted by the district server.")
                           : tr("The district server refused %n offline action(s). Read the reason, then retry "
                                "the action as the case stands now, or discard it.", nullptr, int(m_items.size())));
}

QWidget *ConflictInboxDialog::rowButtons(int row)
{
    auto *box = new QWidget(m_table);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *retryButton = new QPushButton(tr("Retry"), box);
    retryButton->setObjectName(QStringLiteral("retry_%1").arg(row));
    auto *discardButton = new QPushButton(tr("Discard…"), box);
    discardButton->setObjectName(QStringLiteral("discard_%1").arg(row));
    connect(retryButton, &QPushButton::clicked, this, [this, row] { retry(row); });
    connect(discardButton, &QPushButton::clicked, this, [this, row] { discard(row); });
    layout->addWidget(retryButton);
    layout->addWidget(discardButton);
    return box;
}

bool ConflictInboxDialog::retry(int row)
{
    if (row < 0 || row >= m_items.size())
        return false;
    const Result r = m_store->journal().retryConflict(m_items.at(row).event.id, m_user);
    if (!r.ok) {
        QMessageBox::warning(this, tr("Retry refused"),
                             tr("The action cannot be repeated on the case as it stands now:\n%1").arg(r.message));
        return false;
    }
    reload();
    emit conflictsResolved();
    return true;
}

bool ConflictInboxDialog::discard(int row, bool confirm)
{
    if (row < 0 || row >= m_items.size())
        return false;
    const ConflictItem &item = m_items.at(row);
    if (confirm
        && QMessageBox::question(this, tr("Discard action"),
                                 tr("Discard \"%1\"? The action is dropped for good; the discard is recorded in "
                                    "the case's audit trail.")
                                     .arg(eventTypeDisplayName(item.event.type)),
                                 QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Discard)
        return false;
    const Result r = m_store->journal().discardConflict(item.event.id, m_user);
    if (!r.ok) {
        QMessageBox::warning(this, tr("Discard failed"), r.message);
        return false;
    }
    reload();
    emit conflictsResolved();
    return true;
}

} // namespace gw

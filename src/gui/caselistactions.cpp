#include "caselistactions.h"
#include "bulkactions.h"
#include "caseactiondialog.h"
#include "casedetailwidget.h"
#include "casestore.h"
#include "syncjournal.h"
#include "casetablemodel.h"
#include "mainwindow.h"
#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>

namespace gw {

namespace {

// Menu text is parsed for mnemonics: a case title with "&" must show it, not underline the next letter.
QString plainMenuText(const QString &text)
{
    QString out = text;
    return out.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace

CaseListActions::CaseListActions(MainWindow *window, CaseDetailWidget *detail, CaseStore *store, const User &user)
    : QObject(window), m_window(window), m_detail(detail), m_store(store), m_user(user),
      m_menu(new QMenu(window)), m_contextMenu(new QMenu(window->caseView())), m_bulkReview(new QAction(window)),
      m_bulkWhistle(new QAction(window))
{
    m_menu->setObjectName(QStringLiteral("caseMenu"));
    m_contextMenu->setObjectName(QStringLiteral("caseContextMenu"));
    m_bulkReview->setObjectName(QStringLiteral("actionBulkReview"));
    m_bulkWhistle->setObjectName(QStringLiteral("actionBulkWhistle"));
    connect(m_bulkReview, &QAction::triggered, this, &CaseListActions::bulkReview);
    connect(m_bulkWhistle, &QAction::triggered, this, &CaseListActions::bulkWhistle);
    connect(m_menu, &QMenu::aboutToShow, this, [this] { fillMenu(m_menu, false); });

    QTableView *table = m_window->caseView();
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table, &QWidget::customContextMenuRequested, this, &CaseListActions::showContextMenu);
    retranslate();
}

void CaseListActions::retranslate()
{
    m_menu->setTitle(tr("&Case"));
    m_bulkReview->setStatusTip(tr("Approve, return or reject every selected case at once (审核)"));
    m_bulkWhistle->setStatusTip(tr("Whistle every selected case to the same departments (发起吹哨)"));
    setBulkTexts(int(m_window->selectedCaseIds().size()));
}

void CaseListActions::setBulkTexts(int selected)
{
    // With the count, so the operator sees how many cases the entry acts on (the rows may be scrolled away).
    m_bulkReview->setText(selected > 1 ? tr("Bulk &review %n selected case(s)…", nullptr, selected)
                                       : tr("Bulk &review…"));
    m_bulkWhistle->setText(selected > 1 ? tr("Bulk &whistle %n selected case(s)…", nullptr, selected)
                                        : tr("Bulk &whistle…"));
}

bool CaseListActions::anySelectedPermits(EventType type, const QStringList &caseIds) const
{
    for (const QString &id : caseIds) {
        const std::optional<CaseRecord> record = m_store->caseById(id);
        if (record && m_workflow.permits(&*record, m_user, type).ok && m_store->journal().heldBy(id, m_user.id).isEmpty())
            return true;
    }
    return false;
}

void CaseListActions::updateBulkActions()
{
    const QStringList ids = m_window->selectedCaseIds();
    setBulkTexts(int(ids.size()));
    m_bulkReview->setEnabled(anySelectedPermits(EventType::Reviewed, ids));
    m_bulkWhistle->setEnabled(anySelectedPermits(EventType::Whistled, ids));
}

void CaseListActions::fillMenu(QMenu *menu, bool contextMenu)
{
    menu->clear();  // deletes the per-case entries; the bulk actions belong to the window
    updateBulkActions();

    // The case in the detail pane, with the entries of its action buttons.
    const QString caseId = m_detail->caseId();
    const std::optional<CaseRecord> record = caseId.isEmpty() ? std::nullopt : m_store->caseById(caseId);
    const QList<EventType> shown = m_detail->shownActions();
    if (record && !shown.isEmpty()) {
        // Names the case the entries act on: with several rows selected it is the one under the cursor.
        const QString title = record->title.size() > 24 ? record->title.left(23) + QChar(0x2026) : record->title;
        QAction *header = menu->addAction(plainMenuText(QStringLiteral("%1  %2").arg(record->number, title)));
        header->setObjectName(QStringLiteral("caseMenuHeader"));
        header->setEnabled(false);
        for (EventType type : shown) {
            QAction *a = menu->addAction(plainMenuText(CaseActionDialog::actionTitle(type, *record)));
            a->setObjectName(QStringLiteral("caseAction_") + eventTypeToString(type));
            a->setData(int(type));
            connect(a, &QAction::triggered, this, [this, caseId, type] { openAction(caseId, type); });
        }
    } else {
        QAction *none = menu->addAction(record ? CaseDetailWidget::tr("Nothing for you to do on this case now.")
                                               : tr("Choose a case in the list first."));
        none->setObjectName(QStringLiteral("caseMenuNothing"));
        none->setEnabled(false);
    }

    const QStringList selected = m_window->selectedCaseIds();
    if (!contextMenu || selected.size() > 1) {
        menu->addSeparator();
        menu->addAction(m_bulkReview);
        menu->addAction(m_bulkWhistle);
    }
    if (contextMenu) {
        menu->addSeparator();
        // The same words as the main window's export action when it exports the selection.
        QAction *exportSelected = menu->addAction(MainWindow::tr("Export selected cases…"));
        exportSelected->setObjectName(QStringLiteral("caseActionExportSelected"));
        connect(exportSelected, &QAction::triggered, m_window, [this] { m_window->exportCases(true); });
    }
}

void CaseListActions::showContextMenu(const QPoint &pos)
{
    QTableView *table = m_window->caseView();
    QModelIndex index = table->indexAt(pos);
    QPoint at = pos;
    if (!index.isValid()) {
        // The keyboard's menu key: the current row.
        index = table->currentIndex();
        if (!index.isValid())
            return;
        at = table->visualRect(index).center();
    }
    QItemSelectionModel *selection = table->selectionModel();
    // A right click inside the selection keeps it (for the bulk entries); elsewhere it selects that row.
    // Either way the row becomes current, so the detail pane shows the case the entries act on.
    if (!selection->isRowSelected(index.row(), QModelIndex()))
        selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    else if (table->currentIndex().row() != index.row())
        selection->setCurrentIndex(index, QItemSelectionModel::NoUpdate);

    // One menu, refilled each time: an entry may run a modal dialog while the menu's own code is still on
    // the stack, so the menu must outlive its closing.
    m_contextMenu->hide();
    fillMenu(m_contextMenu, true);
    m_contextMenu->popup(table->viewport()->mapToGlobal(at));
}

void CaseListActions::openAction(const QString &caseId, EventType type)
{
    if (m_detail->caseId() != caseId) {
        // The list moved on since the menu opened: show that case again, keeping the selection.
        const int row = m_window->caseModel()->rowOfCase(caseId);
        if (row < 0)
            return;
        m_window->caseView()->selectionModel()->setCurrentIndex(m_window->caseModel()->index(row, 0),
                                                                QItemSelectionModel::NoUpdate);
    }
    if (m_detail->caseId() == caseId)
        m_detail->openAction(type);  // the pane's own path: same form, same refresh afterwards
}

void CaseListActions::bulkReview()
{
    const QStringList ids = m_window->selectedCaseIds();
    if (ids.isEmpty())
        return;
    // Refreshed at once when something was done; a cancelled dialog keeps the selection.
    if (!BulkActions::reviewWithDialog(m_window, m_store, m_user, ids).outcomes.isEmpty())
        m_window->refresh();
}

void CaseListActions::bulkWhistle()
{
    const QStringList ids = m_window->selectedCaseIds();
    if (ids.isEmpty())
        return;
    // Refreshed at once when something was done; a cancelled dialog keeps the selection.
    if (!BulkActions::whistleWithDialog(m_window, m_store, m_user, ids).outcomes.isEmpty())
        m_window->refresh();
}

} // namespace gw

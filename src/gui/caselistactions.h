#pragma once
#include "eventtype.h"
#include "user.h"
#include "workflow.h"
#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QPoint;

namespace gw {

class CaseDetailWidget;
class CaseStore;
class MainWindow;

// What an operator can do from the case list: the "Case" menu and the per-row context menu. Both offer the
// actions gw::Workflow permits on the case in the detail pane (opened through the pane itself, so the forms
// are exactly those of its buttons), bulk review and bulk whistle over the selected rows (BulkActions, each
// case checked on its own), and exporting the selected rows.
class CaseListActions : public QObject
{
    Q_OBJECT
public:
    CaseListActions(MainWindow *window, CaseDetailWidget *detail, CaseStore *store, const User &user);

    // For the menu bar; refilled each time it opens.
    QMenu *menu() const { return m_menu; }
    QAction *bulkReviewAction() const { return m_bulkReview; }
    QAction *bulkWhistleAction() const { return m_bulkWhistle; }
    // The table's context menu (shown or not), for tests and screenshots.
    QMenu *contextMenu() const { return m_contextMenu; }

    // Bulk entries are enabled when a selected case allows the action to this user. Checked when a menu opens
    // (not on every selection change: a large selection means loading every case).
    void updateBulkActions();
    void retranslate();

public Q_SLOTS:
    // `pos` in the case table's viewport coordinates, as QAbstractScrollArea reports it.
    void showContextMenu(const QPoint &pos);
    void bulkReview();
    void bulkWhistle();

private:
    void fillMenu(QMenu *menu, bool contextMenu);
    void setBulkTexts(int selected);
    bool anySelectedPermits(EventType type, const QStringList &caseIds) const;
    void openAction(const QString &caseId, EventType type);

    MainWindow *m_window;
    CaseDetailWidget *m_detail;
    CaseStore *m_store;
    User m_user;
    Workflow m_workflow;
    QMenu *m_menu;
    QMenu *m_contextMenu;
    QAction *m_bulkReview;
    QAction *m_bulkWhistle;
};

} // namespace gw

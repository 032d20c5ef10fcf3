#pragma once
#include "result.h"
#include "savedview.h"
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QLabel;
class QMenu;
class QSplitter;
class QTabBar;
class QTableView;
class QToolBar;

namespace gw {

class AdminActions;
class ApplicationContext;
class CaseFilterBar;
class CaseListActions;
class LockScreen;
class CaseTableModel;
class LanguageManager;
class SyncStatusWidget;

// The operator's desk: the case list (saved views, filters, search, sorting) on the left, the selected
// case on the right, sync state in the status bar. Works the same online and offline.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ApplicationContext *context, LanguageManager *languages = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    // Ids of the selected rows, in list order (for bulk actions).
    QStringList selectedCaseIds() const;
    QString currentCaseId() const;
    CaseTableModel *caseModel() const { return m_model; }
    QTableView *caseView() const { return m_table; }
    CaseFilterBar *filterBar() const { return m_filterBar; }
    SyncStatusWidget *syncStatus() const { return m_syncStatus; }
    QWidget *detailPane() const { return m_detail; }
    QToolBar *mainToolBar() const { return m_toolBar; }
    QMenu *fileMenu() const { return m_fileMenu; }
    CaseListActions *caseListActions() const { return m_caseActions; }
    LockScreen *lockScreen() const { return m_lockScreen; }

    SavedView::Kind currentView() const;
    void setCurrentView(SavedView::Kind kind);
    int viewCount(SavedView::Kind kind) const;  // as last counted (shown in the view tabs)

    // Writes the selected rows (or, with none/one selected and `selectedOnly` false, every row of the
    // current list) as CSV in UTF-8 with a BOM so Excel on Windows reads the Chinese text correctly.
    Result exportCsv(const QString &path, bool selectedOnly);

    void saveLayout() const;
    void restoreLayout();

public Q_SLOTS:
    void newCase();
    void focusSearch();
    void syncNow();
    void nextCase();
    void previousCase();
    void refresh();
    void exportCases(bool selectedOnly = false);  // asks for the file; what is written: exportCsv
    void openSettings();
    void openConflicts();
    void openDashboard();
    void openCityExchanges();
    void signInAgain();  // the same person, back online without leaving the window
    void about();
    void selectCase(const QString &caseId);
    void applyFilters();

Q_SIGNALS:
    void selectedCasesChanged(const QStringList &caseIds);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Online and the session's first sync has not finished: counts and lists are still being fetched.
    bool isLoadingFirstSync() const;

private:
    void setDefaultColumnWidths();
    void createActions();
    void createMenus();
    void retranslate();
    void updateViewCounts();
    void updateRowCountLabel();
    void updateTitle();
    void showCurrentCase();
    void moveCurrent(int delta);
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    QAction *makeAction(const char *objectName);

    ApplicationContext *m_context;
    LanguageManager *m_languages;
    CaseTableModel *m_model;
    QList<SavedView> m_views;
    QList<int> m_viewCounts;
    QTabBar *m_viewTabs;
    CaseFilterBar *m_filterBar;
    QTableView *m_table;
    QSplitter *m_splitter;
    QWidget *m_detail;
    SyncStatusWidget *m_syncStatus;
    QLabel *m_userLabel;
    QLabel *m_rowCountLabel;
    QLabel *m_demoLabel = nullptr;  // "Demo data", while signed in to a local server holding the demo district
    QToolBar *m_toolBar;
    QMenu *m_fileMenu = nullptr;
    LockScreen *m_lockScreen = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_syncMenu = nullptr;
    QMenu *m_supervisorMenu = nullptr;
    AdminActions *m_adminActions = nullptr;  // the 系统管理 menu
    QMenu *m_helpMenu = nullptr;
    CaseListActions *m_caseActions = nullptr;
    QTimer m_refreshDelay;
    QPointer<QWidget> m_dashboard;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;

    // Actions (object names match the member names without "m_", e.g. "actionNewCase").
    QAction *m_actionNewCase;
    QAction *m_actionExport;
    QAction *m_actionSettings;
    QAction *m_actionChangePassword;
    QAction *m_actionQuit;
    QAction *m_actionSearch;
    QAction *m_actionRefresh;
    QAction *m_actionNextCase;
    QAction *m_actionPreviousCase;
    QList<QAction *> m_viewActions;
    QList<QAction *> m_languageActions;
    QAction *m_actionSync;
    QAction *m_actionConflicts;
    QAction *m_actionDashboard;
    QAction *m_actionCityExchanges = nullptr;
    QAction *m_actionAbout;
};

} // namespace gw

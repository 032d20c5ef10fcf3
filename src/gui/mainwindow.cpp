#include "mainwindow.h"
#include "adminactions.h"
#include <QPushButton>
#include "signinagaindialog.h"
#include "buildinfo.h"
#include "applicationcontext.h"
#include "lockscreen.h"
#include "changepassworddialog.h"
#include "accesspolicy.h"
#include "casefilterbar.h"
#include "casestore.h"
#include "caselistexport.h"
#include "casetablemodel.h"
#include "categorycatalog.h"
#include "conflictinboxdialog.h"
#include "icons.h"
#include "languagemanager.h"
#include "orgdirectory.h"
#include "settingsdialog.h"
#include "syncstatuswidget.h"
#include "cityexchangesdialog.h"
#include "syncengine.h"
#include "syncscheduler.h"
// Forms and the dashboard are built by other parts of the client; the shell works without them.
#include "caseregistrationdialog.h"
#include "caseactiondialog.h"  // casedetailwidget.h holds a QPointer to it
#include "casedetailwidget.h"
#include "caselistactions.h"
#include "dashboardwindow.h"
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

namespace gw {

MainWindow::MainWindow(ApplicationContext *context, LanguageManager *languages, QWidget *parent)
    : QMainWindow(parent), m_context(context), m_languages(languages),
      m_model(new CaseTableModel(context->store(), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::application());
    const User &user = m_context->currentUser();
    m_views = SavedView::forUser(user);
    m_viewCounts = QList<int>(m_views.size(), 0);

    m_viewTabs = new QTabBar(this);
    m_viewTabs->setObjectName(QStringLiteral("viewTabs"));
    m_viewTabs->setDrawBase(false);
    m_viewTabs->setExpanding(false);
    for (int i = 0; i < m_views.size(); ++i)
        m_viewTabs->addTab(QString());
    m_filterBar = new CaseFilterBar(this);
    m_filterBar->setScope(AccessPolicy::scopeFor(user));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("caseTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->setVisible(false);
    // Fixed row height: the view never measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(-1, Qt::DescendingOrder);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    setDefaultColumnWidths();
    connect(header, &QHeaderView::sortIndicatorChanged, this, &MainWindow::onSortIndicatorChanged);

    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(6, 6, 6, 0);
    listLayout->addWidget(m_viewTabs);
    listLayout->addWidget(m_filterBar);
    listLayout->addWidget(m_table, 1);

    auto *detail = new CaseDetailWidget(m_context->store(), user, this);
    connect(detail, &CaseDetailWidget::caseChanged, this, [this](const QString &) { m_refreshDelay.start(); });
    detail->setCityClient(m_context->cityExchange());
    detail->setAttachmentTransfer(m_context->attachments());
    m_detail = detail;
    m_detail->setObjectName(QStringLiteral("caseDetail"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(listPane);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_syncStatus = new SyncStatusWidget(m_context, this);
    connect(m_syncStatus, &SyncStatusWidget::conflictsRequested, this, &MainWindow::openConflicts);
    connect(m_syncStatus, &SyncStatusWidget::signInRequested, this, &MainWindow::signInAgain);
    m_userLabel = new QLabel(this);
    m_userLabel->setObjectName(QStringLiteral("userLabel"));
    m_rowCountLabel = new QLabel(this);
    m_rowCountLabel->setObjectName(QStringLiteral("rowCount"));
    statusBar()->addWidget(m_rowCountLabel);
    statusBar()->addPermanentWidget(m_syncStatus);
    statusBar()->addPermanentWidget(m_userLabel);
    if (m_context->showsDemoData()) {
        m_demoLabel = new QLabel(this);
        m_demoLabel->setObjectName(QStringLiteral("demoDataLabel"));
        m_demoLabel->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #7a4f00; border: 1px solid #e0b000;"
                                                  " border-radius: 3px; padding: 0 6px; font-weight: bold; }"));
        statusBar()->addPermanentWidget(m_demoLabel);
    }

    createActions();
    createMenus();
    statusBar()->addPermanentWidget(m_adminActions->calendarWarning());
    m_lockScreen = new LockScreen(m_context, this);  // after the actions, which it turns off while locked
    // The Case menu and the table's context menu: workflow actions, bulk review/whistle, export.
    m_caseActions = new CaseListActions(this, detail, m_context->store(), user);
    menuBar()->insertMenu(m_syncMenu->menuAction(), m_caseActions->menu());

    setTabOrder(m_viewTabs, m_filterBar->searchField());
    setTabOrder(m_filterBar->searchField(), m_table);
    setTabOrder(m_table, m_detail);

    connect(m_viewTabs, &QTabBar::currentChanged, this, &MainWindow::applyFilters);
    connect(m_filterBar, &CaseFilterBar::filterChanged, this, &MainWindow::applyFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::showCurrentCase);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_actionExport->setText(selectedCaseIds().size() > 1 ? tr("Export selected cases…") : tr("Export list…"));
        emit selectedCasesChanged(selectedCaseIds());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateRowCountLabel);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRowCountLabel);

    // Store changes come in bursts (a sync applies thousands of events): refresh once they settle.
    m_refreshDelay.setSingleShot(true);
    m_refreshDelay.setInterval(400);
    connect(&m_refreshDelay, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_context->store(), &CaseStore::casesChanged, &m_refreshDelay, qOverload<>(&QTimer::start));

    if (SyncEngine *sync = m_context->sync()) {
        connect(sync, &SyncEngine::syncFinished, this, [this](bool, const QString &) { m_refreshDelay.start(); });
        // Online, the window never starts on an empty or stale list: the first sync runs at once, and until it
        // has finished the counts say "loading", not 0.
        SyncScheduler *scheduler = m_context->syncScheduler();
        connect(scheduler, &SyncScheduler::firstSyncFinished, this, [this] {
            updateViewCounts();
            updateRowCountLabel();
        });
        if (sync->isLoggedIn() && !m_context->isWorkingOffline())
            scheduler->start();
    }

    retranslate();
    resize(1400, 860);
    restoreLayout();
    applyFilters();
}

MainWindow::~MainWindow()
{
    m_context->syncScheduler()->stop();  // signed out or closing: no sync in the background
}

bool MainWindow::isLoadingFirstSync() const
{
    const SyncScheduler *scheduler = m_context->syncScheduler();
    return scheduler->isRunning() && !scheduler->firstSyncDone();
}

QAction *MainWindow::makeAction(const char *objectName)
{
    auto *a = new QAction(this);
    a->setObjectName(QLatin1String(objectName));
    addAction(a);  // shortcuts work wherever the focus is in this window
    return a;
}

void MainWindow::setDefaultColumnWidths()
{
    // Wide enough for what each column holds in the current language, so nothing important is cut off;
    // the title takes the rest. A saved layout (restoreLayout) overrides this.
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm = m_table->fontMetrics();
    QFont bold = m_table->font();
    bold.setBold(true);
    const QFontMetrics boldFm(bold);
    const int padding = 18;
    auto widest = [&fm](const QStringList &texts) {
        int w = 0;
        for (const QString &t : texts)
            w = qMax(w, fm.horizontalAdvance(t));
        return w;
    };
    QStringList statuses, urgencies, categories, streets;
    for (CaseStatus s : allCaseStatuses())
        statuses << caseStatusDisplayName(s);
    for (Urgency u : allUrgencies())
        urgencies << urgencyDisplayName(u);
    for (const Category &c : CategoryCatalog::builtin().categories())
        categories << c.name;
    for (const OrgUnit &u : OrgDirectory::builtin().unitsOfKind(OrgUnit::Kind::Street))
        streets << u.name;
    const QString sampleTime = QStringLiteral("2026-12-31 23:59");
    QList<int> widths(CaseTableModel::ColumnCount);
    widths[CaseTableModel::Number] = fm.horizontalAdvance(QStringLiteral("PL-2026-000000")) + 20 + padding;
    widths[CaseTableModel::Title] = fm.horizontalAdvance(QChar(0x4e2d)) * 15;
    widths[CaseTableModel::Status] = qMin(widest(statuses), fm.horizontalAdvance(QChar(0x4e2d)) * 7) + padding;
    widths[CaseTableModel::Category] = widest(categories) + padding;
    widths[CaseTableModel::Street] = widest(streets) + padding;
    widths[CaseTableModel::Urgency] = widest(urgencies) + padding;
    widths[CaseTableModel::Departments] = fm.horizontalAdvance(QChar(0x4e2d)) * 10;
    widths[CaseTableModel::Registered] = fm.horizontalAdvance(sampleTime) + padding;
    widths[CaseTableModel::NextDue] = boldFm.horizontalAdvance(sampleTime) + 20 + padding;
    widths[CaseTableModel::SyncMark] = 20 + padding;
    for (int c = 0; c < widths.size(); ++c) {
        const int headerWidth = fm.horizontalAdvance(m_model->headerData(c, Qt::Horizontal).toString()) + 24;
        header->resizeSection(c, qMax(widths.at(c), headerWidth));
    }
    // What operators scan first: the deadline next to the status, before the descriptive columns.
    header->moveSection(header->visualIndex(CaseTableModel::NextDue), header->visualIndex(CaseTableModel::Status) + 1);
}

void MainWindow::createActions()
{
    m_actionNewCase = makeAction("actionNewCase");
    m_actionNewCase->setIcon(Icons::newCase());
    m_actionNewCase->setShortcut(QKeySequence::New);
    connect(m_actionNewCase, &QAction::triggered, this, &MainWindow::newCase);
    const Workflow workflow;
    m_actionNewCase->setEnabled(workflow.permits(nullptr, m_context->currentUser(), EventType::Registered).ok);

    m_actionExport = makeAction("actionExport");
    m_actionExport->setIcon(Icons::exportCsv());
    m_actionExport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_actionExport, &QAction::triggered, this, [this] { exportCases(); });

    m_actionSettings = makeAction("actionSettings");
    m_actionSettings->setMenuRole(QAction::PreferencesRole);
    connect(m_actionSettings, &QAction::triggered, this, &MainWindow::openSettings);
    m_actionChangePassword = makeAction("actionChangePassword");
    connect(m_actionChangePassword, &QAction::triggered, this, [this] {
        ChangePasswordDialog dialog(m_context, this);
        dialog.exec();
    });

    m_actionQuit = makeAction("actionQuit");
    m_actionQuit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_actionQuit->setMenuRole(QAction::QuitRole);
    connect(m_actionQuit, &QAction::triggered, this, &QWidget::close);

    m_actionSearch = makeAction("actionSearch");
    m_actionSearch->setIcon(Icons::search());
    m_actionSearch->setShortcut(QKeySequence::Find);
    connect(m_actionSearch, &QAction::triggered, this, &MainWindow::focusSearch);

    m_actionRefresh = makeAction("actionRefresh");
    m_actionRefresh->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_actionRefresh, &QAction::triggered, this, &MainWindow::refresh);

    m_actionNextCase = makeAction("actionNextCase");
    m_actionNextCase->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Down), QKeySequence(Qt::CTRL | Qt::Key_PageDown)});
    connect(m_actionNextCase, &QAction::triggered, this, &MainWindow::nextCase);
    m_actionPreviousCase = makeAction("actionPreviousCase");
    m_actionPreviousCase->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Up), QKeySequence(Qt::CTRL | Qt::Key_PageUp)});
    connect(m_actionPreviousCase, &QAction::triggered, this, &MainWindow::previousCase);

    auto *viewGroup = new QActionGroup(this);
    for (int i = 0; i < m_views.size(); ++i) {
        QAction *a = makeAction("actionView");
        a->setObjectName(QStringLiteral("actionView%1").arg(i + 1));
        a->setCheckable(true);
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        viewGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, i] { m_viewTabs->setCurrentIndex(i); });
        m_viewActions.append(a);
    }
    connect(m_viewTabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < m_viewActions.size())
            m_viewActions.at(index)->setChecked(true);
    });

    auto *languageGroup = new QActionGroup(this);
    for (const QString &code : LanguageManager::availableLanguages()) {
        QAction *a = makeAction("actionLanguage");
        a->setObjectName(QStringLiteral("actionLanguage_%1").arg(code));
        a->setText(LanguageManager::displayName(code));
        a->setCheckable(true);
        a->setChecked(m_languages ? m_languages->language() == code : code == LanguageManager::defaultLanguage());
        a->setEnabled(m_languages != nullptr);
        languageGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            if (m_languages)
                m_languages->setLanguage(code);
        });
        m_languageActions.append(a);
    }

    m_actionSync = makeAction("actionSync");
    m_actionSync->setIcon(Icons::sync());
    m_actionSync->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_actionSync, &QAction::triggered, this, &MainWindow::syncNow);

    m_actionConflicts = makeAction("actionConflicts");
    m_actionConflicts->setIcon(Icons::conflict());
    connect(m_actionConflicts, &QAction::triggered, this, &MainWindow::openConflicts);

    m_actionDashboard = makeAction("actionDashboard");
    m_actionDashboard->setIcon(Icons::dashboard());
    m_actionDashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    const Role role = m_context->currentUser().role;
    const bool dashboardBuilt = true;
    m_actionDashboard->setEnabled(dashboardBuilt
                                  && (role == Role::Supervisor || role == Role::CenterReviewer
                                      || role == Role::CenterDispatcher || role == Role::Administrator));
    connect(m_actionDashboard, &QAction::triggered, this, &MainWindow::openDashboard);

    // Offered to exactly the roles the server lets use the city admin endpoints (AccessPolicy).
    m_actionCityExchanges = makeAction("actionCityExchanges");
    m_actionCityExchanges->setVisible(AccessPolicy::canManageCityExchange(m_context->currentUser()));
    connect(m_actionCityExchanges, &QAction::triggered, this, &MainWindow::openCityExchanges);

    m_actionAbout = makeAction("actionAbout");
    m_actionAbout->setMenuRole(QAction::AboutRole);
    connect(m_actionAbout, &QAction::triggered, this, &MainWindow::about);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_actionNewCase);
    m_fileMenu->addAction(m_actionExport);
    m_fileMenu->addAction(static_cast<CaseDetailWidget *>(m_detail)->printAction());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actionSettings);
    m_fileMenu->addAction(m_actionChangePassword);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actionQuit);

    m_viewMenu = menuBar()->addMenu(QString());
    for (QAction *a : std::as_const(m_viewActions))
        m_viewMenu->addAction(a);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_actionSearch);
    m_viewMenu->addAction(m_actionNextCase);
    m_viewMenu->addAction(m_actionPreviousCase);
    m_viewMenu->addAction(m_actionRefresh);
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    for (QAction *a : std::as_const(m_languageActions))
        m_languageMenu->addAction(a);

    m_syncMenu = menuBar()->addMenu(QString());
    m_syncMenu->addAction(m_actionSync);
    m_syncMenu->addAction(m_actionConflicts);
    m_syncMenu->addAction(m_actionCityExchanges);

    m_supervisorMenu = menuBar()->addMenu(QString());
    m_supervisorMenu->addAction(m_actionDashboard);

    m_adminActions = new AdminActions(this, m_context);
    menuBar()->addMenu(m_adminActions->menu());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_actionAbout);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    m_toolBar->addAction(m_actionNewCase);
    m_toolBar->addAction(m_actionSync);
    m_toolBar->addAction(m_actionExport);
    m_toolBar->addAction(m_actionDashboard);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_syncMenu->setTitle(tr("&Sync"));
    m_caseActions->retranslate();
    m_supervisorMenu->setTitle(tr("S&upervisor"));
    m_adminActions->retranslate();
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_actionNewCase->setText(tr("&New case…"));
    m_actionNewCase->setToolTip(tr("Register a new case (Ctrl+N)"));
    m_actionExport->setText(selectedCaseIds().size() > 1 ? tr("Export selected cases…") : tr("Export list…"));
    m_actionExport->setToolTip(tr("Export the selected cases, or the whole list, as CSV for Excel (Ctrl+E)"));
    m_actionSettings->setText(tr("&Settings…"));
    m_actionChangePassword->setText(tr("Change my &password…"));
    m_actionQuit->setText(tr("&Quit"));
    m_actionSearch->setText(tr("&Search"));
    m_actionRefresh->setText(tr("&Refresh"));
    m_actionNextCase->setText(tr("&Next case"));
    m_actionPreviousCase->setText(tr("&Previous case"));
    m_actionSync->setText(tr("Sync &now"));
    m_actionSync->setToolTip(tr("Send waiting actions and fetch changes from the district server (F5)"));
    m_actionConflicts->setText(tr("&Conflict inbox…"));
    m_actionCityExchanges->setText(tr("C&ity exchange…"));
    m_actionCityExchanges->setToolTip(tr("Exchanges with the city platform: failed messages, retry, pull, reconcile"));
    m_actionDashboard->setText(tr("&Assessment dashboard"));
    m_actionDashboard->setToolTip(tr("Assessment of streets and departments (Ctrl+D)"));
    m_actionAbout->setText(tr("&About GridWhistle"));
    for (int i = 0; i < m_views.size() && i < m_viewActions.size(); ++i)
        m_viewActions.at(i)->setText(m_views.at(i).title());
    updateViewCounts();
    updateTitle();
    updateRowCountLabel();
    emit m_model->headerDataChanged(Qt::Horizontal, 0, CaseTableModel::ColumnCount - 1);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_fileMenu)
        retranslate();
    if (event->type() == QEvent::ActivationChange && isActiveWindow())
        m_context->syncScheduler()->windowActivated();  // back at the desk after a while: fetch what changed
    QMainWindow::changeEvent(event);
}

void MainWindow::updateTitle()
{
    const User &user = m_context->currentUser();
    const QString who = ApplicationContext::describeUser(user);
    setWindowTitle(tr("GridWhistle — %1%2").arg(who, m_context->isWorkingOffline() ? tr(" [offline]") : QString())
                   + (m_demoLabel ? tr(" [demo data]") : QString()));
    if (m_demoLabel) {
        m_demoLabel->setText(tr("Demo data"));
        m_demoLabel->setToolTip(tr("The district server on this computer holds a made-up demo district, not real cases."));
    }
    m_userLabel->setText(who);
    m_userLabel->setToolTip(tr("Signed in as %1 (%2)").arg(user.id, roleDisplayName(user.role)));
}

SavedView::Kind MainWindow::currentView() const
{
    const int i = m_viewTabs->currentIndex();
    return i >= 0 && i < m_views.size() ? m_views.at(i).kind : SavedView::Kind::AllVisible;
}

void MainWindow::setCurrentView(SavedView::Kind kind)
{
    for (int i = 0; i < m_views.size(); ++i)
        if (m_views.at(i).kind == kind)
            m_viewTabs->setCurrentIndex(i);
}

int MainWindow::viewCount(SavedView::Kind kind) const
{
    for (int i = 0; i < m_views.size(); ++i)
        if (m_views.at(i).kind == kind)
            return m_viewCounts.value(i);
    return 0;
}

void MainWindow::updateViewCounts()
{
    CaseStore *store = m_context->store();
    for (int i = 0; i < m_views.size(); ++i) {
        const SavedView &view = m_views.at(i);
        CaseFilter f = view.filter;
        f.now = QDateTime::currentDateTimeUtc();
        m_viewCounts[i] = view.matchesNothing || !store->isOpen() ? 0 : store->countCases(f);
        m_viewTabs->setTabText(i, QStringLiteral("%1 (%2)").arg(view.title(), isLoadingFirstSync()
                                                                                  ? tr("loading…")
                                                                                  : QString::number(m_viewCounts.at(i))));
        m_viewTabs->setTabToolTip(i, view.kind == SavedView::Kind::MyTodo
                                         ? tr("Cases waiting for a step that your role takes now")
                                     : view.kind == SavedView::Kind::Overdue
                                         ? tr("Open cases past a deadline")
                                         : tr("Every case you may see"));
        if (view.kind == SavedView::Kind::Overdue)
            m_viewTabs->setTabTextColor(i, m_viewCounts.at(i) > 0 ? QColor(0xb7, 0x1c, 0x1c) : QColor());
    }
}

void MainWindow::updateRowCountLabel()
{
    if (isLoadingFirstSync() && m_model->loadedCount() == 0)
        m_rowCountLabel->setText(tr("Fetching cases from the district server…"));
    else
        m_rowCountLabel->setText(tr("%1 of %2 cases loaded").arg(m_model->loadedCount()).arg(m_model->totalCountText()));
}

void MainWindow::applyFilters()
{
    const int i = m_viewTabs->currentIndex();
    if (i < 0 || i >= m_views.size())
        return;
    bool nothing = false;
    CaseFilter f = SavedView::combine(m_views.at(i), m_filterBar->filter(), &nothing);
    f.sort = CaseTableModel::sortFor(m_sortColumn, m_sortOrder).value_or(CaseFilter::Sort::UpdatedDesc);
    const QString keep = currentCaseId();
    m_model->setMatchesNothing(nothing);
    m_model->setFilter(f);
    if (!keep.isEmpty())
        selectCase(keep);
}

void MainWindow::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    QHeaderView *header = m_table->horizontalHeader();
    if (!CaseTableModel::sortFor(column, order)) {
        const Qt::SortOrder other = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        QSignalBlocker block(header);
        if (CaseTableModel::sortFor(column, other)) {
            order = other;
            header->setSortIndicator(column, order);
        } else {
            header->setSortIndicator(m_sortColumn, m_sortOrder);
            statusBar()->showMessage(tr("The list can be sorted by number, registration time or next deadline."),
                                     5000);
            return;
        }
    }
    m_sortColumn = column;
    m_sortOrder = order;
    applyFilters();
}

void MainWindow::refresh()
{
    const QString keep = currentCaseId();
    m_model->refresh();
    updateViewCounts();
    m_syncStatus->refreshCounts();
    if (!keep.isEmpty())
        selectCase(keep);
}

QString MainWindow::currentCaseId() const
{
    return m_model->caseIdAt(m_table->currentIndex().row());
}

QStringList MainWindow::selectedCaseIds() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QStringList ids;
    for (int row : rows)
        ids.append(m_model->caseIdAt(row));
    return ids;
}

void MainWindow::selectCase(const QString &caseId)
{
    const int row = m_model->rowOfCase(caseId);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void MainWindow::showCurrentCase()
{
    const QString id = currentCaseId();
    if (id.isEmpty())
        return;
    static_cast<CaseDetailWidget *>(m_detail)->showCase(id);
}

void MainWindow::moveCurrent(int delta)
{
    int row = m_table->currentIndex().row() + delta;
    if (row >= m_model->rowCount() && m_model->canFetchMore({}))
        m_model->fetchMore({});
    row = qBound(0, row, m_model->rowCount() - 1);
    if (m_model->rowCount() == 0)
        return;
    const QModelIndex index = m_model->index(row, qMax(0, m_table->currentIndex().column()));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void MainWindow::nextCase()
{
    moveCurrent(+1);
}

void MainWindow::previousCase()
{
    moveCurrent(-1);
}

void MainWindow::focusSearch()
{
    m_filterBar->searchField()->setFocus(Qt::ShortcutFocusReason);
    m_filterBar->searchField()->selectAll();
}

void MainWindow::newCase()
{
    if (!m_actionNewCase->isEnabled())
        return;
    CaseRegistrationDialog dialog(m_context->store(), m_context->currentUser(), this);
    QString newId;
    connect(&dialog, &CaseRegistrationDialog::registered, this, [&newId](const QString &id) { newId = id; });
    dialog.exec();
    if (!newId.isEmpty()) {
        refresh();
        selectCase(newId);
    }
}

void MainWindow::syncNow()
{
    if (SyncEngine *sync = m_context->sync()) {
        if (!sync->isLoggedIn()) {
            statusBar()->showMessage(tr("Not signed in to a district server: restart GridWhistle and sign in "
                                        "to synchronise."), 8000);
            return;
        }
        sync->syncNow();
    }
}

Result MainWindow::exportCsv(const QString &path, bool selectedOnly)
{
    QList<int> rows;
    const bool someRows = selectedOnly || selectedCaseIds().size() > 1;
    if (someRows) {
        for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
            rows.append(index.row());
        std::sort(rows.begin(), rows.end());
    }
    int written = 0;
    const Result r = CaseListExport::write(path, *m_model, someRows ? &rows : nullptr, m_context->store(), this, &written);
    if (r.ok)
        statusBar()->showMessage(tr("Exported %n case(s) to %1", nullptr, written).arg(QDir::toNativeSeparators(path)),
                                 8000);
    return r;
}

void MainWindow::exportCases(bool selectedOnly)
{
    const QString suggested = QDir(QSettings().value(QStringLiteral("export/lastDir"), QDir::homePath()).toString())
                                  .filePath(tr("cases-%1.csv").arg(QDate::currentDate().toString(QStringLiteral("yyyyMMdd"))));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export cases"), suggested, tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("export/lastDir"), QFileInfo(path).absolutePath());
    const Result r = exportCsv(path, selectedOnly);
    if (!r.ok && r.code != QLatin1String("cancelled"))
        QMessageBox::warning(this, tr("Export failed"), r.message);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_context, m_languages, this);
    dialog.exec();  // it saves what changed (the sync interval reaches the scheduler through the context)
}

void MainWindow::openConflicts()
{
    ConflictInboxDialog dialog(m_context->store(), m_context->currentUser(), this);
    connect(&dialog, &ConflictInboxDialog::conflictsResolved, this, &MainWindow::refresh);
    dialog.exec();
    m_syncStatus->refreshCounts();
}

void MainWindow::openCityExchanges()
{
    if (!AccessPolicy::canManageCityExchange(m_context->currentUser()) || !m_context->cityExchange())
        return;
    CityExchangesDialog dialog(m_context->cityExchange(), m_context->store(), this);
    dialog.exec();
}

void MainWindow::signInAgain()
{
    SignInAgainDialog dialog(m_context, this);
    if (dialog.exec() == QDialog::Accepted)
        m_context->sync()->syncNow();
}

void MainWindow::openDashboard()
{
    if (!m_dashboard) {
        auto *dashboard = new DashboardWindow(m_context->store(), this);
        dashboard->setSync(m_context->sync());
        if (m_demoLabel)
            dashboard->setWindowTitle(dashboard->windowTitle() + tr(" [demo data]"));
        dashboard->setWindowFlag(Qt::Window, true);
        dashboard->setAttribute(Qt::WA_DeleteOnClose);
        m_dashboard = dashboard;
    }
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
}

void MainWindow::about()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("About GridWhistle"));
    box.setIconPixmap(Icons::application().pixmap(64, 64));
    box.setText(tr("<h3>GridWhistle %1</h3><p>Grid command center for Panlong District: "
                   "streets blow the whistle, departments report for duty (街道吹哨、部门报到).</p>")
                    .arg(QStringLiteral(GW_VERSION)));
    box.setInformativeText(tr("Build %1 · commit %2 · %3 · Qt %4\nData folder: %5")
                               .arg(BuildInfo::buildDate(), BuildInfo::commit(), BuildInfo::compiler(),
                                    QString::fromLatin1(qVersion()), QDir::toNativeSeparators(m_context->dataDir())));
    box.exec();
}

void MainWindow::saveLayout() const
{
    QSettings s;
    s.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    s.setValue(QStringLiteral("mainWindow/state"), saveState());
    s.setValue(QStringLiteral("mainWindow/splitter"), m_splitter->saveState());
    s.setValue(QStringLiteral("mainWindow/header"), m_table->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("mainWindow/view"), m_viewTabs->currentIndex());
}

void MainWindow::restoreLayout()
{
    QSettings s;
    if (s.contains(QStringLiteral("mainWindow/geometry")))
        restoreGeometry(s.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    if (s.contains(QStringLiteral("mainWindow/state")))
        restoreState(s.value(QStringLiteral("mainWindow/state")).toByteArray());
    if (s.contains(QStringLiteral("mainWindow/splitter")))
        m_splitter->restoreState(s.value(QStringLiteral("mainWindow/splitter")).toByteArray());
    else
        m_splitter->setSizes({width() * 64 / 100, width() * 36 / 100});
    QHeaderView *header = m_table->horizontalHeader();
    if (s.contains(QStringLiteral("mainWindow/header"))) {
        QSignalBlocker block(header);
        header->restoreState(s.value(QStringLiteral("mainWindow/header")).toByteArray());
        const bool supported = CaseTableModel::sortFor(header->sortIndicatorSection(), header->sortIndicatorOrder())
                                   .has_value();
        m_sortColumn = supported ? header->sortIndicatorSection() : -1;
        m_sortOrder = header->sortIndicatorOrder();
        if (!supported)
            header->setSortIndicator(-1, Qt::DescendingOrder);
    }
    const int view = s.value(QStringLiteral("mainWindow/view"), 0).toInt();
    if (view >= 0 && view < m_views.size()) {
        QSignalBlocker block(m_viewTabs);
        m_viewTabs->setCurrentIndex(view);
    }
    if (m_viewTabs->currentIndex() >= 0 && m_viewTabs->currentIndex() < m_viewActions.size())
        m_viewActions.at(m_viewTabs->currentIndex())->setChecked(true);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    if (m_dashboard)
        m_dashboard->close();
    event->accept();
}

} // namespace gw

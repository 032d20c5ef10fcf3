// The main window over a real store with ~50 cases in every state: filters, search, the role views and
// their counts, keyboard shortcuts, layout memory, CSV export and the conflict inbox.
#include "applicationcontext.h"
#include "casefilterbar.h"
#include "casestore.h"
#include "casetablemodel.h"
#include "conflictinboxdialog.h"
#include "eventbuilder.h"
#include "guidemodata.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "syncstatuswidget.h"
#include "workflow.h"
#include "syncjournal.h"
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace gw;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void titleAndStatusBarShowUser();
    void filtersNarrowTheList();
    void searchFindsChineseWord();
    void myTodoCountsFollowTheWorkflow_data();
    void myTodoCountsFollowTheWorkflow();
    void streetOperatorSeesOwnStreetOnly();
    void keyboardShortcutsExistAndTrigger();
    void nextAndPreviousCase();
    void headerSortMapsToStore();
    void layoutIsRemembered();
    void csvExportHasBomAndSelectedRows();
    void conflictInboxDiscardsWithAudit();
    void languageSwitchIsKept();

private:
    std::unique_ptr<MainWindow> makeWindow(const QString &userId);
    // Ground truth for "my to-do": cases where the Workflow offers this user a step that is owed now.
    int expectedTodo(const User &user);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    std::unique_ptr<ApplicationContext> m_context;
    QStringList m_caseIds;
};

void TestMainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_dataDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    m_context = std::make_unique<ApplicationContext>();
    const Result opened = m_context->open(m_dataDir.path());
    QVERIFY2(opened.ok, qPrintable(opened.message));
    const Result populated = demo::populate(m_context->store(), 54, 3, &m_caseIds);
    QVERIFY2(populated.ok, qPrintable(populated.message));
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::cleanup()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow(const QString &userId)
{
    m_context->setCurrentUser(demo::user(userId));
    auto window = std::make_unique<MainWindow>(m_context.get());
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

int TestMainWindow::expectedTodo(const User &user)
{
    const Workflow workflow;
    const QList<EventType> owed{EventType::Analyzed, EventType::Reviewed, EventType::CheckedIn, EventType::Handled,
                                EventType::StreetResolved, EventType::Verified, EventType::Closed};
    int n = 0;
    for (const QString &id : std::as_const(m_caseIds)) {
        const CaseRecord r = *m_context->store()->caseById(id);
        const QList<EventType> actions = workflow.availableActions(r, user);
        bool todo = false;
        for (EventType t : actions)
            todo = todo || owed.contains(t) || (t == EventType::Whistled && r.departments.isEmpty());
        n += todo ? 1 : 0;
    }
    return n;
}

void TestMainWindow::titleAndStatusBarShowUser()
{
    auto w = makeWindow(QStringLiteral("tuodong"));
    QVERIFY(w);
    QVERIFY2(w->windowTitle().contains(QStringLiteral("拓东街道")), qPrintable(w->windowTitle()));
    auto *userLabel = w->findChild<QLabel *>(QStringLiteral("userLabel"));
    QVERIFY(userLabel);
    QVERIFY(userLabel->text().contains(QStringLiteral("拓东街道")));
    QVERIFY(userLabel->text().contains(demo::user(QStringLiteral("tuodong")).name));
}

void TestMainWindow::filtersNarrowTheList()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    w->setCurrentView(SavedView::Kind::AllVisible);
    CaseTableModel *model = w->caseModel();
    QCOMPARE(model->totalCount(), m_caseIds.size());

    auto *street = w->filterBar()->findChild<QComboBox *>(QStringLiteral("streetFilter"));
    QVERIFY(street && street->isVisible());
    street->setCurrentIndex(street->findData(QStringLiteral("street.tuodong")));
    const int inTuodong = model->totalCount();
    QVERIFY(inTuodong > 0 && inTuodong < m_caseIds.size());
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->summaryAt(r)->streetId, QStringLiteral("street.tuodong"));

    auto *status = w->filterBar()->findChild<QComboBox *>(QStringLiteral("statusFilter"));
    status->setCurrentIndex(status->findData(QStringLiteral("registered")));
    QVERIFY(model->totalCount() < inTuodong);
    for (int r = 0; r < model->rowCount(); ++r)
        QCOMPARE(model->index(r, 0).data(CaseTableModel::StatusRole).toString(), QStringLiteral("registered"));

    auto *overdue = w->filterBar()->findChild<QCheckBox *>(QStringLiteral("overdueFilter"));
    status->setCurrentIndex(0);
    overdue->setChecked(true);
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(model->summaryAt(r)->overdue);

    w->filterBar()->clear();
    QCOMPARE(model->totalCount(), m_caseIds.size());
}

void TestMainWindow::searchFindsChineseWord()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    w->setCurrentView(SavedView::Kind::AllVisible);
    int expected = 0;
    for (const QString &id : std::as_const(m_caseIds)) {
        const CaseRecord r = *m_context->store()->caseById(id);
        expected += (r.title + r.description + r.address).contains(QStringLiteral("井盖")) ? 1 : 0;
    }
    QVERIFY(expected > 0);
    QTest::keyClick(w.get(), Qt::Key_F, Qt::ControlModifier);
    QLineEdit *search = w->filterBar()->searchField();
    QTRY_VERIFY(search->hasFocus());
    // Chinese arrives from the input method as a committed string, as on an operator's desktop.
    QInputMethodEvent typed;
    typed.setCommitString(QStringLiteral("井盖"));
    QApplication::sendEvent(search, &typed);
    QCOMPARE(search->text(), QStringLiteral("井盖"));
    QTRY_COMPARE(w->caseModel()->totalCount(), expected);
    for (int r = 0; r < w->caseModel()->rowCount(); ++r)
        QVERIFY(w->caseModel()->summaryAt(r)->title.contains(QStringLiteral("井盖")));
    search->clear();
    QTRY_COMPARE(w->caseModel()->totalCount(), m_caseIds.size());
}

void TestMainWindow::myTodoCountsFollowTheWorkflow_data()
{
    QTest::addColumn<QString>("userId");
    QTest::newRow("dispatcher") << QStringLiteral("dispatcher");
    QTest::newRow("reviewer") << QStringLiteral("reviewer");
    QTest::newRow("street operator") << QStringLiteral("tuodong");
    QTest::newRow("department") << QStringLiteral("chengguan");
    QTest::newRow("supervisor") << QStringLiteral("supervisor");
}

void TestMainWindow::myTodoCountsFollowTheWorkflow()
{
    QFETCH(QString, userId);
    auto w = makeWindow(userId);
    QVERIFY(w);
    const int expected = expectedTodo(demo::user(userId));
    QCOMPARE(w->viewCount(SavedView::Kind::MyTodo), expected);
    if (userId != QLatin1String("supervisor"))
        QVERIFY2(expected > 0, "the demo data gives every acting role something to do");
    w->setCurrentView(SavedView::Kind::MyTodo);
    QCOMPARE(w->caseModel()->totalCount(), expected);
    auto *tabs = w->findChild<QTabBar *>(QStringLiteral("viewTabs"));
    QVERIFY(tabs->tabText(0).contains(QString::number(expected)));
    // Every listed case really waits for this user.
    const Workflow workflow;
    for (int r = 0; r < w->caseModel()->rowCount(); ++r) {
        const CaseRecord rec = *m_context->store()->caseById(w->caseModel()->caseIdAt(r));
        QVERIFY(!workflow.availableActions(rec, demo::user(userId)).isEmpty());
    }
}

void TestMainWindow::streetOperatorSeesOwnStreetOnly()
{
    auto w = makeWindow(QStringLiteral("tuodong"));
    QVERIFY(w);
    w->setCurrentView(SavedView::Kind::AllVisible);
    auto *street = w->filterBar()->findChild<QComboBox *>(QStringLiteral("streetFilter"));
    QVERIFY(!street->isVisible());
    QVERIFY(w->caseModel()->totalCount() > 0);
    QVERIFY(w->caseModel()->totalCount() < m_caseIds.size());
    for (int r = 0; r < w->caseModel()->rowCount(); ++r)
        QCOMPARE(w->caseModel()->summaryAt(r)->streetId, QStringLiteral("street.tuodong"));
}

void TestMainWindow::keyboardShortcutsExistAndTrigger()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    auto action = [&w](const char *name) { return w->findChild<QAction *>(QLatin1String(name)); };
    QCOMPARE(action("actionNewCase")->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(action("actionSearch")->shortcut(), QKeySequence(QKeySequence::Find));
    QCOMPARE(action("actionSync")->shortcut(), QKeySequence(Qt::Key_F5));
    QVERIFY(action("actionNextCase")->shortcuts().contains(QKeySequence(Qt::ALT | Qt::Key_Down)));
    QVERIFY(action("actionPreviousCase")->shortcuts().contains(QKeySequence(Qt::ALT | Qt::Key_Up)));
    QVERIFY(action("actionNextCase")->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_PageDown)));

    // Ctrl+N opens the registration form (closed again by the test).
    QSignalSpy newCase(action("actionNewCase"), &QAction::triggered);
    QTimer::singleShot(0, this, [] {
        if (QWidget *modal = QApplication::activeModalWidget())
            modal->close();
    });
    w->caseView()->setFocus();
    QTest::keyClick(w.get(), Qt::Key_N, Qt::ControlModifier);
    QCOMPARE(newCase.count(), 1);
    // Shortcuts act in the active window: make it active again after the form closed.
    QApplication::setActiveWindow(w.get());
    QVERIFY(QTest::qWaitForWindowActive(w.get()));

    QSignalSpy views(action("actionView3"), &QAction::triggered);
    QTest::keyClick(w.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(views.count(), 1);
    QCOMPARE(w->currentView(), SavedView::Kind::Overdue);

    QSignalSpy sync(action("actionSync"), &QAction::triggered);
    QTest::keyClick(w.get(), Qt::Key_F5);
    QCOMPARE(sync.count(), 1);
}

void TestMainWindow::nextAndPreviousCase()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    w->setCurrentView(SavedView::Kind::AllVisible);
    w->caseView()->setFocus();
    w->selectCase(w->caseModel()->caseIdAt(0));
    QCOMPARE(w->caseView()->currentIndex().row(), 0);
    QTest::keyClick(w.get(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(w->caseView()->currentIndex().row(), 1);
    QTest::keyClick(w.get(), Qt::Key_Down, Qt::AltModifier);
    QTest::keyClick(w.get(), Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(w->caseView()->currentIndex().row(), 3);
    QCOMPARE(w->currentCaseId(), w->caseModel()->caseIdAt(3));
    QCOMPARE(w->selectedCaseIds(), QStringList{w->caseModel()->caseIdAt(3)});
    QTest::keyClick(w.get(), Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(w->caseView()->currentIndex().row(), 2);
    QTest::keyClick(w.get(), Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(w->caseView()->currentIndex().row(), 1);
}

void TestMainWindow::headerSortMapsToStore()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    w->setCurrentView(SavedView::Kind::AllVisible);
    QHeaderView *header = w->caseView()->horizontalHeader();
    const int x = header->sectionViewportPosition(CaseTableModel::Registered) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(CaseTableModel::Registered));
    const CaseFilter::Sort first = w->caseModel()->filter().sort;
    QVERIFY(first == CaseFilter::Sort::RegisteredAsc || first == CaseFilter::Sort::RegisteredDesc);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QVERIFY(w->caseModel()->filter().sort != first);
    // A column the store cannot sort by keeps the previous order.
    const CaseFilter::Sort before = w->caseModel()->filter().sort;
    const int titleX = header->sectionViewportPosition(CaseTableModel::Title) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(titleX, header->height() / 2));
    QCOMPARE(w->caseModel()->filter().sort, before);
    QCOMPARE(header->sortIndicatorSection(), int(CaseTableModel::Registered));
}

void TestMainWindow::layoutIsRemembered()
{
    QSize size;
    QList<int> splitterSizes;
    int titleVisualIndex = -1;
    {
        auto w = makeWindow(QStringLiteral("dispatcher"));
        QVERIFY(w);
        w->resize(1234, 777);
        auto *splitter = w->findChild<QSplitter *>(QStringLiteral("mainSplitter"));
        splitter->setSizes({700, 500});
        QHeaderView *header = w->caseView()->horizontalHeader();
        header->moveSection(header->visualIndex(CaseTableModel::Title), 0);
        header->resizeSection(CaseTableModel::Street, 155);
        w->setCurrentView(SavedView::Kind::Overdue);
        splitterSizes = splitter->sizes();
        titleVisualIndex = header->visualIndex(CaseTableModel::Title);
        size = w->size();
        w->close();  // saves the layout
    }
    QVERIFY(QSettings().contains(QStringLiteral("mainWindow/geometry")));
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    QCOMPARE(w->size(), size);
    QCOMPARE(w->findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), splitterSizes);
    QHeaderView *header = w->caseView()->horizontalHeader();
    QCOMPARE(header->visualIndex(CaseTableModel::Title), titleVisualIndex);
    QCOMPARE(header->sectionSize(CaseTableModel::Street), 155);
    QCOMPARE(w->currentView(), SavedView::Kind::Overdue);
}

void TestMainWindow::csvExportHasBomAndSelectedRows()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    w->setCurrentView(SavedView::Kind::AllVisible);
    QTableView *view = w->caseView();
    view->selectionModel()->select(w->caseModel()->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(w->caseModel()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(w->caseModel()->index(4, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(w->selectedCaseIds().size(), 3);
    const QString path = m_dataDir.filePath(QStringLiteral("selected.csv"));
    const Result r = w->exportCsv(path, true);
    QVERIFY2(r.ok, qPrintable(r.message));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);  // header + 3 rows
    QVERIFY(lines.at(1).contains(w->caseModel()->summaryAt(0)->number));
    QVERIFY(lines.at(1).contains(w->caseModel()->summaryAt(0)->title));
    QVERIFY(lines.at(3).contains(w->caseModel()->summaryAt(4)->number));

    // Nothing (or one row) selected: the whole filtered list.
    view->clearSelection();
    const QString all = m_dataDir.filePath(QStringLiteral("all.csv"));
    QVERIFY(w->exportCsv(all, false).ok);
    QFile allFile(all);
    QVERIFY(allFile.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(allFile.readAll().mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts).size(),
             m_caseIds.size() + 1);
}

void TestMainWindow::conflictInboxDiscardsWithAudit()
{
    CaseStore *store = m_context->store();
    // An offline comment the "server" refuses: the store keeps it in the conflict inbox.
    const User dispatcher = demo::user(QStringLiteral("dispatcher"));
    const QString caseId = m_caseIds.first();
    CaseEvent comment = EventBuilder(dispatcher, store->deviceId())
                            .make(EventType::Commented, caseId, {{"text", QStringLiteral("请尽快处理")}});
    QVERIFY(store->append(comment).ok);
    QVERIFY(store->journal().rejectOutboxEvent(comment.id, QStringLiteral("invalid_state"), QStringLiteral("案件已结案")).ok);

    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    QCOMPARE(w->syncStatus()->conflictCount(), 1);
    auto *button = w->syncStatus()->findChild<QToolButton *>(QStringLiteral("conflictButton"));
    QVERIFY(button && button->isVisible());

    ConflictInboxDialog dialog(store, dispatcher, w.get());
    QCOMPARE(dialog.itemCount(), 1);
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("conflictTable"));
    QVERIFY(table->item(0, 3)->text().contains(QStringLiteral("案件已结案")));
    const int eventsBefore = int(store->eventsOf(caseId).size());
    QVERIFY(dialog.discard(0, false));
    QCOMPARE(dialog.itemCount(), 0);
    QCOMPARE(store->journal().openConflictCount(), 0);
    QVERIFY(store->eventsOf(caseId).size() > eventsBefore);  // the discard is in the audit trail
    w->syncStatus()->refreshCounts();
    QCOMPARE(w->syncStatus()->conflictCount(), 0);
}

void TestMainWindow::languageSwitchIsKept()
{
    LanguageManager languages;
    languages.applySaved();
    QCOMPARE(languages.language(), QStringLiteral("zh_CN"));
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("en"));
    QVERIFY(!languages.setLanguage(QStringLiteral("xx")));
    LanguageManager again;
    again.applySaved();
    QCOMPARE(again.language(), QStringLiteral("en"));
    // The window offers the switch in its menu.
    m_context->setCurrentUser(demo::user(QStringLiteral("dispatcher")));
    MainWindow w(m_context.get(), &again);
    auto *zh = w.findChild<QAction *>(QStringLiteral("actionLanguage_zh_CN"));
    QVERIFY(zh && zh->isEnabled());
    zh->trigger();
    QCOMPARE(again.language(), QStringLiteral("zh_CN"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

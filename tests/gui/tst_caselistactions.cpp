// Every action reachable from the case list: bulk review and bulk whistle over the multi-selection (through
// their real dialogs), and the per-row context menu offering exactly what gw::Workflow permits, opening the
// detail pane's own forms. Ends with a zh_CN screenshot of the context menu over the main window
// (${GW_BINARY_DIR}/screenshots/context_menu_zh_CN.png).
#include "applicationcontext.h"
#include "caseactiondialog.h"
#include "casedetailwidget.h"
#include "caselistactions.h"
#include "casestore.h"
#include "casetablemodel.h"
#include "eventbuilder.h"
#include "guidemodata.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "workflow.h"
#include "../support/settledoutbox.h"
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QTranslator>
#include <QtTest>

using namespace gw;

namespace {

// Answers modal dialogs as they come up (bulk dialogs and their reports run nested event loops).
class ModalDriver : public QObject
{
public:
    explicit ModalDriver(std::function<void(QWidget *)> handle) : m_handle(std::move(handle))
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || modal == m_last)
                return;
            m_last = modal;
            seen.append(modal->objectName().isEmpty() ? QString::fromLatin1(modal->metaObject()->className())
                                                      : modal->objectName());
            m_handle(modal);
        });
        m_timer.start();
    }
    QStringList seen;

private:
    std::function<void(QWidget *)> m_handle;
    QPointer<QWidget> m_last;
    QTimer m_timer;
};

void clickOk(QWidget *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(box && box->button(QDialogButtonBox::Ok));
    box->button(QDialogButtonBox::Ok)->click();
}

// Strings this package adds, until the lead engineer merges them into translations/gridwhistle_zh_CN.ts: the
// screenshot shows what a Chinese operator will see. Consulted only where the real translator has nothing.
class PendingZh : public QTranslator
{
public:
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        if (qstrcmp(context, "gw::CaseListActions") != 0)
            return {};
        static const QHash<QString, QString> zh{
            {QStringLiteral("&Case"), QStringLiteral("哨件(&C)")},
            {QStringLiteral("Bulk &review…"), QStringLiteral("批量审核(&R)…")},
            {QStringLiteral("Bulk &whistle…"), QStringLiteral("批量发起吹哨(&W)…")},
            {QStringLiteral("Approve, return or reject every selected case at once (审核)"),
             QStringLiteral("对所选哨件一并审核：通过、退回重新研判或不予通过")},
            {QStringLiteral("Whistle every selected case to the same departments (发起吹哨)"),
             QStringLiteral("将所选哨件一并吹哨给相同的部门")},
            {QStringLiteral("Choose a case in the list first."), QStringLiteral("请先在列表中选择哨件。")},
            {QStringLiteral("Bulk &review %n selected case(s)…"), QStringLiteral("批量审核（所选 %n 件）(&R)…")},
            {QStringLiteral("Bulk &whistle %n selected case(s)…"), QStringLiteral("批量发起吹哨（所选 %n 件）(&W)…")},
        };
        return zh.value(QString::fromUtf8(source));  // %n is filled in by QCoreApplication::translate
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestCaseListActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init() { QSettings().clear(); }
    void bulkReviewApprovesSelected();
    void bulkWhistleSummonsDepartment();
    void bulkEntriesFollowTheRole();
    void cancelledBulkKeepsSelection();
    void contextMenuOffersPermittedActions_data();
    void contextMenuOffersPermittedActions();
    void contextMenuOnSelectionKeepsIt();
    void contextMenuExportsSelectedRows();
    void screenshotZh();

private:
    std::unique_ptr<MainWindow> makeWindow(const QString &userId);
    QStringList casesIn(MainWindow *w, CaseStatus status, int count);
    void select(MainWindow *w, const QStringList &ids);
    QMenu *rightClick(MainWindow *w, const QString &caseId);
    CaseStatus status(const QString &id) { return m_context->store()->caseById(id)->status; }

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    std::unique_ptr<ApplicationContext> m_context;
    QStringList m_caseIds;
};

void TestCaseListActions::initTestCase()
{
    QVERIFY(m_settingsDir.isValid() && m_dataDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_caselistactions"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    m_context = std::make_unique<ApplicationContext>();
    const Result opened = m_context->open(m_dataDir.path());
    QVERIFY2(opened.ok, qPrintable(opened.message));
    const Result populated = demo::populate(m_context->store(), 72, 5, &m_caseIds);
    QVERIFY2(populated.ok, qPrintable(populated.message));
}

std::unique_ptr<MainWindow> TestCaseListActions::makeWindow(const QString &userId)
{
    // The previous person's actions went to the server from their own desktop before this one signs in.
    if (!gw::test::settleOutbox(*m_context->store()).ok)
        return nullptr;
    m_context->setCurrentUser(demo::user(userId));
    auto window = std::make_unique<MainWindow>(m_context.get());
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    window->setCurrentView(SavedView::Kind::AllVisible);
    while (window->caseModel()->canFetchMore({}))
        window->caseModel()->fetchMore({});
    return window;
}

// Listed cases in `status` that the window's user may see.
QStringList TestCaseListActions::casesIn(MainWindow *w, CaseStatus status, int count)
{
    QStringList ids;
    for (int r = 0; r < w->caseModel()->rowCount() && ids.size() < count; ++r) {
        const QString id = w->caseModel()->caseIdAt(r);
        if (this->status(id) == status && !m_context->store()->caseById(id)->onHold)
            ids.append(id);
    }
    return ids;
}

void TestCaseListActions::select(MainWindow *w, const QStringList &ids)
{
    QItemSelectionModel *selection = w->caseView()->selectionModel();
    selection->clearSelection();
    for (const QString &id : ids) {
        const QModelIndex index = w->caseModel()->index(w->caseModel()->rowOfCase(id), 0);
        QVERIFY(index.isValid());
        selection->setCurrentIndex(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCOMPARE(w->selectedCaseIds().size(), ids.size());
}

// A right click as on a desktop: the press (the view updates the selection), then the context menu event.
QMenu *TestCaseListActions::rightClick(MainWindow *w, const QString &caseId)
{
    QTableView *table = w->caseView();
    const QModelIndex index = w->caseModel()->index(w->caseModel()->rowOfCase(caseId), 1);
    if (!index.isValid())
        return nullptr;
    table->scrollTo(index);
    const QPoint pos = table->visualRect(index).center();
    QTest::mousePress(table->viewport(), Qt::RightButton, Qt::NoModifier, pos);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, table->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(table->viewport(), &event);
    QTest::mouseRelease(table->viewport(), Qt::RightButton, Qt::NoModifier, pos);
    QMenu *menu = w->caseListActions()->contextMenu();
    if (!menu->isVisible() || !QTest::qWaitForWindowExposed(menu))
        return nullptr;
    return menu;
}

void TestCaseListActions::bulkReviewApprovesSelected()
{
    auto w = makeWindow(QStringLiteral("reviewer"));
    QVERIFY(w);
    const QStringList ids = casesIn(w.get(), CaseStatus::Analyzed, 3);
    QCOMPARE(ids.size(), 3);
    select(w.get(), ids);

    // Reached from the menu bar's Case menu.
    CaseListActions *actions = w->caseListActions();
    QMenu *caseMenu = actions->menu();
    QVERIFY(w->menuBar()->actions().contains(caseMenu->menuAction()));
    caseMenu->popup(w->mapToGlobal(QPoint(40, 40)));
    QVERIFY(QTest::qWaitForWindowExposed(caseMenu));
    QVERIFY(caseMenu->actions().contains(actions->bulkReviewAction()));
    QVERIFY(actions->bulkReviewAction()->isEnabled());
    QVERIFY(!actions->bulkWhistleAction()->isEnabled());  // a reviewer does not whistle
    caseMenu->hide();

    QString report;
    QMessageBox::Icon reportIcon = QMessageBox::NoIcon;
    ModalDriver driver([&](QWidget *modal) {
        if (modal->objectName() == QLatin1String("bulkReviewDialog")) {
            auto *approve = modal->findChild<QRadioButton *>(QStringLiteral("choice_approve"));
            QVERIFY(approve);
            approve->click();
            clickOk(modal);
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            report = box->text();
            reportIcon = box->icon();
            box->button(QMessageBox::Ok)->click();
        }
    });
    actions->bulkReviewAction()->trigger();
    QCOMPARE(driver.seen, (QStringList{"bulkReviewDialog", "bulkReportBox"}));
    QCOMPARE(reportIcon, QMessageBox::Information);
    QVERIFY2(report.contains(QLatin1String("3 of 3")), qPrintable(report));
    for (const QString &id : ids) {
        QCOMPARE(status(id), CaseStatus::Approved);
        // The list shows it.
        const int row = w->caseModel()->rowOfCase(id);
        QVERIFY(row >= 0);
        QTRY_COMPARE(w->caseModel()->index(row, 0).data(CaseTableModel::StatusRole).toString(),
                     QStringLiteral("approved"));
    }
}

void TestCaseListActions::bulkWhistleSummonsDepartment()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    QStringList ids;
    for (const QString &id : casesIn(w.get(), CaseStatus::Approved, 10))
        if (!m_context->store()->caseById(id)->leadAssignment() && ids.size() < 2)
            ids.append(id);
    QCOMPARE(ids.size(), 2);
    select(w.get(), ids);
    CaseListActions *actions = w->caseListActions();
    actions->updateBulkActions();
    QVERIFY(actions->bulkWhistleAction()->isEnabled());
    QVERIFY(!actions->bulkReviewAction()->isEnabled());

    ModalDriver driver([](QWidget *modal) {
        if (modal->objectName() == QLatin1String("bulkWhistleDialog")) {
            auto *lead = modal->findChild<QComboBox *>(QStringLiteral("leadCombo"));
            QVERIFY(lead);
            lead->setCurrentIndex(lead->findData(QStringLiteral("dept.chengguan")));
            QCOMPARE(lead->currentData().toString(), QStringLiteral("dept.chengguan"));
            auto *assist = modal->findChild<QListWidget *>(QStringLiteral("assistList"));
            for (int i = 0; i < assist->count(); ++i)
                if (assist->item(i)->data(Qt::UserRole).toString() == QLatin1String("dept.zhujian"))
                    assist->item(i)->setCheckState(Qt::Checked);
            clickOk(modal);
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            box->button(QMessageBox::Ok)->click();
        }
    });
    actions->bulkWhistleAction()->trigger();
    QCOMPARE(driver.seen, (QStringList{"bulkWhistleDialog", "bulkReportBox"}));
    for (const QString &id : ids) {
        const CaseRecord c = *m_context->store()->caseById(id);
        QCOMPARE(c.status, CaseStatus::Whistled);
        QVERIFY(c.assignment(QStringLiteral("dept.chengguan")) && c.assignment(QStringLiteral("dept.chengguan"))->lead);
        QVERIFY(c.assignment(QStringLiteral("dept.zhujian")) && !c.assignment(QStringLiteral("dept.zhujian"))->lead);
        QTRY_COMPARE(w->caseModel()->index(w->caseModel()->rowOfCase(id), 0).data(CaseTableModel::StatusRole).toString(),
                     QStringLiteral("whistled"));
    }
}

void TestCaseListActions::bulkEntriesFollowTheRole()
{
    // Nothing selected: nothing to act on, for anyone.
    {
        auto w = makeWindow(QStringLiteral("reviewer"));
        QVERIFY(w);
        w->caseView()->selectionModel()->clearSelection();
        w->caseListActions()->updateBulkActions();
        QVERIFY(!w->caseListActions()->bulkReviewAction()->isEnabled());
        QVERIFY(!w->caseListActions()->bulkWhistleAction()->isEnabled());
    }
    // A street operator may whistle its street's approved cases but never review; the context menu says so.
    {
        // The demo data has few of its cases in these states: take two of its registered ones there.
        const User tuodong = demo::user(QStringLiteral("tuodong"));
        QStringList registered;
        for (const QString &id : std::as_const(m_caseIds)) {
            const CaseRecord c = *m_context->store()->caseById(id);
            if (c.status == CaseStatus::Registered && c.streetId == tuodong.orgUnitId && registered.size() < 2)
                registered.append(id);
        }
        QCOMPARE(registered.size(), 2);
        CaseStore *store = m_context->store();
        for (const QString &id : std::as_const(registered)) {
            CaseEvent analyze = EventBuilder(tuodong, store->deviceId())
                                    .make(EventType::Analyzed, id, {{"decision", "whistle"}});
            QVERIFY(gw::test::appendAsAuthor(*store, analyze).ok);
        }
        CaseEvent approve = EventBuilder(demo::user(QStringLiteral("reviewer")), store->deviceId())
                                .make(EventType::Reviewed, registered.at(1), {{"decision", "approve"}});
        QVERIFY(gw::test::appendAsAuthor(*store, approve).ok);
        auto w = makeWindow(QStringLiteral("tuodong"));
        QVERIFY(w);
        const QStringList analyzed{registered.at(0)};
        const QStringList approved{registered.at(1)};
        QCOMPARE(status(analyzed.first()), CaseStatus::Analyzed);
        QCOMPARE(status(approved.first()), CaseStatus::Approved);
        QVERIFY(!analyzed.isEmpty() && !approved.isEmpty());
        select(w.get(), analyzed + approved);
        QMenu *menu = rightClick(w.get(), analyzed.first());
        QVERIFY(menu);
        CaseListActions *actions = w->caseListActions();
        QVERIFY(menu->actions().contains(actions->bulkReviewAction()));
        QVERIFY(!actions->bulkReviewAction()->isEnabled());
        QVERIFY(actions->bulkWhistleAction()->isEnabled());
        menu->close();
    }
    // A supervisor reads and assesses: both disabled whatever is selected.
    {
        auto w = makeWindow(QStringLiteral("supervisor"));
        QVERIFY(w);
        select(w.get(), casesIn(w.get(), CaseStatus::Analyzed, 2) + casesIn(w.get(), CaseStatus::Approved, 2));
        w->caseListActions()->updateBulkActions();
        QVERIFY(!w->caseListActions()->bulkReviewAction()->isEnabled());
        QVERIFY(!w->caseListActions()->bulkWhistleAction()->isEnabled());
    }
}

void TestCaseListActions::cancelledBulkKeepsSelection()
{
    auto w = makeWindow(QStringLiteral("reviewer"));
    QVERIFY(w);
    const QStringList ids = casesIn(w.get(), CaseStatus::Analyzed, 2);
    QCOMPARE(ids.size(), 2);
    select(w.get(), ids);
    w->caseListActions()->updateBulkActions();
    ModalDriver driver([](QWidget *modal) {
        if (auto *dialog = qobject_cast<QDialog *>(modal))
            dialog->reject();
    });
    w->caseListActions()->bulkReviewAction()->trigger();
    QCOMPARE(driver.seen, QStringList{"bulkReviewDialog"});
    QCOMPARE(status(ids.at(0)), CaseStatus::Analyzed);
    QCOMPARE(w->selectedCaseIds().size(), 2);
}

void TestCaseListActions::contextMenuOffersPermittedActions_data()
{
    QTest::addColumn<QString>("userId");
    for (const char *id : {"dispatcher", "reviewer", "tuodong", "chengguan", "supervisor"})
        QTest::newRow(id) << QString::fromLatin1(id);
}

void TestCaseListActions::contextMenuOffersPermittedActions()
{
    QFETCH(QString, userId);
    auto w = makeWindow(userId);
    QVERIFY(w);
    const User user = demo::user(userId);
    const Workflow workflow;
    auto *detail = qobject_cast<CaseDetailWidget *>(w->detailPane());
    QVERIFY(detail);

    // One listed case in each state this user sees.
    QMap<CaseStatus, QString> byStatus;
    for (int r = 0; r < w->caseModel()->rowCount(); ++r) {
        const QString id = w->caseModel()->caseIdAt(r);
        if (!byStatus.contains(status(id)))
            byStatus.insert(status(id), id);
    }
    QVERIFY(byStatus.size() >= 3);
    int opened = 0;
    for (const QString &id : std::as_const(byStatus)) {
        const CaseRecord record = *m_context->store()->caseById(id);
        QList<EventType> expected;
        for (EventType t : allEventTypes())
            if (t != EventType::Registered && t != EventType::Numbered && workflow.permits(&record, user, t).ok)
                expected.append(t);

        QMenu *menu = rightClick(w.get(), id);
        QVERIFY(menu);
        QCOMPARE(w->selectedCaseIds(), QStringList{id});
        QCOMPARE(detail->caseId(), id);
        QList<EventType> offered;
        QList<QAction *> entries;
        for (QAction *a : menu->actions()) {
            if (a->objectName().startsWith(QLatin1String("caseAction_"))) {
                QVERIFY(a->isEnabled());
                offered.append(EventType(a->data().toInt()));
                entries.append(a);
                // The same words as the detail pane's button.
                QCOMPARE(a->text(), detail->actionButton(offered.last())->text());
            }
        }
        QCOMPARE(offered, detail->shownActions());  // the pane's list, in its order
        std::sort(offered.begin(), offered.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(offered, expected);
        if (expected.isEmpty())
            QVERIFY(menu->findChild<QAction *>(QStringLiteral("caseMenuNothing")));
        // One row: no bulk entries; export of the row is always there.
        QVERIFY(!menu->actions().contains(w->caseListActions()->bulkReviewAction()));
        QVERIFY(menu->findChild<QAction *>(QStringLiteral("caseActionExportSelected")));

        // Choosing an entry opens the pane's form for that action and case (the first non-comment one, so
        // each state exercises a different form).
        QAction *pick = nullptr;
        for (QAction *a : std::as_const(entries))
            if (!pick || (EventType(pick->data().toInt()) == EventType::Commented))
                pick = a;
        if (!pick) {
            menu->close();
            continue;
        }
        const EventType type = EventType(pick->data().toInt());
        QTest::mouseClick(menu, Qt::LeftButton, Qt::NoModifier, menu->actionGeometry(pick).center());
        QTRY_VERIFY(detail->activeDialog());
        QPointer<CaseActionDialog> dialog = detail->activeDialog();
        QCOMPARE(dialog->actionType(), type);
        QCOMPARE(dialog->caseId(), id);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->windowTitle().contains(record.number));
        dialog->reject();
        QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());
        QVERIFY(!w->caseListActions()->contextMenu()->isVisible());
        ++opened;
    }
    if (userId != QLatin1String("supervisor"))
        QVERIFY(opened >= 2);
}

void TestCaseListActions::contextMenuOnSelectionKeepsIt()
{
    auto w = makeWindow(QStringLiteral("reviewer"));
    QVERIFY(w);
    const QStringList ids = casesIn(w.get(), CaseStatus::Analyzed, 2) + casesIn(w.get(), CaseStatus::Approved, 1);
    QCOMPARE(ids.size(), 3);
    select(w.get(), ids);
    auto *detail = qobject_cast<CaseDetailWidget *>(w->detailPane());

    // Inside the selection: kept, the clicked row becomes the one the per-case entries act on.
    QMenu *menu = rightClick(w.get(), ids.at(1));
    QVERIFY(menu);
    QCOMPARE(w->selectedCaseIds().size(), 3);
    QCOMPARE(detail->caseId(), ids.at(1));
    QCOMPARE(w->currentCaseId(), ids.at(1));
    CaseListActions *actions = w->caseListActions();
    QVERIFY(menu->actions().contains(actions->bulkReviewAction()));
    QVERIFY(menu->actions().contains(actions->bulkWhistleAction()));
    QVERIFY(actions->bulkReviewAction()->isEnabled());
    QVERIFY(!actions->bulkWhistleAction()->isEnabled());
    QVERIFY(menu->findChild<QAction *>(QStringLiteral("caseAction_case.reviewed")));
    auto *header = menu->findChild<QAction *>(QStringLiteral("caseMenuHeader"));
    QVERIFY(header && !header->isEnabled());
    QVERIFY(header->text().contains(m_context->store()->caseById(ids.at(1))->number));
    menu->close();

    // Outside it: that row alone.
    QString other;
    for (int r = 0; r < w->caseModel()->rowCount() && other.isEmpty(); ++r)
        if (!ids.contains(w->caseModel()->caseIdAt(r)))
            other = w->caseModel()->caseIdAt(r);
    menu = rightClick(w.get(), other);
    QVERIFY(menu);
    QCOMPARE(w->selectedCaseIds(), QStringList{other});
    QCOMPARE(detail->caseId(), other);
    QVERIFY(!menu->actions().contains(actions->bulkReviewAction()));
    menu->close();
}

void TestCaseListActions::contextMenuExportsSelectedRows()
{
    auto w = makeWindow(QStringLiteral("dispatcher"));
    QVERIFY(w);
    QTemporaryDir out;
    for (int rows : {1, 2}) {
        QStringList ids;
        for (int r = 0; r < rows; ++r)
            ids.append(w->caseModel()->caseIdAt(r + 3));
        select(w.get(), ids);
        QMenu *menu = rightClick(w.get(), ids.first());
        QVERIFY(menu);
        QAction *exportSelected = menu->findChild<QAction *>(QStringLiteral("caseActionExportSelected"));
        QVERIFY(exportSelected);
        const QString path = out.filePath(QStringLiteral("selected%1.csv").arg(rows));
        ModalDriver driver([&](QWidget *modal) {
            if (auto *files = qobject_cast<QFileDialog *>(modal)) {
                // Typed into the name field (selectFile() leaves a focused field alone).
                auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
                QVERIFY(name);
                name->setText(path);
                QMetaObject::invokeMethod(files, "accept");
            }
        });
        QTest::mouseClick(menu, Qt::LeftButton, Qt::NoModifier, menu->actionGeometry(exportSelected).center());
        QTRY_VERIFY2(QFile::exists(path), qPrintable(driver.seen.join(QLatin1Char(','))));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + rows);  // header and the selected rows only, even when one is selected
        for (int r = 0; r < rows; ++r)
            QVERIFY(lines.at(1 + r).contains(m_context->store()->caseById(ids.at(r))->number));
    }
}

void TestCaseListActions::screenshotZh()
{
    PendingZh pending;
    QCoreApplication::installTranslator(&pending);  // before the real one, which is consulted first
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));

    m_context->setCurrentUser(demo::user(QStringLiteral("reviewer")));
    MainWindow w(m_context.get(), &languages);
    w.resize(1600, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setCurrentView(SavedView::Kind::AllVisible);
    while (w.caseModel()->canFetchMore({}))
        w.caseModel()->fetchMore({});
    QStringList ids = casesIn(&w, CaseStatus::Analyzed, 3);
    QVERIFY(ids.size() >= 2);
    select(&w, ids);
    // The row mid-window: the offscreen screen is smaller than the window and would push the menu up.
    w.caseView()->scrollTo(w.caseModel()->index(w.caseModel()->rowOfCase(ids.at(1)), 1),
                           QAbstractItemView::PositionAtCenter);
    QMenu *menu = rightClick(&w, ids.at(1));
    QVERIFY(menu);
    QVERIFY(menu->actions().contains(w.caseListActions()->bulkReviewAction()));
    QCOMPARE(w.caseListActions()->bulkReviewAction()->text(), QStringLiteral("批量审核（所选 %1 件）(&R)…").arg(ids.size()));
    QTest::qWait(50);

    const QString dir = QDir(qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath())).filePath(QStringLiteral("screenshots"));
    QVERIFY(QDir().mkpath(dir));
    // A popup is a window of its own: paint it over the main window where it stands.
    auto save = [&](QMenu *popup, const QString &name) {
        QImage image = w.grab().toImage();
        QPainter painter(&image);
        painter.drawImage(w.mapFromGlobal(popup->pos()), popup->grab().toImage());
        painter.end();
        const QString path = QDir(dir).filePath(name);
        QVERIFY(image.save(path));
        qInfo("saved %s", qPrintable(path));
    };
    save(menu, QStringLiteral("context_menu_zh_CN.png"));
    menu->close();

    // The menu bar's 哨件 menu, for the same selection.
    QMenu *caseMenu = w.caseListActions()->menu();
    const QRect entry = w.menuBar()->actionGeometry(caseMenu->menuAction());
    caseMenu->popup(w.menuBar()->mapToGlobal(entry.bottomLeft()));
    QVERIFY(QTest::qWaitForWindowExposed(caseMenu));
    QTest::qWait(50);
    save(caseMenu, QStringLiteral("case_menu_zh_CN.png"));
    caseMenu->close();
    QCoreApplication::removeTranslator(&pending);
}

QTEST_MAIN(TestCaseListActions)
#include "tst_caselistactions.moc"

// The lazy case list model over a real store: paging, sorting and filtering go to the store; overdue rows
// are marked.
#include "casestore.h"
#include "casetablemodel.h"
#include "guidemodata.h"
#include <QApplication>
#include <QIcon>
#include <QSet>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestCaseTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstPageOnlyAfterReset();
    void fetchMoreLoadsPagesUntilEverything();
    void viewFetchesLazily();
    void sortMapsToStore();
    void unsupportedSortIsRefused();
    void filterMapsToStore();
    void overdueRowsAreMarked();
    void matchesNothingShowsNothing();
    void refreshKeepsLoadedRows();

private:
    QTemporaryDir m_dir;
    CaseStore m_store;
    static constexpr int BulkCases = 10000;
    static constexpr int WorkflowCases = 45;
};

void TestCaseTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Result opened = m_store.open(m_dir.filePath(QStringLiteral("client.sqlite")));
    QVERIFY2(opened.ok, qPrintable(opened.message));
    const Result bulk = demo::bulkRegister(&m_store, BulkCases);
    QVERIFY2(bulk.ok, qPrintable(bulk.message));
    const Result walked = demo::populate(&m_store, WorkflowCases);
    QVERIFY2(walked.ok, qPrintable(walked.message));
    QCOMPARE(m_store.countCases(CaseFilter()), BulkCases + WorkflowCases);
}

void TestCaseTableModel::firstPageOnlyAfterReset()
{
    CaseTableModel model(&m_store);
    QSignalSpy total(&model, &CaseTableModel::totalCountChanged);
    model.setFilter(CaseFilter());
    QCOMPARE(model.totalCount(), BulkCases + WorkflowCases);
    QCOMPARE(model.rowCount(), model.pageSize());
    QCOMPARE(model.loadedCount(), model.pageSize());
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(total.count(), 1);
    QCOMPARE(total.first().first().toInt(), BulkCases + WorkflowCases);
}

void TestCaseTableModel::fetchMoreLoadsPagesUntilEverything()
{
    CaseTableModel model(&m_store);
    model.setPageSize(1000);
    model.setFilter(CaseFilter());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2000);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 1000);  // first new row
    QCOMPARE(inserted.first().at(2).toInt(), 1999);  // last new row
    int rounds = 0;
    while (model.canFetchMore({}) && rounds++ < 100)
        model.fetchMore({});
    QCOMPARE(model.rowCount(), BulkCases + WorkflowCases);
    QVERIFY(!model.canFetchMore({}));
    // Pages join without gaps or repeats.
    QSet<QString> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.insert(model.caseIdAt(r));
    QCOMPARE(ids.size(), BulkCases + WorkflowCases);
}

void TestCaseTableModel::viewFetchesLazily()
{
    CaseTableModel model(&m_store);
    model.setFilter(CaseFilter());
    QTableView view;
    view.setModel(&model);
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    const int shown = model.rowCount();
    QVERIFY2(shown < 5 * model.pageSize(), qPrintable(QString::number(shown)));
    // Scrolling to the end asks for the next page, not for everything.
    view.scrollToBottom();
    QTRY_VERIFY(model.rowCount() > shown);
    QVERIFY(model.rowCount() < model.totalCount());
}

void TestCaseTableModel::sortMapsToStore()
{
    CaseTableModel model(&m_store);
    model.setFilter(CaseFilter());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(CaseTableModel::Registered, Qt::AscendingOrder);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.filter().sort, CaseFilter::Sort::RegisteredAsc);
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.summaryAt(r - 1)->registeredAt <= model.summaryAt(r)->registeredAt);
    // The same rows the store gives for that sort.
    CaseFilter f;
    f.sort = CaseFilter::Sort::RegisteredAsc;
    const QList<CaseSummary> expected = m_store.listCases(f, 0, model.pageSize());
    for (int r = 0; r < expected.size(); ++r)
        QCOMPARE(model.caseIdAt(r), expected.at(r).id);

    model.sort(CaseTableModel::Registered, Qt::DescendingOrder);
    QCOMPARE(model.filter().sort, CaseFilter::Sort::RegisteredDesc);
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.summaryAt(r - 1)->registeredAt >= model.summaryAt(r)->registeredAt);

    model.sort(CaseTableModel::NextDue, Qt::AscendingOrder);
    QCOMPARE(model.filter().sort, CaseFilter::Sort::DueAsc);
    model.sort(CaseTableModel::Number, Qt::AscendingOrder);
    QCOMPARE(model.filter().sort, CaseFilter::Sort::NumberAsc);
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.summaryAt(r - 1)->number <= model.summaryAt(r)->number);
}

void TestCaseTableModel::unsupportedSortIsRefused()
{
    QVERIFY(!CaseTableModel::sortFor(CaseTableModel::Title, Qt::AscendingOrder));
    QVERIFY(!CaseTableModel::sortFor(CaseTableModel::Number, Qt::DescendingOrder));
    QCOMPARE(*CaseTableModel::sortFor(-1, Qt::AscendingOrder), CaseFilter::Sort::UpdatedDesc);
    CaseTableModel model(&m_store);
    model.setFilter(CaseFilter());
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(CaseTableModel::Title, Qt::AscendingOrder);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.filter().sort, CaseFilter::Sort::UpdatedDesc);
}

void TestCaseTableModel::filterMapsToStore()
{
    CaseTableModel model(&m_store);
    CaseFilter f;
    f.streetId = QStringLiteral("street.tuodong");
    f.categoryId = QStringLiteral("water");
    model.setFilter(f);
    QVERIFY(model.totalCount() > 0);
    QVERIFY(model.totalCount() < BulkCases);
    QCOMPARE(model.totalCount(), m_store.countCases(f));
    for (int r = 0; r < model.rowCount(); ++r) {
        QCOMPARE(model.summaryAt(r)->streetId, QStringLiteral("street.tuodong"));
        QCOMPARE(model.summaryAt(r)->categoryId, QStringLiteral("water"));
    }
    CaseFilter handling;
    handling.statuses = {CaseStatus::Handling};
    model.setFilter(handling);
    QCOMPARE(model.totalCount(), m_store.countCases(handling));
    QVERIFY(model.totalCount() >= WorkflowCases / demo::StageCount);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, 0).data(CaseTableModel::StatusRole).toString(), QStringLiteral("handling"));
}

void TestCaseTableModel::overdueRowsAreMarked()
{
    CaseTableModel model(&m_store);
    CaseFilter overdue;
    overdue.overdueOnly = true;
    model.setFilter(overdue);
    QVERIFY2(model.totalCount() > 0, "the demo data has cases past their deadlines");
    for (int r = 0; r < model.rowCount(); ++r) {
        QVERIFY(model.index(r, 0).data(CaseTableModel::OverdueRole).toBool());
        QVERIFY(model.index(r, CaseTableModel::Title).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.index(r, CaseTableModel::Number).data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(model.index(r, CaseTableModel::Title).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Overdue")));
    }
    // Cases that were only registered have no deadline running: never marked.
    CaseFilter registered;
    registered.statuses = {CaseStatus::Registered};
    model.setFilter(registered);
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); ++r) {
        QVERIFY(!model.index(r, 0).data(CaseTableModel::OverdueRole).toBool());
        QVERIFY(!model.index(r, CaseTableModel::Title).data(Qt::BackgroundRole).isValid());
    }
}

void TestCaseTableModel::matchesNothingShowsNothing()
{
    CaseTableModel model(&m_store);
    model.setFilter(CaseFilter());
    QVERIFY(model.rowCount() > 0);
    model.setMatchesNothing(true);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setMatchesNothing(false);
    QCOMPARE(model.rowCount(), model.pageSize());
}

void TestCaseTableModel::refreshKeepsLoadedRows()
{
    CaseTableModel model(&m_store);
    model.setFilter(CaseFilter());
    model.fetchMore({});
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 3 * model.pageSize());
    model.refresh();
    QCOMPARE(model.rowCount(), 3 * model.pageSize());
}

QTEST_MAIN(TestCaseTableModel)
#include "tst_casetablemodel.moc"

// The lazy case list model over a real store: paging, sorting and filtering go to the store; overdue rows
// are marked. Keyset pages and jumps give the same rows as OFFSET pages; a big count arrives in the background.
#include "caselistreader.h"
#include "casestore.h"
#include "casetablemodel.h"
#include "guidemodata.h"
#include "stepclock.h"
#include <QApplication>
#include <QIcon>
#include <QRandomGenerator>
#include <QSqlQuery>
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
    void countArrivesInBackground();
    void fetchMoreLoadsPagesUntilEverything();
    void viewFetchesLazily();
    void keysetPagesEqualOffsetPages_data();
    void keysetPagesEqualOffsetPages();
    void jumpToAnyRow();
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
    // Many rows share a sort key in real stores (imports, batch actions): round the list's time columns to
    // the day so many cases share each value and paging must rely on the id tie-breaker.
    QSqlQuery q(QSqlDatabase::database(m_store.connectionName(), false));
    QVERIFY(q.exec(QStringLiteral("UPDATE cases SET updated_at = updated_at - updated_at % 86400000,"
                                  " registered_at = registered_at - registered_at % 86400000,"
                                  " next_due = next_due - next_due % 86400000")));
    QVERIFY(q.exec(QStringLiteral("SELECT count(DISTINCT registered_at), count(DISTINCT updated_at) FROM cases")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() < (BulkCases + WorkflowCases) / 5);
    QVERIFY(q.value(1).toInt() < (BulkCases + WorkflowCases) / 5);
}

void TestCaseTableModel::firstPageOnlyAfterReset()
{
    CaseTableModel model(&m_store);
    model.setCountCap(BulkCases + WorkflowCases);  // counted on the spot
    QSignalSpy total(&model, &CaseTableModel::totalCountChanged);
    model.setFilter(CaseFilter());
    QVERIFY(model.isTotalExact());
    QCOMPARE(model.totalCount(), BulkCases + WorkflowCases);
    QCOMPARE(model.rowCount(), BulkCases + WorkflowCases);  // the whole length, for the scroll bar
    QCOMPARE(model.loadedCount(), model.pageSize());       // but one page read
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(total.count(), 1);
    QCOMPARE(total.first().first().toInt(), BulkCases + WorkflowCases);
}

void TestCaseTableModel::countArrivesInBackground()
{
    CaseTableModel model(&m_store);
    model.setCountCap(1000);
    QSignalSpy total(&model, &CaseTableModel::totalCountChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setFilter(CaseFilter());
    // Past the cap: usable at once with what is known, the count still running elsewhere.
    QVERIFY(!model.isTotalExact());
    QCOMPARE(model.rowCount(), 1001);
    QCOMPARE(model.totalCountText(), CaseTableModel::tr("%1+").arg(QLocale().toString(1000)));
    QCOMPARE(model.caseIdAt(0), m_store.listCases(model.filter(), 0, 1).value(0).id);
    QTRY_VERIFY_WITH_TIMEOUT(model.isTotalExact(), 30000);
    QCOMPARE(model.totalCount(), BulkCases + WorkflowCases);
    QCOMPARE(model.rowCount(), BulkCases + WorkflowCases);
    QCOMPARE(total.last().first().toInt(), BulkCases + WorkflowCases);
    QCOMPARE(inserted.count(), 1);  // the rest of the rows joined without a reset
    QCOMPARE(model.totalCountText(), QLocale().toString(BulkCases + WorkflowCases));

    // A new filter drops the old count: only the new one arrives.
    CaseFilter street;
    street.streetId = QStringLiteral("street.tuodong");
    model.setFilter(CaseFilter());
    model.setFilter(street);
    const int expected = m_store.countCases(street);
    QVERIFY(expected > 1000);
    QTRY_VERIFY_WITH_TIMEOUT(model.isTotalExact(), 30000);
    QCOMPARE(model.totalCount(), expected);
    QCOMPARE(model.rowCount(), expected);
}

void TestCaseTableModel::fetchMoreLoadsPagesUntilEverything()
{
    // What the CSV export does: page after page while the count is still running.
    CaseTableModel model(&m_store);
    model.setCountCap(500);
    model.setFilter(CaseFilter());
    int rounds = 0;
    while (model.canFetchMore({}) && rounds++ < 200)
        model.fetchMore({});
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.rowCount(), BulkCases + WorkflowCases);
    QVERIFY(model.loadedCount() < model.rowCount());  // memory stays bounded
    QSet<QString> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.insert(model.caseIdAt(r));
    QCOMPARE(ids.size(), BulkCases + WorkflowCases);
    QVERIFY(!ids.contains(QString()));
}

void TestCaseTableModel::viewFetchesLazily()
{
    CaseTableModel model(&m_store);
    model.setCountCap(100000);
    model.setFilter(CaseFilter());
    QTableView view;
    view.setModel(&model);
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    QCOMPARE(model.rowCount(), model.totalCount());
    QVERIFY2(model.loadedCount() <= 2 * model.pageSize(), qPrintable(QString::number(model.loadedCount())));
    // Scrolling to the end reads the last page, not everything before it.
    view.scrollToBottom();
    view.grab();
    QVERIFY2(model.loadedCount() <= 3 * model.pageSize(), qPrintable(QString::number(model.loadedCount())));
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last, CaseTableModel::Number).data().toString(),
             m_store.listCases(model.filter(), last, 1).value(0).number);
}

void TestCaseTableModel::keysetPagesEqualOffsetPages_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<int>("filterKind");
    const QList<std::pair<CaseFilter::Sort, const char *>> sorts{
        {CaseFilter::Sort::UpdatedDesc, "updated desc"},   {CaseFilter::Sort::RegisteredDesc, "registered desc"},
        {CaseFilter::Sort::RegisteredAsc, "registered asc"}, {CaseFilter::Sort::DueAsc, "due asc"},
        {CaseFilter::Sort::NumberAsc, "number asc"}};
    const QStringList filters{"all", "street", "statuses", "department", "overdue", "text", "scope+category"};
    for (const auto &sort : sorts)
        for (int f = 0; f < filters.size(); ++f)
            QTest::addRow("%s, %s", sort.second, qPrintable(filters.at(f))) << int(sort.first) << f;
}

void TestCaseTableModel::keysetPagesEqualOffsetPages()
{
    QFETCH(int, sort);
    QFETCH(int, filterKind);
    CaseFilter f;
    f.sort = CaseFilter::Sort(sort);
    switch (filterKind) {
    case 1: f.streetId = QStringLiteral("street.tuodong"); break;
    case 2: f.statuses = {CaseStatus::Registered, CaseStatus::Handling, CaseStatus::Whistled}; break;
    case 3: f.departmentId = QStringLiteral("dept.chengguan"); break;
    case 4: f.overdueOnly = true; break;
    case 5: f.text = QStringLiteral("井盖"); break;
    case 6:
        f.scope = {AccessPolicy::Scope::Kind::Street, QStringLiteral("street.tuodong")};
        f.categoryId = QStringLiteral("water");
        break;
    default: break;
    }
    // The whole list by OFFSET in one go is the reference.
    const int total = m_store.countCases(f);
    const QList<CaseSummary> reference = m_store.listCases(f, 0, total + 10);
    QCOMPARE(reference.size(), total);
    QVERIFY(total > 0);
    // ... in the sort's order, ties broken by id, every row once.
    const bool descending = f.sort == CaseFilter::Sort::UpdatedDesc || f.sort == CaseFilter::Sort::RegisteredDesc;
    int ties = 0;
    for (int r = 1; r < total; ++r) {
        const CaseListKey a = CaseListKey::of(reference.at(r - 1), f.sort);
        const CaseListKey b = CaseListKey::of(reference.at(r), f.sort);
        if (a.undueTail != b.undueTail) {
            QVERIFY(!a.undueTail);  // running deadlines first
            continue;
        }
        const bool down = descending || a.undueTail;
        const int byKey = a.value.typeId() == QMetaType::QString
                              ? QString::compare(a.value.toString(), b.value.toString())
                              : (a.value.toLongLong() < b.value.toLongLong() ? -1 : a.value.toLongLong() > b.value.toLongLong());
        if (byKey == 0) {
            ++ties;
            QVERIFY(down ? a.id > b.id : a.id < b.id);
        } else {
            QVERIFY(down ? byKey > 0 : byKey < 0);
        }
    }
    if (f.sort != CaseFilter::Sort::NumberAsc && filterKind == 0)
        QVERIFY2(ties > total / 2, "the day-rounded times give many ties");
    // Sequential pages, each after the previous page's last row.
    const int pageSize = 97;
    QList<CaseSummary> walked;
    CaseListKey after;
    for (int rounds = 0; rounds <= total / pageSize + 1; ++rounds) {
        const QList<CaseSummary> page = m_store.listCasesAfter(f, after, 0, pageSize);
        walked += page;
        if (page.size() < pageSize)
            break;
        after = CaseListKey::of(page.constLast(), f.sort);
    }
    QCOMPARE(walked.size(), total);
    for (int r = 0; r < total; ++r)
        QCOMPARE(walked.at(r).id, reference.at(r).id);
    // Jumps: from a known row, skip to another one.
    QRandomGenerator rng(quint32(sort * 31 + filterKind));
    for (int i = 0; i < 12; ++i) {
        const int from = int(rng.bounded(total));
        const int to = from + 1 + int(rng.bounded(qMax(1, total - from)));
        const QList<CaseSummary> page = m_store.listCasesAfter(f, CaseListKey::of(reference.at(from), f.sort),
                                                              to - from - 1, 20);
        const QList<CaseSummary> expected = reference.mid(to, 20);
        QCOMPARE(page.size(), expected.size());
        for (int r = 0; r < page.size(); ++r)
            QCOMPARE(page.at(r).id, expected.at(r).id);
    }
    // Position keys sampled by a background reader match the rows they stand for.
    QList<CaseListKey> keys;
    const bool opened = CaseListReader::withReadOnlyConnection(m_store.path(), [&](const CaseListReader &reader) {
        keys = reader.sampleKeys(f, 50);
    });
    QVERIFY(opened);
    QCOMPARE(keys.size(), total / 50);
    for (int i = 0; i < keys.size(); ++i) {
        const CaseListKey expected = CaseListKey::of(reference.at((i + 1) * 50 - 1), f.sort);
        QCOMPARE(keys.at(i).id, expected.id);
        QCOMPARE(keys.at(i).value, expected.value);
        QCOMPARE(keys.at(i).undueTail, expected.undueTail);
    }
}

void TestCaseTableModel::jumpToAnyRow()
{
    for (const CaseFilter::Sort sort : {CaseFilter::Sort::UpdatedDesc, CaseFilter::Sort::DueAsc,
                                        CaseFilter::Sort::RegisteredAsc}) {
        CaseFilter f;
        f.sort = sort;
        const QList<CaseSummary> reference = m_store.listCases(f, 0, BulkCases + WorkflowCases);
        const QList<int> rows{9999, 17, 7777, BulkCases + WorkflowCases - 1, 3001, 3000, 2999, 5000};
        // Without anchors a jump starts from the nearest page read before (or the top).
        {
            CaseTableModel model(&m_store);
            model.setCountCap(100000);
            model.setAnchorStep(1000000);
            model.setFilter(f);
            for (int row : rows)
                QCOMPARE(model.caseIdAt(row), reference.at(row).id);
            QCOMPARE(model.anchorCount(), 0);
        }
        // With anchors from the background walk.
        CaseTableModel model(&m_store);
        model.setCountCap(100000);
        model.setAnchorStep(250);
        QSignalSpy anchors(&model, &CaseTableModel::anchorsReady);
        model.setFilter(f);
        QVERIFY(anchors.wait(30000));
        QCOMPARE(model.anchorCount(), (BulkCases + WorkflowCases) / 250);
        for (int row : rows)
            QCOMPARE(model.caseIdAt(row), reference.at(row).id);
        for (int r = reference.size() - 1; r >= reference.size() - 450; --r)  // scrolling up from the end
            QCOMPARE(model.caseIdAt(r), reference.at(r).id);
        QVERIFY(model.loadedCount() <= 64 * model.pageSize());
    }
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
    // A registered case waits for analysis (研判) against its step clock: the next-deadline column shows that
    // deadline with the step's name, and the row is marked once it has passed.
    CaseFilter registered;
    registered.statuses = {CaseStatus::Registered};
    model.setFilter(registered);
    QVERIFY(model.rowCount() > 0);
    const QString analysis = StepClock::displayName(CaseStep::Analyze);
    for (int r = 0; r < std::min(model.rowCount(), model.pageSize()); ++r) {
        const CaseSummary *c = model.summaryAt(r);
        QVERIFY(c->nextDue.isValid());
        const QString shown = model.index(r, CaseTableModel::NextDue).data().toString();
        QVERIFY2(shown.endsWith(analysis), qPrintable(shown));
        QVERIFY(shown.size() > analysis.size() + 3);  // the time comes first
        const bool late = c->nextDue < model.filter().now;
        QCOMPARE(model.index(r, 0).data(CaseTableModel::OverdueRole).toBool(), late);
        QCOMPARE(model.index(r, CaseTableModel::Title).data(Qt::BackgroundRole).isValid(), late);
    }
    // A case late at the center's own step (审核, held by the center) is in the overdue list, named as such.
    CaseFilter lateReview = overdue;
    lateReview.statuses = {CaseStatus::Analyzed};
    model.setFilter(lateReview);
    QVERIFY2(model.rowCount() > 0, "the demo data has analyzed cases waiting past their review deadline");
    for (int r = 0; r < model.rowCount(); ++r) {
        QVERIFY(model.index(r, 0).data(CaseTableModel::OverdueRole).toBool());
        QVERIFY(model.index(r, CaseTableModel::NextDue).data().toString().endsWith(
            StepClock::displayName(CaseStep::Review)));
        QVERIFY(model.index(r, CaseTableModel::Title).data(Qt::ToolTipRole).toString().contains(
            StepClock::displayName(CaseStep::Review)));
        QVERIFY(!model.index(r, CaseTableModel::NextDue).data(Qt::DecorationRole).value<QIcon>().isNull());
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
    QVERIFY(model.rowCount() > 0);
    QCOMPARE(model.caseIdAt(0), m_store.listCases(CaseFilter(), 0, 1).value(0).id);
}

void TestCaseTableModel::refreshKeepsLoadedRows()
{
    CaseTableModel model(&m_store);
    model.setCountCap(500);
    model.setFilter(CaseFilter());
    model.fetchMore({});
    model.fetchMore({});
    const int length = model.rowCount();
    QVERIFY(length > 501);
    // While the new count runs the list keeps its length, so the view does not jump.
    model.refresh();
    QVERIFY(model.rowCount() >= length);
    QTRY_VERIFY_WITH_TIMEOUT(model.isTotalExact(), 30000);
    QCOMPARE(model.rowCount(), BulkCases + WorkflowCases);
}

QTEST_MAIN(TestCaseTableModel)
#include "tst_casetablemodel.moc"

// bench_caselist [store.sqlite] [cases=1000000]
// Builds (once; reused on later runs) a store with `cases` cached cases, then times what an operator's list
// does with it: reset and first paint while the count is still running, the background count and anchor walk,
// sequential scrolling at several depths (keyset pages), jumps far down the list (dragging the scroll bar),
// and filtered/searched resets; OFFSET pages at the same depths for comparison. Run with QT_QPA_PLATFORM=offscreen.
#include "casestore.h"
#include "casetablemodel.h"
#include "guidemodata.h"
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QTableView>
#include <cstdio>
#include <utility>

using namespace gw;

namespace {

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

long rssMiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong() / 1024;
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString path = args.value(1, QDir::temp().filePath(QStringLiteral("gw-bench-gui/cases.sqlite")));
    const int cases = args.value(2, QStringLiteral("1000000")).toInt();
    QDir().mkpath(QFileInfo(path).absolutePath());

    CaseStore store;
    QElapsedTimer opening;
    opening.start();
    const Result opened = store.open(path);  // the first open after an update runs the new schema steps
    if (!opened.ok) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(opened.message));
        return 1;
    }
    std::printf("open_store ms=%.0f\n", ms(opening));
    const int existing = store.countCases(CaseFilter());
    if (existing < cases) {
        QElapsedTimer t;
        t.start();
        const Result r = demo::bulkRegister(&store, cases - existing, quint32(existing + 7), 5000, [&](int done) {
            if (done % 100000 == 0)
                std::fprintf(stderr, "  built %d/%d\n", existing + done, cases);
        });
        if (!r.ok) {
            std::fprintf(stderr, "building the store failed: %s\n", qPrintable(r.message));
            return 1;
        }
        std::printf("build_store cases=%d time_s=%.1f\n", cases - existing, ms(t) / 1000);
    }
    const int total = store.countCases(CaseFilter());
    std::printf("store %s cases=%d\n", qPrintable(path), total);

    CaseTableModel model(&store);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(24);
    view.resize(1400, 800);
    view.setModel(&model);
    view.show();

    // Waits (bounded) until the background count and anchors of the current filter are in.
    auto waitForBackground = [&](const char *label) {
        QElapsedTimer t;
        t.start();
        double countMs = model.isTotalExact() ? 0 : -1;
        while ((!model.isTotalExact() || model.anchorCount() == 0) && t.elapsed() < 600000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            if (countMs < 0 && model.isTotalExact())
                countMs = ms(t);
        }
        std::printf("%s background: exact_count_after_ms=%.0f anchors_after_ms=%.0f total=%d anchors=%d\n", label,
                    countMs, ms(t), model.totalCount(), model.anchorCount());
    };

    QElapsedTimer t;
    t.start();
    model.setFilter(CaseFilter());
    std::printf("reset_all (capped count + first page of %d) ms=%.1f shows=%s rows=%d\n", model.pageSize(), ms(t),
                qPrintable(model.totalCountText()), model.rowCount());
    t.restart();
    view.grab();
    std::printf("first_paint_count_pending ms=%.1f exact=%d\n", ms(t), int(model.isTotalExact()));
    waitForBackground("all");

    // Sequential scrolling: 25 pages read one after another from each depth (each after the previous page).
    const int pages = 25;
    for (int depth : {0, 100000, 500000, 900000}) {
        if (depth + pages * model.pageSize() > model.rowCount())
            continue;
        model.caseIdAt(depth);  // get there first (a jump, timed below)
        double worst = 0;
        QElapsedTimer all;
        all.start();
        for (int p = 1; p <= pages; ++p) {
            QElapsedTimer step;
            step.start();
            model.caseIdAt(depth + p * model.pageSize());
            worst = qMax(worst, ms(step));
        }
        std::printf("scroll_sequential depth=%d pages=%d avg_ms=%.2f worst_ms=%.1f\n", depth, pages,
                    ms(all) / pages, worst);
    }
    // Jumps: drag the scroll bar far down, then paint there.
    for (int row : {500000, 999000, 700123}) {
        if (row >= model.rowCount())
            continue;
        t.restart();
        const QString id = model.caseIdAt(row);
        const double readMs = ms(t);
        view.scrollTo(model.index(row, 0));
        view.grab();
        std::printf("jump_to_row %d read_ms=%.1f read_and_paint_ms=%.1f id=%s\n", row, readMs, ms(t),
                    qPrintable(id.left(8)));
    }
    std::printf("rows_in_memory=%d rss_MiB=%ld\n", model.loadedCount(), rssMiB());
    // The same jump before the anchors are in: from the nearest page read, or OFFSET from the top.
    {
        CaseTableModel cold(&store);
        cold.setAnchorStep(100000000);
        cold.setFilter(CaseFilter());
        for (int row : {500000, 999000}) {
            if (row >= cold.rowCount())
                continue;
            t.restart();
            cold.caseIdAt(row);
            std::printf("jump_without_anchors row=%d ms=%.1f\n", row, ms(t));
        }
    }
    // What the list did before keyset paging: a page by OFFSET at the same depths.
    for (int depth : {0, 100000, 500000, 900000}) {
        t.restart();
        const QList<CaseSummary> rows = store.listCases(CaseFilter(), depth, model.pageSize());
        std::printf("offset_page depth=%d ms=%.1f rows=%d\n", depth, ms(t), int(rows.size()));
    }

    CaseFilter street;
    street.streetId = QStringLiteral("street.tuodong");
    t.restart();
    model.setFilter(street);
    std::printf("reset_street_filter ms=%.1f shows=%s\n", ms(t), qPrintable(model.totalCountText()));
    waitForBackground("street");
    t.restart();
    model.caseIdAt(qMin(300000, model.rowCount() - 1));
    std::printf("street jump_to_row %d ms=%.1f\n", qMin(300000, model.rowCount() - 1), ms(t));

    CaseFilter search;
    search.text = QStringLiteral("井盖");
    t.restart();
    model.setFilter(search);
    std::printf("reset_fulltext_search ms=%.1f shows=%s\n", ms(t), qPrintable(model.totalCountText()));
    waitForBackground("search");

    for (const auto &sort : {std::pair{CaseFilter::Sort::RegisteredAsc, "registered_asc"},
                             std::pair{CaseFilter::Sort::DueAsc, "due_asc"},
                             std::pair{CaseFilter::Sort::NumberAsc, "number_asc"}}) {
        CaseFilter sorted;
        sorted.sort = sort.first;
        t.restart();
        model.setFilter(sorted);
        std::printf("reset_sorted_%s ms=%.1f\n", sort.second, ms(t));
        waitForBackground(sort.second);
        t.restart();
        model.caseIdAt(qMin(999000, model.rowCount() - 1));
        std::printf("%s jump_to_row 999000 ms=%.1f\n", sort.second, ms(t));
        double worst = 0;
        QElapsedTimer all;
        all.start();
        for (int p = 1; p <= pages; ++p) {
            QElapsedTimer step;
            step.start();
            model.caseIdAt(qMin(500000 + p * model.pageSize(), model.rowCount() - 1));
            worst = qMax(worst, ms(step));
        }
        std::printf("%s scroll_sequential depth=500000 avg_ms=%.2f worst_ms=%.1f\n", sort.second, ms(all) / pages,
                    worst);
    }
    return 0;
}

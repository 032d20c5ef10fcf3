// bench_caselist [store.sqlite] [cases=1000000] [target_row=500000]
// Builds (once; reused on later runs) a store with `cases` cached cases, then times what an operator's list
// does with it: model reset (count + first page), painting the first screen, fetchMore page by page down to
// `target_row`, painting there, and filtered/searched resets. Run with QT_QPA_PLATFORM=offscreen.
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
    const int targetRow = args.value(3, QStringLiteral("500000")).toInt();
    QDir().mkpath(QFileInfo(path).absolutePath());

    CaseStore store;
    const Result opened = store.open(path);
    if (!opened.ok) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(path), qPrintable(opened.message));
        return 1;
    }
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

    QElapsedTimer t;
    t.start();
    model.setFilter(CaseFilter());
    std::printf("reset_all (count + first page of %d) ms=%.1f total=%d\n", model.pageSize(), ms(t), model.totalCount());
    t.restart();
    view.grab();
    std::printf("paint_first_screen ms=%.1f\n", ms(t));

    // Page down as the view does when the user keeps scrolling (one fetchMore per page).
    t.restart();
    double worst = 0;
    int fetches = 0;
    while (model.rowCount() <= targetRow && model.canFetchMore({})) {
        QElapsedTimer step;
        step.start();
        model.fetchMore({});
        worst = qMax(worst, ms(step));
        ++fetches;
    }
    const double pagingMs = ms(t);
    std::printf("fetchMore_to_row %d fetches=%d total_ms=%.0f avg_ms=%.2f worst_ms=%.1f rss_MiB=%ld\n", targetRow,
                fetches, pagingMs, fetches ? pagingMs / fetches : 0.0, worst, rssMiB());
    t.restart();
    view.scrollTo(model.index(qMin(targetRow, model.rowCount() - 1), 0));
    view.grab();
    std::printf("scroll_and_paint_at_row ms=%.1f\n", ms(t));

    CaseFilter street;
    street.streetId = QStringLiteral("street.tuodong");
    t.restart();
    model.setFilter(street);
    std::printf("reset_street_filter ms=%.1f total=%d\n", ms(t), model.totalCount());

    CaseFilter search;
    search.text = QStringLiteral("井盖");
    t.restart();
    model.setFilter(search);
    std::printf("reset_fulltext_search ms=%.1f total=%d\n", ms(t), model.totalCount());

    CaseFilter sorted;
    sorted.sort = CaseFilter::Sort::RegisteredAsc;
    t.restart();
    model.setFilter(sorted);
    std::printf("reset_sorted_registered_asc ms=%.1f\n", ms(t));
    return 0;
}

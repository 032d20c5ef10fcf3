#include "reportexporter.h"
#include "csvformat.h"
#include "dashboardcharts.h"
#include "pagedprinter.h"
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QtCharts/QChart>
#include <memory>

namespace gw {

namespace {

QString number(double v, int decimals) { return QString::number(v, 'f', decimals); }

QString metricCell(const UnitFigures &u, AssessmentMetric m)
{
    double v = 0;
    const bool has = u.value(m, &v);
    return has ? number(v, assessmentMetricInfo(m).decimals) : QString();
}

QString scoreText(const UnitFigures &u) { return u.hasComposite() ? number(u.composite, 1) : QString(); }

QString esc(const QString &s) { return s.toHtmlEscaped(); }

// The metrics a table shows for one kind of unit: the weighted ones first, then the figures that explain them.
QList<AssessmentMetric> tableMetrics(OrgUnit::Kind kind, const IndicatorSet &set)
{
    QList<AssessmentMetric> out;
    for (const Indicator &ind : set.indicators()) {
        AssessmentMetric m;
        const double w = kind == OrgUnit::Kind::Street ? ind.streetWeight : ind.departmentWeight;
        if (w > 0 && assessmentMetricFromId(ind.id, &m))
            out.append(m);
    }
    const QList<AssessmentMetric> extra =
        kind == OrgUnit::Kind::Street
            ? QList<AssessmentMetric>{AssessmentMetric::Registered, AssessmentMetric::Whistled, AssessmentMetric::OverdueCount}
            : QList<AssessmentMetric>{AssessmentMetric::OverdueCount, AssessmentMetric::ReturnedCount,
                                      AssessmentMetric::AvgHandlingDays};
    for (AssessmentMetric m : extra)
        if (!out.contains(m))
            out.append(m);
    return out;
}

QString unitTable(const QList<UnitFigures> &units, OrgUnit::Kind kind, const IndicatorSet &set)
{
    const QList<AssessmentMetric> metrics = tableMetrics(kind, set);
    QString h = QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\" "
                               "style=\"border-collapse: collapse; border-color: #999;\">"
                               "<tr style=\"background-color: #dde6f0;\">");
    h += QStringLiteral("<th>%1</th><th align=\"left\">%2</th><th>%3</th><th>%4</th>")
             .arg(esc(ReportExporter::tr("#")), esc(ReportExporter::kindName(kind)),
                  esc(ReportExporter::tr("Score")), esc(ReportExporter::tr("Ded.", "points deducted")));
    for (AssessmentMetric m : metrics) {
        const Indicator *ind = set.find(assessmentMetricId(m));
        h += QStringLiteral("<th>%1</th>").arg(esc(ind ? ind->name : ReportExporter::shortMetricName(m)));
    }
    h += QStringLiteral("</tr>");
    const QList<UnitFigures> ranked = AssessmentResult::ranked(units);
    for (int i = 0; i < ranked.size(); ++i) {
        const UnitFigures &u = ranked.at(i);
        h += QStringLiteral("<tr%1>").arg(i % 2 ? QStringLiteral(" style=\"background-color: #f4f6f8;\"") : QString());
        h += QStringLiteral("<td align=\"center\">%1</td><td style=\"white-space: nowrap;\">%2</td><td align=\"right\" style=\"white-space: nowrap;\"><b>%3</b></td>"
                            "<td align=\"right\" style=\"white-space: nowrap;\">%4</td>")
                 .arg(u.hasComposite() ? QString::number(i + 1) : QStringLiteral("—"), esc(u.name),
                      u.hasComposite() ? number(u.composite, 1) : QStringLiteral("—"),
                      u.deduction > 0 ? number(u.deduction, 1) : QString());
        for (AssessmentMetric m : metrics) {
            double v = 0;
            const bool has = u.value(m, &v);
            h += QStringLiteral("<td align=\"right\" style=\"white-space: nowrap;\">%1</td>").arg(esc(formatAssessmentValue(m, v, has)));
        }
        h += QStringLiteral("</tr>");
    }
    return h + QStringLiteral("</table>");
}

} // namespace

QString ReportExporter::shortMetricName(AssessmentMetric metric)
{
    switch (metric) {
    case AssessmentMetric::Registered: return tr("Registered");
    case AssessmentMetric::Whistled: return tr("Whistled");
    case AssessmentMetric::Closed: return tr("Closed");
    case AssessmentMetric::OverdueCount: return tr("Overdue");
    case AssessmentMetric::ReturnedCount: return tr("Returned");
    case AssessmentMetric::AvgHandlingDays: return tr("Avg. days");
    default: return assessmentMetricDisplayName(metric);
    }
}

QString ReportExporter::kindName(OrgUnit::Kind kind)
{
    switch (kind) {
    case OrgUnit::Kind::Street: return tr("Street");
    case OrgUnit::Kind::Department: return tr("Department");
    case OrgUnit::Kind::Center: return tr("District");
    case OrgUnit::Kind::Community: return tr("Community");
    }
    return {};
}

QString ReportExporter::periodText(const AssessmentPeriod &period)
{
    const QTimeZone zone = AssessmentPeriod::districtZone();
    const QDate first = period.from.toTimeZone(zone).date();
    const QDate last = period.to.toTimeZone(zone).addMSecs(-1).date();
    return tr("%1 (%2 to %3, UTC+8)").arg(period.label, first.toString(Qt::ISODate), last.toString(Qt::ISODate));
}

QByteArray ReportExporter::csv(const AssessmentResult &r, const IndicatorSet &set)
{
    QString out;
    // First row: what this is and under which rules, so a file found later explains itself.
    out += CsvFormat::line({tr("GridWhistle assessment report"), tr("Period"), r.period.label, tr("Indicator set version"),
                    r.indicatorVersion, tr("Figures as of"), r.asOf.toString(Qt::ISODate)});
    QStringList header{tr("Kind"), tr("Unit id"), tr("Unit"), tr("Rank"), tr("Composite score"), tr("Deducted")};
    for (const Indicator &ind : set.indicators())
        header.append(tr("%1 (points)").arg(ind.name));
    const QList<AssessmentMetric> metrics = allAssessmentMetrics();
    for (AssessmentMetric m : metrics)
        header.append(assessmentMetricDisplayName(m));
    header << tr("Check-ins due") << tr("Check-ins on time") << tr("Handlings due") << tr("Handlings on time")
           << tr("Handlings done") << tr("Failed verifications") << tr("Excluded: on hold");
    out += CsvFormat::line(header);
    auto row = [&](const UnitFigures &u, int rank) {
        QStringList f{kindName(u.kind), u.unitId, u.name, rank > 0 ? QString::number(rank) : QString(), scoreText(u),
                      number(u.deduction, 1)};
        for (int i = 0; i < set.indicators().size(); ++i) {
            const double s = i < u.indicatorScores.size() ? u.indicatorScores.at(i) : std::nan("");
            f.append(std::isnan(s) ? QString() : number(s, 1));
        }
        for (AssessmentMetric m : metrics)
            f.append(metricCell(u, m));
        f << QString::number(u.checkInsDue) << QString::number(u.checkInsOnTime) << QString::number(u.handlingsDue)
          << QString::number(u.handlingsOnTime) << QString::number(u.handlingsDone) << QString::number(u.reworkFailures)
          << QString::number(u.onHoldExcluded);
        out += CsvFormat::line(f);
    };
    for (const QList<UnitFigures> *units : {&r.streets, &r.departments}) {
        const QList<UnitFigures> ranked = AssessmentResult::ranked(*units);
        for (int i = 0; i < ranked.size(); ++i)
            row(ranked.at(i), ranked.at(i).hasComposite() ? i + 1 : 0);
    }
    row(r.district, 0);
    return CsvFormat::byteOrderMark() + out.toUtf8();
}

Result ReportExporter::writeCsv(const QString &path, const AssessmentResult &result, const IndicatorSet &indicators)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(csv(result, indicators)) < 0 || !f.commit())
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot write %1: %2").arg(path, f.errorString()));
    return Result::success();
}

QString ReportExporter::html(const AssessmentResult &r, const IndicatorSet &set, bool withCharts)
{
    QString h = QStringLiteral("<html><body style=\"font-size: 8.5pt;\">");
    h += QStringLiteral("<h2 align=\"center\">%1</h2>").arg(esc(tr("Grid Governance Assessment Report")));
    if (!r.indicatorTitle.isEmpty())
        h += QStringLiteral("<p align=\"center\">%1</p>").arg(esc(r.indicatorTitle));
    h += QStringLiteral("<p><b>%1</b> %2 &nbsp;&nbsp; <b>%3</b> %4 &nbsp;&nbsp; <b>%5</b> %6</p>")
             .arg(esc(tr("Period:")), esc(periodText(r.period)), esc(tr("Indicator set:")), esc(r.indicatorVersion),
                  esc(tr("Figures as of:")),
                  esc(r.asOf.toTimeZone(AssessmentPeriod::districtZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    const UnitFigures &d = r.district;
    double v = 0;
    auto fmt = [&](AssessmentMetric m) { const bool has = d.value(m, &v); return esc(formatAssessmentValue(m, v, has)); };
    h += QStringLiteral("<p>%1</p>")
             .arg(tr("District: %1 cases registered, %2 whistled, %3 closed; on-time check-in %4, on-time handling %5, "
                     "close rate %6, satisfaction %7, %8 overdue, %9 returned assignments.")
                      .arg(d.registered).arg(d.whistled).arg(d.closed)
                      .arg(fmt(AssessmentMetric::OnTimeCheckInRate), fmt(AssessmentMetric::OnTimeHandlingRate),
                           fmt(AssessmentMetric::CloseRate), fmt(AssessmentMetric::Satisfaction))
                      .arg(d.overdue).arg(d.returned));
    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Streets")));
    h += unitTable(r.streets, OrgUnit::Kind::Street, set);
    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Departments")));
    h += unitTable(r.departments, OrgUnit::Kind::Department, set);
    h += QStringLiteral("<p style=\"font-size: 8pt; color: #555;\">%1</p>")
             .arg(esc(tr("Score: weighted indicator points (0-100) minus deductions for repeated rework and returned "
                         "assignments. \"—\": nothing to assess in this period. Cases on hold are left out of all "
                         "rates. Definitions: docs/assessment.md.")));
    if (withCharts) {
        h += QStringLiteral("<div style=\"page-break-before: always;\"></div>");
        h += QStringLiteral("<p><img src=\"chart://streets\" width=\"700\" height=\"420\"></p>");
        h += QStringLiteral("<p><img src=\"chart://departments\" width=\"700\" height=\"420\"></p>");
        h += QStringLiteral("<div style=\"page-break-before: always;\"></div>");
        h += QStringLiteral("<p><img src=\"chart://trend\" width=\"700\" height=\"330\"></p>");
        h += QStringLiteral("<p><img src=\"chart://category\" width=\"345\" height=\"260\">"
                            "<img src=\"chart://status\" width=\"345\" height=\"260\"></p>");
    }
    // The rules used, so the printed report can be checked without the program.
    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Indicators (version %1)").arg(set.version())));
    h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\" border=\"1\" style=\"border-collapse: collapse;\">"
                        "<tr style=\"background-color: #dde6f0;\"><th align=\"left\">%1</th><th>%2</th><th>%3</th><th align=\"left\">%4</th></tr>")
             .arg(esc(tr("Indicator")), esc(tr("Street weight")), esc(tr("Department weight")), esc(tr("Full points / no points")));
    for (const Indicator &ind : set.indicators()) {
        QString rule;
        switch (ind.direction) {
        case Indicator::Direction::Higher: rule = tr("≥ %1 / ≤ %2").arg(ind.target).arg(ind.floor); break;
        case Indicator::Direction::Lower: rule = tr("≤ %1 / ≥ %2").arg(ind.target).arg(ind.ceiling); break;
        case Indicator::Direction::Band:
            rule = tr("%1 – %2 / ≤ %3 or ≥ %4").arg(ind.low).arg(ind.high).arg(ind.floor).arg(ind.ceiling);
            break;
        }
        h += QStringLiteral("<tr><td>%1</td><td align=\"center\">%2</td><td align=\"center\">%3</td><td>%4</td></tr>")
                 .arg(esc(ind.name), number(ind.streetWeight, 0), number(ind.departmentWeight, 0), esc(rule));
    }
    h += QStringLiteral("</table><p style=\"font-size: 8pt;\">%1</p>")
             .arg(esc(tr("Deductions: failed verifications %1 points (1st, 2nd, ... failure); returned assignment %2; "
                         "at most %3 in total. Callback scores: satisfied %4, basic %5, dissatisfied %6.")
                          .arg([&] {
                              QStringList s;
                              for (double x : set.reworkSchedule())
                                  s.append(number(x, 1));
                              return s.join(QStringLiteral(" / "));
                          }())
                          .arg(set.returnedAssignmentDeduction())
                          .arg(set.maxDeduction())
                          .arg(set.satisfactionScore(QStringLiteral("satisfied")))
                          .arg(set.satisfactionScore(QStringLiteral("basic")))
                          .arg(set.satisfactionScore(QStringLiteral("dissatisfied")))));
    return h + QStringLiteral("</body></html>");
}

Result ReportExporter::writePdf(const QString &path, const AssessmentResult &r, const IndicatorSet &set,
                                const QList<AssessmentResult> &trend, int *pageCount)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot write %1: %2").arg(path, file.errorString()));
    QPdfWriter writer(&file);
    PagedPrinter::setUpPage(&writer);
    writer.setResolution(PagedPrinter::LayoutDpi);  // text stays vector, images keep their pixels
    writer.setTitle(tr("Assessment report %1").arg(r.period.label));
    writer.setCreator(QStringLiteral("GridWhistle %1").arg(QStringLiteral(GW_VERSION)));
    if (!print(&writer, r, set, trend, pageCount).ok)
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot start the PDF %1.").arg(path));
    if (!file.commit())
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot write %1: %2").arg(path, file.errorString()));
    return Result::success();
}

Result ReportExporter::print(QPagedPaintDevice *device, const AssessmentResult &r, const IndicatorSet &set,
                             const QList<AssessmentResult> &trend, int *pageCount)
{
    QTextDocument doc;
    doc.setDefaultFont(PagedPrinter::font(9));
    auto addChart = [&doc](const char *name, QChart *chart, QSize size) {
        std::unique_ptr<QChart> owner(chart);
        doc.addResource(QTextDocument::ImageResource, QUrl(QLatin1String("chart://") + QLatin1String(name)),
                        DashboardCharts::render(chart, size));
    };
    addChart("streets", DashboardCharts::ranking(r.streets, tr("Streets by composite score")), QSize(700, 420));
    addChart("departments", DashboardCharts::ranking(r.departments, tr("Departments by composite score")), QSize(700, 420));
    addChart("trend", DashboardCharts::trend(trend.isEmpty() ? QList<AssessmentResult>{r} : trend), QSize(700, 330));
    addChart("category", DashboardCharts::byCategory(r), QSize(345, 260));
    addChart("status", DashboardCharts::byStatus(r), QSize(345, 260));
    doc.setHtml(html(r, set, true));
    // Footer on every page: the version makes a printed page traceable to the rules used.
    const PagedPrinter::Footer footer{
        tr("GridWhistle assessment · %1 · indicator set %2").arg(r.period.label, r.indicatorVersion),
        [](int page, int pages) { return tr("Page %1 of %2").arg(page).arg(pages); }};
    return PagedPrinter::paint(&doc, device, footer, pageCount);
}

} // namespace gw

#include "yearreportexporter.h"
#include "csvformat.h"
#include "pagedprinter.h"
#include "reportexporter.h"
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace gw {

namespace {

QString esc(const QString &s) { return s.toHtmlEscaped(); }

QStringList monthHeaders()
{
    QStringList out;
    for (int m = 1; m <= 12; ++m)
        out << YearReportExporter::tr("M%1", "month column of the year report").arg(m);
    return out;
}

QString publishedMonthsText(const YearRollupResult &year)
{
    QStringList months;
    for (const YearMonthSource &m : year.months)
        if (m.revision > 0)
            months << (m.revision > 1 ? YearReportExporter::tr("%1 (revision %2)").arg(m.month).arg(m.revision)
                                      : QString::number(m.month));
    return months.isEmpty() ? YearReportExporter::tr("none") : months.join(QStringLiteral(", "));
}

QString unitTable(const QList<YearUnitScore> &units, OrgUnit::Kind kind)
{
    QString h = QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\" "
                               "style=\"border-collapse: collapse; border-color: #999;\"><tr style=\"background-color: #dde6f0;\">");
    h += QStringLiteral("<th>%1</th><th align=\"left\">%2</th><th>%3</th><th>%4</th>")
             .arg(esc(YearReportExporter::tr("#")), esc(ReportExporter::kindName(kind)),
                  esc(YearReportExporter::tr("Year score")), esc(YearReportExporter::tr("Months")));
    for (const QString &m : monthHeaders())
        h += QStringLiteral("<th>%1</th>").arg(esc(m));
    h += QStringLiteral("</tr>");
    for (int i = 0; i < units.size(); ++i) {
        const YearUnitScore &u = units.at(i);
        h += QStringLiteral("<tr%1><td align=\"center\">%2</td><td style=\"white-space: nowrap;\">%3</td>"
                            "<td align=\"right\"><b>%4</b></td><td align=\"center\">%5</td>")
                 .arg(i % 2 ? QStringLiteral(" style=\"background-color: #f4f6f8;\"") : QString(),
                      u.hasScore() ? QString::number(i + 1) : QStringLiteral("—"), esc(u.name),
                      u.hasScore() ? YearReportExporter::scoreText(u.score) : QStringLiteral("—"))
                 .arg(u.monthsScored);
        for (double s : u.monthly)
            h += QStringLiteral("<td align=\"right\">%1</td>").arg(YearReportExporter::scoreText(s));
        h += QStringLiteral("</tr>");
    }
    return h + QStringLiteral("</table>");
}

} // namespace

QString YearReportExporter::scoreText(double score)
{
    return std::isnan(score) ? QString() : QString::number(score, 'f', 1);
}

QByteArray YearReportExporter::csv(const YearRollupResult &year)
{
    QString out;
    out += CsvFormat::line({tr("GridWhistle year assessment"), tr("Year"), QString::number(year.year),
                            tr("Indicator set version"), year.ruleSetVersion, tr("Rule"), YearRollup::ruleText(year.rule).text()});
    out += CsvFormat::line({tr("Published months"), publishedMonthsText(year)});
    QStringList sources{tr("Month results (SHA-256)")};
    for (const YearMonthSource &m : year.months)
        sources << (m.revision > 0 ? QStringLiteral("%1:r%2:%3").arg(m.month).arg(m.revision).arg(m.resultHash.left(16)) : QString());
    out += CsvFormat::line(sources);
    out += CsvFormat::line(QStringList{tr("Kind"), tr("Rank"), tr("Unit id"), tr("Unit"), tr("Year score"), tr("Months counted")}
                           + monthHeaders());
    for (const QList<YearUnitScore> *list : {&year.streets, &year.departments})
        for (int i = 0; i < list->size(); ++i) {
            const YearUnitScore &u = list->at(i);
            QStringList row{ReportExporter::kindName(u.kind), u.hasScore() ? QString::number(i + 1) : QString(), u.unitId,
                            u.name, scoreText(u.score), QString::number(u.monthsScored)};
            for (double s : u.monthly)
                row << scoreText(s);
            out += CsvFormat::line(row);
        }
    return CsvFormat::byteOrderMark() + out.toUtf8();
}

Result YearReportExporter::writeCsv(const QString &path, const YearRollupResult &year)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(csv(year)) < 0 || !f.commit())
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot write %1: %2").arg(path, f.errorString()));
    return Result::success();
}

QString YearReportExporter::html(const YearRollupResult &year)
{
    QString h = QStringLiteral("<html><body style=\"font-size: 8pt;\">");
    h += QStringLiteral("<h2 align=\"center\">%1</h2>").arg(esc(tr("Grid Governance Year Assessment %1").arg(year.year)));
    if (!year.ruleSetTitle.isEmpty())
        h += QStringLiteral("<p align=\"center\">%1</p>").arg(esc(year.ruleSetTitle));
    h += QStringLiteral("<p><b>%1</b> %2 &nbsp;&nbsp; <b>%3</b> %4</p>")
             .arg(esc(tr("Published months:")), esc(publishedMonthsText(year)), esc(tr("Rule (indicator set %1):").arg(year.ruleSetVersion)),
                  esc(YearRollup::ruleText(year.rule).text()));
    if (!year.rule.description.isEmpty())
        h += QStringLiteral("<p>%1</p>").arg(esc(year.rule.description));
    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Streets"))) + unitTable(year.streets, OrgUnit::Kind::Street);
    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Departments"))) + unitTable(year.departments, OrgUnit::Kind::Department);
    h += QStringLiteral("<h3>%1</h3><table cellspacing=\"0\" cellpadding=\"2\" border=\"1\" style=\"border-collapse: collapse;\">"
                        "<tr style=\"background-color: #dde6f0;\"><th>%2</th><th>%3</th><th>%4</th><th align=\"left\">%5</th></tr>")
             .arg(esc(tr("Months used")), esc(tr("Month")), esc(tr("Revision")), esc(tr("Published")), esc(tr("Results (SHA-256)")));
    for (const YearMonthSource &m : year.months)
        h += QStringLiteral("<tr><td align=\"center\">%1</td><td align=\"center\">%2</td><td>%3</td><td>%4</td></tr>")
                 .arg(m.month)
                 .arg(m.revision > 0 ? QString::number(m.revision) : esc(tr("not published")),
                      m.publishedAt.isValid() ? m.publishedAt.toTimeZone(AssessmentPeriod::districtZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString(),
                      esc(m.resultHash));
    h += QStringLiteral("</table><p style=\"font-size: 7.5pt; color: #555;\">%1</p>")
             .arg(esc(tr("Monthly scores are the composite scores of each month's latest published revision; months not "
                         "published do not count. \"—\": no year score (too few scored months).")));
    return h + QStringLiteral("</body></html>");
}

Result YearReportExporter::print(QPagedPaintDevice *device, const YearRollupResult &year, int *pageCount)
{
    QTextDocument doc;
    doc.setDefaultFont(PagedPrinter::font(8));
    doc.setHtml(html(year));
    const PagedPrinter::Footer footer{tr("GridWhistle year assessment · %1 · indicator set %2").arg(year.year).arg(year.ruleSetVersion),
                                      [](int page, int pages) { return tr("Page %1 of %2").arg(page).arg(pages); }};
    return PagedPrinter::paint(&doc, device, footer, pageCount);
}

Result YearReportExporter::writePdf(const QString &path, const YearRollupResult &year, int *pageCount)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot write %1: %2").arg(path, file.errorString()));
    QPdfWriter writer(&file);
    PagedPrinter::setUpPage(&writer);
    writer.setResolution(PagedPrinter::LayoutDpi);
    writer.setTitle(tr("Year assessment %1").arg(year.year));
    writer.setCreator(QStringLiteral("GridWhistle %1").arg(QStringLiteral(GW_VERSION)));
    if (!print(&writer, year, pageCount).ok)
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot start the PDF %1.").arg(path));
    if (!file.commit())
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot write %1: %2").arg(path, file.errorString()));
    return Result::success();
}

} // namespace gw

#include "casesheet.h"
#include "auditchain.h"
#include "casedetailwidget.h"
#include "casestore.h"
#include "casetimelinewidget.h"
#include "categorycatalog.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include "pagedprinter.h"
#include <QJsonArray>
#include <QLocale>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QTextDocument>

namespace gw {

namespace {

// The sheet shows the fields under the names the detail pane gives them, and describes events as the timeline
// pane does: one wording everywhere, one translation.
QString field(const char *text) { return QCoreApplication::translate("gw::CaseDetailWidget", text); }
QString timelineText(const char *text) { return QCoreApplication::translate("gw::CaseTimelineWidget", text); }

QString esc(const QString &s) { return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")); }
QString orDash(const QString &s) { return s.trimmed().isEmpty() ? QStringLiteral("—") : esc(s); }

// Date over time, so the four deadline columns fit the width of A4.
QString twoLineTime(const QDateTime &t)
{
    const QString s = FormValidation::displayTime(t);
    return s.isEmpty() ? QStringLiteral("—") : esc(s.left(10)) + QStringLiteral("<br>") + esc(s.mid(11));
}

QString who(const CaseEvent &e) { return CaseTimelineWidget::actorText(e).section(QLatin1Char('\n'), 0, 0); }

const QString TableStart = QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"3\" border=\"1\" "
                                          "style=\"border-collapse: collapse; border-color: #8a97a6;\">");
// In <thead>, so a table running onto the next page repeats its column names there.
const QString HeaderRow = QStringLiteral("<thead><tr style=\"background-color: #dde6f0;\">");
const QString HeaderEnd = QStringLiteral("</tr></thead>");

QString heading(const QString &text)
{
    return QStringLiteral("<h3 style=\"margin-top: 12px; margin-bottom: 4px; color: #1f4e79;\">%1</h3>").arg(esc(text));
}

QString label(const QString &text)
{
    return QStringLiteral("<td width=\"14%\" style=\"background-color: #eef2f6;\">%1</td>").arg(esc(text));
}

// A table row of label/value pairs; one pair spans the full width.
QString pairRow(const QString &label1, const QString &value1, const QString &label2 = {}, const QString &value2 = {})
{
    if (label2.isEmpty())
        return QStringLiteral("<tr>%1<td colspan=\"3\">%2</td></tr>").arg(label(label1), value1);
    return QStringLiteral("<tr>%1<td width=\"36%\">%2</td>%3<td width=\"36%\">%4</td></tr>")
        .arg(label(label1), value1, label(label2), value2);
}

QString factsSection(const CaseRecord &r, const QDateTime &now)
{
    const CategoryCatalog &cats = CategoryCatalog::builtin();
    const Category *cat = cats.find(r.categoryId);
    const QString category = cat ? (r.subcategoryId.isEmpty() ? cat->name
                                                              : field("%1 / %2").arg(cat->name, cat->subName(r.subcategoryId)))
                                 : r.categoryId;
    QString status = esc(caseStatusDisplayName(r.status));
    if (!r.mergedInto.isEmpty())
        status += esc(field(" (into %1)").arg(r.mergedInto));
    auto flag = [&status](const QString &text) {
        status += QStringLiteral(" &nbsp;<span style=\"color: #a61b1b;\">[%1]</span>").arg(esc(text));
    };
    if (r.isOverdue(now))
        flag(field("Overdue"));
    if (r.onHold)
        flag(field("On hold"));
    if (r.escalated)
        flag(field("Escalated to the city"));
    QStringList reporter;
    for (const QString &part : {r.reporterName, r.reporterPhone})
        if (!part.isEmpty())
            reporter.append(part);
    QStringList flags;
    if (r.escalated)
        flags.append(field("escalated: %1").arg(r.escalationReason));
    if (r.onHold)
        flags.append(field("on hold"));

    QString h = heading(CaseSheet::tr("Case facts")) + TableStart;
    h += pairRow(field("Number"), QStringLiteral("<b>%1</b>").arg(orDash(r.number)), field("Status"), status);
    h += pairRow(field("Category"), orDash(category), field("Urgency"), esc(urgencyDisplayName(r.urgency)));
    h += pairRow(CaseSheet::tr("Title"), QStringLiteral("<b>%1</b>").arg(orDash(r.title)));
    h += pairRow(field("Description"), orDash(r.description));
    h += pairRow(field("Reporter"), orDash(reporter.join(QStringLiteral(", "))), field("Registered"),
                 esc(field("%1 by %2").arg(FormValidation::displayTime(r.registeredAt), r.registeredBy)));
    h += pairRow(field("Analysis"), orDash(r.analysisNote), field("Escalation / hold"),
                 orDash(flags.join(QStringLiteral("; "))));
    return h + QStringLiteral("</table>");
}

QString locationSection(const CaseRecord &r)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const QString street = r.communityId.isEmpty()
                               ? org.nameOf(r.streetId)
                               : field("%1 / %2").arg(org.nameOf(r.streetId), org.nameOf(r.communityId));
    const QString position =
        r.hasLocation ? field("%1, %2").arg(r.longitude, 0, 'f', 6).arg(r.latitude, 0, 'f', 6) : QString();
    QString h = heading(CaseSheet::tr("Location")) + TableStart;
    h += pairRow(field("Street / community"), orDash(street), field("Grid cell"), orDash(org.gridCellLabel(r.gridCell)));
    h += pairRow(field("Address"), orDash(r.address), field("Longitude, latitude"), orDash(position));
    return h + QStringLiteral("</table>");
}

QString departmentsSection(const CaseRecord &r, const QDateTime &now)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    QString h = heading(CaseSheet::tr("Departments and deadlines"));
    if (r.streetDue.isValid() || !r.streetFeedback.isEmpty()) {
        QString street;
        if (r.streetDue.isValid())
            street = field("due %1").arg(FormValidation::displayTime(r.streetDue));
        if (!r.streetFeedback.isEmpty())
            street += (street.isEmpty() ? QString() : QStringLiteral("; ")) + r.streetFeedback;
        h += QStringLiteral("<p>%1: %2</p>").arg(esc(field("Street handling")), esc(street));
    }
    QList<const DepartmentAssignment *> current;
    for (const DepartmentAssignment &a : r.departments)
        if (!a.archived)  // earlier rounds, before a reopening, are in the timeline
            current.append(&a);
    if (current.isEmpty()) {
        h += QStringLiteral("<p>%1</p>").arg(esc(CaseSheet::tr("No department has been summoned.")));
        return h;
    }
    h += TableStart + HeaderRow;
    for (const char *column : {"Department", "Role", "State", "Check-in due", "Checked in", "Handling due", "Handled",
                               "Postponement"})
        h += QStringLiteral("<th>%1</th>").arg(esc(field(column)));
    h += HeaderEnd;
    const QString overdue =
        QStringLiteral("<br><span style=\"color: #a61b1b;\"><b>%1</b></span>").arg(esc(field("Overdue")));
    for (const DepartmentAssignment *a : current) {
        QString postpone;
        if (a->postponeRequestedDue.isValid())
            postpone = field("Waiting: to %1 — %2").arg(FormValidation::displayTime(a->postponeRequestedDue), a->postponeReason);
        else if (a->postponeCount > 0)
            postpone = CaseDetailWidget::tr("Postponed %n time(s)", nullptr, a->postponeCount);
        const bool active = a->isActive();
        h += QStringLiteral("<tr%1>").arg(active ? QString() : QStringLiteral(" style=\"color: #888888;\""));
        h += QStringLiteral("<td><b>%1</b></td><td align=\"center\">%2</td><td align=\"center\">%3</td>")
                 .arg(esc(org.nameOf(a->departmentId)), esc(a->lead ? field("Lead 主办") : field("Assist 协办")),
                      esc(DepartmentAssignment::stateDisplayName(a->state)));
        h += QStringLiteral("<td align=\"center\">%1%2</td><td align=\"center\">%3</td>")
                 .arg(twoLineTime(a->checkInDue), active && a->isCheckInOverdue(now) ? overdue : QString(),
                      twoLineTime(a->checkedInAt));
        h += QStringLiteral("<td align=\"center\">%1%2</td><td align=\"center\">%3</td><td>%4</td></tr>")
                 .arg(twoLineTime(a->handleDue), active && a->isHandleOverdue(now) ? overdue : QString(),
                      twoLineTime(a->handledAt), orDash(postpone));
        QStringList notes;
        if (!a->feedback.isEmpty())
            notes.append(CaseSheet::tr("Feedback: %1").arg(a->feedback));
        if (a->state == DepartmentAssignment::State::Returned)
            notes.append(field("Returned by %1: %2").arg(a->returnedBy, a->returnReason));
        if (a->rating > 0)
            notes.append(CaseSheet::tr("Rated %1 / 5").arg(a->rating));
        if (!notes.isEmpty())
            h += QStringLiteral("<tr><td colspan=\"8\" style=\"color: #37474f;\">%1</td></tr>")
                     .arg(esc(notes.join(QLatin1Char('\n'))));
    }
    return h + QStringLiteral("</table>");
}

QString timelineSection(const QList<CaseEvent> &events, const AuditChain::Report &chain)
{
    QString h = heading(CaseSheet::tr("Timeline"));
    h += TableStart + HeaderRow;
    // The chain mark goes with the event's number: a column of its own left "who" too narrow for an org name.
    h += QStringLiteral("<th width=\"7%\">#&nbsp;%1</th><th width=\"12%\">%2</th><th width=\"26%\">%3</th>"
                        "<th width=\"10%\">%4</th><th align=\"left\">%5</th>")
             .arg(esc(timelineText("Chain")), esc(timelineText("Time (UTC+8)")), esc(timelineText("Who")),
                  esc(timelineText("Action")), esc(timelineText("Details")))
         + HeaderEnd;
    const int brokenFrom = chain.ok() ? int(events.size()) : qMax(0, chain.index);
    for (int i = 0; i < events.size(); ++i) {
        const CaseEvent &e = events.at(i);
        const bool verified = i < brokenFrom;
        h += QStringLiteral("<tr%1><td align=\"center\">%2&nbsp;%3</td><td align=\"center\">%4</td>"
                            "<td>%5</td><td>%6</td><td>%7</td></tr>")
                 .arg(i % 2 ? QStringLiteral(" style=\"background-color: #f6f8fa;\"") : QString())
                 .arg(i + 1)
                 .arg(verified ? QStringLiteral("<span style=\"color: #2e7d32;\">✓</span>")
                               : QStringLiteral("<span style=\"color: #c0392b;\">✗</span>"),
                      twoLineTime(e.clientTime), esc(CaseTimelineWidget::actorText(e)),
                      QStringLiteral("<b>%1</b>").arg(esc(eventTypeDisplayName(e.type))),
                      orDash(CaseTimelineWidget::detailsText(e)));
    }
    return h + QStringLiteral("</table>");
}

QString attachmentsSection(const QList<CaseEvent> &events)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    QString rows;
    int n = 0;
    for (const CaseEvent &e : events) {
        // Files come with the registration and with handling feedback: say which step brought each one.
        QString source = eventTypeDisplayName(e.type);
        const QString dept = e.payload.value(QLatin1String("department")).toString();
        if (!dept.isEmpty())
            source += QStringLiteral(" · ") + org.nameOf(dept);
        source += QLatin1Char('\n') + FormValidation::displayTime(e.clientTime);
        for (const QJsonValue &v : e.payload.value(QLatin1String("attachments")).toArray()) {
            const QJsonObject a = v.toObject();
            const QString sha = a.value(QLatin1String("sha256")).toString();
            rows += QStringLiteral("<tr><td align=\"center\">%1</td><td>%2</td><td>%3</td><td align=\"right\">%4</td>"
                                   "<td>%5</td><td>%6</td></tr>")
                        .arg(++n)
                        .arg(orDash(a.value(QLatin1String("name")).toString()),
                             orDash(a.value(QLatin1String("mime")).toString()),
                             esc(QLocale().formattedDataSize(qint64(a.value(QLatin1String("size")).toDouble()))),
                             esc(source), esc(sha.left(16) + (sha.size() > 16 ? QStringLiteral("…") : QString())));
        }
    }
    QString h = heading(CaseSheet::tr("Attachments"));
    if (n == 0)
        return h + QStringLiteral("<p>%1</p>").arg(esc(CaseSheet::tr("No attachments.")));
    h += TableStart + HeaderRow;
    h += QStringLiteral("<th width=\"4%\">#</th><th align=\"left\">%1</th><th align=\"left\">%2</th><th>%3</th>"
                        "<th align=\"left\">%4</th><th align=\"left\">%5</th>")
             .arg(esc(CaseSheet::tr("File")), esc(CaseSheet::tr("Type")), esc(CaseSheet::tr("Size")),
                  esc(CaseSheet::tr("Added with")), esc(CaseSheet::tr("SHA-256 (start)")))
         + HeaderEnd;
    return h + rows + QStringLiteral("</table>");
}

QString verificationSection(const CaseRecord &r, const QList<CaseEvent> &events, const AuditChain::Report &chain)
{
    QStringList checks;
    QString closing;
    for (const CaseEvent &e : events) {
        if (e.type == EventType::Verified)
            checks.append(CaseSheet::tr("%1 (%2, %3)")
                              .arg(CaseTimelineWidget::detailsText(e), who(e), FormValidation::displayTime(e.clientTime)));
        else if (e.type == EventType::Closed)
            closing = CaseSheet::tr("%1 (%2, %3)")
                          .arg(CaseTimelineWidget::detailsText(e), who(e), FormValidation::displayTime(e.clientTime));
    }
    QStringList result;
    if (!r.satisfaction.isEmpty())
        result.append(field(r.satisfaction == QLatin1String("satisfied") ? "Satisfied"
                            : r.satisfaction == QLatin1String("basic")   ? "Basically satisfied"
                                                                         : "Dissatisfied"));
    if (r.reworkCount > 0)
        result.append(CaseDetailWidget::tr("reworked %n time(s)", nullptr, r.reworkCount));
    if (r.reopenCount > 0)
        result.append(CaseDetailWidget::tr("reopened %n time(s)", nullptr, r.reopenCount));
    const QString chainText =
        chain.ok() ? CaseTimelineWidget::tr("✓ Audit chain verified: %n event(s), none altered.", nullptr, int(events.size()))
                   : CaseTimelineWidget::tr("✗ Audit chain broken at event %1: %2")
                         .arg(qMax(0, chain.index) + 1)
                         .arg(chain.message);

    QString h = heading(CaseSheet::tr("Verification result")) + TableStart;
    h += pairRow(CaseSheet::tr("Verification"), checks.isEmpty()
                                                    ? esc(CaseSheet::tr("Not verified yet."))
                                                    : QStringLiteral("<b>%1</b>").arg(esc(checks.join(QLatin1Char('\n')))));
    h += pairRow(field("Callback / rework"), orDash(result.join(QStringLiteral("; "))));
    h += pairRow(eventTypeDisplayName(EventType::Closed), orDash(closing));
    h += pairRow(CaseSheet::tr("Audit trail"),
                 QStringLiteral("<span style=\"color: %1;\">%2</span>")
                     .arg(chain.ok() ? QStringLiteral("#2e7d32") : QStringLiteral("#c0392b"), esc(chainText)));
    return h + QStringLiteral("</table>");
}

} // namespace

QString CaseSheet::html(const CaseRecord &r, const QList<CaseEvent> &events, const QDateTime &printedAt)
{
    const QDateTime now = printedAt.isValid() ? printedAt : QDateTime::currentDateTimeUtc();
    const AuditChain::Report chain = AuditChain::verify(events);
    QString h = QStringLiteral("<html><body style=\"font-size: 9pt;\">");
    h += QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td>%1</td>"
                        "<td align=\"right\" style=\"color: #555555;\">%2</td></tr></table>")
             .arg(esc(OrgDirectory::builtin().nameOf(QStringLiteral("center.district"))),
                  esc(tr("Printed %1 (UTC+8)").arg(FormValidation::displayTime(now))));
    h += QStringLiteral("<h1 align=\"center\" style=\"margin-bottom: 2px;\">%1</h1>").arg(esc(tr("Case Sheet")));
    h += QStringLiteral("<p align=\"center\" style=\"font-size: 12pt;\"><b>%1</b> &nbsp; %2</p>")
             .arg(orDash(r.number), esc(r.title));
    h += factsSection(r, now);
    h += locationSection(r);
    h += departmentsSection(r, now);
    h += timelineSection(events, chain);
    h += attachmentsSection(events);
    h += verificationSection(r, events, chain);
    h += QStringLiteral("<p style=\"margin-top: 24px;\">%1</p>")
             .arg(esc(tr("Filed by (signature): ____________________    Date: ____________")));
    return h + QStringLiteral("</body></html>");
}

Result CaseSheet::print(QPagedPaintDevice *device, const CaseRecord &record, const QList<CaseEvent> &events,
                        const QDateTime &printedAt, int *pageCount)
{
    const QDateTime now = printedAt.isValid() ? printedAt : QDateTime::currentDateTimeUtc();
    QTextDocument doc;
    doc.setDefaultFont(PagedPrinter::font(9));
    doc.setHtml(html(record, events, now));
    const PagedPrinter::Footer footer{
        tr("GridWhistle case sheet · %1 · printed %2").arg(record.number, FormValidation::displayTime(now)),
        [](int page, int pages) { return tr("Page %1 of %2").arg(page).arg(pages); }};
    return PagedPrinter::paint(&doc, device, footer, pageCount);
}

Result CaseSheet::print(QPagedPaintDevice *device, const CaseStore *store, const QString &caseId, int *pageCount)
{
    const std::optional<CaseRecord> record = store ? store->caseById(caseId) : std::nullopt;
    if (!record)
        return Result::failure(QStringLiteral("not_found"), tr("Case %1 is not in the local store.").arg(caseId));
    return print(device, *record, store->eventsOf(caseId), {}, pageCount);
}

QPrintPreviewDialog *CaseSheet::openPreview(QWidget *parent, const CaseStore *store, const QString &caseId)
{
    const std::optional<CaseRecord> record = store ? store->caseById(caseId) : std::nullopt;
    const QString title = tr("Case sheet %1").arg(record ? record->number : caseId);
    return PagedPrinter::openPreview(parent, title, [store, caseId](QPrinter *printer) {
        const Result r = print(printer, store, caseId);
        if (!r.ok)
            qWarning("Printing case %s: %s", qPrintable(caseId), qPrintable(r.message));
    });
}

} // namespace gw

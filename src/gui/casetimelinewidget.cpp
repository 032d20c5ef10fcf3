#include "casetimelinewidget.h"
#include "categorycatalog.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include <QEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gw {

namespace {
QString satisfactionName(const QString &s)
{
    if (s == QLatin1String("satisfied"))
        return CaseTimelineWidget::tr("satisfied");
    if (s == QLatin1String("basic"))
        return CaseTimelineWidget::tr("basically satisfied");
    if (s == QLatin1String("dissatisfied"))
        return CaseTimelineWidget::tr("dissatisfied");
    return CaseTimelineWidget::tr("no callback result");
}
}

CaseTimelineWidget::CaseTimelineWidget(QWidget *parent) : QWidget(parent)
{
    m_chainLabel = new QLabel(this);
    m_chainLabel->setObjectName(QStringLiteral("chainStatusLabel"));
    m_chainLabel->setWordWrap(true);
    m_chainLabel->setTextFormat(Qt::PlainText);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("timelineTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Chain"), tr("Time (UTC+8)"), tr("Who"), tr("Action"), tr("Details"), tr("Sync")});
    m_tree->setRootIsDecorated(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setWordWrap(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    QHeaderView *h = m_tree->header();
    h->setStretchLastSection(false);
    h->setSectionResizeMode(VerifiedColumn, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(ActorColumn, QHeaderView::Interactive);
    h->setSectionResizeMode(ActionColumn, QHeaderView::Stretch);
    h->setSectionResizeMode(SyncColumn, QHeaderView::ResizeToContents);
    // In the side pane a details column next to who/when/what had a few characters' width: the details go
    // on their own row under each event instead, across the whole width, wrapped (see fitDetailRows).
    // Who did it opens that row too (a who column next to them was squeezed just the same). The columns keep
    // their text for copying and for code that reads the item.
    m_tree->setColumnHidden(DetailsColumn, true);
    m_tree->setColumnHidden(ActorColumn, true);
    m_tree->setIndentation(14);
    m_tree->viewport()->installEventFilter(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chainLabel);
    layout->addWidget(m_tree, 1);
}

QString CaseTimelineWidget::actorText(const CaseEvent &event)
{
    if (event.actorId == QLatin1String("system"))
        return tr("District server");
    // Two lines: the person, then where they sit. Long org names never hide the role.
    return tr("%1 · %2\n%3").arg(event.actorId, roleDisplayName(event.actorRole),
                                 OrgDirectory::builtin().nameOf(event.actorOrgUnit));
}

QString CaseTimelineWidget::detailsText(const CaseEvent &event)
{
    const QJsonObject &p = event.payload;
    const OrgDirectory &org = OrgDirectory::builtin();
    const QString dept = org.nameOf(p.value("department").toString());
    auto s = [&p](const char *key) { return p.value(QLatin1String(key)).toString(); };
    auto time = [&p](const char *key) {
        return FormValidation::displayTime(QDateTime::fromString(p.value(QLatin1String(key)).toString(), Qt::ISODateWithMs));
    };
    auto withReason = [](const QString &head, const QString &reason) {
        return reason.isEmpty() ? head : tr("%1 — %2").arg(head, reason);
    };
    switch (event.type) {
    case EventType::Registered: {
        const CategoryCatalog &cats = CategoryCatalog::builtin();
        QString text = tr("%1 [%2] at %3").arg(s("title"), cats.nameOf(s("category")), s("address"));
        const int files = p.value("attachments").toArray().size();
        if (files > 0)
            text += tr(", %n attachment(s)", nullptr, files);
        return text;
    }
    case EventType::Analyzed: {
        const QString d = s("decision");
        QString head = d == QLatin1String("street") ? tr("street handles it, due %1").arg(time("due"))
                     : d == QLatin1String("merge")  ? tr("duplicate, merged")
                                                    : tr("needs a whistle");
        if (p.contains("urgency")) {
            Urgency u;
            if (urgencyFromString(s("urgency"), &u))
                head += tr(", urgency %1").arg(urgencyDisplayName(u));
        }
        return withReason(head, s("note"));
    }
    case EventType::Reviewed: {
        const QString d = s("decision");
        const QString head = d == QLatin1String("approve") ? tr("approved")
                           : d == QLatin1String("return")  ? tr("returned for analysis")
                                                           : tr("rejected");
        return withReason(head, s("reason"));
    }
    case EventType::Whistled: {
        QStringList parts;
        for (const QJsonValue &v : p.value("departments").toArray()) {
            const QJsonObject d = v.toObject();
            parts.append(tr("%1 (%2, check in by %3, handle by %4)")
                             .arg(org.nameOf(d.value("department").toString()),
                                  d.value("lead").toBool() ? tr("lead") : tr("assisting"),
                                  FormValidation::displayTime(QDateTime::fromString(d.value("checkInDue").toString(), Qt::ISODateWithMs)),
                                  FormValidation::displayTime(QDateTime::fromString(d.value("handleDue").toString(), Qt::ISODateWithMs))));
        }
        if (!s("deadlineReason").isEmpty())  // a deadline longer than the category's rule (WhistleDeadlines)
            parts.append(tr("Longer deadline because: %1").arg(s("deadlineReason")));
        return withReason(parts.join(QLatin1Char('\n')), s("note"));
    }
    case EventType::CheckedIn:
        return withReason(dept, s("note"));
    case EventType::AssignmentReturned:
        return withReason(dept, s("reason"));
    case EventType::Handled: {
        QString text = withReason(dept, s("feedback"));
        const int files = p.value("attachments").toArray().size();
        if (files > 0)
            text += tr(" (%n evidence file(s))", nullptr, files);
        return text;
    }
    case EventType::PostponeRequested:
        return withReason(tr("%1 asks for %2").arg(dept, time("requestedDue")), s("reason"));
    case EventType::PostponeDecided:
        return withReason(p.value("approved").toBool() ? tr("%1: approved").arg(dept) : tr("%1: denied").arg(dept),
                          s("reason"));
    case EventType::StreetResolved:
        return s("feedback");
    case EventType::Verified: {
        if (p.value("passed").toBool())
            return withReason(tr("passed"), s("reason"));
        QString head = tr("rework");
        if (p.contains("reworkDue"))
            head += tr(", due %1").arg(time("reworkDue"));
        return withReason(head, s("reason"));
    }
    case EventType::Closed: {
        QString text = tr("callback: %1").arg(satisfactionName(s("satisfaction")));
        if (!s("callbackContact").isEmpty() || !s("callbackBy").isEmpty())
            text += tr(" (%1 called %2)").arg(s("callbackBy"), s("callbackContact"));
        return withReason(text, s("summary"));
    }
    case EventType::Escalated:
    case EventType::Reopened:
        return s("reason");
    case EventType::Commented:
        return s("text");
    case EventType::HoldChanged:
        return withReason(p.value("onHold").toBool() ? tr("on hold") : tr("resumed"), s("reason"));
    case EventType::DepartmentRated:
        return withReason(tr("%1: %2 / 5").arg(dept).arg(p.value("score").toInt()), s("comment"));
    case EventType::Numbered:
        return tr("number %1").arg(s("number"));
    }
    return {};
}

QTreeWidgetItem *CaseTimelineWidget::detailRow(int event) const
{
    QTreeWidgetItem *item = m_tree->topLevelItem(event);
    return item && item->childCount() > 0 ? item->child(0) : nullptr;
}

void CaseTimelineWidget::fitDetailRows()
{
    // A spanned row takes its height from a size hint, so wrap the text to the width it has now.
    const int width = qMax(80, m_tree->viewport()->width() - m_tree->indentation() - 12);
    const QFontMetrics metrics(m_tree->font());
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = detailRow(i);
        if (!row)
            continue;
        const QRect text = metrics.boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, row->text(0));
        const QSize hint(width, text.height() + 6);
        if (row->sizeHint(0) != hint)
            row->setSizeHint(0, hint);
    }
}

bool CaseTimelineWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        fitDetailRows();
    return QWidget::eventFilter(watched, event);
}

void CaseTimelineWidget::setEvents(const QList<CaseEvent> &events)
{
    m_report = AuditChain::verify(events);
    m_tree->clear();
    const int brokenFrom = m_report.ok() ? events.size() : qMax(0, m_report.index);
    for (int i = 0; i < events.size(); ++i) {
        const CaseEvent &e = events.at(i);
        auto *item = new QTreeWidgetItem(m_tree);
        const bool verified = i < brokenFrom;
        item->setText(VerifiedColumn, verified ? QStringLiteral("✓") : QStringLiteral("✗"));
        item->setForeground(VerifiedColumn, verified ? QColor(0x2e7d32) : QColor(0xc0392b));
        item->setToolTip(VerifiedColumn, verified ? tr("Hash verified") : m_report.message.text());
        item->setData(VerifiedColumn, Qt::UserRole, verified);
        item->setText(TimeColumn, FormValidation::displayTime(e.clientTime));
        item->setText(ActorColumn, actorText(e));
        item->setToolTip(ActorColumn, actorText(e));
        item->setText(ActionColumn, eventTypeDisplayName(e.type));
        const QString details = detailsText(e);
        item->setText(DetailsColumn, details);
        item->setToolTip(DetailsColumn, details);
        {
            QString text = actorText(e).replace(QLatin1Char('\n'), tr(" · "));
            if (!details.isEmpty())
                text += QLatin1Char('\n') + details;
            auto *detailRow = new QTreeWidgetItem(item);
            detailRow->setText(0, text);
            detailRow->setToolTip(0, text);
            detailRow->setFlags(Qt::ItemIsEnabled);
            detailRow->setFirstColumnSpanned(true);
            detailRow->setForeground(0, QColor(0x37474f));
            item->setExpanded(true);
        }
        const bool pending = e.serverSeq == 0;
        item->setText(SyncColumn, pending ? tr("pending sync") : tr("synced #%1").arg(e.serverSeq));
        item->setData(SyncColumn, Qt::UserRole, pending);
        if (pending)
            item->setForeground(SyncColumn, QColor(0xb26a00));
        if (!verified)
            for (int c = TimeColumn; c < ColumnCount; ++c)
                item->setBackground(c, QColor(0xfdecea));
    }
    fitDetailRows();
    m_tree->scrollToBottom();  // the latest step is what people look for
    if (m_report.ok()) {
        m_chainLabel->setText(tr("✓ Audit chain verified: %n event(s), none altered.", nullptr, int(events.size())));
        m_chainLabel->setStyleSheet(QStringLiteral("color: #2e7d32;"));
    } else {
        m_chainLabel->setText(tr("✗ Audit chain broken at event %1: %2").arg(brokenFrom + 1).arg(m_report.message));
        m_chainLabel->setStyleSheet(
            QStringLiteral("color: #c0392b; background: #fdecea; border: 1px solid #f5c6cb; padding: 4px;"));
    }
}

} // namespace gw

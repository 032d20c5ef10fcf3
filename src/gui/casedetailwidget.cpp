#include "casedetailwidget.h"
#include "attachmentlist.h"
#include "accesspolicy.h"
#include "caseactiondialog.h"
#include "casesheet.h"
#include "casestore.h"
#include "syncjournal.h"
#include "casetimelinewidget.h"
#include "categorycatalog.h"
#include "citystatewidget.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include <QAction>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace gw {

namespace {
enum DeptColumn { DeptName, DeptRole, DeptState, DeptCheckInDue, DeptCheckedIn, DeptHandleDue, DeptHandled,
                  DeptPostpone, DeptRating, DeptColumns };
const QColor overdueBackground(0xf8d7da);
const QColor overdueText(0xa61b1b);

QString satisfactionText(const QString &s)
{
    if (s == QLatin1String("satisfied"))
        return CaseDetailWidget::tr("Satisfied");
    if (s == QLatin1String("basic"))
        return CaseDetailWidget::tr("Basically satisfied");
    if (s == QLatin1String("dissatisfied"))
        return CaseDetailWidget::tr("Dissatisfied");
    return {};
}
}

CaseDetailWidget::CaseDetailWidget(CaseStore *store, const User &user, QWidget *parent)
    : QWidget(parent), m_store(store), m_user(user)
{
    setObjectName(QStringLiteral("caseDetailWidget"));
    build();
    if (m_store)
        connect(m_store, &CaseStore::casesChanged, this, [this](const QStringList &ids) {
            if (!m_caseId.isEmpty() && (ids.isEmpty() || ids.contains(m_caseId)))
                refresh();
        });
    showPlaceholder(tr("Choose a case in the list to see it here."));
}

QLabel *CaseDetailWidget::valueLabel(const QString &objectName)
{
    auto *l = new QLabel(this);
    l->setObjectName(objectName);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setMinimumWidth(120);
    m_values.insert(objectName, l);
    return l;
}

void CaseDetailWidget::build()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("placeholderLabel"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    outer->addWidget(m_placeholder);

    m_content = new QWidget(this);
    outer->addWidget(m_content, 1);
    auto *layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);

    m_title = new QLabel(m_content);
    m_title->setObjectName(QStringLiteral("titleLabel"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.35);
    big.setBold(true);
    m_title->setFont(big);
    m_badges = new QLabel(m_content);
    m_badges->setObjectName(QStringLiteral("badgesLabel"));
    m_badges->setTextFormat(Qt::RichText);
    layout->addWidget(m_title);
    m_printAction = new QAction(this);
    m_printAction->setObjectName(QStringLiteral("printCaseAction"));
    m_printAction->setShortcut(QKeySequence::Print);
    connect(m_printAction, &QAction::triggered, this, [this] { printCase(); });
    addAction(m_printAction);
    auto *printButton = new QToolButton(m_content);
    printButton->setObjectName(QStringLiteral("printCaseButton"));
    printButton->setDefaultAction(m_printAction);
    auto *badgeRow = new QHBoxLayout;
    badgeRow->addWidget(m_badges, 1);
    badgeRow->addWidget(printButton);
    layout->addLayout(badgeRow);
    retranslatePrint();

    m_actionBar = new QWidget(m_content);
    m_actionBar->setObjectName(QStringLiteral("actionBar"));
    m_actionLayout = new QHBoxLayout(m_actionBar);
    m_actionLayout->setContentsMargins(0, 4, 0, 4);
    layout->addWidget(m_actionBar);

    m_decisions = new QLabel(m_content);
    m_decisions->setObjectName(QStringLiteral("decisionsLabel"));
    m_decisions->setWordWrap(true);
    m_decisions->setTextFormat(Qt::PlainText);
    m_decisions->setStyleSheet(QStringLiteral("color: #7a4d00; background: #fff4d6; border: 1px solid #f0d58c; padding: 6px;"));
    layout->addWidget(m_decisions);

    auto *splitter = new QSplitter(Qt::Vertical, m_content);
    splitter->setObjectName(QStringLiteral("detailSplitter"));
    layout->addWidget(splitter, 1);

    m_splitter = splitter;
    auto *upper = new QWidget(splitter);
    m_upper = upper;
    auto *upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    auto *fieldsBox = new QGroupBox(tr("Case"), upper);
    m_fields = new QGridLayout(fieldsBox);
    m_fields->setHorizontalSpacing(12);
    m_fields->setColumnStretch(1, 1);
    m_fields->setColumnStretch(3, 1);
    const QList<QPair<QString, QString>> fields{
        {QStringLiteral("numberValue"), tr("Number")},         {QStringLiteral("statusValue"), tr("Status")},
        {QStringLiteral("categoryValue"), tr("Category")},     {QStringLiteral("urgencyValue"), tr("Urgency")},
        {QStringLiteral("streetValue"), tr("Street / community")}, {QStringLiteral("addressValue"), tr("Address")},
        {QStringLiteral("gridCellValue"), tr("Grid cell")},    {QStringLiteral("locationValue"), tr("Longitude, latitude")},
        {QStringLiteral("reporterValue"), tr("Reporter")},     {QStringLiteral("registeredValue"), tr("Registered")},
        {QStringLiteral("analysisValue"), tr("Analysis")},     {QStringLiteral("streetHandlingValue"), tr("Street handling")},
        {QStringLiteral("flagsValue"), tr("Escalation / hold")}, {QStringLiteral("resultValue"), tr("Callback / rework")}};
    for (int i = 0; i < fields.size(); ++i) {
        auto *label = new QLabel(fields.at(i).second + QLatin1Char(':'), fieldsBox);
        label->setAlignment(Qt::AlignRight | Qt::AlignTop);
        label->setStyleSheet(QStringLiteral("color: palette(dark);"));
        m_fields->addWidget(label, i / 2, (i % 2) * 2);
        m_fields->addWidget(valueLabel(fields.at(i).first), i / 2, (i % 2) * 2 + 1);
    }
    const int row = int(fields.size() + 1) / 2;
    auto *descriptionLabel = new QLabel(tr("Description") + QLatin1Char(':'), fieldsBox);
    descriptionLabel->setAlignment(Qt::AlignRight | Qt::AlignTop);
    descriptionLabel->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_fields->addWidget(descriptionLabel, row, 0);
    m_fields->addWidget(valueLabel(QStringLiteral("descriptionValue")), row, 1, 1, 3);
    upperLayout->addWidget(fieldsBox);

    // The case's files, right below its fields; shown only when the case has any.
    m_filesBox = new QGroupBox(tr("Files (附件)"), upper);
    auto *filesLayout = new QVBoxLayout(m_filesBox);
    m_files = new AttachmentList(m_store, m_filesBox);
    m_files->setObjectName(QStringLiteral("caseAttachments"));
    m_files->setMaximumHeight(m_files->fontMetrics().height() * 6);  // a few rows; it scrolls beyond
    filesLayout->addWidget(m_files);
    m_filesBox->setVisible(false);
    upperLayout->addWidget(m_filesBox);

    auto *deptBox = new QGroupBox(tr("Departments (吹哨报到)"), upper);
    auto *deptLayout = new QVBoxLayout(deptBox);
    m_departments = new QTableWidget(0, DeptColumns, deptBox);
    m_departments->setObjectName(QStringLiteral("departmentsTable"));
    m_departments->setHorizontalHeaderLabels({tr("Department"), tr("Role"), tr("State"), tr("Check-in due"),
                                              tr("Checked in"), tr("Handling due"), tr("Handled"),
                                              tr("Postponement"), tr("Rating")});
    m_departments->verticalHeader()->setVisible(false);
    m_departments->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_departments->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_departments->setWordWrap(false);
    m_departments->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_departments->horizontalHeader()->setSectionResizeMode(DeptPostpone, QHeaderView::Stretch);
    deptLayout->addWidget(m_departments);
    upperLayout->addWidget(deptBox);
    upperLayout->addStretch(1);

    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(upper);
    splitter->addWidget(scroll);

    auto *timelineBox = new QGroupBox(tr("Timeline (吹哨全留痕)"), splitter);
    auto *timelineLayout = new QVBoxLayout(timelineBox);
    m_timeline = new CaseTimelineWidget(timelineBox);
    timelineLayout->addWidget(m_timeline);
    splitter->addWidget(timelineBox);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
}

QDateTime CaseDetailWidget::now() const
{
    return m_nowOverride.isValid() ? m_nowOverride : QDateTime::currentDateTimeUtc();
}

void CaseDetailWidget::showPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(true);
    m_content->setVisible(false);
    m_printAction->setEnabled(false);
    m_shownActions.clear();
    if (m_cityState)
        m_cityState->clear();
}

void CaseDetailWidget::setAttachmentTransfer(AttachmentTransfer *transfer)
{
    m_attachmentTransfer = transfer;
    refresh();
}

void CaseDetailWidget::setCityClient(CityExchangeClient *client)
{
    delete m_cityState;
    m_cityState = nullptr;
    if (!client)
        return;
    m_cityState = new CityStateWidget(client, m_upper);
    // Right below the case's fields and files, above the departments.
    auto *upperLayout = static_cast<QVBoxLayout *>(m_upper->layout());
    upperLayout->insertWidget(upperLayout->indexOf(m_filesBox) + 1, m_cityState);
    // The box appears or grows when the server answers, after the splitter was fitted: make room if needed.
    connect(m_cityState, &CityStateWidget::stateShown, this, [this] {
        if (QLayout *l = m_upper->layout())
            l->activate();
        const int width = m_splitter->width();
        const int needed = (m_upper->hasHeightForWidth() ? m_upper->heightForWidth(width) : m_upper->sizeHint().height()) + 4;
        if (!m_splitter->sizes().isEmpty() && m_splitter->sizes().first() < needed && isVisible())
            fitSplitter();
    });
    refresh();
}

void CaseDetailWidget::showCase(const QString &caseId)
{
    m_caseId = caseId;
    refresh();
    m_fitSplitterPending = true;
    if (isVisible())
        fitSplitter();
}

void CaseDetailWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_fitSplitterPending)
        fitSplitter();
}

// A new case: fields and departments as tall as they need at this width, the timeline the rest. A later
// refresh keeps whatever the user dragged the splitter to.
void CaseDetailWidget::fitSplitter()
{
    m_fitSplitterPending = false;
    if (QLayout *l = layout())
        l->activate();
    const int width = m_splitter->width();
    const int upper = (m_upper->hasHeightForWidth() ? m_upper->heightForWidth(width) : m_upper->sizeHint().height()) + 4;
    const int total = qMax(m_splitter->height(), upper + 200);
    m_splitter->setSizes({upper, total - upper});
}

void CaseDetailWidget::refresh()
{
    if (m_caseId.isEmpty() || !m_store) {
        showPlaceholder(tr("Choose a case in the list to see it here."));
        return;
    }
    const std::optional<CaseRecord> record = m_store->caseById(m_caseId);
    if (!record) {
        showPlaceholder(tr("This case is not in the local store (yet). Sync to fetch it."));
        return;
    }
    if (!AccessPolicy::canView(*record, m_user)) {
        showPlaceholder(tr("Case %1 is outside your area of responsibility.").arg(record->number));
        return;
    }
    m_placeholder->setVisible(false);
    m_content->setVisible(true);
    m_printAction->setEnabled(true);
    const QList<CaseEvent> events = m_store->eventsOf(m_caseId);
    fillFields(*record);
    fillDepartments(*record);
    fillDecisions(events);
    fillActions(*record);
    m_timeline->setEvents(events);
    if (m_cityState)
        m_cityState->showCase(*record);
}

void CaseDetailWidget::fillFields(const CaseRecord &r)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const CategoryCatalog &cats = CategoryCatalog::builtin();
    m_title->setText(r.title);
    QStringList badges;
    auto badge = [&badges](const QString &text, const char *bg, const char *fg) {
        badges.append(QStringLiteral("<span style=\"background:%1; color:%2;\">&nbsp;%3&nbsp;</span>")
                          .arg(QLatin1String(bg), QLatin1String(fg), text.toHtmlEscaped()));
    };
    badge(caseStatusDisplayName(r.status), "#e3edf7", "#1f4e79");
    if (r.urgency != Urgency::Normal)
        badge(urgencyDisplayName(r.urgency), "#fde2c8", "#8a4b08");
    if (r.isOverdue(now()))
        badge(tr("Overdue"), "#f8d7da", "#a61b1b");
    if (r.onHold)
        badge(tr("On hold"), "#eeeeee", "#555555");
    if (r.escalated)
        badge(tr("Escalated to the city"), "#ede7f6", "#4527a0");
    m_badges->setText(badges.join(QStringLiteral("&nbsp; ")));

    auto set = [this](const char *key, const QString &text) {
        m_values.value(QLatin1String(key))->setText(text.isEmpty() ? QStringLiteral("—") : text);
    };
    set("numberValue", r.number);
    set("statusValue", caseStatusDisplayName(r.status) + (r.mergedInto.isEmpty() ? QString() : tr(" (into %1)").arg(r.mergedInto)));
    const Category *cat = cats.find(r.categoryId);
    set("categoryValue", cat ? (r.subcategoryId.isEmpty() ? cat->name : tr("%1 / %2").arg(cat->name, cat->subName(r.subcategoryId)))
                             : r.categoryId);
    set("urgencyValue", urgencyDisplayName(r.urgency));
    set("streetValue", r.communityId.isEmpty() ? org.nameOf(r.streetId)
                                                : tr("%1 / %2").arg(org.nameOf(r.streetId), org.nameOf(r.communityId)));
    set("addressValue", r.address);
    set("gridCellValue", org.gridCellLabel(r.gridCell));
    set("locationValue", r.hasLocation ? tr("%1, %2").arg(r.longitude, 0, 'f', 6).arg(r.latitude, 0, 'f', 6) : QString());
    QStringList reporter;
    if (!r.reporterName.isEmpty())
        reporter.append(r.reporterName);
    if (!r.reporterPhone.isEmpty())
        reporter.append(r.reporterPhone);
    set("reporterValue", reporter.join(QStringLiteral(", ")));
    set("registeredValue", tr("%1 by %2").arg(FormValidation::displayTime(r.registeredAt), r.registeredBy));
    set("analysisValue", r.analysisNote);
    QString street;
    if (r.streetDue.isValid())
        street = tr("due %1").arg(FormValidation::displayTime(r.streetDue));
    if (!r.streetFeedback.isEmpty())
        street += (street.isEmpty() ? QString() : QStringLiteral("; ")) + r.streetFeedback;
    set("streetHandlingValue", street);
    QStringList flags;
    if (r.escalated)
        flags.append(tr("escalated: %1").arg(r.escalationReason));
    if (r.onHold)
        flags.append(tr("on hold"));
    set("flagsValue", flags.join(QStringLiteral("; ")));
    QStringList result;
    if (!r.satisfaction.isEmpty())
        result.append(satisfactionText(r.satisfaction));
    if (r.reworkCount > 0)
        result.append(tr("reworked %n time(s)", nullptr, r.reworkCount));
    if (r.reopenCount > 0)
        result.append(tr("reopened %n time(s)", nullptr, r.reopenCount));
    set("resultValue", result.join(QStringLiteral("; ")));
    set("descriptionValue", r.description);
    m_files->showCaseFiles(r.id, r.attachments, m_attachmentTransfer);
    m_filesBox->setVisible(!r.attachments.isEmpty());
}

void CaseDetailWidget::fillDepartments(const CaseRecord &r)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const QDateTime t = now();
    m_departments->setRowCount(0);
    for (const DepartmentAssignment &a : r.departments) {
        if (a.archived)
            continue;  // an earlier round, before the case was reopened: it is in the timeline
        const int row = m_departments->rowCount();
        m_departments->insertRow(row);
        auto cell = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            m_departments->setItem(row, column, item);
            return item;
        };
        cell(DeptName, org.nameOf(a.departmentId))->setData(Qt::UserRole, a.departmentId);
        cell(DeptRole, a.lead ? tr("Lead 主办") : tr("Assist 协办"));
        QTableWidgetItem *state = cell(DeptState, DepartmentAssignment::stateDisplayName(a.state));
        if (a.state == DepartmentAssignment::State::Returned)
            state->setToolTip(tr("Returned by %1: %2").arg(a.returnedBy, a.returnReason));
        QTableWidgetItem *checkInDue = cell(DeptCheckInDue, FormValidation::displayTime(a.checkInDue));
        cell(DeptCheckedIn, FormValidation::displayTime(a.checkedInAt));
        QTableWidgetItem *handleDue = cell(DeptHandleDue, FormValidation::displayTime(a.handleDue));
        cell(DeptHandled, FormValidation::displayTime(a.handledAt));
        QString postpone;
        if (a.postponeRequestedDue.isValid())
            postpone = tr("Waiting: to %1 — %2").arg(FormValidation::displayTime(a.postponeRequestedDue), a.postponeReason);
        else if (a.postponeCount > 0)
            postpone = tr("Postponed %n time(s)", nullptr, a.postponeCount);
        QTableWidgetItem *p = cell(DeptPostpone, postpone);
        p->setToolTip(postpone);
        if (a.postponeRequestedDue.isValid())
            p->setForeground(QColor(0xb26a00));
        cell(DeptRating, a.rating > 0 ? tr("%1 / 5").arg(a.rating) : QString());
        for (auto [item, due] : {std::pair{checkInDue, a.checkInDue}, std::pair{handleDue, a.handleDue}}) {
            const QString note = FormValidation::uncoveredDeadlineNote(due);
            if (!note.isEmpty()) {
                item->setText(tr("%1 (weekdays only)").arg(item->text()));
                item->setToolTip(note);
            }
        }
        for (auto [item, overdue] : {std::pair{checkInDue, a.isActive() && a.isCheckInOverdue(t)},
                                     std::pair{handleDue, a.isActive() && a.isHandleOverdue(t)}}) {
            if (!overdue)
                continue;
            item->setBackground(overdueBackground);
            item->setForeground(overdueText);
            item->setText(tr("%1 overdue").arg(item->text()));
            item->setData(Qt::UserRole, true);
        }
        if (!a.isActive())
            for (int c = 0; c < DeptColumns; ++c)
                m_departments->item(row, c)->setForeground(QColor(0x999999));
    }
    m_departments->setCurrentItem(nullptr);
    // Exactly as tall as its rows (up to six), so the timeline below gets the rest of the height.
    m_departments->resizeRowsToContents();
    int height = m_departments->horizontalHeader()->sizeHint().height() + 2 * m_departments->frameWidth() + 2;
    for (int r = 0; r < qMin(6, int(m_departments->rowCount())); ++r)
        height += m_departments->rowHeight(r);
    if (m_departments->rowCount() == 0)
        height += 24;
    // In a narrow pane (the main window's side panel) a horizontal scroll bar appears; reserve its
    // height so it never hides the rows.
    height += m_departments->horizontalScrollBar()->sizeHint().height();
    m_departments->setFixedHeight(height);
}

void CaseDetailWidget::fillDecisions(const QList<CaseEvent> &events)
{
    // Every return, rejection, rework and denial with who and why: the next person must see them.
    QStringList lines;
    const OrgDirectory &org = OrgDirectory::builtin();
    for (const CaseEvent &e : events) {
        const QJsonObject &p = e.payload;
        QString what;
        switch (e.type) {
        case EventType::Reviewed:
            if (p.value("decision").toString() == QLatin1String("return"))
                what = tr("returned for analysis");
            else if (p.value("decision").toString() == QLatin1String("reject"))
                what = tr("rejected");
            break;
        case EventType::AssignmentReturned:
            what = tr("returned the assignment of %1").arg(org.nameOf(p.value("department").toString()));
            break;
        case EventType::Verified:
            if (!p.value("passed").toBool())
                what = tr("sent back for rework");
            break;
        case EventType::PostponeDecided:
            if (!p.value("approved").toBool())
                what = tr("denied the postponement of %1").arg(org.nameOf(p.value("department").toString()));
            break;
        case EventType::Reopened:
            what = tr("reopened");
            break;
        default:
            break;
        }
        if (what.isEmpty())
            continue;
        lines.append(tr("%1  %2 (%3) %4: %5")
                         .arg(FormValidation::displayTime(e.clientTime), e.actorId, roleDisplayName(e.actorRole), what,
                              p.value("reason").toString()));
    }
    m_decisions->setText(lines.isEmpty() ? QString() : tr("Returns and rejections:\n%1").arg(lines.join(QLatin1Char('\n'))));
    m_decisions->setVisible(!lines.isEmpty());
}

void CaseDetailWidget::fillActions(const CaseRecord &r)
{
    while (QLayoutItem *item = m_actionLayout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            // Out of the bar at once (so lookups never find a stale button), deleted once its signals are done.
            w->hide();
            w->setParent(nullptr);
            w->deleteLater();
        }
        delete item;
    }
    // Someone else's unsent actions on this case come first in its chain: nothing can be added until they are
    // sent under their author's own sign-in (issue 17).
    const QString heldFor = m_store->journal().heldBy(r.id, m_user.id);
    if (!heldFor.isEmpty()) {
        m_shownActions.clear();
        auto *held = new QLabel(SyncJournal::heldReason(heldFor).text(), m_actionBar);
        held->setObjectName(QStringLiteral("heldForAuthor"));
        held->setWordWrap(true);
        held->setStyleSheet(QStringLiteral("color: #8a5a00;"));
        m_actionLayout->addWidget(held, 1);
        held->show();
        return;
    }
    m_shownActions = m_workflow.availableActions(r, m_user);
    if (m_workflow.permits(&r, m_user, EventType::Commented).ok)
        m_shownActions.append(EventType::Commented);
    for (EventType type : std::as_const(m_shownActions)) {
        auto *button = new QPushButton(CaseActionDialog::actionTitle(type, r), m_actionBar);
        button->setObjectName(QStringLiteral("action_") + eventTypeToString(type));
        connect(button, &QPushButton::clicked, this, [this, type] { openAction(type); });
        m_actionLayout->addWidget(button);
        button->show();  // not left to the queued show of widgets added to a visible layout
    }
    if (m_shownActions.isEmpty() || m_shownActions == QList<EventType>{EventType::Commented}) {
        auto *none = new QLabel(tr("Nothing for you to do on this case now."), m_actionBar);
        none->setStyleSheet(QStringLiteral("color: palette(dark);"));
        m_actionLayout->addWidget(none);
        none->show();
    }
    m_actionLayout->addStretch();
}

QPrintPreviewDialog *CaseDetailWidget::printCase()
{
    if (!m_printAction->isEnabled())
        return nullptr;
    return CaseSheet::openPreview(this, m_store, m_caseId);
}

void CaseDetailWidget::retranslatePrint()
{
    m_printAction->setText(tr("Print case…"));
    m_printAction->setToolTip(tr("Print this case's sheet (哨件单) with a preview first (Ctrl+P)"));
}

void CaseDetailWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_printAction)
        retranslatePrint();
    QWidget::changeEvent(event);
}

QPushButton *CaseDetailWidget::actionButton(EventType type) const
{
    return m_actionBar->findChild<QPushButton *>(QStringLiteral("action_") + eventTypeToString(type));
}

CaseActionDialog *CaseDetailWidget::openAction(EventType type)
{
    if (!m_shownActions.contains(type))
        return nullptr;
    const std::optional<CaseRecord> record = m_store->caseById(m_caseId);
    if (!record)
        return nullptr;
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new CaseActionDialog(m_store, m_user, *record, type, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CaseActionDialog::submitted, this, [this](const QString &caseId) {
        refresh();
        Q_EMIT caseChanged(caseId);
    });
    m_dialog = dialog;
    // open(), not exec(): window-modal without a nested event loop, so the app (and a test) keeps running.
    dialog->open();
    return dialog;
}

} // namespace gw

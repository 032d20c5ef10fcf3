#include "caseactiondialog.h"
#include "attachmentlist.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "departmentpicker.h"
#include "whistledeadlines.h"
#include "eventbuilder.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include "phrasecombo.h"
#include "workcalendar.h"
#include "workflow.h"
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QUuid>
#include <QVBoxLayout>

namespace gw {

namespace {
QString kText() { return QStringLiteral("text"); }
QString kChoice() { return QStringLiteral("choice"); }
QString kDue() { return QStringLiteral("due"); }
QString kDepartment() { return QStringLiteral("department"); }
QString kPicker() { return QStringLiteral("picker"); }
QString kCategory() { return QStringLiteral("category"); }
QString kMerge() { return QStringLiteral("merge"); }
QString kCallback() { return QStringLiteral("callback"); }
QString kScore() { return QStringLiteral("score"); }
QString kAttachments() { return QStringLiteral("attachments"); }
}

QString CaseActionDialog::actionTitle(EventType type, const CaseRecord &record)
{
    switch (type) {
    case EventType::Analyzed: return tr("Analyze (研判)");
    case EventType::Reviewed: return tr("Review (审核)");
    case EventType::Whistled: return record.leadAssignment() ? tr("Summon more departments") : tr("Blow the whistle (吹哨)");
    case EventType::CheckedIn: return tr("Check in (报到)");
    case EventType::AssignmentReturned: return tr("Return the assignment (退回)");
    case EventType::Handled: return tr("Handling feedback (处置反馈)");
    case EventType::PostponeRequested: return tr("Request a postponement (延期申请)");
    case EventType::PostponeDecided: return tr("Decide on a postponement (延期审批)");
    case EventType::StreetResolved: return tr("Street handling result");
    case EventType::Verified: return tr("Verify the result (核查)");
    case EventType::Closed: return tr("Close the case (结案)");
    case EventType::Escalated: return tr("Escalate to the city (上报市级)");
    case EventType::Reopened: return tr("Reopen");
    case EventType::Commented: return tr("Comment (线上协同)");
    case EventType::HoldChanged: return record.onHold ? tr("Resume (恢复)") : tr("Put on hold (缓办)");
    case EventType::DepartmentRated: return tr("Rate a department");
    case EventType::Registered:
    case EventType::Numbered: break;
    }
    return eventTypeDisplayName(type);
}

CaseActionDialog::CaseActionDialog(CaseStore *store, const User &user, const CaseRecord &record, EventType type,
                                   QWidget *parent)
    : QDialog(parent), m_store(store), m_user(user), m_record(record), m_type(type)
{
    setObjectName(QStringLiteral("caseActionDialog"));
    setWindowTitle(tr("%1 — %2").arg(actionTitle(type, record), record.number));
    auto *layout = new QVBoxLayout(this);

    auto *header = new QLabel(this);
    header->setObjectName(QStringLiteral("caseHeader"));
    header->setWordWrap(true);
    header->setTextFormat(Qt::PlainText);
    header->setText(tr("%1  %2\nStatus: %3").arg(record.number, record.title, caseStatusDisplayName(record.status)));
    header->setStyleSheet(QStringLiteral("font-weight: bold;"));
    layout->addWidget(header);
    if (!record.lastDecisionReason.isEmpty()) {
        auto *decision = new QLabel(tr("Last returned/rejected by %1: %2").arg(record.lastDecisionBy,
                                                                              record.lastDecisionReason), this);
        decision->setObjectName(QStringLiteral("lastDecisionLabel"));
        decision->setWordWrap(true);
        decision->setTextFormat(Qt::PlainText);
        decision->setStyleSheet(QStringLiteral("color: #8a6d3b; background: #fcf8e3; padding: 4px;"));
        layout->addWidget(decision);
    }
    m_formError = new QLabel(this);
    m_formError->setObjectName(QStringLiteral("formErrorLabel"));
    m_formError->setWordWrap(true);
    m_formError->setTextFormat(Qt::PlainText);
    m_formError->setStyleSheet(
        QStringLiteral("color: #c0392b; background: #fdecea; border: 1px solid #f5c6cb; padding: 6px;"));
    m_formError->setVisible(false);
    layout->addWidget(m_formError);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    layout->addLayout(m_form);
    buildForm();
    if (!m_picker)
        layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("submitButton"));
    ok->setText(tr("Submit"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &CaseActionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CaseActionDialog::reject);
    layout->addWidget(buttons);
    updateEnabled();
    resize(m_picker ? QSize(860, 620) : QSize(560, sizeHint().height()));
}

QLabel *CaseActionDialog::addRow(const QString &key, const QString &label, QWidget *field)
{
    auto *holder = new QWidget(this);
    auto *v = new QVBoxLayout(holder);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(field);
    QLabel *error = FormValidation::makeErrorLabel(field, holder);
    v->addWidget(error);
    m_form->addRow(label, holder);
    m_errors.insert(key, error);
    return error;
}

void CaseActionDialog::addChoice(const QString &label, const QList<QPair<QString, QString>> &options,
                                 const QString &initial)
{
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("choiceBox"));
    auto *h = new QHBoxLayout(box);
    h->setContentsMargins(0, 0, 0, 0);
    m_choice = new QButtonGroup(this);
    for (const auto &o : options) {
        auto *b = new QRadioButton(o.second, box);
        b->setObjectName(QStringLiteral("choice_") + o.first);
        b->setProperty("value", o.first);
        b->setChecked(o.first == initial);
        m_choice->addButton(b);
        h->addWidget(b);
    }
    h->addStretch();
    connect(m_choice, &QButtonGroup::buttonToggled, this, &CaseActionDialog::updateEnabled);
    addRow(kChoice(), label, box);
}

QString CaseActionDialog::choice() const
{
    return m_choice && m_choice->checkedButton() ? m_choice->checkedButton()->property("value").toString() : QString();
}

void CaseActionDialog::addText(const QString &phraseKind, const QString &label, const QString &placeholder)
{
    m_text = new PhraseCombo(m_store, phraseKind, this);
    m_text->setObjectName(QStringLiteral("textField"));
    m_text->setPlaceholderText(placeholder);
    addRow(kText(), label, m_text);
}

void CaseActionDialog::addDue(const QString &label, const QDateTime &initial, bool optional)
{
    auto *box = new QWidget(this);
    auto *h = new QHBoxLayout(box);
    h->setContentsMargins(0, 0, 0, 0);
    if (optional) {
        m_dueEnabled = new QCheckBox(tr("Set"), box);
        m_dueEnabled->setObjectName(QStringLiteral("dueEnabled"));
        connect(m_dueEnabled, &QCheckBox::toggled, this, &CaseActionDialog::updateEnabled);
        h->addWidget(m_dueEnabled);
    }
    m_due = FormValidation::makeTimeEdit(box, QStringLiteral("dueEdit"));
    FormValidation::setEditorTime(m_due, initial);
    h->addWidget(m_due);
    h->addWidget(new QLabel(tr("(UTC+8)"), box));
    h->addStretch();
    addRow(kDue(), label, box);
}

void CaseActionDialog::addDepartmentChoice(const QList<QPair<QString, QString>> &departments)
{
    m_department = new QComboBox(this);
    m_department->setObjectName(QStringLiteral("departmentCombo"));
    for (const auto &d : departments)
        m_department->addItem(d.second, d.first);
    addRow(kDepartment(), tr("Department"), m_department);
}

void CaseActionDialog::addCategoryFields()
{
    const CategoryCatalog &catalog = CategoryCatalog::builtin();
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("categoryCombo"));
    for (const Category &c : catalog.categories())
        m_category->addItem(c.name, c.id);
    m_category->setCurrentIndex(qMax(0, m_category->findData(m_record.categoryId)));
    m_subcategory = new QComboBox(this);
    m_subcategory->setObjectName(QStringLiteral("subcategoryCombo"));
    auto fillSubs = [this, &catalog] {
        m_subcategory->clear();
        m_subcategory->addItem(tr("(none)"), QString());
        if (const Category *c = catalog.find(m_category->currentData().toString()))
            for (const Category::Sub &s : c->subcategories)
                m_subcategory->addItem(s.name, s.id);
    };
    fillSubs();
    m_subcategory->setCurrentIndex(qMax(0, m_subcategory->findData(m_record.subcategoryId)));
    connect(m_category, &QComboBox::currentIndexChanged, this, fillSubs);
    auto *box = new QWidget(this);
    auto *h = new QHBoxLayout(box);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(m_category, 1);
    h->addWidget(m_subcategory, 1);
    addRow(kCategory(), tr("Category"), box);

    m_urgency = new QComboBox(this);
    m_urgency->setObjectName(QStringLiteral("urgencyCombo"));
    for (Urgency u : allUrgencies())
        m_urgency->addItem(urgencyDisplayName(u), urgencyToString(u));
    m_urgency->setCurrentIndex(qMax(0, m_urgency->findData(urgencyToString(m_record.urgency))));
    addRow(QStringLiteral("urgency"), tr("Urgency"), m_urgency);
}

void CaseActionDialog::buildForm()
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const WorkCalendar &calendar = WorkCalendar::builtin();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString ownDept = org.nameOf(ownDepartment());
    auto info = [this](const QString &label, const QString &text) {
        auto *l = new QLabel(text, this);
        l->setWordWrap(true);
        l->setTextFormat(Qt::PlainText);
        m_form->addRow(label, l);
        return l;
    };
    switch (m_type) {
    case EventType::Analyzed:
        addChoice(tr("Decision"), {{QStringLiteral("whistle"), tr("Needs a whistle (吹哨)")},
                                   {QStringLiteral("street"), tr("Street handles it (街道自办)")},
                                   {QStringLiteral("merge"), tr("Duplicate: merge")}},
                  QStringLiteral("whistle"));
        addCategoryFields();
        addText(QStringLiteral("analysis_note"), tr("Analysis note"),
                tr("Required when the street handles it or it is merged"));
        addDue(tr("Street deadline"), calendar.addWorkingDays(now, 3), false);
        m_mergeTarget = new QLineEdit(this);
        m_mergeTarget->setObjectName(QStringLiteral("mergeTargetEdit"));
        m_mergeTarget->setPlaceholderText(tr("Number (PL-…) or id of the case this one duplicates"));
        addRow(kMerge(), tr("Duplicate of"), m_mergeTarget);
        break;
    case EventType::Reviewed:
        addChoice(tr("Decision"), {{QStringLiteral("approve"), tr("Approve")},
                                   {QStringLiteral("return"), tr("Return for analysis")},
                                   {QStringLiteral("reject"), tr("Reject")}},
                  QStringLiteral("approve"));
        addText(QStringLiteral("review_reason"), tr("Reason"), tr("Required when returning or rejecting"));
        break;
    case EventType::Whistled:
        m_picker = new DepartmentPicker(m_record, now, this);
        m_picker->setObjectName(QStringLiteral("departmentPicker"));
        addRow(kPicker(), m_record.leadAssignment() ? tr("Assisting departments") : tr("Departments"), m_picker);
        addText(QStringLiteral("whistle_note"), tr("Note to the departments"), tr("Optional"));
        m_deadlineReason = new QLineEdit(this);
        m_deadlineReason->setObjectName(QStringLiteral("deadlineReasonEdit"));
        m_deadlineReason->setMaxLength(Workflow::MaxReason);
        m_deadlineReason->setPlaceholderText(tr("Needed when a deadline is later than the category's rule"));
        addRow(WhistleDeadlines::ReasonKey, tr("Reason for a longer deadline"), m_deadlineReason);
        break;
    case EventType::CheckedIn:
        info(tr("Department"), ownDept);
        if (const DepartmentAssignment *a = m_record.assignment(ownDepartment()))
            info(tr("Check-in due"), FormValidation::displayTime(a->checkInDue));
        addText(QStringLiteral("checkin_note"), tr("Note"), tr("Optional: who handles it, first steps"));
        break;
    case EventType::AssignmentReturned:
        info(tr("Department"), ownDept);
        addText(QStringLiteral("return_reason"), tr("Reason for returning"),
                tr("Why this case is not your department's responsibility"));
        break;
    case EventType::Handled:
        info(tr("Department"), ownDept);
        addText(QStringLiteral("feedback"), tr("Handling feedback"), tr("What was done, with what result"));
        m_attachments = new AttachmentList(m_store, this);
        m_attachments->setObjectName(QStringLiteral("attachments"));
        addRow(kAttachments(), tr("Evidence"), m_attachments);
        break;
    case EventType::PostponeRequested: {
        info(tr("Department"), ownDept);
        const DepartmentAssignment *a = m_record.assignment(ownDepartment());
        const QDateTime current = a && a->handleDue.isValid() ? a->handleDue : now;
        info(tr("Current deadline"), FormValidation::displayTime(current));
        addDue(tr("New deadline"), calendar.addWorkingDays(qMax(current, now), 3), false);
        addText(QStringLiteral("postpone_reason"), tr("Reason for postponement"), tr("Why more time is needed"));
        break;
    }
    case EventType::PostponeDecided: {
        QList<QPair<QString, QString>> waiting;
        for (const DepartmentAssignment &a : m_record.departments)
            if (a.isActive() && a.postponeRequestedDue.isValid())
                waiting.append({a.departmentId, tr("%1: to %2 (now %3) — %4")
                                                    .arg(org.nameOf(a.departmentId),
                                                         FormValidation::displayTime(a.postponeRequestedDue),
                                                         FormValidation::displayTime(a.handleDue), a.postponeReason)});
        addDepartmentChoice(waiting);
        addChoice(tr("Decision"), {{QStringLiteral("approve"), tr("Approve")}, {QStringLiteral("deny"), tr("Deny")}},
                  QStringLiteral("approve"));
        addText(QStringLiteral("postpone_decision"), tr("Reason"), tr("Required when denying"));
        break;
    }
    case EventType::StreetResolved:
        if (m_record.streetDue.isValid())
            info(tr("Street deadline"), FormValidation::displayTime(m_record.streetDue));
        addText(QStringLiteral("feedback"), tr("Handling feedback"), tr("What the street did, with what result"));
        m_attachments = new AttachmentList(m_store, this);
        m_attachments->setObjectName(QStringLiteral("attachments"));
        addRow(kAttachments(), tr("Evidence"), m_attachments);
        break;
    case EventType::Verified: {
        QStringList feedback;
        for (const DepartmentAssignment &a : m_record.departments)
            if (a.isActive() && !a.feedback.isEmpty())
                feedback.append(tr("%1: %2").arg(org.nameOf(a.departmentId), a.feedback));
        if (!m_record.streetFeedback.isEmpty())
            feedback.append(tr("Street: %1").arg(m_record.streetFeedback));
        if (!feedback.isEmpty())
            info(tr("Feedback"), feedback.join(QLatin1Char('\n')));
        addChoice(tr("Result"), {{QStringLiteral("pass"), tr("Passed")}, {QStringLiteral("rework"), tr("Rework (返工)")}},
                  QStringLiteral("pass"));
        addText(QStringLiteral("rework_reason"), tr("Reason for rework"), tr("Required for rework"));
        addDue(tr("Rework deadline"), calendar.addWorkingDays(now, 3), true);
        break;
    }
    case EventType::Closed: {
        addText(QStringLiteral("close_summary"), tr("Closing summary"), tr("Optional"));
        addChoice(tr("Callback result"), {{QStringLiteral("satisfied"), tr("Satisfied")},
                                          {QStringLiteral("basic"), tr("Basically satisfied")},
                                          {QStringLiteral("dissatisfied"), tr("Dissatisfied")}},
                  QString());
        m_callbackContact = new QLineEdit(m_record.reporterPhone, this);
        m_callbackContact->setObjectName(QStringLiteral("callbackContactEdit"));
        m_callbackContact->setPlaceholderText(tr("Who was called (name or phone)"));
        addRow(kCallback(), tr("Callback contact"), m_callbackContact);
        m_callbackBy = new QLineEdit(m_user.name, this);
        m_callbackBy->setObjectName(QStringLiteral("callbackByEdit"));
        addRow(QStringLiteral("callbackBy"), tr("Called by"), m_callbackBy);
        break;
    }
    case EventType::Escalated:
        addText(QStringLiteral("escalation_reason"), tr("Reason for escalation"), tr("Why the city must act"));
        break;
    case EventType::Reopened:
        addText(QStringLiteral("reopen_reason"), tr("Reason for reopening"), QString());
        break;
    case EventType::HoldChanged:
        info(tr("Change"), m_record.onHold ? tr("Resume the case") : tr("Put the case on hold (缓办)"));
        addText(QStringLiteral("hold_reason"), tr("Reason"), QString());
        break;
    case EventType::DepartmentRated: {
        QList<QPair<QString, QString>> rateable;
        for (const DepartmentAssignment &a : m_record.departments)
            if (a.isActive() && a.state == DepartmentAssignment::State::Handled && a.rating == 0)
                rateable.append({a.departmentId, org.nameOf(a.departmentId)});
        addDepartmentChoice(rateable);
        m_score = new QSpinBox(this);
        m_score->setObjectName(QStringLiteral("scoreSpin"));
        m_score->setRange(1, 5);
        m_score->setValue(5);
        m_score->setSuffix(tr(" / 5"));
        addRow(kScore(), tr("Rating"), m_score);
        m_ratingComment = new QLineEdit(this);
        m_ratingComment->setObjectName(QStringLiteral("ratingCommentEdit"));
        addRow(QStringLiteral("comment"), tr("Comment"), m_ratingComment);
        break;
    }
    case EventType::Commented:
        addText(QStringLiteral("comment"), tr("Comment"), tr("Visible to everyone working on this case"));
        break;
    case EventType::Registered:
    case EventType::Numbered:
        break;
    }
}

void CaseActionDialog::updateEnabled()
{
    const QString c = choice();
    if (m_type == EventType::Analyzed) {
        if (m_due)
            m_due->setEnabled(c == QLatin1String("street"));
        if (m_mergeTarget)
            m_mergeTarget->setEnabled(c == QLatin1String("merge"));
    }
    if (m_type == EventType::Verified) {
        const bool rework = c == QLatin1String("rework");
        if (m_dueEnabled)
            m_dueEnabled->setEnabled(rework);
        if (m_due)
            m_due->setEnabled(rework && m_dueEnabled && m_dueEnabled->isChecked());
    }
}

QJsonObject CaseActionDialog::payload(bool *ok)
{
    *ok = true;
    QJsonObject p;
    auto fail = [&](const QString &key, const QString &message) {
        FormValidation::showError(m_errors.value(key, m_formError), message);
        *ok = false;
    };
    const QString text = m_text ? m_text->text().trimmed() : QString();
    if (m_text && text.size() > Workflow::MaxReason && m_type != EventType::Handled
        && m_type != EventType::StreetResolved)
        fail(kText(), tr("This text is too long: %1 characters, at most %2.").arg(text.size()).arg(Workflow::MaxReason));
    if (m_choice && choice().isEmpty())
        fail(kChoice(), tr("Choose one."));
    if (m_department && m_department->currentData().toString().isEmpty())
        fail(kDepartment(), tr("There is no department to choose."));
    const QString dept = m_department ? m_department->currentData().toString() : ownDepartment();
    auto put = [&p](const char *key, const QString &value) {
        if (!value.isEmpty())
            p.insert(QLatin1String(key), value);
    };

    switch (m_type) {
    case EventType::Analyzed: {
        const QString d = choice();
        p.insert("decision", d);
        put("note", text);
        if (m_category->currentData().toString() != m_record.categoryId
            || m_subcategory->currentData().toString() != m_record.subcategoryId) {
            p.insert("category", m_category->currentData().toString());
            p.insert("subcategory", m_subcategory->currentData().toString());
        }
        if (m_urgency->currentData().toString() != urgencyToString(m_record.urgency))
            p.insert("urgency", m_urgency->currentData().toString());
        if (d == QLatin1String("street"))
            p.insert("due", CaseEvent::timeToString(FormValidation::editorTime(m_due)));
        if (d == QLatin1String("merge")) {
            const QString target = m_mergeTarget->text().trimmed();
            QString targetId = QUuid::fromString(target).isNull() ? QString() : QUuid::fromString(target).toString(QUuid::WithoutBraces);
            if (targetId.isEmpty() && !target.isEmpty()) {
                CaseFilter filter;
                filter.text = target;
                for (const CaseSummary &s : m_store->listCases(filter, 0, 20))
                    if (s.number.compare(target, Qt::CaseInsensitive) == 0)
                        targetId = s.id;
            }
            if (targetId.isEmpty())
                fail(kMerge(), target.isEmpty() ? tr("Name the case this one duplicates.")
                                                : tr("No case %1 in this store.").arg(target));
            p.insert("mergedInto", targetId);
        }
        break;
    }
    case EventType::Reviewed:
        p.insert("decision", choice());
        put("reason", text);
        break;
    case EventType::Whistled:
        p.insert("departments", m_picker->departmentsPayload());
        put("note", text);
        if (!m_deadlineReason->text().trimmed().isEmpty())
            p.insert(WhistleDeadlines::ReasonKey, m_deadlineReason->text().trimmed());
        WhistleDeadlines::stampRulesVersion(p);
        if (m_picker->departmentsPayload().isEmpty())
            fail(kPicker(), tr("Choose the departments to summon."));
        else if (m_picker->needsLead() && m_picker->lead().isEmpty())
            fail(kPicker(), tr("Choose the lead department (主办)."));
        break;
    case EventType::CheckedIn:
        p.insert("department", dept);
        put("note", text);
        break;
    case EventType::AssignmentReturned:
        p.insert("department", dept);
        put("reason", text);
        break;
    case EventType::Handled:
    case EventType::StreetResolved: {
        if (m_type == EventType::Handled)
            p.insert("department", dept);
        put("feedback", text);
        if (text.size() > Workflow::MaxDescription)
            fail(kText(), tr("This text is too long: %1 characters, at most %2.").arg(text.size()).arg(Workflow::MaxDescription));
        if (*ok && m_attachments->count() > 0) {
            QJsonArray descriptors;
            const Result stored = m_attachments->commit(m_record.id, &descriptors);
            if (!stored.ok)
                fail(kAttachments(), stored.message);
            p.insert("attachments", descriptors);
        }
        break;
    }
    case EventType::PostponeRequested:
        p.insert("department", dept);
        p.insert("requestedDue", CaseEvent::timeToString(FormValidation::editorTime(m_due)));
        put("reason", text);
        break;
    case EventType::PostponeDecided:
        p.insert("department", dept);
        p.insert("approved", choice() == QLatin1String("approve"));
        put("reason", text);
        break;
    case EventType::Verified:
        p.insert("passed", choice() == QLatin1String("pass"));
        put("reason", text);
        if (choice() == QLatin1String("rework") && m_dueEnabled->isChecked())
            p.insert("reworkDue", CaseEvent::timeToString(FormValidation::editorTime(m_due)));
        break;
    case EventType::Closed:
        put("summary", text);
        if (choice().isEmpty()) {
            // The callback result is what satisfaction (满意度) is assessed on: ask for it explicitly.
            fail(kChoice(), tr("Record the callback result."));
        }
        p.insert("satisfaction", choice());
        put("callbackContact", m_callbackContact->text().trimmed());
        put("callbackBy", m_callbackBy->text().trimmed());
        break;
    case EventType::Escalated:
    case EventType::Reopened:
        put("reason", text);
        break;
    case EventType::HoldChanged:
        p.insert("onHold", !m_record.onHold);
        put("reason", text);
        break;
    case EventType::DepartmentRated:
        p.insert("department", dept);
        p.insert("score", m_score->value());
        put("comment", m_ratingComment->text().trimmed());
        break;
    case EventType::Commented:
        put("text", text);
        break;
    case EventType::Registered:
    case EventType::Numbered:
        fail(QString(), tr("This action is not made from this form."));
        break;
    }
    return p;
}

void CaseActionDialog::clearErrors()
{
    for (QLabel *l : std::as_const(m_errors))
        FormValidation::clearError(l);
    FormValidation::clearError(m_formError);
}

void CaseActionDialog::showResult(const Result &r)
{
    // The payload keys gw::Workflow names in Result::field, and the input of this dialog each one is on.
    static const QHash<QString, QString> inputs{
        {QStringLiteral("due"), QStringLiteral("due")},         {QStringLiteral("requestedDue"), QStringLiteral("due")},
        {QStringLiteral("reworkDue"), QStringLiteral("due")},   {QStringLiteral("departments"), QStringLiteral("picker")},
        {QStringLiteral("department"), QStringLiteral("picker")}, {QStringLiteral("feedback"), QStringLiteral("text")},
        {QStringLiteral("note"), QStringLiteral("text")},       {QStringLiteral("reason"), QStringLiteral("text")},
        {QStringLiteral("summary"), QStringLiteral("text")},    {QStringLiteral("text"), QStringLiteral("text")},
        {QStringLiteral("comment"), QStringLiteral("comment")}, {QStringLiteral("callbackContact"), QStringLiteral("callback")},
        {QStringLiteral("callbackBy"), QStringLiteral("callbackBy")}, {QStringLiteral("satisfaction"), QStringLiteral("choice")},
        {QStringLiteral("mergedInto"), QStringLiteral("merge")}, {QStringLiteral("category"), QStringLiteral("category")},
        {QStringLiteral("subcategory"), QStringLiteral("category")}, {QStringLiteral("urgency"), QStringLiteral("urgency")},
        {QStringLiteral("score"), QStringLiteral("score")},     {QStringLiteral("attachments"), QStringLiteral("attachments")},
        {WhistleDeadlines::ReasonKey, WhistleDeadlines::ReasonKey}};
    // Only a refused input is about a field; a refused permission or state is about the whole action.
    QLabel *fieldError = r.code == QLatin1String("invalid_input") ? m_errors.value(inputs.value(r.field)) : nullptr;
    if (fieldError) {
        FormValidation::showError(fieldError, r.message);
        FormValidation::showError(m_formError, tr("Not saved. Please correct the field marked in red."));
    } else {
        FormValidation::showError(m_formError, tr("Not saved: %1").arg(r.message));
    }
}

bool CaseActionDialog::submit()
{
    clearErrors();
    bool ok = false;
    const QJsonObject p = payload(&ok);
    if (!ok) {
        m_lastResult = Result::failure(QStringLiteral("invalid_input"), tr("Please correct the fields marked in red."));
        if (m_formError->isHidden())
            FormValidation::showError(m_formError, m_lastResult.message);
        return false;
    }
    CaseEvent event = EventBuilder(m_user, m_store->deviceId()).make(m_type, m_record.id, p);
    m_lastResult = m_store->append(event);
    if (!m_lastResult.ok) {
        showResult(m_lastResult);
        return false;
    }
    if (m_text && !m_text->text().trimmed().isEmpty())
        m_text->reloadPhrases();
    Q_EMIT submitted(m_record.id, m_type);
    return true;
}

void CaseActionDialog::accept()
{
    if (submit())
        QDialog::accept();
}

} // namespace gw

#include "departmentpicker.h"
#include "whistledeadlines.h"
#include "categorycatalog.h"
#include "eventbuilder.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include <QButtonGroup>
#include <QCheckBox>
#include <QLabel>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

namespace {
enum Column { NameColumn, LeadColumn, AssistColumn, CheckInColumn, HandleColumn, ColumnCount };

// A cell widget centred in its cell, so the radio buttons and check boxes line up under their headers.
QWidget *centred(QWidget *inner, QWidget *parent)
{
    auto *holder = new QWidget(parent);
    auto *l = new QHBoxLayout(holder);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(inner, 0, Qt::AlignCenter);
    return holder;
}
}

DepartmentPicker::DepartmentPicker(const CaseRecord &record, const QDateTime &now, QWidget *parent)
    : QWidget(parent), m_record(record), m_now(now), m_needsLead(record.leadAssignment() == nullptr)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    QStringList suggested;
    if (const Category *cat = CategoryCatalog::builtin().find(record.categoryId))
        suggested = cat->suggestedDepartments;
    QList<OrgUnit> departments = org.unitsOfKind(OrgUnit::Kind::Department);
    // The category's usual departments first: they are the likely choice.
    std::stable_sort(departments.begin(), departments.end(), [&](const OrgUnit &a, const OrgUnit &b) {
        return suggested.contains(a.id) && !suggested.contains(b.id);
    });

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("departmentTable"));
    m_table->setHorizontalHeaderLabels({tr("Department"), tr("Lead 主办"), tr("Assist 协办"), tr("Check-in due"),
                                        tr("Handling due")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_leadGroup = new QButtonGroup(this);
    m_leadGroup->setExclusive(true);

    for (const OrgUnit &unit : departments) {
        if (!unit.active)
            continue;
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        Row row;
        row.departmentId = unit.id;
        const DepartmentAssignment *existing = record.assignment(unit.id);
        const bool alreadyActive = existing && existing->isActive();
        QString label = unit.name;
        if (suggested.contains(unit.id))
            label += tr(" (suggested)");
        if (alreadyActive)
            label += existing->lead ? tr(" — already lead") : tr(" — already assisting");
        auto *name = new QTableWidgetItem(label);
        name->setData(Qt::UserRole, unit.id);
        if (!unit.dutyPhone.isEmpty())
            name->setToolTip(tr("Duty contact: %1, %2").arg(unit.dutyName, unit.dutyPhone));
        m_table->setItem(r, NameColumn, name);

        row.lead = new QRadioButton(this);
        row.lead->setObjectName(QStringLiteral("lead_") + unit.id);
        row.lead->setEnabled(m_needsLead && !alreadyActive);
        m_leadGroup->addButton(row.lead);
        m_table->setCellWidget(r, LeadColumn, centred(row.lead, m_table));
        row.assist = new QCheckBox(this);
        row.assist->setObjectName(QStringLiteral("assist_") + unit.id);
        row.assist->setEnabled(!alreadyActive);
        m_table->setCellWidget(r, AssistColumn, centred(row.assist, m_table));
        row.checkInDue = FormValidation::makeTimeEdit(this, QStringLiteral("checkInDue_") + unit.id);
        row.handleDue = FormValidation::makeTimeEdit(this, QStringLiteral("handleDue_") + unit.id);
        row.checkInDue->setVisible(false);  // no made-up dates for departments not picked
        for (QDateTimeEdit *edit : {row.checkInDue, row.handleDue})
            connect(edit, &QDateTimeEdit::dateTimeChanged, this, &DepartmentPicker::updateCalendarNote);
        row.handleDue->setVisible(false);
        // In a holder: the view shows its cell widgets itself, the holder keeps the hidden edit hidden.
        m_table->setCellWidget(r, CheckInColumn, centred(row.checkInDue, m_table));
        m_table->setCellWidget(r, HandleColumn, centred(row.handleDue, m_table));
        m_rows.append(row);
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        connect(m_rows[i].lead, &QRadioButton::toggled, this, [this, i](bool on) {
            if (on)
                m_rows[i].assist->setChecked(false);  // a department is lead or assisting, not both
            refreshRow(m_rows[i]);
            Q_EMIT selectionChanged();
        });
        connect(m_rows[i].assist, &QCheckBox::toggled, this, [this, i](bool on) {
            if (on && m_rows[i].lead->isChecked()) {
                m_leadGroup->setExclusive(false);
                m_rows[i].lead->setChecked(false);
                m_leadGroup->setExclusive(true);
            }
            refreshRow(m_rows[i]);
            Q_EMIT selectionChanged();
        });
    }
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    for (int c = LeadColumn; c < CheckInColumn; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    // Date columns as wide as a date edit even while every edit in them is hidden.
    const int dateWidth = m_rows.isEmpty() ? 160 : m_rows.first().checkInDue->sizeHint().width() + 12;
    for (int c : {CheckInColumn, HandleColumn}) {
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Fixed);
        m_table->setColumnWidth(c, dateWidth);
    }
    m_table->setMinimumHeight(260);

    m_calendarNote = new QLabel(this);
    m_calendarNote->setObjectName(QStringLiteral("calendarNote"));
    m_calendarNote->setWordWrap(true);
    m_calendarNote->setStyleSheet(QStringLiteral("color: #b26a00;"));
    m_calendarNote->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addWidget(m_calendarNote);
}

void DepartmentPicker::refreshRow(Row &row)
{
    const bool picked = row.lead->isChecked() || row.assist->isChecked();
    row.checkInDue->setVisible(picked);
    row.handleDue->setVisible(picked);
    if (picked && !row.prefilled) {
        const QJsonObject s = EventBuilder::summons(m_record, row.departmentId, row.lead->isChecked(), m_now,
                                                    CategoryCatalog::builtin(), WorkCalendar::builtin());
        FormValidation::setEditorTime(row.checkInDue,
                                      QDateTime::fromString(s.value("checkInDue").toString(), Qt::ISODateWithMs));
        FormValidation::setEditorTime(row.handleDue,
                                      QDateTime::fromString(s.value("handleDue").toString(), Qt::ISODateWithMs));
        row.prefilled = true;  // keep what the dispatcher edited if the box is toggled again
    }
    updateCalendarNote();
}

void DepartmentPicker::updateCalendarNote()
{
    QString note;
    for (const Row &row : std::as_const(m_rows)) {
        if (!row.lead->isChecked() && !row.assist->isChecked())
            continue;
        for (const QDateTimeEdit *edit : {row.checkInDue, row.handleDue})
            if (note.isEmpty())
                note = FormValidation::uncoveredDeadlineNote(FormValidation::editorTime(edit));
    }
    // A deadline set later than the category's rule is allowed with a reason (WhistleDeadlines): say so as it is set.
    const Result rule = WhistleDeadlines::check(m_record, {{QStringLiteral("departments"), departmentsPayload()}}, m_now,
                                                CategoryCatalog::builtin(), WorkCalendar::builtin());
    if (!rule.ok)
        note = note.isEmpty() ? rule.message.text() : note + QLatin1Char('\n') + rule.message.text();
    m_calendarNote->setText(note);
    m_calendarNote->setVisible(!note.isEmpty());
}

QString DepartmentPicker::calendarNote() const { return m_calendarNote->isHidden() ? QString() : m_calendarNote->text(); }

const DepartmentPicker::Row *DepartmentPicker::rowOf(const QString &departmentId) const
{
    for (const Row &r : m_rows)
        if (r.departmentId == departmentId)
            return &r;
    return nullptr;
}

void DepartmentPicker::setLead(const QString &departmentId)
{
    if (const Row *r = rowOf(departmentId))
        r->lead->setChecked(true);
}

void DepartmentPicker::setAssisting(const QString &departmentId, bool on)
{
    if (const Row *r = rowOf(departmentId))
        r->assist->setChecked(on);
}

QString DepartmentPicker::lead() const
{
    for (const Row &r : m_rows)
        if (r.lead->isChecked())
            return r.departmentId;
    return {};
}

QStringList DepartmentPicker::assisting() const
{
    QStringList out;
    for (const Row &r : m_rows)
        if (r.assist->isChecked())
            out.append(r.departmentId);
    return out;
}

void DepartmentPicker::setDeadlines(const QString &departmentId, const QDateTime &checkInDue, const QDateTime &handleDue)
{
    for (Row &r : m_rows) {
        if (r.departmentId != departmentId)
            continue;
        FormValidation::setEditorTime(r.checkInDue, checkInDue);
        FormValidation::setEditorTime(r.handleDue, handleDue);
        r.prefilled = true;
    }
}

QJsonArray DepartmentPicker::departmentsPayload() const
{
    QJsonArray out;
    auto entry = [](const Row &r, bool lead) {
        return QJsonObject{{"department", r.departmentId},
                           {"lead", lead},
                           {"checkInDue", CaseEvent::timeToString(FormValidation::editorTime(r.checkInDue))},
                           {"handleDue", CaseEvent::timeToString(FormValidation::editorTime(r.handleDue))}};
    };
    for (const Row &r : m_rows)
        if (r.lead->isChecked())
            out.append(entry(r, true));
    for (const Row &r : m_rows)
        if (r.assist->isChecked())
            out.append(entry(r, false));
    return out;
}

} // namespace gw

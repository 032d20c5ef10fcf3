#include "officehoursbox.h"
#include "protocol/referenceset.h"
#include "referenceadminclient.h"
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimeEdit>

namespace gw {

namespace {

QTimeEdit *timeEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QTimeEdit(parent);
    edit->setObjectName(name);
    edit->setDisplayFormat(QStringLiteral("HH:mm"));
    return edit;
}

} // namespace

OfficeHoursBox::OfficeHoursBox(SyncEngine *sync, CaseStore *store, QWidget *parent)
    : QGroupBox(tr("Office hours"), parent), m_client(new ReferenceAdminClient(sync, store, this)),
      m_start(timeEdit(this, QStringLiteral("officeStart"))), m_lunchStart(timeEdit(this, QStringLiteral("lunchStart"))),
      m_lunchEnd(timeEdit(this, QStringLiteral("lunchEnd"))), m_end(timeEdit(this, QStringLiteral("officeEnd"))),
      m_summary(new QLabel(this)), m_save(new QPushButton(tr("Save office hours"), this))
{
    setObjectName(QStringLiteral("officeHoursBox"));
    setToolTip(tr("The step clocks (研判, 审核, 发起吹哨, 核查, 结案) count working hours only within these times"));
    m_save->setObjectName(QStringLiteral("saveOfficeHoursButton"));
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(QStringLiteral("color: #555;"));
    auto *grid = new QGridLayout(this);
    grid->addWidget(new QLabel(tr("Morning"), this), 0, 0);
    grid->addWidget(m_start, 0, 1);
    grid->addWidget(new QLabel(QStringLiteral("–"), this), 0, 2);
    grid->addWidget(m_lunchStart, 0, 3);
    grid->addWidget(new QLabel(tr("Afternoon"), this), 1, 0);
    grid->addWidget(m_lunchEnd, 1, 1);
    grid->addWidget(new QLabel(QStringLiteral("–"), this), 1, 2);
    grid->addWidget(m_end, 1, 3);
    grid->addWidget(m_summary, 2, 0, 1, 4);
    grid->addWidget(m_save, 3, 0, 1, 4);
    for (QTimeEdit *edit : {m_start, m_lunchStart, m_lunchEnd, m_end})
        connect(edit, &QTimeEdit::timeChanged, this, &OfficeHoursBox::updateSummary);
    connect(m_save, &QPushButton::clicked, this, &OfficeHoursBox::save);
    connect(m_client, &ReferenceAdminClient::busyChanged, this, [this](bool busy) { m_save->setEnabled(!busy && !m_readOnly); });
    connect(m_client, &ReferenceAdminClient::failed, this, [this](const QString &message, const QString &) {
        Q_EMIT failed(message);
    });
    connect(m_client, &ReferenceAdminClient::workingDaySaved, this, [this](const ReferenceSet &set) {
        showServed();  // as the server stored it, now in use here
        Q_EMIT saved(set.version);
    });
    connect(m_client, &ReferenceAdminClient::conflicted, this, [this](const QString &, const QString &message) {
        showServed();  // another administrator's hours, now cached here
        Q_EMIT failed(message);
    });
    showServed();
}

void OfficeHoursBox::showServed()
{
    m_served = WorkCalendar::builtin().workingDay();
    setEdited(m_served);
}

WorkCalendar::WorkingDay OfficeHoursBox::edited() const
{
    WorkCalendar::WorkingDay day;
    day.start = m_start->time();
    day.lunchStart = m_lunchStart->time();
    day.lunchEnd = m_lunchEnd->time();
    day.end = m_end->time();
    return day;
}

void OfficeHoursBox::setEdited(const WorkCalendar::WorkingDay &day)
{
    m_start->setTime(day.start);
    m_lunchStart->setTime(day.lunchStart);
    m_lunchEnd->setTime(day.lunchEnd);
    m_end->setTime(day.end);
    updateSummary();
}

void OfficeHoursBox::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (QTimeEdit *edit : {m_start, m_lunchStart, m_lunchEnd, m_end})
        edit->setReadOnly(readOnly);
    m_save->setEnabled(!readOnly);
}

QString OfficeHoursBox::summary() const { return m_summary->text(); }

void OfficeHoursBox::updateSummary()
{
    const WorkCalendar::WorkingDay day = edited();
    WorkCalendar::WorkingDay checked;
    const Result valid = WorkCalendar::readWorkingDay(day.toJson(), &checked);
    if (!valid.ok) {
        m_summary->setText(valid.message.text());
        m_summary->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        return;
    }
    const int minutes = day.officeMinutes();
    m_summary->setStyleSheet(QStringLiteral("color: #555;"));
    m_summary->setText(minutes % 60 == 0 ? tr("%n office hour(s) a working day", nullptr, minutes / 60)
                                         : tr("%1 h %2 min a working day").arg(minutes / 60).arg(minutes % 60));
}

void OfficeHoursBox::save()
{
    if (m_readOnly)
        return;
    if (edited() == WorkCalendar::builtin().workingDay()) {
        Q_EMIT failed(tr("Nothing to save: these are the district's office hours already."));
        return;
    }
    m_client->saveWorkingDay(edited(), m_served.toJson());
}

} // namespace gw

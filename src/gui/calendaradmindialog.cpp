#include "calendaradmindialog.h"
#include "accesspolicy.h"
#include "casestore.h"
#include "formvalidation.h"
#include "officehoursbox.h"
#include "referenceadminclient.h"
#include "referencecache.h"
#include "syncengine.h"
#include <QDateEdit>
#include <QDir>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

namespace {

enum HolidayColumn { NameColumn, FromColumn, ToColumn, DaysColumn };
constexpr qint64 MaxImportBytes = 256 * 1024;

QDateEdit *dateEdit(QWidget *parent, const QDate &date)
{
    auto *edit = new QDateEdit(date, parent);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setCalendarPopup(true);
    return edit;
}

// The years of the calendar in effect: as the district server last gave them to this computer.
QMap<int, CalendarYear> servedYears()
{
    QMap<int, CalendarYear> years;
    for (const CalendarYear &y : WorkCalendar::builtin().years())
        years.insert(y.year, y);
    return years;
}

QDate dateIn(const QTableWidget *table, int row, int column)
{
    const auto *edit = qobject_cast<const QDateEdit *>(table->cellWidget(row, column));
    return edit ? edit->date() : QDate();
}

// Two sentences as the language writes them: Chinese ones follow each other, others take a space.
QString sentences(const QString &first, const QString &second)
{
    return first.endsWith(QChar(0x3002)) ? first + second : first + QLatin1Char(' ') + second;
}

QTableWidgetItem *fixedItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}

} // namespace

CalendarAdminDialog::CalendarAdminDialog(SyncEngine *sync, CaseStore *store, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_store(store), m_client(new ReferenceAdminClient(sync, store, this))
{
    setObjectName(QStringLiteral("calendarAdminDialog"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("calendarStatus"));
    m_status->setWordWrap(true);

    // --- Years ---
    m_yearList = new QListWidget(this);
    m_yearList->setObjectName(QStringLiteral("yearList"));
    m_yearList->setMaximumWidth(190);
    m_newYear = new QPushButton(this);
    m_newYear->setObjectName(QStringLiteral("newYearButton"));
    m_import = new QPushButton(this);
    m_import->setObjectName(QStringLiteral("importButton"));
    auto *yearsBox = new QVBoxLayout;
    yearsBox->addWidget(m_yearList, 1);
    yearsBox->addWidget(m_newYear);
    yearsBox->addWidget(m_import);
    m_officeHours = new OfficeHoursBox(sync, store, this);
    yearsBox->addWidget(m_officeHours);

    // --- One year ---
    m_title = FormValidation::makeTitle(QStringLiteral("yearTitle"), this);
    m_notice = new QLineEdit(this);
    m_notice->setObjectName(QStringLiteral("noticeEdit"));
    m_notice->setMaxLength(CalendarYear::MaxNoticeLength);
    m_holidays = new QTableWidget(0, 4, this);
    m_holidays->setObjectName(QStringLiteral("holidayTable"));
    m_workdays = new QTableWidget(0, 2, this);
    m_workdays->setObjectName(QStringLiteral("workdayTable"));
    // Fixed widths: rows are added one by one, and a date must always show whole.
    const int dateWidth = fontMetrics().horizontalAdvance(QStringLiteral("2027-10-07")) + 44;  // text, arrow, frame
    m_holidays->setColumnWidth(NameColumn, fontMetrics().horizontalAdvance(QStringLiteral("国庆节、中秋节")) + 16);
    m_holidays->setColumnWidth(FromColumn, dateWidth);
    m_holidays->setColumnWidth(ToColumn, dateWidth);
    m_workdays->setColumnWidth(0, dateWidth);
    for (QTableWidget *t : {m_holidays, m_workdays}) {
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->verticalHeader()->hide();
        t->horizontalHeader()->setStretchLastSection(true);
    }
    m_addHoliday = new QPushButton(this);
    m_addHoliday->setObjectName(QStringLiteral("addHolidayButton"));
    m_removeHoliday = new QPushButton(this);
    m_removeHoliday->setObjectName(QStringLiteral("removeHolidayButton"));
    m_addWorkday = new QPushButton(this);
    m_addWorkday->setObjectName(QStringLiteral("addWorkdayButton"));
    m_removeWorkday = new QPushButton(this);
    m_removeWorkday->setObjectName(QStringLiteral("removeWorkdayButton"));
    m_errors.insert(QStringLiteral("year"), FormValidation::makeErrorLabel(m_title, this));
    m_errors.insert(QStringLiteral("notice"), FormValidation::makeErrorLabel(m_notice, this));
    m_errors.insert(QStringLiteral("holidays"), FormValidation::makeErrorLabel(m_holidays, this));
    m_errors.insert(QStringLiteral("extraWorkdays"), FormValidation::makeErrorLabel(m_workdays, this));
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("yearPreview"));
    m_preview->setWordWrap(true);
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setDefault(true);

    auto *noticeRow = new QHBoxLayout;
    auto *noticeLabel = new QLabel(this);
    noticeLabel->setObjectName(QStringLiteral("noticeLabel"));
    noticeRow->addWidget(noticeLabel);
    noticeRow->addWidget(m_notice, 1);
    auto *holidayButtons = new QHBoxLayout;
    holidayButtons->addWidget(m_addHoliday);
    holidayButtons->addWidget(m_removeHoliday);
    holidayButtons->addStretch(1);
    auto *workdayButtons = new QHBoxLayout;
    workdayButtons->addWidget(m_addWorkday);
    workdayButtons->addWidget(m_removeWorkday);
    workdayButtons->addStretch(1);
    auto *holidayBox = new QGroupBox(this);
    holidayBox->setObjectName(QStringLiteral("holidayBox"));
    auto *holidayLayout = new QVBoxLayout(holidayBox);
    holidayLayout->addWidget(m_holidays, 1);
    holidayLayout->addWidget(m_errors.value(QStringLiteral("holidays")));
    holidayLayout->addLayout(holidayButtons);
    auto *workdayBox = new QGroupBox(this);
    workdayBox->setObjectName(QStringLiteral("workdayBox"));
    auto *workdayLayout = new QVBoxLayout(workdayBox);
    workdayLayout->addWidget(m_workdays, 1);
    workdayLayout->addWidget(m_errors.value(QStringLiteral("extraWorkdays")));
    workdayLayout->addLayout(workdayButtons);
    auto *tables = new QHBoxLayout;
    tables->addWidget(holidayBox, 3);
    tables->addWidget(workdayBox, 2);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_preview, 1);
    saveRow->addWidget(m_save, 0, Qt::AlignBottom);
    auto *yearBox = new QVBoxLayout;
    yearBox->addWidget(m_title);
    yearBox->addWidget(m_errors.value(QStringLiteral("year")));
    yearBox->addLayout(noticeRow);
    yearBox->addWidget(m_errors.value(QStringLiteral("notice")));
    yearBox->addLayout(tables, 1);
    yearBox->addLayout(saveRow);

    auto *body = new QHBoxLayout;
    body->addLayout(yearsBox);
    body->addLayout(yearBox, 1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(body, 1);
    layout->addWidget(close);

    connect(m_yearList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (QListWidgetItem *item = m_yearList->item(row); item && item->data(Qt::UserRole).toInt() != m_year)
            showYear(item->data(Qt::UserRole).toInt());
    });
    connect(m_newYear, &QPushButton::clicked, this, &CalendarAdminDialog::askNewYear);
    connect(m_import, &QPushButton::clicked, this, &CalendarAdminDialog::chooseImportFile);
    connect(m_addHoliday, &QPushButton::clicked, this, [this]() {
        const QDate first(m_year, 1, 1);
        addHoliday(QString(), first, first);
        m_holidays->editItem(m_holidays->item(m_holidays->rowCount() - 1, NameColumn));
    });
    connect(m_removeHoliday, &QPushButton::clicked, this, &CalendarAdminDialog::removeSelectedHoliday);
    connect(m_addWorkday, &QPushButton::clicked, this, [this]() {
        QDate saturday(m_year, 1, 1);
        while (saturday.dayOfWeek() != 6)
            saturday = saturday.addDays(1);
        addWorkday(saturday);
    });
    connect(m_removeWorkday, &QPushButton::clicked, this, &CalendarAdminDialog::removeSelectedWorkday);
    connect(m_holidays, &QTableWidget::itemChanged, this, &CalendarAdminDialog::updatePreview);
    connect(m_notice, &QLineEdit::textEdited, this, &CalendarAdminDialog::updatePreview);
    connect(m_save, &QPushButton::clicked, this, &CalendarAdminDialog::save);
    connect(m_client, &ReferenceAdminClient::busyChanged, this, [this](bool busy) {
        // The answer is about the year sent: no other year is opened, added or imported until it comes.
        m_save->setEnabled(!busy && !m_readOnly);
        m_yearList->setEnabled(!busy);
        m_newYear->setEnabled(!busy && !m_readOnly);
        m_import->setEnabled(!busy && !m_readOnly);
        if (busy)
            showStatus(tr("Saving %1 on the district server…").arg(m_year), false);
    });
    connect(m_client, &ReferenceAdminClient::failed, this, [this](const QString &message, const QString &field) {
        if (m_errors.contains(field))
            showFieldError(field, message);
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_officeHours, &OfficeHoursBox::failed, this, [this](const QString &message) {
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_officeHours, &OfficeHoursBox::saved, this, [this](int version) {
        showStatus(tr("Saved the office hours as version %1 of the district's calendar. Step clocks on every computer "
                      "count with them after its next sync; this one already does.").arg(version),
                   false);
    });
    // Another administrator saved this year meanwhile: theirs (now cached) is shown, the edit is to be made again.
    connect(m_client, &ReferenceAdminClient::conflicted, this, [this](const QString &, const QString &message) {
        const int year = m_savingYear;
        const QMap<int, CalendarYear> now = servedYears();
        if (now.contains(year)) {
            m_served[year] = now.value(year);
            m_years[year] = now.value(year);
            fillForm(now.value(year));  // not showYear(): that would keep the refused edit
        }
        fillYearList();
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_client, &ReferenceAdminClient::calendarSaved, this, [this](const ReferenceSet &set) {
        const int year = m_savingYear;
        m_served[year] = servedYears().value(year);  // the other years stay as this form began from them
        m_years[year] = m_served.value(year);
        showYear(year);
        showStatus(tr("Saved the %1 calendar as version %2 of the district's calendar. Every computer uses it after "
                      "its next sync; this one already does.").arg(year).arg(set.version),
                   false);
        Q_EMIT saved(year);
    });

    m_served = servedYears();
    m_years = m_served;
    retranslate();
    noticeLabel->setText(tr("Notice:"));
    fillYearList();
    showYear(m_years.isEmpty() ? WorkCalendar::districtToday().year() : m_years.lastKey());
    if (!m_sync || !m_sync->isLoggedIn())
        setReadOnly(true, tr("Working offline: the calendar is shown as last synced and cannot be changed. It is kept on "
                             "the district server; sign in online to change it."));
    else if (!AccessPolicy::canManageReferenceData(m_sync->currentUser()))
        setReadOnly(true, tr("Only administrators change the district's work calendar."));
    else
        showCalendarState();
    resize(1000, 640);
}

void CalendarAdminDialog::retranslate()
{
    setWindowTitle(tr("Work calendar"));
    m_newYear->setText(tr("Add a year…"));
    m_import->setText(tr("Import from file…"));
    m_notice->setPlaceholderText(tr("e.g. 国办发明电〔2026〕7号"));
    m_holidays->setHorizontalHeaderLabels({tr("Holiday"), tr("First day"), tr("Last day"), tr("Days off")});
    m_workdays->setHorizontalHeaderLabels({tr("Make-up workday"), tr("Weekday")});
    findChild<QGroupBox *>(QStringLiteral("holidayBox"))->setTitle(tr("Public holidays"));
    findChild<QGroupBox *>(QStringLiteral("workdayBox"))->setTitle(tr("Make-up workdays (调休上班)"));
    m_addHoliday->setText(tr("Add holiday"));
    m_removeHoliday->setText(tr("Remove"));
    m_addWorkday->setText(tr("Add make-up workday"));
    m_removeWorkday->setText(tr("Remove"));
    m_save->setText(tr("Save on the server"));
}

QString CalendarAdminDialog::statusText() const { return m_status->text(); }

QString CalendarAdminDialog::fieldError(const QString &field) const
{
    const QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void CalendarAdminDialog::showStatus(const QString &message, bool problem)
{
    FormValidation::showStatus(m_status, message, problem);
}

void CalendarAdminDialog::showFieldError(const QString &field, const QString &message)
{
    if (QLabel *label = m_errors.value(field))
        FormValidation::showError(label, message);
}

void CalendarAdminDialog::clearFieldErrors()
{
    for (QLabel *label : std::as_const(m_errors))
        FormValidation::clearError(label);
}

void CalendarAdminDialog::showCalendarState()
{
    const WorkCalendar &calendar = WorkCalendar::builtin();
    const std::optional<ReferenceSet> held = ReferenceCache(m_store->journal()).held(ReferenceSet::Calendar);
    QString state = held ? tr("The district's work calendar, version %1, changed by %2 at %3.")
                               .arg(held->version)
                               .arg(held->changedBy, FormValidation::displayTime(held->changedAt))
                         : tr("The work calendar shipped with GridWhistle; the district server's arrives with the next sync.");
    const QDate today = WorkCalendar::districtToday();
    const int left = calendar.daysLeft(today);
    if (calendar.runsOutSoon(today)) {
        const QString end = calendar.lastKnownDay().toString(Qt::ISODate);
        const QString warning =
            left >= 0 ? tr("It ends on %1, in %n day(s): deadlines after that count every weekday as a working day. "
                           "Enter %2 now.", nullptr, left).arg(end).arg(calendar.lastKnownYear() + 1)
                      : tr("It ended on %1: deadlines now count every weekday as a working day. Enter %2 now.")
                            .arg(end).arg(today.year());
        showStatus(sentences(state, warning), true);
        return;
    }
    showStatus(sentences(state, tr("It covers the years up to %1.").arg(calendar.lastKnownYear())), false);
}

void CalendarAdminDialog::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnly = readOnly;
    for (QWidget *w : std::initializer_list<QWidget *>{m_newYear, m_import, m_addHoliday, m_removeHoliday, m_addWorkday,
                                                       m_removeWorkday, m_save})
        w->setEnabled(!readOnly);
    m_notice->setReadOnly(readOnly);
    m_officeHours->setReadOnly(readOnly);
    m_holidays->setEditTriggers(readOnly ? QAbstractItemView::NoEditTriggers : QAbstractItemView::AllEditTriggers);
    for (QTableWidget *t : {m_holidays, m_workdays})
        for (int row = 0; row < t->rowCount(); ++row)
            for (int c = 0; c < t->columnCount(); ++c)
                if (QWidget *w = t->cellWidget(row, c))
                    w->setEnabled(!readOnly);
    if (readOnly)
        showStatus(reason, true);
}

void CalendarAdminDialog::fillYearList()
{
    const QSignalBlocker block(m_yearList);
    m_yearList->clear();
    for (auto it = m_years.constBegin(); it != m_years.constEnd(); ++it) {
        const bool unsaved = !m_served.contains(it.key()) || m_served.value(it.key()) != it.value();
        auto *item = new QListWidgetItem(unsaved ? tr("%1 (not saved)").arg(it.key()) : QString::number(it.key()), m_yearList);
        item->setData(Qt::UserRole, it.key());
        if (unsaved)
            item->setForeground(QColor(0xb2, 0x6a, 0x00));
        if (it.key() == m_year)
            m_yearList->setCurrentItem(item);
    }
}

void CalendarAdminDialog::keepEdits()
{
    if (m_year != 0 && m_years.contains(m_year))
        m_years[m_year] = editedYear();
}

void CalendarAdminDialog::showYear(int year)
{
    keepEdits();
    m_year = year;
    clearFieldErrors();
    CalendarYear y = m_years.value(year);
    y.year = year;
    fillForm(y);
    fillYearList();
}

void CalendarAdminDialog::askNewYear()
{
    const int suggested = m_years.isEmpty() ? WorkCalendar::districtToday().year() : m_years.lastKey() + 1;
    bool ok = false;
    const int year = QInputDialog::getInt(this, tr("Add a year"), tr("Year:"), suggested, 2000, 2100, 1, &ok);
    if (ok)
        addYear(year);
}

void CalendarAdminDialog::addYear(int year)
{
    if (!m_years.contains(year)) {
        CalendarYear y;
        y.year = year;
        m_years.insert(year, y);
    }
    showYear(year);  // keeps what the form held for the year shown before
    showStatus(tr("Enter the holidays and make-up workdays of %1 as the State Council's notice gives them, then save.")
                   .arg(year),
               false);
}

void CalendarAdminDialog::fillForm(const CalendarYear &year)
{
    const QSignalBlocker blockHolidays(m_holidays);
    m_title->setText(tr("Holidays and make-up workdays of %1").arg(year.year));
    m_notice->setText(year.notice);
    m_holidays->setRowCount(0);
    m_workdays->setRowCount(0);
    for (const CalendarYear::Holiday &h : year.holidays)
        addHoliday(h.name, h.from, h.to);
    for (const QDate &d : year.extraWorkdays)
        addWorkday(d);
    updatePreview();
}

void CalendarAdminDialog::addHoliday(const QString &name, const QDate &from, const QDate &to)
{
    const QSignalBlocker block(m_holidays);
    const int row = m_holidays->rowCount();
    m_holidays->insertRow(row);
    auto *nameItem = new QTableWidgetItem(name);
    m_holidays->setItem(row, NameColumn, nameItem);
    for (const auto &[column, date] : {std::pair{int(FromColumn), from}, std::pair{int(ToColumn), to}}) {
        QDateEdit *edit = dateEdit(m_holidays, date);
        edit->setEnabled(!m_readOnly);
        connect(edit, &QDateEdit::dateChanged, this, &CalendarAdminDialog::updatePreview);
        m_holidays->setCellWidget(row, column, edit);
    }
    m_holidays->setItem(row, DaysColumn, fixedItem(QString()));
    updatePreview();
}

void CalendarAdminDialog::addWorkday(const QDate &date)
{
    const int row = m_workdays->rowCount();
    m_workdays->insertRow(row);
    QDateEdit *edit = dateEdit(m_workdays, date);
    edit->setEnabled(!m_readOnly);
    connect(edit, &QDateEdit::dateChanged, this, &CalendarAdminDialog::updatePreview);
    m_workdays->setCellWidget(row, 0, edit);
    m_workdays->setItem(row, 1, fixedItem(QString()));
    updatePreview();
}

void CalendarAdminDialog::removeSelectedHoliday()
{
    const int row = m_holidays->currentRow();
    if (row >= 0) {
        m_holidays->removeRow(row);
        updatePreview();
    }
}

void CalendarAdminDialog::removeSelectedWorkday()
{
    const int row = m_workdays->currentRow();
    if (row >= 0) {
        m_workdays->removeRow(row);
        updatePreview();
    }
}

CalendarYear CalendarAdminDialog::editedYear() const
{
    CalendarYear y;
    y.year = m_year;
    y.notice = m_notice->text().trimmed();
    for (int row = 0; row < m_holidays->rowCount(); ++row) {
        const QTableWidgetItem *name = m_holidays->item(row, NameColumn);
        y.holidays.append({name ? name->text().trimmed() : QString(), dateIn(m_holidays, row, FromColumn),
                           dateIn(m_holidays, row, ToColumn)});
    }
    for (int row = 0; row < m_workdays->rowCount(); ++row)
        y.extraWorkdays.append(dateIn(m_workdays, row, 0));
    return y;
}

// The derived columns (days off, weekday) and a one-line summary an administrator can hold against the notice.
void CalendarAdminDialog::updatePreview()
{
    {
        const QSignalBlocker block(m_holidays);
        for (int row = 0; row < m_holidays->rowCount(); ++row) {
            const QDate from = dateIn(m_holidays, row, FromColumn), to = dateIn(m_holidays, row, ToColumn);
            if (QTableWidgetItem *days = m_holidays->item(row, DaysColumn))
                days->setText(to >= from ? QString::number(from.daysTo(to) + 1) : QStringLiteral("—"));
        }
    }
    for (int row = 0; row < m_workdays->rowCount(); ++row)
        if (QTableWidgetItem *weekday = m_workdays->item(row, 1))
            weekday->setText(QLocale().dayName(dateIn(m_workdays, row, 0).dayOfWeek()));
    const CalendarYear y = editedYear();
    const Result valid = y.check();
    if (!valid.ok) {
        m_preview->setText(tr("Not yet right: %1").arg(valid.message.text()));
        m_preview->setStyleSheet(QStringLiteral("color: #b26a00;"));
        return;
    }
    WorkCalendar calendar = WorkCalendar::builtin();
    if (!calendar.setYear(y).ok)
        return;
    int daysOff = 0;
    for (const CalendarYear::Holiday &h : y.holidays)
        daysOff += int(h.from.daysTo(h.to)) + 1;
    const int working = calendar.workingDaysBetween(QDate(y.year - 1, 12, 31), QDate(y.year, 12, 31));
    m_preview->setText(tr("%n holiday period(s)", nullptr, int(y.holidays.size())) + QStringLiteral("，")
                       + tr("%n day(s) off", nullptr, daysOff) + QStringLiteral("，")
                       + tr("%n make-up workday(s)", nullptr, int(y.extraWorkdays.size())) + QStringLiteral("；")
                       + tr("%1 has %2 working days.").arg(y.year).arg(working));
    m_preview->setStyleSheet(QString());
}

bool CalendarAdminDialog::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("%1 cannot be read: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    if (file.size() > MaxImportBytes) {
        showStatus(tr("%1 is too large for a calendar (at most %2 KiB).").arg(QDir::toNativeSeparators(path)).arg(MaxImportBytes / 1024),
                   true);
        return false;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        showStatus(tr("%1 is not a calendar: %2").arg(QDir::toNativeSeparators(path), parseError.errorString()), true);
        return false;
    }
    QList<CalendarYear> found;
    if (doc.object().contains(QStringLiteral("years"))) {
        WorkCalendar calendar;
        const Result loaded = calendar.loadJson(bytes);
        if (!loaded.ok) {
            showStatus(tr("%1 is not a calendar: %2").arg(QDir::toNativeSeparators(path), loaded.message.text()), true);
            return false;
        }
        found = calendar.years();
    } else {
        CalendarYear y;
        Message why;
        if (!CalendarYear::fromJson(doc.object(), &y, &why)) {
            showStatus(tr("%1 is not a calendar: %2").arg(QDir::toNativeSeparators(path), why.text()), true);
            return false;
        }
        found = {y};
    }
    if (found.isEmpty()) {
        showStatus(tr("%1 holds no calendar year.").arg(QDir::toNativeSeparators(path)), true);
        return false;
    }
    keepEdits();
    QStringList changed;
    for (const CalendarYear &y : std::as_const(found)) {
        if (m_served.value(y.year) == y)
            continue;  // the server has it already
        m_years.insert(y.year, y);
        changed << QString::number(y.year);
    }
    if (changed.isEmpty()) {
        showStatus(tr("%1 holds nothing the district server does not have already.").arg(QDir::toNativeSeparators(path)), false);
        return true;
    }
    m_year = 0;
    showYear(changed.last().toInt());
    showStatus(tr("Imported %1 from %2: check each year against the notice, then save it.")
                   .arg(changed.join(QStringLiteral("、")), QDir::toNativeSeparators(path)),
               false);
    return true;
}

void CalendarAdminDialog::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a work calendar"), QString(),
                                                      tr("Calendar files (*.json)"));
    if (!path.isEmpty())
        importFile(path);
}

void CalendarAdminDialog::save()
{
    if (m_readOnly)
        return;
    clearFieldErrors();
    const CalendarYear y = editedYear();
    const Result valid = y.check();
    if (!valid.ok) {
        // Under the field only: the form names what to fix; the status line is for what the server says.
        showFieldError(m_errors.contains(valid.field) ? valid.field : QStringLiteral("year"), valid.message.text());
        return;
    }
    m_years[m_year] = y;
    m_savingYear = y.year;
    m_client->saveCalendarYear(y, m_served.contains(y.year) ? QJsonValue(m_served.value(y.year).toJson()) : QJsonValue());
}

} // namespace gw

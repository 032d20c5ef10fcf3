#pragma once
#include "protocol/referenceset.h"
#include "workcalendar.h"
#include <QDialog>
#include <QMap>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace gw {

class CaseStore;
class OfficeHoursBox;
class ReferenceAdminClient;
class SyncEngine;

// 工作日历 (issue 16), for administrators: the district's work calendar as the server serves it, one year at a time —
// holiday periods with their names, the make-up workdays (调休上班), the State Council notice they come from — and
// the form to add the next year or correct one, from the keyboard or a file. Saved on the district server, which
// checks it with the same rule (CalendarYear::check) and hands it to every client at its next sync. Offline the
// calendar is shown read-only with the reason.
class CalendarAdminDialog : public QDialog
{
    Q_OBJECT
public:
    CalendarAdminDialog(SyncEngine *sync, CaseStore *store, QWidget *parent = nullptr);

    // For tests and the screenshot.
    QString statusText() const;
    QString fieldError(const QString &field) const;  // "year", "holidays", "extraWorkdays", "notice"
    QTableWidget *holidayTable() const { return m_holidays; }
    QTableWidget *workdayTable() const { return m_workdays; }
    QLineEdit *noticeEdit() const { return m_notice; }
    QPushButton *saveButton() const { return m_save; }
    int shownYear() const { return m_year; }
    bool isReadOnly() const { return m_readOnly; }
    OfficeHoursBox *officeHours() const { return m_officeHours; }
    // The year in the form as it stands (not yet saved).
    CalendarYear editedYear() const;

public Q_SLOTS:
    void showYear(int year);
    void addYear(int year);  // a new year, empty, shown for editing
    void addHoliday(const QString &name, const QDate &from, const QDate &to);
    void addWorkday(const QDate &date);
    void removeSelectedHoliday();
    void removeSelectedWorkday();
    // {year, holidays, extraWorkdays, notice}, or a whole calendar file {years: [...]} (its last year is shown).
    bool importFile(const QString &path);
    void save();

Q_SIGNALS:
    void saved(int year);

private Q_SLOTS:
    void chooseImportFile();
    void askNewYear();
    void updatePreview();

private:
    void retranslate();
    void fillYearList();
    void fillForm(const CalendarYear &year);
    void keepEdits();  // the form's year into m_years before another is shown
    void showStatus(const QString &message, bool problem);
    void showFieldError(const QString &field, const QString &message);
    void clearFieldErrors();
    void setReadOnly(bool readOnly, const QString &reason);
    void showCalendarState();

    SyncEngine *m_sync;
    CaseStore *m_store;
    ReferenceAdminClient *m_client;
    QMap<int, CalendarYear> m_served;  // as the server last gave them
    QMap<int, CalendarYear> m_years;   // as edited here (equal to m_served until changed)
    int m_year = 0;
    int m_savingYear = 0;  // the year sent, until the server answers
    bool m_readOnly = false;
    QListWidget *m_yearList;
    QPushButton *m_newYear, *m_import;
    QLabel *m_title;
    QLineEdit *m_notice;
    QTableWidget *m_holidays;
    QTableWidget *m_workdays;
    QPushButton *m_addHoliday, *m_removeHoliday, *m_addWorkday, *m_removeWorkday;
    QMap<QString, QLabel *> m_errors;
    QLabel *m_preview;
    QPushButton *m_save;
    QLabel *m_status;
    OfficeHoursBox *m_officeHours;
};

} // namespace gw

#pragma once
#include "result.h"
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QTimeZone>
#include <optional>

namespace gw {

// One year of the calendar as the State Council's notice gives it (国务院办公厅关于某年部分节假日安排的通知):
// holiday periods, each with its name and first and last day, and the weekend days worked instead (调休上班).
struct CalendarYear
{
    GW_DECLARE_MESSAGES(gw::CalendarYear)
public:
    struct Holiday {
        QString name;  // e.g. "春节"; may be empty for a calendar from before years were kept
        QDate from, to;  // inclusive
        bool operator==(const Holiday &o) const { return name == o.name && from == o.from && to == o.to; }
    };
    int year = 0;
    QList<Holiday> holidays;
    QList<QDate> extraWorkdays;
    QString notice;  // where it comes from, e.g. "国办发明电〔2026〕7号"

    static constexpr int MaxHolidays = 40;
    static constexpr int MaxExtraWorkdays = 30;
    static constexpr int MaxNameLength = 40;
    static constexpr int MaxNoticeLength = 200;

    // Ok, or a refusal naming the fault: a day outside the year, a period ending before it starts, two periods that
    // overlap, a make-up workday inside a holiday or on a weekday, a year out of 2000..2100, too many entries.
    Result check() const;
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, CalendarYear *out, Message *error);
    bool operator==(const CalendarYear &o) const
    {
        return year == o.year && holidays == o.holidays && extraWorkdays == o.extraWorkdays && notice == o.notice;
    }
    bool operator!=(const CalendarYear &o) const { return !(*this == o); }
};

// Working-day arithmetic in the district's local time: weekends are off, public holidays (data) are off,
// and make-up working days (调休) on weekends count as working days. Past the last year the calendar knows, every
// weekday counts as a working day (lastKnownYear(); the administrators are warned before that happens).
class WorkCalendar
{
public:
    // The district's offset when no calendar file says otherwise (Kunming, UTC+8; Asia/Shanghai has no DST, so
    // a fixed offset is exact). Everywhere else the district's zone is timeZone(), usually of builtin().
    static constexpr int DefaultOffsetHours = 8;

    WorkCalendar();
    // {"timezoneOffsetHours", "workday", "years": [CalendarYear...]}; a file from before years were kept lists
    // "holidays" and "extraWorkdays" flat, and its years are taken from those dates.
    Result loadJson(const QByteArray &json);
    Result load(const QJsonObject &calendar);  // the same, already parsed (a reference data set's body)
    QJsonObject toJson() const;
    // The district's calendar in effect: the one shipped in resources/seed until the district server's (reference
    // data, issue 16) is installed with installDistrict(); every holder of this reference then sees the new one.
    static const WorkCalendar &builtin();
    static void installDistrict(const WorkCalendar &calendar);
    // The calendar shipped in resources/seed: the server's first version, and a client's until its first sync.
    static WorkCalendar shipped();

    QList<CalendarYear> years() const { return m_years.values(); }
    std::optional<CalendarYear> year(int year) const;
    // 0 when no year is known.
    int lastKnownYear() const { return m_years.isEmpty() ? 0 : m_years.lastKey(); }
    QDate lastKnownDay() const { return QDate(lastKnownYear(), 12, 31); }
    // Whether the holidays of `date`'s year are known; past them a deadline is counted on weekdays only.
    bool covers(const QDate &date) const { return m_years.contains(date.year()); }
    // Days from `today` to the last day the calendar knows (31 December of lastKnownYear()); negative once past it.
    int daysLeft(const QDate &today) const;
    // Administrators are warned this many days before the calendar runs out (issue 16).
    static constexpr int WarnDaysBeforeEnd = 60;
    bool runsOutSoon(const QDate &today) const { return daysLeft(today) <= WarnDaysBeforeEnd; }
    // Adds or replaces one year after CalendarYear::check().
    Result setYear(const CalendarYear &year);

    bool isWorkingDay(const QDate &date) const;
    // The same local clock time on the n-th working day after `from`'s local date (n >= 0).
    QDateTime addWorkingDays(const QDateTime &from, int days) const;
    // Working days strictly after `from`'s date up to and including `to`'s date (0 when to <= from).
    int workingDaysBetween(const QDate &from, const QDate &to) const;
    // Office hours of a working day in district local time: [start, lunchStart) + [lunchEnd, end). Defaults are
    // Kunming's district offices, 09:00-12:00 and 14:00-18:00; the calendar file may override them ("workday").
    struct WorkingDay
    {
        QTime start{9, 0};
        QTime lunchStart{12, 0};
        QTime lunchEnd{14, 0};
        QTime end{18, 0};
        QJsonObject toJson() const;  // {"start": "09:00", "lunchStart", "lunchEnd", "end"}
        int officeMinutes() const;  // a full working day's office time
        bool operator==(const WorkingDay &o) const
        {
            return start == o.start && lunchStart == o.lunchStart && lunchEnd == o.lunchEnd && end == o.end;
        }
    };
    // WorkingDay::toJson()'s form back; times in order (lunchStart == lunchEnd: no lunch break), refused with field
    // "workday" otherwise.
    static Result readWorkingDay(const QJsonValue &value, WorkingDay *out);
    // The district's office hours (issue 16: "working hours" mean one thing everywhere), checked as read.
    Result setWorkingDay(const WorkingDay &day);
    // `from` plus `hours` of office time on working days (step clocks). A start outside office hours counts from
    // the next office period; a due time exactly at a period's end stays there. Unlike
    // AssessmentFacts::workingHoursBetween, which still counts every hour of a working day.
    QDateTime addWorkingHours(const QDateTime &from, int hours) const;
    const WorkingDay &workingDay() const { return m_workingDay; }
    QTimeZone timeZone() const { return m_zone; }
    // The zone district times are read and written in: the built-in calendar's.
    static QTimeZone districtZone() { return builtin().timeZone(); }
    static QDate districtToday();
    void addHoliday(const QDate &date) { m_holidays.insert(date); }
    void addExtraWorkday(const QDate &date) { m_extraWorkdays.insert(date); }

private:
    void rebuildDays();  // m_holidays and m_extraWorkdays from m_years

    QMap<int, CalendarYear> m_years;
    QTimeZone m_zone;
    QSet<QDate> m_holidays;
    QSet<QDate> m_extraWorkdays;
    WorkingDay m_workingDay;
};

} // namespace gw

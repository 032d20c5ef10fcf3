#pragma once
#include "result.h"
#include <QDateTime>
#include <QSet>
#include <QTimeZone>

namespace gw {

// Working-day arithmetic in the district's local time: weekends are off, public holidays (data) are off,
// and make-up working days (调休) on weekends count as working days.
class WorkCalendar
{
public:
    // The district's offset when no calendar file says otherwise (Kunming, UTC+8; Asia/Shanghai has no DST, so
    // a fixed offset is exact). Everywhere else the district's zone is timeZone(), usually of builtin().
    static constexpr int DefaultOffsetHours = 8;

    WorkCalendar();
    Result loadJson(const QByteArray &json);
    static const WorkCalendar &builtin();

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
    };
    // `from` plus `hours` of office time on working days (step clocks). A start outside office hours counts from
    // the next office period; a due time exactly at a period's end stays there. Unlike
    // AssessmentFacts::workingHoursBetween, which still counts every hour of a working day.
    QDateTime addWorkingHours(const QDateTime &from, int hours) const;
    const WorkingDay &workingDay() const { return m_workingDay; }
    QTimeZone timeZone() const { return m_zone; }
    // The zone district times are read and written in: the built-in calendar's.
    static QTimeZone districtZone() { return builtin().timeZone(); }
    void addHoliday(const QDate &date) { m_holidays.insert(date); }
    void addExtraWorkday(const QDate &date) { m_extraWorkdays.insert(date); }

private:
    QTimeZone m_zone;
    QSet<QDate> m_holidays;
    QSet<QDate> m_extraWorkdays;
    WorkingDay m_workingDay;
};

} // namespace gw

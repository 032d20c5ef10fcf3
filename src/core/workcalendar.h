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
    WorkCalendar();
    Result loadJson(const QByteArray &json);
    static const WorkCalendar &builtin();

    bool isWorkingDay(const QDate &date) const;
    // The same local clock time on the n-th working day after `from`'s local date (n >= 0).
    QDateTime addWorkingDays(const QDateTime &from, int days) const;
    // Working days strictly after `from`'s date up to and including `to`'s date (0 when to <= from).
    int workingDaysBetween(const QDate &from, const QDate &to) const;
    QTimeZone timeZone() const { return m_zone; }
    void addHoliday(const QDate &date) { m_holidays.insert(date); }
    void addExtraWorkday(const QDate &date) { m_extraWorkdays.insert(date); }

private:
    QTimeZone m_zone;
    QSet<QDate> m_holidays;
    QSet<QDate> m_extraWorkdays;
};

} // namespace gw

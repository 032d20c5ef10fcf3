#pragma once
#include "workcalendar.h"
#include <QDateTime>
#include <QString>

namespace gw {

// A case's official number, PL-YYYY-NNNNNN: numbers run per calendar year in the district's time zone (a case
// registered at 01:00 on 1 January local time belongs to the new year), the serial padded to six digits.
// The server hands out the official numbers; a client gives the same form to its provisional ones.
class CaseNumber
{
public:
    static constexpr int SerialDigits = 6;

    CaseNumber() = default;
    CaseNumber(int year, qint64 serial) : m_year(year), m_serial(serial) {}
    // The number with `serial` in the year `when` falls in, in the calendar's time zone.
    static CaseNumber at(const QDateTime &when, qint64 serial, const WorkCalendar &calendar = WorkCalendar::builtin());
    // The numbering year of a moment: its year in the calendar's time zone.
    static int yearOf(const QDateTime &when, const WorkCalendar &calendar = WorkCalendar::builtin());
    // Accepts exactly what toString() makes; false (and `number` untouched) otherwise.
    static bool parse(const QString &text, CaseNumber *number);

    bool isValid() const { return m_year >= 1000 && m_year <= 9999 && m_serial >= 1; }
    int year() const { return m_year; }
    qint64 serial() const { return m_serial; }
    QString toString() const;

    friend bool operator==(const CaseNumber &a, const CaseNumber &b) { return a.m_year == b.m_year && a.m_serial == b.m_serial; }
    friend bool operator!=(const CaseNumber &a, const CaseNumber &b) { return !(a == b); }

private:
    int m_year = 0;
    qint64 m_serial = 0;
};

} // namespace gw

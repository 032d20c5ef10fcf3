#include "assessmentperiod.h"
#include "workcalendar.h"

namespace gw {

QTimeZone AssessmentPeriod::districtZone()
{
    return WorkCalendar::districtZone();
}

AssessmentPeriod AssessmentPeriod::month(int year, int month, const QTimeZone &zone)
{
    const QDate first(year, month, 1);
    AssessmentPeriod p;
    p.from = QDateTime(first, QTime(0, 0), zone).toUTC();
    p.to = QDateTime(first.addMonths(1), QTime(0, 0), zone).toUTC();
    p.label = first.toString(QStringLiteral("yyyy-MM"));
    return p;
}

AssessmentPeriod AssessmentPeriod::monthOf(const QDateTime &t, const QTimeZone &zone)
{
    const QDate d = t.toTimeZone(zone).date();
    return month(d.year(), d.month(), zone);
}

AssessmentPeriod AssessmentPeriod::days(const QDate &first, const QDate &last, const QTimeZone &zone)
{
    AssessmentPeriod p;
    p.from = QDateTime(first, QTime(0, 0), zone).toUTC();
    p.to = QDateTime(last.addDays(1), QTime(0, 0), zone).toUTC();
    p.label = first.toString(Qt::ISODate) + QStringLiteral(" – ") + last.toString(Qt::ISODate);
    return p;
}

AssessmentPeriod AssessmentPeriod::previousMonth() const
{
    const QDate d = from.toTimeZone(districtZone()).date().addMonths(-1);
    return month(d.year(), d.month());
}

} // namespace gw

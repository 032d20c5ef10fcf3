#pragma once
#include <QDateTime>
#include <QTimeZone>

namespace gw {

// A half-open range of time [from, to) the assessment covers; by default a calendar month in district time.
struct AssessmentPeriod {
    QDateTime from;  // inclusive, UTC
    QDateTime to;    // exclusive, UTC
    QString label;   // "2026-10" for a month, "2026-10-01 – 2026-10-15" otherwise

    bool isValid() const { return from.isValid() && to.isValid() && from < to; }
    static QTimeZone districtZone();  // WorkCalendar::districtZone()
    static AssessmentPeriod month(int year, int month, const QTimeZone &zone = districtZone());
    // The month containing `t` (in district time).
    static AssessmentPeriod monthOf(const QDateTime &t, const QTimeZone &zone = districtZone());
    // Whole local days from `first` to `last` inclusive.
    static AssessmentPeriod days(const QDate &first, const QDate &last, const QTimeZone &zone = districtZone());
    AssessmentPeriod previousMonth() const;  // for month periods
};

} // namespace gw

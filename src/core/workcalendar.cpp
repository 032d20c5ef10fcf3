#include "workcalendar.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gw {

static Message tr(const char *text) { return Message::translate("gw::WorkCalendar", text); }

WorkCalendar::WorkCalendar() : m_zone(DefaultOffsetHours * 3600) {}

Result WorkCalendar::loadJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result::failure("invalid_json", tr("Calendar file is not valid JSON: %1").arg(err.errorString()));
    const QJsonObject o = doc.object();
    const QJsonValue offset = o.value("timezoneOffsetHours");
    if (!offset.isUndefined() && (!offset.isDouble() || offset.toDouble() != double(offset.toInt())))
        return Result::failure("invalid_input", tr("Calendar time zone offset must be a whole number of hours."));
    const int offsetHours = offset.toInt(DefaultOffsetHours);
    if (offsetHours < -12 || offsetHours > 14)
        return Result::failure("invalid_input", tr("Calendar time zone offset %1 is out of range.").arg(offsetHours));
    QSet<QDate> holidays, extra;
    for (const auto &[key, target] : {std::pair{"holidays", &holidays}, std::pair{"extraWorkdays", &extra}}) {
        const QJsonValue list = o.value(QLatin1String(key));
        if (!list.isUndefined() && !list.isArray())
            return Result::failure("invalid_input", tr("Calendar field \"%1\" must be a list of dates.")
                                                        .arg(QLatin1String(key)));
        for (const QJsonValue &v : list.toArray()) {
            const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
            if (!d.isValid())
                return Result::failure("invalid_input", tr("Calendar date \"%1\" is not YYYY-MM-DD.").arg(v.toString()));
            target->insert(d);
        }
    }
    WorkingDay day;
    const QJsonValue workday = o.value("workday");
    if (!workday.isUndefined()) {
        if (!workday.isObject())
            return Result::failure("invalid_input", tr("Calendar field \"workday\" must be an object."));
        const QJsonObject w = workday.toObject();
        for (const auto &[key, target] : {std::pair{"start", &day.start}, std::pair{"lunchStart", &day.lunchStart},
                                          std::pair{"lunchEnd", &day.lunchEnd}, std::pair{"end", &day.end}}) {
            *target = QTime::fromString(w.value(QLatin1String(key)).toString(), QStringLiteral("HH:mm"));
            if (!target->isValid())
                return Result::failure("invalid_input", tr("Calendar working day \"%1\" must be a time HH:mm.")
                                                            .arg(QLatin1String(key)));
        }
        // lunchStart == lunchEnd is a day without a lunch break.
        if (!(day.start < day.lunchStart && day.lunchStart <= day.lunchEnd && day.lunchEnd < day.end))
            return Result::failure("invalid_input", tr("Calendar working day times must be in order: start before "
                                                       "lunchStart, lunchStart not after lunchEnd, lunchEnd before end."));
    }
    m_zone = QTimeZone(offsetHours * 3600);
    m_holidays = holidays;
    m_extraWorkdays = extra;
    m_workingDay = day;
    return Result::success();
}

const WorkCalendar &WorkCalendar::builtin()
{
    static const WorkCalendar cal = [] {
        WorkCalendar c;
        QFile f(QStringLiteral(":/seed/calendar.json"));
        if (f.open(QIODevice::ReadOnly)) {
            const Result r = c.loadJson(f.readAll());
            Q_ASSERT_X(r.ok, "WorkCalendar::builtin", qPrintable(r.message));
        }
        return c;
    }();
    return cal;
}

bool WorkCalendar::isWorkingDay(const QDate &date) const
{
    if (m_extraWorkdays.contains(date))
        return true;
    if (m_holidays.contains(date))
        return false;
    return date.dayOfWeek() <= 5;
}

QDateTime WorkCalendar::addWorkingDays(const QDateTime &from, int days) const
{
    const QDateTime local = from.toTimeZone(m_zone);
    QDate date = local.date();
    // Bounded walk: even a year of holidays cannot stall it.
    for (int counted = 0, guard = 0; counted < days && guard < days * 7 + 400; ++guard) {
        date = date.addDays(1);
        if (isWorkingDay(date))
            ++counted;
    }
    return QDateTime(date, local.time(), m_zone).toUTC();
}

QDateTime WorkCalendar::addWorkingHours(const QDateTime &from, int hours) const
{
    const QDateTime local = from.toTimeZone(m_zone);
    QDate date = local.date();
    qint64 left = qint64(qMax(hours, 0)) * 3600000;
    qint64 msOfDay = local.time().msecsSinceStartOfDay();
    const auto ms = [](const QTime &t) { return qint64(t.msecsSinceStartOfDay()); };
    const std::pair<qint64, qint64> periods[] = {{ms(m_workingDay.start), ms(m_workingDay.lunchStart)},
                                                 {ms(m_workingDay.lunchEnd), ms(m_workingDay.end)}};
    const qint64 perDay = (periods[0].second - periods[0].first) + (periods[1].second - periods[1].first);
    // Bounded walk, as in addWorkingDays: even a year of holidays cannot stall it.
    for (qint64 guard = 0; guard < left / perDay * 2 + 400; ++guard) {
        if (isWorkingDay(date)) {
            for (const auto &[begin, end] : periods) {
                if (msOfDay >= end || begin == end)
                    continue;
                const qint64 at = qMax(msOfDay, begin);
                // `<=`: a due time exactly at the period's end stays there, not at the next period's start.
                if (left <= end - at)
                    return QDateTime(date, QTime(0, 0), m_zone).addMSecs(at + left).toUTC();
                left -= end - at;
                msOfDay = end;
            }
        }
        date = date.addDays(1);
        msOfDay = 0;
    }
    return QDateTime(date, m_workingDay.start, m_zone).addMSecs(left).toUTC();
}

int WorkCalendar::workingDaysBetween(const QDate &from, const QDate &to) const
{
    int n = 0;
    for (QDate d = from.addDays(1); d <= to; d = d.addDays(1))
        if (isWorkingDay(d))
            ++n;
    return n;
}

} // namespace gw

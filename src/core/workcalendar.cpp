#include "workcalendar.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gw {

static QString tr(const char *text) { return QCoreApplication::translate("gw::WorkCalendar", text); }

WorkCalendar::WorkCalendar() : m_zone(8 * 3600) {}  // Asia/Shanghai has no DST: a fixed offset is exact

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
    const int offsetHours = offset.toInt(8);
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
    m_zone = QTimeZone(offsetHours * 3600);
    m_holidays = holidays;
    m_extraWorkdays = extra;
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

int WorkCalendar::workingDaysBetween(const QDate &from, const QDate &to) const
{
    int n = 0;
    for (QDate d = from.addDays(1); d <= to; d = d.addDays(1))
        if (isWorkingDay(d))
            ++n;
    return n;
}

} // namespace gw

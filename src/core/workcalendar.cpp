#include "workcalendar.h"
#include "districtdata.h"
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
    return load(doc.object());
}

Result WorkCalendar::load(const QJsonObject &o)
{
    const QJsonValue offset = o.value("timezoneOffsetHours");
    if (!offset.isUndefined() && (!offset.isDouble() || offset.toDouble() != double(offset.toInt())))
        return Result::failure("invalid_input", tr("Calendar time zone offset must be a whole number of hours."));
    const int offsetHours = offset.toInt(DefaultOffsetHours);
    if (offsetHours < -12 || offsetHours > 14)
        return Result::failure("invalid_input", tr("Calendar time zone offset %1 is out of range.").arg(offsetHours));
    QMap<int, CalendarYear> years;
    const QJsonValue yearList = o.value("years");
    if (!yearList.isUndefined()) {
        if (!yearList.isArray())
            return Result::failure("invalid_input", tr("Calendar field \"years\" must be a list of years."));
        for (const QJsonValue &v : yearList.toArray()) {
            CalendarYear y;
            Message why;
            if (!v.isObject() || !CalendarYear::fromJson(v.toObject(), &y, &why))
                return Result::failure("invalid_input", why.isEmpty() ? tr("A calendar year must be an object.") : why);
            if (years.contains(y.year))
                return Result::failure("invalid_input", tr("The calendar lists the year %1 twice.").arg(y.year));
            years.insert(y.year, y);
        }
    }
    // A calendar from before years were kept: flat lists of dates, grouped here into the years they fall in.
    for (const auto &[key, isHoliday] : {std::pair{"holidays", true}, std::pair{"extraWorkdays", false}}) {
        const QJsonValue list = o.value(QLatin1String(key));
        if (!list.isUndefined() && !list.isArray())
            return Result::failure("invalid_input", tr("Calendar field \"%1\" must be a list of dates.")
                                                        .arg(QLatin1String(key)));
        for (const QJsonValue &v : list.toArray()) {
            const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
            if (!d.isValid())
                return Result::failure("invalid_input", tr("Calendar date \"%1\" is not YYYY-MM-DD.").arg(v.toString()));
            CalendarYear &y = years[d.year()];
            y.year = d.year();
            if (!isHoliday) {
                y.extraWorkdays.append(d);
            } else if (!y.holidays.isEmpty() && y.holidays.last().to.addDays(1) == d && y.holidays.last().name.isEmpty()) {
                y.holidays.last().to = d;  // consecutive days are one period
            } else {
                y.holidays.append({QString(), d, d});
            }
        }
    }
    // Every year as the administrator's form would take it, whichever shape it came in.
    for (const CalendarYear &y : std::as_const(years)) {
        const Result valid = y.check();
        if (!valid.ok)
            return valid;
    }
    WorkingDay day;
    const QJsonValue workday = o.value("workday");
    if (!workday.isUndefined()) {
        const Result read = readWorkingDay(workday, &day);
        if (!read.ok)
            return read;
    }
    m_zone = QTimeZone(offsetHours * 3600);
    m_years = years;
    rebuildDays();
    m_workingDay = day;
    return Result::success();
}

Result WorkCalendar::readWorkingDay(const QJsonValue &value, WorkingDay *out)
{
    const QString field = QStringLiteral("workday");
    if (!value.isObject())
        return Result::failure("invalid_input", tr("Calendar field \"workday\" must be an object."), field);
    const QJsonObject w = value.toObject();
    WorkingDay day;
    for (const auto &[key, target] : {std::pair{"start", &day.start}, std::pair{"lunchStart", &day.lunchStart},
                                      std::pair{"lunchEnd", &day.lunchEnd}, std::pair{"end", &day.end}}) {
        *target = QTime::fromString(w.value(QLatin1String(key)).toString(), QStringLiteral("HH:mm"));
        if (!target->isValid())
            return Result::failure("invalid_input", tr("Calendar working day \"%1\" must be a time HH:mm.")
                                                        .arg(QLatin1String(key)), field);
    }
    // lunchStart == lunchEnd is a day without a lunch break.
    if (!(day.start < day.lunchStart && day.lunchStart <= day.lunchEnd && day.lunchEnd < day.end))
        return Result::failure("invalid_input", tr("Calendar working day times must be in order: start before "
                                                   "lunchStart, lunchStart not after lunchEnd, lunchEnd before end."),
                               field);
    *out = day;
    return Result::success();
}

QJsonObject WorkCalendar::WorkingDay::toJson() const
{
    const auto hhmm = [](const QTime &t) { return t.toString(QStringLiteral("HH:mm")); };
    return {{"start", hhmm(start)}, {"lunchStart", hhmm(lunchStart)}, {"lunchEnd", hhmm(lunchEnd)}, {"end", hhmm(end)}};
}

int WorkCalendar::WorkingDay::officeMinutes() const
{
    return (start.secsTo(lunchStart) + lunchEnd.secsTo(end)) / 60;
}

Result WorkCalendar::setWorkingDay(const WorkingDay &day)
{
    WorkingDay checked;
    const Result r = readWorkingDay(day.toJson(), &checked);
    if (r.ok)
        m_workingDay = checked;
    return r;
}

QJsonObject WorkCalendar::toJson() const
{
    QJsonArray years;
    for (const CalendarYear &y : m_years)
        years.append(y.toJson());
    const QJsonObject o{{"version", 2},
                        {"timezoneOffsetHours", m_zone.offsetFromUtc(QDateTime::currentDateTimeUtc()) / 3600},
                        {"workday", m_workingDay.toJson()},
                        {"years", years}};
    return o;
}

void WorkCalendar::rebuildDays()
{
    m_holidays.clear();
    m_extraWorkdays.clear();
    for (const CalendarYear &y : std::as_const(m_years)) {
        for (const CalendarYear::Holiday &h : y.holidays)
            for (QDate d = h.from; d.isValid() && d <= h.to; d = d.addDays(1))
                m_holidays.insert(d);
        for (const QDate &d : y.extraWorkdays)
            m_extraWorkdays.insert(d);
    }
}

std::optional<CalendarYear> WorkCalendar::year(int year) const
{
    const auto it = m_years.constFind(year);
    return it == m_years.constEnd() ? std::nullopt : std::optional<CalendarYear>(*it);
}

int WorkCalendar::daysLeft(const QDate &today) const
{
    if (m_years.isEmpty())
        return -1;
    return int(today.daysTo(lastKnownDay()));
}

QDate WorkCalendar::districtToday() { return QDateTime::currentDateTimeUtc().toTimeZone(districtZone()).date(); }

Result WorkCalendar::setYear(const CalendarYear &year)
{
    const Result valid = year.check();
    if (!valid.ok)
        return valid;
    m_years.insert(year.year, year);
    rebuildDays();
    return Result::success();
}

// --- CalendarYear ---

Result CalendarYear::check() const
{
    const QString invalid = QStringLiteral("invalid_input");
    if (year < 2000 || year > 2100)
        return Result::failure(invalid, tr("A calendar year is from 2000 to 2100, not %1.").arg(year), QStringLiteral("year"));
    if (holidays.size() > MaxHolidays || extraWorkdays.size() > MaxExtraWorkdays)
        return Result::failure(invalid, tr("A year holds at most %1 holiday periods and %2 make-up workdays.")
                                            .arg(MaxHolidays).arg(MaxExtraWorkdays));
    if (notice.size() > MaxNoticeLength)
        return Result::failure(invalid, tr("The notice is at most %1 characters.").arg(MaxNoticeLength), QStringLiteral("notice"));
    const auto inYear = [this](const QDate &d) { return d.isValid() && d.year() == year; };
    QList<Holiday> sorted = holidays;
    std::sort(sorted.begin(), sorted.end(), [](const Holiday &a, const Holiday &b) { return a.from < b.from; });
    for (int i = 0; i < sorted.size(); ++i) {
        const Holiday &h = sorted.at(i);
        const Message name = h.name.isEmpty() ? tr("a holiday") : Message(h.name);
        if (h.name.size() > MaxNameLength)
            return Result::failure(invalid, tr("A holiday name is at most %1 characters.").arg(MaxNameLength), QStringLiteral("holidays"));
        if (!inYear(h.from) || !inYear(h.to))
            return Result::failure(invalid, tr("%1: every day must fall in %2.").arg(name).arg(year), QStringLiteral("holidays"));
        if (h.to < h.from)
            return Result::failure(invalid, tr("%1 ends (%2) before it starts (%3).")
                                                .arg(name, Message(h.to.toString(Qt::ISODate)), Message(h.from.toString(Qt::ISODate))),
                                   QStringLiteral("holidays"));
        if (i > 0 && sorted.at(i - 1).to >= h.from)
            return Result::failure(invalid, tr("%1 and %2 overlap (%3).")
                                                .arg(sorted.at(i - 1).name.isEmpty() ? tr("a holiday") : Message(sorted.at(i - 1).name),
                                                     name, Message(h.from.toString(Qt::ISODate))),
                                   QStringLiteral("holidays"));
    }
    QSet<QDate> seen;
    for (const QDate &d : extraWorkdays) {
        if (!inYear(d))
            return Result::failure(invalid, tr("The make-up workday %1 is not in %2.").arg(d.toString(Qt::ISODate)).arg(year),
                                   QStringLiteral("extraWorkdays"));
        if (d.dayOfWeek() <= 5)
            return Result::failure(invalid, tr("%1 is a weekday; a make-up workday (调休) is a Saturday or Sunday.")
                                                .arg(d.toString(Qt::ISODate)),
                                   QStringLiteral("extraWorkdays"));
        for (const Holiday &h : holidays)
            if (d >= h.from && d <= h.to)
                return Result::failure(invalid, tr("The make-up workday %1 falls inside %2.")
                                                    .arg(Message(d.toString(Qt::ISODate)), h.name.isEmpty() ? tr("a holiday") : Message(h.name)),
                                       QStringLiteral("extraWorkdays"));
        if (seen.contains(d))
            return Result::failure(invalid, tr("The make-up workday %1 is listed twice.").arg(d.toString(Qt::ISODate)),
                                   QStringLiteral("extraWorkdays"));
        seen.insert(d);
    }
    return Result::success();
}

QJsonObject CalendarYear::toJson() const
{
    QJsonArray list;
    for (const Holiday &h : holidays)
        list.append(QJsonObject{{"name", h.name}, {"from", h.from.toString(Qt::ISODate)}, {"to", h.to.toString(Qt::ISODate)}});
    QJsonArray extra;
    for (const QDate &d : extraWorkdays)
        extra.append(d.toString(Qt::ISODate));
    QJsonObject o{{"year", year}, {"holidays", list}, {"extraWorkdays", extra}};
    if (!notice.isEmpty())
        o.insert(QStringLiteral("notice"), notice);
    return o;
}

bool CalendarYear::fromJson(const QJsonObject &o, CalendarYear *out, Message *error)
{
    auto fail = [error](const Message &m) {
        if (error)
            *error = m;
        return false;
    };
    CalendarYear y;
    const QJsonValue year = o.value("year");
    if (!year.isDouble() || year.toDouble() != double(year.toInt()))
        return fail(tr("A calendar year needs \"year\" as a whole number."));
    y.year = year.toInt();
    if (!o.value("notice").isUndefined() && !o.value("notice").isString())
        return fail(tr("\"notice\" must be text."));
    y.notice = o.value("notice").toString().trimmed();
    if (!o.value("holidays").isUndefined() && !o.value("holidays").isArray())
        return fail(tr("\"holidays\" must be a list of {name, from, to}."));
    for (const QJsonValue &v : o.value("holidays").toArray()) {
        const QJsonObject h = v.toObject();
        const QDate from = QDate::fromString(h.value("from").toString(), Qt::ISODate);
        const QDate to = QDate::fromString(h.value("to").toString(), Qt::ISODate);
        if (!v.isObject() || !from.isValid() || !to.isValid() || (!h.value("name").isUndefined() && !h.value("name").isString()))
            return fail(tr("A holiday is {\"name\": text, \"from\": YYYY-MM-DD, \"to\": YYYY-MM-DD}."));
        y.holidays.append({h.value("name").toString().trimmed(), from, to});
    }
    if (!o.value("extraWorkdays").isUndefined() && !o.value("extraWorkdays").isArray())
        return fail(tr("\"extraWorkdays\" must be a list of dates."));
    for (const QJsonValue &v : o.value("extraWorkdays").toArray()) {
        const QDate d = QDate::fromString(v.toString(), Qt::ISODate);
        if (!d.isValid())
            return fail(tr("Calendar date \"%1\" is not YYYY-MM-DD.").arg(v.toString()));
        y.extraWorkdays.append(d);
    }
    *out = y;
    return true;
}

WorkCalendar WorkCalendar::shipped() { return loadShipped<WorkCalendar>(QStringLiteral(":/seed/calendar.json")); }

const WorkCalendar &WorkCalendar::builtin() { return districtData<WorkCalendar>(); }

void WorkCalendar::installDistrict(const WorkCalendar &calendar) { districtData<WorkCalendar>() = calendar; }

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

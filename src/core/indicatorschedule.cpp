#include "indicatorschedule.h"
#include "districtdata.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <algorithm>

namespace gw {

bool IndicatorSchedule::parseMonth(const QString &text, int *year, int *month)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("(\\d{4})-(\\d{2})")));
    const QRegularExpressionMatch m = pattern.match(text);
    if (!m.hasMatch())
        return false;
    const int y = m.captured(1).toInt(), mo = m.captured(2).toInt();
    if (y < 2000 || y > 2100 || mo < 1 || mo > 12)
        return false;
    if (year)
        *year = y;
    if (month)
        *month = mo;
    return true;
}

static Result refused(const Message &why, const QString &field)
{
    return Result::failure(QStringLiteral("invalid_input"), why, field);
}

Result IndicatorSchedule::place(const QString &month, const QByteArray &setJson, QStringList *errors)
{
    if (!parseMonth(month))
        return refused(tr("The month a set takes effect is written like 2027-01; \"%1\" is not one.").arg(month.left(20)),
                       QStringLiteral("effective"));
    IndicatorSet set;
    const Result loaded = set.loadJson(setJson, errors);
    if (!loaded.ok)
        return Result::failure(loaded.code, loaded.message, QStringLiteral("indicators"));
    for (const Entry &e : m_entries)
        if (e.effective != month && e.set.version() == set.version()
            && QJsonDocument::fromJson(e.set.toJson()) != QJsonDocument::fromJson(set.toJson()))
            return refused(tr("Version %1 already names the set in force from %2, with other rules. Give the changed set "
                              "its own version: reports tell the rules apart by it.")
                               .arg(set.version(), e.effective),
                           QStringLiteral("indicators"));
    const auto at = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.effective == month; });
    if (at != m_entries.end()) {
        at->set = set;
        return Result::success();
    }
    if (m_entries.size() >= MaxEntries)
        return refused(tr("The district keeps at most %1 indicator sets.").arg(MaxEntries), QStringLiteral("effective"));
    m_entries.insert(std::upper_bound(m_entries.begin(), m_entries.end(), month,
                                      [](const QString &m, const Entry &e) { return m < e.effective; }),
                     {month, set});
    return Result::success();
}

Result IndicatorSchedule::checkSize() const
{
    if (QJsonDocument(toJson()).toJson(QJsonDocument::Compact).size() > MaxBytes)
        return refused(tr("The district's indicator sets would take more than %1 KB; remove sets no month uses any more.")
                           .arg(MaxBytes / 1024),
                       QStringLiteral("indicators"));
    return Result::success();
}

Result IndicatorSchedule::setFrom(const QString &month, const QByteArray &setJson, QStringList *errors)
{
    IndicatorSchedule grown = *this;
    Result r = grown.place(month, setJson, errors);
    if (r.ok)
        r = grown.checkSize();
    if (r.ok)
        *this = grown;
    return r;
}

Result IndicatorSchedule::load(const QJsonObject &body)
{
    if (!body.value(QLatin1String("sets")).isArray() || body.value(QLatin1String("sets")).toArray().isEmpty())
        return refused(tr("The indicator schedule has no \"sets\" list."), QStringLiteral("sets"));
    IndicatorSchedule loaded;
    for (const QJsonValue &v : body.value(QLatin1String("sets")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString month = o.value(QLatin1String("effective")).toString();
        if (std::any_of(loaded.m_entries.cbegin(), loaded.m_entries.cend(), [&](const Entry &e) { return e.effective == month; }))
            return refused(tr("Two indicator sets take effect in %1.").arg(month), QStringLiteral("effective"));
        const Result r = loaded.place(month, QJsonDocument(o.value(QLatin1String("set")).toObject()).toJson(QJsonDocument::Compact));
        if (!r.ok)
            return r;
    }
    const Result fits = loaded.checkSize();  // once for the whole schedule, not once per set
    if (!fits.ok)
        return fits;
    *this = loaded;
    return Result::success();
}

QJsonObject IndicatorSchedule::toJson() const
{
    QJsonArray sets;
    for (const Entry &e : m_entries)
        sets.append(QJsonObject{{QStringLiteral("effective"), e.effective},
                                {QStringLiteral("set"), QJsonDocument::fromJson(e.set.toJson()).object()}});
    return {{QStringLiteral("sets"), sets}};
}

QString IndicatorSchedule::effectiveFor(int year, int month) const
{
    const QString wanted = QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0'));
    QString found = m_entries.isEmpty() ? QString() : m_entries.first().effective;
    for (const Entry &e : m_entries)
        if (e.effective <= wanted)
            found = e.effective;
    return found;
}

const IndicatorSet &IndicatorSchedule::inForce(int year, int month) const
{
    const QString effective = effectiveFor(year, month);
    for (const Entry &e : m_entries)
        if (e.effective == effective)
            return e.set;
    return IndicatorSet::builtin();
}

IndicatorSchedule IndicatorSchedule::shipped()
{
    IndicatorSchedule s;
    const Result r = s.setFrom(QStringLiteral("2026-01"), IndicatorSet::builtinJson());
    Q_ASSERT_X(r.ok, "IndicatorSchedule::shipped", qPrintable(r.message.english()));
    return s;
}

const IndicatorSchedule &IndicatorSchedule::builtin() { return districtData<IndicatorSchedule>(); }

void IndicatorSchedule::installDistrict(const IndicatorSchedule &schedule) { districtData<IndicatorSchedule>() = schedule; }

} // namespace gw

#include "casenumber.h"
#include <QRegularExpression>

namespace gw {

CaseNumber CaseNumber::at(const QDateTime &when, qint64 serial, const WorkCalendar &calendar)
{
    return CaseNumber(yearOf(when, calendar), serial);
}

int CaseNumber::yearOf(const QDateTime &when, const WorkCalendar &calendar)
{
    return when.toTimeZone(calendar.timeZone()).date().year();
}

QString CaseNumber::toString() const
{
    return QStringLiteral("PL-%1-%2").arg(m_year).arg(m_serial, SerialDigits, 10, QLatin1Char('0'));
}

bool CaseNumber::parse(const QString &text, CaseNumber *number)
{
    static const QRegularExpression form(QStringLiteral("^PL-([0-9]{4})-([0-9]{6,18})$"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return false;
    const CaseNumber parsed(m.captured(1).toInt(), m.captured(2).toLongLong());
    // Only the canonical form: no serial 0, no extra leading zeros beyond the padding.
    if (!parsed.isValid() || parsed.toString() != text)
        return false;
    *number = parsed;
    return true;
}

} // namespace gw

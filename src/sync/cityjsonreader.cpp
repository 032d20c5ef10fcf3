#include "cityjsonreader.h"
#include <QCoreApplication>
#include <cmath>

namespace gw {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("gw::CityJsonReader", text); }
}

CityJsonReader::CityJsonReader(const QJsonObject &object, const QString &what) : m_object(object), m_what(what) {}

void CityJsonReader::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

QJsonValue CityJsonReader::take(const char *key, Need need, bool *present)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    *present = !v.isUndefined() && !v.isNull();
    if (!*present && need == Need::Required)
        fail(tr("The server's %1 has no \"%2\".").arg(m_what, QLatin1String(key)));
    return v;
}

void CityJsonReader::wrongType(const char *key, const QString &expected)
{
    fail(tr("The server's %1 has \"%2\" in the wrong form (expected %3).").arg(m_what, QLatin1String(key), expected));
}

QString CityJsonReader::text(const char *key, Need need)
{
    bool present = false;
    const QJsonValue v = take(key, need, &present);
    if (!present)
        return {};
    if (!v.isString()) {
        wrongType(key, tr("text"));
        return {};
    }
    return v.toString();
}

int CityJsonReader::number(const char *key, Need need)
{
    bool present = false;
    const QJsonValue v = take(key, need, &present);
    if (!present)
        return 0;
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d > 1e9 || std::floor(d) != d) {
        wrongType(key, tr("a whole number"));
        return 0;
    }
    return int(d);
}

bool CityJsonReader::flag(const char *key, Need need)
{
    bool present = false;
    const QJsonValue v = take(key, need, &present);
    if (!present)
        return false;
    if (!v.isBool()) {
        wrongType(key, tr("true or false"));
        return false;
    }
    return v.toBool();
}

QDateTime CityJsonReader::time(const char *key, Need need)
{
    const QString t = text(key, need);
    if (t.isEmpty())
        return {};
    QDateTime parsed = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(t, Qt::ISODate);
    if (!parsed.isValid()) {
        wrongType(key, tr("a date and time"));
        return {};
    }
    return parsed.toUTC();
}

QJsonObject CityJsonReader::object(const char *key)
{
    bool present = false;
    const QJsonValue v = take(key, Need::Optional, &present);
    if (!present)
        return {};
    if (!v.isObject()) {
        wrongType(key, tr("an object"));
        return {};
    }
    return v.toObject();
}

} // namespace gw

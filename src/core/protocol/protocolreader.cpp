#include "protocol/protocolreader.h"
#include <cmath>

namespace gw {

ProtocolReader::ProtocolReader(const QJsonObject &object, const Message &what) : m_object(object), m_what(what) {}

void ProtocolReader::fail(const Message &message)
{
    if (m_error.isEmpty())
        m_error = message;
}

bool ProtocolReader::finish(Message *error) const
{
    if (!ok() && error)
        *error = m_error;
    return ok();
}

QJsonValue ProtocolReader::take(const char *key, Need need, bool *present)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    *present = !v.isUndefined() && !v.isNull();
    if (!*present && need == Need::Required)
        fail(tr("The %1 has no \"%2\".").arg(m_what, QLatin1String(key)));
    return v;
}

void ProtocolReader::wrongType(const char *key, const Message &expected)
{
    fail(tr("The %1 has \"%2\" in the wrong form (expected %3).").arg(m_what, QLatin1String(key), expected));
}

QString ProtocolReader::text(const char *key, Need need)
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

int ProtocolReader::number(const char *key, Need need)
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

qint64 ProtocolReader::bigNumber(const char *key, Need need)
{
    bool present = false;
    const QJsonValue v = take(key, need, &present);
    if (!present)
        return 0;
    // Up to 2^53: every such integer survives a JSON number (a double) unchanged.
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d > 9007199254740992.0 || std::floor(d) != d) {
        wrongType(key, tr("a whole number"));
        return 0;
    }
    return qint64(d);
}

bool ProtocolReader::flag(const char *key, Need need)
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

QDateTime ProtocolReader::time(const char *key, Need need)
{
    const QString t = text(key, need);
    if (t.isEmpty()) {
        if (ok() && need == Need::Required)
            fail(tr("The %1 has no \"%2\".").arg(m_what, QLatin1String(key)));
        return {};
    }
    QDateTime parsed = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(t, Qt::ISODate);
    if (!parsed.isValid()) {
        wrongType(key, tr("a date and time"));
        return {};
    }
    return parsed.toUTC();
}

QJsonObject ProtocolReader::object(const char *key, Need need)
{
    bool present = false;
    const QJsonValue v = take(key, need, &present);
    if (!present)
        return {};
    if (!v.isObject()) {
        wrongType(key, tr("an object"));
        return {};
    }
    return v.toObject();
}

QJsonArray ProtocolReader::array(const char *key, Need need)
{
    bool present = false;
    const QJsonValue v = take(key, need, &present);
    if (!present)
        return {};
    if (!v.isArray()) {
        wrongType(key, tr("a list"));
        return {};
    }
    return v.toArray();
}

} // namespace gw

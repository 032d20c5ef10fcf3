#include "caseevent.h"
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QUuid>

namespace gw {

static Message tr(const char *text) { return Message::translate("gw::CaseEvent", text); }

QString CaseEvent::newId() { return QUuid::createUuid().toString(QUuid::WithoutBraces); }

QString CaseEvent::timeToString(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime CaseEvent::timeFromString(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QByteArray CaseEvent::canonical() const
{
    // QJsonObject keeps keys sorted and compact output has no optional whitespace: a stable byte form.
    const QJsonObject o{{"actor", actorId},          {"case", caseId},
                        {"caseSeq", caseSeq},        {"clientTime", timeToString(clientTime)},
                        {"device", deviceId},        {"id", id},
                        {"org", actorOrgUnit},       {"payload", payload},
                        {"prev", QString::fromLatin1(prevHash)}, {"role", roleToString(actorRole)},
                        {"type", eventTypeToString(type)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray CaseEvent::computeHash() const
{
    return QCryptographicHash::hash(canonical(), QCryptographicHash::Sha256).toHex();
}

QJsonObject CaseEvent::toJson() const
{
    QJsonObject o{{"id", id},
                  {"case", caseId},
                  {"caseSeq", caseSeq},
                  {"type", eventTypeToString(type)},
                  {"payload", payload},
                  {"actor", actorId},
                  {"role", roleToString(actorRole)},
                  {"org", actorOrgUnit},
                  {"device", deviceId},
                  {"clientTime", timeToString(clientTime)},
                  {"prev", QString::fromLatin1(prevHash)},
                  {"hash", QString::fromLatin1(hash)}};
    if (serverSeq > 0) {
        o.insert("serverSeq", serverSeq);
        o.insert("serverTime", timeToString(serverTime));
    }
    return o;
}

static bool isUuid(const QString &s)
{
    return s.size() == 36 && !QUuid::fromString(s).isNull();
}

static bool isHexHash(const QString &s)
{
    if (s.size() != 64)
        return false;
    for (QChar c : s)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

static bool isWritableTime(const QDateTime &utc)
{
    return utc.date().year() >= 1 && utc.date().year() <= 9999;
}

bool CaseEvent::fromJson(const QJsonObject &o, CaseEvent *event, Message *error)
{
    auto fail = [error](const Message &msg) {
        *error = msg;
        return false;
    };
    CaseEvent e;
    for (const char *key : {"id", "case", "type", "actor", "role", "org", "device", "clientTime"}) {
        if (!o.value(key).isString())
            return fail(tr("Event field \"%1\" must be a string.").arg(QLatin1String(key)));
    }
    e.id = o.value("id").toString();
    e.caseId = o.value("case").toString();
    if (!isUuid(e.id))
        return fail(tr("Event id \"%1\" is not a UUID.").arg(e.id.left(80)));
    if (!isUuid(e.caseId))
        return fail(tr("Case id \"%1\" is not a UUID.").arg(e.caseId.left(80)));
    if (!o.value("caseSeq").isDouble() || o.value("caseSeq").toDouble() < 1 || o.value("caseSeq").toDouble() > 1e9
        || o.value("caseSeq").toDouble() != double(o.value("caseSeq").toInt()))
        return fail(tr("Event caseSeq must be a positive whole number."));
    e.caseSeq = o.value("caseSeq").toInt();
    if (!eventTypeFromString(o.value("type").toString(), &e.type))
        return fail(tr("Unknown event type \"%1\".").arg(o.value("type").toString().left(80)));
    if (!o.value("payload").isObject())
        return fail(tr("Event payload must be a JSON object."));
    e.payload = o.value("payload").toObject();
    e.actorId = o.value("actor").toString();
    if (!roleFromString(o.value("role").toString(), &e.actorRole))
        return fail(tr("Unknown role \"%1\".").arg(o.value("role").toString().left(80)));
    e.actorOrgUnit = o.value("org").toString();
    e.deviceId = o.value("device").toString();
    if (e.actorId.size() > 64 || e.actorOrgUnit.size() > 64 || e.deviceId.size() > 64)
        return fail(tr("Actor, org unit and device must be at most 64 characters."));
    if (e.actorId.trimmed().isEmpty())
        return fail(tr("Event actor must not be empty."));
    e.clientTime = QDateTime::fromString(o.value("clientTime").toString(), Qt::ISODateWithMs);
    if (!e.clientTime.isValid())
        return fail(tr("Event clientTime is not an ISO 8601 time."));
    // Without "Z" or an offset the time would be read in this machine's zone, and the hash would differ per machine.
    if (e.clientTime.timeSpec() == Qt::LocalTime)
        return fail(tr("Event clientTime must name its time zone (\"Z\" or an offset)."));
    e.clientTime = e.clientTime.toUTC();
    // The wire form is ISO 8601 in UTC, which only writes years 1..9999; an offset can push a time outside
    // (found by fuzz_event_json): such an event would be stored with an empty time no client could read back.
    if (!isWritableTime(e.clientTime))
        return fail(tr("Event clientTime must lie between the years 1 and 9999 in UTC."));
    for (const char *key : {"prev", "hash"}) {
        if (o.contains(QLatin1String(key)) && !o.value(key).isString())
            return fail(tr("Event field \"%1\" must be a string.").arg(QLatin1String(key)));
    }
    const QString prev = o.value("prev").toString();
    if (!prev.isEmpty() && !isHexHash(prev))
        return fail(tr("Event prev must be a hex SHA-256 or empty."));
    e.prevHash = prev.toLatin1();
    const QString hash = o.value("hash").toString();
    if (!hash.isEmpty() && !isHexHash(hash))
        return fail(tr("Event hash must be a hex SHA-256."));
    e.hash = hash.toLatin1();
    if (o.contains("serverSeq")) {
        const QJsonValue seq = o.value("serverSeq");
        const double n = seq.toDouble(-1);
        if (!seq.isDouble() || n < 1 || n > 9007199254740991.0 || n != double(qint64(n)))
            return fail(tr("Event serverSeq must be a positive whole number."));
        e.serverSeq = qint64(n);
        const QString serverTime = o.value("serverTime").toString();
        if (!serverTime.isEmpty()) {
            e.serverTime = QDateTime::fromString(serverTime, Qt::ISODateWithMs);
            if (!e.serverTime.isValid() || e.serverTime.timeSpec() == Qt::LocalTime)
                return fail(tr("Event serverTime is not an ISO 8601 time with a time zone."));
            e.serverTime = e.serverTime.toUTC();
            if (!isWritableTime(e.serverTime))
                return fail(tr("Event serverTime must lie between the years 1 and 9999 in UTC."));
        }
    }
    *event = e;
    return true;
}

} // namespace gw

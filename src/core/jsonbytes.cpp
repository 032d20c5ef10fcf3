#include "jsonbytes.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <cmath>

namespace gw {

namespace {

char hexDigit(uint v) { return char(v < 10 ? '0' + v : 'a' + (v - 10)); }

void appendDigits(char *at, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        at[i] = char('0' + value % 10);
        value /= 10;
    }
}

// Keys are string literals: their length is known at compile time, so no strlen per key.
template <qsizetype N>
void appendKey(QByteArray &out, const char (&key)[N])
{
    out += '"';
    out.append(key, N - 1);
    out.append("\":", 2);
}

template <qsizetype N>
void field(QByteArray &out, const char (&key)[N], QStringView value)
{
    appendKey(out, key);
    JsonBytes::appendString(out, value);
    out += ',';
}

template <qsizetype N>
void field(QByteArray &out, const char (&key)[N], const QDateTime &value)
{
    appendKey(out, key);
    out += '"';
    JsonBytes::appendTime(out, value);
    out.append("\",", 2);
}

template <qsizetype N>
void field(QByteArray &out, const char (&key)[N], int value)
{
    appendKey(out, key);
    if (value >= 0 && value < 10) {
        out += char('0' + value);
    } else {
        out += QByteArray::number(value);
    }
    out += ',';
}

template <qsizetype N>
void field(QByteArray &out, const char (&key)[N], qint64 value)
{
    appendKey(out, key);
    out += QByteArray::number(value);
    out += ',';
}

template <qsizetype N>
void field(QByteArray &out, const char (&key)[N], bool value)
{
    appendKey(out, key);
    if (value)
        out.append("true,", 5);
    else
        out.append("false,", 6);
}

// Keys in the order QJsonObject keeps them (sorted), as DepartmentAssignment::toJson writes them.
void appendDepartment(QByteArray &out, const DepartmentAssignment &a)
{
    out += '{';
    field(out, "archived", a.archived);
    field(out, "checkInDue", a.checkInDue);
    field(out, "checkedInAt", a.checkedInAt);
    field(out, "department", a.departmentId);
    field(out, "feedback", a.feedback);
    field(out, "handleDue", a.handleDue);
    field(out, "handledAt", a.handledAt);
    field(out, "lead", a.lead);
    field(out, "postponeCount", a.postponeCount);
    field(out, "postponeReason", a.postponeReason);
    field(out, "postponeRequestedDue", a.postponeRequestedDue);
    field(out, "ratedAt", a.ratedAt);
    field(out, "rating", a.rating);
    field(out, "returnReason", a.returnReason);
    field(out, "returnedAt", a.returnedAt);
    field(out, "returnedBy", a.returnedBy);
    field(out, "reworkCount", a.reworkCount);
    field(out, "state", DepartmentAssignment::stateToString(a.state));
    field(out, "summonedAt", a.summonedAt);
    out.back() = '}';
}

// Keys sorted, as StepRecord::toJson writes them.
void appendStep(QByteArray &out, const StepRecord &r)
{
    out += '{';
    field(out, "doneAt", r.doneAt);
    field(out, "due", r.due);
    field(out, "startedAt", r.startedAt);
    field(out, "step", caseStepToString(r.step));
    field(out, "unit", r.unit);
    out.back() = '}';
}

} // namespace

void JsonBytes::appendTime(QByteArray &out, const QDateTime &t)
{
    if (!t.isValid())
        return;
    const qint64 ms = t.toMSecsSinceEpoch();
    constexpr qint64 msPerDay = 86400000;
    qint64 days = ms / msPerDay;
    qint64 msOfDay = ms % msPerDay;
    if (msOfDay < 0) {
        msOfDay += msPerDay;
        --days;
    }
    // Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days), as Qt counts.
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999) {  // Qt writes other years its own way: let it
        out += CaseEvent::timeToString(t).toUtf8();
        return;
    }
    char text[24];  // yyyy-MM-ddTHH:mm:ss.zzzZ
    appendDigits(text, int(year), 4);
    text[4] = '-';
    appendDigits(text + 5, month, 2);
    text[7] = '-';
    appendDigits(text + 8, day, 2);
    text[10] = 'T';
    const int msInDay = int(msOfDay);
    appendDigits(text + 11, msInDay / 3600000, 2);
    text[13] = ':';
    appendDigits(text + 14, msInDay / 60000 % 60, 2);
    text[16] = ':';
    appendDigits(text + 17, msInDay / 1000 % 60, 2);
    text[19] = '.';
    appendDigits(text + 20, msInDay % 1000, 3);
    text[23] = 'Z';
    out.append(text, sizeof text);
}

QByteArray JsonBytes::timeText(const QDateTime &t)
{
    QByteArray out;
    appendTime(out, t);
    return out;
}

// Qt's JSON writer escaping: ", \ and control characters escaped, everything else as UTF-8, and a
// surrogate without its partner as \uXXXX.
void JsonBytes::appendString(QByteArray &out, QStringView s)
{
    const qsizetype start = out.size();
    out.resize(start + 2 + s.size() * 6);  // worst case \u00XX per character; shrunk below
    char *cursor = out.data() + start;
    *cursor++ = '"';
    const char16_t *src = s.utf16();
    const char16_t *const end = src + s.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            if (u < 0x20 || u == u'"' || u == u'\\') {
                *cursor++ = '\\';
                switch (u) {
                case u'"': *cursor++ = '"'; break;
                case u'\\': *cursor++ = '\\'; break;
                case 0x08: *cursor++ = 'b'; break;
                case 0x0c: *cursor++ = 'f'; break;
                case 0x0a: *cursor++ = 'n'; break;
                case 0x0d: *cursor++ = 'r'; break;
                case 0x09: *cursor++ = 't'; break;
                default:
                    *cursor++ = 'u';
                    *cursor++ = '0';
                    *cursor++ = '0';
                    *cursor++ = hexDigit(u >> 4);
                    *cursor++ = hexDigit(u & 0xf);
                }
            } else {
                *cursor++ = char(u);
            }
        } else if (u < 0x800) {
            *cursor++ = char(0xc0 | (u >> 6));
            *cursor++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            const char32_t c = QChar::surrogateToUcs4(u, *src++);
            *cursor++ = char(0xf0 | (c >> 18));
            *cursor++ = char(0x80 | ((c >> 12) & 0x3f));
            *cursor++ = char(0x80 | ((c >> 6) & 0x3f));
            *cursor++ = char(0x80 | (c & 0x3f));
        } else if (QChar::isSurrogate(u)) {
            *cursor++ = '\\';
            *cursor++ = 'u';
            *cursor++ = hexDigit(u >> 12);
            *cursor++ = hexDigit((u >> 8) & 0xf);
            *cursor++ = hexDigit((u >> 4) & 0xf);
            *cursor++ = hexDigit(u & 0xf);
        } else {
            *cursor++ = char(0xe0 | (u >> 12));
            *cursor++ = char(0x80 | ((u >> 6) & 0x3f));
            *cursor++ = char(0x80 | (u & 0x3f));
        }
    }
    *cursor++ = '"';
    out.truncate(cursor - out.constData());
}

void JsonBytes::appendNumber(QByteArray &out, double value)
{
    // QJsonValue keeps an integral double as an integer, and writes non-finite numbers as null.
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    if (value == std::trunc(value) && value >= -9223372036854775808.0 && value < 9223372036854775808.0) {
        out += QByteArray::number(qint64(value));
        return;
    }
    out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QByteArray JsonBytes::caseState(const CaseRecord &r)
{
    QByteArray out;
    out.reserve(1024 + 640 * r.departments.size() + 3 * (r.title.size() + r.description.size() + r.address.size()));
    out += '{';
    field(out, "address", r.address);
    field(out, "analysisNote", r.analysisNote);
    appendKey(out, "attachments");
    out += r.attachments.isEmpty() ? QByteArray("[]") : QJsonDocument(r.attachments).toJson(QJsonDocument::Compact);
    out += ',';
    field(out, "category", r.categoryId);
    field(out, "closedAt", r.closedAt);
    field(out, "community", r.communityId);
    appendKey(out, "departments");
    out += '[';
    for (const DepartmentAssignment &a : r.departments) {
        appendDepartment(out, a);
        out += ',';
    }
    if (r.departments.isEmpty())
        out += ']';
    else
        out.back() = ']';
    out += ',';
    field(out, "description", r.description);
    field(out, "escalated", r.escalated);
    field(out, "escalationReason", r.escalationReason);
    field(out, "eventCount", r.eventCount);
    field(out, "gridCell", r.gridCell);
    field(out, "handledAt", r.handledAt);
    field(out, "id", r.id);
    field(out, "lastDecisionBy", r.lastDecisionBy);
    field(out, "lastDecisionReason", r.lastDecisionReason);
    field(out, "lastHash", QString::fromLatin1(r.lastHash));
    if (r.hasLocation) {
        appendKey(out, "lat");
        appendNumber(out, r.latitude);
        out += ',';
        appendKey(out, "lon");
        appendNumber(out, r.longitude);
        out += ',';
    }
    field(out, "mergedInto", r.mergedInto);
    field(out, "number", r.number);
    field(out, "onHold", r.onHold);
    field(out, "registeredAt", r.registeredAt);
    field(out, "registeredBy", r.registeredBy);
    field(out, "reopenCount", r.reopenCount);
    field(out, "reporterName", r.reporterName);
    field(out, "reporterPhone", r.reporterPhone);
    field(out, "reworkCount", r.reworkCount);
    field(out, "satisfaction", r.satisfaction);
    field(out, "status", caseStatusToString(r.status));
    field(out, "step", caseStepToString(r.step));
    field(out, "stepDue", r.stepDue);
    field(out, "stepStartedAt", r.stepStartedAt);
    field(out, "stepUnit", r.stepUnit);
    appendKey(out, "steps");
    out += '[';
    for (const StepRecord &s : r.stepHistory) {
        appendStep(out, s);
        out += ',';
    }
    if (r.stepHistory.isEmpty())
        out += ']';
    else
        out.back() = ']';
    out += ',';
    field(out, "street", r.streetId);
    field(out, "streetDue", r.streetDue);
    field(out, "streetFeedback", r.streetFeedback);
    field(out, "subcategory", r.subcategoryId);
    field(out, "title", r.title);
    field(out, "updatedAt", r.updatedAt);
    field(out, "urgency", urgencyToString(r.urgency));
    field(out, "verifiedAt", r.verifiedAt);
    field(out, "whistledAt", r.whistledAt);
    out.back() = '}';
    return out;
}

QByteArray JsonBytes::payload(const QJsonObject &payload)
{
    return QJsonDocument(payload).toJson(QJsonDocument::Compact);
}

// The event's fields in QJsonObject's key order: the canonical form (what the hash covers) leaves out the
// hash itself and the server's numbering, which the wire form adds.
static QByteArray eventObject(const CaseEvent &e, const QByteArray &payloadJson, bool wireForm)
{
    QByteArray out;
    out.reserve(560 + payloadJson.size());
    out += '{';
    field(out, "actor", e.actorId);
    field(out, "case", e.caseId);
    field(out, "caseSeq", e.caseSeq);
    field(out, "clientTime", e.clientTime);
    field(out, "device", e.deviceId);
    if (wireForm)
        field(out, "hash", QString::fromLatin1(e.hash));
    field(out, "id", e.id);
    field(out, "org", e.actorOrgUnit);
    appendKey(out, "payload");
    out += payloadJson;
    out += ',';
    field(out, "prev", QString::fromLatin1(e.prevHash));
    field(out, "role", roleToString(e.actorRole));
    if (wireForm && e.serverSeq > 0) {
        field(out, "serverSeq", e.serverSeq);
        field(out, "serverTime", e.serverTime);
    }
    field(out, "type", eventTypeToString(e.type));
    out.back() = '}';
    return out;
}

QByteArray JsonBytes::canonical(const CaseEvent &e, const QByteArray &payloadJson)
{
    return eventObject(e, payloadJson, false);
}

QByteArray JsonBytes::event(const CaseEvent &e, const QByteArray &payloadJson)
{
    return eventObject(e, payloadJson, true);
}

QByteArray JsonBytes::hash(const CaseEvent &event, const QByteArray &payloadJson)
{
    return QCryptographicHash::hash(canonical(event, payloadJson), QCryptographicHash::Sha256).toHex();
}

} // namespace gw

#include "protocol/pushanswer.h"
#include "jsonbytes.h"
#include "protocol/protocolreader.h"
#include <QJsonArray>
#include <QJsonDocument>

namespace gw {

namespace {
bool isHexHash(const QByteArray &text)
{
    if (text.size() != 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

template <qsizetype N>
void appendKey(QByteArray &out, const char (&key)[N])
{
    out += '"';
    out.append(key, N - 1);
    out.append("\":", 2);
}
} // namespace

QString PushResult::statusToString(Status status)
{
    switch (status) {
    case Status::Accepted: return QStringLiteral("accepted");
    case Status::Duplicate: return QStringLiteral("duplicate");
    case Status::Rejected: return QStringLiteral("rejected");
    }
    return {};
}

bool PushResult::statusFromString(const QString &text, Status *status)
{
    for (Status s : {Status::Accepted, Status::Duplicate, Status::Rejected}) {
        if (statusToString(s) == text) {
            *status = s;
            return true;
        }
    }
    return false;
}

QJsonObject PushResult::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("status"), statusToString(status)}};
    if (status == Status::Rejected) {
        o.insert(QStringLiteral("code"), code);
        reason.writeTo(o, QStringLiteral("reason"));
        return o;
    }
    o.insert(QStringLiteral("serverSeq"), serverSeq);
    o.insert(QStringLiteral("serverTime"), CaseEvent::timeToString(serverTime));
    o.insert(QStringLiteral("caseSeq"), caseSeq);
    o.insert(QStringLiteral("hash"), QString::fromLatin1(hash));
    if (hasEvent)
        o.insert(QStringLiteral("event"), eventJson.isEmpty() ? event.toJson() : QJsonDocument::fromJson(eventJson).object());
    return o;
}

void PushResult::appendCompactJson(QByteArray &out) const
{
    out += '{';
    if (status == Status::Rejected) {  // keys in QJsonObject's (sorted) order
        appendKey(out, "code");
        JsonBytes::appendString(out, code);
        out += ',';
        appendKey(out, "id");
        JsonBytes::appendString(out, id);
        out += ',';
        appendKey(out, "reason");
        JsonBytes::appendString(out, reason.english());
        if (reason.isCatalogued()) {
            out += ',';
            appendKey(out, "reasonDetail");
            out += QJsonDocument(reason.toJson()).toJson(QJsonDocument::Compact);
        }
        out.append(",\"status\":\"rejected\"}");
        return;
    }
    appendKey(out, "id");
    JsonBytes::appendString(out, id);
    out.append(status == Status::Accepted ? QByteArrayLiteral(",\"status\":\"accepted\"")
                                          : QByteArrayLiteral(",\"status\":\"duplicate\""));
    out.append(",\"serverSeq\":").append(QByteArray::number(serverSeq));
    out.append(",\"serverTime\":\"");
    JsonBytes::appendTime(out, serverTime);
    out.append("\",\"caseSeq\":").append(QByteArray::number(caseSeq));
    out.append(",\"hash\":\"").append(hash).append('"');
    if (hasEvent) {
        // The stored bytes, spliced in as they are.
        out.append(",\"event\":");
        out.append(eventJson.isEmpty() ? JsonBytes::event(event, JsonBytes::payload(event.payload)) : eventJson);
    }
    out += '}';
}

bool PushResult::fromJson(const QJsonObject &o, int index, PushResult *out, Message *error)
{
    using Need = ProtocolReader::Need;
    ProtocolReader read(o, tr("result %1 of the push answer").arg(index + 1));
    PushResult r;
    r.id = read.text("id", Need::Required);
    const QString status = read.text("status", Need::Required);
    if (read.ok() && r.id.isEmpty())
        read.fail(tr("Result %1 of the push answer names no event.").arg(index + 1));
    if (read.ok() && !statusFromString(status, &r.status))
        read.fail(tr("Result %1 of the push answer has an unknown status \"%2\".").arg(index + 1).arg(status.left(40)));
    if (!read.ok())
        return read.finish(error);
    if (r.status == Status::Rejected) {
        r.code = read.text("code", Need::Required);
        read.text("reason", Need::Required);
        r.reason = Message::readFrom(o, QStringLiteral("reason"));
        if (read.ok() && r.code.isEmpty())
            read.fail(tr("Result %1 of the push answer refuses the event without a code.").arg(index + 1));
        if (!read.finish(error))
            return false;
        *out = r;
        return true;
    }
    r.serverSeq = read.bigNumber("serverSeq", Need::Required);
    r.serverTime = read.time("serverTime", Need::Required);
    r.caseSeq = read.number("caseSeq", Need::Required);
    r.hash = read.text("hash", Need::Required).toLatin1();
    const QJsonObject event = read.object("event");
    if (read.ok() && (r.serverSeq < 1 || r.caseSeq < 1))
        read.fail(tr("Result %1 of the push answer has no valid server number or chain position.").arg(index + 1));
    if (read.ok() && !isHexHash(r.hash))
        read.fail(tr("Result %1 of the push answer has a hash that is not a hex SHA-256.").arg(index + 1));
    if (read.ok() && o.contains(QStringLiteral("event"))) {
        Message why;
        if (!CaseEvent::fromJson(event, &r.event, &why) || r.event.serverSeq <= 0)
            read.fail(tr("Result %1 of the push answer carries an event that cannot be read: %2")
                          .arg(index + 1)
                          .arg(why.isEmpty() ? tr("it has no server number.") : why));
        else if (r.event.id != r.id || r.event.serverSeq != r.serverSeq || r.event.caseSeq != r.caseSeq
                 || r.event.hash != r.hash)
            read.fail(tr("Result %1 of the push answer carries another event than the one it describes.").arg(index + 1));
        r.hasEvent = true;
    }
    if (!read.finish(error))
        return false;
    *out = r;
    return true;
}

int PushAnswer::count(PushResult::Status status) const
{
    int n = 0;
    for (const PushResult &r : results)
        n += r.status == status ? 1 : 0;
    return n;
}

QJsonObject PushAnswer::toJson() const
{
    QJsonArray list;
    for (const PushResult &r : results)
        list.append(r.toJson());
    return {{QStringLiteral("results"), list},
            {QStringLiteral("accepted"), count(PushResult::Status::Accepted)},
            {QStringLiteral("duplicates"), count(PushResult::Status::Duplicate)},
            {QStringLiteral("rejected"), count(PushResult::Status::Rejected)}};
}

QByteArray PushAnswer::toCompactJson() const
{
    qsizetype size = 64;
    for (const PushResult &r : results)
        size += 280 + r.eventJson.size() + r.reason.source().size() * 4;
    QByteArray out;
    out.reserve(size);
    out.append("{\"accepted\":").append(QByteArray::number(count(PushResult::Status::Accepted)));
    out.append(",\"duplicates\":").append(QByteArray::number(count(PushResult::Status::Duplicate)));
    out.append(",\"rejected\":").append(QByteArray::number(count(PushResult::Status::Rejected)));
    out.append(",\"results\":[");
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (i > 0)
            out += ',';
        results.at(i).appendCompactJson(out);
    }
    out.append("]}");
    return out;
}

bool PushAnswer::fromJson(const QJsonObject &o, PushAnswer *out, Message *error)
{
    using Need = ProtocolReader::Need;
    ProtocolReader read(o, tr("push answer"));
    const QJsonArray list = read.array("results", Need::Required);
    const int accepted = read.number("accepted", Need::Required);
    const int duplicates = read.number("duplicates", Need::Required);
    const int rejected = read.number("rejected", Need::Required);
    if (!read.finish(error))
        return false;
    PushAnswer answer;
    answer.results.reserve(list.size());
    for (int i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            *error = tr("Result %1 of the push answer is not a JSON object.").arg(i + 1);
            return false;
        }
        PushResult r;
        if (!PushResult::fromJson(list.at(i).toObject(), i, &r, error))
            return false;
        answer.results.append(std::move(r));
    }
    if (answer.count(PushResult::Status::Accepted) != accepted || answer.count(PushResult::Status::Duplicate) != duplicates
        || answer.count(PushResult::Status::Rejected) != rejected) {
        *error = tr("The push answer counts %1 accepted, %2 duplicate and %3 rejected events, but its results say "
                    "otherwise.").arg(accepted).arg(duplicates).arg(rejected);
        return false;
    }
    *out = std::move(answer);
    return true;
}

} // namespace gw

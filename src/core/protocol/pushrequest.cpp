#include "protocol/pushrequest.h"
#include "jsonbytes.h"
#include <QJsonArray>

namespace gw {

PushRequest::Writer::Writer() : m_body(QByteArrayLiteral("{\"events\":[")) {}

void PushRequest::Writer::append(const QByteArray &eventJson)
{
    if (m_count > 0)
        m_body.append(',');
    m_body.append(eventJson);
    ++m_count;
}

QByteArray PushRequest::Writer::finish()
{
    m_body.append("]}");
    QByteArray body = std::move(m_body);
    m_body = QByteArrayLiteral("{\"events\":[");
    m_count = 0;
    return body;
}

QJsonObject PushRequest::toJson() const
{
    QJsonArray arr;
    for (const CaseEvent &e : events)
        arr.append(e.toJson());
    return {{QStringLiteral("events"), arr}};
}

QByteArray PushRequest::toCompactJson() const
{
    Writer writer;
    for (const CaseEvent &e : events)
        writer.append(JsonBytes::event(e, JsonBytes::payload(e.payload)));
    return writer.finish();
}

bool PushRequest::fromJson(const QJsonObject &o, PushRequest *out, Message *error)
{
    ProtocolError problem;
    if (fromJson(o, MaxEvents, out, &problem))
        return true;
    *error = problem.message;
    return false;
}

bool PushRequest::fromJson(const QJsonObject &o, int maxEvents, PushRequest *out, ProtocolError *error)
{
    auto refuse = [error](const QString &code, const Message &message, int index = -1) {
        *error = ProtocolError{code, message, index};
        return false;
    };
    const QJsonValue eventsValue = o.value(QStringLiteral("events"));
    if (!eventsValue.isArray())
        return refuse(QStringLiteral("invalid_input"), tr("Push a JSON object {\"events\": [...]}."));
    const QJsonArray arr = eventsValue.toArray();
    if (arr.isEmpty())
        return refuse(QStringLiteral("invalid_input"), tr("The push holds no events."));
    // Before any event is parsed: an oversize batch costs nothing more.
    if (arr.size() > maxEvents)
        return refuse(QStringLiteral("too_many_events"),
                      tr("A push holds at most %1 events; this one has %2.").arg(maxEvents).arg(arr.size()));
    // The whole batch must parse before anything is stored, so a broken client cannot half-apply a batch.
    QList<CaseEvent> events;
    events.reserve(arr.size());
    for (int i = 0; i < arr.size(); ++i) {
        if (!arr.at(i).isObject())
            return refuse(QStringLiteral("invalid_input"), tr("Event #%1 is not a JSON object.").arg(i + 1), i);
        const QJsonObject e = arr.at(i).toObject();
        const QJsonValue type = e.value(QStringLiteral("type"));
        EventType known;
        if (type.isString() && !eventTypeFromString(type.toString(), &known))
            return refuse(QStringLiteral("unknown_event_type"),
                          tr("Event #%1 has an unknown type \"%2\".").arg(i + 1).arg(type.toString().left(64)), i);
        CaseEvent event;
        Message why;
        if (!CaseEvent::fromJson(e, &event, &why))
            return refuse(QStringLiteral("invalid_input"), tr("Event #%1: %2").arg(i + 1).arg(why), i);
        events.append(event);
    }
    out->events = std::move(events);
    return true;
}

} // namespace gw

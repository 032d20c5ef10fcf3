#pragma once
#include "message.h"
#include "caseevent.h"
#include "protocol/protocolreader.h"
#include <QByteArray>
#include <QList>

namespace gw {

// The body of POST /api/v1/events: {events: [Event...]} (docs/sync-protocol.md, "Push"). The client writes it from
// events already serialized (Writer, bytes straight from JsonBytes::event); the server reads it with fromJson,
// which checks the whole batch before anything is stored.
class PushRequest
{
    GW_DECLARE_MESSAGES(gw::PushRequest)
public:
    // The server's default maximum (ApiServer::Limits::maxEventsPerPush) and the client's default batch.
    static constexpr int MaxEvents = 1000;

    QList<CaseEvent> events;

    QJsonObject toJson() const;
    // == QJsonDocument(toJson()).toJson(Compact), written without building JSON objects.
    QByteArray toCompactJson() const;

    static bool fromJson(const QJsonObject &o, PushRequest *out, Message *error);
    // As the server reads it: at most `maxEvents`, and a refusal says which code the API answers with
    // (invalid_input, too_many_events, unknown_event_type) and, for one bad event, its index.
    static bool fromJson(const QJsonObject &o, int maxEvents, PushRequest *out, ProtocolError *error);

    // Appends events in their wire form (JsonBytes::event) to a request body, so the sender can bound its size.
    class Writer
    {
    public:
        Writer();
        void append(const QByteArray &eventJson);
        qsizetype size() const { return m_body.size(); }  // bytes so far, without the closing "]}"
        int count() const { return m_count; }
        QByteArray finish();  // the complete body; the writer is empty afterwards

    private:
        QByteArray m_body;
        int m_count = 0;
    };
};

} // namespace gw

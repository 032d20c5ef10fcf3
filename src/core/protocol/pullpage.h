#pragma once
#include "message.h"
#include "caseevent.h"
#include <QByteArray>
#include <QCoreApplication>
#include <QList>

namespace gw {

// The answer to GET /api/v1/events: {events: [Event...], nextCursor, hasMore} (docs/sync-protocol.md, "Pull").
// The server keeps every event in its compact wire form and sends a page as those bytes (`eventJson`, never
// serialized again); the client reads the page with fromJson into `events`.
class PullPage
{
    GW_DECLARE_MESSAGES(gw::PullPage)
public:
    QList<CaseEvent> events;       // read by fromJson; written when `eventJson` is empty
    QList<QByteArray> eventJson;   // the server's stored wire form of each event, written as it is
    QString nextCursor;            // opaque to the client: it only sends it back as `after`
    bool hasMore = false;

    QJsonObject toJson() const;
    // == QJsonDocument(toJson()).toJson(Compact), assembled from the stored event bytes.
    QByteArray toCompactJson() const;
    // Every event strictly (CaseEvent::fromJson) and numbered by the server.
    static bool fromJson(const QJsonObject &o, PullPage *out, Message *error);
};

} // namespace gw

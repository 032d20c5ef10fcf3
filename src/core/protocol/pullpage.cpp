#include "protocol/pullpage.h"
#include "jsonbytes.h"
#include "protocol/protocolreader.h"
#include <QJsonArray>
#include <QJsonDocument>

namespace gw {

QJsonObject PullPage::toJson() const
{
    QJsonArray list;
    if (!eventJson.isEmpty()) {
        for (const QByteArray &e : eventJson)
            list.append(QJsonDocument::fromJson(e).object());
    } else {
        for (const CaseEvent &e : events)
            list.append(e.toJson());
    }
    return {{QStringLiteral("events"), list},
            {QStringLiteral("hasMore"), hasMore},
            {QStringLiteral("nextCursor"), nextCursor}};
}

QByteArray PullPage::toCompactJson() const
{
    QList<QByteArray> written;
    if (eventJson.isEmpty()) {
        written.reserve(events.size());
        for (const CaseEvent &e : events)
            written.append(JsonBytes::event(e, JsonBytes::payload(e.payload)));
    }
    const QList<QByteArray> &list = eventJson.isEmpty() ? written : eventJson;
    qsizetype size = 64 + nextCursor.size();
    for (const QByteArray &e : list)
        size += e.size() + 1;
    QByteArray out;
    out.reserve(size);
    out.append("{\"events\":[");
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out.append(',');
        out.append(list.at(i));
    }
    out.append("],\"hasMore\":");
    out.append(hasMore ? "true" : "false");
    out.append(",\"nextCursor\":");
    JsonBytes::appendString(out, nextCursor);
    out.append('}');
    return out;
}

bool PullPage::fromJson(const QJsonObject &o, PullPage *out, Message *error)
{
    using Need = ProtocolReader::Need;
    ProtocolReader read(o, tr("pull page"));
    const QJsonArray list = read.array("events", Need::Required);
    PullPage page;
    page.hasMore = read.flag("hasMore", Need::Required);
    page.nextCursor = read.text("nextCursor", Need::Required);
    if (!read.finish(error))
        return false;
    page.events.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        CaseEvent e;
        Message why;
        bool readable = list.at(i).isObject() && CaseEvent::fromJson(list.at(i).toObject(), &e, &why);
        if (!list.at(i).isObject())
            why = tr("it is not a JSON object.");
        else if (readable && e.serverSeq <= 0)
            why = tr("it has no server number.");
        readable = readable && why.isEmpty();
        if (!readable) {
            *error = tr("Event %1 of the pull page cannot be read: %2").arg(i + 1).arg(why);
            return false;
        }
        page.events.append(std::move(e));
    }
    *out = std::move(page);
    return true;
}

} // namespace gw

#include "protocol/adminlogpage.h"
#include "protocol/protocolreader.h"
#include <QJsonArray>

namespace gw {

QJsonObject AdminLogPage::toJson() const
{
    QJsonArray list;
    for (const AdminLogEntry &e : entries)
        list.append(e.toJson());
    QJsonObject o{{QStringLiteral("entries"), list},
                  {QStringLiteral("total"), double(total)},
                  {QStringLiteral("hasMore"), hasMore},
                  {QStringLiteral("chainOk"), chainOk}};
    if (!chainMessage.isEmpty())
        chainMessage.writeTo(o, QStringLiteral("chainMessage"));
    if (brokenSeq > 0)
        o.insert(QStringLiteral("brokenSeq"), double(brokenSeq));
    return o;
}

bool AdminLogPage::fromJson(const QJsonObject &o, AdminLogPage *out, Message *error)
{
    ProtocolReader read(o, tr("administrative log"));
    AdminLogPage page;
    const QJsonArray list = read.array("entries", ProtocolReader::Need::Required);
    page.total = read.bigNumber("total");
    page.hasMore = read.flag("hasMore");
    page.chainOk = read.flag("chainOk", ProtocolReader::Need::Required);
    page.brokenSeq = read.bigNumber("brokenSeq");
    if (!read.finish(error))
        return false;
    page.chainMessage = Message::readFrom(o, QStringLiteral("chainMessage"));
    for (int i = 0; i < list.size(); ++i) {
        AdminLogEntry e;
        Message why;
        if (!list.at(i).isObject() || !AdminLogEntry::fromJson(list.at(i).toObject(), &e, &why)) {
            if (error)
                *error = tr("Entry %1 of the administrative log cannot be read: %2")
                             .arg(i + 1)
                             .arg(why.isEmpty() ? tr("it is not a JSON object.") : why);
            return false;
        }
        page.entries.append(e);
    }
    *out = page;
    return true;
}

} // namespace gw

#include "protocol/citymismatch.h"
#include "protocol/protocolreader.h"

namespace gw {

QString CityMismatch::kindToString(Kind kind)
{
    switch (kind) {
    case Kind::MissingInCity: return QStringLiteral("missing_in_city");
    case Kind::MissingHere: return QStringLiteral("missing_here");
    case Kind::StatusDiffers: return QStringLiteral("status_differs");
    case Kind::DeadlineDiffers: return QStringLiteral("deadline_differs");
    }
    return {};
}

bool CityMismatch::kindFromString(const QString &text, Kind *kind)
{
    for (Kind k : {Kind::MissingInCity, Kind::MissingHere, Kind::StatusDiffers, Kind::DeadlineDiffers}) {
        if (kindToString(k) == text) {
            *kind = k;
            return true;
        }
    }
    return false;
}

Message CityMismatch::kindDisplayName(Kind kind)
{
    switch (kind) {
    case Kind::MissingInCity: return tr("Missing at the city");
    case Kind::MissingHere: return tr("Missing in the district");
    case Kind::StatusDiffers: return tr("Status differs");
    case Kind::DeadlineDiffers: return tr("Deadline differs");
    }
    return {};
}

QJsonObject CityMismatch::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), kindToString(kind)},
                       {QStringLiteral("caseId"), caseId},
                       {QStringLiteral("cityRequestId"), cityRequestId},
                       {QStringLiteral("ours"), ours},
                       {QStringLiteral("theirs"), theirs},
                       {QStringLiteral("outboxPending"), outboxPending}};
    reason.writeTo(o, QStringLiteral("reason"));
    return o;
}

bool CityMismatch::fromJson(const QJsonObject &o, CityMismatch *out, Message *error)
{
    ProtocolReader read(o, tr("reconciliation result"));
    CityMismatch m;
    const QString kind = read.text("kind", ProtocolReader::Need::Required);
    m.caseId = read.text("caseId");
    m.cityRequestId = read.text("cityRequestId");
    m.ours = read.text("ours");
    m.theirs = read.text("theirs");
    read.text("reason");
    m.reason = Message::readFrom(o, QStringLiteral("reason"));
    m.outboxPending = read.flag("outboxPending");
    if (read.ok() && !kindFromString(kind, &m.kind))
        read.fail(tr("The server reported an unknown kind of difference \"%1\".").arg(kind.left(40)));
    if (read.ok() && m.caseId.isEmpty() && m.cityRequestId.isEmpty())
        read.fail(tr("The server reported a difference that names neither a case nor a city request."));
    if (!read.finish(error))
        return false;
    *out = m;
    return true;
}

} // namespace gw

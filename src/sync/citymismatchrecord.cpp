#include "citymismatchrecord.h"
#include "cityjsonreader.h"
#include <QCoreApplication>

namespace gw {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("gw::CityMismatchRecord", text); }
}

QString CityMismatchRecord::kindDisplayName(Kind kind)
{
    switch (kind) {
    case Kind::MissingInCity: return tr("Missing at the city");
    case Kind::MissingHere: return tr("Missing in the district");
    case Kind::StatusDiffers: return tr("Status differs");
    case Kind::DeadlineDiffers: return tr("Deadline differs");
    }
    return {};
}

bool CityMismatchRecord::fromJson(const QJsonObject &o, CityMismatchRecord *out, QString *why)
{
    CityJsonReader read(o, tr("reconciliation result"));
    CityMismatchRecord m;
    const QString kind = read.text("kind", CityJsonReader::Need::Required);
    m.caseId = read.text("caseId");
    m.cityRequestId = read.text("cityRequestId");
    m.ours = read.text("ours");
    m.theirs = read.text("theirs");
    m.reason = read.text("reason");
    m.outboxPending = read.flag("outboxPending");
    if (read.ok()) {
        if (kind == QLatin1String("missing_in_city"))
            m.kind = Kind::MissingInCity;
        else if (kind == QLatin1String("missing_here"))
            m.kind = Kind::MissingHere;
        else if (kind == QLatin1String("status_differs"))
            m.kind = Kind::StatusDiffers;
        else if (kind == QLatin1String("deadline_differs"))
            m.kind = Kind::DeadlineDiffers;
        else
            read.fail(tr("The server reported an unknown kind of difference \"%1\".").arg(kind.left(40)));
    }
    if (read.ok() && m.caseId.isEmpty() && m.cityRequestId.isEmpty())
        read.fail(tr("The server reported a difference that names neither a case nor a city request."));
    if (!read.ok()) {
        *why = read.error();
        return false;
    }
    *out = m;
    return true;
}

} // namespace gw

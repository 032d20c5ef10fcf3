#include "cityexchangerecord.h"
#include "cityjsonreader.h"
#include <QCoreApplication>

namespace gw {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("gw::CityExchangeRecord", text); }
}

QString CityExchangeRecord::directionDisplayName(Direction direction)
{
    return direction == Direction::Up ? tr("To the city") : tr("From the city");
}

QString CityExchangeRecord::kindDisplayName(Kind kind)
{
    switch (kind) {
    case Kind::Escalation: return tr("Escalation");
    case Kind::StatusUpdate: return tr("Status update");
    case Kind::AssignedCase: return tr("City-assigned case");
    }
    return {};
}

QString CityExchangeRecord::stateDisplayName(State state)
{
    switch (state) {
    case State::Pending: return tr("Waiting to retry");
    case State::Sent: return tr("Sent");
    case State::Acknowledged: return tr("Acknowledged");
    case State::Failed: return tr("Failed");
    case State::Rejected: return tr("Refused by the district");
    }
    return {};
}

bool CityExchangeRecord::fromMessageJson(const QJsonObject &o, CityExchangeRecord *out, QString *why)
{
    CityJsonReader read(o, tr("city message"));
    CityExchangeRecord r;
    r.direction = Direction::Up;
    r.id = read.text("id", CityJsonReader::Need::Required);
    r.caseId = read.text("caseId", CityJsonReader::Need::Required);
    const QString kind = read.text("kind", CityJsonReader::Need::Required);
    const QString state = read.text("state", CityJsonReader::Need::Required);
    r.attempts = read.number("attempts", CityJsonReader::Need::Required);
    r.httpStatus = read.number("httpStatus");
    r.lastError = read.text("lastError");
    r.cityRequestId = read.text("cityRequestId");
    r.createdAt = read.time("createdAt");
    r.updatedAt = read.time("updatedAt");
    r.nextAttemptAt = read.time("nextAttemptAt");
    const QJsonObject body = read.object("body");
    if (read.ok() && r.id.isEmpty())
        read.fail(tr("The server sent a city message without an id."));
    if (read.ok()) {
        if (kind == QLatin1String("escalation"))
            r.kind = Kind::Escalation;
        else if (kind == QLatin1String("status_update"))
            r.kind = Kind::StatusUpdate;
        else
            read.fail(tr("The server sent a city message of an unknown kind \"%1\".").arg(kind.left(40)));
    }
    if (read.ok()) {
        if (state == QLatin1String("pending"))
            r.state = State::Pending;
        else if (state == QLatin1String("sent"))
            r.state = State::Sent;
        else if (state == QLatin1String("acknowledged"))
            r.state = State::Acknowledged;
        else if (state == QLatin1String("failed"))
            r.state = State::Failed;
        else
            read.fail(tr("The server sent a city message in an unknown state \"%1\".").arg(state.left(40)));
    }
    if (!read.ok()) {
        *why = read.error();
        return false;
    }
    // The body is the request as sent, in the city's field names (configurable): only a hint for the list.
    r.caseNumber = body.value(QStringLiteral("x_case_number")).toString();
    r.caseTitle = body.value(QStringLiteral("x_title")).toString();
    *out = r;
    return true;
}

bool CityExchangeRecord::fromRejectedIntakeJson(const QJsonObject &o, CityExchangeRecord *out, QString *why)
{
    CityJsonReader read(o, tr("refused city case"));
    CityExchangeRecord r;
    r.direction = Direction::Down;
    r.kind = Kind::AssignedCase;
    r.state = State::Rejected;
    r.cityRequestId = read.text("cityRequestId", CityJsonReader::Need::Required);
    r.lastError = read.text("reason", CityJsonReader::Need::Required);
    if (!read.ok()) {
        *why = read.error();
        return false;
    }
    *out = r;
    return true;
}

} // namespace gw

#include "citycasestate.h"
#include "cityjsonreader.h"
#include <QCoreApplication>

namespace gw {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("gw::CityCaseState", text); }
}

bool CityCaseState::stateFromString(const QString &text, State *state)
{
    for (State s : {State::None, State::Pending, State::Sent, State::Acknowledged, State::Failed}) {
        if (stateToString(s) == text) {
            *state = s;
            return true;
        }
    }
    return false;
}

QString CityCaseState::stateToString(State state) { return CitySyncState::stateToString(state); }

QString CityCaseState::stateDisplayName(State state)
{
    switch (state) {
    case State::None: return tr("Not exchanged with the city");
    case State::Pending: return tr("Pending — waiting to be sent");
    case State::Sent: return tr("Sent — waiting for the city's answer");
    case State::Acknowledged: return tr("Acknowledged by the city");
    case State::Failed: return tr("Failed");
    }
    return {};
}

QString CityCaseState::originDisplayName(Origin origin)
{
    switch (origin) {
    case Origin::None: return {};
    case Origin::Escalated: return tr("Escalated by the district to the city (上报市级)");
    case Origin::Assigned: return tr("Assigned to the district by the city (市级交办)");
    }
    return {};
}

bool CityCaseState::fromCaseDetail(const QJsonObject &answer, CityCaseState *out, QString *why)
{
    if (!answer.value(QStringLiteral("case")).isObject()) {
        *why = tr("The server's case detail has no \"case\" object.");
        return false;
    }
    const QJsonValue city = answer.value(QStringLiteral("city"));
    if (city.isUndefined() || city.isNull()) {
        *out = CityCaseState();
        return true;
    }
    if (!city.isObject()) {
        *why = tr("The server's case detail has \"city\" in the wrong form (expected an object).");
        return false;
    }
    return fromJson(city.toObject(), out, why);
}

bool CityCaseState::fromJson(const QJsonObject &city, CityCaseState *out, QString *why)
{
    CityJsonReader read(city, tr("city state"));
    CityCaseState s;
    s.configured = true;
    const QString state = read.text("state", CityJsonReader::Need::Required);
    if (read.ok() && !stateFromString(state, &s.state))
        read.fail(tr("The server reported an unknown city state \"%1\".").arg(state.left(40)));
    const QString origin = read.text("origin");
    if (origin == QLatin1String("escalated"))
        s.origin = Origin::Escalated;
    else if (origin == QLatin1String("assigned"))
        s.origin = Origin::Assigned;
    else if (!origin.isEmpty())
        read.fail(tr("The server reported an unknown city origin \"%1\".").arg(origin.left(40)));
    s.reason = read.text("reason");
    s.cityRequestId = read.text("cityRequestId");
    s.pendingMessages = read.number("pendingMessages");
    s.attempts = read.number("attempts", CityJsonReader::Need::Required);
    s.lastExchangeAt = read.time("lastExchangeAt");
    if (!read.ok()) {
        *why = read.error();
        return false;
    }
    *out = s;
    return true;
}

} // namespace gw

#pragma once
#include "citysyncstate.h"
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// One case's exchange with the city platform as the district server reports it (the `city` part of
// GET /api/v1/cases/<id>, docs/sync-protocol.md "City exchange").
struct CityCaseState {
    using State = CitySyncState::State;  // the server's states, one definition for both sides
    enum class Origin { None, Escalated, Assigned };

    // False when the server runs without a city exchange (its case detail has no `city` part).
    bool configured = false;
    State state = State::None;    // None: the case has nothing to do with the city
    Origin origin = Origin::None;
    QString reason;               // why the last attempt did not succeed, in the server's words
    QString cityRequestId;        // the city's service_request_id once the city acknowledged
    int pendingMessages = 0;
    int attempts = 0;
    QDateTime lastExchangeAt;     // UTC; invalid when nothing was tried yet

    bool involvesCity() const { return configured && (state != State::None || origin != Origin::None); }

    static bool stateFromString(const QString &text, State *state);
    static QString stateToString(State state);
    // Translated, for the case detail and the admin view.
    static QString stateDisplayName(State state);
    static QString originDisplayName(Origin origin);

    // Reads the whole case detail answer ({case, city?}). Returns false with *why (translated) when the answer is
    // not in the documented shape; a missing `city` part is valid and means "not configured".
    static bool fromCaseDetail(const QJsonObject &answer, CityCaseState *out, QString *why);
    static bool fromJson(const QJsonObject &city, CityCaseState *out, QString *why);
};

} // namespace gw

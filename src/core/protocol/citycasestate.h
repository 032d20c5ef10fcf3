#pragma once
#include "message.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// One case's exchange with the city platform: the `city` part of GET /api/v1/cases/<id> (docs/sync-protocol.md,
// "City exchange"). The server's city outbox computes it (CityOutbox::syncStateOf) and writes it with toJson;
// the client reads it with fromCaseDetail / fromJson. The translated names of the states live here.
class CityCaseState
{
    GW_DECLARE_MESSAGES(gw::CityCaseState)
public:
    enum class State { None, Pending, Sent, Acknowledged, Failed };
    enum class Origin { None, Escalated, Assigned };

    // Client side: false when the server runs without a city exchange (its case detail has no `city` part).
    // Not on the wire; fromJson sets it.
    bool configured = false;
    State state = State::None;    // None: the case has nothing to do with the city
    Origin origin = Origin::None;
    Message reason;               // why the last attempt did not succeed (failed, or pending after a failed attempt)
    QString cityRequestId;        // the city's service_request_id once the city acknowledged
    int pendingMessages = 0;
    int attempts = 0;             // of the message the state is about
    QDateTime lastExchangeAt;     // UTC; invalid when nothing was tried yet

    bool involvesCity() const { return configured && (state != State::None || origin != Origin::None); }

    static QString stateToString(State state);
    static bool stateFromString(const QString &text, State *state);
    static QString originToString(Origin origin);  // empty for None
    static bool originFromString(const QString &text, Origin *origin);  // empty text is None
    // Translated, for the case detail's badge and the admin view.
    static Message stateDisplayName(State state);
    static Message originDisplayName(Origin origin);
    // Translated one-liner the server sends as `text`.
    Message displayText() const;

    QJsonObject toJson() const;
    // Reads the whole case detail answer ({case, city?}). False with *error (translated) when the answer is not in
    // the documented shape; a missing `city` part is valid and means "not configured".
    static bool fromCaseDetail(const QJsonObject &answer, CityCaseState *out, Message *error);
    // The `city` object itself (`text` is not read: it is derived).
    static bool fromJson(const QJsonObject &city, CityCaseState *out, Message *error);
};

} // namespace gw

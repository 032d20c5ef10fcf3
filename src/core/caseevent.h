#pragma once
#include "eventtype.h"
#include "role.h"
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>

namespace gw {

// One immutable entry of a case's audit trail (吹哨全留痕). The case's state is a projection of these.
struct CaseEvent {
    QString id;            // UUID (no braces), made by the device that acted: replays are idempotent on it
    QString caseId;        // UUID of the case
    int caseSeq = 0;       // 1-based position in the case's chain
    EventType type = EventType::Commented;
    QJsonObject payload;
    QString actorId;
    Role actorRole = Role::CommunityReporter;
    QString actorOrgUnit;
    QString deviceId;
    QDateTime clientTime;  // UTC, millisecond precision
    qint64 serverSeq = 0;  // global order assigned by the server; 0 while only local
    QDateTime serverTime;  // set by the server on acceptance
    QByteArray prevHash;   // hex SHA-256 of the previous event of the same case; empty for the first
    QByteArray hash;       // hex SHA-256 over canonical()

    // The bytes the hash covers: every field a person acted with, plus the chain link. Server order
    // fields are excluded so a client can seal events offline; the chain itself fixes their order.
    QByteArray canonical() const;
    QByteArray computeHash() const;

    QJsonObject toJson() const;
    // Strict parser for anything arriving from outside (sync, files): every field checked.
    static bool fromJson(const QJsonObject &o, CaseEvent *event, Message *error);
    static QString newId();
    static QString timeToString(const QDateTime &t);
    // The reverse, in UTC; invalid for an empty or malformed text. How stored projections read their times.
    static QDateTime timeFromString(const QString &text);
};

} // namespace gw

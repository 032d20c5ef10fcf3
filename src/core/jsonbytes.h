#pragma once
#include "caseevent.h"
#include "caserecord.h"
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QStringView>

namespace gw {

// Compact JSON written straight into UTF-8 bytes for the write paths of the client store and the server: byte for byte what
// QJsonDocument(...).toJson(QJsonDocument::Compact) gives for the same objects (keys in Qt's sorted order,
// Qt's string escaping and number format). Building QJsonObjects and serializing them was about half of
// the CPU of every stored action; these writers skip both. tst_jsonbytes compares every function here with
// the Qt form it replaces on many varied values, so a new field in CaseRecord::toJson fails that test
// until it is added here too.
class JsonBytes
{
public:
    // == QJsonDocument(record.toJson()).toJson(Compact): the `state` column of `cases`.
    static QByteArray caseState(const CaseRecord &record);
    // Qt's compact form of an event payload (small and free-form, so Qt writes it).
    static QByteArray payload(const QJsonObject &payload);
    // == event.canonical(), reusing the payload already serialized for the events row.
    static QByteArray canonical(const CaseEvent &event, const QByteArray &payloadJson);
    // == QJsonDocument(event.toJson()).toJson(Compact): the wire form of an event.
    static QByteArray event(const CaseEvent &event, const QByteArray &payloadJson);
    // == event.computeHash() (SHA-256 of the canonical form, lower-case hex).
    static QByteArray hash(const CaseEvent &event, const QByteArray &payloadJson);
    // == CaseEvent::timeToString(t).toUtf8(): "2026-11-25T08:00:00.000Z", empty for an invalid time.
    static QByteArray timeText(const QDateTime &t);

    static void appendTime(QByteArray &out, const QDateTime &t);      // unquoted
    static void appendString(QByteArray &out, QStringView s);         // quoted and escaped
    static void appendNumber(QByteArray &out, double value);          // as QJsonValue(double) writes it
};

} // namespace gw

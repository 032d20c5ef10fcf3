#pragma once
#include "message.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace gw {

// Why a wire message was refused: a stable code (the API's error codes: invalid_input, unknown_event_type,
// too_many_events), a translated sentence, and for an element of a list its 0-based index.
struct ProtocolError {
    QString code = QStringLiteral("invalid_input");
    Message message;
    int index = -1;
};

// Reads the fields of one JSON object of the sync protocol (docs/sync-protocol.md), checking each field's type.
// The first problem is kept as a translated sentence naming the object and the field, so an answer in an
// unexpected shape becomes a clear error instead of silently wrong data. Used by every protocol type's fromJson.
class ProtocolReader
{
    GW_DECLARE_MESSAGES(gw::ProtocolReader)
public:
    enum class Need { Required, Optional };

    // `what` names the object in a sentence, translated by its type ("city state", "result 3 of the push answer").
    ProtocolReader(const QJsonObject &object, const Message &what);

    QString text(const char *key, Need need = Need::Optional);
    int number(const char *key, Need need = Need::Optional);          // whole number 0 .. 10^9
    qint64 bigNumber(const char *key, Need need = Need::Optional);    // whole number 0 .. 2^53
    bool flag(const char *key, Need need = Need::Optional);
    // ISO 8601 (CaseEvent::timeToString), returned in UTC; an empty string means "no time" and is not an error.
    QDateTime time(const char *key, Need need = Need::Optional);
    QJsonObject object(const char *key, Need need = Need::Optional);
    QJsonArray array(const char *key, Need need = Need::Optional);

    bool ok() const { return m_error.isEmpty(); }
    Message error() const { return m_error; }
    void fail(const Message &message);
    // ok(); otherwise the first problem goes to *error (when given).
    bool finish(Message *error) const;

private:
    QJsonValue take(const char *key, Need need, bool *present);
    void wrongType(const char *key, const Message &expected);

    QJsonObject m_object;
    Message m_what;
    Message m_error;
};

} // namespace gw

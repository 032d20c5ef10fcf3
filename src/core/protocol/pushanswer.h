#pragma once
#include "message.h"
#include "caseevent.h"
#include <QByteArray>
#include <QCoreApplication>
#include <QList>

namespace gw {

// What the server did with one pushed event: an element of `results` in the answer to POST /api/v1/events
// (docs/sync-protocol.md, "Push").
class PushResult
{
    GW_DECLARE_MESSAGES(gw::PushResult)
public:
    enum class Status { Accepted, Duplicate, Rejected };

    QString id;
    Status status = Status::Accepted;
    // Rejected: the code (forbidden, invalid_state, invalid_input, clock_skew) and the reason in words, sent as
    // English ("reason") and as the message itself ("reasonDetail") for the client to render in its language.
    QString code;
    Message reason;
    // Accepted or duplicate: the server's numbering, and the position and hash in the server's chain.
    qint64 serverSeq = 0;
    QDateTime serverTime;
    int caseSeq = 0;
    QByteArray hash;
    // The whole stored event, left out only when the server took it exactly as pushed (the pusher holds those
    // bytes). On the server `eventJson` is its stored wire form, written as it is (never serialized again);
    // fromJson fills `event` and leaves `eventJson` empty.
    bool hasEvent = false;
    CaseEvent event;
    QByteArray eventJson;

    static QString statusToString(Status status);
    static bool statusFromString(const QString &text, Status *status);

    QJsonObject toJson() const;
    void appendCompactJson(QByteArray &out) const;
    // `index` (0-based) names the result in the error.
    static bool fromJson(const QJsonObject &o, int index, PushResult *out, Message *error);
};

// The answer to POST /api/v1/events: {results: [PushResult...], accepted, duplicates, rejected}.
class PushAnswer
{
    GW_DECLARE_MESSAGES(gw::PushAnswer)
public:
    QList<PushResult> results;

    int count(PushResult::Status status) const;

    QJsonObject toJson() const;
    // == QJsonDocument(toJson()).toJson(Compact) in content, written straight into bytes with the stored events
    // spliced in: the server's answer to a 1000-event push.
    QByteArray toCompactJson() const;
    // Checks every result (and every event sent back, strictly, as CaseEvent::fromJson) and that the counts
    // match the results.
    static bool fromJson(const QJsonObject &o, PushAnswer *out, Message *error);
};

} // namespace gw

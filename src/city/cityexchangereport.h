#pragma once
#include "message.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// One exchange with the city platform, reported by CityAdapter::exchangeRecorded so the server can put it on the
// case's audit trail. Not a wire message: the administrator's list of exchanges is gw::CityExchange (src/core/protocol).
struct CityExchangeReport {
    GW_DECLARE_MESSAGES(gw::CityExchangeReport)

public:
    QDateTime at;
    QString caseId;          // empty for exchanges not about one case (e.g. a failed pull)
    QString cityRequestId;
    QString direction;       // "up" (to the city) | "down" (from the city)
    QString kind;            // "escalation" | "status_update" | "assigned_case" | "pull" | "reconcile"
    QString outcome;         // "queued" | "acknowledged" | "retrying" | "failed" | "received" | "rejected" | "mismatch"
    QString messageId;
    QString idempotencyKey;
    int httpStatus = 0;
    int attempts = 0;
    Message detail;          // the reason or the city's words
    // True when the case's city state changed (queued, first failure or a new reason, acknowledged, failed, received):
    // the ones worth an audit entry. Repeats of the same retryable failure are not.
    bool milestone = true;

    QString auditText() const;  // translated sentence for a case.commented entry
    QJsonObject toJson() const;
};

} // namespace gw

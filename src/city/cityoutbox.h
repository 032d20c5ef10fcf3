#pragma once
#include "cityoutboxmessage.h"
#include "protocol/citycasestate.h"
#include "result.h"
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <optional>

namespace gw {

// The city adapter's own persistent state, in tables of the server's database (SQLite or PostgreSQL, portable SQL):
// city_outbox (upward messages, written before they are sent), city_links (our case ↔ the city's request) and
// city_meta (pull cursor). One adapter per database: "sent" rows found at start-up were interrupted and are re-sent
// with the same idempotency key.
class CityOutbox
{
public:
    explicit CityOutbox(QSqlDatabase db);

    // Creates or upgrades the tables (CityMigrations). Refuses a database whose city tables are newer than this program.
    Result ensureSchema();

    // Inserts unless a message with the same idempotency key exists (then *inserted = false, nothing changes).
    Result enqueue(const CityOutboxMessage &message, bool *inserted = nullptr);
    // Pending messages whose time has come, in send order.
    QList<CityOutboxMessage> due(const QDateTime &now, int limit = 100) const;
    std::optional<CityOutboxMessage> message(const QString &id) const;
    QList<CityOutboxMessage> messagesOf(const QString &caseId) const;
    // For the admin view: failed messages and pending ones that already failed an attempt, oldest first.
    QList<CityOutboxMessage> troubled(int limit = 500) const;
    int count(CityOutboxMessage::State state) const;
    // An earlier message of the case is still pending or on the wire: this one must wait (per-case order).
    bool hasEarlierOpen(const QString &caseId, qint64 seq) const;
    // Whether a message with this key was ever queued (in any state since); enqueue() adds none twice.
    Result hasMessage(const QString &idempotencyKey, bool *found) const;

    Result markSent(const QString &id, const QDateTime &now);
    // 2xx: acknowledged; an escalation also links the case to the city's request id, in the same transaction.
    Result markAcknowledged(const QString &id, const QString &cityRequestId, int httpStatus, const QDateTime &now);
    Result markRetry(const QString &id, const Message &error, int httpStatus, const QDateTime &nextAttemptAt,
                     const QDateTime &now);
    Result markFailed(const QString &id, const Message &error, int httpStatus, const QDateTime &now);
    // Not an attempt: the message must wait for something else (e.g. the escalation's acknowledgement).
    Result markHeld(const QString &id, const Message &reason, const QDateTime &nextAttemptAt);
    // Administrator's "retry": a failed or waiting message becomes due now.
    Result retryNow(const QString &id, const QDateTime &now);
    // Rows left in "sent" by a process that stopped mid-request become pending again; returns how many.
    int recoverInterrupted(const QDateTime &now);

    CityCaseState syncStateOf(const QString &caseId) const;

    // Links between our cases and the city's requests. origin: "escalated" | "assigned".
    Result link(const QString &caseId, const QString &origin, const QString &cityRequestId, const QDateTime &now);
    QString cityRequestIdOf(const QString &caseId) const;
    QString caseIdOfCityRequest(const QString &cityRequestId) const;
    QString originOf(const QString &caseId) const;
    QHash<QString, QString> linkedCases() const;  // case id → city request id (empty while unacknowledged)
    QString fingerprintOf(const QString &caseId) const;
    Result setFingerprint(const QString &caseId, const QString &fingerprint);
    // City-assigned cases: "offered" until the server confirms the case.registered event, or "rejected" with a reason.
    QString intakeStateOf(const QString &caseId, Message *reason = nullptr) const;
    Result setIntakeState(const QString &caseId, const QString &state, const Message &reason, const QDateTime &now);
    QList<QPair<QString, Message>> rejectedIntakes() const;  // (city request id, reason)
    // The city's request as received, kept until the server confirms it registered the case (crash safety).
    Result setIntakeRaw(const QString &caseId, const QJsonObject &raw);
    QList<QJsonObject> offeredIntakes() const;

    QString metaValue(const QString &name) const;
    Result setMetaValue(const QString &name, const QString &value);

private:
    Result exec(const QString &sql, const QVariantList &binds) const;
    QList<CityOutboxMessage> select(const QString &where, const QVariantList &binds, const QString &tail = {}) const;

    QSqlDatabase m_db;
};

} // namespace gw

#include "cityoutbox.h"
#include "citymigrations.h"
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace gw {

namespace {

Message tr(const char *text) { return Message::translate("gw::CityOutbox", text); }

qint64 ms(const QDateTime &t) { return t.isValid() ? t.toMSecsSinceEpoch() : 0; }
QDateTime fromMs(qint64 v) { return v ? QDateTime::fromMSecsSinceEpoch(v, Qt::UTC) : QDateTime(); }

const char *const Columns = "id, idempotency_key, case_id, kind, body, state, attempts, created_at, next_attempt_at,"
                            " updated_at, last_error, http_status, city_request_id, seq";

CityOutboxMessage fromRow(const QSqlQuery &q)
{
    CityOutboxMessage m;
    m.id = q.value(0).toString();
    m.idempotencyKey = q.value(1).toString();
    m.caseId = q.value(2).toString();
    CityOutboxMessage::kindFromString(q.value(3).toString(), &m.kind);
    m.body = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    CityOutboxMessage::stateFromString(q.value(5).toString(), &m.state);
    m.attempts = q.value(6).toInt();
    m.createdAt = fromMs(q.value(7).toLongLong());
    m.nextAttemptAt = fromMs(q.value(8).toLongLong());
    m.updatedAt = fromMs(q.value(9).toLongLong());
    m.lastError = Message::fromStored(q.value(10).toString());
    m.httpStatus = q.value(11).toInt();
    m.cityRequestId = q.value(12).toString();
    m.seq = q.value(13).toLongLong();
    return m;
}

} // namespace

CityOutbox::CityOutbox(QSqlDatabase db) : m_db(std::move(db)) {}

Result CityOutbox::exec(const QString &sql, const QVariantList &binds) const
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        return Result::failure(QStringLiteral("storage_error"),
                               tr("City outbox: cannot prepare a query: %1").arg(q.lastError().text()));
    for (const QVariant &b : binds) {
        // An empty QString would go in as NULL; only an explicitly null variant should.
        if (!b.isNull() && b.typeId() == QMetaType::QString && b.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(b);
    }
    if (!q.exec())
        return Result::failure(QStringLiteral("storage_error"),
                               tr("City outbox: a database write failed: %1").arg(q.lastError().text()));
    return Result::success();
}

Result CityOutbox::ensureSchema()
{
    const Result r = CityMigrations::migrate(m_db);
    if (r.ok || r.code == QLatin1String("schema_too_new"))
        return r;
    return Result::failure(r.code, tr("City outbox: cannot create its tables: %1").arg(r.message));
}

Result CityOutbox::hasMessage(const QString &idempotencyKey, bool *found) const
{
    *found = false;
    QSqlQuery q(m_db);
    q.prepare("SELECT 1 FROM city_outbox WHERE idempotency_key = ?");
    q.addBindValue(idempotencyKey);
    if (!q.exec())
        return Result::failure(QStringLiteral("storage_error"), q.lastError().text());
    *found = q.next();
    return Result::success();
}

Result CityOutbox::enqueue(const CityOutboxMessage &m, bool *inserted)
{
    if (inserted)
        *inserted = false;
    bool queued = false;
    const Result looked = hasMessage(m.idempotencyKey, &queued);
    if (!looked.ok || queued)
        return looked;
    const QDateTime now = m.createdAt.isValid() ? m.createdAt : QDateTime::currentDateTimeUtc();
    // seq from MAX+1 inside the INSERT: portable, and the server is the only writer.
    const Result r = exec(QStringLiteral("INSERT INTO city_outbox (id, idempotency_key, case_id, kind, body, state, attempts,"
                                         " created_at, next_attempt_at, updated_at, last_error, http_status,"
                                         " city_request_id, seq)"
                                         " SELECT ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, '', 0, '',"
                                         " COALESCE(MAX(seq), 0) + 1 FROM city_outbox"),
                          {m.id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : m.id,
                           m.idempotencyKey, m.caseId, CityOutboxMessage::kindToString(m.kind),
                           QString::fromUtf8(QJsonDocument(m.body).toJson(QJsonDocument::Compact)), ms(now),
                           ms(m.nextAttemptAt.isValid() ? m.nextAttemptAt : now), ms(now)});
    if (r.ok && inserted)
        *inserted = true;
    return r;
}

QList<CityOutboxMessage> CityOutbox::select(const QString &where, const QVariantList &binds, const QString &tail) const
{
    QList<CityOutboxMessage> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT %1 FROM city_outbox WHERE %2 %3").arg(QLatin1String(Columns), where, tail)))
        return out;
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(fromRow(q));
    return out;
}

QList<CityOutboxMessage> CityOutbox::due(const QDateTime &now, int limit) const
{
    return select(QStringLiteral("state = 'pending' AND next_attempt_at <= ?"), {ms(now)},
                  QStringLiteral("ORDER BY seq LIMIT %1").arg(limit));
}

std::optional<CityOutboxMessage> CityOutbox::message(const QString &id) const
{
    const QList<CityOutboxMessage> l = select(QStringLiteral("id = ?"), {id});
    if (l.isEmpty())
        return std::nullopt;
    return l.first();
}

QList<CityOutboxMessage> CityOutbox::messagesOf(const QString &caseId) const
{
    return select(QStringLiteral("case_id = ?"), {caseId}, QStringLiteral("ORDER BY seq"));
}

QList<CityOutboxMessage> CityOutbox::troubled(int limit) const
{
    return select(QStringLiteral("state = 'failed' OR (state = 'pending' AND last_error <> '')"), {},
                  QStringLiteral("ORDER BY seq LIMIT %1").arg(limit));
}

int CityOutbox::count(CityOutboxMessage::State state) const
{
    QSqlQuery q(m_db);
    q.prepare("SELECT COUNT(*) FROM city_outbox WHERE state = ?");
    q.addBindValue(CityOutboxMessage::stateToString(state));
    return q.exec() && q.next() ? q.value(0).toInt() : -1;
}

bool CityOutbox::hasEarlierOpen(const QString &caseId, qint64 seq) const
{
    QSqlQuery q(m_db);
    q.prepare("SELECT 1 FROM city_outbox WHERE case_id = ? AND seq < ? AND state IN ('pending', 'sent')");
    q.addBindValue(caseId);
    q.addBindValue(seq);
    return q.exec() && q.next();
}

Result CityOutbox::markSent(const QString &id, const QDateTime &now)
{
    return exec(QStringLiteral("UPDATE city_outbox SET state = 'sent', attempts = attempts + 1, updated_at = ? WHERE id = ?"),
                {ms(now), id});
}

Result CityOutbox::markAcknowledged(const QString &id, const QString &cityRequestId, int httpStatus, const QDateTime &now)
{
    const std::optional<CityOutboxMessage> m = message(id);
    if (!m)
        return Result::failure(QStringLiteral("invalid_input"), tr("City outbox: no message %1.").arg(id));
    if (!m_db.transaction())
        return Result::failure(QStringLiteral("storage_error"), m_db.lastError().text());
    Result r = exec(QStringLiteral("UPDATE city_outbox SET state = 'acknowledged', last_error = '', http_status = ?,"
                                   " city_request_id = ?, updated_at = ? WHERE id = ?"),
                    {httpStatus, cityRequestId, ms(now), id});
    if (r.ok && m->kind == CityOutboxMessage::Kind::Escalation && !cityRequestId.isEmpty())
        r = link(m->caseId, QStringLiteral("escalated"), cityRequestId, now);
    if (!r.ok) {
        m_db.rollback();
        return r;
    }
    if (!m_db.commit())
        return Result::failure(QStringLiteral("storage_error"), m_db.lastError().text());
    return r;
}

Result CityOutbox::markRetry(const QString &id, const Message &error, int httpStatus, const QDateTime &nextAttemptAt,
                             const QDateTime &now)
{
    return exec(QStringLiteral("UPDATE city_outbox SET state = 'pending', last_error = ?, http_status = ?,"
                               " next_attempt_at = ?, updated_at = ? WHERE id = ?"),
                {error.toStored(), httpStatus, ms(nextAttemptAt), ms(now), id});
}

Result CityOutbox::markFailed(const QString &id, const Message &error, int httpStatus, const QDateTime &now)
{
    return exec(QStringLiteral("UPDATE city_outbox SET state = 'failed', last_error = ?, http_status = ?, updated_at = ?"
                               " WHERE id = ?"),
                {error.toStored(), httpStatus, ms(now), id});
}

Result CityOutbox::markHeld(const QString &id, const Message &reason, const QDateTime &nextAttemptAt)
{
    return exec(QStringLiteral("UPDATE city_outbox SET state = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?"),
                {reason.toStored(), ms(nextAttemptAt), id});
}

Result CityOutbox::retryNow(const QString &id, const QDateTime &now)
{
    const std::optional<CityOutboxMessage> m = message(id);
    if (!m)
        return Result::failure(QStringLiteral("invalid_input"), tr("City outbox: no message %1.").arg(id));
    if (m->state == CityOutboxMessage::State::Acknowledged)
        return Result::failure(QStringLiteral("invalid_state"), tr("The city already acknowledged this message."));
    return exec(QStringLiteral("UPDATE city_outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?"),
                {ms(now), ms(now), id});
}

int CityOutbox::recoverInterrupted(const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare("UPDATE city_outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE state = 'sent'");
    q.addBindValue(ms(now));
    q.addBindValue(tr("Interrupted before the city answered; sent again with the same idempotency key.").toStored());
    return q.exec() ? q.numRowsAffected() : -1;
}

CityCaseState CityOutbox::syncStateOf(const QString &caseId) const
{
    CityCaseState s;
    s.configured = true;
    s.cityRequestId = cityRequestIdOf(caseId);
    CityCaseState::originFromString(originOf(caseId), &s.origin);  // only link() writes it: escalated | assigned
    const QList<CityOutboxMessage> messages = messagesOf(caseId);
    const CityOutboxMessage *failed = nullptr, *open = nullptr, *acked = nullptr;
    for (const CityOutboxMessage &m : messages) {
        if (m.updatedAt > s.lastExchangeAt)
            s.lastExchangeAt = m.updatedAt;
        switch (m.state) {
        case CityOutboxMessage::State::Failed:
            if (!failed)
                failed = &m;
            break;
        case CityOutboxMessage::State::Pending:
        case CityOutboxMessage::State::Sent:
            ++s.pendingMessages;
            if (!open)
                open = &m;
            break;
        case CityOutboxMessage::State::Acknowledged:
            acked = &m;
            break;
        }
    }
    // The worst news wins: a refusal needs a person; then what is still on its way; then the last success.
    if (failed) {
        s.state = CityCaseState::State::Failed;
        s.reason = failed->lastError;
        s.attempts = failed->attempts;
    } else if (open) {
        s.state = open->state == CityOutboxMessage::State::Sent ? CityCaseState::State::Sent : CityCaseState::State::Pending;
        s.reason = open->lastError;
        s.attempts = open->attempts;
    } else if (acked) {
        s.state = CityCaseState::State::Acknowledged;
        s.attempts = acked->attempts;
    } else if (s.origin != CityCaseState::Origin::None) {
        s.state = s.cityRequestId.isEmpty() ? CityCaseState::State::Pending : CityCaseState::State::Acknowledged;
    }
    Message reason;
    if (intakeStateOf(caseId, &reason) == QLatin1String("rejected")) {
        s.state = CityCaseState::State::Failed;
        s.reason = reason;
    }
    return s;
}

Result CityOutbox::link(const QString &caseId, const QString &origin, const QString &cityRequestId, const QDateTime &now)
{
    const QVariant cityId = cityRequestId.isEmpty() ? QVariant() : QVariant(cityRequestId);  // NULL: many may wait
    QSqlQuery q(m_db);
    q.prepare("SELECT city_request_id FROM city_links WHERE case_id = ?");
    q.addBindValue(caseId);
    if (!q.exec())
        return Result::failure(QStringLiteral("storage_error"), q.lastError().text());
    if (q.next()) {
        if (cityRequestId.isEmpty() || q.value(0).toString() == cityRequestId)
            return Result::success();
        q.finish();
        return exec(QStringLiteral("UPDATE city_links SET city_request_id = ?, updated_at = ? WHERE case_id = ?"),
                    {cityId, ms(now), caseId});
    }
    q.finish();
    return exec(QStringLiteral("INSERT INTO city_links (case_id, city_request_id, origin, created_at, updated_at)"
                               " VALUES (?, ?, ?, ?, ?)"),
                {caseId, cityId, origin, ms(now), ms(now)});
}

static QString singleText(const QSqlDatabase &db, const QString &sql, const QString &bind)
{
    QSqlQuery q(db);
    q.prepare(sql);
    q.addBindValue(bind);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

QString CityOutbox::cityRequestIdOf(const QString &caseId) const
{
    return singleText(m_db, QStringLiteral("SELECT city_request_id FROM city_links WHERE case_id = ?"), caseId);
}

QString CityOutbox::caseIdOfCityRequest(const QString &cityRequestId) const
{
    return singleText(m_db, QStringLiteral("SELECT case_id FROM city_links WHERE city_request_id = ?"), cityRequestId);
}

QString CityOutbox::originOf(const QString &caseId) const
{
    return singleText(m_db, QStringLiteral("SELECT origin FROM city_links WHERE case_id = ?"), caseId);
}

QHash<QString, QString> CityOutbox::linkedCases() const
{
    QHash<QString, QString> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT case_id, city_request_id FROM city_links WHERE intake_state <> 'rejected'")))
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

QString CityOutbox::fingerprintOf(const QString &caseId) const
{
    return singleText(m_db, QStringLiteral("SELECT fingerprint FROM city_links WHERE case_id = ?"), caseId);
}

Result CityOutbox::setFingerprint(const QString &caseId, const QString &fingerprint)
{
    return exec(QStringLiteral("UPDATE city_links SET fingerprint = ? WHERE case_id = ?"), {fingerprint, caseId});
}

QString CityOutbox::intakeStateOf(const QString &caseId, Message *reason) const
{
    QSqlQuery q(m_db);
    q.prepare("SELECT intake_state, intake_error FROM city_links WHERE case_id = ?");
    q.addBindValue(caseId);
    if (!q.exec() || !q.next())
        return {};
    if (reason)
        *reason = Message::fromStored(q.value(1).toString());
    return q.value(0).toString();
}

Result CityOutbox::setIntakeState(const QString &caseId, const QString &state, const Message &reason, const QDateTime &now)
{
    return exec(QStringLiteral("UPDATE city_links SET intake_state = ?, intake_error = ?, updated_at = ? WHERE case_id = ?"),
                {state, reason.toStored(), ms(now), caseId});
}

Result CityOutbox::setIntakeRaw(const QString &caseId, const QJsonObject &raw)
{
    return exec(QStringLiteral("UPDATE city_links SET raw = ? WHERE case_id = ?"),
                {QString::fromUtf8(QJsonDocument(raw).toJson(QJsonDocument::Compact)), caseId});
}

QList<QJsonObject> CityOutbox::offeredIntakes() const
{
    QList<QJsonObject> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT raw FROM city_links WHERE intake_state = 'offered' ORDER BY created_at")))
        while (q.next())
            out.append(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
    return out;
}

QList<QPair<QString, Message>> CityOutbox::rejectedIntakes() const
{
    QList<QPair<QString, Message>> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT city_request_id, intake_error FROM city_links WHERE intake_state = 'rejected'"
                              " ORDER BY updated_at")))
        while (q.next())
            out.append({q.value(0).toString(), Message::fromStored(q.value(1).toString())});
    return out;
}

QString CityOutbox::metaValue(const QString &name) const
{
    return singleText(m_db, QStringLiteral("SELECT value FROM city_meta WHERE name = ?"), name);
}

Result CityOutbox::setMetaValue(const QString &name, const QString &value)
{
    Result r = exec(QStringLiteral("UPDATE city_meta SET value = ? WHERE name = ?"), {value, name});
    if (!r.ok)
        return r;
    if (metaValue(name) == value)
        return r;
    return exec(QStringLiteral("INSERT INTO city_meta (name, value) VALUES (?, ?)"), {name, value});
}

} // namespace gw

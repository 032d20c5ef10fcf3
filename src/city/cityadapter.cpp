#include "cityadapter.h"
#include "eventbuilder.h"
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QUuid>

namespace gw {

namespace {

const char *const PullCursorKey = "pull_cursor";
const char *const ExchangeSince = "exchange_since";

QString escalationKey(const QString &caseId) { return QStringLiteral("gw:%1:escalation").arg(caseId); }

QJsonObject firstObject(const QJsonDocument &doc)
{
    if (doc.isArray())
        return doc.array().isEmpty() ? QJsonObject() : doc.array().first().toObject();
    return doc.object();
}

QString idText(const QJsonValue &v)
{
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString().trimmed();
}

} // namespace

CityAdapter::CityAdapter(const CityConfig &config, const CityMapping &mapping, QSqlDatabase db, QObject *parent)
    : QObject(parent), m_config(config), m_mapping(mapping), m_outbox(std::move(db)),
      m_client(new CityClient(config, this))
{
    m_outboxTimer.setInterval(config.outboxIntervalMs);
    m_pullTimer.setInterval(config.pullIntervalMs);
    m_reconcileTimer.setInterval(config.reconcileIntervalMs);
    connect(&m_outboxTimer, &QTimer::timeout, this, &CityAdapter::processOutbox);
    connect(&m_pullTimer, &QTimer::timeout, this, [this] { pullAssignedCases(); });
    connect(&m_reconcileTimer, &QTimer::timeout, this, [this] {
        if (m_caseLoader)
            reconcile(m_caseLoader(linkedCaseIds()));
    });
}

CityAdapter::~CityAdapter()
{
    // Requests still on the wire stay "sent" in the outbox; the next open() re-queues them (same idempotency key).
    m_client->abortAll();
}

Result CityAdapter::open()
{
    const Result config = m_config.validate();
    if (!config.ok)
        return config;
    if (!m_mapping.isLoaded())
        return Result::failure(QStringLiteral("invalid_input"), Message::translate("gw::CityAdapter", "No city mapping is loaded."));
    const Result schema = m_outbox.ensureSchema();
    if (!schema.ok)
        return schema;
    const Result tls = m_client->setup();
    if (!tls.ok)
        return tls;
    m_outbox.recoverInterrupted(now());
    if (m_outbox.metaValue(QLatin1String(ExchangeSince)).isEmpty()) {
        const Result since = m_outbox.setMetaValue(QLatin1String(ExchangeSince), now().toUTC().toString(Qt::ISODateWithMs));
        if (!since.ok)
            return since;
    }
    return Result::success();
}

QDateTime CityAdapter::exchangeSince() const
{
    return QDateTime::fromString(m_outbox.metaValue(QLatin1String(ExchangeSince)), Qt::ISODateWithMs);
}

bool CityAdapter::hasEscalationQueued(const QString &caseId) const
{
    bool found = false;
    return m_outbox.hasMessage(escalationKey(caseId), &found).ok && found;  // unreadable: enqueueEscalation says why
}

void CityAdapter::start()
{
    m_outboxTimer.start();
    m_pullTimer.start();
    m_reconcileTimer.start();
    QTimer::singleShot(0, this, &CityAdapter::processOutbox);
    QTimer::singleShot(0, this, [this] { pullAssignedCases(); });
}

void CityAdapter::stop()
{
    m_outboxTimer.stop();
    m_pullTimer.stop();
    m_reconcileTimer.stop();
}

void CityAdapter::report(CityExchangeReport exchange)
{
    if (!exchange.at.isValid())
        exchange.at = now();
    emit exchangeRecorded(exchange);
}

QString CityAdapter::fingerprint(const CaseRecord &record) const
{
    const CityMapping::StatusTarget st = m_mapping.statusFor(record.status);
    return st.status + u'|' + st.cityState + u'|' + CityMapping::cityTime(CityMapping::deadlineOf(record));
}

Result CityAdapter::enqueueEscalation(const CaseRecord &record, bool *enqueued)
{
    if (enqueued)
        *enqueued = false;
    if (!record.escalated)
        return Result::failure(QStringLiteral("invalid_state"),
                               Message::translate("gw::CityAdapter", "Case %1 is not escalated; store the case.escalated event first.").arg(record.number));
    if (m_mapping.outboundServiceCode(record.categoryId, record.subcategoryId).isEmpty())
        return Result::failure(QStringLiteral("invalid_input"),
                               Message::translate("gw::CityAdapter", "Case %1 cannot go to the city: its category %2 has no city service "
                                                                     "code and the city mapping names no fallback.")
                                   .arg(record.number, record.categoryId));
    const QDateTime t = now();
    CityOutboxMessage m;
    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.idempotencyKey = escalationKey(record.id);
    m.caseId = record.id;
    m.kind = CityOutboxMessage::Kind::Escalation;
    m.body = m_mapping.toCityRequest(record);
    m.createdAt = t;
    Result r = m_outbox.link(record.id, QStringLiteral("escalated"), {}, t);
    bool inserted = false;
    if (r.ok)
        r = m_outbox.enqueue(m, &inserted);
    if (r.ok && inserted)
        r = m_outbox.setFingerprint(record.id, fingerprint(record));
    if (!r.ok)
        return r;
    if (enqueued)
        *enqueued = inserted;
    if (inserted) {
        CityExchangeReport e;
        e.caseId = record.id;
        e.direction = QStringLiteral("up");
        e.kind = QStringLiteral("escalation");
        e.outcome = QStringLiteral("queued");
        e.messageId = m.id;
        e.idempotencyKey = m.idempotencyKey;
        report(e);
        QTimer::singleShot(0, this, &CityAdapter::processOutbox);
    }
    return Result::success();
}

Result CityAdapter::enqueueStatusUpdate(const CaseRecord &record, bool *enqueued)
{
    if (enqueued)
        *enqueued = false;
    if (m_outbox.originOf(record.id).isEmpty())
        return Result::success();  // not the city's business
    if (m_outbox.intakeStateOf(record.id) == QLatin1String("rejected"))
        return Result::success();
    const QString fp = fingerprint(record);
    if (fp == m_outbox.fingerprintOf(record.id))
        return Result::success();  // what the city sees would not change
    const QDateTime t = now();
    CityOutboxMessage m;
    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.idempotencyKey = QStringLiteral("gw:%1:status:%2").arg(record.id).arg(record.eventCount);
    m.caseId = record.id;
    m.kind = CityOutboxMessage::Kind::StatusUpdate;
    m.body = m_mapping.toStatusUpdate(record);
    m.createdAt = t;
    bool inserted = false;
    Result r = m_outbox.enqueue(m, &inserted);
    if (r.ok)
        r = m_outbox.setFingerprint(record.id, fp);
    if (!r.ok)
        return r;
    if (inserted) {
        if (enqueued)
            *enqueued = true;
        CityExchangeReport e;
        e.caseId = record.id;
        e.cityRequestId = m_outbox.cityRequestIdOf(record.id);
        e.direction = QStringLiteral("up");
        e.kind = QStringLiteral("status_update");
        e.outcome = QStringLiteral("queued");
        e.messageId = m.id;
        e.idempotencyKey = m.idempotencyKey;
        e.detail = m_mapping.statusFor(record.status).cityState;
        e.milestone = false;  // the status change itself is already on the case's trail
        report(e);
        QTimer::singleShot(0, this, &CityAdapter::processOutbox);
    }
    return Result::success();
}

Result CityAdapter::retryMessage(const QString &messageId)
{
    const Result r = m_outbox.retryNow(messageId, now());
    if (r.ok)
        QTimer::singleShot(0, this, &CityAdapter::processOutbox);
    return r;
}

void CityAdapter::processOutbox()
{
    if (m_outboxBusy) {
        m_outboxAgain = true;
        return;
    }
    m_outboxBusy = true;
    const int batch = 100;
    m_round = m_outbox.due(now(), batch);
    m_moreWaiting = m_round.size() == batch;  // more are due: another round right after, if this one moved
    m_roundSent = 0;
    m_blockedCases.clear();
    m_roundAcknowledged = m_roundRetrying = m_roundFailed = 0;
    sendNextInRound();
}

void CityAdapter::sendNextInRound()
{
    while (!m_round.isEmpty()) {
        const CityOutboxMessage m = m_round.takeFirst();
        // Per case, order matters: nothing overtakes an earlier message that has not gone through.
        if (m_blockedCases.contains(m.caseId) || m_outbox.hasEarlierOpen(m.caseId, m.seq)) {
            m_blockedCases.insert(m.caseId);
            continue;
        }
        QString path;
        if (m.kind == CityOutboxMessage::Kind::Escalation) {
            path = QStringLiteral("requests");
        } else {
            const QString cityId = m_outbox.cityRequestIdOf(m.caseId);
            if (cityId.isEmpty()) {
                m_outbox.markHeld(m.id, Message::translate("gw::CityAdapter", "Waiting for the city to acknowledge the escalation."),
                                  now().addMSecs(m_config.backoffBaseMs));
                m_blockedCases.insert(m.caseId);
                continue;
            }
            path = QStringLiteral("requests/%1/updates").arg(QString::fromLatin1(QUrl::toPercentEncoding(cityId)));
        }
        const Result sent = m_outbox.markSent(m.id, now());
        if (!sent.ok) {
            qWarning("city outbox: %s", qPrintable(sent.message.english()));
            m_blockedCases.insert(m.caseId);
            continue;
        }
        ++m_roundSent;
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("jurisdiction_id"), m_mapping.jurisdictionId());
        m_client->send("POST", path, query, QJsonDocument(m.body), m.idempotencyKey,
                       [this, m](const CityReply &reply) {
                           handleReply(m, reply);
                           sendNextInRound();
                       });
        return;  // one on the wire at a time: keeps per-case order and spares the city
    }
    finishRound();
}

void CityAdapter::handleReply(const CityOutboxMessage &m, const CityReply &reply)
{
    const QDateTime t = now();
    const int attempts = m.attempts + 1;
    CityExchangeReport e;
    e.at = t;
    e.caseId = m.caseId;
    e.direction = QStringLiteral("up");
    e.kind = CityOutboxMessage::kindToString(m.kind);
    e.messageId = m.id;
    e.idempotencyKey = m.idempotencyKey;
    e.httpStatus = reply.httpStatus;
    e.attempts = attempts;

    CityReply r = reply;
    QString cityId = m.kind == CityOutboxMessage::Kind::Escalation ? QString() : m_outbox.cityRequestIdOf(m.caseId);
    if (r.outcome == CityReply::Outcome::Ok && m.kind == CityOutboxMessage::Kind::Escalation) {
        cityId = idText(firstObject(r.json).value(m_mapping.field(QStringLiteral("serviceRequestId"))));
        if (cityId.isEmpty()) {
            r.outcome = CityReply::Outcome::Retryable;
            r.error = Message::translate("gw::CityAdapter", "The city's answer has no %1.").arg(m_mapping.field(QStringLiteral("serviceRequestId")));
        }
    }
    e.cityRequestId = cityId;

    switch (r.outcome) {
    case CityReply::Outcome::Ok:
        m_outbox.markAcknowledged(m.id, cityId, r.httpStatus, t);
        e.outcome = QStringLiteral("acknowledged");
        ++m_roundAcknowledged;
        break;
    case CityReply::Outcome::Retryable:
        if (m_config.maxAttempts > 0 && attempts >= m_config.maxAttempts) {
            e.detail = Message::translate("gw::CityAdapter", "Gave up after %1 attempts: %2").arg(attempts).arg(r.error);
            m_outbox.markFailed(m.id, e.detail, r.httpStatus, t);
            e.outcome = QStringLiteral("failed");
            ++m_roundFailed;
        } else {
            const qint64 delay = qMax<qint64>(m_client->backoffMs(attempts), qint64(r.retryAfterSeconds) * 1000);
            m_outbox.markRetry(m.id, r.error, r.httpStatus, t.addMSecs(delay), t);
            e.outcome = QStringLiteral("retrying");
            e.detail = r.error;
            // Only news goes on the case's trail: the first failure, or a different reason than last time.
            e.milestone = m.attempts == 0 || m.lastError != r.error;
            ++m_roundRetrying;
        }
        m_blockedCases.insert(m.caseId);
        break;
    case CityReply::Outcome::Failed:
        m_outbox.markFailed(m.id, r.error, r.httpStatus, t);
        e.outcome = QStringLiteral("failed");
        e.detail = r.error;
        ++m_roundFailed;
        m_blockedCases.insert(m.caseId);
        break;
    }
    report(e);
}

void CityAdapter::finishRound()
{
    m_outboxBusy = false;
    emit outboxProcessed(m_roundAcknowledged, m_roundRetrying, m_roundFailed);
    if (m_outboxAgain || (m_moreWaiting && m_roundSent > 0)) {
        m_outboxAgain = false;
        QTimer::singleShot(0, this, &CityAdapter::processOutbox);
    }
}

// ---- down: city-assigned cases ----

CaseEvent CityAdapter::registrationEvent(const CityAssignedCase &assigned) const
{
    EventBuilder builder(m_config.intakeUser, m_config.deviceId);
    return builder.make(EventType::Registered, assigned.caseId, assigned.draft.toPayload());
}

void CityAdapter::pullAssignedCases(const QDateTime &since)
{
    if (m_pullBusy)
        return;
    m_pullBusy = true;
    m_pull = PullState();
    m_pull.since = since.isValid() ? since : CityMapping::parseCityTime(m_outbox.metaValue(PullCursorKey));
    fetchPullPage();
}

void CityAdapter::fetchPullPage()
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("jurisdiction_id"), m_mapping.jurisdictionId());
    q.addQueryItem(m_mapping.queryParam(QStringLiteral("assignedTo")), m_mapping.districtId());
    if (m_pull.since.isValid())
        q.addQueryItem(m_mapping.queryParam(QStringLiteral("updatedAfter")), CityMapping::cityTime(m_pull.since));
    q.addQueryItem(m_mapping.queryParam(QStringLiteral("page")), QString::number(m_pull.page));
    q.addQueryItem(m_mapping.queryParam(QStringLiteral("pageSize")), QString::number(m_mapping.pageSize()));
    m_client->send("GET", QStringLiteral("requests"), q, QJsonDocument(), QString(), [this](const CityReply &r) {
        if (r.outcome != CityReply::Outcome::Ok || !r.json.isArray()) {
            const Message why = r.outcome == CityReply::Outcome::Ok
                                    ? Message::translate("gw::CityAdapter", "The city's list of assigned requests is not a JSON array.")
                                    : r.error;
            CityExchangeReport e;
            e.direction = QStringLiteral("down");
            e.kind = QStringLiteral("pull");
            e.outcome = QStringLiteral("failed");
            e.httpStatus = r.httpStatus;
            e.detail = why;
            report(e);
            m_pullBusy = false;
            emit pullFinished(Result::failure(QStringLiteral("city_unavailable"),
                                              Message::translate("gw::CityAdapter", "Pulling city-assigned cases failed: %1").arg(why)),
                              0, m_pull.rejected);
            return;
        }
        const QJsonArray arr = r.json.array();
        for (const QJsonValue &v : arr)
            intake(v.toObject(), m_pull);
        if (arr.size() >= m_mapping.pageSize() && m_pull.page < m_config.maxPages) {
            ++m_pull.page;
            fetchPullPage();
            return;
        }
        // Cases offered before but never confirmed (the server stopped in between) are offered again.
        for (const QJsonObject &raw : m_outbox.offeredIntakes()) {
            const QString cityId = idText(raw.value(m_mapping.field(QStringLiteral("serviceRequestId"))));
            if (!m_pull.seen.contains(cityId))
                intake(raw, m_pull);
        }
        if (m_pull.maxUpdated.isValid())
            m_outbox.setMetaValue(PullCursorKey, CaseEvent::timeToString(m_pull.maxUpdated));
        const QList<CityAssignedCase> cases = m_pull.cases;
        const int rejected = m_pull.rejected;
        m_pullBusy = false;
        emit assignedCasesReceived(cases);
        emit pullFinished(Result::success(), int(cases.size()), rejected);
    });
}

void CityAdapter::intake(const QJsonObject &request, PullState &state)
{
    const QDateTime t = now();
    CityAssignedCase a;
    Message error;
    bool ok = m_mapping.fromCityRequest(request, &a, &error);
    const QString cityId = idText(request.value(m_mapping.field(QStringLiteral("serviceRequestId"))));
    if (!cityId.isEmpty())
        state.seen.insert(cityId);
    const QDateTime updated = CityMapping::parseCityTime(
        request.value(m_mapping.field(QStringLiteral("updatedDatetime"))).toString());
    if (updated.isValid() && (!state.maxUpdated.isValid() || updated > state.maxUpdated))
        state.maxUpdated = updated;

    CityExchangeReport e;
    e.at = t;
    e.direction = QStringLiteral("down");
    e.kind = QStringLiteral("assigned_case");
    e.cityRequestId = cityId;
    if (cityId.isEmpty()) {
        ++state.rejected;
        e.outcome = QStringLiteral("rejected");
        e.detail = error;
        report(e);
        return;
    }
    // A request we escalated ourselves may come back assigned to us: it is the same case.
    const QString knownCase = m_outbox.caseIdOfCityRequest(cityId);
    if (ok && !knownCase.isEmpty())
        a.caseId = knownCase;
    Message previousReason;
    const QString previous = knownCase.isEmpty() ? QString() : m_outbox.intakeStateOf(knownCase, &previousReason);
    const QString origin = knownCase.isEmpty() ? QString() : m_outbox.originOf(knownCase);
    if (previous == QLatin1String("registered") || origin == QLatin1String("escalated")) {
        // An update of a case we have: the server decides what to record. If the city's copy no longer maps
        // (say, a new service code), our case stays as it is; the difference shows up in reconciliation.
        if (ok) {
            a.alreadyRegistered = true;
            state.cases.append(a);
        }
        return;
    }
    if (ok) {
        const Result valid = m_workflow.check(nullptr, registrationEvent(a));
        if (!valid.ok) {
            ok = false;
            error = Message::translate("gw::CityAdapter", "City request %1 cannot be registered: %2").arg(cityId, valid.message);
        }
    }
    const QString caseId = ok ? a.caseId
                              : (knownCase.isEmpty() ? m_mapping.caseIdForCityRequest(cityId) : knownCase);
    m_outbox.link(caseId, QStringLiteral("assigned"), cityId, t);
    m_outbox.setIntakeRaw(caseId, request);
    e.caseId = caseId;
    if (!ok) {
        m_outbox.setIntakeState(caseId, QStringLiteral("rejected"), error, t);
        ++state.rejected;
        e.outcome = QStringLiteral("rejected");
        e.detail = error;
        e.milestone = previous != QLatin1String("rejected") || previousReason != error;
        report(e);
        return;
    }
    m_outbox.setIntakeState(caseId, QStringLiteral("offered"), QString(), t);
    state.cases.append(a);
    e.outcome = QStringLiteral("received");
    e.milestone = previous.isEmpty() || previous == QLatin1String("rejected");
    report(e);
}

Result CityAdapter::confirmAssignedCase(const QString &caseId)
{
    if (m_outbox.originOf(caseId) != QLatin1String("assigned"))
        return Result::failure(QStringLiteral("invalid_input"), Message::translate("gw::CityAdapter", "Case %1 did not come from the city.").arg(caseId));
    return m_outbox.setIntakeState(caseId, QStringLiteral("registered"), QString(), now());
}

Result CityAdapter::rejectAssignedCase(const QString &caseId, const Message &reason)
{
    if (m_outbox.originOf(caseId) != QLatin1String("assigned"))
        return Result::failure(QStringLiteral("invalid_input"), Message::translate("gw::CityAdapter", "Case %1 did not come from the city.").arg(caseId));
    return m_outbox.setIntakeState(caseId, QStringLiteral("rejected"), reason, now());
}

void CityAdapter::checkServices()
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("jurisdiction_id"), m_mapping.jurisdictionId());
    m_client->send("GET", QStringLiteral("services"), q, QJsonDocument(), QString(), [this](const CityReply &r) {
        if (r.outcome != CityReply::Outcome::Ok || !r.json.isArray()) {
            emit servicesChecked(Result::failure(QStringLiteral("city_unavailable"),
                                                 Message::translate("gw::CityAdapter", "Fetching the city's service list failed: %1")
                                                     .arg(r.outcome == CityReply::Outcome::Ok
                                                              ? Message::translate("gw::CityAdapter", "not a JSON array") : r.error)),
                                 {});
            return;
        }
        QSet<QString> offered;
        for (const QJsonValue &v : r.json.array())
            offered.insert(idText(v.toObject().value(QStringLiteral("service_code"))));
        QStringList missing;
        for (const QString &code : m_mapping.serviceCodes())
            if (!offered.contains(code))
                missing.append(code);
        missing.sort();
        emit servicesChecked(missing.isEmpty() ? Result::success()
                                               : Result::failure(QStringLiteral("invalid_input"),
                                                                 Message::translate("gw::CityAdapter", "The city does not offer these mapped service codes: %1")
                                                                     .arg(missing.join(u", "))),
                             missing);
    });
}

// ---- reconciliation ----

QStringList CityAdapter::linkedCaseIds() const
{
    return m_outbox.linkedCases().keys();
}

void CityAdapter::reconcile(const QList<CaseRecord> &ourCases)
{
    if (m_reconcileBusy)
        return;
    m_reconcileBusy = true;
    fetchReconcilePage(1, {}, ourCases);
}

void CityAdapter::fetchReconcilePage(int page, QList<QJsonObject> collected, QList<CaseRecord> ourCases)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("jurisdiction_id"), m_mapping.jurisdictionId());
    q.addQueryItem(m_mapping.queryParam(QStringLiteral("district")), m_mapping.districtId());
    q.addQueryItem(m_mapping.queryParam(QStringLiteral("page")), QString::number(page));
    q.addQueryItem(m_mapping.queryParam(QStringLiteral("pageSize")), QString::number(m_mapping.pageSize()));
    m_client->send("GET", QStringLiteral("requests"), q, QJsonDocument(), QString(),
                   [this, page, collected, ourCases](const CityReply &r) mutable {
                       if (r.outcome != CityReply::Outcome::Ok || !r.json.isArray()) {
                           m_reconcileBusy = false;
                           const Message why = r.outcome == CityReply::Outcome::Ok
                                                   ? Message::translate("gw::CityAdapter", "The city's list of requests is not a JSON array.") : r.error;
                           emit reconciled(Result::failure(QStringLiteral("city_unavailable"),
                                                           Message::translate("gw::CityAdapter", "Reconciliation with the city failed: %1").arg(why)),
                                           {});
                           return;
                       }
                       const QJsonArray arr = r.json.array();
                       for (const QJsonValue &v : arr)
                           collected.append(v.toObject());
                       if (arr.size() >= m_mapping.pageSize() && page < m_config.maxPages) {
                           fetchReconcilePage(page + 1, collected, ourCases);
                           return;
                       }
                       m_reconcileBusy = false;
                       const QList<CityMismatch> mismatches = compare(ourCases, collected);
                       for (const CityMismatch &mm : mismatches) {
                           CityExchangeReport e;
                           e.caseId = mm.caseId;
                           e.cityRequestId = mm.cityRequestId;
                           e.direction = QStringLiteral("down");
                           e.kind = QStringLiteral("reconcile");
                           e.outcome = QStringLiteral("mismatch");
                           e.detail = mm.reason;
                           report(e);
                       }
                       emit reconciled(Result::success(), mismatches);
                   });
}

QList<CityMismatch> CityAdapter::compare(const QList<CaseRecord> &ourCases, const QList<QJsonObject> &cityRequests) const
{
    const QString idField = m_mapping.field(QStringLiteral("serviceRequestId"));
    const QString caseField = m_mapping.field(QStringLiteral("districtCaseId"));
    QHash<QString, int> byCityId, byCaseId;
    for (int i = 0; i < cityRequests.size(); ++i) {
        byCityId.insert(idText(cityRequests.at(i).value(idField)), i);
        const QString caseId = cityRequests.at(i).value(caseField).toString();
        if (!caseId.isEmpty())
            byCaseId.insert(caseId, i);
    }
    const QHash<QString, QString> links = m_outbox.linkedCases();
    QSet<int> matched;
    QList<CityMismatch> out;

    for (const CaseRecord &c : ourCases) {
        const bool linked = links.contains(c.id);
        if (!linked && !c.escalated)
            continue;
        const QString cityId = links.value(c.id);
        bool pending = false;
        for (const CityOutboxMessage &m : m_outbox.messagesOf(c.id))
            pending = pending || m.state == CityOutboxMessage::State::Pending || m.state == CityOutboxMessage::State::Sent;
        int index = -1;
        if (!cityId.isEmpty() && byCityId.contains(cityId))
            index = byCityId.value(cityId);
        else if (byCaseId.contains(c.id))
            index = byCaseId.value(c.id);
        CityMismatch mm;
        mm.caseId = c.id;
        mm.cityRequestId = cityId;
        mm.outboxPending = pending;
        if (index < 0) {
            if (cityId.isEmpty() && pending)
                continue;  // the escalation is still on its way: nothing to compare yet
            mm.kind = CityMismatch::Kind::MissingInCity;
            mm.reason = !linked ? Message::translate("gw::CityAdapter", "Case %1 is escalated here but was never queued for the city.").arg(c.number)
                        : cityId.isEmpty()
                            ? Message::translate("gw::CityAdapter", "Case %1 is escalated here but the city has no request for it.").arg(c.number)
                            : Message::translate("gw::CityAdapter", "Case %1 is linked to city request %2, which the city does not list.").arg(c.number, cityId);
            out.append(mm);
            continue;
        }
        matched.insert(index);
        const QJsonObject theirs = cityRequests.at(index);
        mm.cityRequestId = idText(theirs.value(idField));
        const CityMapping::StatusTarget expected = m_mapping.statusFor(c.status);
        const QString theirState = theirs.value(m_mapping.field(QStringLiteral("districtStatus"))).toString();
        const QString theirStatus = theirs.value(m_mapping.field(QStringLiteral("status"))).toString();
        if (theirState != expected.cityState || theirStatus != expected.status) {
            CityMismatch s = mm;
            s.kind = CityMismatch::Kind::StatusDiffers;
            s.ours = expected.status + u'/' + expected.cityState;
            s.theirs = theirStatus + u'/' + theirState;
            s.reason = Message::translate("gw::CityAdapter", "Case %1: the city shows %2, we are at %3.").arg(c.number, s.theirs, s.ours);
            if (pending)
                s.reason = s.reason.followedBy(Message::translate("gw::CityAdapter", "An update is still waiting in the outbox."));
            out.append(s);
        }
        const QDateTime ourDue = CityMapping::deadlineOf(c);
        const QString theirDueText = theirs.value(m_mapping.field(QStringLiteral("deadline"))).toString();
        const QDateTime theirDue = CityMapping::parseCityTime(theirDueText);
        const bool differs = ourDue.isValid() != theirDue.isValid()
                             || (ourDue.isValid() && qAbs(ourDue.secsTo(theirDue)) > 60);
        if (differs) {
            CityMismatch d = mm;
            d.kind = CityMismatch::Kind::DeadlineDiffers;
            d.ours = CityMapping::cityTime(ourDue);
            d.theirs = theirDue.isValid() ? CityMapping::cityTime(theirDue) : theirDueText;
            d.reason = Message::translate("gw::CityAdapter", "Case %1: the city's deadline is %2, ours is %3.")
                           .arg(c.number, d.theirs.isEmpty() ? Message::translate("gw::CityAdapter", "none") : d.theirs,
                                d.ours.isEmpty() ? Message::translate("gw::CityAdapter", "none") : d.ours);
            if (pending)
                d.reason = d.reason.followedBy(Message::translate("gw::CityAdapter", "An update is still waiting in the outbox."));
            out.append(d);
        }
    }
    QSet<QString> ourIds;
    for (const CaseRecord &c : ourCases)
        ourIds.insert(c.id);
    for (int i = 0; i < cityRequests.size(); ++i) {
        if (matched.contains(i))
            continue;
        const QJsonObject theirs = cityRequests.at(i);
        CityMismatch mm;
        mm.kind = CityMismatch::Kind::MissingHere;
        mm.cityRequestId = idText(theirs.value(idField));
        mm.caseId = m_outbox.caseIdOfCityRequest(mm.cityRequestId);
        if (mm.caseId.isEmpty())
            mm.caseId = theirs.value(caseField).toString();
        Message why;
        const QString intake = mm.caseId.isEmpty() ? QString() : m_outbox.intakeStateOf(mm.caseId, &why);
        if (intake == QLatin1String("rejected"))
            mm.reason = Message::translate("gw::CityAdapter", "City request %1 could not be taken in: %2").arg(mm.cityRequestId, why);
        else if (intake == QLatin1String("offered"))
            mm.reason = Message::translate("gw::CityAdapter", "City request %1 was received but the case is not registered yet.").arg(mm.cityRequestId);
        else
            mm.reason = Message::translate("gw::CityAdapter", "The city lists request %1 for the district, but there is no such case here.")
                            .arg(mm.cityRequestId);
        out.append(mm);
    }
    return out;
}

} // namespace gw

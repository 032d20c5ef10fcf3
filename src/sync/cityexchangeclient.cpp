#include "cityexchangeclient.h"
#include "apireply.h"
#include "syncengine.h"
#include <QJsonArray>
#include <QUrlQuery>
#include <QUuid>

namespace gw {

namespace {
const QString CasesPath = QStringLiteral("/api/v1/cases/");
const QString AdminPath = QStringLiteral("/api/v1/admin/city/");
const QByteArray JsonType = QByteArrayLiteral("application/json");  // the POSTs have no body, but a type is expected

bool isUuid(const QString &s) { return s.size() == 36 && !QUuid::fromString(s).isNull(); }
}

CityExchangeClient::CityExchangeClient(SyncEngine *sync, QObject *parent) : QObject(parent), m_sync(sync)
{
    qRegisterMetaType<gw::CityCaseState>();
    qRegisterMetaType<QList<gw::CityExchange>>();
    qRegisterMetaType<QList<gw::CityMismatch>>();
}

QString CityExchangeClient::describeFailure(const ApiReply &reply, bool *unreachable)
{
    *unreachable = reply.status == 0;
    return reply.ok() ? QString() : reply.error;
}

void CityExchangeClient::begin(Operation operation)
{
    const bool wasIdle = m_busy.isEmpty();
    m_busy.insert(int(operation));
    if (wasIdle)
        Q_EMIT busyChanged(true);
}

void CityExchangeClient::end(Operation operation)
{
    m_busy.remove(int(operation));
    if (m_busy.isEmpty())
        Q_EMIT busyChanged(false);
}

void CityExchangeClient::fail(Operation operation, const QString &message)
{
    end(operation);
    Q_EMIT failed(operation, message);
}

void CityExchangeClient::fetchCaseCityState(const QString &caseId)
{
    if (!isUuid(caseId)) {
        Q_EMIT caseCityStateFailed(caseId, tr("\"%1\" is not a case id.").arg(caseId.left(40)), false);
        return;
    }
    if (!m_sync) {
        Q_EMIT caseCityStateFailed(caseId, tr("This client has no connection to a district server."), true);
        return;
    }
    m_sync->request("GET", CasesPath + caseId, {}, {}, {}, this, [this, caseId](const ApiReply &reply) {
        bool unreachable = false;
        if (!reply.ok()) {
            const QString message = describeFailure(reply, &unreachable);  // sets `unreachable`: before the emit
            Q_EMIT caseCityStateFailed(caseId, message, unreachable);
            return;
        }
        CityCaseState state;
        Message why;
        if (reply.json.isEmpty() || !CityCaseState::fromCaseDetail(reply.json, &state, &why)) {
            Q_EMIT caseCityStateFailed(caseId,
                                       tr("The district server's answer about the city state cannot be read: %1")
                                           .arg(why.isEmpty() ? tr("it is not a JSON object.") : why.text()),
                                       false);
            return;
        }
        Q_EMIT caseCityStateReady(caseId, state);
    });
}

void CityExchangeClient::listExchanges(Filter filter)
{
    if (!m_sync) {
        Q_EMIT failed(Operation::List, tr("This client has no connection to a district server."));
        return;
    }
    begin(Operation::List);
    m_sync->request("GET", AdminPath + QStringLiteral("exchanges"), {}, {}, {}, this, [this, filter](const ApiReply &reply) {
        bool unreachable = false;
        if (!reply.ok()) {
            fail(Operation::List, tr("The city exchanges could not be loaded: %1").arg(describeFailure(reply, &unreachable)));
            return;
        }
        CityExchangeList list;
        Message why;
        if (!CityExchangeList::fromJson(reply.json, &list, &why)) {
            fail(Operation::List, tr("The district server's list of city exchanges cannot be read: %1").arg(why));
            return;
        }
        // Refused city cases are always shown; messages still retrying only when asked for.
        QList<CityExchange> records;
        for (const CityExchange &r : std::as_const(list.exchanges))
            if (r.direction == CityExchange::Direction::Down || filter == Filter::AllTroubled
                || r.state == CityExchange::State::Failed)
                records.append(r);
        end(Operation::List);
        QStringList gaps;
        for (const Message &gap : std::as_const(list.mappingGaps))
            gaps << gap.text();
        Q_EMIT mappingGapsListed(gaps);
        Q_EMIT exchangesListed(records, filter);
    });
}

void CityExchangeClient::retry(const QString &exchangeId)
{
    if (!isUuid(exchangeId)) {
        Q_EMIT failed(Operation::Retry, tr("Only messages to the city can be sent again; choose one in the list."));
        return;
    }
    if (!m_sync) {
        Q_EMIT failed(Operation::Retry, tr("This client has no connection to a district server."));
        return;
    }
    begin(Operation::Retry);
    m_sync->request("POST", AdminPath + QStringLiteral("exchanges/") + exchangeId + QStringLiteral("/retry"), {}, {}, JsonType,
                    this, [this, exchangeId](const ApiReply &reply) {
                        bool unreachable = false;
                        if (!reply.ok()) {
                            fail(Operation::Retry, tr("The retry was not accepted: %1")
                                                       .arg(describeFailure(reply, &unreachable)));
                            return;
                        }
                        if (reply.json.value(QStringLiteral("status")).toString() != QLatin1String("queued")) {
                            fail(Operation::Retry, tr("The district server did not confirm the retry."));
                            return;
                        }
                        end(Operation::Retry);
                        Q_EMIT retryQueued(exchangeId);
                    });
}

void CityExchangeClient::pullNow()
{
    if (!m_sync) {
        Q_EMIT failed(Operation::Pull, tr("This client has no connection to a district server."));
        return;
    }
    begin(Operation::Pull);
    m_sync->request("POST", AdminPath + QStringLiteral("pull"), {}, {}, JsonType, this, [this](const ApiReply &reply) {
        bool unreachable = false;
        const QString message = Message::readFrom(reply.json, QStringLiteral("message")).text();
        if (!reply.ok()) {
            // 502: the server could not reach the city; its message says why.
            fail(Operation::Pull, tr("Pulling city cases failed: %1")
                                      .arg(message.isEmpty() ? describeFailure(reply, &unreachable) : message));
            return;
        }
        const QJsonValue received = reply.json.value(QStringLiteral("received"));
        const QJsonValue rejected = reply.json.value(QStringLiteral("rejected"));
        if (!received.isDouble() || !rejected.isDouble() || received.toInt(-1) < 0 || rejected.toInt(-1) < 0) {
            fail(Operation::Pull, tr("The district server's answer to the pull is not in the expected form."));
            return;
        }
        end(Operation::Pull);
        Q_EMIT pullFinished(received.toInt(), rejected.toInt(), message);
    });
}

void CityExchangeClient::reconcile()
{
    if (!m_sync) {
        Q_EMIT failed(Operation::Reconcile, tr("This client has no connection to a district server."));
        return;
    }
    begin(Operation::Reconcile);
    m_sync->request("POST", AdminPath + QStringLiteral("reconcile"), {}, {}, JsonType, this, [this](const ApiReply &reply) {
        bool unreachable = false;
        const QString message = Message::readFrom(reply.json, QStringLiteral("message")).text();
        if (!reply.ok()) {
            fail(Operation::Reconcile, tr("The reconciliation failed: %1")
                                           .arg(message.isEmpty() ? describeFailure(reply, &unreachable) : message));
            return;
        }
        const QJsonValue list = reply.json.value(QStringLiteral("mismatches"));
        if (!list.isArray()) {
            fail(Operation::Reconcile, tr("The district server's reconciliation result has no list of differences."));
            return;
        }
        QList<CityMismatch> mismatches;
        for (const QJsonValue &v : list.toArray()) {
            CityMismatch m;
            Message why;
            if (!v.isObject() || !CityMismatch::fromJson(v.toObject(), &m, &why)) {
                fail(Operation::Reconcile, tr("The district server's reconciliation result cannot be read: %1")
                                               .arg(why.isEmpty() ? tr("an entry is not a JSON object.") : why.text()));
                return;
            }
            mismatches.append(m);
        }
        end(Operation::Reconcile);
        Q_EMIT reconciled(mismatches, message);
    });
}

} // namespace gw

#pragma once
#include "protocol/citycasestate.h"
#include "protocol/cityexchange.h"
#include "protocol/citymismatch.h"
#include "syncengine.h"
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace gw {


// The client's view of the district server's city exchange (docs/sync-protocol.md, "City exchange"): a case's city
// sync state, and for administrators the exchanges in trouble, retry, pull-now and reconciliation. Every call goes
// through SyncEngine::request() (session token, TLS settings); answers arrive as signals, problems in words.
// The server's JSON is read with the protocol types it writes them with (src/core/protocol), checked field by field:
// an answer in an unexpected shape becomes an error, never a guess.
class CityExchangeClient : public QObject
{
    Q_OBJECT
public:
    enum class Operation { CaseState, List, Retry, Pull, Reconcile };
    Q_ENUM(Operation)
    // FailedOnly: messages the city refused or whose attempts ran out, and refused city cases.
    // AllTroubled: also those still retrying after a failed attempt (everything the server lists).
    enum class Filter { FailedOnly, AllTroubled };
    Q_ENUM(Filter)

    explicit CityExchangeClient(SyncEngine *sync, QObject *parent = nullptr);

    SyncEngine *syncEngine() const { return m_sync; }

    // GET /api/v1/cases/<id> → its `city` part.
    void fetchCaseCityState(const QString &caseId);
    // GET /api/v1/admin/city/exchanges, filtered here (the server lists every exchange in trouble).
    void listExchanges(Filter filter);
    // POST /api/v1/admin/city/exchanges/<id>/retry
    void retry(const QString &exchangeId);
    // POST /api/v1/admin/city/pull (answers when the pull has finished)
    void pullNow();
    // POST /api/v1/admin/city/reconcile (answers when the comparison has finished)
    void reconcile();

    bool isBusy(Operation operation) const { return m_busy.contains(int(operation)); }

    // Shared by the requests: the reply's problem in words and whether the server could not be reached at all.
    static QString describeFailure(const ApiReply &reply, bool *unreachable);

Q_SIGNALS:
    void caseCityStateReady(const QString &caseId, const gw::CityCaseState &state);
    // `offline`: the district server could not be reached (or there is no session): the state is unknown.
    void caseCityStateFailed(const QString &caseId, const QString &message, bool offline);
    void exchangesListed(const QList<gw::CityExchange> &records, gw::CityExchangeClient::Filter filter);
    // Sent with each list: what the city mapping does not cover, in the reader's language (empty when all is mapped).
    void mappingGapsListed(const QStringList &gaps);
    void retryQueued(const QString &exchangeId);
    void pullFinished(int received, int rejected, const QString &message);
    void reconciled(const QList<gw::CityMismatch> &mismatches, const QString &message);
    // Every failure except the case state's (which has its own signal), in words, for the admin view.
    void failed(gw::CityExchangeClient::Operation operation, const QString &message);
    void busyChanged(bool busy);

private:
    void begin(Operation operation);
    void end(Operation operation);
    void fail(Operation operation, const QString &message);

    QPointer<SyncEngine> m_sync;
    QSet<int> m_busy;
};

} // namespace gw

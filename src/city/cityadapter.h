#pragma once
#include "cityassignedcase.h"
#include "cityclient.h"
#include "cityconfig.h"
#include "cityexchangereport.h"
#include "citymapping.h"
#include "protocol/citymismatch.h"
#include "cityoutbox.h"
#include "workflow.h"
#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>

namespace gw {

// The district server's bridge to the city grid platform (docs/city-api.md).
// Upward (escalations, status updates) goes through a persistent outbox: written before sending, sent in order per
// case with an Idempotency-Key, retried with capped exponential backoff. Downward, city-assigned cases are pulled and
// offered to the server as drafts. Reconciliation compares both sides. Every exchange is reported through
// exchangeRecorded() so the server can put it on the case's audit trail. Single-threaded: lives in the server's thread.
class CityAdapter : public QObject
{
    Q_OBJECT
public:
    CityAdapter(const CityConfig &config, const CityMapping &mapping, QSqlDatabase db, QObject *parent = nullptr);
    ~CityAdapter() override;

    // Creates the tables, loads the CA, and re-queues messages a previous process left on the wire.
    Result open();
    // Timers for outbox retries, pulls and reconciliation (intervals from the config). Not needed in tests.
    void start();
    void stop();

    // Call after a case.escalated event is stored. Persists the request before anything is sent; idempotent per case.
    Result enqueueEscalation(const CaseRecord &record, bool *enqueued = nullptr);
    bool hasEscalationQueued(const QString &caseId) const;
    // When this database first exchanged with the city (recorded by open()): escalations stored before then were
    // never meant for the city and are not sent late.
    QDateTime exchangeSince() const;
    // Call after any event on a case; queues an update only for cases linked to the city whose reported status or
    // deadline changed. *enqueued says whether a message was queued.
    Result enqueueStatusUpdate(const CaseRecord &record, bool *enqueued = nullptr);
    // Sends every due message (asynchronously); outboxProcessed() when the round ends.
    void processOutbox();
    // Administrator's retry of a failed or waiting message; it is sent in the next round (started at once).
    Result retryMessage(const QString &messageId);

    // Fetches cases the city assigned to the district, updated since `since` (invalid: since the stored cursor).
    // assignedCasesReceived() then pullFinished(). For each new case the server appends a case.registered made from the
    // draft with the given case id, as the intake user, then calls confirmAssignedCase() (or rejectAssignedCase()).
    void pullAssignedCases(const QDateTime &since = {});
    Result confirmAssignedCase(const QString &caseId);
    Result rejectAssignedCase(const QString &caseId, const Message &reason);

    // Fetches the city's list of the district's requests and compares it with `ourCases` (the linked ones, see
    // linkedCaseIds(), plus any escalated case); reconciled() with the differences.
    void reconcile(const QList<CaseRecord> &ourCases);
    // The comparison itself, on lists already at hand.
    QList<CityMismatch> compare(const QList<CaseRecord> &ourCases, const QList<QJsonObject> &cityRequests) const;
    QStringList linkedCaseIds() const;
    // For the scheduled reconciliation: loads our cases for the given ids (the server's CaseStore).
    using CaseLoader = std::function<QList<CaseRecord>(const QStringList &caseIds)>;
    void setCaseLoader(CaseLoader loader) { m_caseLoader = std::move(loader); }

    // Compares the mapping's service codes with the city's GET services list; servicesChecked() with the ones missing.
    void checkServices();

    CityCaseState syncState(const QString &caseId) const { return m_outbox.syncStateOf(caseId); }
    QList<CityOutboxMessage> troubledMessages() const { return m_outbox.troubled(); }
    CityOutbox &outbox() { return m_outbox; }
    const CityMapping &mapping() const { return m_mapping; }
    const CityConfig &config() const { return m_config; }
    bool isProcessingOutbox() const { return m_outboxBusy; }
    bool isPulling() const { return m_pullBusy; }
    // The case.registered event the server should append for an assigned case (the intake user as actor).
    CaseEvent registrationEvent(const CityAssignedCase &assigned) const;

signals:
    void exchangeRecorded(const gw::CityExchangeReport &exchange);
    void outboxProcessed(int acknowledged, int retrying, int failed);
    void assignedCasesReceived(const QList<gw::CityAssignedCase> &cases);
    void pullFinished(const gw::Result &result, int received, int rejected);
    void reconciled(const gw::Result &result, const QList<gw::CityMismatch> &mismatches);
    void servicesChecked(const gw::Result &result, const QStringList &missingServiceCodes);

private:
    struct PullState {
        QDateTime since;
        int page = 1;
        QList<CityAssignedCase> cases;
        QSet<QString> seen;
        int rejected = 0;
        QDateTime maxUpdated;
    };
    void sendNextInRound();
    void handleReply(const CityOutboxMessage &message, const CityReply &reply);
    void finishRound();
    void fetchPullPage();
    void intake(const QJsonObject &request, PullState &state);
    void fetchReconcilePage(int page, QList<QJsonObject> collected, QList<CaseRecord> ourCases);
    void report(CityExchangeReport exchange);
    QString fingerprint(const CaseRecord &record) const;
    QDateTime now() const { return QDateTime::currentDateTimeUtc(); }

    CityConfig m_config;
    CityMapping m_mapping;
    Workflow m_workflow;
    CityOutbox m_outbox;
    CityClient *m_client;
    QTimer m_outboxTimer, m_pullTimer, m_reconcileTimer;

    bool m_outboxBusy = false;
    bool m_outboxAgain = false;
    bool m_moreWaiting = false;
    int m_roundSent = 0;
    QList<CityOutboxMessage> m_round;
    QSet<QString> m_blockedCases;
    int m_roundAcknowledged = 0, m_roundRetrying = 0, m_roundFailed = 0;

    bool m_pullBusy = false;
    PullState m_pull;
    bool m_reconcileBusy = false;
    CaseLoader m_caseLoader;
};

} // namespace gw

#pragma once
#include "cityadapter.h"
#include "protocol/citycasestate.h"
#include "protocol/cityexchange.h"
#include "serverstore.h"
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

namespace gw {

// Wires the city platform adapter (src/city, docs/city-api.md §11) into the district server: upward messages after
// accepted pushes, city-assigned cases registered through the same accept path as client pushes, every exchange
// milestone on the case's audit trail (case.commented by the intake account), and the data behind the admin API.
// Lives in the server's thread; exists only when the server was given a city configuration.
class CityBridge : public QObject
{
    Q_OBJECT
public:
    explicit CityBridge(ServerStore *store, QObject *parent = nullptr);
    ~CityBridge() override;

    // Reads a city configuration file: the `city` object of docs/city-api.md (CityConfig::fromJson) plus an optional
    // "mappingFile" (relative paths are relative to the configuration file); without it the built-in mapping is used.
    static Result loadConfigFile(const QString &path, CityConfig *config, CityMapping *mapping);

    // Makes sure the intake account exists (a random password at first start), opens the adapter and starts its timers.
    Result start(const CityConfig &config, const CityMapping &mapping, QList<Message> *notices);
    // Stops the timers and destroys the adapter (before the database closes).
    void stop();
    CityAdapter *adapter() const { return m_adapter.get(); }

    // Call after every push the store handled: once per touched case, with its final record.
    void afterPush(const QList<ServerStore::PushOutcome> &outcomes);

    // The `city` part of the case detail.
    CityCaseState syncState(const QString &caseId) const;
    // Messages in trouble (failed, or pending after a failed attempt) and rejected intakes, for the admin view.
    CityExchangeList exchanges() const;
    Result retry(const QString &messageId);
    // Asynchronous: `done` gets the JSON answer when the pull (or reconciliation) has finished.
    void pull(std::function<void(const QJsonObject &)> done);
    void reconcile(std::function<void(const QJsonObject &)> done);

private:
    void onAssignedCases(const QList<CityAssignedCase> &cases);
    void onExchange(const CityExchangeReport &exchange);
    // Pushes one event as the intake account through ServerStore::pushEvents (checked, sealed, numbered).
    Result pushAsBridge(const CaseEvent &event, ServerStore::PushOutcome *outcome);
    Result comment(const QString &caseId, const QString &text);
    QList<CaseRecord> loadCases(const QStringList &ids) const;
    // At start: queues the escalations stored but never queued; what still cannot go is named in `notices`.
    void queueUnsentEscalations(QList<Message> *notices);

    ServerStore *m_store;
    std::unique_ptr<CityAdapter> m_adapter;
    User m_bridgeUser;
};

} // namespace gw

#pragma once
#include "apiserver.h"
#include "citybridge.h"
#include "result.h"
#include "serveroptions.h"
#include "serverstore.h"
#include <QLockFile>
#include <QObject>
#include <QUrl>
#include <memory>

namespace gw {

// Puts the district server together from its options: data dir, database, accounts, certificate, listener.
class ServerApp : public QObject
{
    Q_OBJECT
public:
    explicit ServerApp(const ServerOptions &options, QObject *parent = nullptr);
    ~ServerApp() override;

    // Everything up to listening. Messages for the operator (a new admin password) go to `notices`.
    Result start(QList<Message> *notices);
    QUrl url() const;
    void stop();
    // Held while the server runs, so a second server or an offline restore cannot use the same data dir.
    static QString lockFilePath(const QString &dataDir);

    static constexpr const char *DemoPassword = "gw-demo-2026";
    // The database holds the demo district (--demo-data, now or at an earlier start): known once started.
    bool holdsDemoData() const { return m_demoData; }

private:
    Result openDatabase();
    Result ensureAccounts(QList<Message> *notices);

    ServerOptions m_options;
    std::unique_ptr<ServerStore> m_store;
    std::unique_ptr<ApiServer> m_api;
    std::unique_ptr<CityBridge> m_city;  // only with --city-config
    std::unique_ptr<QLockFile> m_dataDirLock;
    quint16 m_port = 0;
    bool m_demoData = false;
};

} // namespace gw

#pragma once
#include "serverstore.h"
#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <functional>
#include <memory>

namespace gw {

class CityBridge;
class DistrictAssessment;

// The district server's JSON API over HTTPS (see docs/sync-protocol.md). Every request is checked at the
// boundary (size, UTF-8, media type, JSON shape, bearer token, permissions) before the store sees it;
// refusals are JSON {error, message} with a 4xx status.
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Limits {
        qint64 maxPushBodyBytes = 8 * 1024 * 1024;
        int maxEventsPerPush = 1000;
        qint64 maxOtherBodyBytes = 64 * 1024;
        int defaultPullLimit = 500;
        int maxPullLimit = 5000;
        int maxFailedLoginsPerWindow = 10;  // per account, within loginWindowSeconds
        int loginWindowSeconds = 300;
    };
    struct Reply {
        QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok;
        QJsonObject body;
        QByteArray raw;  // when set, sent instead of `body` (already-serialized JSON)
        // When set, the answer comes later: handleRequest keeps the connection and calls this with a completion.
        std::function<void(std::function<void(const Reply &)>)> deferred;
        // Content type of `raw` when it is not JSON (attachment downloads); empty means application/json.
        QByteArray contentType = QByteArray();
    };

    explicit ApiServer(ServerStore *store, QObject *parent = nullptr);
    ApiServer(ServerStore *store, const Limits &limits, QObject *parent = nullptr);
    ~ApiServer() override;
    void setVerbose(bool verbose) { m_verbose = verbose; }
    // The city exchange (docs/city-api.md); null when the server has no city configuration.
    void setCityBridge(CityBridge *bridge) { m_city = bridge; }

    // The token of an "Authorization: Bearer <token>" header; empty when the header has none.
    static QString bearerToken(const QByteArray &authorization);

    // The routing itself, without sockets: used by handleRequest and usable from tests of the handler.
    Reply dispatch(const QString &method, const QString &path, const QUrlQuery &query, const QByteArray &authorization,
                   const QByteArray &contentType, const QByteArray &body);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Reply login(const QJsonObject &body);
    Reply logout(const QString &token);
    Reply me(const User &user);
    Reply changeOwnPassword(const User &user, const QJsonObject &body);
    Reply newSession(const User &user);
    Reply pushEvents(const User &user, const QJsonObject &body);
    Reply pullEvents(const User &user, const QUrlQuery &query);
    Reply caseDetail(const User &user, const QString &caseId, bool verify);
    Reply listUsers(const User &user);
    Reply createUser(const User &user, const QJsonObject &body);
    Reply updateUser(const User &user, const QString &userId, const QJsonObject &body);
    Reply adminLog(const User &user, const QUrlQuery &query);
    Reply referenceData(const QUrlQuery &query);
    Reply setCalendarYear(const User &user, const QString &yearText, const QJsonObject &body, const QString &expected);
    Reply setWorkingDay(const User &user, const QJsonObject &body, const QString &expected);
    Reply setCategory(const User &user, const QString &categoryId, const QJsonObject &body, const QString &expected);
    Reply setOrgUnit(const User &user, const QString &pathId, bool adding, const QJsonObject &body, const QString &expected);
    Reply setGridCell(const User &user, const QString &pathCode, bool adding, const QJsonObject &body, const QString &expected);
    Reply setPhrases(const User &user, const QString &pathKind, const QJsonObject &body, const QString &expected);
    Reply setIndicatorSet(const User &user, const QString &month, const QJsonObject &body, const QString &expected);
    Reply assessmentMonths(const QUrlQuery &query);
    Reply publishMonth(const User &user, const QString &month, const QJsonObject &body);
    Reply orgUnits();
    Reply stats(const User &user);
    Reply cityAdmin(const User &user, const QString &method, const QStringList &parts);
    bool loginThrottled(const QString &userId);
    void noteFailedLogin(const QString &userId);

    ServerStore *m_store;
    Limits m_limits;
    bool m_verbose = false;
    CityBridge *m_city = nullptr;
    std::unique_ptr<DistrictAssessment> m_assessment;
    QHash<QString, QList<qint64>> m_failedLogins;  // user id -> times (ms) of recent failures
};

} // namespace gw

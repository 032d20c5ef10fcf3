#pragma once
#include "result.h"
#include "user.h"
#include <QJsonObject>
#include <QUrl>

namespace gw {

// Everything the district server configures for the city exchange (a "city" object in the server's config file).
struct CityConfig {
    QUrl baseUrl;                          // e.g. https://grid.km.gov.cn/open311/v2/ (HTTPS required unless allowPlainHttp)
    QString formatSuffix = QStringLiteral(".json");  // Open311 style: requests.json
    QString apiKey;                        // sent in apiKeyHeader
    QByteArray apiKeyHeader = "X-Api-Key";
    QString bearerToken;                   // alternative to the API key: Authorization: Bearer <token>
    QString caFile;                        // PEM file; when set, the only CAs trusted for the city
    bool allowPlainHttp = false;           // development only
    int timeoutMs = 15000;                 // no byte for this long → the attempt failed (retryable)
    int backoffBaseMs = 2000;              // first retry after this, doubling per attempt ...
    int backoffCapMs = 10 * 60 * 1000;     // ... up to this
    int maxAttempts = 0;                   // 0: keep retrying retryable failures forever (an admin sees them)
    int pullIntervalMs = 5 * 60 * 1000;    // city-assigned cases
    int outboxIntervalMs = 30 * 1000;      // retries that came due
    int reconcileIntervalMs = 24 * 60 * 60 * 1000;
    int maxPages = 200;                    // bound on one pull/reconcile walk
    User intakeUser;                       // who registers city-assigned cases and comments on exchanges: a center dispatcher
    QString deviceId = QStringLiteral("city-adapter");

    CityConfig();
    Result validate() const;
    // Reads {"baseUrl", "apiKey", "apiKeyHeader", "bearerToken", "caFile", "timeoutMs", ...}; unknown keys are errors.
    static Result fromJson(const QJsonObject &o, CityConfig *config);
};

} // namespace gw

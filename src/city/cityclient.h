#pragma once
#include "cityconfig.h"
#include "result.h"
#include <QJsonDocument>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QUrlQuery>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace gw {

// What one HTTP exchange with the city came to.
struct CityReply {
    // Ok: 2xx with well-formed JSON. Retryable: 5xx, 408, 429, timeout, network/TLS error, malformed JSON —
    // worth another attempt later. Failed: any other 4xx — the city refused this message; retrying will not help.
    enum class Outcome { Ok, Retryable, Failed };
    Outcome outcome = Outcome::Retryable;
    int httpStatus = 0;
    QJsonDocument json;
    Message error;           // in words, with the city's own description when it gave one
    int retryAfterSeconds = 0;
};

// HTTPS to the city platform: auth header, district CA, timeouts, idempotency keys, and the answer classified.
class CityClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const CityReply &)>;

    explicit CityClient(const CityConfig &config, QObject *parent = nullptr);
    ~CityClient() override;

    // Loads the CA file; must succeed before send().
    Result setup();
    // `path` is relative to the base URL without the format suffix, e.g. "requests" or "requests/C-1/updates".
    void send(const QByteArray &method, const QString &path, const QUrlQuery &query, const QJsonDocument &body,
              const QString &idempotencyKey, Callback done);
    // Delay before attempt number `attempts + 1`: base · 2^(attempts-1), capped.
    int backoffMs(int attempts) const;
    int inFlight() const { return int(m_replies.size()); }
    // Drops every request on the wire without calling back (shutdown).
    void abortAll();
    QUrl urlFor(const QString &path, const QUrlQuery &query) const;

private:
    void finished(QNetworkReply *reply, const Callback &done);

    CityConfig m_config;
    QNetworkAccessManager *m_nam = nullptr;
    QSslConfiguration m_ssl;
    QList<QNetworkReply *> m_replies;
};

} // namespace gw

#pragma once
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QUrl>

namespace gw::test {

// A small synchronous HTTPS client for tests: verifies the server against the given CA, never ignores TLS errors.
class ApiClient
{
public:
    struct Response {
        int status = 0;          // 0 when no HTTP answer arrived
        QJsonObject json;
        QByteArray raw;
        QString networkError;
        QString error() const { return json.value("error").toString(); }
    };

    ApiClient(const QUrl &base, const QString &caFile);
    Response get(const QString &path, const QString &token = {});
    Response post(const QString &path, const QJsonObject &body, const QString &token = {});
    Response put(const QString &path, const QJsonObject &body, const QString &token = {});
    Response send(const QByteArray &method, const QString &path, const QByteArray &body, const QString &token,
                  const QByteArray &contentType = "application/json");
    // Logs in and returns the token, or an empty string.
    QString login(const QString &user, const QString &password);

private:
    QUrl m_base;
    QSslConfiguration m_tls;
    QNetworkAccessManager m_nam;
};

} // namespace gw::test

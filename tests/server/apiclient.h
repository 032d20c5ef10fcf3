#pragma once
#include "caseevent.h"
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QUrl>
#include <functional>

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

    // Every event a reader may see, walking GET /api/v1/events from after=0 for at most `maxPages` pages.
    // `page` fetches the page after a cursor (a test may retry or log in again there); the walk stops at the
    // first answer that is not 200, or not a page the client could read (PullPage::fromJson), with *complete
    // false and the events read so far.
    static QList<CaseEvent> allEvents(const std::function<Response(const QString &after)> &page, int maxPages,
                                      bool *complete = nullptr);

private:
    QUrl m_base;
    QSslConfiguration m_tls;
    QNetworkAccessManager m_nam;
};

} // namespace gw::test

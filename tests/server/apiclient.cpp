#include "apiclient.h"
#include "protocol/pullpage.h"
#include <QBuffer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QTimer>

namespace gw::test {

ApiClient::ApiClient(const QUrl &base, const QString &caFile) : m_base(base)
{
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.addCaCertificates(QSslCertificate::fromPath(caFile, QSsl::Pem));
}

ApiClient::Response ApiClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                                    const QString &token, const QByteArray &contentType)
{
    QUrl url = m_base;
    const int q = path.indexOf(u'?');
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(60000);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    QBuffer *buffer = new QBuffer;
    buffer->setData(body);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, buffer);
    buffer->setParent(reply);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Response r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.json = QJsonDocument::fromJson(r.raw).object();
    if (reply->error() != QNetworkReply::NoError && r.status == 0)
        r.networkError = reply->errorString();
    reply->deleteLater();
    return r;
}

ApiClient::Response ApiClient::get(const QString &path, const QString &token) { return send("GET", path, {}, token, {}); }

ApiClient::Response ApiClient::post(const QString &path, const QJsonObject &body, const QString &token)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

ApiClient::Response ApiClient::put(const QString &path, const QJsonObject &body, const QString &token)
{
    return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QString ApiClient::login(const QString &user, const QString &password)
{
    const Response r = post("/api/v1/login", {{"user", user}, {"password", password}});
    return r.json.value("token").toString();
}

QList<CaseEvent> ApiClient::allEvents(const std::function<Response(const QString &after)> &page, int maxPages,
                                     bool *complete)
{
    QList<CaseEvent> out;
    QString cursor = QStringLiteral("0");
    for (int n = 0; n < maxPages; ++n) {
        const Response r = page(cursor);
        if (r.status != 200) {
            if (complete)
                *complete = false;
            return out;
        }
        // Read as the client reads it: a page the client could not read ends the walk as incomplete.
        PullPage pulled;
        Message why;
        if (!PullPage::fromJson(r.json, &pulled, &why)) {
            qWarning("GET /events answered a page that cannot be read: %s", qPrintable(why));
            if (complete)
                *complete = false;
            return out;
        }
        out.append(pulled.events);
        cursor = pulled.nextCursor;
        if (!pulled.hasMore)
            break;
    }
    if (complete)
        *complete = true;
    return out;
}

} // namespace gw::test

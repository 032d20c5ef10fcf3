#include "cityclient.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>

namespace gw {

namespace {


// Open311 errors are [{"code": 400, "description": "..."}]; a plain object with "description" is accepted too.
QString cityErrorText(const QJsonDocument &doc)
{
    QStringList parts;
    const QJsonArray arr = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    for (const QJsonValue &v : arr) {
        const QString d = v.toObject().value("description").toString();
        if (!d.isEmpty())
            parts.append(d.left(500));
    }
    return parts.join(u"; ");
}

} // namespace

CityClient::CityClient(const CityConfig &config, QObject *parent)
    : QObject(parent), m_config(config), m_nam(new QNetworkAccessManager(this))
{
}

CityClient::~CityClient()
{
    abortAll();
}

Result CityClient::setup()
{
    m_ssl = QSslConfiguration::defaultConfiguration();
    if (!m_config.caFile.isEmpty()) {
        QFile f(m_config.caFile);
        if (!f.open(QIODevice::ReadOnly))
            return Result::failure(QStringLiteral("invalid_input"),
                                   Message::translate("gw::CityClient", "Cannot read the city CA file %1: %2").arg(m_config.caFile, f.errorString()));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
        if (certs.isEmpty())
            return Result::failure(QStringLiteral("invalid_input"),
                                   Message::translate("gw::CityClient", "The city CA file %1 holds no PEM certificate.").arg(m_config.caFile));
        m_ssl.setCaCertificates(certs);
    }
    return Result::success();
}

QUrl CityClient::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_config.baseUrl;
    QString base = url.path();
    if (!base.endsWith(u'/'))
        base += u'/';
    url.setPath(base + path + m_config.formatSuffix);
    url.setQuery(query);
    return url;
}

int CityClient::backoffMs(int attempts) const
{
    qint64 delay = m_config.backoffBaseMs;
    for (int i = 1; i < attempts && delay < m_config.backoffCapMs; ++i)
        delay *= 2;
    return int(qMin<qint64>(delay, m_config.backoffCapMs));
}

void CityClient::send(const QByteArray &method, const QString &path, const QUrlQuery &query, const QJsonDocument &body,
                      const QString &idempotencyKey, Callback done)
{
    QNetworkRequest request(urlFor(path, query));
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(m_config.timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setRawHeader("Accept", "application/json");
    if (!m_config.apiKey.isEmpty())
        request.setRawHeader(m_config.apiKeyHeader, m_config.apiKey.toUtf8());
    if (!m_config.bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.bearerToken.toUtf8());
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey.toUtf8());
    QByteArray payload;
    if (!body.isNull()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json; charset=utf-8"));
        payload = body.toJson(QJsonDocument::Compact);
    }
    QNetworkReply *reply = m_nam->sendCustomRequest(request, method, payload);
    m_replies.append(reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] { finished(reply, done); });
}

void CityClient::finished(QNetworkReply *reply, const Callback &done)
{
    m_replies.removeAll(reply);
    reply->deleteLater();
    CityReply r;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.retryAfterSeconds = reply->rawHeader("Retry-After").trimmed().toInt();
    const QString where = reply->request().url().path();

    if (r.httpStatus == 0) {
        // No HTTP answer at all: connection, TLS or timeout. All worth retrying; TLS errors are named, never ignored.
        if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError)
            r.error = Message::translate("gw::CityClient", "No answer from the city within %1 s (%2).").arg(m_config.timeoutMs / 1000.0).arg(where);
        else if (reply->error() == QNetworkReply::SslHandshakeFailedError)
            r.error = Message::translate("gw::CityClient", "TLS check of the city platform failed: %1").arg(reply->errorString());
        else
            r.error = Message::translate("gw::CityClient", "Cannot reach the city platform: %1").arg(reply->errorString());
        r.outcome = CityReply::Outcome::Retryable;
        done(r);
        return;
    }
    const QByteArray data = reply->readAll();
    QJsonParseError perr;
    r.json = QJsonDocument::fromJson(data, &perr);
    const bool wellFormed = perr.error == QJsonParseError::NoError && (r.json.isObject() || r.json.isArray());
    if (r.httpStatus >= 200 && r.httpStatus < 300) {
        if (wellFormed) {
            r.outcome = CityReply::Outcome::Ok;
        } else {
            r.outcome = CityReply::Outcome::Retryable;
            r.error = Message::translate("gw::CityClient", "The city answered HTTP %1 with malformed JSON (%2).").arg(r.httpStatus).arg(perr.errorString());
        }
    } else {
        const QString cityWords = wellFormed ? cityErrorText(r.json) : QString();
        const QString detail = cityWords.isEmpty() ? QString::fromUtf8(data.left(200)).simplified() : cityWords;
        const bool retryable = r.httpStatus >= 500 || r.httpStatus == 408 || r.httpStatus == 425 || r.httpStatus == 429;
        r.outcome = retryable ? CityReply::Outcome::Retryable : CityReply::Outcome::Failed;
        r.error = detail.isEmpty() ? Message::translate("gw::CityClient", "The city answered HTTP %1.").arg(r.httpStatus)
                                   : Message::translate("gw::CityClient", "The city answered HTTP %1: %2").arg(r.httpStatus).arg(detail);
    }
    done(r);
}

void CityClient::abortAll()
{
    const QList<QNetworkReply *> replies = m_replies;
    m_replies.clear();
    for (QNetworkReply *reply : replies) {
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace gw

#include "citystubprocess.h"
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QTimer>

CityStubProcess::~CityStubProcess()
{
    stop();
}

bool CityStubProcess::start(const QString &dir, const QString &apiKey, QString *error)
{
    m_certFile = dir + QStringLiteral("/city-cert.pem");
    const QString keyFile = dir + QStringLiteral("/city-key.pem");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", keyFile, "-out", m_certFile, "-days", "2",
                   "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        *error = QStringLiteral("openssl failed: ") + QString::fromLocal8Bit(openssl.readAllStandardError());
        return false;
    }
    QFile cert(m_certFile);
    cert.open(QIODevice::ReadOnly);
    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setCaCertificates(QSslCertificate::fromData(cert.readAll(), QSsl::Pem));

    m_process.setProgram(QStringLiteral(GW_CITYSTUB_PATH));
    m_process.setArguments({"--port", "0", "--cert", m_certFile, "--key", keyFile, "--api-key", apiKey, "--dump",
                            dir + QStringLiteral("/city-dump.json"), "--mapping",
                            qEnvironmentVariable("GW_SOURCE_DIR", QStringLiteral(GW_SOURCE_DIR_FALLBACK))
                                + QStringLiteral("/resources/city/mapping.default.json")});
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("citystub did not start: ") + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(15000);
    QByteArray out;
    while (!deadline.hasExpired()) {
        if (m_process.canReadLine() || m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            out += m_process.readLine();
            if (out.startsWith("READY ")) {
                m_port = quint16(out.split(' ').value(1).toUInt());
                return m_port != 0;
            }
        }
        if (m_process.state() != QProcess::Running)
            break;
    }
    *error = QStringLiteral("citystub never printed READY: ") + QString::fromLocal8Bit(out + m_process.readAllStandardError());
    return false;
}

void CityStubProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QUrl CityStubProcess::baseUrl() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1/open311/v2/").arg(m_port));
}

QJsonObject CityStubProcess::call(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1/_test/%2").arg(m_port).arg(path)));
    request.setSslConfiguration(m_ssl);
    request.setTransferTimeout(10000);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = nam.sendCustomRequest(request, method, QJsonDocument(body).toJson(QJsonDocument::Compact));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    const QJsonObject out = reply->isFinished() ? QJsonDocument::fromJson(reply->readAll()).object() : QJsonObject();
    delete reply;
    return out;
}

QJsonObject CityStubProcess::control(const QJsonObject &faults) { return call("POST", QStringLiteral("control"), faults); }
QJsonObject CityStubProcess::state() { return call("GET", QStringLiteral("state"), {}); }
QJsonObject CityStubProcess::assign(const QJsonObject &request) { return call("POST", QStringLiteral("assign"), request); }
QJsonObject CityStubProcess::plant(const QString &id, const QJsonObject &fields)
{
    return call("POST", QStringLiteral("requests/") + id, fields);
}

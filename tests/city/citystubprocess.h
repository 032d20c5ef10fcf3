#pragma once
#include <QJsonObject>
#include <QProcess>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QUrl>

// Runs tests/city/citystub as a real process on 127.0.0.1 with a throwaway certificate made by openssl.
class CityStubProcess
{
public:
    ~CityStubProcess();
    // Generates the certificate into `dir`, starts the stand-in and waits (bounded) for its READY line.
    bool start(const QString &dir, const QString &apiKey, QString *error);
    void stop();
    QUrl baseUrl() const;      // https://127.0.0.1:<port>/open311/v2/
    QString caFile() const { return m_certFile; }
    // Test-only endpoints, answered synchronously (bounded wait).
    QJsonObject control(const QJsonObject &faults);
    QJsonObject state();
    QJsonObject assign(const QJsonObject &request);
    QJsonObject plant(const QString &serviceRequestId, const QJsonObject &fields);

private:
    QJsonObject call(const QByteArray &method, const QString &path, const QJsonObject &body);

    QProcess m_process;
    QString m_certFile;
    quint16 m_port = 0;
    QSslConfiguration m_ssl;
};

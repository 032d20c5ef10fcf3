// citystub: loopback stand-in for the city grid platform, for tests only (see docs/city-api.md, "Test stand-in").
#include "citystubserver.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Loopback city platform stand-in (tests only)."));
    p.addHelpOption();
    const QCommandLineOption port("port", "TCP port on 127.0.0.1 (0: any free one).", "port", "0");
    const QCommandLineOption cert("cert", "PEM certificate for TLS.", "file");
    const QCommandLineOption key("key", "PEM private key for TLS.", "file");
    const QCommandLineOption plain("plain", "Serve plain HTTP (no TLS).");
    const QCommandLineOption apiKey("api-key", "Require this API key (X-Api-Key or Bearer).", "key");
    const QCommandLineOption district("district", "The district's id.", "id", "district.panlong");
    const QCommandLineOption dump("dump", "Write everything received to this JSON file.", "file");
    const QCommandLineOption mapping("mapping", "Mapping file to list service codes from.", "file");
    const QCommandLineOption failNext("fail-next", "Answer the next N requests with 500.", "n", "0");
    const QCommandLineOption hangNext("hang-next", "Never answer the next N requests.", "n", "0");
    const QCommandLineOption malformedNext("malformed-next", "Answer the next N requests with broken JSON.", "n", "0");
    const QCommandLineOption delay("delay-ms", "Answer every request this late.", "ms", "0");
    p.addOptions({port, cert, key, plain, apiKey, district, dump, mapping, failNext, hangNext, malformedNext, delay});
    p.process(app);

    CityStubServer server;
    server.setApiKey(p.value(apiKey));
    server.setDistrict(p.value(district));
    server.setDumpFile(p.value(dump));
    server.faults().failNext = p.value(failNext).toInt();
    server.faults().hangNext = p.value(hangNext).toInt();
    server.faults().malformedNext = p.value(malformedNext).toInt();
    server.faults().delayMs = p.value(delay).toInt();
    if (p.isSet(mapping)) {
        QFile f(p.value(mapping));
        if (f.open(QIODevice::ReadOnly)) {
            QStringList codes;
            const QJsonArray cats = QJsonDocument::fromJson(f.readAll()).object().value("categories").toArray();
            for (const QJsonValue &v : cats)
                codes.append(v.toObject().value("serviceCode").toString());
            server.setServiceCodes(codes);
        }
    }
    if (!p.isSet(plain)) {
        QFile c(p.value(cert)), k(p.value(key));
        if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "citystub: give --cert and --key (PEM), or --plain\n");
            return 2;
        }
        const QSslCertificate certificate(c.readAll(), QSsl::Pem);
        const QByteArray keyData = k.readAll();
        QSslKey privateKey(keyData, QSsl::Rsa, QSsl::Pem);
        if (privateKey.isNull())
            privateKey = QSslKey(keyData, QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || privateKey.isNull()) {
            std::fprintf(stderr, "citystub: cannot read the certificate or the key\n");
            return 2;
        }
        server.sslSetup(certificate, privateKey);
    }
    const quint16 bound = server.listen(QHostAddress::LocalHost, quint16(p.value(port).toUInt()));
    if (!bound) {
        std::fprintf(stderr, "citystub: cannot listen on 127.0.0.1:%s\n", qPrintable(p.value(port)));
        return 1;
    }
    std::printf("READY %u %s\n", unsigned(bound), p.isSet(plain) ? "http" : "https");
    std::fflush(stdout);
    return app.exec();
}

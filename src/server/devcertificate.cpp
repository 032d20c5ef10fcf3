#include "devcertificate.h"
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace gw {

// Console output of the server program: finished text in the server's language.
static QString tr(const char *text) { return Message::translate("gw::DevCertificate", text).text(); }

Result DevCertificate::ensure(const QString &dataDir, QString *certFile, QString *keyFile)
{
    const QDir dir(dataDir);
    *certFile = dir.filePath(QStringLiteral("dev-cert.pem"));
    *keyFile = dir.filePath(QStringLiteral("dev-key.pem"));
    if (QFile::exists(*certFile) && QFile::exists(*keyFile))
        return Result::success();
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return Result::failure(QStringLiteral("missing_tool"),
                               tr("No certificate was given (--cert/--key) and the openssl command, needed to make a "
                                  "development certificate, is not installed (Debian package openssl)."));
    QProcess p;
    p.start(openssl, {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                      QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                      QStringLiteral("-days"), QStringLiteral("825"), QStringLiteral("-subj"),
                      QStringLiteral("/CN=GridWhistle development server"), QStringLiteral("-addext"),
                      QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"), QStringLiteral("-keyout"), *keyFile,
                      QStringLiteral("-out"), *certFile});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        QFile::remove(*certFile);
        QFile::remove(*keyFile);
        return Result::failure(QStringLiteral("certificate_error"),
                               tr("openssl could not make a development certificate: %1")
                                   .arg(QString::fromLocal8Bit(p.readAllStandardError()).trimmed()));
    }
    QFile::setPermissions(*keyFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return Result::success();
}

} // namespace gw

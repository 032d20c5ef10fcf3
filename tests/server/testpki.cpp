#include "testpki.h"
#include <QDir>
#include <QFile>
#include <QProcess>

namespace gw::test {

static QString run(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QStringLiteral("openssl %1 failed: %2").arg(args.join(u' '), QString::fromLocal8Bit(p.readAllStandardError()));
    return {};
}

static QString makeCa(const QDir &d, const QString &name, const QString &cn)
{
    return run({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
                "-subj", "/CN=" + cn, "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                "keyUsage=critical,keyCertSign,cRLSign", "-keyout", d.filePath(name + "-key.pem"), "-out",
                d.filePath(name + ".pem")});
}

QString TestPki::generate(const QString &dir)
{
    const QDir d(dir);
    QString err = makeCa(d, "ca", "GridWhistle Test CA");
    if (err.isEmpty())
        err = makeCa(d, "other-ca", "Unrelated Test CA");
    if (err.isEmpty())
        err = run({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                   "/CN=127.0.0.1", "-keyout", d.filePath("server-key.pem"), "-out", d.filePath("server.csr")});
    if (err.isEmpty()) {
        QFile ext(d.filePath("server.ext"));
        if (!ext.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1").arg(ext.fileName());
        ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                  "extendedKeyUsage=serverAuth\n");
        ext.close();
        err = run({"x509", "-req", "-in", d.filePath("server.csr"), "-CA", d.filePath("ca.pem"), "-CAkey",
                   d.filePath("ca-key.pem"), "-CAcreateserial", "-days", "3650", "-extfile", d.filePath("server.ext"),
                   "-out", d.filePath("server.pem")});
    }
    caFile = d.filePath("ca.pem");
    otherCaFile = d.filePath("other-ca.pem");
    certFile = d.filePath("server.pem");
    keyFile = d.filePath("server-key.pem");
    return err;
}

QString TestPki::generateRefusable(const QString &dir)
{
    const QDir d(dir);
    refusableKeyFile = d.filePath("refusable-key.pem");
    foreignSignedCertFile = d.filePath("foreign-signed.pem");
    expiredCertFile = d.filePath("expired.pem");
    wrongHostCertFile = d.filePath("wrong-host.pem");
    QString err = run({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                       "/CN=127.0.0.1", "-keyout", refusableKeyFile, "-out", d.filePath("refusable.csr")});
    auto write = [&](const QString &name, const QByteArray &text) {
        QFile f(d.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1").arg(f.fileName());
        f.write(text);
        return QString();
    };
    // Its own request: Qt also accepts a host that matches the subject's common name, so that must differ too.
    if (err.isEmpty())
        err = run({"req", "-new", "-key", refusableKeyFile, "-subj", "/CN=other.example.org", "-out",
                   d.filePath("wrong-host.csr")});
    if (err.isEmpty())
        err = write("refusable.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                                     "extendedKeyUsage=serverAuth\n");
    if (err.isEmpty())
        err = write("wrong-host.ext", "subjectAltName=DNS:other.example.org,IP:10.255.255.1\nbasicConstraints=CA:FALSE\n"
                                      "extendedKeyUsage=serverAuth\n");
    // issuer, validity in days (negative: notAfter lies in the past), extensions, output
    const struct { const char *ca; const char *days; const char *ext; const char *csr; QString out; } certs[] = {
        {"other-ca", "30", "refusable.ext", "refusable.csr", foreignSignedCertFile},
        {"ca", "-1", "refusable.ext", "refusable.csr", expiredCertFile},
        {"ca", "30", "wrong-host.ext", "wrong-host.csr", wrongHostCertFile},
    };
    for (const auto &c : certs) {
        if (!err.isEmpty())
            break;
        err = run({"x509", "-req", "-in", d.filePath(QLatin1String(c.csr)), "-CA", d.filePath(QLatin1String(c.ca) + ".pem"),
                   "-CAkey", d.filePath(QLatin1String(c.ca) + "-key.pem"), "-CAcreateserial", "-days", c.days,
                   "-extfile", d.filePath(QLatin1String(c.ext)), "-out", c.out});
    }
    return err;
}

} // namespace gw::test

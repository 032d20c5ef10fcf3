#include "serverapp.h"
#include "demodataseeder.h"
#include "devcertificate.h"
#include "passwordhasher.h"
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>

namespace gw {


ServerApp::ServerApp(const ServerOptions &options, QObject *parent) : QObject(parent), m_options(options) {}

ServerApp::~ServerApp() { stop(); }

Result ServerApp::openDatabase()
{
    ServerStore::Options storeOptions;
    storeOptions.pbkdf2Iterations = m_options.pbkdf2Iterations;
    storeOptions.tokenTtlSeconds = m_options.tokenTtlSeconds;
    m_store = std::make_unique<ServerStore>(storeOptions);
    if (!m_options.databaseUrl.isEmpty())
        return m_store->openPostgres(QUrl(m_options.databaseUrl));
    return m_store->openSqlite(QDir(m_options.dataDir).filePath(QStringLiteral("server.sqlite")));
}

Result ServerApp::ensureAccounts(QList<Message> *notices)
{
    if (m_store->accounts().userCount() == 0) {
        const QString password = PasswordHasher::randomPassword();
        User admin;
        admin.id = QStringLiteral("admin");
        // Stored data, shown as it is on every computer: the district's own word for the account, not the server's
        // (untranslated, English) UI text. Administrators may rename it in the account console.
        admin.name = QStringLiteral("系统管理员");
        admin.role = Role::Administrator;
        admin.orgUnitId = QStringLiteral("center.district");
        admin.mustChangePassword = true;  // the printed password is only for the first sign-in
        const Result r = m_store->accounts().createUser(admin, password);
        if (!r.ok)
            return r;
        notices->append(Message::translate("gw::ServerApp", "Created the initial account \"admin\" with password %1 (shown only this once; "
                           "it must be changed at the first sign-in).").arg(password));
    }
    if (m_options.demoUsers) {
        struct Demo { const char *id; const char *name; Role role; const char *unit; };
        const Demo demos[] = {
            {"dispatcher", "演示调度员", Role::CenterDispatcher, "center.district"},
            {"reviewer", "演示审核员", Role::CenterReviewer, "center.district"},
            {"supervisor", "演示督查员", Role::Supervisor, "center.district"},
            {"tuodong", "演示拓东街道操作员", Role::StreetOperator, "street.tuodong"},
            {"shifu", "演示市府社区网格员", Role::CommunityReporter, "community.tuodong.1"},
            {"chengguan", "演示城管处置员", Role::DepartmentHandler, "dept.chengguan"},
            {"zhujian", "演示住建处置员", Role::DepartmentHandler, "dept.zhujian"},
        };
        int created = 0;
        for (const Demo &d : demos) {
            if (m_store->accounts().user(QLatin1String(d.id)))
                continue;
            const User u = User::make(QLatin1String(d.id), d.role, QLatin1String(d.unit), QString::fromUtf8(d.name));
            const Result r = m_store->accounts().createUser(u, QLatin1String(DemoPassword));
            if (!r.ok)
                return r;
            ++created;
        }
        if (created > 0)
            notices->append(Message::translate("gw::ServerApp", "Created %1 demo accounts with the password %2 (for demonstrations only).")
                                .arg(created).arg(QLatin1String(DemoPassword)));
    }
    return Result::success();
}

QString ServerApp::lockFilePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("server.lock"));
}

Result ServerApp::start(QList<Message> *notices)
{
    if (!QDir().mkpath(m_options.dataDir))
        return Result::failure(QStringLiteral("io_error"), Message::translate("gw::ServerApp", "Cannot create the data directory %1.").arg(m_options.dataDir));
    // Two servers on one data dir would corrupt each other's view; a killed server's lock is stale and taken over.
    m_dataDirLock = std::make_unique<QLockFile>(lockFilePath(m_options.dataDir));
    m_dataDirLock->setStaleLockTime(0);
    if (!m_dataDirLock->tryLock(0)) {
        qint64 pid = 0;
        QString host, application;
        m_dataDirLock->getLockInfo(&pid, &host, &application);
        m_dataDirLock.reset();
        return Result::failure(QStringLiteral("data_dir_in_use"),
                               Message::translate("gw::ServerApp", "Another gridwhistle-server (process %1) is using the data directory %2.")
                                   .arg(pid).arg(m_options.dataDir));
    }
    if (!QSslSocket::supportsSsl())
        return Result::failure(QStringLiteral("tls_error"), Message::translate("gw::ServerApp", "TLS is not available (no OpenSSL backend for Qt Network)."));
    Result r = openDatabase();
    if (!r.ok)
        return r;
    // The district's reference data before anything computes a deadline: the stored version, or the shipped one.
    r = m_store->reference().seedAndInstall();
    if (!r.ok)
        return r;
    r = ensureAccounts(notices);
    if (!r.ok)
        return r;
    // Before the city exchange and the listener: the made-up history reaches neither the city nor anyone as news.
    DemoDataSeeder demo(m_store.get());
    if (m_options.demoData) {
        const Result seeded = demo.run(QLatin1String(DemoPassword), notices);
        if (!seeded.ok)  // a demo without its cases still serves; the log says why
            notices->append(Message::translate("gw::ServerApp", "The demo district could not be made: %1").arg(seeded.message));
    }
    m_demoData = demo.holdsDemoData();
    if (!m_options.cityConfigFile.isEmpty()) {
        CityConfig cityConfig;
        CityMapping cityMapping;
        r = CityBridge::loadConfigFile(m_options.cityConfigFile, &cityConfig, &cityMapping);
        if (!r.ok)
            return r;
        m_city = std::make_unique<CityBridge>(m_store.get());
        r = m_city->start(cityConfig, cityMapping, notices);
        if (!r.ok)
            return r;
        notices->append(Message::translate("gw::ServerApp", "Exchanging with the city platform at %1.").arg(cityConfig.baseUrl.toString()));
    }

    QString certFile = m_options.certFile, keyFile = m_options.keyFile;
    if (certFile.isEmpty()) {
        r = DevCertificate::ensure(m_options.dataDir, &certFile, &keyFile);
        if (!r.ok)
            return r;
        notices->append(Message::translate("gw::ServerApp", "Using the self-signed development certificate %1; give it to clients as their CA file.")
                            .arg(certFile));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certFile, QSsl::Pem);
    if (chain.isEmpty())
        return Result::failure(QStringLiteral("tls_error"), Message::translate("gw::ServerApp", "No PEM certificate could be read from %1.").arg(certFile));
    QFile keyIn(keyFile);
    if (!keyIn.open(QIODevice::ReadOnly))
        return Result::failure(QStringLiteral("tls_error"), Message::translate("gw::ServerApp", "Cannot read the private key %1: %2").arg(keyFile, keyIn.errorString()));
    const QByteArray keyPem = keyIn.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        return Result::failure(QStringLiteral("tls_error"), Message::translate("gw::ServerApp", "%1 holds no usable PEM private key (RSA or EC).").arg(keyFile));

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(chain.first());
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);  // clients authenticate with bearer tokens, not certificates

    ApiServer::Limits limits;
    limits.maxFailedLoginsPerWindow = m_options.maxFailedLogins;
    limits.loginWindowSeconds = m_options.loginWindowSeconds;
    m_api = std::make_unique<ApiServer>(m_store.get(), limits);
    m_api->setVerbose(m_options.verbose);
    m_api->setCityBridge(m_city.get());
    m_api->sslSetup(tls);
    m_port = m_api->listen(QHostAddress(m_options.listenAddress), quint16(m_options.port));
    if (m_port == 0)
        return Result::failure(QStringLiteral("listen_error"),
                               Message::translate("gw::ServerApp", "Cannot listen on %1 port %2 (in use, or not allowed).")
                                   .arg(m_options.listenAddress).arg(m_options.port));
    return Result::success();
}

QUrl ServerApp::url() const
{
    QUrl u;
    u.setScheme(QStringLiteral("https"));
    u.setHost(m_options.listenAddress);
    u.setPort(m_port);
    return u;
}

void ServerApp::stop()
{
    if (m_api) {
        for (QTcpServer *s : m_api->servers())
            s->close();
        m_api.reset();
    }
    // The adapter uses the store's database connection: it goes first.
    m_city.reset();
    m_store.reset();
    m_dataDirLock.reset();
}

} // namespace gw

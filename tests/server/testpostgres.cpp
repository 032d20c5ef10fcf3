#include "testpostgres.h"
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace gw::test {

TestPostgres::~TestPostgres() { stop(); }

QString TestPostgres::binDir()
{
    const QByteArray env = qgetenv("GW_PG_BINDIR");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    for (const char *v : {"17", "16", "15", "14", "13"}) {
        const QString dir = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(QLatin1String(v));
        if (QFile::exists(dir + "/initdb"))
            return dir;
    }
    return QStringLiteral("/usr/lib/postgresql/15/bin");
}

QString TestPostgres::run(const QString &program, const QStringList &args, QString *output) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (m_asPostgresUser)
        p.start(QStringLiteral("runuser"), QStringList{"-u", "postgres", "--", program} + args);
    else
        p.start(program, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return QStringLiteral("%1 did not finish").arg(program);
    }
    const QString out = QString::fromLocal8Bit(p.readAll());
    if (output)
        *output = out;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("%1 failed (%2): %3").arg(program).arg(p.exitCode()).arg(out);
    return {};
}

QString TestPostgres::start(QString *problem, bool *binariesMissing)
{
    *binariesMissing = false;
    const QString bin = binDir();
    if (!QFile::exists(bin + "/initdb") || !QFile::exists(bin + "/pg_ctl")) {
        *binariesMissing = true;
        *problem = QStringLiteral("PostgreSQL server binaries not found in %1 (install the postgresql package)").arg(bin);
        return {};
    }
#ifdef Q_OS_UNIX
    m_asPostgresUser = ::geteuid() == 0;
#endif
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + "/gw-pg-XXXXXX");
    if (!m_dir->isValid()) {
        *problem = QStringLiteral("cannot make a temporary directory");
        return {};
    }
    // The postgres user must be able to write here when we run as root.
    QFile::setPermissions(m_dir->path(), QFileDevice::Permissions(0x7777));
    m_dataDir = m_dir->filePath("data");
    QString err = run(bin + "/initdb", {"-D", m_dataDir, "-U", "gw", "--auth=trust", "-E", "UTF8", "--no-locale"});
    if (!err.isEmpty()) {
        *problem = err;
        return {};
    }
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    err = run(bin + "/pg_ctl", {"-D", m_dataDir, "-l", m_dir->filePath("postgres.log"), "-w", "-t", "60", "-o",
                                QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off").arg(port).arg(m_dir->path()),
                                "start"});
    if (!err.isEmpty()) {
        QFile log(m_dir->filePath("postgres.log"));
        log.open(QIODevice::ReadOnly);
        *problem = err + QString::fromLocal8Bit(log.readAll());
        return {};
    }
    m_running = true;
    m_port = port;
    return createDatabase(QStringLiteral("gridwhistle"), problem);
}

QString TestPostgres::createDatabase(const QString &name, QString *problem)
{
    const QString err = run(binDir() + "/createdb", {"-h", "127.0.0.1", "-p", QString::number(m_port), "-U", "gw", name});
    if (!err.isEmpty()) {
        *problem = err;
        return {};
    }
    return QStringLiteral("postgresql://gw:unused@127.0.0.1:%1/%2").arg(m_port).arg(name);
}

void TestPostgres::stop()
{
    if (!m_running)
        return;
    run(binDir() + "/pg_ctl", {"-D", m_dataDir, "-m", "immediate", "-w", "stop"});
    m_running = false;
}

} // namespace gw::test

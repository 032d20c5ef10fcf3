#pragma once
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace gw::test {

// A throwaway PostgreSQL cluster on a free local port, made with initdb/pg_ctl from the Debian packages.
// As root (CI), the cluster runs as the postgres user, since initdb refuses root.
class TestPostgres
{
public:
    ~TestPostgres();
    // Returns a postgresql:// URL, or an empty string with `problem` set. `binariesMissing` tells a skip
    // (no PostgreSQL installed) from a failure.
    QString start(QString *problem, bool *binariesMissing);
    void stop();
    // Another empty database in the running cluster (for a second server), as a postgresql:// URL.
    QString createDatabase(const QString &name, QString *problem);
    static QString binDir();

private:
    QString run(const QString &program, const QStringList &args, QString *output = nullptr) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_dataDir;
    bool m_asPostgresUser = false;
    bool m_running = false;
    quint16 m_port = 0;
};

} // namespace gw::test

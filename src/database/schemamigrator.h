#pragma once
#include "message.h"
#include "result.h"
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

QT_BEGIN_NAMESPACE
class QSqlDatabase;  // callers that hand one over link Qt Sql themselves
QT_END_NAMESPACE

namespace gw {

// The one schema migration runner of GridWhistle: the client store (Migrations), the district server
// (ServerMigrations) and the city exchange (CityMigrations) each hand it their step list. Steps run in version
// order, each in one transaction together with the record of the version it reaches, so a failed step leaves the
// database at the step before. A database newer than the program is refused and left untouched.
// Never edit a released step: append a new one.
class SchemaMigrator
{
    GW_DECLARE_MESSAGES(gw::SchemaMigrator)

public:
    struct Step {
        int version;  // 1, 2, 3, ...
        QStringList statements;
    };

    // Where a schema keeps the version it reached. Each store keeps the place it always had, so existing files
    // open unchanged.
    enum class Ledger {
        UserVersion,  // SQLite's PRAGMA user_version (one schema per file: the client store)
        Table,        // rows (version, applied_at) in a table of its own, portable to PostgreSQL; several schemas
                      // can share one database (the server's and the city exchange's)
    };

    // The sentence shown when the database has `found`, newer than `latest`: says which program to install.
    using TooNewText = std::function<QString(int found, int latest)>;

    // `table` names the ledger table (Ledger::Table only).
    SchemaMigrator(QList<Step> steps, Ledger ledger, const QString &table = {}, TooNewText tooNew = {});

    const QList<Step> &steps() const { return m_steps; }
    int latestVersion() const;
    // 0 for a database this schema never touched, -1 when the version cannot be read.
    int currentVersion(const QSqlDatabase &db) const;
    // Brings `db` to `targetVersion` (default: latest). Codes: "schema_too_new", "storage_error".
    Result migrate(QSqlDatabase &db, int targetVersion = -1) const;

private:
    int readVersion(const QSqlDatabase &db, QString *error) const;
    Result runStep(QSqlDatabase &db, const Step &step) const;

    QList<Step> m_steps;
    Ledger m_ledger;
    QString m_table;
    TooNewText m_tooNew;
};

} // namespace gw

#include "citymigrations.h"

namespace gw {

QList<CityMigrations::Step> CityMigrations::steps()
{
    return {
        {1,
         {
             // The tables as CityOutbox::ensureSchema() made them with IF NOT EXISTS before this schema had versions:
             // kept word for word, IF NOT EXISTS included, so a server database that already has them reaches
             // version 1 unchanged. Portable between SQLite and PostgreSQL: BIGINT for millisecond times, no
             // AUTOINCREMENT.
             "CREATE TABLE IF NOT EXISTS city_outbox ("
             " id TEXT PRIMARY KEY,"
             " idempotency_key TEXT NOT NULL UNIQUE,"
             " case_id TEXT NOT NULL,"
             " kind TEXT NOT NULL,"
             " body TEXT NOT NULL,"
             " state TEXT NOT NULL,"
             " attempts INTEGER NOT NULL DEFAULT 0,"
             " created_at BIGINT NOT NULL,"
             " next_attempt_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL,"
             " last_error TEXT NOT NULL DEFAULT '',"
             " http_status INTEGER NOT NULL DEFAULT 0,"
             " city_request_id TEXT NOT NULL DEFAULT '',"
             " seq BIGINT NOT NULL)",
             "CREATE INDEX IF NOT EXISTS city_outbox_due ON city_outbox (state, next_attempt_at)",
             "CREATE INDEX IF NOT EXISTS city_outbox_case ON city_outbox (case_id, seq)",
             "CREATE TABLE IF NOT EXISTS city_links ("
             " case_id TEXT PRIMARY KEY,"
             " city_request_id TEXT UNIQUE,"
             " origin TEXT NOT NULL,"
             " fingerprint TEXT NOT NULL DEFAULT '',"
             " intake_state TEXT NOT NULL DEFAULT '',"
             " intake_error TEXT NOT NULL DEFAULT '',"
             " raw TEXT NOT NULL DEFAULT '',"
             " created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE TABLE IF NOT EXISTS city_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
         }},
    };
}

const SchemaMigrator &CityMigrations::migrator()
{
    static const SchemaMigrator m(steps(), SchemaMigrator::Ledger::Table, QStringLiteral("city_schema_migrations"),
                                  &CityMigrations::tooNewText);
    return m;
}

QString CityMigrations::tooNewText(int found, int latest)
{
    return tr("The city exchange tables of the server database have schema version %1, newer than this server "
              "understands (%2). Install the newer gridwhistle-server.").arg(found).arg(latest).text();
}

int CityMigrations::latestVersion() { return migrator().latestVersion(); }

int CityMigrations::currentVersion(const QSqlDatabase &db) { return migrator().currentVersion(db); }

Result CityMigrations::migrate(QSqlDatabase &db) { return migrator().migrate(db); }

} // namespace gw

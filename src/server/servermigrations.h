#pragma once
#include "message.h"
#include "result.h"
#include "schemamigrator.h"

namespace gw {

// Versioned schema of the district server. The same statements run on SQLite and PostgreSQL, so they
// stick to portable SQL (TEXT/INTEGER/BIGINT, no AUTOINCREMENT/SERIAL, ON CONFLICT upserts). Run by SchemaMigrator;
// each version reached is a row of schema_migrations.
class ServerMigrations
{
    GW_DECLARE_MESSAGES(gw::ServerMigrations)

public:
    using Step = SchemaMigrator::Step;
    static QList<Step> steps();
    static int latestVersion();
    static int currentVersion(const QSqlDatabase &db);  // 0 for an empty database, -1 on error
    static Result migrate(QSqlDatabase &db);

private:
    static const SchemaMigrator &migrator();
    static QString tooNewText(int found, int latest);
};

} // namespace gw

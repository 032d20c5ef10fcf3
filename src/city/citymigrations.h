#pragma once
#include "message.h"
#include "result.h"
#include "schemamigrator.h"

namespace gw {

// Versioned schema of the city exchange's tables (city_outbox, city_links, city_meta) in the server's database,
// SQLite or PostgreSQL, run by SchemaMigrator. The city is a schema of its own beside the server's because only
// servers with the exchange switched on have these tables; each version reached is a row of city_schema_migrations.
// Never edit a released step: append a new one.
class CityMigrations
{
    GW_DECLARE_MESSAGES(gw::CityMigrations)

public:
    using Step = SchemaMigrator::Step;
    static QList<Step> steps();
    static int latestVersion();
    static int currentVersion(const QSqlDatabase &db);  // 0 before the first step, -1 on error
    static Result migrate(QSqlDatabase &db);

private:
    static const SchemaMigrator &migrator();
    static QString tooNewText(int found, int latest);
};

} // namespace gw

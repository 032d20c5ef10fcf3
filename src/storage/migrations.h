#pragma once
#include "result.h"
#include "schemamigrator.h"

namespace gw {

// Versioned schema of the local store, run by SchemaMigrator. Each step runs once, in order, inside a transaction;
// the version reached is kept in PRAGMA user_version. Never edit a released step: append a new one.
class Migrations
{
    Q_DECLARE_TR_FUNCTIONS(gw::Migrations)

public:
    using Step = SchemaMigrator::Step;
    static QList<Step> steps();
    static int latestVersion();
    static int currentVersion(const QSqlDatabase &db);
    // Brings `db` to `targetVersion` (default: latest). Refuses a database newer than this program.
    static Result migrate(QSqlDatabase &db, int targetVersion = -1);

private:
    static const SchemaMigrator &migrator();
    static QString tooNewText(int found, int latest);
};

} // namespace gw

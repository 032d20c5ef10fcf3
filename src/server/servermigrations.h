#pragma once
#include "result.h"
#include <QSqlDatabase>
#include <QStringList>

namespace gw {

// Versioned schema of the district server. The same statements run on SQLite and PostgreSQL, so they
// stick to portable SQL (TEXT/INTEGER/BIGINT, no AUTOINCREMENT/SERIAL, ON CONFLICT upserts).
class ServerMigrations
{
public:
    struct Step {
        int version;
        QStringList statements;
    };
    static QList<Step> steps();
    static int latestVersion();
    static int currentVersion(const QSqlDatabase &db);  // 0 for an empty database, -1 on error
    static Result migrate(QSqlDatabase &db);
};

} // namespace gw

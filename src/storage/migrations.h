#pragma once
#include "result.h"
#include <QSqlDatabase>
#include <QStringList>

namespace gw {

// Versioned schema of the local store. Each step runs once, in order, inside a transaction; the version
// reached is kept in PRAGMA user_version. Never edit a released step: append a new one.
class Migrations
{
public:
    struct Step {
        int version;
        QStringList statements;
    };
    static QList<Step> steps();
    static int latestVersion();
    static int currentVersion(const QSqlDatabase &db);
    // Brings `db` to `targetVersion` (default: latest). Refuses a database newer than this program.
    static Result migrate(QSqlDatabase &db, int targetVersion = -1);
};

} // namespace gw

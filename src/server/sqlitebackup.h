#pragma once
#include "result.h"
#include <QString>

namespace gw {

// Online backup and offline restore of the server's SQLite database (PostgreSQL uses pg_dump/pg_restore,
// see docs/server.md). A backup is a single consistent SQLite file, checked before it is reported good.
class SqliteBackup
{
public:
    struct Summary {
        int schemaVersion = 0;
        qint64 events = 0;
        qint64 cases = 0;
        qint64 users = 0;
        qint64 bytes = 0;
    };

    // Copies the live database (other connections may keep writing; WAL gives a consistent snapshot)
    // into `outputPath`, which must not exist yet.
    static Result backup(const QString &databasePath, const QString &outputPath, Summary *summary);
    // Opens `path` read-only and checks it is an intact GridWhistle server database this version can run.
    static Result check(const QString &path, Summary *summary);
    // Replaces `databasePath` by a checked copy of `backupPath`. The previous database (with its -wal/-shm
    // files) is moved aside, never deleted; `movedAside` names where. The server must not be running.
    static Result restore(const QString &databasePath, const QString &backupPath, QString *movedAside);
};

} // namespace gw

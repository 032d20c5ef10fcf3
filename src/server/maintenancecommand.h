#pragma once
#include <QStringList>
#include <QTextStream>

namespace gw {

// The administrator's tools that run instead of the server: `gridwhistle-server backup ...` and
// `gridwhistle-server restore ...` (docs/server.md). They take the same --data-dir/--database/--config
// settings as the server itself, so one settings file serves both.
class MaintenanceCommand
{
public:
    static bool isMaintenanceCommand(const QStringList &arguments);
    // Returns the process exit code: 0 done, 1 failed, 2 wrong usage.
    static int run(const QStringList &arguments, QTextStream &out, QTextStream &err);
    static QString usage();
};

} // namespace gw

#include "maintenancecommand.h"
#include "message.h"
#include "serverapp.h"
#include "serveroptions.h"
#include "serversettingsfile.h"
#include "sqlitebackup.h"
#include <QCoreApplication>
#include <QDir>
#include <QLockFile>

namespace gw {

// Console output of the server program: finished text in the server's language.
static QString tr(const char *text) { return Message::translate("gw::MaintenanceCommand", text).text(); }

bool MaintenanceCommand::isMaintenanceCommand(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    return command == QLatin1String("backup") || command == QLatin1String("restore");
}

QString MaintenanceCommand::usage()
{
    return tr("Usage: gridwhistle-server backup  --data-dir DIR --output FILE   (online, while the server runs)\n"
              "       gridwhistle-server restore --data-dir DIR --input FILE    (the server must be stopped)\n"
              "  --config FILE and GW_SERVER_* variables are read as for the server.\n"
              "  PostgreSQL (--database URL): use pg_dump / pg_restore, see docs/server.md.\n");
}

static QString describe(const SqliteBackup::Summary &s)
{
    return Message::translate("gw::MaintenanceCommand", "schema version %1, %2 events, %3 cases, %4 users, %5 KB")
        .arg(s.schemaVersion).arg(s.events).arg(s.cases).arg(s.users).arg((s.bytes + 1023) / 1024).text();
}

int MaintenanceCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString command = arguments.value(1);
    const QString fileOption = command == QLatin1String("backup") ? QStringLiteral("--output") : QStringLiteral("--input");
    // Everything except the command and its file is a server setting, validated by ServerOptions.
    QString file;
    QStringList serverArguments{arguments.value(0)};
    for (int i = 2; i < arguments.size(); ++i) {
        if (arguments.at(i) == fileOption) {
            if (i + 1 >= arguments.size()) {
                err << tr("%1 needs a file name.").arg(fileOption) << "\n\n" << usage();
                return 2;
            }
            file = arguments.at(++i);
        } else {
            serverArguments.append(arguments.at(i));
        }
    }
    QStringList expanded;
    QString error;
    ServerOptions options;
    if (!ServerSettingsFile::expand(serverArguments, QProcessEnvironment::systemEnvironment(), &expanded, &error)
        || !ServerOptions::parse(expanded, &options, &error)) {
        err << error << "\n\n" << usage();
        return 2;
    }
    if (file.isEmpty()) {
        err << tr("%1 FILE is required.").arg(fileOption) << "\n\n" << usage();
        return 2;
    }
    if (!options.databaseUrl.isEmpty()) {
        err << tr("This server keeps its data in PostgreSQL. Back up with pg_dump --format=custom and restore with "
                  "pg_restore, as shown in docs/server.md.") << "\n";
        return 2;
    }
    const QString database = QDir(options.dataDir).filePath(QStringLiteral("server.sqlite"));
    SqliteBackup::Summary summary;
    if (command == QLatin1String("backup")) {
        const Result r = SqliteBackup::backup(database, file, &summary);
        if (!r.ok) {
            err << r.message.text() << "\n";
            return 1;
        }
        out << tr("Backed up %1 to %2 (%3); integrity check passed.").arg(database, file, describe(summary)) << "\n";
        return 0;
    }

    // A running server keeps the data-dir lock; replacing its database under it would lose writes.
    QLockFile lock(ServerApp::lockFilePath(options.dataDir));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0)) {
        err << tr("A gridwhistle-server is running on %1. Stop it first (systemctl stop gridwhistle-server), "
                  "then restore.").arg(options.dataDir) << "\n";
        return 1;
    }
    QString movedAside;
    const Result r = SqliteBackup::restore(database, file, &movedAside);
    if (!r.ok) {
        err << r.message.text() << "\n";
        return 1;
    }
    SqliteBackup::check(database, &summary);
    out << tr("Restored %1 from %2 (%3).").arg(database, file, describe(summary)) << "\n";
    if (!movedAside.isEmpty())
        out << tr("The previous database was kept as %1.").arg(movedAside) << "\n";
    out << tr("Start the server; it upgrades the schema if the backup is older.") << "\n";
    return 0;
}

} // namespace gw

#include "sqlitebackup.h"
#include "servermigrations.h"
#include "sqliteintegrity.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace gw {

// Console output of the server program: finished text in the server's language.
static QString tr(const char *text) { return Message::translate("gw::SqliteBackup", text).text(); }

namespace {

// A private connection that is removed however the function returns.
class Connection
{
public:
    Connection(const QString &path, bool readOnly)
        : m_name(QStringLiteral("gw-backup-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        else
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        m_open = db.open();
        if (!m_open)
            m_error = db.lastError().text();
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_open = false;
    QString m_error;
};

qint64 countRows(QSqlDatabase db, const QString &table)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

Result SqliteBackup::check(const QString &path, Summary *summary)
{
    if (!QFileInfo(path).isFile())
        return Result::failure(QStringLiteral("not_found"), tr("%1 does not exist or is not a file.").arg(path));
    Connection c(path, true);
    if (!c.isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot open %1: %2").arg(path, c.error()));
    const SqliteIntegrity::Answer integrity = SqliteIntegrity::check(c.db());
    if (!integrity.checked)
        return Result::failure(QStringLiteral("storage_error"),
                               tr("%1 is not a readable SQLite database: %2").arg(path, integrity.error));
    if (!integrity.isSound())
        return Result::failure(QStringLiteral("corrupt"), tr("%1 is damaged: %2").arg(path, integrity.lines.first()));
    const int version = ServerMigrations::currentVersion(c.db());
    if (version <= 0)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("%1 is not a GridWhistle server database (no schema version).").arg(path));
    if (version > ServerMigrations::latestVersion())
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("%1 has schema version %2, newer than this server (%3). Install the newer "
                                  "gridwhistle-server to use it.").arg(path).arg(version).arg(ServerMigrations::latestVersion()));
    summary->schemaVersion = version;
    summary->events = countRows(c.db(), QStringLiteral("events"));
    summary->cases = countRows(c.db(), QStringLiteral("cases"));
    summary->users = countRows(c.db(), QStringLiteral("users"));
    summary->bytes = QFileInfo(path).size();
    if (summary->events < 0 || summary->cases < 0 || summary->users < 0)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("%1 lacks the events, cases or users table.").arg(path));
    return Result::success();
}

Result SqliteBackup::backup(const QString &databasePath, const QString &outputPath, Summary *summary)
{
    if (!QFileInfo(databasePath).isFile())
        return Result::failure(QStringLiteral("not_found"),
                               tr("There is no server database at %1. Is --data-dir right?").arg(databasePath));
    if (QFileInfo::exists(outputPath))
        return Result::failure(QStringLiteral("exists"),
                               tr("%1 already exists; a backup never overwrites a file. Choose a new name.").arg(outputPath));
    {
        Connection c(databasePath, true);
        if (!c.isOpen())
            return Result::failure(QStringLiteral("storage_error"), tr("Cannot open %1: %2").arg(databasePath, c.error()));
        // VACUUM INTO reads one snapshot: writers carry on, the copy is consistent and compact.
        QString quoted = outputPath;
        quoted.replace(QLatin1Char('\''), QLatin1String("''"));
        QSqlQuery q(c.db());
        if (!q.exec(QStringLiteral("VACUUM INTO '%1'").arg(quoted))) {
            QFile::remove(outputPath);
            return Result::failure(QStringLiteral("storage_error"),
                                   tr("The backup to %1 failed: %2").arg(outputPath, q.lastError().text()));
        }
    }
    const Result checked = check(outputPath, summary);
    if (!checked.ok) {
        QFile::remove(outputPath);
        return Result::failure(checked.code, tr("The backup did not pass its check and was removed: %1").arg(checked.message.text()));
    }
    return Result::success();
}

Result SqliteBackup::restore(const QString &databasePath, const QString &backupPath, QString *movedAside)
{
    Summary summary;
    const Result checked = check(backupPath, &summary);
    if (!checked.ok)
        return checked;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString aside = databasePath + QStringLiteral(".before-restore-") + stamp;
    if (QFileInfo::exists(databasePath)) {
        // The -wal file may hold committed transactions of the old database: it moves with it.
        for (const QString &suffix : {QStringLiteral(""), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            if (!QFileInfo::exists(databasePath + suffix))
                continue;
            if (!QFile::rename(databasePath + suffix, aside + suffix))
                return Result::failure(QStringLiteral("io_error"),
                                       tr("Cannot move %1 aside to %2; nothing was changed.").arg(databasePath + suffix, aside + suffix));
        }
        *movedAside = aside;
    }
    const QString partial = databasePath + QStringLiteral(".restoring");
    QFile::remove(partial);
    if (!QFile::copy(backupPath, partial) || !QFile::rename(partial, databasePath)) {
        QFile::remove(partial);
        // Put the old database back so the server starts as before.
        if (!movedAside->isEmpty()) {
            for (const QString &suffix : {QStringLiteral(""), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::rename(aside + suffix, databasePath + suffix);
            movedAside->clear();
        }
        return Result::failure(QStringLiteral("io_error"),
                               tr("Cannot copy %1 to %2; the previous database was left in place.").arg(backupPath, databasePath));
    }
    return Result::success();
}

} // namespace gw

#include "localdatabase.h"
#include "caseevent.h"
#include "migrations.h"
#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace gw {

namespace {

// Sorts SQLite's complaints on opening into the few situations a person can do something about.
Result openFailure(const QString &path, const QSqlError &error)
{
    const QString file = QDir::toNativeSeparators(path);
    const QString native = error.nativeErrorCode();
    const QString text = error.text();
    if (native == QLatin1String("26") || native == QLatin1String("11") || text.contains(QLatin1String("not a database"))
        || text.contains(QLatin1String("malformed")))
        return Result::failure(QStringLiteral("corrupt_file"),
                               LocalDatabase::tr("The data file %1 is damaged or is not a GridWhistle data file (%2). "
                                                 "Restore it from a backup, or move it away to start with an empty one.")
                                   .arg(file, text));
    if (native == QLatin1String("5") || native == QLatin1String("6") || text.contains(QLatin1String("locked")))
        return Result::failure(QStringLiteral("locked"),
                               LocalDatabase::tr("The data file %1 is in use by another program. Close it and try again.")
                                   .arg(file));
    if (native == QLatin1String("8") || text.contains(QLatin1String("readonly")))
        return Result::failure(QStringLiteral("read_only"),
                               LocalDatabase::tr("The data file %1 is read-only. Make it writable or choose another file.")
                                   .arg(file));
    return Result::failure(QStringLiteral("storage_error"),
                           LocalDatabase::tr("The data file %1 cannot be opened: %2").arg(file, text));
}

} // namespace

LocalDatabase::~LocalDatabase() { close(); }

QSqlDatabase LocalDatabase::database() const
{
    return m_connection.isEmpty() ? QSqlDatabase() : QSqlDatabase::database(m_connection, false);
}

Result LocalDatabase::notOpen()
{
    return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
}

Result LocalDatabase::writeFailure(const QString &what, const QString &detail)
{
    // SQLite reports a full disk as "database or disk is full", or as a plain write error when the write
    // fails outright (a file size limit, a disk that cannot take more): say what the operator can do.
    if (detail.contains(QLatin1String("disk is full")) || detail.contains(QLatin1String("disk I/O error")))
        return Result::failure(QStringLiteral("storage_error"),
                               tr("The local data file could not be updated (%1): the disk is full or cannot be "
                                  "written. Free some disk space and try again; everything saved before is kept. (%2)")
                                   .arg(what, detail));
    return Result::failure(QStringLiteral("storage_error"),
                           tr("The local data file could not be updated (%1): %2").arg(what, detail));
}

Result LocalDatabase::open(const QString &path)
{
    close();
    const Result r = openFile(path);
    if (!r.ok)
        close();
    return r;
}

void LocalDatabase::close()
{
    if (!m_connection.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
        m_connection.clear();
    }
    m_path.clear();
    m_deviceId.clear();
}

Result LocalDatabase::openFile(const QString &path)
{
    if (path.trimmed().isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), tr("No data file was given."));
    const QFileInfo info(path);
    const QString file = QDir::toNativeSeparators(info.absoluteFilePath());
    const QString folder = QDir::toNativeSeparators(info.absolutePath());
    if (info.exists() && !info.isFile())
        return Result::failure(QStringLiteral("storage_error"), tr("%1 is not a file.").arg(file));
    if (!QDir().mkpath(info.absolutePath()))
        return Result::failure(QStringLiteral("not_writable"),
                               tr("The folder %1 for the data file cannot be created. Choose a folder you may write to.")
                                   .arg(folder));
    if (!QFileInfo(info.absolutePath()).isWritable())
        return Result::failure(QStringLiteral("not_writable"),
                               tr("The folder %1 is not writable. The data file keeps its journal next to it, so "
                                  "choose a folder you may write to.").arg(folder));
    if (info.exists()) {
        // Checked on the permission bits too: an administrator may write anyway, but a file someone marked
        // read-only is meant to stay unchanged.
        const auto anyWrite = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        if (!info.isWritable() || !(info.permissions() & anyWrite))
            return Result::failure(QStringLiteral("read_only"),
                                   tr("The data file %1 is read-only. Make it writable or choose another file.")
                                       .arg(file));
    }

    static QAtomicInt counter;
    m_connection = QStringLiteral("gw.casestore.%1").arg(counter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!db.isValid())
        return Result::failure(QStringLiteral("storage_error"),
                               tr("The SQLite driver of Qt (QSQLITE) is not installed."));
    db.setDatabaseName(info.absoluteFilePath());
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return openFailure(file, db.lastError());
    // Readable by its owner only (issue 17): cases, sessions and the offline verifier are nobody else's business
    // on a shared computer. SQLite gives its -wal and -shm files the same mode.
    QFile::setPermissions(info.absoluteFilePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    {
        QSqlQuery q(db);
        // The first statement that reads the file: a damaged or foreign file fails here.
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
            return openFailure(file, q.lastError());
        if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return Result::failure(QStringLiteral("storage_error"),
                                   tr("The data file %1 cannot use write-ahead logging (journal mode stays \"%2\").")
                                       .arg(file, q.value(0).toString()));
        // A bigger page cache and memory-mapped reads: list queries at a million cases touch many pages,
        // and each read through the default 2 MB cache costs a system call. Checkpoints every 32 MiB of WAL
        // instead of 4: a pulled page or a bulk registration rewrites the same index pages many times, and
        // a checkpoint copies each page once however often it changed.
        for (const char *pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000",
                                   "PRAGMA cache_size=-65536", "PRAGMA mmap_size=1073741824", "PRAGMA temp_store=MEMORY",
                                   "PRAGMA wal_autocheckpoint=8192"})
            if (!q.exec(QLatin1String(pragma)))
                return openFailure(file, q.lastError());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
            return openFailure(file, q.lastError());
    }
    const Result migrated = Migrations::migrate(db);
    if (!migrated.ok)
        return migrated;  // already says what is wrong, e.g. a file from a newer version

    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'device_id'")))
        return openFailure(file, q.lastError());
    if (q.next()) {
        m_deviceId = q.value(0).toString();
    } else {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('device_id', ?), ('created_at', ?)"));
        q.addBindValue(id);
        q.addBindValue(CaseEvent::timeToString(QDateTime::currentDateTimeUtc()));
        if (!q.exec())
            return openFailure(file, q.lastError());
        m_deviceId = id;
    }
    m_path = info.absoluteFilePath();
    return Result::success();
}

Result LocalDatabase::begin()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return openFailure(m_path, q.lastError());
    return Result::success();
}

Result LocalDatabase::commit()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QString err = q.lastError().text();
        rollback();
        return writeFailure(tr("commit"), err);
    }
    return Result::success();
}

void LocalDatabase::rollback()
{
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK"));
}

QString LocalDatabase::metaValue(const QString &key, Result *result) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec()) {
        if (result)
            *result = openFailure(m_path, q.lastError());
        return {};
    }
    return q.next() ? q.value(0).toString() : QString();
}

Result LocalDatabase::setMetaValue(const QString &key, const QString &value, const QString &what)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return writeFailure(what, q.lastError().text());
    return Result::success();
}

} // namespace gw

#pragma once
#include "result.h"
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

namespace gw {

// The client's data file: one SQLite connection (WAL) that the case log, the sync journal, the attachment and
// phrase stores and the list readers share. Opens and migrates the file, keeps the device id, runs
// transactions and turns SQLite's complaints into messages a person can act on. Internal to the storage layer:
// it includes Qt SQL, so the GUI cannot include it.
class LocalDatabase
{
    Q_DECLARE_TR_FUNCTIONS(gw::LocalDatabase)

public:
    LocalDatabase() = default;
    ~LocalDatabase();
    LocalDatabase(const LocalDatabase &) = delete;
    LocalDatabase &operator=(const LocalDatabase &) = delete;

    // Opens (creating if needed) and migrates the file. Clear message on a locked, read-only or newer file.
    Result open(const QString &path);
    void close();
    bool isOpen() const { return !m_connection.isEmpty(); }
    QString path() const { return m_path; }
    QString deviceId() const { return m_deviceId; }  // made on first open, kept in meta
    QSqlDatabase database() const;
    QString connectionName() const { return m_connection; }

    // BEGIN IMMEDIATE: takes the write lock at once, so a transaction that reads first cannot fail to
    // upgrade later because another connection wrote in between.
    Result begin();
    Result commit();  // rolls back when the commit fails
    void rollback();

    // Values of the `meta` table; an absent key reads as empty. `what` names the task in an error message.
    QString metaValue(const QString &key, Result *result = nullptr) const;
    Result setMetaValue(const QString &key, const QString &value, const QString &what);

    // "The local data file could not be updated (what): detail", with advice when the disk is full.
    static Result writeFailure(const QString &what, const QString &detail);
    static Result notOpen();

private:
    Result openFile(const QString &path);
    QString m_connection;
    QString m_path;
    QString m_deviceId;
};

} // namespace gw

#pragma once
#include "adminlogentry.h"
#include "message.h"
#include "result.h"
#include <QCoreApplication>
#include <QJsonObject>
#include <memory>
#include <optional>

namespace gw {

class SqlStatements;

// The `admin_log` table: one hash chain of every administrative change (AdminLogEntry). Shares ServerStore's
// connection (ServerStore::adminLog()); whoever changes administered data appends here inside the same
// transaction, so a change and its entry are stored together or not at all. One server process per database
// appends; the seq primary key refuses a second entry claiming the same place.
class AdministrativeLog
{
    GW_DECLARE_MESSAGES(gw::AdministrativeLog)
public:
    explicit AdministrativeLog(const QString &connection);
    ~AdministrativeLog();
    AdministrativeLog(const AdministrativeLog &) = delete;
    AdministrativeLog &operator=(const AdministrativeLog &) = delete;
    void reset();  // drops prepared statements; the owner calls it before it closes the connection

    // Seals and stores one entry after the last one. The caller holds the transaction.
    Result append(const QString &actor, const QString &action, const QString &subject, const QJsonObject &details,
                  AdminLogEntry *stored = nullptr);
    qint64 count() const;
    // Up to `limit` entries with seq < `beforeSeq` (0: from the newest), newest first.
    QList<AdminLogEntry> page(qint64 beforeSeq, int limit) const;
    // Every entry of one action, oldest first (what `verify` holds published months to).
    QList<AdminLogEntry> withAction(const QString &action) const;
    // The newest entry about `subject` ("categories/urban"): who last changed that piece of reference data.
    std::optional<AdminLogEntry> latestAbout(const QString &subject) const;
    // The whole chain in order, checked (for the admin view and `gridwhistle-server verify`).
    AdminLogEntry::Report verify(qint64 *checked = nullptr) const;

private:
    QList<AdminLogEntry> read(const QString &sql, const QList<QVariant> &values) const;
    std::unique_ptr<SqlStatements> m_sql;
};

} // namespace gw

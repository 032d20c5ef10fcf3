#pragma once
#include "message.h"
#include "protocol/referenceset.h"
#include "result.h"
#include "workcalendar.h"
#include <QCoreApplication>
#include <memory>
#include <optional>

namespace gw {

class AdministrativeLog;
class SqlStatements;

// The district's reference data on the server (issue 16), in the `reference_data` table: every kind versioned, a
// change a new row, never an edit; each change recorded in the administrative log in the same transaction. The data
// shipped in resources/seed is only the first version. What is current is also installed in this process
// (WorkCalendar::installDistrict), so the server validates and computes with the data it serves.
class ReferenceStore
{
    GW_DECLARE_MESSAGES(gw::ReferenceStore)
public:
    ReferenceStore(const QString &connection, AdministrativeLog *log);
    ~ReferenceStore();
    ReferenceStore(const ReferenceStore &) = delete;
    ReferenceStore &operator=(const ReferenceStore &) = delete;
    void reset();

    // Stores version 1 of each kind that has none yet (from the shipped data, by "system"), then installs the current
    // versions in this process. Run once the database is open and migrated.
    Result seedAndInstall();

    std::optional<ReferenceSet> current(const QString &kind) const;
    // The current sets of the kinds newer than `have` (kind -> version held).
    QList<ReferenceSet> newerThan(const QHash<QString, int> &have) const;

    // An administrator adds or replaces one year of the work calendar. Checked (CalendarYear::check) and refused
    // with the field at fault; stored as the calendar's next version, logged, installed.
    Result setCalendarYear(const CalendarYear &year, const QString &actor, ReferenceSet *stored);

private:
    Result publish(const QString &kind, const QJsonObject &body, const QString &actor, const QString &action,
                   const QString &subject, const QJsonObject &details, ReferenceSet *stored);

    std::unique_ptr<SqlStatements> m_sql;
    AdministrativeLog *m_log;
};

} // namespace gw

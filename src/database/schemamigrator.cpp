#include "schemamigrator.h"
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace gw {

SchemaMigrator::SchemaMigrator(QList<Step> steps, Ledger ledger, const QString &table, TooNewText tooNew)
    : m_steps(std::move(steps)), m_ledger(ledger), m_table(table), m_tooNew(std::move(tooNew))
{
    std::stable_sort(m_steps.begin(), m_steps.end(), [](const Step &a, const Step &b) { return a.version < b.version; });
    for (qsizetype i = 0; i < m_steps.size(); ++i)
        Q_ASSERT_X(m_steps.at(i).version > (i ? m_steps.at(i - 1).version : 0), "SchemaMigrator",
                   "step versions must be positive and unique");
    Q_ASSERT_X(ledger != Ledger::Table || !table.isEmpty(), "SchemaMigrator", "Ledger::Table needs a table name");
}

int SchemaMigrator::latestVersion() const { return m_steps.isEmpty() ? 0 : m_steps.constLast().version; }

int SchemaMigrator::currentVersion(const QSqlDatabase &db) const
{
    QString error;
    return readVersion(db, &error);
}

int SchemaMigrator::readVersion(const QSqlDatabase &db, QString *error) const
{
    QSqlQuery q(db);
    if (m_ledger == Ledger::UserVersion) {
        if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
            return q.value(0).toInt();
    } else {
        if (!db.tables().contains(m_table))
            return 0;
        if (q.exec(QStringLiteral("SELECT MAX(version) FROM %1").arg(m_table)) && q.next())
            return q.value(0).toInt();  // NULL (no row yet) reads as 0
    }
    *error = q.lastError().isValid() ? q.lastError().text() : db.lastError().text();
    return -1;
}

Result SchemaMigrator::migrate(QSqlDatabase &db, int targetVersion) const
{
    const int latest = latestVersion();
    if (targetVersion < 0 || targetVersion > latest)
        targetVersion = latest;
    if (m_ledger == Ledger::Table && !db.tables().contains(m_table)) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("CREATE TABLE %1 (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)").arg(m_table)))
            return Result::failure(QStringLiteral("storage_error"),
                                   tr("Cannot create the schema table: %1").arg(q.lastError().text()));
    }
    QString error;
    const int current = readVersion(db, &error);
    if (current < 0)
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot read the schema version: %1").arg(error));
    if (current > latest)
        return Result::failure(QStringLiteral("schema_too_new"),
                               m_tooNew ? m_tooNew(current, latest)
                                        : tr("The database has schema version %1, newer than this program understands "
                                             "(%2). Install the newer GridWhistle.").arg(current).arg(latest));
    for (const Step &step : m_steps) {
        if (step.version <= current || step.version > targetVersion)
            continue;
        const Result r = runStep(db, step);
        if (!r.ok)
            return r;
    }
    return Result::success();
}

Result SchemaMigrator::runStep(QSqlDatabase &db, const Step &step) const
{
    if (!db.transaction())
        return Result::failure(QStringLiteral("storage_error"),
                               tr("Cannot begin schema step %1: %2").arg(step.version).arg(db.lastError().text()));
    QSqlQuery q(db);
    for (const QString &sql : step.statements) {
        if (!q.exec(sql)) {
            const QString err = q.lastError().text();
            q.finish();
            db.rollback();
            return Result::failure(QStringLiteral("storage_error"),
                                   tr("Schema step %1 failed: %2 (%3)").arg(step.version).arg(err, sql.left(80)));
        }
    }
    // The version is written in the step's own transaction: a step is either wholly there and recorded, or neither.
    bool recorded;
    if (m_ledger == Ledger::UserVersion) {
        recorded = q.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version));
    } else {
        recorded = q.prepare(QStringLiteral("INSERT INTO %1 (version, applied_at) VALUES (:v, :t)").arg(m_table));
        q.bindValue(QStringLiteral(":v"), step.version);
        q.bindValue(QStringLiteral(":t"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        recorded = recorded && q.exec();
    }
    QString err = recorded ? QString() : q.lastError().text();
    q.finish();
    if (recorded && !db.commit()) {
        recorded = false;
        err = db.lastError().text();
    }
    if (!recorded) {
        db.rollback();
        return Result::failure(QStringLiteral("storage_error"),
                               tr("Schema step %1 could not be saved: %2").arg(step.version).arg(err));
    }
    return Result::success();
}

} // namespace gw

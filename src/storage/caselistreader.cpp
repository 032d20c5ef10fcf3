#include "caselistreader.h"
#include "storerows.h"
#include <QAtomicInt>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

namespace {

const QString kSummaryColumns = QStringLiteral(
    "id, number, title, status, category, street, urgency, registered_at, updated_at, next_due, on_hold, "
    "escalated, pending, departments");

QDateTime timeFromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

CaseSummary summaryFromRow(const QSqlQuery &q, const QDateTime &now)
{
    CaseSummary s;
    s.id = q.value(0).toString();
    s.number = q.value(1).toString();
    s.title = q.value(2).toString();
    caseStatusFromString(q.value(3).toString(), &s.status);
    s.categoryId = q.value(4).toString();
    s.streetId = q.value(5).toString();
    urgencyFromString(q.value(6).toString(), &s.urgency);
    s.registeredAt = timeFromMs(q.value(7));
    s.updatedAt = timeFromMs(q.value(8));
    s.nextDue = timeFromMs(q.value(9));
    s.overdue = s.nextDue.isValid() && !isTerminal(s.status) && s.nextDue < now;
    s.onHold = q.value(10).toBool();
    s.escalated = q.value(11).toBool();
    s.pendingSync = q.value(12).toBool();
    s.departments = q.value(13).toString().split(u' ', Qt::SkipEmptyParts);
    return s;
}

// A read-only connection named `connectionName` for the calling thread; invalid (with `error`) on failure.
QSqlDatabase openReadOnly(const QString &path, const QString &connectionName, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        if (error)
            *error = db.lastError().text();
        return QSqlDatabase();
    }
    QSqlQuery q(db);
    // Same read settings as the store's own connection (see LocalDatabase::openFile).
    for (const char *pragma : {"PRAGMA cache_size=-65536", "PRAGMA mmap_size=1073741824", "PRAGMA temp_store=MEMORY"})
        q.exec(QLatin1String(pragma));
    return db;
}

} // namespace

QSqlDatabase CaseListReader::db() const { return QSqlDatabase::database(m_connection, false); }

bool CaseListReader::withReadOnlyConnection(const QString &path,
                                            const std::function<void(const CaseListReader &)> &work, QString *error)
{
    static QAtomicInt counter;
    const QString connection = QStringLiteral("gw.caselist.%1").arg(counter.fetchAndAddRelaxed(1));
    bool opened = false;
    {
        const QSqlDatabase db = openReadOnly(path, connection, error);
        if (db.isValid()) {
            opened = true;
            work(CaseListReader(connection));
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return opened;
}

bool CaseListReader::isBroadText(const QString &match) const
{
    // Few matches: fetch them by rowid and sort. Many: walk the sort index and test membership.
    constexpr int broad = 4000;
    QSqlQuery probe(db());
    probe.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH ? LIMIT %1)")
                      .arg(broad));
    probe.addBindValue(match);
    return probe.exec() && probe.next() && probe.value(0).toInt() >= broad;
}

QList<CaseSummary> CaseListReader::list(const CaseFilter &filter, const CaseListKey &after, int skip, int limit) const
{
    QList<CaseSummary> out;
    if (!db().isOpen() || limit <= 0)
        return out;
    skip = qMax(0, skip);
    const QString match = CaseQuery(filter).matchExpression();
    const CaseQuery query(filter, !match.isEmpty() && isBroadText(match));
    if (query.matchesNothing())
        return out;
    const QList<CaseQuery::Part> parts = CaseQuery::parts(filter.sort);
    const int first = after.isNull() ? 0 : qMin(CaseQuery::partOf(after), int(parts.size()) - 1);
    for (int p = first; p < parts.size() && out.size() < limit; ++p) {
        const CaseQuery::Part &part = parts.at(p);
        QStringList extra;
        QVariantList values = query.bindings();
        if (!part.condition.isEmpty())
            extra << part.condition;
        if (p == first && !after.isNull()) {
            extra << part.after();
            values << after.value << after.id;
        }
        QSqlQuery q(db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT %1 FROM cases%2%3 LIMIT ? OFFSET ?")
                      .arg(kSummaryColumns, query.where(extra), part.orderBy()));
        StoreRows::bindAll(q, values + QVariantList{limit - int(out.size()), skip});
        if (!q.exec()) {
            qWarning("CaseListReader::list: %s", qPrintable(q.lastError().text()));
            return out;
        }
        int got = 0;
        for (; q.next(); ++got)
            out.append(summaryFromRow(q, filter.now));
        if (got > 0 || skip == 0 || p + 1 == parts.size()) {
            skip = 0;  // rows came back, so the skip was used up in this part
            continue;
        }
        // This part ends within the skip: the next part skips what is left of it.
        QSqlQuery c(db());
        c.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM cases%1 LIMIT ?)").arg(query.where(extra)));
        StoreRows::bindAll(c, values + QVariantList{skip});
        skip -= c.exec() && c.next() ? c.value(0).toInt() : 0;
    }
    return out;
}

int CaseListReader::count(const CaseFilter &filter, int upTo) const
{
    if (!db().isOpen())
        return 0;
    const CaseQuery query(filter, false, true);
    if (query.matchesNothing())
        return 0;
    QSqlQuery q(db());
    QVariantList values = query.bindings();
    if (upTo >= 0) {
        q.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM cases%1 LIMIT ?)").arg(query.where()));
        values << upTo;
    } else {
        q.prepare(QStringLiteral("SELECT count(*) FROM cases%1").arg(query.where()));
    }
    StoreRows::bindAll(q, values);
    if (!q.exec() || !q.next()) {
        qWarning("CaseListReader::count: %s", qPrintable(q.lastError().text()));
        return 0;
    }
    return q.value(0).toInt();
}

QList<CaseListKey> CaseListReader::sampleKeys(const CaseFilter &filter, int step, const std::atomic_bool *cancel,
                                              bool *cancelled) const
{
    QList<CaseListKey> keys;
    if (cancelled)
        *cancelled = false;
    if (!db().isOpen() || step <= 0)
        return keys;
    const QString match = CaseQuery(filter).matchExpression();
    const CaseQuery query(filter, !match.isEmpty() && isBroadText(match));
    if (query.matchesNothing())
        return keys;
    const QList<CaseQuery::Part> parts = CaseQuery::parts(filter.sort);
    qint64 row = 0;
    for (int p = 0; p < parts.size(); ++p) {
        const CaseQuery::Part &part = parts.at(p);
        QSqlQuery q(db());
        q.setForwardOnly(true);
        // Only the key columns: the walk reads the sort index and, where the filter needs it, the row.
        q.prepare(QStringLiteral("SELECT %1, id FROM cases%2%3")
                      .arg(part.column, query.where(part.condition.isEmpty() ? QStringList() : QStringList{part.condition}),
                           part.orderBy()));
        StoreRows::bindAll(q, query.bindings());
        if (!q.exec()) {
            qWarning("CaseListReader::sampleKeys: %s", qPrintable(q.lastError().text()));
            return keys;
        }
        while (q.next()) {
            ++row;
            if (row % step == 0)
                keys.append({q.value(0), q.value(1).toString(), p == 1});
            if ((row & 0xfff) == 0 && cancel && cancel->load()) {
                if (cancelled)
                    *cancelled = true;
                return keys;
            }
        }
    }
    return keys;
}

} // namespace gw

#include "eventlogreader.h"
#include "serverstore.h"
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

static Result driverFailure(const QSqlQuery &q)
{
    return Result::failure(QStringLiteral("storage_error"), q.lastError().text());
}

Result EventLogReader::cases(QList<CaseRow> *rows) const
{
    rows->clear();
    QSqlQuery q(m_store.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, number, case_seq, last_hash, state FROM cases")))
        return driverFailure(q);
    while (q.next())
        rows->append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toString().toLatin1(),
                      q.value(4).toString().toUtf8()});
    return Result::success();
}

Result EventLogReader::forEachCaseState(const std::function<void(const QByteArray &)> &visit) const
{
    QSqlQuery q(m_store.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT state FROM cases ORDER BY id")))
        return driverFailure(q);
    while (q.next())
        visit(q.value(0).toString().toUtf8());
    return Result::success();
}

Result EventLogReader::forEachEvent(const std::function<void(const EventRow &)> &visit) const
{
    QSqlQuery q(m_store.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT server_seq, id, case_id, case_seq, hash, body FROM events ORDER BY case_id, case_seq")))
        return driverFailure(q);
    EventRow row;
    while (q.next()) {
        row.serverSeq = q.value(0).toLongLong();
        row.id = q.value(1).toString();
        row.caseId = q.value(2).toString();
        row.caseSeq = q.value(3).toInt();
        row.hash = q.value(4).toString().toLatin1();
        row.body = q.value(5).toString().toUtf8();
        visit(row);
    }
    return Result::success();
}

} // namespace gw

#include "sqlstatements.h"
#include "message.h"
#include <QCoreApplication>
#include <QSqlError>

namespace gw {

QSqlQuery &SqlStatements::get(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(database());
        q.setForwardOnly(true);
        q.prepare(sql);
        it = m_statements.insert(sql, q);
    }
    return *it;
}

QSqlQuery &SqlStatements::multiRow(const QString &head, int rows, int columns, const QString &tail)
{
    // Looked up by a short key: the text of a 256-row statement is kilobytes to build, hash and compare per call.
    const QString key = QString::number(rows) + u'x' + QString::number(columns) + u':' + head + tail;
    auto it = m_statements.find(key);
    if (it != m_statements.end())
        return *it;
    QString row = QStringLiteral("?");
    if (columns > 1)
        row = u'(' + QStringLiteral("?, ").repeated(columns - 1) + QStringLiteral("?)");
    QString sql = head;
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += QStringLiteral(", ");
        sql += row;
    }
    sql += tail;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    return *m_statements.insert(key, q);
}

Result SqlStatements::failure(const QSqlQuery &q, const Message &what)
{
    return Result::failure(QStringLiteral("storage_error"),
                           Message::translate("gw::ServerStore", "Database error while %1: %2").arg(what, q.lastError().text()));
}

Result SqlStatements::failure(const QSqlDatabase &db, const Message &what)
{
    return Result::failure(QStringLiteral("storage_error"),
                           Message::translate("gw::ServerStore", "Database error while %1: %2").arg(what, db.lastError().text()));
}

Result SqlStatements::inTransaction(const Message &what, const std::function<Result()> &change)
{
    QSqlDatabase db = database();
    if (!db.transaction())
        return failure(db, what);
    const Result r = change();
    if (!r.ok) {
        db.rollback();
        return r;
    }
    if (!db.commit()) {
        const Result f = failure(db, what);
        db.rollback();
        return f;
    }
    return r;
}

} // namespace gw

#pragma once
#include "result.h"
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>

namespace gw {

// The prepared statements of one server store on its connection, each prepared once and reused (parsing SQL costs
// more than running it). Stores sharing a connection keep one each; clear() before the connection is removed.
class SqlStatements
{
public:
    explicit SqlStatements(const QString &connection) : m_connection(connection) {}

    QSqlDatabase database() const { return QSqlDatabase::database(m_connection, false); }
    QSqlQuery &get(const QString &sql);
    // `head` + `rows` groups of `columns` placeholders ("?" when one column) separated by commas + `tail`.
    QSqlQuery &multiRow(const QString &head, int rows, int columns, const QString &tail = {});
    void clear() { m_statements.clear(); }

    // SQL NULL must never stand in for an empty text (the columns are NOT NULL, and '' is what we mean).
    static QString text(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }
    // "Database error while <what>: <driver's message>" (in ServerStore's translation context, where it began).
    static Result failure(const QSqlQuery &q, const Message &what);
    // The same for the connection itself (beginning or committing a transaction).
    static Result failure(const QSqlDatabase &db, const Message &what);
    // Runs `change` in one transaction on this connection: committed when it succeeds, rolled back when it or the
    // commit fails (a change and its administrative log entry are stored together or not at all).
    Result inTransaction(const Message &what, const std::function<Result()> &change);

private:
    QString m_connection;
    QHash<QString, QSqlQuery> m_statements;
};

} // namespace gw

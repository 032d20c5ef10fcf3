#pragma once
#include "caseevent.h"
#include "caserecord.h"
#include "result.h"
#include "sqlitestatement.h"
#include <QSqlDatabase>

namespace gw {

// The push write path of a server on SQLite: one prepared single-row statement per table, stepped through
// the sqlite3 C API on the connection's own handle (as the client store does, see sqlitestatement.h).
// Through QSqlQuery every value went through a QVariant, every body from UTF-8 to UTF-16 and back, and
// multi-row statements paid Qt's per-placeholder lookup. PostgreSQL keeps the multi-row QSqlQuery path,
// where round trips are what counts.
class SqliteEventWriter
{
public:
    // False (with `error`) when the connection has no usable sqlite3 handle; the caller then keeps QSqlQuery.
    bool prepare(const QSqlDatabase &db, QString *error);

    Result insertEvent(const CaseEvent &event, const QByteArray &wireJson);
    Result writeCase(const CaseRecord &record, qint64 lastServerSeq);

private:
    SqliteStatement m_insertEvent, m_writeCase;
};

} // namespace gw

#include "sqlitestatement.h"
#include "message.h"
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>
#include <sqlite3.h>

namespace gw {

SqliteStatement::~SqliteStatement() { finalize(); }

sqlite3 *SqliteStatement::handleOf(const QSqlDatabase &db, QString *error)
{
    const QVariant handle = db.isValid() && db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0) {
        *error = Message::translate("gw::CaseStore", "The SQLite driver gives no connection handle.").text();
        return nullptr;
    }
    // A driver with its own (bundled) copy of SQLite would hand out a handle this program's SQLite must
    // not touch. The same library reports the same source id through both doors.
    QSqlQuery q(db);
    const QString theirs = q.exec(QStringLiteral("SELECT sqlite_source_id()")) && q.next() ? q.value(0).toString()
                                                                                          : QString();
    if (theirs != QString::fromLatin1(sqlite3_sourceid())) {
        *error = Message::translate("gw::CaseStore",
                                             "Qt's SQLite driver uses SQLite %1, this program %2; both must use "
                                             "the same system SQLite library.")
                     .arg(theirs, QString::fromLatin1(sqlite3_libversion()))
                     .text();
        return nullptr;
    }
    return *static_cast<sqlite3 *const *>(handle.constData());
}

bool SqliteStatement::prepare(sqlite3 *db, const char *sql)
{
    finalize();
    m_db = db;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(db));
        m_stmt = nullptr;
        return false;
    }
    return true;
}

void SqliteStatement::finalize()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_row = false;
}

void SqliteStatement::bindText(int index, QStringView text)
{
    bindUtf8(index, text.toUtf8());
}

void SqliteStatement::bindUtf8(int index, const QByteArray &utf8)
{
    // Never NULL: a null QByteArray is the empty text the NOT NULL columns expect.
    sqlite3_bind_text(m_stmt, index, utf8.isNull() ? "" : utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindInt(int index, qint64 value) { sqlite3_bind_int64(m_stmt, index, value); }

void SqliteStatement::bindNull(int index) { sqlite3_bind_null(m_stmt, index); }

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    m_row = rc == SQLITE_ROW;
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            reset();
        return true;
    }
    m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    reset();
    return false;
}

qint64 SqliteStatement::columnInt(int column) const { return sqlite3_column_int64(m_stmt, column); }

bool SqliteStatement::columnIsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

QString SqliteStatement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::columnUtf8(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArray(text, sqlite3_column_bytes(m_stmt, column));
}

void SqliteStatement::reset()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_row = false;
}

QString SqliteStatement::errorText() const { return m_error; }

qint64 SqliteStatement::lastInsertRowid() const { return sqlite3_last_insert_rowid(m_db); }

} // namespace gw

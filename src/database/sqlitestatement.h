#pragma once
#include <QByteArray>
#include <QString>
#include <QStringView>

struct sqlite3;
struct sqlite3_stmt;

QT_BEGIN_NAMESPACE
class QSqlDatabase;  // callers that hand one over link Qt Sql themselves
QT_END_NAMESPACE

namespace gw {

// A statement prepared once on the store's own SQLite connection and stepped through the sqlite3 C API.
// The write path runs a handful of statements per action; through QSqlQuery every value became a QVariant
// and every text went UTF-16 -> UTF-8 once more. Texts here are bound as UTF-8 and never as NULL.
// Needs Qt's SQLite driver to use the same SQLite library as GridWhistle (Debian's does); see handleOf().
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // The sqlite3 handle behind a QSQLITE connection, or nullptr (with `error`) when the driver is not
    // backed by the SQLite library this program is linked with: its handle must not be used then.
    static sqlite3 *handleOf(const QSqlDatabase &db, QString *error);

    bool prepare(sqlite3 *db, const char *sql);
    void finalize();

    void bindText(int index, QStringView text);       // 1-based, as in SQLite
    void bindUtf8(int index, const QByteArray &utf8);  // copied: the array may go before step()
    void bindInt(int index, qint64 value);
    void bindNull(int index);

    // Runs the statement: true when it finished (SQLITE_DONE) or produced a row (then read with
    // columnInt/columnText and call reset() when done).
    bool step();
    bool hasRow() const { return m_row; }
    qint64 columnInt(int column) const;
    bool columnIsNull(int column) const;
    QString columnText(int column) const;
    QByteArray columnUtf8(int column) const;
    void reset();  // also clears the bindings
    QString errorText() const;
    qint64 lastInsertRowid() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_row = false;
    QString m_error;
};

} // namespace gw

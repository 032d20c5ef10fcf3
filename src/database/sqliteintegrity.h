#pragma once
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QSqlDatabase;  // callers that hand one over link Qt Sql themselves
QT_END_NAMESPACE

namespace gw {

// SQLite's own check of a database (PRAGMA integrity_check), shared by the server's backup check and the
// tests that prove a file survived a fault. It reports what SQLite said and leaves the wording to the caller.
class SqliteIntegrity
{
public:
    struct Answer {
        bool opened = false;   // false: the file could not be opened; `error` has the driver's text
        bool checked = false;  // false: the check did not run or said nothing; `error` has the driver's text
        QStringList lines;     // SQLite's answer: the single line "ok" when sound, else one problem a line
        QString error;

        bool isSound() const { return checked && lines == QStringList{QStringLiteral("ok")}; }
    };

    // Checks through a connection the caller has open.
    static Answer check(const QSqlDatabase &db);
    // Opens `path` read-only on a private connection (gone again when this returns) and checks it.
    // Read-only, so the check neither creates a missing file nor folds a write-ahead log into it.
    static Answer checkFile(const QString &path);
};

} // namespace gw

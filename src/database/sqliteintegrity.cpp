#include "sqliteintegrity.h"
#include <QAtomicInt>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

SqliteIntegrity::Answer SqliteIntegrity::check(const QSqlDatabase &db)
{
    Answer answer;
    answer.opened = db.isOpen();
    if (!answer.opened) {
        answer.error = db.lastError().text();
        return answer;
    }
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check"))) {
        answer.error = q.lastError().text();
        return answer;
    }
    while (q.next())
        answer.lines.append(q.value(0).toString());
    answer.checked = !answer.lines.isEmpty();
    if (!answer.checked)
        answer.error = q.lastError().text();
    return answer;
}

SqliteIntegrity::Answer SqliteIntegrity::checkFile(const QString &path)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("gw-integrity-%1").arg(counter.fetchAndAddRelaxed(1));
    Answer answer;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        db.open();
        answer = check(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return answer;
}

} // namespace gw

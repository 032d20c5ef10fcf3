// SqliteIntegrity: SQLite's integrity_check answer for a sound file, a file with a broken index, a file that
// is not a database and a missing one; the check only reads (it never creates or changes a file).
#include "sqliteintegrity.h"
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestSqliteIntegrity : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    // Runs `statements` on a private connection to `path` (created when missing); false on the first failure.
    static bool run(const QString &path, const QStringList &statements)
    {
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("writer"));
            db.setDatabaseName(path);
            ok = db.open();
            QSqlQuery q(db);
            for (const QString &sql : statements) {
                if (!ok)
                    break;
                ok = q.exec(sql);
                if (!ok)
                    qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            }
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("writer"));
        return ok;
    }
    static QStringList fiftyRowsWithIndex()
    {
        return {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("CREATE TABLE t(a INTEGER, b INTEGER)"),
                QStringLiteral("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 50) "
                               "INSERT INTO t SELECT x, 1000 - x FROM n"),
                QStringLiteral("CREATE INDEX t_a ON t(a)")};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void soundFileSaysOk()
    {
        const QString path = m_dir.filePath(QStringLiteral("sound.sqlite"));
        QVERIFY(run(path, fiftyRowsWithIndex()));
        const SqliteIntegrity::Answer answer = SqliteIntegrity::checkFile(path);
        QVERIFY(answer.opened);
        QVERIFY2(answer.checked, qPrintable(answer.error));
        QCOMPARE(answer.lines, QStringList{QStringLiteral("ok")});
        QVERIFY(answer.isSound());
    }

    // Rows still only in the write-ahead log of an open writer are checked too, and the log stays as it was.
    void checksTheWriteAheadLogOfALiveWriter()
    {
        const QString path = m_dir.filePath(QStringLiteral("live.sqlite"));
        QVERIFY(run(path, fiftyRowsWithIndex()));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("live"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (51, 949)")));
            const qint64 walBefore = QFileInfo(path + QStringLiteral("-wal")).size();
            QVERIFY(walBefore > 0);
            const SqliteIntegrity::Answer answer = SqliteIntegrity::checkFile(path);
            QVERIFY2(answer.isSound(), qPrintable(answer.lines.join(u'\n') + answer.error));
            QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size(), walBefore);
            QVERIFY(SqliteIntegrity::check(db).isSound());
            q.finish();
            db.close();
            QVERIFY(!SqliteIntegrity::check(db).opened);  // a closed connection is not checked
        }
        QSqlDatabase::removeDatabase(QStringLiteral("live"));
    }

    void brokenIndexIsListed()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.sqlite"));
        QVERIFY(run(path, fiftyRowsWithIndex()));
        // The index now claims to cover column b, but its entries are those of column a.
        QVERIFY(run(path, {QStringLiteral("PRAGMA writable_schema=ON"),
                           QStringLiteral("UPDATE sqlite_master SET sql = 'CREATE INDEX t_a ON t(b)' WHERE name = 't_a'")}));
        const SqliteIntegrity::Answer answer = SqliteIntegrity::checkFile(path);
        QVERIFY(answer.opened);
        QVERIFY2(answer.checked, qPrintable(answer.error));
        QVERIFY(!answer.isSound());
        QVERIFY2(answer.lines.size() > 1, qPrintable(answer.lines.join(u'\n')));
        QVERIFY2(answer.lines.first().contains(QStringLiteral("missing from index t_a")), qPrintable(answer.lines.first()));
    }

    void notADatabaseCannotBeChecked()
    {
        const QString path = m_dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        const SqliteIntegrity::Answer answer = SqliteIntegrity::checkFile(path);
        QVERIFY(!answer.checked);
        QVERIFY(!answer.isSound());
        QVERIFY(!answer.error.isEmpty());
    }

    void missingFileIsNotCreated()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing.sqlite"));
        const SqliteIntegrity::Answer answer = SqliteIntegrity::checkFile(path);
        QVERIFY(!answer.opened);
        QVERIFY(!answer.isSound());
        QVERIFY(!answer.error.isEmpty());
        QVERIFY(!QFileInfo::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestSqliteIntegrity)
#include "tst_sqliteintegrity.moc"

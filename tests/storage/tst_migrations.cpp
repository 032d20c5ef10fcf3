#include "casequery.h"
#include "storefixture.h"
#include "casestore.h"
#include "migrations.h"
#include "syncjournal.h"
#include "phrasestore.h"
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestMigrations : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    // A raw connection (no CaseStore) on a new file; removed again by the caller's scope guard.
    QString rawConnection(const QString &path)
    {
        const QString name = QStringLiteral("raw%1").arg(++m_n);
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
        db.setDatabaseName(path);
        return db.open() ? name : QString();
    }
    static QStringList tables(const QSqlDatabase &db)
    {
        QSqlQuery q(db);
        QStringList out;
        q.exec("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name");
        while (q.next())
            out << q.value(0).toString();
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void emptyToLatest()
    {
        const QString name = rawConnection(m_dir.filePath("empty.db"));
        QVERIFY(!name.isEmpty());
        {
            QSqlDatabase db = QSqlDatabase::database(name);
            QCOMPARE(Migrations::currentVersion(db), 0);
            const Result r = Migrations::migrate(db);
            QVERIFY2(r.ok, qPrintable(r.message));
            QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion());
            const QStringList t = tables(db);
            for (const char *table : {"meta", "events", "cases", "case_departments", "case_search", "outbox", "attachments",
                                      "conflicts", "sync_state", "phrases"})
                QVERIFY2(t.contains(QLatin1String(table)), table);
            // Running it again changes nothing.
            QVERIFY(Migrations::migrate(db).ok);
            QCOMPARE(tables(db), t);
            QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion());
            // The versions are contiguous and increasing.
            int v = 0;
            for (const Migrations::Step &s : Migrations::steps())
                QCOMPARE(s.version, ++v);
        }
        QSqlDatabase::removeDatabase(name);
    }

    void version1WithDataToLatest()
    {
        const QString path = m_dir.filePath("v1.db");
        const QString name = rawConnection(path);
        QVERIFY(!name.isEmpty());
        const QString caseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            QSqlDatabase db = QSqlDatabase::database(name);
            QVERIFY(Migrations::migrate(db, 1).ok);
            QCOMPARE(Migrations::currentVersion(db), 1);
            QVERIFY(!tables(db).contains("conflicts"));
            // Data as a version-1 client wrote it: a device, one case with its projection and search row.
            CaseRecord c;
            c.id = caseId;
            c.number = "PL-2026-000007";
            c.title = "旧版本登记的哨件";
            c.categoryId = "water";
            c.streetId = "street.gulou";
            c.registeredAt = c.updatedAt = QDateTime(QDate(2026, 2, 3), QTime(4, 5), Qt::UTC);
            c.eventCount = 1;
            QSqlQuery q(db);
            QVERIFY(q.exec("INSERT INTO meta VALUES ('device_id', 'old-device-1'), ('created_at', '2026-02-03T00:00:00.000Z')"));
            QVERIFY(q.prepare("INSERT INTO cases (id, number, title, status, category, street, urgency, registered_at,"
                              " updated_at, state) VALUES (?, ?, ?, 'registered', 'water', 'street.gulou', 'normal', ?, ?, ?)"));
            q.addBindValue(caseId);
            q.addBindValue(c.number);
            q.addBindValue(c.title);
            q.addBindValue(c.registeredAt.toMSecsSinceEpoch());
            q.addBindValue(c.updatedAt.toMSecsSinceEpoch());
            q.addBindValue(QString::fromUtf8(QJsonDocument(c.toJson()).toJson(QJsonDocument::Compact)));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY(q.exec("INSERT INTO case_search (rowid, body) SELECT rowid, 'PL-2026-000007 旧 版 本 登 记 的 哨 件' FROM cases"));
            QVERIFY(q.exec("INSERT INTO outbox (event_id, seq) VALUES ('e1', 1)"));
        }
        QSqlDatabase::removeDatabase(name);

        CaseStore store;
        const Result r = store.open(path);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(Migrations::currentVersion(QSqlDatabase::database(store.connectionName(), false)), Migrations::latestVersion());
        QCOMPARE(store.deviceId(), QStringLiteral("old-device-1"));
        QCOMPARE(store.caseById(caseId)->title, QStringLiteral("旧版本登记的哨件"));
        QCOMPARE(store.journal().pendingCount(), 1);
        CaseFilter f;
        f.text = "登记";
        QCOMPARE(store.countCases(f), 1);
        // The tables of the later steps work.
        QVERIFY(store.journal().setSyncValue("cursor", "42").ok);
        QCOMPARE(store.journal().syncValue("cursor"), QStringLiteral("42"));
        QVERIFY(store.phrases().add("return_reason", QStringLiteral("请转交区住建局")).ok);
        QVERIFY(store.phrases().list("return_reason").contains(QStringLiteral("请转交区住建局")));
        QCOMPARE(store.journal().openConflictCount(), 0);
    }

    // Step 5 turns step 4's expression index over `state` into a column: a store written by step 4 must find
    // the same waiting postponements afterwards, and only those.
    // A store written before step clocks (projection format 1): its cases are replayed once at open, so a case
    // waiting for 研判 gets its clock without any new event.
    void projectionsUpgradedOnce()
    {
        const QString path = m_dir.filePath("format1.db");
        QString caseId;
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            caseId = test::registerCase(store, test::streetOperator(), test::draft(QStringLiteral("升级前登记的哨件")));
            QVERIFY(!caseId.isEmpty());
            QVERIFY(store.caseById(caseId)->stepDue.isValid());
            QSqlDatabase db = QSqlDatabase::database(store.connectionName(), false);
            QSqlQuery q(db);
            // As the previous program left it: no step fields in the stored case, no format mark.
            QJsonObject old = store.caseById(caseId)->toJson();
            for (const char *key : {"step", "stepUnit", "stepStartedAt", "stepDue", "steps"})
                old.remove(QLatin1String(key));
            QVERIFY(q.prepare("UPDATE cases SET state = ?, next_due = NULL WHERE id = ?"));
            q.addBindValue(QString::fromUtf8(QJsonDocument(old).toJson(QJsonDocument::Compact)));
            q.addBindValue(caseId);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY(q.exec("DELETE FROM meta WHERE key = 'projection_format'"));
        }
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            const std::optional<CaseRecord> upgraded = store.caseById(caseId);
            QVERIFY(upgraded);
            QVERIFY(upgraded->stepDue.isValid());
            QCOMPARE(upgraded->title, QStringLiteral("升级前登记的哨件"));
            QCOMPARE(store.journal().pendingCount(), 1);  // the unsent registration is still waiting
            CaseFilter overdueSoon;
            QCOMPARE(store.countCases(overdueSoon), 1);
        }
    }

    void version4PostponementsToColumn()
    {
        const QString path = m_dir.filePath("v4.db");
        const QString name = rawConnection(path);
        QVERIFY(!name.isEmpty());
        const QDateTime t0(QDate(2026, 5, 6), QTime(7, 0), Qt::UTC);
        auto record = [&](const QString &title, int minutes) {
            CaseRecord c;
            c.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            c.number = QStringLiteral("PL-2026-%1").arg(minutes, 6, 10, QLatin1Char('0'));
            c.title = title;
            c.categoryId = "water";
            c.streetId = "street.gulou";
            c.status = CaseStatus::Handling;
            c.registeredAt = t0;
            c.updatedAt = t0.addSecs(60 * minutes);
            c.eventCount = 4;
            DepartmentAssignment lead;
            lead.departmentId = "dept.shuiwu";
            lead.lead = true;
            lead.state = DepartmentAssignment::State::CheckedIn;
            lead.handleDue = t0.addDays(5);
            c.departments = {lead};
            return c;
        };
        CaseRecord waiting = record("牵头部门申请延期", 1);
        waiting.departments[0].postponeRequestedDue = t0.addDays(9);
        CaseRecord returned = record("申请后已退回", 2);  // the request belongs to an assignment no longer live
        returned.departments[0].postponeRequestedDue = t0.addDays(9);
        returned.departments[0].state = DepartmentAssignment::State::Returned;
        CaseRecord archived = record("上一轮的申请", 3);   // ... or to a round before the case was reopened
        archived.departments[0].postponeRequestedDue = t0.addDays(9);
        archived.departments[0].archived = true;
        CaseRecord decided = record("延期已决定", 4);
        decided.departments[0].postponeCount = 1;
        {
            QSqlDatabase db = QSqlDatabase::database(name);
            QVERIFY(Migrations::migrate(db, 4).ok);
            QSqlQuery q(db);
            QVERIFY(q.prepare("INSERT INTO cases (id, number, title, status, category, street, urgency, registered_at,"
                              " updated_at, state) VALUES (?, ?, ?, 'handling', 'water', 'street.gulou', 'normal', ?, ?, ?)"));
            for (const CaseRecord &c : {waiting, returned, archived, decided}) {
                for (const QVariant &v : QVariantList{c.id, c.number, c.title, c.registeredAt.toMSecsSinceEpoch(),
                                                      c.updatedAt.toMSecsSinceEpoch(),
                                                      QString::fromUtf8(QJsonDocument(c.toJson()).toJson(QJsonDocument::Compact))})
                    q.addBindValue(v);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(name);

        CaseStore store;
        const Result r = store.open(path);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(Migrations::currentVersion(QSqlDatabase::database(store.connectionName(), false)), Migrations::latestVersion());
        const QStringList t = tables(QSqlDatabase::database(store.connectionName(), false));
        QVERIFY(t.contains("cases_postpone_pending_id"));
        QVERIFY(!t.contains("cases_postpone_pending"));
        CaseFilter f;
        f.orPostponementPending = true;
        const QList<CaseSummary> rows = store.listCases(f, 0, 100);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.constFirst().id, waiting.id);
        QCOMPARE(store.countCases(f), 1);
        // The record's own rule agrees with what the migration derived from the JSON.
        for (const CaseRecord &c : {waiting, returned, archived, decided})
            QCOMPARE(store.caseById(c.id)->hasPendingPostponement(), c.id == waiting.id);
        // The list, and the count of "my to-do" (a status OR a waiting request), are answered from the partial
        // index, not by reading every case row.
        auto planOf = [&store](const QString &select, const CaseQuery &query) {
            QSqlQuery plan(QSqlDatabase::database(store.connectionName(), false));
            if (!plan.prepare("EXPLAIN QUERY PLAN " + select + query.where()))
                return plan.lastError().text();
            for (int i = 0; i < query.bindings().size(); ++i)
                plan.bindValue(i, query.bindings().at(i));
            if (!plan.exec())
                return plan.lastError().text();
            QString details;
            while (plan.next())
                details += plan.value(3).toString() + u'\n';
            return details;
        };
        const QString listPlan = planOf("SELECT id FROM cases", CaseQuery(f));
        QVERIFY2(listPlan.contains("cases_postpone_pending_id"), qPrintable(listPlan));
        CaseFilter todo = f;
        todo.statuses = {CaseStatus::Analyzed};
        const QString countPlan = planOf("SELECT count(*) FROM cases", CaseQuery(todo, false, true));
        QVERIFY2(countPlan.contains("cases_postpone_pending_id") && countPlan.contains("cases_status_id"),
                 qPrintable(countPlan));
        QCOMPARE(store.countCases(todo), 1);
    }

    void newerFileIsRefused()
    {
        const QString path = m_dir.filePath("future.db");
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion() + 3)));
        }
        CaseStore store;
        const Result r = store.open(path);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("schema_too_new"));
        QVERIFY(r.message.text().contains(QString::number(Migrations::latestVersion() + 3)));
        QVERIFY(!store.isOpen());
        // The file itself is left as it was.
        const QString name = rawConnection(path);
        {
            QSqlDatabase db = QSqlDatabase::database(name);
            QCOMPARE(Migrations::currentVersion(db), Migrations::latestVersion() + 3);
            QVERIFY(!Migrations::migrate(db).ok);
        }
        QSqlDatabase::removeDatabase(name);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"

// SchemaMigrator, the one schema runner of the client store, the server and the city exchange: a fresh database to
// the latest version, a failing step rolled back and reported, a database newer than the program refused untouched,
// and the city tables that older servers made with CREATE TABLE IF NOT EXISTS taken over as version 1. On SQLite and,
// for the portable ledger table, on PostgreSQL (a throwaway cluster, skipped when its binaries are not installed).
#include "citymigrations.h"
#include "cityoutbox.h"
#include "schemamigrator.h"
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>
#include <algorithm>
#ifdef GW_HAVE_TESTPOSTGRES
#include "testpostgres.h"
#endif

using namespace gw;

namespace {

using Ledger = SchemaMigrator::Ledger;

// What CityOutbox::ensureSchema() ran on every start before the city schema had versions (test data, kept as it was).
const QStringList OldCityStatements{
    "CREATE TABLE IF NOT EXISTS city_outbox ("
    " id TEXT PRIMARY KEY,"
    " idempotency_key TEXT NOT NULL UNIQUE,"
    " case_id TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " created_at BIGINT NOT NULL,"
    " next_attempt_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL,"
    " last_error TEXT NOT NULL DEFAULT '',"
    " http_status INTEGER NOT NULL DEFAULT 0,"
    " city_request_id TEXT NOT NULL DEFAULT '',"
    " seq BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS city_outbox_due ON city_outbox (state, next_attempt_at)",
    "CREATE INDEX IF NOT EXISTS city_outbox_case ON city_outbox (case_id, seq)",
    "CREATE TABLE IF NOT EXISTS city_links ("
    " case_id TEXT PRIMARY KEY,"
    " city_request_id TEXT UNIQUE,"
    " origin TEXT NOT NULL,"
    " fingerprint TEXT NOT NULL DEFAULT '',"
    " intake_state TEXT NOT NULL DEFAULT '',"
    " intake_error TEXT NOT NULL DEFAULT '',"
    " raw TEXT NOT NULL DEFAULT '',"
    " created_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS city_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
};

// Three portable steps; the second needs the first's table, the third changes it.
QList<SchemaMigrator::Step> threeSteps()
{
    return {
        {1, {"CREATE TABLE alpha (id TEXT PRIMARY KEY)", "INSERT INTO alpha (id) VALUES ('a1')"}},
        {2, {"CREATE TABLE beta (id TEXT PRIMARY KEY, alpha_id TEXT NOT NULL)",
             "INSERT INTO beta (id, alpha_id) SELECT 'b1', id FROM alpha"}},
        {3, {"ALTER TABLE alpha ADD COLUMN note TEXT NOT NULL DEFAULT ''"}},
    };
}

SchemaMigrator migrator(Ledger ledger, QList<SchemaMigrator::Step> steps,
                        SchemaMigrator::TooNewText tooNew = {})
{
    return SchemaMigrator(std::move(steps), ledger, ledger == Ledger::Table ? QStringLiteral("ledger") : QString(),
                          std::move(tooNew));
}

QStringList tablesOf(const QSqlDatabase &db)
{
    QStringList t = db.tables();
    t.sort();
    return t;
}

qint64 single(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

bool runAll(QSqlDatabase &db, const QStringList &statements)
{
    QSqlQuery q(db);
    for (const QString &sql : statements)
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
    return true;
}

// The city tables' definitions, columns and indexes as the database describes them (ledger excluded).
QStringList citySchema(const QSqlDatabase &db)
{
    QStringList out;
    QSqlQuery q(db);
    if (db.driverName() == QLatin1String("QSQLITE")) {
        q.exec("SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'city%' AND name <> 'city_schema_migrations'"
               " ORDER BY name");
    } else {
        q.exec("SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '') FROM"
               " information_schema.columns WHERE table_name LIKE 'city%' AND table_name <> 'city_schema_migrations'"
               " UNION ALL SELECT tablename, indexname, indexdef, '', '' FROM pg_indexes WHERE tablename LIKE 'city%'"
               " AND tablename <> 'city_schema_migrations' ORDER BY 1, 2");
    }
    while (q.next()) {
        QStringList row;
        for (int i = 0; i < q.record().count(); ++i)
            row << q.value(i).toString();
        out << row.join(QLatin1Char('|'));
    }
    return out;
}

} // namespace

class TestSchemaMigrator : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
#ifdef GW_HAVE_TESTPOSTGRES
    gw::test::TestPostgres m_postgres;
#endif
    QString m_postgresUrl;
    QString m_postgresProblem;
    int m_n = 0;
    QStringList m_connections;

    // A new empty database on `driver`: a file for SQLite, a database of the throwaway cluster for PostgreSQL.
    // Returns the connection name; else an empty string with `skip` (no PostgreSQL here) or `error` set.
    QString newDatabase(const QString &driver, QString *skip, QString *error)
    {
        const QString name = QStringLiteral("mig%1").arg(++m_n);
        QSqlDatabase db;
        if (driver == QLatin1String("QSQLITE")) {
            db = QSqlDatabase::addDatabase(driver, name);
            db.setDatabaseName(m_dir.filePath(name + QStringLiteral(".db")));
        } else {
#ifdef GW_HAVE_TESTPOSTGRES
            if (m_postgresUrl.isEmpty()) {
                *skip = m_postgresProblem;
                return {};
            }
            const QUrl url(m_postgres.createDatabase(name, error));
            if (url.isEmpty())
                return {};
            db = QSqlDatabase::addDatabase(driver, name);
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
#else
            *skip = m_postgresProblem;
            return {};
#endif
        }
        m_connections << name;
        if (!db.open()) {
            *error = db.lastError().text();
            return {};
        }
        return name;
    }

    static void ledgerRows()
    {
        QTest::addColumn<QString>("driver");
        QTest::addColumn<bool>("table");  // Ledger::Table, else Ledger::UserVersion
        QTest::newRow("sqlite, user_version") << "QSQLITE" << false;
        QTest::newRow("sqlite, table") << "QSQLITE" << true;
        QTest::newRow("postgresql, table") << "QPSQL" << true;
    }
    static void driverRows()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("sqlite") << "QSQLITE";
        QTest::newRow("postgresql") << "QPSQL";
    }

// Declares `QSqlDatabase var`, a new empty database on `driver` (see newDatabase), or skips/fails the test.
#define GW_NEW_DATABASE(var, driver)                                                                                   \
    QString var##Skip, var##Error;                                                                                     \
    const QString var##Name = newDatabase(driver, &var##Skip, &var##Error);                                            \
    if (var##Name.isEmpty() && !var##Skip.isEmpty())                                                                   \
        QSKIP(qPrintable(var##Skip));                                                                                  \
    QVERIFY2(!var##Name.isEmpty(), qPrintable(var##Error));                                                            \
    QSqlDatabase var = QSqlDatabase::database(var##Name)

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
#ifdef GW_HAVE_TESTPOSTGRES
        bool missing = false;
        m_postgresUrl = m_postgres.start(&m_postgresProblem, &missing);
        if (m_postgresUrl.isEmpty() && !missing)
            QFAIL(qPrintable(m_postgresProblem));
#else
        m_postgresProblem = QStringLiteral("built without the PostgreSQL test helper");
#endif
    }

    void cleanup()
    {
        for (const QString &name : std::as_const(m_connections)) {
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
        }
        m_connections.clear();
    }

    void freshDatabaseToLatest_data() { ledgerRows(); }
    void freshDatabaseToLatest()
    {
        QFETCH(QString, driver);
        QFETCH(bool, table);
        const Ledger ledger = table ? Ledger::Table : Ledger::UserVersion;
        GW_NEW_DATABASE(db, driver);
        const SchemaMigrator m = migrator(ledger, threeSteps());
        QCOMPARE(m.latestVersion(), 3);
        QCOMPARE(m.currentVersion(db), 0);

        // Part of the way, then the rest.
        Result r = m.migrate(db, 2);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(m.currentVersion(db), 2);
        QCOMPARE(single(db, "SELECT COUNT(*) FROM beta"), 1);
        r = m.migrate(db);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(m.currentVersion(db), 3);
        QCOMPARE(single(db, "SELECT COUNT(*) FROM alpha WHERE note = ''"), 1);
        if (ledger == Ledger::Table)
            QCOMPARE(single(db, "SELECT COUNT(*) FROM ledger WHERE applied_at <> ''"), 3);

        // Again: nothing runs (step 1's INSERT would fail on the primary key).
        const QStringList tables = tablesOf(db);
        r = m.migrate(db);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(tablesOf(db), tables);
        QCOMPARE(single(db, "SELECT COUNT(*) FROM alpha"), 1);
    }

    void stepsRunInVersionOrder()
    {
        GW_NEW_DATABASE(db, QStringLiteral("QSQLITE"));
        QList<SchemaMigrator::Step> steps = threeSteps();
        std::reverse(steps.begin(), steps.end());
        const SchemaMigrator m = migrator(Ledger::Table, steps);
        QCOMPARE(m.latestVersion(), 3);
        QCOMPARE(m.steps().first().version, 1);
        const Result r = m.migrate(db);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(single(db, "SELECT COUNT(*) FROM beta"), 1);
    }

    void failedStepIsRolledBackAndReported_data() { ledgerRows(); }
    void failedStepIsRolledBackAndReported()
    {
        QFETCH(QString, driver);
        QFETCH(bool, table);
        const Ledger ledger = table ? Ledger::Table : Ledger::UserVersion;
        GW_NEW_DATABASE(db, driver);
        QList<SchemaMigrator::Step> broken = threeSteps();
        broken[1].statements << QStringLiteral("INSERT INTO no_such_table (id) VALUES ('x')");

        const Result r = migrator(ledger, broken).migrate(db);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("storage_error"));
        QVERIFY2(r.message.text().contains(QLatin1String("2")) && r.message.text().contains(QLatin1String("no_such_table")),
                 qPrintable(r.message));
        // Step 1 stays, step 2 left nothing behind (its table and row went with it), step 3 never ran.
        QCOMPARE(migrator(ledger, broken).currentVersion(db), 1);
        QVERIFY(tablesOf(db).contains(QLatin1String("alpha")));
        QVERIFY(!tablesOf(db).contains(QLatin1String("beta")));
        QCOMPARE(single(db, "SELECT COUNT(*) FROM alpha WHERE note = ''"), -1);
        if (ledger == Ledger::Table)
            QCOMPARE(single(db, "SELECT COUNT(*) FROM ledger"), 1);

        // The mended program carries on from step 2.
        const Result mended = migrator(ledger, threeSteps()).migrate(db);
        QVERIFY2(mended.ok, qPrintable(mended.message));
        QCOMPARE(migrator(ledger, threeSteps()).currentVersion(db), 3);
        QCOMPARE(single(db, "SELECT COUNT(*) FROM beta"), 1);
    }

    void failedFirstStepLeavesAnEmptyDatabase()
    {
        GW_NEW_DATABASE(db, QStringLiteral("QSQLITE"));
        const SchemaMigrator m = migrator(Ledger::UserVersion, {{1, {"CREATE TABLE alpha (id TEXT)", "SELEC 1"}}});
        const Result r = m.migrate(db);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.text().contains(QLatin1String("SELEC 1")), qPrintable(r.message));
        QCOMPARE(m.currentVersion(db), 0);
        QVERIFY(db.tables().isEmpty());
    }

    void newerDatabaseIsRefused_data() { ledgerRows(); }
    void newerDatabaseIsRefused()
    {
        QFETCH(QString, driver);
        QFETCH(bool, table);
        const Ledger ledger = table ? Ledger::Table : Ledger::UserVersion;
        GW_NEW_DATABASE(db, driver);
        QList<SchemaMigrator::Step> future = threeSteps();
        future.append({7, {"CREATE TABLE gamma (id TEXT PRIMARY KEY)"}});
        QVERIFY(migrator(ledger, future).migrate(db).ok);
        const QStringList tables = tablesOf(db);

        const SchemaMigrator older = migrator(ledger, threeSteps());
        QCOMPARE(older.currentVersion(db), 7);
        Result r = older.migrate(db);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("schema_too_new"));
        QVERIFY2(r.message.text().contains(QLatin1String("7")) && r.message.text().contains(QLatin1String("3")), qPrintable(r.message));
        // The store's own sentence, when it gives one.
        r = migrator(ledger, threeSteps(), [](int found, int latest) {
                return QStringLiteral("found %1, know %2").arg(found).arg(latest);
            }).migrate(db);
        QCOMPARE(r.code, QStringLiteral("schema_too_new"));
        QCOMPARE(r.message.text(), QStringLiteral("found 7, know 3"));
        // Left as it was.
        QCOMPARE(tablesOf(db), tables);
        QCOMPARE(older.currentVersion(db), 7);
    }

    void unreadableLedgerIsReported()
    {
        GW_NEW_DATABASE(db, QStringLiteral("QSQLITE"));
        QVERIFY(runAll(db, {"CREATE TABLE ledger (something TEXT)"}));
        const SchemaMigrator m = migrator(Ledger::Table, threeSteps());
        QCOMPARE(m.currentVersion(db), -1);
        const Result r = m.migrate(db);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("storage_error"));
        QVERIFY(!tablesOf(db).contains(QLatin1String("alpha")));
    }

    // A server database whose city tables an older server made with CREATE TABLE IF NOT EXISTS: the city schema
    // takes them over as version 1, with their rows and their definitions unchanged, and the server's own ledger
    // untouched. A fresh database gets exactly the same tables.
    void cityTablesFromIfNotExistsMigrate_data() { driverRows(); }
    void cityTablesFromIfNotExistsMigrate()
    {
        QFETCH(QString, driver);
        GW_NEW_DATABASE(db, driver);
        // The server's schema, in its ledger table schema_migrations.
        const SchemaMigrator server({{1, {"CREATE TABLE events (server_seq BIGINT PRIMARY KEY)"}},
                                     {2, {"CREATE TABLE attachments (sha256 TEXT PRIMARY KEY)"}}},
                                    Ledger::Table, QStringLiteral("schema_migrations"));
        QVERIFY(server.migrate(db).ok);
        // What an older server's city adapter left behind.
        QVERIFY(runAll(db, OldCityStatements));
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1764000000000, Qt::UTC);
        {
            CityOutbox old(db);
            CityOutboxMessage m;
            m.id = QStringLiteral("m-1");
            m.idempotencyKey = QStringLiteral("gw:case-a:escalation");
            m.caseId = QStringLiteral("case-a");
            m.kind = CityOutboxMessage::Kind::Escalation;
            m.body = QJsonObject{{"text", QStringLiteral("拓东街道")}};
            m.createdAt = t0;
            QVERIFY(old.link("case-a", "escalated", "C-1", t0).ok);
            QVERIFY(old.enqueue(m).ok);
            QVERIFY(old.setMetaValue("pull_cursor", "2026-11-25T00:00:00.000Z").ok);
        }
        const QStringList legacySchema = citySchema(db);
        QCOMPARE(legacySchema.isEmpty(), false);
        QCOMPARE(CityMigrations::currentVersion(db), 0);

        CityOutbox outbox(db);
        Result r = outbox.ensureSchema();
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(CityMigrations::currentVersion(db), CityMigrations::latestVersion());
        QCOMPARE(citySchema(db), legacySchema);
        QCOMPARE(outbox.message("m-1")->body.value("text").toString(), QStringLiteral("拓东街道"));
        QCOMPARE(outbox.cityRequestIdOf("case-a"), QStringLiteral("C-1"));
        QCOMPARE(outbox.metaValue("pull_cursor"), QStringLiteral("2026-11-25T00:00:00.000Z"));
        QCOMPARE(server.currentVersion(db), 2);
        QCOMPARE(single(db, "SELECT COUNT(*) FROM schema_migrations"), 2);
        // Every later start: nothing to do.
        r = outbox.ensureSchema();
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(single(db, "SELECT COUNT(*) FROM city_schema_migrations"), qint64(CityMigrations::latestVersion()));

        GW_NEW_DATABASE(fresh, driver);
        QVERIFY(server.migrate(fresh).ok);
        r = CityOutbox(fresh).ensureSchema();
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(citySchema(fresh), legacySchema);
    }

    void newerCityTablesAreRefused()
    {
        GW_NEW_DATABASE(db, QStringLiteral("QSQLITE"));
        CityOutbox outbox(db);
        QVERIFY(outbox.ensureSchema().ok);
        QVERIFY(runAll(db, {"INSERT INTO city_schema_migrations (version, applied_at) VALUES (99, '2030-01-01')"}));
        const Result r = outbox.ensureSchema();
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("schema_too_new"));
        QVERIFY2(r.message.text().contains(QLatin1String("99")), qPrintable(r.message));
    }
};

QTEST_GUILESS_MAIN(TestSchemaMigrator)
#include "tst_schemamigrator.moc"

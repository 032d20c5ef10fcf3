// The administrator's side of the server: settings file and environment, the data-dir lock,
// online backup and offline restore (docs/server.md), against the real gridwhistle-server process.
#include "accesspolicy.h"
#include "categorycatalog.h"
#include "apiclient.h"
#include "auditchain.h"
#include "casedraft.h"
#include "eventbuilder.h"
#include "serverprocess.h"
#include "serveroptions.h"
#include "servermigrations.h"
#include "serversettingsfile.h"
#include "serverstore.h"
#include "referencestore.h"
#include "adminlogentry.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QProcess>
#include <QTemporaryDir>
#include "orgdirectory.h"
#include <QtTest>

using namespace gw;
using namespace gw::test;

class TstServerAdmin : public QObject
{
    Q_OBJECT

    static void writeFile(const QString &path, const QByteArray &text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

    // Runs `gridwhistle-server <args>` to completion (backup/restore) and returns its exit code.
    static int runServerCommand(const QStringList &args, QString *out, QString *err)
    {
        QProcess p;
        p.start(ServerProcess::executable(), args);
        if (!p.waitForFinished(60000))
            return -1;
        *out = QString::fromUtf8(p.readAllStandardOutput());
        *err = QString::fromUtf8(p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    static int registerCases(ApiClient &api, const QString &token, int count)
    {
        const User actor = User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"),
                                      QStringLiteral("Demo"));
        QJsonArray events;
        for (int i = 0; i < count; ++i) {
            CaseDraft d;
            d.title = QStringLiteral("井盖破损 %1").arg(i);
            d.description = QStringLiteral("拓东路人行道井盖破损，行人易绊倒");
            d.categoryId = QStringLiteral("city_appearance");
            d.streetId = QStringLiteral("street.tuodong");
            d.communityId = QStringLiteral("community.tuodong.1");
            d.address = QStringLiteral("拓东路 %1 号").arg(i + 1);
            CaseEvent e = EventBuilder(actor, QStringLiteral("admin-test")).registerCase(d);
            AuditChain::seal(e, 1, {});
            events.append(e.toJson());
        }
        return api.post(QStringLiteral("/api/v1/events"), {{QStringLiteral("events"), events}}, token).status;
    }

    static qint64 serverEvents(ApiClient &api, const QString &token)
    {
        return api.get(QStringLiteral("/api/v1/stats"), token).json.value(QStringLiteral("events")).toInteger(-1);
    }

private Q_SLOTS:
    void settingsFileBecomesArguments()
    {
        QTemporaryDir dir;
        const QString conf = dir.filePath(QStringLiteral("server.conf"));
        writeFile(conf, "# district server\n\nGW_SERVER_DATA_DIR=/var/lib/gw\nexport GW_SERVER_PORT = 9443\n"
                        "GW_SERVER_CITY_CONFIG=\"/etc/gridwhistle/city config.json\"\nGW_SERVER_DEMO_USERS=false\n"
                        "GW_SERVER_VERBOSE=yes\n");
        QProcessEnvironment env;
        env.insert(QStringLiteral("GW_SERVER_PORT"), QStringLiteral("10443"));
        env.insert(QStringLiteral("UNRELATED"), QStringLiteral("x"));
        QStringList expanded;
        QString error;
        QVERIFY2(ServerSettingsFile::expand({"gridwhistle-server", "--config", conf, "--port", "11443"}, env, &expanded, &error),
                 qPrintable(error));
        QCOMPARE(expanded, QStringList({"gridwhistle-server", "--data-dir", "/var/lib/gw", "--port", "9443", "--city-config",
                                        "/etc/gridwhistle/city config.json", "--verbose", "--port", "10443", "--port",
                                        "11443"}));
        ServerOptions options;
        QVERIFY2(ServerOptions::parse(expanded, &options, &error), qPrintable(error));
        QCOMPARE(options.port, 11443);  // command line beats environment beats file
        QCOMPARE(options.dataDir, QStringLiteral("/var/lib/gw"));
        QVERIFY(options.verbose);
        QVERIFY(!options.demoUsers);
    }

    void badSettingsFilesAreExplained_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not key=value") << QByteArray("GW_SERVER_PORT 9443\n") << "line 1: expected KEY=VALUE";
        QTest::newRow("foreign key") << QByteArray("# x\nPORT=9443\n") << "line 2: \"PORT\" is not a server setting";
        QTest::newRow("open quote") << QByteArray("GW_SERVER_DATA_DIR=\"/var/lib\n") << "quote in the value is not closed";
        QTest::newRow("nested config") << QByteArray("GW_SERVER_CONFIG=/x\n") << "GW_SERVER_CONFIG cannot be set";
    }
    void badSettingsFilesAreExplained()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString conf = dir.filePath(QStringLiteral("server.conf"));
        writeFile(conf, text);
        QStringList expanded;
        QString error;
        QVERIFY(!ServerSettingsFile::expand({"gridwhistle-server", "--config", conf}, {}, &expanded, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void unknownSettingIsRefusedByTheServer()
    {
        QTemporaryDir dir;
        const QString conf = dir.filePath(QStringLiteral("server.conf"));
        writeFile(conf, "GW_SERVER_DATA_DIR=" + dir.path().toUtf8() + "\nGW_SERVER_LISTEN_PORT=1\n");
        QString out, err;
        QCOMPARE(runServerCommand({"--config", conf}, &out, &err), 2);
        QVERIFY2(err.contains(QStringLiteral("--listen-port")), qPrintable(err));
    }

    void startsFromSettingsFileAndLocksItsDataDir()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString conf = dir.filePath(QStringLiteral("server.conf"));
        writeFile(conf, "GW_SERVER_DEMO_USERS=true\n");
        ServerProcess first;
        QString err = first.start(data, {"--config", conf});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        ApiClient api(first.url(), data + QStringLiteral("/dev-cert.pem"));
        QVERIFY2(!api.login(QStringLiteral("tuodong"), QStringLiteral("gw-demo-2026")).isEmpty(), "demo users from the file");
        // Log lines carry a UTC timestamp and a level.
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z info "),
                                    QRegularExpression::MultilineOption).match(first.output()).hasMatch(),
                 qPrintable(first.output()));

        ServerProcess second;
        err = second.start(data, {});
        QVERIFY(!err.isEmpty());
        QVERIFY2(err.contains(QStringLiteral("is using the data directory")), qPrintable(err));

        first.kill();  // a killed server leaves a stale lock, which the next start takes over
        ServerProcess third;
        err = third.start(data, {});
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    // A database written before step clocks (projection format 1): the first start replays its cases, so the
    // cases show their clocks and `verify` finds the stored state equal to the replay, not "tampered".
    // Issue 17's schema step (3) on a database left by the previous version: accounts keep working, none is
    // suddenly forced to change its password, and the administrative log starts empty and then chains.
    void version2DatabaseUpgradesInPlace()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("server.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            const SchemaMigrator v2(ServerMigrations::steps().mid(0, 2), SchemaMigrator::Ledger::Table,
                                    QStringLiteral("schema_migrations"));
            QVERIFY(v2.migrate(db).ok);
            QCOMPARE(ServerMigrations::currentVersion(db), 2);
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO users (id, name, role, org_unit, active, password_hash, salt, iterations,"
                                          " created_at, updated_at) VALUES ('tuodong', '拓东', 'street_operator', 'street.tuodong',"
                                          " 1, 'x', 'y', 1000, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));

        ServerStore::Options options;
        options.pbkdf2Iterations = 1000;
        ServerStore store(options);
        QVERIFY(store.openSqlite(file).ok);
        QCOMPARE(ServerMigrations::currentVersion(store.database()), ServerMigrations::latestVersion());
        const std::optional<User> kept = store.accounts().user(QStringLiteral("tuodong"));
        QVERIFY(kept);
        QCOMPARE(kept->mustChangePassword, false);
        QCOMPARE(store.adminLog().count(), 0);
        QVERIFY(store.accounts().setPassword(QStringLiteral("tuodong"), QStringLiteral("Tuodong-2026"), QStringLiteral("admin"), true).ok);
        QVERIFY(store.accounts().user(QStringLiteral("tuodong"))->mustChangePassword);
        User renamed = *kept;
        renamed.name = QStringLiteral("拓东街道值班");
        QVERIFY(store.accounts().updateUser(renamed, QStringLiteral("admin")).ok);
        QVERIFY(store.accounts().updateUser(renamed, QStringLiteral("admin")).ok);  // no change: no entry
        QCOMPARE(store.adminLog().count(), 2);
        qint64 checked = 0;
        QVERIFY(store.adminLog().verify(&checked).ok());
        QCOMPARE(checked, 2);
        const QList<AdminLogEntry> page = store.adminLog().page(0, 10);
        QCOMPARE(page.first().action, AdminLogEntry::AccountUpdated);
        QCOMPARE(page.first().details.value("changes").toObject().value("name").toArray().at(1).toString(), QStringLiteral("拓东街道值班"));
        QCOMPARE(page.last().action, AdminLogEntry::AccountPasswordReset);
        QVERIFY(!QJsonDocument(page.last().toJson()).toJson().contains("Tuodong-2026"));

        // Issue 16 (schema step 5): an account from before grants holds none; the assessment administrator grant is
        // given and logged like any change, and an unknown grant is refused naming the field.
        QVERIFY(kept->grants.isEmpty());
        User granted = renamed;
        granted.grants = {User::AssessmentAdministrator};
        QVERIFY(store.accounts().updateUser(granted, QStringLiteral("admin")).ok);
        QCOMPARE(store.accounts().user(QStringLiteral("tuodong"))->grants, granted.grants);
        QVERIFY(AccessPolicy::canManageIndicators(*store.accounts().user(QStringLiteral("tuodong"))));
        const AdminLogEntry grantEntry = store.adminLog().page(0, 1).first();
        QCOMPARE(grantEntry.details.value("changes").toObject().keys(), QStringList{QStringLiteral("grants")});
        QVERIFY2(grantEntry.summary().english().contains(QStringLiteral("grants: none → assessment administrator")),
                 qPrintable(grantEntry.summary().english()));
        User unknown = granted;
        unknown.grants = {QStringLiteral("superuser")};
        const Result refused = store.accounts().updateUser(unknown, QStringLiteral("admin"));
        QCOMPARE(refused.field, QStringLiteral("grants"));
        QCOMPARE(store.adminLog().count(), 3);

        // Issue 16: the shipped calendar, categories and org directory become the district's reference data once, at
        // the first start after the upgrade, and never again.
        QVERIFY(!store.reference().current(ReferenceSet::Calendar));
        QVERIFY(!store.reference().current(ReferenceSet::Categories));
        QVERIFY(!store.reference().current(ReferenceSet::Org));
        QVERIFY(store.reference().seedAndInstall().ok);
        QVERIFY(store.reference().seedAndInstall().ok);
        const std::optional<ReferenceSet> calendar = store.reference().current(ReferenceSet::Calendar);
        QVERIFY(calendar);
        QCOMPARE(calendar->version, 1);
        QCOMPARE(calendar->changedBy, QStringLiteral("system"));
        const std::optional<ReferenceSet> categories = store.reference().current(ReferenceSet::Categories);
        QVERIFY(categories);
        QCOMPARE(categories->version, 1);
        QCOMPARE(categories->body, CategoryCatalog::shipped().toJson());
        const std::optional<ReferenceSet> org = store.reference().current(ReferenceSet::Org);
        QVERIFY(org);
        QCOMPARE(org->version, 1);
        QCOMPARE(org->body, OrgDirectory::shipped().toBody());
        QVERIFY(store.reference().current(ReferenceSet::Phrases));
        QVERIFY(store.reference().current(ReferenceSet::Indicators));
        QCOMPARE(store.adminLog().count(), 8);  // 3 account entries, 5 kinds imported
        QCOMPARE(store.adminLog().page(0, 1).first().action, AdminLogEntry::ReferenceImported);
    }

    void projectionsUpgradedAtStart()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        ServerProcess server;
        QString err = server.start(data, {"--demo-users"});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        {
            ApiClient api(server.url(), data + QStringLiteral("/dev-cert.pem"));
            const QString token = api.login(QStringLiteral("tuodong"), QStringLiteral("gw-demo-2026"));
            QCOMPARE(registerCases(api, token, 3), 200);
        }
        server.stop();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old-format"));
            db.setDatabaseName(data + QStringLiteral("/server.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT id, state FROM cases")));
            QList<QPair<QString, QByteArray>> rows;
            while (q.next()) {
                QJsonObject state = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
                QVERIFY(state.contains(QStringLiteral("stepDue")));
                for (const char *key : {"step", "stepUnit", "stepStartedAt", "stepDue", "steps"})
                    state.remove(QLatin1String(key));
                rows.append({q.value(0).toString(), QJsonDocument(state).toJson(QJsonDocument::Compact)});
            }
            QCOMPARE(rows.size(), 3);
            for (const auto &[id, state] : std::as_const(rows)) {
                QSqlQuery u(db);
                u.prepare(QStringLiteral("UPDATE cases SET state = ? WHERE id = ?"));
                u.addBindValue(QString::fromUtf8(state));
                u.addBindValue(id);
                QVERIFY(u.exec());
            }
            QVERIFY(q.exec(QStringLiteral("DELETE FROM counters WHERE name = 'projection_format'")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old-format"));

        err = server.start(data, {});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        server.stop();
        QString out;
        QCOMPARE(runServerCommand({"verify", "--data-dir", data}, &out, &err), 0);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("upgraded"));
        db.setDatabaseName(data + QStringLiteral("/server.sqlite"));
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT state FROM cases")));
            int withClock = 0;
            while (q.next())
                withClock += QJsonDocument::fromJson(q.value(0).toByteArray()).object().contains(QStringLiteral("stepDue"));
            QCOMPARE(withClock, 3);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("upgraded"));
    }

    void backupWhileRunningRestoreWhenStopped()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        ServerProcess server;
        QString err = server.start(data, {"--demo-users"});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        ApiClient api(server.url(), data + QStringLiteral("/dev-cert.pem"));
        const QString token = api.login(QStringLiteral("tuodong"), QStringLiteral("gw-demo-2026"));
        QVERIFY(!token.isEmpty());
        QCOMPARE(registerCases(api, token, 5), 200);
        const QString admin = api.login(QStringLiteral("supervisor"), QStringLiteral("gw-demo-2026"));
        const qint64 atBackup = serverEvents(api, admin);
        QVERIFY2(atBackup >= 5, qPrintable(QString::number(atBackup)));

        const QString backup = dir.filePath(QStringLiteral("gw-backup.sqlite"));
        QString out;
        QCOMPARE(runServerCommand({"backup", "--data-dir", data, "--output", backup}, &out, &err), 0);
        QVERIFY2(out.contains(QStringLiteral("integrity check passed")), qPrintable(out + err));
        QVERIFY(QFile::exists(backup));
        // Never overwrites.
        QCOMPARE(runServerCommand({"backup", "--data-dir", data, "--output", backup}, &out, &err), 1);
        QVERIFY2(err.contains(QStringLiteral("already exists")), qPrintable(err));

        // Work after the backup, then restore while running: refused.
        QCOMPARE(registerCases(api, token, 3), 200);
        QVERIFY(serverEvents(api, admin) > atBackup);
        QCOMPARE(runServerCommand({"restore", "--data-dir", data, "--input", backup}, &out, &err), 1);
        QVERIFY2(err.contains(QStringLiteral("Stop it first")), qPrintable(err));

        // A damaged backup is refused and changes nothing.
        server.stop();
        const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
        writeFile(garbage, QByteArray(8192, 'x'));
        QCOMPARE(runServerCommand({"restore", "--data-dir", data, "--input", garbage}, &out, &err), 1);
        QVERIFY2(err.contains(QStringLiteral("garbage.sqlite")), qPrintable(err));
        QVERIFY(QFile::exists(data + QStringLiteral("/server.sqlite")));

        QCOMPARE(runServerCommand({"restore", "--data-dir", data, "--input", backup}, &out, &err), 0);
        QVERIFY2(out.contains(QStringLiteral("previous database was kept")), qPrintable(out + err));
        QDir dataDir(data);
        QVERIFY(!dataDir.entryList({QStringLiteral("server.sqlite.before-restore-*")}).isEmpty());

        err = server.start(data, {});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        ApiClient again(server.url(), data + QStringLiteral("/dev-cert.pem"));
        const QString admin2 = again.login(QStringLiteral("supervisor"), QStringLiteral("gw-demo-2026"));
        QVERIFY(!admin2.isEmpty());
        QCOMPARE(serverEvents(again, admin2), atBackup);
    }
};

QTEST_GUILESS_MAIN(TstServerAdmin)
#include "tst_serveradmin.moc"

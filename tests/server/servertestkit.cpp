#include "servertestkit.h"
#include "serverprocess.h"
#include "testpki.h"
#include "testpostgres.h"
#include "auditchain.h"
#include "casedraft.h"
#include "eventbuilder.h"
#include <QJsonArray>
#include <QProcess>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUuid>

namespace gw::test {

QString startDemoServerWithAdmin(ServerProcess &server, TestPki &pki, const QString &dir, QString *adminPassword,
                                 QString *adminToken)
{
    QString err = pki.generate(dir);
    if (err.isEmpty())
        err = server.start(dir + QStringLiteral("/server"), {"--cert", pki.certFile, "--key", pki.keyFile, "--demo-users"});
    if (!err.isEmpty())
        return err;
    return signInInitialAdmin(server, pki.caFile, adminPassword, adminToken);
}

QString signInInitialAdmin(const ServerProcess &server, const QString &caFile, QString *adminPassword, QString *adminToken)
{
    *adminPassword = initialAdminPassword(server.output());
    if (adminPassword->isEmpty())
        return QStringLiteral("no initial admin password in the server's output: ") + server.output();
    ApiClient api(server.url(), caFile);
    *adminToken = adminWithOwnPassword(api, adminPassword);
    return adminToken->isEmpty() ? QStringLiteral("the initial admin could not set their own password") : QString();
}

QString demoServerArguments(TestPki &pki, const QString &dir, TestPostgres &postgres, QStringList *args,
                            QString *databaseUrl, bool *skip)
{
    *skip = false;
    QString err = pki.generate(dir);
    if (!err.isEmpty())
        return err;
    *args = QStringList{"--cert", pki.certFile, "--key", pki.keyFile, "--demo-users"};
    if (qgetenv("GW_TEST_BACKEND") != "postgresql")
        return {};
    const QString url = postgres.start(&err, skip);
    if (url.isEmpty())
        return err.isEmpty() ? QStringLiteral("PostgreSQL did not start") : err;
    if (databaseUrl)
        *databaseUrl = url;
    *args << "--database" << url;
    return {};
}

CaseEvent registrationEvent(const User &actor, const QString &street, const QString &community, const QString &title)
{
    CaseDraft d;
    d.title = title;
    d.description = QStringLiteral("拓东路 12 号门前路灯连续三晚不亮");
    d.categoryId = QStringLiteral("city_appearance");
    d.streetId = street;
    d.communityId = community;
    d.address = QStringLiteral("拓东路 12 号");
    return EventBuilder(actor, QStringLiteral("test-device")).registerCase(d);
}

CaseEvent sealedForPush(CaseEvent event)
{
    AuditChain::seal(event, 1, {});
    return event;
}

QJsonObject pushBody(const QList<CaseEvent> &events)
{
    QJsonArray arr;
    for (const CaseEvent &e : events)
        arr.append(sealedForPush(e).toJson());
    return {{QStringLiteral("events"), arr}};
}

ApiClient::Response pushEvents(ApiClient &api, const QList<CaseEvent> &events, const QString &token)
{
    return api.post(QStringLiteral("/api/v1/events"), pushBody(events), token);
}

QString initialAdminPassword(const QString &serverOutput)
{
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("account \"admin\" with password (\\S+) ")).match(serverOutput);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString adminWithOwnPassword(ApiClient &api, QString *password)
{
    if (api.login(QStringLiteral("admin"), *password).isEmpty())
        return {};
    const QString own = *password + QStringLiteral("-own");
    const ApiClient::Response changed =
        api.post(QStringLiteral("/api/v1/me/password"), {{"current", *password}, {"new", own}},
                 api.login(QStringLiteral("admin"), *password));
    if (changed.status != 200)
        return {};
    *password = own;
    return changed.json.value(QStringLiteral("token")).toString();
}

namespace {

// Runs `body` on a read-only connection of its own to `file`.
template <typename Body>
bool withSqlite(const QString &file, QString *error, Body body)
{
    const QString name = QStringLiteral("gw-testkit-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            if (error)
                *error = db.lastError().text();
        } else {
            ok = body(db);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

VerifyRun runVerify(const QString &dataDir, const QString &databaseUrl)
{
    QStringList args{QStringLiteral("verify"), QStringLiteral("--data-dir"), dataDir};
    if (!databaseUrl.isEmpty())
        args << QStringLiteral("--database") << databaseUrl;
    QProcess p;
    p.start(ServerProcess::executable(), args);
    VerifyRun r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return r;
}

QSqlDatabase serverDatabase(const QString &name, const QString &sqliteFile, const QString &databaseUrl)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(databaseUrl.isEmpty() ? "QSQLITE" : "QPSQL", name);
    if (databaseUrl.isEmpty()) {
        db.setDatabaseName(sqliteFile);
    } else {
        const QUrl url(databaseUrl);
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    }
    return db;
}

QMap<QString, qint64> sqliteRowCounts(const QString &file, QString *error)
{
    QMap<QString, qint64> counts;
    withSqlite(file, error, [&](QSqlDatabase &db) {
        for (const QString &table : db.tables()) {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(table)) || !q.next()) {
                if (error)
                    *error = q.lastError().text();
                counts.clear();
                return false;
            }
            counts.insert(table, q.value(0).toLongLong());
        }
        return true;
    });
    return counts;
}

QByteArray sqliteAllText(const QString &file, QString *error)
{
    QByteArray all;
    withSqlite(file, error, [&](QSqlDatabase &db) {
        for (const QString &table : db.tables()) {
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (!q.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table)))
                return false;
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i) {
                    const QVariant v = q.value(i);
                    all += v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
                    all += '\n';
                }
            }
        }
        return true;
    });
    return all;
}

} // namespace gw::test

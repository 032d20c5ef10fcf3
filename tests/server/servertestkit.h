#pragma once
// Helpers shared by the server, sync and security tests: events ready to push, the initial admin password
// from the server's output, and direct reads of a server's SQLite file (row counts, every stored text).
#include "apiclient.h"
#include "caseevent.h"
#include "user.h"
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace gw::test {

// The demo password of --demo-users accounts (ServerApp::DemoPassword).
inline const QString DemoPassword = QStringLiteral("gw-demo-2026");

// A registration of a new case in `street` by `actor`, as a client makes it.
CaseEvent registrationEvent(const User &actor, const QString &street, const QString &community,
                            const QString &title = QStringLiteral("路灯不亮"));
// Sealed as a client seals it offline (position 1, no predecessor); the server re-seals at its place.
CaseEvent sealedForPush(CaseEvent event);
// {"events": [...]} for POST /api/v1/events.
QJsonObject pushBody(const QList<CaseEvent> &events);
ApiClient::Response pushEvents(ApiClient &api, const QList<CaseEvent> &events, const QString &token);
// "Created the initial account "admin" with password X": X, or empty.
QString initialAdminPassword(const QString &serverOutput);
// The initial admin must set their own password before anything else (issue 17): signs in with *password, sets a
// new one (written back to *password) and returns the new session's token; empty on failure.
QString adminWithOwnPassword(ApiClient &api, QString *password);

struct TestPki;
class ServerProcess;
class TestPostgres;

// Once `server` has started: the initial admin named in its output sets their own password (written to
// *adminPassword) and signs in (*adminToken). Empty on success, else why.
QString signInInitialAdmin(const ServerProcess &server, const QString &caFile, QString *adminPassword, QString *adminToken);

// A demo server (its certificate made in `dir`, the demo accounts) whose initial admin has set their own password:
// that password and the admin's session token come back. Empty on success, else why.
QString startDemoServerWithAdmin(ServerProcess &server, TestPki &pki, const QString &dir, QString *adminPassword,
                                 QString *adminToken);

// What a test server starts with: a certificate made in `dir` (by `pki`), the demo accounts, and with
// GW_TEST_BACKEND=postgresql a throwaway PostgreSQL cluster started in `postgres` (its URL in *databaseUrl).
// Empty on success; otherwise why, with *skip true when PostgreSQL is not installed (the test skips, not fails).
QString demoServerArguments(TestPki &pki, const QString &dir, TestPostgres &postgres, QStringList *args,
                            QString *databaseUrl, bool *skip);

// A connection of the test's own, named `name`, to a server's database behind the server's back: the SQLite file, or
// with a `databaseUrl` the PostgreSQL database it names. Not opened; the caller removes it when done.
QSqlDatabase serverDatabase(const QString &name, const QString &sqliteFile, const QString &databaseUrl);

// `gridwhistle-server verify` on a data folder (and a PostgreSQL database when `databaseUrl` is given): its exit code
// (-1 when it did not finish within two minutes) and everything it printed.
struct VerifyRun {
    int exitCode = -1;
    QString output;
};
VerifyRun runVerify(const QString &dataDir, const QString &databaseUrl = QString());

// Rows per table of a SQLite database file, read over a connection of its own. Empty map when unreadable.
QMap<QString, qint64> sqliteRowCounts(const QString &file, QString *error = nullptr);
// Every value of every row of every table, as UTF-8 text (for searching secrets that must not be stored).
QByteArray sqliteAllText(const QString &file, QString *error = nullptr);

} // namespace gw::test

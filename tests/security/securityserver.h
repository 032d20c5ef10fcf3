#pragma once
// One real gridwhistle-server for a security test class: a test PKI, the demo accounts plus a second street
// (Gulou) with its own operator and reporter, every account logged in, and the city exchange switched on
// against an address where nothing listens (so its admin endpoints exist and answer).
#include "apiclient.h"
#include "caserecord.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "testpki.h"
#include "user.h"
#include <QHash>
#include <QMap>
#include <QTemporaryDir>
#include <memory>

namespace gw::test {

class SecurityServer
{
public:
    // Empty on success, else what went wrong.
    QString start(const QStringList &extraArgs = {});
    void stop() { process.stop(); }

    QString token(const QString &userId) const { return tokens.value(userId); }
    User account(const QString &userId) const { return accounts.value(userId); }
    QStringList accountIds() const { return accounts.keys(); }
    QString databaseFile() const { return dir.filePath(QStringLiteral("data/server.sqlite")); }
    QMap<QString, qint64> rowCounts() const { return sqliteRowCounts(databaseFile()); }
    // Fetches a case as the administrator sees it (the server's current projection).
    bool fetchCase(const QString &caseId, CaseRecord *record);

    QTemporaryDir dir;
    TestPki pki;
    ServerProcess process;
    std::unique_ptr<ApiClient> api;
    QString adminPassword;
    QHash<QString, QString> tokens;   // account id -> bearer token
    QHash<QString, User> accounts;    // account id -> the account as the server holds it
};

} // namespace gw::test

#include "securityserver.h"
#include "caserecord.h"
#include <QFile>
#include <QJsonDocument>

namespace gw::test {

QString SecurityServer::start(const QStringList &extraArgs)
{
    if (!dir.isValid())
        return QStringLiteral("no temporary directory");
    QString err = pki.generate(dir.path());
    if (!err.isEmpty())
        return err;
    // Port 1 on loopback: nothing answers; long intervals keep the exchange quiet unless an admin asks.
    QFile city(dir.filePath(QStringLiteral("city.json")));
    if (!city.open(QIODevice::WriteOnly))
        return city.errorString();
    city.write(QJsonDocument(QJsonObject{{"baseUrl", "https://127.0.0.1:1/open311/v2/"},
                                         {"apiKey", "security-test-key"},
                                         {"caFile", pki.caFile},
                                         {"timeoutMs", 300},
                                         {"backoffBaseMs", 60000},
                                         {"backoffCapMs", 60000},
                                         {"outboxIntervalMs", 600000},
                                         {"pullIntervalMs", 86400000},
                                         {"reconcileIntervalMs", 86400000}})
                   .toJson());
    city.close();
    err = process.start(dir.filePath(QStringLiteral("data")),
                        QStringList{"--cert", pki.certFile, "--key", pki.keyFile, "--demo-users", "--city-config",
                                    city.fileName()} + extraArgs);
    if (!err.isEmpty())
        return err;
    adminPassword = initialAdminPassword(process.output());
    if (adminPassword.isEmpty())
        return QStringLiteral("no admin password in: ") + process.output();
    api = std::make_unique<ApiClient>(process.url(), pki.caFile);
    tokens.insert(QStringLiteral("admin"), adminWithOwnPassword(*api, &adminPassword));
    // The second street: an operator and a community reporter of Gulou.
    const QList<User> extra{User::make("gulou", Role::StreetOperator, "street.gulou", "Gulou operator"),
                            User::make("gulou.reporter", Role::CommunityReporter, "community.gulou.1", "Gulou reporter")};
    for (const User &u : extra) {
        QJsonObject body = u.toJson();
        body.insert(QStringLiteral("password"), DemoPassword);
        const ApiClient::Response r = api->post(QStringLiteral("/api/v1/users"), body, token(QStringLiteral("admin")));
        if (r.status != 201)
            return QStringLiteral("creating %1: %2").arg(u.id, QString::fromUtf8(r.raw));
    }
    for (const char *id : {"dispatcher", "reviewer", "supervisor", "tuodong", "shifu", "chengguan", "zhujian", "gulou",
                           "gulou.reporter"})
        tokens.insert(QLatin1String(id), api->login(QLatin1String(id), DemoPassword));
    const ApiClient::Response list = api->get(QStringLiteral("/api/v1/users"), token(QStringLiteral("admin")));
    for (const QJsonValue &v : list.json.value(QStringLiteral("users")).toArray()) {
        User u;
        Message why;
        if (User::fromJson(v.toObject(), &u, &why) && tokens.contains(u.id))
            accounts.insert(u.id, u);
    }
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it)
        if (it.value().isEmpty() || !accounts.contains(it.key()))
            return QStringLiteral("cannot log in as %1").arg(it.key());
    return {};
}

bool SecurityServer::fetchCase(const QString &caseId, CaseRecord *record)
{
    const ApiClient::Response r = api->get(QStringLiteral("/api/v1/cases/") + caseId, token(QStringLiteral("admin")));
    if (r.status != 200)
        return false;
    *record = CaseRecord::fromJson(r.json.value(QStringLiteral("case")).toObject());
    return true;
}

} // namespace gw::test

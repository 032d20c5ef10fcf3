#include "cityconfig.h"
#include <QCoreApplication>
#include <QFileInfo>

namespace gw {

static Message tr(const char *text) { return Message::translate("gw::CityConfig", text); }

CityConfig::CityConfig()
{
    intakeUser.id = QStringLiteral("city.bridge");
    intakeUser.name = tr("City platform bridge").text();
    intakeUser.role = Role::CenterDispatcher;
    intakeUser.orgUnitId = QStringLiteral("center.district");
}

Result CityConfig::validate() const
{
    QList<Message> errors;
    if (!baseUrl.isValid() || baseUrl.host().isEmpty())
        errors.append(tr("city.baseUrl must be an absolute URL."));
    else if (baseUrl.scheme() != QLatin1String("https") && !(allowPlainHttp && baseUrl.scheme() == QLatin1String("http")))
        errors.append(tr("city.baseUrl must use https (plain http only with allowPlainHttp, for development)."));
    if (apiKey.isEmpty() && bearerToken.isEmpty())
        errors.append(tr("Give city.apiKey or city.bearerToken."));
    if (!caFile.isEmpty() && !QFileInfo(caFile).isReadable())
        errors.append(tr("city.caFile %1 cannot be read.").arg(caFile));
    if (timeoutMs < 100)
        errors.append(tr("city.timeoutMs must be at least 100."));
    if (backoffBaseMs < 10 || backoffCapMs < backoffBaseMs)
        errors.append(tr("city.backoffBaseMs must be at least 10 and city.backoffCapMs not below it."));
    if (maxAttempts < 0 || maxPages < 1)
        errors.append(tr("city.maxAttempts must not be negative and city.maxPages must be positive."));
    if (intakeUser.role != Role::CenterDispatcher)
        errors.append(tr("The city intake user must be a center dispatcher."));
    if (!errors.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), Message::lines(errors));
    return Result::success();
}

Result CityConfig::fromJson(const QJsonObject &o, CityConfig *config)
{
    CityConfig c;
    QList<Message> errors;
    static const QStringList known{"baseUrl", "formatSuffix", "apiKey", "apiKeyHeader", "bearerToken", "caFile",
                                   "allowPlainHttp", "timeoutMs", "backoffBaseMs", "backoffCapMs", "maxAttempts",
                                   "pullIntervalMs", "outboxIntervalMs", "reconcileIntervalMs", "maxPages",
                                   "intakeUserId", "deviceId"};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            errors.append(tr("Unknown city setting \"%1\".").arg(it.key()));
    auto number = [&](const char *key, int *out) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return;
        if (!v.isDouble() || v.toDouble() != double(v.toInt()))
            errors.append(tr("city.%1 must be a whole number.").arg(QLatin1String(key)));
        else
            *out = v.toInt();
    };
    c.baseUrl = QUrl(o.value("baseUrl").toString());
    c.formatSuffix = o.value("formatSuffix").toString(c.formatSuffix);
    c.apiKey = o.value("apiKey").toString();
    c.apiKeyHeader = o.value("apiKeyHeader").toString(QString::fromLatin1(c.apiKeyHeader)).toLatin1();
    c.bearerToken = o.value("bearerToken").toString();
    c.caFile = o.value("caFile").toString();
    c.allowPlainHttp = o.value("allowPlainHttp").toBool(false);
    number("timeoutMs", &c.timeoutMs);
    number("backoffBaseMs", &c.backoffBaseMs);
    number("backoffCapMs", &c.backoffCapMs);
    number("maxAttempts", &c.maxAttempts);
    number("pullIntervalMs", &c.pullIntervalMs);
    number("outboxIntervalMs", &c.outboxIntervalMs);
    number("reconcileIntervalMs", &c.reconcileIntervalMs);
    number("maxPages", &c.maxPages);
    if (o.contains("intakeUserId"))
        c.intakeUser.id = o.value("intakeUserId").toString();
    c.deviceId = o.value("deviceId").toString(c.deviceId);
    if (!errors.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), Message::lines(errors));
    const Result r = c.validate();
    if (r.ok)
        *config = c;
    return r;
}

} // namespace gw

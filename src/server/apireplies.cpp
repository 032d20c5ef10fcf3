#include "apireplies.h"

namespace gw::api {

ApiServer::Reply ok(const QJsonObject &body, Status status) { return {status, body, {}, {}}; }

ApiServer::Reply error(Status status, const QString &code, const Message &message)
{
    QJsonObject body{{QStringLiteral("error"), code}};
    message.writeTo(body, QStringLiteral("message"));
    return {status, body, {}, {}};
}

ApiServer::Reply fromResult(const Result &r)
{
    ApiServer::Reply reply = fromResultWithoutField(r);
    if (!r.field.isEmpty())
        reply.body.insert(QStringLiteral("field"), r.field);
    return reply;
}

ApiServer::Reply fromResultWithoutField(const Result &r)
{
    if (r.code == QLatin1String("forbidden"))
        return error(Status::Forbidden, r.code, r.message);
    if (r.code == QLatin1String("unauthorized"))
        return error(Status::Unauthorized, r.code, r.message);
    if (r.code == QLatin1String("not_found"))
        return error(Status::NotFound, r.code, r.message);
    if (r.code == QLatin1String("conflict") || r.code == QLatin1String("invalid_state"))
        return error(Status::Conflict, r.code, r.message);
    if (r.code == QLatin1String("invalid_input"))
        return error(Status::UnprocessableEntity, r.code, r.message);
    return error(Status::InternalServerError, r.code.isEmpty() ? QStringLiteral("server_error") : r.code, r.message);
}

} // namespace gw::api

#pragma once
#include "apiserver.h"
#include "message.h"
#include "result.h"

namespace gw::api {

// The answers every route of the API gives (docs/sync-protocol.md, "Errors"): one place for their shape.
using Status = QHttpServerResponder::StatusCode;

ApiServer::Reply ok(const QJsonObject &body, Status status = Status::Ok);
// {"error": code, "message": ..., "messageDetail": ...}
ApiServer::Reply error(Status status, const QString &code, const Message &message);
// A store or workflow failure: its code mapped to an HTTP status, without the field.
ApiServer::Reply fromResultWithoutField(const Result &r);
// The same, and `field` naming the input at fault when the Result says so (a form marks that field).
ApiServer::Reply fromResult(const Result &r);

} // namespace gw::api

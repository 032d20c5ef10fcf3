#pragma once
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <functional>

namespace gw {

// The answer to one authorized request made through SyncEngine::request().
struct ApiReply
{
    int status = 0;     // HTTP status; 0 when the server did not answer
    QByteArray body;    // raw body (JSON, or file bytes for downloads)
    QJsonObject json;   // body parsed as a JSON object, empty if it is not one
    QString error;      // in words, for the user; empty on success, never empty otherwise (SyncEngine::request)

    bool ok() const { return error.isEmpty() && status >= 200 && status < 300; }
};

using ApiReplyHandler = std::function<void(const ApiReply &)>;

} // namespace gw

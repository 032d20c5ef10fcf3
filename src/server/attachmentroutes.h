#pragma once
#include "apiserver.h"

namespace gw {

class ServerStore;

// /api/v1/attachments/<sha256>: upload (PUT, the raw file bytes) and download (GET) of photos and documents
// (docs/sync-protocol.md, "Attachments"). Reached before ApiServer's JSON body checks, because the body here
// is a file: this class does its own boundary checks (size, name, checksum, type) with gw::AttachmentCheck,
// the same rule the desktop client applies before storing a file.
class AttachmentRoutes
{
public:
    explicit AttachmentRoutes(ServerStore *store);

    // `parts` is the path after /api/v1/, split at '/' ("attachments", "<sha256>").
    ApiServer::Reply dispatch(const QString &method, const QStringList &parts, const QUrlQuery &query,
                              const QByteArray &authorization, const QByteArray &contentType, const QByteArray &body);

private:
    ApiServer::Reply upload(const User &user, const QString &sha256, const QUrlQuery &query,
                            const QByteArray &contentType, const QByteArray &body);
    ApiServer::Reply download(const User &user, const QString &sha256);

    ServerStore *m_store;
};

} // namespace gw

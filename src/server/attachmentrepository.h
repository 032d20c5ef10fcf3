#pragma once
#include "result.h"
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace gw {

class ServerStore;

// The district server's attachment bytes, content-addressed by SHA-256, in the server database next to the
// events (same connection as ServerStore, SQLite and PostgreSQL alike). Also answers which cases refer to an
// attachment, which is what decides who may download it.
class AttachmentRepository
{
public:
    struct Stored {
        QString sha256;
        QString name;
        QString mime;
        qint64 size = 0;
        QByteArray data;  // empty when read with withData = false
    };

    explicit AttachmentRepository(ServerStore *store);

    std::optional<Stored> find(const QString &sha256, bool withData) const;
    // Stores the bytes unless that content is already there (then `created` is false and nothing changes).
    // The caller has checked hash, name, size and type.
    Result put(const Stored &attachment, const QString &uploadedBy, bool *created);
    // The cases whose events name this attachment (case.registered and dept.handled `attachments`).
    // Brings the reference index up to the newest event first.
    Result casesReferencing(const QString &sha256, QStringList *caseIds);
    qint64 count() const;

private:
    // Indexes the attachment descriptors of events stored since the last call, in one transaction with the
    // watermark (counters.attachment_refs_seq), so a crash never leaves the index half-advanced.
    Result catchUpReferences();
    Result failure(const Message &what, const QString &detail) const;

    ServerStore *m_store;
};

} // namespace gw

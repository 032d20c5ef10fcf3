#pragma once
#include "message.h"
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace gw {

// One file named by a case: {id, case, name, mime, size, sha256}. Events carry it in `payload.attachments`
// (without `case`); the client's store and AttachmentTransfer pass it around with `case`; the server's upload
// answer describes the stored content with it (without `id` and `case`, plus `status`). docs/sync-protocol.md,
// "Attachments".
class AttachmentDescriptor
{
    GW_DECLARE_MESSAGES(gw::AttachmentDescriptor)
public:
    QString id;        // chosen by the device that added the file; empty in the server's upload answer
    QString caseId;    // the case naming it; empty inside an event's payload
    QString name;      // a plain file name (AttachmentCheck::checkPlainName)
    QString mime;
    qint64 size = 0;   // bytes, at most Workflow::MaxAttachmentBytes
    QString sha256;    // of the content, 64 lowercase hex digits: how the server addresses the bytes

    // `id` and `case` only when set.
    QJsonObject toJson() const;
    // Checks every field: a plain name, a size within the limit, a SHA-256 in hex; `id` and `case`, when present,
    // must be text. False with *error (translated) otherwise.
    static bool fromJson(const QJsonObject &o, AttachmentDescriptor *out, Message *error);

    bool operator==(const AttachmentDescriptor &o) const
    {
        return id == o.id && caseId == o.caseId && name == o.name && mime == o.mime && size == o.size
               && sha256 == o.sha256;
    }
    bool operator!=(const AttachmentDescriptor &o) const { return !(*this == o); }
};

} // namespace gw

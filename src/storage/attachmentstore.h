#pragma once
#include "protocol/attachmentdescriptor.h"
#include "result.h"
#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <optional>

namespace gw {

class LocalDatabase;

// Files attached to cases, kept inside the local data file: checked for size and type on the way in,
// uploaded to and downloaded from the server by the sync layer, each described by the same
// AttachmentDescriptor the server uses. Shares the store's connection; get it from CaseStore::attachments().
class AttachmentStore
{
    Q_DECLARE_TR_FUNCTIONS(gw::AttachmentStore)

public:
    explicit AttachmentStore(LocalDatabase &db) : m_db(db) {}

    // A new file for a case; `payload` (the descriptor without `case`: {id, name, mime, size, sha256}) goes
    // into the event payload.
    Result put(const QString &caseId, const QString &fileName, const QByteArray &data, QJsonObject *payload);
    // Keeps a file downloaded from the server under its descriptor's id (already uploaded). Refused unless the
    // bytes have the descriptor's SHA-256 and pass AttachmentCheck. Storing it twice changes nothing.
    Result putDownloaded(const QString &caseId, const AttachmentDescriptor &file, const QByteArray &data);
    QByteArray data(const QString &attachmentId) const;
    // A file kept here, and whether it is uploaded; nothing when it is not here (e.g. pulled from the server as
    // part of a case and not downloaded yet).
    std::optional<AttachmentDescriptor> find(const QString &attachmentId, bool *uploaded = nullptr) const;

    QList<AttachmentDescriptor> notUploaded(int limit) const;
    // Not yet uploaded and named by one of the store's events (so the server will have a case referring to
    // them); files stored for an action that was never saved stay local.
    QList<AttachmentDescriptor> toUpload(int limit, const QString &author) const;
    Result markUploaded(const QString &attachmentId);

private:
    // The descriptors `sql` selects (id, case_id, name, mime, size, sha256), with `limit` bound to its one "?".
    QList<AttachmentDescriptor> descriptors(const QString &sql, const QVariantList &bindings) const;
    LocalDatabase &m_db;
};

} // namespace gw

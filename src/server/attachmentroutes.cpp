#include "attachmentroutes.h"
#include "apireplies.h"
#include "accesspolicy.h"
#include "attachmentcheck.h"
#include "attachmentrepository.h"
#include "protocol/attachmentdescriptor.h"
#include "serverstore.h"
#include "workflow.h"
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QUrlQuery>

namespace gw {

namespace {

using namespace api;

Message tr(const char *text) { return Message::translate("gw::AttachmentRoutes", text); }


// The stored content, without the id and case a device gives it: one row serves every case naming it.
AttachmentDescriptor describe(const AttachmentRepository::Stored &s)
{
    AttachmentDescriptor d;
    d.sha256 = s.sha256;
    d.name = s.name;
    d.mime = s.mime;
    d.size = s.size;
    return d;
}

} // namespace

AttachmentRoutes::AttachmentRoutes(ServerStore *store) : m_store(store) {}

ApiServer::Reply AttachmentRoutes::dispatch(const QString &method, const QStringList &parts, const QUrlQuery &query,
                                            const QByteArray &authorization, const QByteArray &contentType,
                                            const QByteArray &body)
{
    if (parts.size() != 2)
        return error(Status::NotFound, QStringLiteral("not_found"),
                      tr("Attachments are addressed as /api/v1/attachments/<sha256>."));
    // The size limit comes before anything else, so an oversize body costs no hashing and no database work.
    if (body.size() > Workflow::MaxAttachmentBytes)
        return error(Status::PayloadTooLarge, QStringLiteral("body_too_large"),
                      tr("The file has %1 bytes; attachments may be at most %2 MB.")
                          .arg(body.size()).arg(Workflow::MaxAttachmentBytes / (1024 * 1024)));
    User user;
    const Result auth = m_store->accounts().userForToken(ApiServer::bearerToken(authorization), &user);
    if (!auth.ok)
        return error(auth.code == QLatin1String("unauthorized") ? Status::Unauthorized : Status::InternalServerError,
                      auth.code, auth.message);
    const QString sha = parts.at(1);
    if (!AttachmentCheck::isSha256Hex(sha))
        return error(Status::BadRequest, QStringLiteral("invalid_input"),
                      tr("An attachment is named by the SHA-256 of its content: 64 lowercase hexadecimal digits."));
    if (method == QLatin1String("PUT"))
        return upload(user, sha, query, contentType, body);
    if (method == QLatin1String("GET"))
        return download(user, sha);
    return error(Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                  tr("%1 is not allowed on attachments; use PUT to upload and GET to download.").arg(method.left(10)));
}

ApiServer::Reply AttachmentRoutes::upload(const User &user, const QString &sha256, const QUrlQuery &query,
                                          const QByteArray &contentType, const QByteArray &body)
{
    // Fully decoded, so "%2e%2e%2f" or "%00" are judged as the characters they stand for.
    const QString name = query.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded);
    if (!query.hasQueryItem(QStringLiteral("name")) || name.isEmpty())
        return error(Status::BadRequest, QStringLiteral("invalid_name"),
                      tr("Name the file: PUT /api/v1/attachments/<sha256>?name=<file name>."));
    const Result plain = AttachmentCheck::checkPlainName(name);
    if (!plain.ok)
        return error(Status::BadRequest, QStringLiteral("invalid_name"), plain.message);
    if (body.isEmpty())
        return error(Status::BadRequest, QStringLiteral("invalid_input"), tr("The file %1 is empty.").arg(name));
    const QString actual = QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
    if (actual != sha256)
        return error(Status::UnprocessableEntity, QStringLiteral("checksum_mismatch"),
                      tr("The file's content has SHA-256 %1, not %2 as named: it was changed or cut off on the way. "
                         "Nothing was stored.").arg(actual, sha256));
    QString mime;
    const Result content = AttachmentCheck::checkContent(name, body, &mime);
    if (!content.ok)
        return error(Status::UnsupportedMediaType, QStringLiteral("unsupported_type"), content.message);
    const QByteArray declared = contentType.split(';').first().trimmed().toLower();
    if (!declared.isEmpty() && declared != "application/octet-stream" && declared != mime.toLatin1())
        return error(Status::UnsupportedMediaType, QStringLiteral("unsupported_type"),
                      tr("The file %1 was sent as %2, but its content is %3.")
                          .arg(name, QString::fromLatin1(declared.left(100)), mime));

    AttachmentRepository repository(m_store);
    AttachmentRepository::Stored stored;
    stored.sha256 = sha256;
    stored.name = name;
    stored.mime = mime;
    stored.size = body.size();
    stored.data = body;
    bool created = false;
    const Result r = repository.put(stored, user.id, &created);
    if (!r.ok)
        return error(Status::InternalServerError, r.code, r.message);
    // The same content uploaded again (a retry after a lost answer, or the same photo on two cases): one row.
    const std::optional<AttachmentRepository::Stored> kept = repository.find(sha256, false);
    QJsonObject reply = describe(kept ? *kept : stored).toJson();
    reply.insert(QStringLiteral("status"), created ? QStringLiteral("stored") : QStringLiteral("exists"));
    return ok(reply, created ? Status::Created : Status::Ok);
}

ApiServer::Reply AttachmentRoutes::download(const User &user, const QString &sha256)
{
    AttachmentRepository repository(m_store);
    QStringList caseIds;
    const Result r = repository.casesReferencing(sha256, &caseIds);
    if (!r.ok)
        return error(Status::InternalServerError, r.code, r.message);
    const std::optional<AttachmentRepository::Stored> meta = repository.find(sha256, false);
    if (caseIds.isEmpty()) {
        if (!meta)
            return error(Status::NotFound, QStringLiteral("not_found"), tr("There is no attachment %1.").arg(sha256));
        return error(Status::Forbidden, QStringLiteral("forbidden"),
                      tr("No case refers to this attachment, so nobody may download it."));
    }
    // The same rule as reading a case (AccessPolicy): one visible case that names the file is enough.
    bool visible = false;
    for (const QString &caseId : std::as_const(caseIds)) {
        const std::optional<CaseRecord> record = m_store->caseById(caseId);
        if (record && AccessPolicy::canView(*record, user)) {
            visible = true;
            break;
        }
    }
    if (!visible)
        return error(Status::Forbidden, QStringLiteral("forbidden"),
                      tr("The attachment belongs only to cases outside your area of responsibility."));
    if (!meta)
        return error(Status::NotFound, QStringLiteral("not_uploaded"),
                      tr("The attachment has not reached the server yet: the device that added it uploads it "
                         "with its next sync. Try again later."));
    const std::optional<AttachmentRepository::Stored> full = repository.find(sha256, true);
    if (!full)
        return error(Status::InternalServerError, QStringLiteral("storage_error"),
                      tr("The attachment could not be read from the server database."));
    ApiServer::Reply reply;
    reply.raw = full->data;
    reply.contentType = full->mime.toLatin1();
    return reply;
}

} // namespace gw

#include "attachmentrepository.h"
#include "attachmentcheck.h"
#include "serverstore.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

namespace {
Message tr(const char *text) { return Message::translate("gw::AttachmentRepository", text); }
const QString WatermarkName = QStringLiteral("attachment_refs_seq");
// Events read per query while catching up, so a large backlog never sits in memory at once.
constexpr int CatchUpPage = 2000;
} // namespace

AttachmentRepository::AttachmentRepository(ServerStore *store) : m_store(store) {}

Result AttachmentRepository::failure(const Message &what, const QString &detail) const
{
    return Result::failure(QStringLiteral("storage_error"),
                           tr("The server database failed while %1: %2").arg(what, detail));
}

std::optional<AttachmentRepository::Stored> AttachmentRepository::find(const QString &sha256, bool withData) const
{
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(withData ? QStringLiteral("SELECT name, mime, size, data FROM attachments WHERE sha256 = :sha")
                       : QStringLiteral("SELECT name, mime, size FROM attachments WHERE sha256 = :sha"));
    q.bindValue(QStringLiteral(":sha"), sha256);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Stored s;
    s.sha256 = sha256;
    s.name = q.value(0).toString();
    s.mime = q.value(1).toString();
    s.size = q.value(2).toLongLong();
    if (withData)
        s.data = q.value(3).toByteArray();
    return s;
}

Result AttachmentRepository::put(const Stored &attachment, const QString &uploadedBy, bool *created)
{
    *created = false;
    if (find(attachment.sha256, false))
        return Result::success();
    QSqlQuery q(m_store->database());
    // ON CONFLICT: content-addressed, so a second copy of the same bytes is simply the same row.
    q.prepare(QStringLiteral("INSERT INTO attachments (sha256, name, mime, size, data, uploaded_by, uploaded_at)"
                             " VALUES (:sha, :name, :mime, :size, :data, :by, :at) ON CONFLICT (sha256) DO NOTHING"));
    q.bindValue(QStringLiteral(":sha"), attachment.sha256);
    q.bindValue(QStringLiteral(":name"), attachment.name);
    q.bindValue(QStringLiteral(":mime"), attachment.mime);
    q.bindValue(QStringLiteral(":size"), qint64(attachment.data.size()));
    q.bindValue(QStringLiteral(":data"), attachment.data);
    q.bindValue(QStringLiteral(":by"), uploadedBy);
    q.bindValue(QStringLiteral(":at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!q.exec())
        return failure(tr("storing an attachment"), q.lastError().text());
    *created = q.numRowsAffected() > 0;
    return Result::success();
}

qint64 AttachmentRepository::count() const
{
    QSqlQuery q(m_store->database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM attachments")) && q.next() ? q.value(0).toLongLong() : -1;
}

Result AttachmentRepository::catchUpReferences()
{
    QSqlDatabase db = m_store->database();
    if (!db.transaction())
        return failure(tr("starting a transaction"), db.lastError().text());
    auto fail = [&db](const Result &r) {
        db.rollback();
        return r;
    };
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT value FROM counters WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), WatermarkName);
    if (!q.exec() || !q.next())
        return fail(failure(tr("reading the attachment index position"), q.lastError().text()));
    qint64 watermark = q.value(0).toLongLong();
    q.finish();
    const qint64 start = watermark;

    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO attachment_refs (sha256, case_id) VALUES (:sha, :case)"
                                  " ON CONFLICT (sha256, case_id) DO NOTHING"));
    for (int page = 0; page < 1000000; ++page) {
        // Only the two event types whose payload may carry attachments (Workflow::checkAttachments).
        q.prepare(QStringLiteral("SELECT server_seq, case_id, body FROM events WHERE server_seq > :after"
                                 " AND type IN ('case.registered', 'dept.handled') ORDER BY server_seq LIMIT %1")
                      .arg(CatchUpPage));
        q.bindValue(QStringLiteral(":after"), watermark);
        if (!q.exec())
            return fail(failure(tr("indexing attachment references"), q.lastError().text()));
        QList<std::pair<QString, QString>> refs;  // (sha256, case id)
        int rows = 0;
        while (q.next()) {
            ++rows;
            watermark = q.value(0).toLongLong();
            const QString caseId = q.value(1).toString();
            const QJsonObject payload =
                QJsonDocument::fromJson(q.value(2).toByteArray()).object().value(QStringLiteral("payload")).toObject();
            for (const QJsonValue &v : payload.value(QStringLiteral("attachments")).toArray()) {
                const QString sha = v.toObject().value(QStringLiteral("sha256")).toString();
                if (AttachmentCheck::isSha256Hex(sha))
                    refs.append({sha, caseId});
            }
        }
        q.finish();
        for (const auto &[sha, caseId] : std::as_const(refs)) {
            insert.bindValue(QStringLiteral(":sha"), sha);
            insert.bindValue(QStringLiteral(":case"), caseId);
            if (!insert.exec())
                return fail(failure(tr("indexing attachment references"), insert.lastError().text()));
        }
        if (rows < CatchUpPage)
            break;
    }
    // Events of other types since the last indexed one hold no attachments: the watermark may pass them too.
    q.prepare(QStringLiteral("SELECT MAX(server_seq) FROM events"));
    if (q.exec() && q.next() && q.value(0).toLongLong() > watermark) {
        // Only safe because the reads above ran inside this transaction: no event can have arrived in between.
        watermark = q.value(0).toLongLong();
    }
    q.finish();
    if (watermark != start) {
        q.prepare(QStringLiteral("UPDATE counters SET value = :value WHERE name = :name"));
        q.bindValue(QStringLiteral(":value"), watermark);
        q.bindValue(QStringLiteral(":name"), WatermarkName);
        if (!q.exec())
            return fail(failure(tr("saving the attachment index position"), q.lastError().text()));
    }
    if (!db.commit())
        return fail(failure(tr("saving the attachment index"), db.lastError().text()));
    return Result::success();
}

Result AttachmentRepository::casesReferencing(const QString &sha256, QStringList *caseIds)
{
    caseIds->clear();
    const Result r = catchUpReferences();
    if (!r.ok)
        return r;
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT case_id FROM attachment_refs WHERE sha256 = :sha ORDER BY case_id"));
    q.bindValue(QStringLiteral(":sha"), sha256);
    if (!q.exec())
        return failure(tr("reading attachment references"), q.lastError().text());
    while (q.next())
        caseIds->append(q.value(0).toString());
    return Result::success();
}

} // namespace gw

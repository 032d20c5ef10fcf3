#include "attachmentstore.h"
#include "attachmentcheck.h"
#include "caseevent.h"
#include "localdatabase.h"
#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace gw {

namespace {

// From a row selecting id, case_id, name, mime, size, sha256 (in that order) from `attachments`.
AttachmentDescriptor attachmentDescriptor(const QSqlQuery &q)
{
    AttachmentDescriptor d;
    d.id = q.value(0).toString();
    d.caseId = q.value(1).toString();
    d.name = q.value(2).toString();
    d.mime = q.value(3).toString();
    d.size = q.value(4).toLongLong();
    d.sha256 = q.value(5).toString();
    return d;
}

} // namespace

Result AttachmentStore::put(const QString &caseId, const QString &fileName, const QByteArray &data,
                          QJsonObject *payload)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    if (QUuid::fromString(caseId).isNull())
        return Result::failure(QStringLiteral("invalid_input"), tr("The attachment names no valid case."));
    QString name, mime;
    Result r = AttachmentCheck::cleanName(fileName, &name);
    if (!r.ok)
        return r;
    if (!(r = AttachmentCheck::checkContent(name, data, &mime)).ok)
        return r;
    const QString id = CaseEvent::newId();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT INTO attachments (id, case_id, name, mime, size, sha256, data) VALUES (?,?,?,?,?,?,?)"));
    for (const QVariant &v : QVariantList{id, caseId, name, mime, qint64(data.size()), sha, data})
        q.addBindValue(v);
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("storing an attachment"), q.lastError().text());
    if (payload) {
        AttachmentDescriptor d;
        d.id = id;
        d.name = name;
        d.mime = mime;
        d.size = data.size();
        d.sha256 = sha;
        *payload = d.toJson();  // no `case`: the event names it
    }
    return Result::success();
}

QByteArray AttachmentStore::data(const QString &attachmentId) const
{
    if (!m_db.isOpen())
        return {};
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT data FROM attachments WHERE id = ?"));
    q.addBindValue(attachmentId);
    return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
}

QList<AttachmentDescriptor> AttachmentStore::notUploaded(int limit) const
{
    return descriptors(QStringLiteral("SELECT id, case_id, name, mime, size, sha256 FROM attachments WHERE uploaded = 0"
                                      " ORDER BY rowid LIMIT ?"),
                       {limit});
}

QList<AttachmentDescriptor> AttachmentStore::descriptors(const QString &sql, const QVariantList &bindings) const
{
    QList<AttachmentDescriptor> out;
    if (!m_db.isOpen() || bindings.isEmpty() || bindings.last().toInt() <= 0)  // the last binding is the limit
        return out;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : bindings)
        q.addBindValue(b);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(attachmentDescriptor(q));
    return out;
}

Result AttachmentStore::markUploaded(const QString &attachmentId)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE attachments SET uploaded = 1 WHERE id = ?"));
    q.addBindValue(attachmentId);
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("marking an attachment uploaded"), q.lastError().text());
    if (q.numRowsAffected() < 1)
        return Result::failure(QStringLiteral("not_found"), tr("There is no attachment %1.").arg(attachmentId));
    return Result::success();
}

QList<AttachmentDescriptor> AttachmentStore::toUpload(int limit, const QString &author) const
{
    // The events of the attachment's case (UNIQUE (case_id, case_seq) index) whose payload names its id; only a
    // file of `author`'s own actions goes out under their sign-in (issue 17).
    if (author.isEmpty())
        return {};
    return descriptors(QStringLiteral("SELECT a.id, a.case_id, a.name, a.mime, a.size, a.sha256 FROM attachments a"
                                      " WHERE a.uploaded = 0 AND EXISTS (SELECT 1 FROM events e WHERE e.case_id = a.case_id"
                                      " AND instr(e.payload, a.id) > 0 AND e.actor = ?) ORDER BY a.rowid LIMIT ?"),
                       {author, limit});
}

std::optional<AttachmentDescriptor> AttachmentStore::find(const QString &attachmentId, bool *uploaded) const
{
    if (!m_db.isOpen())
        return std::nullopt;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, case_id, name, mime, size, sha256, uploaded FROM attachments WHERE id = ?"));
    q.addBindValue(attachmentId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    if (uploaded)
        *uploaded = q.value(6).toInt() != 0;
    return attachmentDescriptor(q);
}

Result AttachmentStore::putDownloaded(const QString &caseId, const AttachmentDescriptor &file, const QByteArray &data)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    const QString &id = file.id;
    const QString &name = file.name;
    const QString &sha = file.sha256;
    if (QUuid::fromString(caseId).isNull() || id.isEmpty() || id.size() > 64)
        return Result::failure(QStringLiteral("invalid_input"), tr("The attachment names no valid case."));
    // The name came from the server: it must already be plain, since it may become a file name on this computer.
    Result r = AttachmentCheck::checkPlainName(name);
    if (!r.ok)
        return r;
    const QString actual = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    if (actual != sha)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("The downloaded file %1 is not the one the case names (checksum differs).").arg(name));
    QString mime;
    if (!(r = AttachmentCheck::checkContent(name, data, &mime)).ok)
        return r;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT INTO attachments (id, case_id, name, mime, size, sha256, data, uploaded)"
                             " VALUES (?,?,?,?,?,?,?,1) ON CONFLICT (id) DO NOTHING"));
    for (const QVariant &v : QVariantList{id, caseId, name, mime, qint64(data.size()), sha, data})
        q.addBindValue(v);
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("storing a downloaded attachment"), q.lastError().text());
    return Result::success();
}

} // namespace gw

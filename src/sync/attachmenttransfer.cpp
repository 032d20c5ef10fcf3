#include "attachmenttransfer.h"
#include "attachmentcheck.h"
#include "protocol/attachmentdescriptor.h"
#include "casestore.h"
#include "syncengine.h"
#include "attachmentstore.h"
#include <QTimer>
#include <QUrlQuery>

namespace gw {

namespace {
// Files per run; the rest go with the next sync (a run never holds more than one file in memory anyway).
constexpr int FilesPerRun = 200;

// Worth trying again later (network, session, server trouble) rather than a refusal of this file.
bool isTransient(int status)
{
    return status == 0 || status == 401 || status == 408 || status == 429 || status >= 500;
}
} // namespace

AttachmentTransfer::AttachmentTransfer(SyncEngine *engine, CaseStore *store, QObject *parent)
    : QObject(parent), m_engine(engine), m_store(store)
{
    setUploadAfterSync(true);
}

void AttachmentTransfer::setUploadAfterSync(bool enabled)
{
    if (enabled == m_uploadAfterSync)
        return;
    m_uploadAfterSync = enabled;
    if (enabled)
        connect(m_engine, &SyncEngine::syncFinished, this, [this](bool ok, const QString &) {
            if (ok)
                uploadPending();
        });
    else
        disconnect(m_engine, &SyncEngine::syncFinished, this, nullptr);
}

bool AttachmentTransfer::isLocal(const QString &attachmentId) const
{
    return m_store->attachments().find(attachmentId).has_value();
}

void AttachmentTransfer::uploadPending()
{
    if (m_uploading) {
        m_again = true;
        return;
    }
    m_queue.clear();
    // Only the signed-in person's files: another person's go out under their own sign-in (issue 17).
    for (const AttachmentDescriptor &a : m_store->attachments().toUpload(FilesPerRun, m_engine->currentUser().id))
        if (!m_refused.contains(a.id))
            m_queue.append(a);
    m_total = int(m_queue.size());
    m_uploaded = m_failed = 0;
    m_uploading = true;
    if (m_total > 0)
        Q_EMIT uploadProgress(0, m_total);
    // Always asynchronous, so callers see the same order of signals whether or not there is work.
    QTimer::singleShot(0, this, &AttachmentTransfer::uploadNext);
}

void AttachmentTransfer::uploadNext()
{
    if (m_queue.isEmpty()) {
        finishUploads(m_failed == 0 ? QString()
                                    : tr("%n file(s) could not be uploaded.", nullptr, m_failed));
        return;
    }
    const AttachmentDescriptor file = m_queue.takeFirst();
    const QString id = file.id;
    const QString name = file.name;
    const QString sha = file.sha256;
    const QByteArray data = m_store->attachments().data(id);
    if (data.isEmpty()) {
        ++m_failed;
        m_refused.insert(id);
        m_problems.insert(id, tr("%1 cannot be read from the local data file.").arg(name));
        QTimer::singleShot(0, this, &AttachmentTransfer::uploadNext);
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("name"), QString::fromLatin1(QUrl::toPercentEncoding(name)));
    m_engine->request("PUT", QStringLiteral("/api/v1/attachments/") + sha, query, data, file.mime.toLatin1(), this,
                      [this, id, name](const ApiReply &reply) {
                          if (reply.ok()) {
                              const Result marked = m_store->attachments().markUploaded(id);
                              if (marked.ok) {
                                  ++m_uploaded;
                                  m_problems.remove(id);
                              } else {
                                  ++m_failed;
                                  m_problems.insert(id, marked.message);
                              }
                          } else if (isTransient(reply.status)) {
                              // The server or the network: everything left waits for the next sync.
                              m_problems.insert(id, reply.error);
                              m_queue.clear();
                              finishUploads(tr("Uploading %1 failed: %2").arg(name, reply.error));
                              return;
                          } else {
                              // Refused for this file (type, size, checksum): not sent again in this session.
                              ++m_failed;
                              m_refused.insert(id);
                              m_problems.insert(id, tr("The server refused %1: %2").arg(name, reply.error));
                          }
                          Q_EMIT uploadProgress(m_uploaded + m_failed, m_total);
                          uploadNext();
                      });
}

void AttachmentTransfer::finishUploads(const QString &message)
{
    m_uploading = false;
    Q_EMIT uploadsFinished(m_uploaded, m_failed + int(m_queue.size()), message);
    if (m_again) {
        m_again = false;
        uploadPending();
    }
}

void AttachmentTransfer::download(const QString &caseId, const QJsonObject &descriptor)
{
    const QString id = descriptor.value(QStringLiteral("id")).toString();
    const QString name = descriptor.value(QStringLiteral("name")).toString();
    const QString sha = descriptor.value(QStringLiteral("sha256")).toString();
    auto finishSoon = [this, id](bool ok, const QString &message) {
        QTimer::singleShot(0, this, [this, id, ok, message] { Q_EMIT downloadFinished(id, ok, message); });
    };
    if (id.isEmpty() || !AttachmentCheck::isSha256Hex(sha)) {
        finishSoon(false, tr("The case names the file %1 without a valid checksum; it cannot be fetched.").arg(name));
        return;
    }
    AttachmentDescriptor file;
    Message why;
    if (!AttachmentDescriptor::fromJson(descriptor, &file, &why)) {
        finishSoon(false, tr("The case names the file %1 in a form that cannot be read: %2").arg(name, why));
        return;
    }
    if (isLocal(id)) {
        finishSoon(true, QString());
        return;
    }
    if (m_downloads.contains(id))
        return;  // already on its way; downloadFinished follows
    m_downloads.insert(id);
    Q_EMIT downloadStarted(id);
    m_engine->request("GET", QStringLiteral("/api/v1/attachments/") + sha, QUrlQuery(), QByteArray(), QByteArray(), this,
                      [this, id, caseId, file, name](const ApiReply &reply) {
                          m_downloads.remove(id);
                          QString problem;
                          if (!reply.ok()) {
                              problem = tr("Downloading %1 failed: %2").arg(name, reply.error);
                          } else {
                              const Result stored = m_store->attachments().putDownloaded(caseId, file, reply.body);
                              if (!stored.ok)
                                  problem = stored.message;
                          }
                          if (problem.isEmpty())
                              m_problems.remove(id);
                          else
                              m_problems.insert(id, problem);
                          Q_EMIT downloadFinished(id, problem.isEmpty(), problem);
                      });
}

} // namespace gw

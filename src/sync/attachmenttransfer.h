#pragma once
#include "protocol/attachmentdescriptor.h"
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace gw {

class CaseStore;
class SyncEngine;

// Moves attachment bytes between the local store and the district server (docs/sync-protocol.md, "Attachments"),
// beside the event sync rather than inside it: registering offline never waits for a file, the server accepts
// events that name files it does not have yet, and this class uploads them after each successful sync run.
// Downloads happen on demand, when someone opens a file that came with a pulled case.
class AttachmentTransfer : public QObject
{
    Q_OBJECT
public:
    AttachmentTransfer(SyncEngine *engine, CaseStore *store, QObject *parent = nullptr);

    // Upload what is waiting whenever a sync run ends well (on by default).
    void setUploadAfterSync(bool enabled);
    bool isUploading() const { return m_uploading; }
    bool isDownloading(const QString &attachmentId) const { return m_downloads.contains(attachmentId); }
    // Whether the file of a descriptor ({id, name, mime, size, sha256}) is in the local store.
    bool isLocal(const QString &attachmentId) const;
    // The last failure for this file in words (upload refused, download failed); empty if none.
    QString problem(const QString &attachmentId) const { return m_problems.value(attachmentId); }

public Q_SLOTS:
    // Uploads the files this store's events name and the server does not have yet, one at a time.
    void uploadPending();
    // Fetches a file named by `caseId`'s events into the local store; downloadFinished says how it went.
    void download(const QString &caseId, const QJsonObject &descriptor);

Q_SIGNALS:
    void uploadProgress(int done, int total);
    void uploadsFinished(int uploaded, int failed, const QString &message);
    void downloadStarted(const QString &attachmentId);
    void downloadFinished(const QString &attachmentId, bool ok, const QString &message);

private:
    void uploadNext();
    void finishUploads(const QString &message);

    SyncEngine *m_engine;
    CaseStore *m_store;
    bool m_uploadAfterSync = false;
    bool m_uploading = false;
    bool m_again = false;            // asked to upload while a run was going: one more run after it
    QList<AttachmentDescriptor> m_queue;  // this run's files, in order
    int m_total = 0;
    int m_uploaded = 0;
    int m_failed = 0;
    QSet<QString> m_refused;         // refused by the server for good in this session: not sent again
    QSet<QString> m_downloads;       // attachment ids being downloaded
    QHash<QString, QString> m_problems;
};

} // namespace gw

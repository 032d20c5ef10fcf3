#pragma once
#include "result.h"
#include <QJsonArray>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace gw {

class AttachmentTransfer;
class CaseStore;

// Two uses. In a form: photos and documents picked for an action, checked for size and type when added, kept
// in memory until the action is saved, then stored in the local store (which syncs them) with commit().
// In a case view (showCaseFiles): the files a case names, each "on this computer" or "on the server", with
// Open (or Download, for a file not here yet) and the transfer's progress or problem in words.
class AttachmentList : public QWidget
{
    Q_OBJECT
public:
    explicit AttachmentList(CaseStore *store, QWidget *parent = nullptr);

    // Adds a file from disk; refused (with the reason shown under the list) when too big, of a type the store
    // does not take (gw::AttachmentCheck), unreadable, or one too many.
    Result addFile(const QString &path);
    Result addData(const QString &fileName, const QByteArray &data);
    void removeAt(int row);
    int count() const { return m_pending.size(); }
    QStringList fileNames() const;
    // Stores every pending file for `caseId`; the descriptors go into the event payload.
    Result commit(const QString &caseId, QJsonArray *descriptors);

    // A plain file name with no folder part, no leading dots and no control characters ("../../x.jpg" -> "x.jpg").
    static QString safeFileName(const QString &raw);
    static QString fileDialogFilter();

    // --- Case view ---
    // Read-only list of `descriptors` ({id, name, mime, size, sha256}) of case `caseId`. Files missing locally
    // are fetched through `transfer` (null in a build without the sync layer: they then only show as on the server).
    void showCaseFiles(const QString &caseId, const QJsonArray &descriptors, AttachmentTransfer *transfer);
    // Opens the file in `row` (downloading it first when needed); the result shows under the list.
    void openAt(int row);
    // "on this computer", "on the server", "downloading…" or the problem, for the file in `row`.
    QString stateText(int row) const;
    QPushButton *openButton() const { return m_open; }
    // When false (tests), a file is only written to the temporary folder and announced by fileOpened().
    void setLaunchesViewer(bool launches) { m_launchViewer = launches; }

    QListWidget *listWidget() const { return m_list; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void changed();
    // A case file was written to `path` (a private temporary folder) for viewing.
    void fileOpened(const QString &attachmentId, const QString &path);

private:
    void pickFiles();
    void showProblem(const Result &r);
    void refreshCaseFiles();
    void updateOpenButton();
    void launch(const QJsonObject &descriptor);
    void onDownloadFinished(const QString &attachmentId, bool ok, const QString &message);

    struct Pending {
        QString name;
        QByteArray data;
    };
    CaseStore *m_store;
    QList<Pending> m_pending;
    QString m_committedFor;
    QJsonArray m_committed;
    QListWidget *m_list;
    QPushButton *m_add;
    QPushButton *m_remove;
    QLabel *m_error;
    QLabel *m_hint;

    // Case view
    QPushButton *m_open = nullptr;
    QString m_caseId;
    QJsonArray m_caseFiles;
    AttachmentTransfer *m_transfer = nullptr;
    QString m_openWhenReady;  // attachment id to open once its download finished
    bool m_launchViewer = true;
};

} // namespace gw

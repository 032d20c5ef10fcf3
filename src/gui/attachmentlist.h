#pragma once
#include "result.h"
#include <QJsonArray>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace gw {

class CaseStore;

// Photos and documents picked for an action: checked for size and type when added, kept in memory until
// the action is saved, then stored in the local store (which syncs them) with commit().
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

    QListWidget *listWidget() const { return m_list; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void changed();

private:
    void pickFiles();
    void showProblem(const Result &r);

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
};

} // namespace gw

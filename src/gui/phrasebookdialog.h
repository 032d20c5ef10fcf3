#pragma once
#include "protocol/referenceset.h"
#include <QDialog>
#include <QMap>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace gw {

class CaseStore;
class ReferenceAdminClient;
class SyncEngine;

// 常用语 (issue 16), for administrators: the district's phrase templates for each text field of the workflow (the
// reason for returning a case, the handling feedback, ...), in the order the forms offer them. Saved one field at a
// time on the district server, which checks them with the same rule (PhraseBook::checkPhrases), logs the phrases added
// and removed and hands them to every client at its next sync. Offline, and for other roles, read-only with the reason.
class PhraseBookDialog : public QDialog
{
    Q_OBJECT
public:
    PhraseBookDialog(SyncEngine *sync, CaseStore *store, QWidget *parent = nullptr);

    // For tests and the screenshot.
    QString statusText() const;
    QString fieldError() const;
    bool isReadOnly() const { return m_readOnly; }
    QString shownKind() const { return m_kind; }
    QStringList editedPhrases() const;
    QPushButton *saveButton() const { return m_save; }

public Q_SLOTS:
    void showKind(const QString &kind);
    // Adds the text of the new-phrase field at the end of the list shown (not yet saved).
    void addPhrase(const QString &text);
    void removeSelected();
    void moveSelected(int by);
    void save();
    // Close asks first when a field's phrases are edited and not saved.
    void reject() override;

Q_SIGNALS:
    void saved(const QString &kind);

private:
    void fillKinds();
    void fillPhrases();
    void keepEdits();
    QStringList unsavedKinds() const;
    void showStatus(const QString &message, bool problem);
    void setReadOnly(bool readOnly, const QString &reason);

    SyncEngine *m_sync;
    CaseStore *m_store;
    ReferenceAdminClient *m_client;
    QMap<QString, QStringList> m_served;  // as the server last gave them
    QMap<QString, QStringList> m_edited;  // as edited here
    QStringList m_order;                  // the fields in the order the workflow asks for them
    QString m_kind;
    QString m_savingKind;
    QStringList m_saving;
    bool m_readOnly = false;
    QListWidget *m_kinds;
    QLabel *m_title;
    QListWidget *m_phrases;
    QLineEdit *m_newPhrase;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QLabel *m_error;
    QPushButton *m_save;
    QLabel *m_status;
};

} // namespace gw

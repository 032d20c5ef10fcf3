#pragma once
#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace gw {

class CaseStore;

// Edits the phrase templates (常用语) of one kind: add, remove. Changes go straight to the store.
class PhraseEditorDialog : public QDialog
{
    Q_OBJECT
public:
    PhraseEditorDialog(CaseStore *store, const QString &kind, QWidget *parent = nullptr);

private:
    void reload();
    void addPhrase();
    void removeSelected();

    CaseStore *m_store;
    QString m_kind;
    QListWidget *m_list;
    QLineEdit *m_newPhrase;
    QLabel *m_error;
};

} // namespace gw

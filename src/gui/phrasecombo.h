#pragma once
#include <QPlainTextEdit>
#include <QWidget>

class QComboBox;
class QToolButton;

namespace gw {

class CaseStore;

// A reason/feedback field with the phrase templates (常用语) of one kind: picking a phrase puts it in the
// text (where it can still be edited); "Manage…" edits the list through the store.
class PhraseCombo : public QWidget
{
    Q_OBJECT
public:
    PhraseCombo(CaseStore *store, const QString &kind, QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    QPlainTextEdit *textEdit() const { return m_edit; }
    QComboBox *phraseBox() const { return m_phrases; }
    QString kind() const { return m_kind; }
    void reloadPhrases();
    void setPlaceholderText(const QString &text) { m_edit->setPlaceholderText(text); }

Q_SIGNALS:
    void textChanged();

private:
    void usePhrase(int index);
    void managePhrases();

    CaseStore *m_store;
    QString m_kind;
    QPlainTextEdit *m_edit;
    QComboBox *m_phrases;
    QToolButton *m_manage;
};

} // namespace gw

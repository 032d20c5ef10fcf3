#include "phraseeditordialog.h"
#include "casestore.h"
#include "formvalidation.h"
#include "phrasebook.h"
#include "phrasestore.h"
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

PhraseEditorDialog::PhraseEditorDialog(CaseStore *store, const QString &kind, QWidget *parent)
    : QDialog(parent), m_store(store), m_kind(kind)
{
    setObjectName(QStringLiteral("phraseEditorDialog"));
    setWindowTitle(tr("My phrases"));
    auto *note = new QLabel(tr("Your own phrases for %1, offered after the district's. The district's phrases are kept "
                               "by the administrators (Administration → Phrase templates).")
                                .arg(PhraseBook::kindDisplayName(kind).text()),
                            this);
    note->setObjectName(QStringLiteral("phraseEditorNote"));
    note->setWordWrap(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("phraseList"));
    m_newPhrase = new QLineEdit(this);
    m_newPhrase->setObjectName(QStringLiteral("newPhrase"));
    m_newPhrase->setPlaceholderText(tr("New phrase"));
    m_newPhrase->setMaxLength(Workflow::MaxReason);
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("addPhraseButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removePhraseButton"));
    m_error = FormValidation::makeErrorLabel(m_newPhrase, this);

    auto *row = new QHBoxLayout;
    row->addWidget(m_newPhrase, 1);
    row->addWidget(add);
    row->addWidget(remove);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_list);
    layout->addLayout(row);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &PhraseEditorDialog::addPhrase);
    connect(m_newPhrase, &QLineEdit::returnPressed, this, &PhraseEditorDialog::addPhrase);
    connect(remove, &QPushButton::clicked, this, &PhraseEditorDialog::removeSelected);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(460, 360);
    reload();
}

void PhraseEditorDialog::reload()
{
    m_list->clear();
    if (m_store)
        m_list->addItems(m_store->phrases().list(m_kind));
}

void PhraseEditorDialog::addPhrase()
{
    const QString text = m_newPhrase->text().trimmed();
    const QString problem = FormValidation::requiredText(text, tr("Phrase"), Workflow::MaxReason);
    if (!problem.isEmpty()) {
        FormValidation::showError(m_error, problem);
        return;
    }
    const Result r = m_store->phrases().add(m_kind, text);
    if (!r.ok) {
        FormValidation::showError(m_error, r.message);
        return;
    }
    FormValidation::clearError(m_error);
    m_newPhrase->clear();
    reload();
}

void PhraseEditorDialog::removeSelected()
{
    QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const Result r = m_store->phrases().remove(m_kind, item->text());
    FormValidation::showError(m_error, r.ok ? QString() : r.message.text());
    reload();
}

} // namespace gw

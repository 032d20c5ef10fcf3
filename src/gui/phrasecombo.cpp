#include "phrasecombo.h"
#include "casestore.h"
#include "phrasebook.h"
#include "phraseeditordialog.h"
#include "phrasestore.h"
#include <QComboBox>
#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>

namespace gw {

PhraseCombo::PhraseCombo(CaseStore *store, const QString &kind, QWidget *parent)
    : QWidget(parent), m_store(store), m_kind(kind)
{
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("phraseText"));
    m_edit->setTabChangesFocus(true);
    m_edit->setMinimumHeight(64);
    m_edit->setMaximumHeight(110);
    m_phrases = new QComboBox(this);
    m_phrases->setObjectName(QStringLiteral("phraseBox"));
    m_phrases->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_phrases->setMinimumContentsLength(16);
    m_phrases->setToolTip(tr("Common phrases (常用语): pick one to insert it"));
    m_manage = new QToolButton(this);
    m_manage->setObjectName(QStringLiteral("phraseManage"));
    m_manage->setText(tr("My phrases…"));

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_phrases, 1);
    row->addWidget(m_manage);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_edit);
    layout->addLayout(row);
    setFocusProxy(m_edit);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    connect(m_edit, &QPlainTextEdit::textChanged, this, &PhraseCombo::textChanged);
    connect(m_phrases, qOverload<int>(&QComboBox::activated), this, &PhraseCombo::usePhrase);
    connect(m_manage, &QToolButton::clicked, this, &PhraseCombo::managePhrases);
    reloadPhrases();
}

QString PhraseCombo::text() const { return m_edit->toPlainText(); }
void PhraseCombo::setText(const QString &text) { m_edit->setPlainText(text); }

void PhraseCombo::reloadPhrases()
{
    m_phrases->clear();
    // The district's phrases first (served, the same on every computer), then this person's own.
    const QStringList district = PhraseBook::builtin().phrases(m_kind);
    QStringList own;
    for (const QString &p : m_store ? m_store->phrases().list(m_kind) : QStringList())
        if (!district.contains(p))
            own.append(p);
    m_phrases->addItem(district.isEmpty() && own.isEmpty() ? tr("(no common phrases yet)") : tr("Insert a common phrase…"));
    for (const QString &p : district) {
        m_phrases->addItem(p, p);
        m_phrases->setItemData(m_phrases->count() - 1, tr("District phrase"), Qt::ToolTipRole);
    }
    if (!district.isEmpty() && !own.isEmpty())
        m_phrases->insertSeparator(m_phrases->count());
    for (const QString &p : std::as_const(own)) {
        m_phrases->addItem(p, p);
        m_phrases->setItemData(m_phrases->count() - 1, tr("My phrase"), Qt::ToolTipRole);
    }
    m_phrases->setCurrentIndex(0);
}

void PhraseCombo::usePhrase(int index)
{
    const QString phrase = m_phrases->itemData(index).toString();
    m_phrases->setCurrentIndex(0);
    if (phrase.isEmpty())
        return;
    // Appends rather than replaces, so a phrase can complete what was already typed.
    const QString current = m_edit->toPlainText();
    m_edit->setPlainText(current.trimmed().isEmpty() ? phrase : current + QLatin1Char(' ') + phrase);
    m_edit->moveCursor(QTextCursor::End);
    m_edit->setFocus();
}

void PhraseCombo::managePhrases()
{
    auto *editor = new PhraseEditorDialog(m_store, m_kind, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::finished, this, &PhraseCombo::reloadPhrases);
    editor->open();
}

} // namespace gw

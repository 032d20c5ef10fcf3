#include "phrasebookdialog.h"
#include "accesspolicy.h"
#include "casestore.h"
#include "formvalidation.h"
#include "phrasebook.h"
#include "referenceadminclient.h"
#include "referencecache.h"
#include "syncengine.h"
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

PhraseBookDialog::PhraseBookDialog(SyncEngine *sync, CaseStore *store, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_store(store), m_client(new ReferenceAdminClient(sync, store, this))
{
    setObjectName(QStringLiteral("phraseBookDialog"));
    setWindowTitle(tr("Phrase templates"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("phraseBookStatus"));
    m_status->setWordWrap(true);
    m_kinds = new QListWidget(this);
    m_kinds->setObjectName(QStringLiteral("phraseKindList"));
    m_kinds->setMaximumWidth(220);
    m_title = FormValidation::makeTitle(QStringLiteral("phraseKindTitle"), this);
    m_phrases = new QListWidget(this);
    m_phrases->setObjectName(QStringLiteral("districtPhraseList"));
    m_newPhrase = new QLineEdit(this);
    m_newPhrase->setObjectName(QStringLiteral("newDistrictPhrase"));
    m_newPhrase->setPlaceholderText(tr("New phrase, e.g. 已现场处置完毕"));
    m_newPhrase->setMaxLength(PhraseBook::MaxPhrase);
    m_add = new QPushButton(tr("Add"), this);
    m_add->setObjectName(QStringLiteral("addDistrictPhrase"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(QStringLiteral("removeDistrictPhrase"));
    m_up = new QPushButton(tr("Move up"), this);
    m_down = new QPushButton(tr("Move down"), this);
    m_error = FormValidation::makeErrorLabel(m_phrases, this);
    m_error->setObjectName(QStringLiteral("phraseBookError"));
    auto *hint = new QLabel(tr("The forms offer these phrases on every computer, in this order, before each person's "
                               "own. A phrase is at most %1 characters on one line.").arg(PhraseBook::MaxPhrase),
                            this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #555;"));
    m_save = new QPushButton(tr("Save on the server"), this);
    m_save->setObjectName(QStringLiteral("saveButton"));
    // Enter in the new-phrase field adds the phrase; it must never also send the list to the server.
    for (QPushButton *button : {m_add, m_remove, m_up, m_down, m_save})
        button->setAutoDefault(false);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_newPhrase, 1);
    addRow->addWidget(m_add);
    auto *listButtons = new QVBoxLayout;
    listButtons->addWidget(m_up);
    listButtons->addWidget(m_down);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_phrases, 1);
    listRow->addLayout(listButtons);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_save);
    auto *right = new QVBoxLayout;
    right->addWidget(m_title);
    right->addLayout(listRow, 1);
    right->addLayout(addRow);
    right->addWidget(m_error);
    right->addWidget(hint);
    right->addLayout(saveRow);
    auto *columns = new QHBoxLayout;
    columns->addWidget(m_kinds);
    columns->addLayout(right, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_kinds, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showKind(item->data(Qt::UserRole).toString());
    });
    connect(m_add, &QPushButton::clicked, this, [this] { addPhrase(m_newPhrase->text()); });
    connect(m_newPhrase, &QLineEdit::returnPressed, this, [this] { addPhrase(m_newPhrase->text()); });
    connect(m_newPhrase, &QLineEdit::textEdited, this, [this] { FormValidation::clearError(m_error); });
    connect(m_remove, &QPushButton::clicked, this, &PhraseBookDialog::removeSelected);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_save, &QPushButton::clicked, this, &PhraseBookDialog::save);
    connect(m_client, &ReferenceAdminClient::busyChanged, this, [this](bool busy) {
        // The answer is about the list sent: nothing is edited or switched until it comes.
        for (QWidget *w : std::initializer_list<QWidget *>{m_newPhrase, m_add, m_remove, m_up, m_down, m_save})
            w->setEnabled(!busy && !m_readOnly);
        m_kinds->setEnabled(!busy);
        m_phrases->setEnabled(!busy);
    });
    connect(m_client, &ReferenceAdminClient::failed, this, [this](const QString &message, const QString &) {
        FormValidation::showError(m_error, message);
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    // Another administrator changed these phrases meanwhile: theirs (now cached) are shown, the edit is to be made again.
    connect(m_client, &ReferenceAdminClient::conflicted, this, [this](const QString &, const QString &message) {
        const QStringList now = PhraseBook::builtin().phrases(m_savingKind);
        m_served.insert(m_savingKind, now);
        m_edited.insert(m_savingKind, now);
        fillKinds();
        fillPhrases();
        FormValidation::showError(m_error, message);
        showStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_client, &ReferenceAdminClient::phrasesSaved, this, [this](const ReferenceSet &set) {
        const QStringList stored = PhraseBook::builtin().phrases(m_savingKind);  // as the server stored them
        m_served.insert(m_savingKind, stored);
        m_edited.insert(m_savingKind, stored);
        fillKinds();
        showStatus(tr("Saved as version %1 of the phrase templates. Other computers offer them from their next sync; "
                      "this one already does.").arg(set.version),
                   false);
        Q_EMIT saved(m_savingKind);
    });

    m_order = PhraseBook::fieldKinds();
    for (const QString &kind : PhraseBook::builtin().kinds())
        if (!m_order.contains(kind))
            m_order.append(kind);  // a field a newer server knows
    for (const QString &kind : std::as_const(m_order))
        m_served.insert(kind, PhraseBook::builtin().phrases(kind));
    m_edited = m_served;
    m_kind = m_order.value(0);
    fillKinds();
    fillPhrases();
    if (!m_sync || !m_sync->isLoggedIn())
        setReadOnly(true, tr("Working offline: the district's phrases are shown as last synced and cannot be changed. "
                             "They are kept on the district server; sign in online to change them."));
    else if (!AccessPolicy::canManageReferenceData(m_sync->currentUser()))
        setReadOnly(true, tr("Only administrators change the district's phrase templates."));
    else {
        const std::optional<ReferenceSet> held = ReferenceCache(m_store->journal()).held(ReferenceSet::Phrases);
        showStatus(held ? tr("The district's phrase templates, version %1, changed by %2 at %3.")
                              .arg(held->version)
                              .arg(held->changedBy, FormValidation::displayTime(held->changedAt))
                        : tr("The phrases shipped with GridWhistle; the district server's arrive with the next sync."),
                   false);
    }
    resize(900, 520);
}

QString PhraseBookDialog::statusText() const { return m_status->text(); }

QString PhraseBookDialog::fieldError() const { return m_error->isHidden() ? QString() : m_error->text(); }

QStringList PhraseBookDialog::editedPhrases() const
{
    QStringList out;
    for (int i = 0; i < m_phrases->count(); ++i)
        out.append(m_phrases->item(i)->text());
    return out;
}

void PhraseBookDialog::fillKinds()
{
    const QSignalBlocker block(m_kinds);
    m_kinds->clear();
    for (const QString &kind : std::as_const(m_order)) {
        const bool unsaved = m_edited.value(kind) != m_served.value(kind);
        const QString name = tr("%1 (%2)").arg(PhraseBook::kindDisplayName(kind).text()).arg(m_edited.value(kind).size());
        auto *item = new QListWidgetItem(unsaved ? tr("%1, not saved").arg(name) : name, m_kinds);
        item->setData(Qt::UserRole, kind);
        item->setToolTip(kind);
        if (unsaved)
            item->setForeground(QColor(0xb2, 0x6a, 0x00));
        if (kind == m_kind)
            m_kinds->setCurrentItem(item);
    }
}

void PhraseBookDialog::fillPhrases()
{
    m_title->setText(PhraseBook::kindDisplayName(m_kind).text());
    m_phrases->clear();
    m_phrases->addItems(m_edited.value(m_kind));
    FormValidation::clearError(m_error);
}

void PhraseBookDialog::keepEdits()
{
    if (!m_kind.isEmpty())
        m_edited.insert(m_kind, editedPhrases());
}

void PhraseBookDialog::showKind(const QString &kind)
{
    keepEdits();
    m_kind = kind;
    fillPhrases();
    fillKinds();
}

void PhraseBookDialog::addPhrase(const QString &text)
{
    if (m_readOnly)
        return;
    QStringList phrases = editedPhrases();
    phrases.append(text.trimmed());
    const Result fits = PhraseBook::checkPhrases(m_kind, phrases);
    if (!fits.ok) {
        FormValidation::showError(m_error, fits.message.text());
        return;
    }
    m_phrases->addItem(text.trimmed());
    m_newPhrase->clear();
    keepEdits();
    fillKinds();
}

void PhraseBookDialog::removeSelected()
{
    if (m_readOnly || !m_phrases->currentItem())
        return;
    delete m_phrases->takeItem(m_phrases->currentRow());
    keepEdits();
    fillKinds();
}

void PhraseBookDialog::moveSelected(int by)
{
    const int row = m_phrases->currentRow();
    const int to = row + by;
    if (m_readOnly || row < 0 || to < 0 || to >= m_phrases->count())
        return;
    m_phrases->insertItem(to, m_phrases->takeItem(row));
    m_phrases->setCurrentRow(to);
    keepEdits();
    fillKinds();
}

void PhraseBookDialog::save()
{
    if (m_readOnly || m_client->isBusy())
        return;
    keepEdits();
    FormValidation::clearError(m_error);
    if (m_edited.value(m_kind) == m_served.value(m_kind)) {
        showStatus(tr("Nothing to save: the phrases of %1 are as the server has them.")
                       .arg(PhraseBook::kindDisplayName(m_kind).text()),
                   false);
        return;
    }
    showStatus(tr("Saving on the district server…"), false);
    m_savingKind = m_kind;
    m_saving = m_edited.value(m_kind);
    m_client->savePhrases(m_savingKind, m_saving, QJsonArray::fromStringList(m_served.value(m_savingKind)));
}

QStringList PhraseBookDialog::unsavedKinds() const
{
    QStringList kinds;
    for (auto it = m_edited.cbegin(); it != m_edited.cend(); ++it)
        if (it.value() != m_served.value(it.key()))
            kinds.append(PhraseBook::kindDisplayName(it.key()).text());
    return kinds;
}

void PhraseBookDialog::reject()
{
    keepEdits();
    const QStringList unsaved = m_readOnly ? QStringList() : unsavedKinds();
    if (!unsaved.isEmpty()
        && QMessageBox::question(this, windowTitle(),
                                 tr("The phrases of %1 are not saved on the server. Close and discard them?")
                                     .arg(unsaved.join(tr(", "))),
                                 QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
               != QMessageBox::Discard)
        return;
    QDialog::reject();
}

void PhraseBookDialog::showStatus(const QString &message, bool problem)
{
    FormValidation::showStatus(m_status, message, problem);
}

void PhraseBookDialog::setReadOnly(bool readOnly, const QString &reason)
{
    m_readOnly = readOnly;
    for (QWidget *w : std::initializer_list<QWidget *>{m_newPhrase, m_add, m_remove, m_up, m_down, m_save})
        w->setEnabled(!readOnly);
    if (readOnly)
        showStatus(reason, true);
}

} // namespace gw

#include "indicatoreditor.h"
#include "accesspolicy.h"
#include "casestore.h"
#include "formvalidation.h"
#include "indicatorschedule.h"
#include "referenceadminclient.h"
#include "referencecache.h"
#include "syncengine.h"
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

IndicatorEditor::IndicatorEditor(SyncEngine *sync, CaseStore *store, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_store(store), m_client(new ReferenceAdminClient(sync, store, this))
{
    setObjectName(QStringLiteral("indicatorEditor"));
    setWindowTitle(tr("Assessment indicators"));
    auto *layout = new QVBoxLayout(this);
    m_serverStatus = new QLabel(this);
    m_serverStatus->setObjectName(QStringLiteral("indicatorServerStatus"));
    m_serverStatus->setWordWrap(true);
    layout->addWidget(m_serverStatus);
    auto *monthRow = new QHBoxLayout;
    monthRow->addWidget(new QLabel(tr("Takes effect from:"), this));
    m_month = new QDateEdit(this);
    m_month->setObjectName(QStringLiteral("effectiveMonth"));
    m_month->setDisplayFormat(QStringLiteral("yyyy-MM"));
    m_month->setMinimumDate(QDate(2000, 1, 1));
    m_month->setMaximumDate(QDate(2100, 12, 1));
    monthRow->addWidget(m_month);
    m_inForce = new QLabel(this);
    m_inForce->setObjectName(QStringLiteral("indicatorInForce"));
    monthRow->addWidget(m_inForce, 1);
    layout->addLayout(monthRow);
    auto *intro = new QLabel(tr("The indicator set decides how streets and departments are scored. Weights per unit "
                                "kind must add up to 100. Reports name the version, so change \"version\" whenever "
                                "you change the rules. A month is assessed with the set in force in it."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_editor = new QPlainTextEdit(split);
    m_editor->setObjectName(QStringLiteral("indicatorJson"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *side = new QWidget(split);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(side);
    m_status->setWordWrap(true);
    sideLayout->addWidget(m_status);
    m_problems = new QListWidget(side);
    m_problems->setObjectName(QStringLiteral("indicatorProblems"));
    m_problems->setWordWrap(true);
    sideLayout->addWidget(m_problems, 1);
    m_summary = new QTableWidget(0, 3, side);
    m_summary->setHorizontalHeaderLabels({tr("Indicator"), tr("Street"), tr("Department")});
    m_summary->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_summary->verticalHeader()->hide();
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    sideLayout->addWidget(m_summary, 2);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close | QDialogButtonBox::RestoreDefaults, this);
    m_save = m_buttons->addButton(tr("Save on the server"), QDialogButtonBox::ApplyRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    layout->addWidget(m_buttons);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, &IndicatorEditor::restoreDefault);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &IndicatorEditor::save);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &IndicatorEditor::validate);
    // Another month shows its set, unless the one on screen was edited: the edits then stay, to be saved from it.
    connect(m_month, &QDateEdit::dateChanged, this, [this](const QDate &d) {
        if (text() == m_shownText)
            showMonth(d.year(), d.month());
        else
            updateInForce(d.year(), d.month());
    });
    connect(m_client, &ReferenceAdminClient::busyChanged, this, [this](bool busy) {
        m_editor->setReadOnly(busy || m_readOnly);
        m_month->setEnabled(!busy);
        updateSaveEnabled();
    });
    connect(m_client, &ReferenceAdminClient::failed, this, [this](const QString &message, const QString &) {
        showServerStatus(tr("Not saved: %1").arg(message), true);
    });
    // Another assessment administrator changed the set for this month meanwhile: theirs (now cached) is shown.
    connect(m_client, &ReferenceAdminClient::conflicted, this, [this](const QString &, const QString &message) {
        showMonth(m_month->date().year(), m_month->date().month());
        showServerStatus(tr("Not saved: %1").arg(message), true);
    });
    connect(m_client, &ReferenceAdminClient::indicatorsSaved, this, [this](const ReferenceSet &set) {
        showServerStatus(tr("Saved as version %1 of the indicator sets, in force from %2. Every computer's dashboard uses "
                            "it from its next sync; this one already does.")
                             .arg(set.version)
                             .arg(effectiveMonth()),
                         false);
        showMonth(m_month->date().year(), m_month->date().month());
        Q_EMIT saved(effectiveMonth());
    });

    if (!m_sync || !m_sync->isLoggedIn()) {
        m_readOnly = true;
        showServerStatus(tr("Working offline: the indicator sets are shown as last synced and cannot be changed. They "
                            "are kept on the district server; sign in online to change them."),
                         true);
    } else if (!AccessPolicy::canManageIndicators(m_sync->currentUser())) {
        m_readOnly = true;
        showServerStatus(tr("Only assessment administrators change the indicator sets (an administrator gives the grant "
                            "in the account console)."),
                         true);
    } else {
        const std::optional<ReferenceSet> held = ReferenceCache(m_store->journal()).held(ReferenceSet::Indicators);
        showServerStatus(held ? tr("The district's indicator sets, version %1, changed by %2 at %3.")
                                    .arg(held->version)
                                    .arg(held->changedBy, FormValidation::displayTime(held->changedAt))
                              : tr("The indicator set shipped with GridWhistle; the district server's arrives with the "
                                   "next sync."),
                         false);
    }
    m_editor->setReadOnly(m_readOnly);
    m_buttons->button(QDialogButtonBox::RestoreDefaults)->setEnabled(!m_readOnly);
    resize(1000, 660);
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(WorkCalendar::districtZone()).date();
    showMonth(today.year(), today.month());
}

void IndicatorEditor::showMonth(int year, int month)
{
    const QSignalBlocker block(m_month);
    m_month->setDate(QDate(year, month, 1));
    updateInForce(year, month);
    // Indented, one indicator field a line: the served set travels compact.
    m_shownSchedule = IndicatorSchedule::builtin();
    const IndicatorSet &set = m_shownSchedule.inForce(year, month);
    m_shownText = QString::fromUtf8(QJsonDocument::fromJson(set.toJson()).toJson(QJsonDocument::Indented));
    setText(m_shownText);
}

void IndicatorEditor::updateInForce(int year, int month)
{
    const IndicatorSchedule &schedule = IndicatorSchedule::builtin();
    const IndicatorSet &set = schedule.inForce(year, month);
    m_inForce->setText(tr("In force in %1: %2 (version %3, from %4)")
                           .arg(effectiveMonth(), set.title(), set.version(), schedule.effectiveFor(year, month)));
}

QString IndicatorEditor::effectiveMonth() const { return m_month->date().toString(QStringLiteral("yyyy-MM")); }

QString IndicatorEditor::statusText() const { return m_serverStatus->text(); }

void IndicatorEditor::setText(const QString &json) { m_editor->setPlainText(json); }

QString IndicatorEditor::text() const { return m_editor->toPlainText(); }

void IndicatorEditor::restoreDefault() { setText(QString::fromUtf8(IndicatorSet::builtinJson())); }

void IndicatorEditor::validate()
{
    IndicatorSet set;
    const Result r = set.loadJson(text().toUtf8(), &m_errors);
    m_problems->clear();
    m_problems->addItems(m_errors);
    m_summary->setRowCount(0);
    if (r.ok) {
        m_status->setText(tr("Valid: version %1, %2 indicators.").arg(set.version()).arg(set.indicators().size()));
        m_status->setStyleSheet(QStringLiteral("color: #1b6e2a;"));
        for (const Indicator &ind : set.indicators()) {
            const int row = m_summary->rowCount();
            m_summary->insertRow(row);
            m_summary->setItem(row, 0, new QTableWidgetItem(ind.name));
            m_summary->setItem(row, 1, new QTableWidgetItem(QString::number(ind.streetWeight)));
            m_summary->setItem(row, 2, new QTableWidgetItem(QString::number(ind.departmentWeight)));
        }
    } else {
        m_status->setText(tr("%n problem(s): fix them to save.", nullptr, int(m_errors.size())));
        m_status->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    }
    updateSaveEnabled();
}

void IndicatorEditor::updateSaveEnabled()
{
    m_save->setEnabled(isValid() && !m_readOnly && !m_client->isBusy());
}

void IndicatorEditor::save()
{
    if (m_readOnly || !isValid() || m_client->isBusy())
        return;
    showServerStatus(tr("Saving on the district server…"), false);
    m_client->saveIndicatorSet(effectiveMonth(), text().toUtf8(), ReferenceSet::indicatorPiece(m_shownSchedule, effectiveMonth()));
}

void IndicatorEditor::showServerStatus(const QString &message, bool problem)
{
    FormValidation::showStatus(m_serverStatus, message, problem);
}

} // namespace gw

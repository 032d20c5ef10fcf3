#include "indicatoreditor.h"
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

IndicatorEditor::IndicatorEditor(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Assessment indicators"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The indicator set decides how streets and departments are scored. Weights per unit "
                                "kind must add up to 100. Reports name the version, so change \"version\" whenever "
                                "you change the rules."),
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
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    layout->addWidget(m_buttons);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, &IndicatorEditor::restoreDefault);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this, [this] {
        const Result r = save();
        if (r.ok)
            accept();
        else
            QMessageBox::warning(this, windowTitle(), r.message);
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &IndicatorEditor::validate);
    resize(1000, 640);
    setText(QString::fromUtf8(IndicatorSet::builtinJson()));
}

void IndicatorEditor::setFilePath(const QString &path)
{
    m_path = path;
    QFile f(path);
    if (f.exists() && f.open(QIODevice::ReadOnly))
        setText(QString::fromUtf8(f.read(1024 * 1024)));
    else
        setText(QString::fromUtf8(IndicatorSet::builtinJson()));
}

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
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(r.ok && !m_path.isEmpty());
}

Result IndicatorEditor::save()
{
    if (m_path.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), tr("No file to save the indicator set to."));
    IndicatorSet set;
    QStringList errors;
    const Result r = set.loadJson(text().toUtf8(), &errors);
    if (!r.ok)
        return r;
    return set.saveFile(m_path);
}

} // namespace gw

#pragma once
#include "indicatorset.h"
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTableWidget;

namespace gw {

// The administrator's editor for the assessment indicator set (JSON). Every change is validated as you type:
// problems are listed with their place in the file, a summary table shows the weights per unit kind, and
// saving is possible only when the set is valid. The edited copy is a file; the shipped default stays intact.
class IndicatorEditor : public QDialog
{
    Q_OBJECT
public:
    explicit IndicatorEditor(QWidget *parent = nullptr);

    // The file the edited copy is saved to; loads it when it exists (else the shipped default is shown).
    void setFilePath(const QString &path);
    QString filePath() const { return m_path; }
    void setText(const QString &json);
    QString text() const;
    QStringList errors() const { return m_errors; }
    bool isValid() const { return m_errors.isEmpty(); }
    // Validates and writes the file; on failure nothing is written and the reason is returned.
    Result save();

public Q_SLOTS:
    void restoreDefault();

private Q_SLOTS:
    void validate();

private:
    QString m_path;
    QStringList m_errors;
    QPlainTextEdit *m_editor = nullptr;
    QListWidget *m_problems = nullptr;
    QTableWidget *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace gw

#pragma once
#include "caserecord.h"
#include "eventtype.h"
#include "result.h"
#include "user.h"
#include <QDialog>
#include <QHash>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace gw {

class AttachmentList;
class CaseStore;
class DepartmentPicker;
class PhraseCombo;

// The form for one workflow action on one case (analyze, review, whistle, check in, feedback, postpone,
// verify, close, ...). It only collects input: the store checks the event with gw::Workflow, and a refusal
// is shown next to the field it names (or at the top) while the dialog stays open with everything typed.
class CaseActionDialog : public QDialog
{
    Q_OBJECT
public:
    CaseActionDialog(CaseStore *store, const User &user, const CaseRecord &record, EventType type,
                     QWidget *parent = nullptr);

    EventType actionType() const { return m_type; }
    QString caseId() const { return m_record.id; }
    // Builds the event from the form and appends it; true when stored (then submitted() was emitted).
    bool submit();
    Result lastResult() const { return m_lastResult; }
    static QString actionTitle(EventType type, const CaseRecord &record);

    // For scripted use and tests: the widgets by role, or null when this action has none.
    PhraseCombo *textField() const { return m_text; }
    DepartmentPicker *departmentPicker() const { return m_picker; }
    AttachmentList *attachments() const { return m_attachments; }

Q_SIGNALS:
    void submitted(const QString &caseId, EventType type);

public Q_SLOTS:
    void accept() override;

private:
    void buildForm();
    QLabel *addRow(const QString &key, const QString &label, QWidget *field);
    void addChoice(const QString &label, const QList<QPair<QString, QString>> &options, const QString &initial);
    QString choice() const;
    void addText(const QString &phraseKind, const QString &label, const QString &placeholder);
    void addDue(const QString &label, const QDateTime &initial, bool optional);
    void addDepartmentChoice(const QList<QPair<QString, QString>> &departments);
    void addCategoryFields();
    void updateEnabled();
    QJsonObject payload(bool *ok);
    void showResult(const Result &r);
    void clearErrors();
    QString ownDepartment() const { return m_user.orgUnitId; }

    CaseStore *m_store;
    User m_user;
    CaseRecord m_record;
    EventType m_type;
    Result m_lastResult;

    QFormLayout *m_form = nullptr;
    QLabel *m_formError = nullptr;
    QHash<QString, QLabel *> m_errors;  // field key -> red label under it
    QButtonGroup *m_choice = nullptr;
    PhraseCombo *m_text = nullptr;
    QDateTimeEdit *m_due = nullptr;
    QCheckBox *m_dueEnabled = nullptr;
    QComboBox *m_category = nullptr;
    QComboBox *m_subcategory = nullptr;
    QComboBox *m_urgency = nullptr;
    QComboBox *m_department = nullptr;
    QLineEdit *m_mergeTarget = nullptr;
    QLineEdit *m_callbackContact = nullptr;
    QLineEdit *m_callbackBy = nullptr;
    QLineEdit *m_deadlineReason = nullptr;  // whistle: why a deadline is later than the category rule
    QSpinBox *m_score = nullptr;
    QLineEdit *m_ratingComment = nullptr;
    DepartmentPicker *m_picker = nullptr;
    AttachmentList *m_attachments = nullptr;
};

} // namespace gw

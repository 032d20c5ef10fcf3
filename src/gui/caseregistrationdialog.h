#pragma once
#include "caseevent.h"
#include "result.h"
#include "user.h"
#include <QDialog>
#include <QHash>

class QLabel;
class QLineEdit;
class QWidget;
namespace Ui { class CaseRegistrationDialog; }

namespace gw {

class AttachmentList;
class CaseStore;

// Registration form (哨件登记), laid out in ui/caseregistrationdialog.ui. Checks each field with the
// Workflow's own limits, shows problems next to the field, and saves into the local store only, so it works
// offline. Nothing typed is lost when the store refuses: the form stays open with the message.
class CaseRegistrationDialog : public QDialog
{
    Q_OBJECT
public:
    CaseRegistrationDialog(CaseStore *store, const User &user, QWidget *parent = nullptr);
    ~CaseRegistrationDialog() override;

    // Validates and saves; true when the case is in the store (registered() was emitted).
    bool submit();
    AttachmentList *attachments() const { return m_attachments; }
    QString registeredCaseId() const { return m_registeredId; }

Q_SIGNALS:
    void registered(const QString &caseId);

public Q_SLOTS:
    void accept() override;  // Save: submit(), closing only on success

private:
    enum Field { Title, Description, Category, Street, Address, GridCell, Location, ReporterName, ReporterPhone,
                 Attachments, FieldCount };
    void fillChoices();
    void fillSubcategories();
    void fillCommunities();
    // The served grid cells of the chosen community (of the whole street when none is chosen), kept when still offered.
    void fillGridCells();
    // The grid cell code the field names (picked, or typed as its code or name); the text itself when the area has no
    // served cells; empty with `problem` set when it names none of the area's cells.
    QString chosenGridCell(QString *problem) const;
    QLineEdit *gridCellEdit() const;
    bool validate();   // shows every problem; true when none
    void showResult(const Result &r);
    void setFieldError(Field field, const QString &message);
    void clearErrors();
    QLabel *errorLabel(Field field) const;
    QWidget *fieldWidget(Field field) const;

    Ui::CaseRegistrationDialog *ui;
    CaseStore *m_store;
    User m_user;
    AttachmentList *m_attachments;
    QString m_caseId;        // kept across attempts so attachments stored once belong to the same case
    QString m_registeredId;
};

} // namespace gw

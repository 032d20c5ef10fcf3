#pragma once
#include "user.h"
#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gw {

class AccountAdminClient;

// Creating an account, or changing one (name, role, unit, active), in the account console. Checks what it can with
// the server's own rules (AccountRules, PasswordPolicy) as the person types; the server has the last word, and its
// refusal is shown under the field it names, with everything typed kept. Closes when the server has saved.
class AccountFormDialog : public QDialog
{
    Q_OBJECT
public:
    // `existing` empty: a new account. `self`: the administrator's own login id (they cannot demote or disable it).
    AccountFormDialog(AccountAdminClient *client, const User &existing, const QString &self, QWidget *parent = nullptr);

    User savedUser() const { return m_saved; }
    // The message under `field` ("id", "name", "role", "orgUnit", "password", "" for the form), empty when none.
    QString errorText(const QString &field = QString()) const;
    void accept() override;

private:
    User typedUser() const;
    void fillUnits();
    // Shows the local rule check's verdict for the current input; true when it passes.
    bool checkLocally(bool showAll);
    void showFieldError(const QString &field, const QString &message);
    void clearErrors();

    AccountAdminClient *m_client;
    bool m_creating;
    QString m_self;
    User m_saved;
    QLineEdit *m_id;
    QLineEdit *m_name;
    QComboBox *m_role;
    QComboBox *m_unit;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_repeat = nullptr;
    QCheckBox *m_mustChange = nullptr;
    QCheckBox *m_active;
    QCheckBox *m_assessmentAdmin;
    QStringList m_otherGrants;
    QHash<QString, QLabel *> m_errors;  // field -> its label; "" for the whole form
    QPushButton *m_ok;
    bool m_busy = false;
};

} // namespace gw

#pragma once
#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace gw {

class AccountAdminClient;

// An administrator gives an account a new password (the person forgot theirs). By default the person must set
// their own at the next sign-in, so the administrator never keeps knowing it. Closes when the server has saved.
class ResetPasswordDialog : public QDialog
{
    Q_OBJECT
public:
    ResetPasswordDialog(AccountAdminClient *client, const QString &userId, const QString &userName,
                        QWidget *parent = nullptr);

    QString errorText() const;
    void accept() override;

private:
    void showError(const QString &message);

    AccountAdminClient *m_client;
    QString m_userId;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    QCheckBox *m_mustChange;
    QLabel *m_error;
    QPushButton *m_ok;
    bool m_busy = false;
};

} // namespace gw

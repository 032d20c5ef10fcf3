#pragma once
#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace gw {

class ApplicationContext;

// "Sign in to the server" from the main window, for the person already working in it: after the server ended their
// session (password changed elsewhere, session revoked, expired) or after they started offline. Only their own
// account; their unsent work stays queued and goes out with the first sync after. The server's refusal (wrong
// password, account disabled) is shown in the form.
class SignInAgainDialog : public QDialog
{
    Q_OBJECT
public:
    SignInAgainDialog(ApplicationContext *context, QWidget *parent = nullptr);

    QString errorText() const;
    void accept() override;

private:
    void showError(const QString &message);

    ApplicationContext *m_context;
    QLineEdit *m_password;
    QLabel *m_error;
    QPushButton *m_ok;
    bool m_busy = false;
};

} // namespace gw

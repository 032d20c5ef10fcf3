#pragma once
#include "user.h"
#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace gw {

class ApplicationContext;

// "Change my password" (issue 17): current password, the new one twice. The form checks what it can with the same
// PasswordPolicy the server runs; the server has the last word, and its refusal shows under the form.
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    ChangePasswordDialog(ApplicationContext *context, QWidget *parent = nullptr);
    // At a sign-in with a password an administrator gave out (User::mustChangePassword): that password is the
    // current one, already typed; the person only chooses their own.
    ChangePasswordDialog(ApplicationContext *context, const QString &givenPassword, QWidget *parent = nullptr);

    // After an online sign-in of `user` with `typedPassword`: when someone else set that password
    // (User::mustChangePassword), the person chooses their own now. True when they may go on (the context's current
    // user then no longer needs a change); false when they would not, and they are signed out again.
    static bool ensureOwnPassword(ApplicationContext *context, const User &user, const QString &typedPassword,
                                  QWidget *parent);

    QString errorText() const;
    void accept() override;

private:
    void showError(const QString &message);

    ApplicationContext *m_context;
    QLineEdit *m_current;
    QLineEdit *m_next;
    QLineEdit *m_repeat;
    QLabel *m_error;
    QLabel *m_required;
    QPushButton *m_ok;
    bool m_busy = false;
};

} // namespace gw

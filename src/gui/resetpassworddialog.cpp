#include "resetpassworddialog.h"
#include "accountadminclient.h"
#include "formvalidation.h"
#include "passwordpolicy.h"
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

ResetPasswordDialog::ResetPasswordDialog(AccountAdminClient *client, const QString &userId, const QString &userName,
                                         QWidget *parent)
    : QDialog(parent), m_client(client), m_userId(userId)
{
    setObjectName(QStringLiteral("resetPasswordDialog"));
    setWindowTitle(tr("Reset the password of %1").arg(userName.isEmpty() ? userId : userName));
    auto field = [this](const char *name) {
        auto *e = new QLineEdit(this);
        e->setObjectName(QLatin1String(name));
        e->setEchoMode(QLineEdit::Password);
        e->setMaxLength(PasswordPolicy::MaxLength);
        return e;
    };
    m_password = field("newPassword");
    m_repeat = field("repeatPassword");
    m_mustChange = new QCheckBox(tr("Must set a new password at the next sign-in"), this);
    m_mustChange->setObjectName(QStringLiteral("mustChange"));
    m_mustChange->setChecked(true);
    auto *hint = new QLabel(tr("All sessions of %1 end at once; unsent work on their computers stays queued until they "
                               "sign in with the new password.").arg(userId), this);
    hint->setWordWrap(true);
    m_error = FormValidation::makeErrorLabel(m_password, this);
    m_error->setObjectName(QStringLiteral("formErrorLabel"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("submitButton"));
    m_ok->setText(tr("Reset password"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ResetPasswordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("New password:"), m_password);
    form->addRow(tr("New password again:"), m_repeat);
    form->addRow(QString(), m_mustChange);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_client, &AccountAdminClient::accountSaved, this, [this](AccountAdminClient::Operation operation, const User &) {
        if (m_busy && operation == AccountAdminClient::Operation::ResetPassword) {
            m_busy = false;
            QDialog::accept();
        }
    });
    connect(m_client, &AccountAdminClient::failed, this,
            [this](AccountAdminClient::Operation operation, const QString &message, const QString &) {
                if (!m_busy || operation != AccountAdminClient::Operation::ResetPassword)
                    return;
                m_busy = false;
                m_ok->setEnabled(true);
                showError(message);
            });
    resize(460, sizeHint().height());
}

QString ResetPasswordDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void ResetPasswordDialog::showError(const QString &message)
{
    if (message.isEmpty())
        FormValidation::clearError(m_error);
    else
        FormValidation::showError(m_error, message);
}

void ResetPasswordDialog::accept()
{
    if (m_busy)
        return;
    const Result allowed = PasswordPolicy::checkNew(m_userId, QString(), m_password->text());
    if (!allowed.ok) {
        m_password->setFocus();
        return showError(allowed.message.text());
    }
    if (m_password->text() != m_repeat->text()) {
        m_repeat->setFocus();
        return showError(tr("The two passwords are not the same."));
    }
    showError(QString());
    m_busy = true;
    m_ok->setEnabled(false);
    m_client->resetPassword(m_userId, m_password->text(), m_mustChange->isChecked());
}

} // namespace gw

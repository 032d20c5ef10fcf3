#include "signinagaindialog.h"
#include "applicationcontext.h"
#include "changepassworddialog.h"
#include "formvalidation.h"
#include "passwordpolicy.h"
#include "syncengine.h"
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

SignInAgainDialog::SignInAgainDialog(ApplicationContext *context, QWidget *parent) : QDialog(parent), m_context(context)
{
    setObjectName(QStringLiteral("signInAgainDialog"));
    setWindowTitle(tr("Sign in to the district server"));
    const User &user = m_context->currentUser();
    auto *who = new QLabel(tr("Sign in as %1 to send your unsent work and receive what changed. Nothing you did "
                              "on this computer is lost.").arg(ApplicationContext::describeUser(user)), this);
    who->setWordWrap(true);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(PasswordPolicy::MaxLength);
    m_error = FormValidation::makeErrorLabel(m_password, this);
    m_error->setObjectName(QStringLiteral("formErrorLabel"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("submitButton"));
    m_ok->setText(tr("Sign in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInAgainDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("Password:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(who);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    SyncEngine *sync = m_context->sync();
    connect(sync, &SyncEngine::loggedIn, this, [this](const User &signedIn) {
        if (!m_busy)
            return;
        m_busy = false;
        m_ok->setEnabled(true);
        m_context->setCurrentUser(signedIn);
        if (!ChangePasswordDialog::ensureOwnPassword(m_context, signedIn, m_password->text(), this)) {
            showError(tr("Choose your own password to sign in as %1.").arg(signedIn.id));
            return;
        }
        m_context->setWorkingOffline(false);
        m_password->clear();
        QDialog::accept();
    });
    connect(sync, &SyncEngine::loginFailed, this, [this](const QString &message) {
        if (!m_busy)
            return;
        m_busy = false;
        m_ok->setEnabled(true);
        showError(tr("Sign-in failed: %1").arg(message));
    });
    resize(480, sizeHint().height());
}

QString SignInAgainDialog::errorText() const { return m_error->isHidden() ? QString() : m_error->text(); }

void SignInAgainDialog::showError(const QString &message)
{
    if (message.isEmpty())
        FormValidation::clearError(m_error);
    else
        FormValidation::showError(m_error, message);
}

void SignInAgainDialog::accept()
{
    if (m_busy)
        return;
    if (m_password->text().isEmpty()) {
        m_password->setFocus();
        return showError(tr("Enter your password."));
    }
    showError(QString());
    m_busy = true;
    m_ok->setEnabled(false);
    m_context->sync()->login(m_context->currentUser().id, m_password->text());
}

} // namespace gw

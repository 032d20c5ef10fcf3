#include "changepassworddialog.h"
#include "applicationcontext.h"
#include "passwordpolicy.h"
#include "syncengine.h"
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

ChangePasswordDialog::ChangePasswordDialog(ApplicationContext *context, const QString &givenPassword, QWidget *parent)
    : ChangePasswordDialog(context, parent)
{
    setWindowTitle(tr("Set your own password"));
    m_current->setText(givenPassword);
    m_current->setReadOnly(true);
    m_required->setText(tr("Your password was set by an administrator. Choose your own before you start; "
                           "nobody else will know it."));
    m_required->setVisible(true);
    m_next->setFocus();
}

ChangePasswordDialog::ChangePasswordDialog(ApplicationContext *context, QWidget *parent)
    : QDialog(parent), m_context(context)
{
    setObjectName(QStringLiteral("changePasswordDialog"));
    setWindowTitle(tr("Change my password"));
    auto field = [this](const char *name) {
        auto *e = new QLineEdit(this);
        e->setObjectName(QLatin1String(name));
        e->setEchoMode(QLineEdit::Password);
        e->setMaxLength(PasswordPolicy::MaxLength);
        return e;
    };
    m_current = field("currentPassword");
    m_next = field("newPassword");
    m_repeat = field("repeatPassword");
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("formErrorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_required = new QLabel(this);
    m_required->setObjectName(QStringLiteral("requiredNote"));
    m_required->setWordWrap(true);
    m_required->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_required->setVisible(false);
    auto *hint = new QLabel(tr("At least %1 characters; not your login id and not the demo password. Your other "
                               "sessions end; this computer stays signed in.").arg(PasswordPolicy::MinLength), this);
    hint->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("submitButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("Current password:"), m_current);
    form->addRow(tr("New password:"), m_next);
    form->addRow(tr("New password again:"), m_repeat);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_required);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_context->sync(), &SyncEngine::passwordChangeFinished, this, [this](bool ok, const QString &message) {
        if (!m_busy)
            return;
        m_busy = false;
        m_ok->setEnabled(true);
        if (ok)
            QDialog::accept();
        else
            showError(message);
    });
    resize(460, sizeHint().height());
}

bool ChangePasswordDialog::ensureOwnPassword(ApplicationContext *context, const User &user, const QString &typedPassword,
                                             QWidget *parent)
{
    if (!user.mustChangePassword)
        return true;
    ChangePasswordDialog change(context, typedPassword, parent);
    if (change.exec() != QDialog::Accepted) {
        context->sync()->logout();
        return false;
    }
    User changed = user;
    changed.mustChangePassword = false;
    context->setCurrentUser(changed);
    return true;
}

QString ChangePasswordDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void ChangePasswordDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ChangePasswordDialog::accept()
{
    if (m_busy)
        return;
    if (m_current->text().isEmpty()) {
        m_current->setFocus();
        return showError(tr("Enter your current password."));
    }
    if (m_next->text() != m_repeat->text()) {
        m_repeat->setFocus();
        return showError(tr("The two new passwords are not the same."));
    }
    const Result allowed = PasswordPolicy::checkNew(m_context->currentUser().id, m_current->text(), m_next->text());
    if (!allowed.ok) {
        m_next->setFocus();
        return showError(allowed.message.text());
    }
    showError(QString());
    m_busy = true;
    m_ok->setEnabled(false);
    m_context->sync()->changePassword(m_current->text(), m_next->text());
}

} // namespace gw

#include "accountformdialog.h"
#include "accountadminclient.h"
#include "accountrules.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include "passwordpolicy.h"
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

namespace {
// A field and its red message label under it, as one row of the form.
QWidget *withError(QWidget *field, QLabel **label, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    *label = FormValidation::makeErrorLabel(field, box);
    layout->addWidget(*label);
    return box;
}
}

AccountFormDialog::AccountFormDialog(AccountAdminClient *client, const User &existing, const QString &self,
                                     QWidget *parent)
    : QDialog(parent), m_client(client), m_creating(existing.id.isEmpty()), m_self(self)
{
    setObjectName(QStringLiteral("accountFormDialog"));
    setWindowTitle(m_creating ? tr("New account") : tr("Change account %1").arg(existing.id));
    m_id = new QLineEdit(existing.id, this);
    m_id->setObjectName(QStringLiteral("accountId"));
    m_id->setMaxLength(AccountRules::MaxIdLength);
    m_id->setReadOnly(!m_creating);
    m_id->setPlaceholderText(tr("letters, digits, . _ -"));
    m_name = new QLineEdit(existing.name, this);
    m_name->setObjectName(QStringLiteral("accountName"));
    m_name->setMaxLength(AccountRules::MaxNameLength);
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("accountRole"));
    for (Role r : allRoles())
        m_role->addItem(roleDisplayName(r).text(), roleToString(r));
    m_role->setCurrentIndex(qMax(0, m_role->findData(roleToString(m_creating ? Role::CommunityReporter : existing.role))));
    m_unit = new QComboBox(this);
    m_unit->setObjectName(QStringLiteral("accountUnit"));
    m_unit->setEditable(false);
    m_unit->setMaxVisibleItems(20);
    fillUnits();
    m_unit->setCurrentIndex(qMax(0, m_unit->findData(existing.orgUnitId)));
    m_active = new QCheckBox(tr("Account is enabled (can sign in)"), this);
    m_active->setObjectName(QStringLiteral("accountActive"));
    m_active->setChecked(m_creating || existing.active);
    m_assessmentAdmin = new QCheckBox(tr("Assessment administrator: may change the district's indicator sets"), this);
    m_assessmentAdmin->setObjectName(QStringLiteral("accountAssessmentAdmin"));
    m_assessmentAdmin->setChecked(existing.hasGrant(User::AssessmentAdministrator));
    m_otherGrants = existing.grants;
    m_otherGrants.removeAll(User::AssessmentAdministrator);
    m_assessmentAdmin->setToolTip(tr("A right beyond the role: given to the few people who keep the assessment's "
                                     "indicators, whatever their role."));
    if (!m_creating && existing.id == m_self) {
        // The server refuses both too; here they are not even offered.
        m_active->setEnabled(false);
        m_role->setEnabled(false);
        m_role->setToolTip(tr("You cannot change your own role or disable your own account."));
    }

    auto *form = new QFormLayout;
    QLabel *label = nullptr;
    form->addRow(tr("Login id:"), withError(m_id, &label, this));
    m_errors.insert(QStringLiteral("id"), label);
    form->addRow(tr("Name:"), withError(m_name, &label, this));
    m_errors.insert(QStringLiteral("name"), label);
    form->addRow(tr("Role:"), withError(m_role, &label, this));
    m_errors.insert(QStringLiteral("role"), label);
    form->addRow(tr("Unit:"), withError(m_unit, &label, this));
    m_errors.insert(QStringLiteral("orgUnit"), label);
    if (m_creating) {
        auto password = [this](const char *name) {
            auto *e = new QLineEdit(this);
            e->setObjectName(QLatin1String(name));
            e->setEchoMode(QLineEdit::Password);
            e->setMaxLength(PasswordPolicy::MaxLength);
            return e;
        };
        m_password = password("accountPassword");
        m_repeat = password("accountPasswordRepeat");
        form->addRow(tr("Initial password:"), withError(m_password, &label, this));
        m_errors.insert(QStringLiteral("password"), label);
        form->addRow(tr("Password again:"), m_repeat);
        m_mustChange = new QCheckBox(tr("Must set a new password at the first sign-in"), this);
        m_mustChange->setObjectName(QStringLiteral("accountMustChange"));
        m_mustChange->setChecked(true);
        form->addRow(QString(), m_mustChange);
    }
    form->addRow(QString(), m_active);
    form->addRow(tr("Grants:"), m_assessmentAdmin);

    auto *formError = new QLabel(this);
    formError->setObjectName(QStringLiteral("formErrorLabel"));
    formError->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    formError->setWordWrap(true);
    formError->setVisible(false);
    m_errors.insert(QString(), formError);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("submitButton"));
    m_ok->setText(m_creating ? tr("Create") : tr("Save"));
    connect(buttons, &QDialogButtonBox::accepted, this, &AccountFormDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(formError);
    layout->addWidget(buttons);

    // The role decides which units fit; the verdict follows every change, before anything is sent.
    connect(m_role, &QComboBox::currentIndexChanged, this, [this] { checkLocally(false); });
    connect(m_unit, &QComboBox::currentIndexChanged, this, [this] { checkLocally(false); });
    connect(m_client, &AccountAdminClient::accountSaved, this,
            [this](AccountAdminClient::Operation operation, const User &user) {
                if (!m_busy || (operation != AccountAdminClient::Operation::Create
                                && operation != AccountAdminClient::Operation::Update))
                    return;
                m_busy = false;
                m_saved = user;
                QDialog::accept();
            });
    connect(m_client, &AccountAdminClient::failed, this,
            [this](AccountAdminClient::Operation operation, const QString &message, const QString &field) {
                if (!m_busy || (operation != AccountAdminClient::Operation::Create
                                && operation != AccountAdminClient::Operation::Update))
                    return;
                m_busy = false;
                m_ok->setEnabled(true);
                showFieldError(m_errors.contains(field) ? field : QString(), message);
            });
    resize(520, sizeHint().height());
}

void AccountFormDialog::fillUnits()
{
    // Every unit, grouped by kind in the order a district reads them; the rule check says which fit the role.
    const OrgDirectory &org = OrgDirectory::builtin();
    for (OrgUnit::Kind kind : {OrgUnit::Kind::Center, OrgUnit::Kind::Street, OrgUnit::Kind::Community,
                               OrgUnit::Kind::Department}) {
        for (const OrgUnit &u : org.unitsOfKind(kind)) {
            QString text = u.name;
            if (kind == OrgUnit::Kind::Community && !u.parentId.isEmpty())
                text = tr("%1 (%2)").arg(u.name, org.nameOf(u.parentId));
            m_unit->addItem(text, u.id);
        }
    }
}

User AccountFormDialog::typedUser() const
{
    User u;
    u.id = m_id->text().trimmed();
    u.name = m_name->text().trimmed();
    roleFromString(m_role->currentData().toString(), &u.role);
    u.orgUnitId = m_unit->currentData().toString();
    u.active = m_active->isChecked();
    u.grants = m_otherGrants;  // grants this form does not show stay as they were
    if (m_assessmentAdmin->isChecked())
        u.grants.append(User::AssessmentAdministrator);
    u.mustChangePassword = m_mustChange && m_mustChange->isChecked();
    return u;
}

QString AccountFormDialog::errorText(const QString &field) const
{
    QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void AccountFormDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errors))
        FormValidation::clearError(label);
}

void AccountFormDialog::showFieldError(const QString &field, const QString &message)
{
    FormValidation::showError(m_errors.value(field), message);
    const QHash<QString, QWidget *> fields{{QStringLiteral("id"), m_id},
                                           {QStringLiteral("name"), m_name},
                                           {QStringLiteral("role"), m_role},
                                           {QStringLiteral("orgUnit"), m_unit},
                                           {QStringLiteral("password"), m_password}};
    QWidget *focus = fields.value(field);
    if (focus)
        focus->setFocus();
}

bool AccountFormDialog::checkLocally(bool showAll)
{
    clearErrors();
    const User u = typedUser();
    // While the person is still choosing, only the role/unit fit is worth a word; the rest on submit.
    const Result fit = AccountRules::check(u, OrgDirectory::builtin());
    if (!fit.ok && (showAll || fit.field == QLatin1String("orgUnit"))) {
        showFieldError(fit.field, fit.message.text());
        return false;
    }
    if (!showAll)
        return fit.ok;
    if (m_creating) {
        const Result length = PasswordPolicy::checkNew(u.id, QString(), m_password->text());
        if (!length.ok) {
            showFieldError(QStringLiteral("password"), length.message.text());
            return false;
        }
        if (m_password->text() != m_repeat->text()) {
            showFieldError(QStringLiteral("password"), tr("The two passwords are not the same."));
            return false;
        }
    }
    return true;
}

void AccountFormDialog::accept()
{
    if (m_busy || !checkLocally(true))
        return;
    m_busy = true;
    m_ok->setEnabled(false);
    const User u = typedUser();
    if (m_creating)
        m_client->createAccount(u, m_password->text());
    else
        m_client->updateAccount(u);
}

} // namespace gw

#include "logindialog.h"
#include "changepassworddialog.h"
#include "applicationcontext.h"
#include "icons.h"
#include "languagemanager.h"
#include "localserverlauncher.h"
#include "settingsdialog.h"
#include "syncengine.h"
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace gw {

LoginDialog::LoginDialog(ApplicationContext *context, LanguageManager *languages, QWidget *parent)
    : QDialog(parent), m_context(context), m_languages(languages)
{
    setWindowIcon(Icons::application());
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("heading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.4);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    auto *logo = new QLabel(this);
    logo->setPixmap(Icons::application().pixmap(48, 48));
    m_firstRun = new QLabel(this);
    m_firstRun->setWordWrap(true);
    m_firstRun->setStyleSheet(QStringLiteral("background: #e3f2fd; padding: 6px; border-radius: 4px;"));
    m_languageLabel = new QLabel(this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    for (const QString &code : LanguageManager::availableLanguages())
        m_language->addItem(LanguageManager::displayName(code), code);
    if (m_languages)
        m_language->setCurrentIndex(qMax(0, m_language->findData(m_languages->language())));
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        if (m_languages)
            m_languages->setLanguage(m_language->currentData().toString());
    });

    m_local = new QRadioButton(this);
    m_local->setObjectName(QStringLiteral("localServer"));
    m_remote = new QRadioButton(this);
    m_remote->setObjectName(QStringLiteral("remoteServer"));
    m_urlLabel = new QLabel(this);
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://grid.panlong.example:8443"));
    m_userLabel = new QLabel(this);
    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("userId"));
    m_user->setEditable(true);
    m_user->setInsertPolicy(QComboBox::NoInsert);
    m_passwordLabel = new QLabel(this);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumHeight(8);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_loginButton = new QPushButton(this);
    m_loginButton->setObjectName(QStringLiteral("loginButton"));
    m_loginButton->setDefault(true);
    m_offlineButton = new QPushButton(this);
    m_offlineButton->setObjectName(QStringLiteral("offlineButton"));
    m_settingsButton = new QPushButton(this);
    m_quitButton = new QPushButton(this);
    connect(m_loginButton, &QPushButton::clicked, this, &LoginDialog::logIn);
    connect(m_offlineButton, &QPushButton::clicked, this, &LoginDialog::workOffline);
    connect(m_settingsButton, &QPushButton::clicked, this, &LoginDialog::openSettings);
    connect(m_quitButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_remote, &QRadioButton::toggled, this, &LoginDialog::updateMode);

    auto *top = new QHBoxLayout;
    top->addWidget(logo);
    top->addWidget(m_heading, 1);
    top->addWidget(m_languageLabel);
    top->addWidget(m_language);
    auto *form = new QFormLayout;
    form->addRow(m_local);
    form->addRow(m_remote);
    form->addRow(m_urlLabel, m_url);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_settingsButton);
    buttons->addStretch(1);
    buttons->addWidget(m_offlineButton);
    buttons->addWidget(m_loginButton);
    buttons->addWidget(m_quitButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_firstRun);
    layout->addLayout(form);
    layout->addWidget(m_busy);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addLayout(buttons);
    setTabOrder(m_local, m_remote);
    setTabOrder(m_remote, m_url);
    setTabOrder(m_url, m_user);
    setTabOrder(m_user, m_password);
    setTabOrder(m_password, m_loginButton);
    setTabOrder(m_loginButton, m_offlineButton);
    setTabOrder(m_offlineButton, m_settingsButton);
    setTabOrder(m_settingsButton, m_quitButton);
    setTabOrder(m_quitButton, m_language);

    const bool remote = m_context->connectionMode() == ApplicationContext::ConnectionMode::RemoteServer;
    (remote ? m_remote : m_local)->setChecked(true);
    m_url->setText(m_context->serverUrl().toString());
    // On a first start the hint suggests the dispatcher demo account; fill it in.
    m_user->setCurrentText(m_context->lastUserId().isEmpty() && m_context->isFirstRun()
                               ? QStringLiteral("dispatcher") : m_context->lastUserId());

    SyncEngine *sync = m_context->sync();
    connect(sync, &SyncEngine::loggedIn, this, [this](const User &user) {
        if (m_isBusy)
            succeed(user, false);
    });
    connect(sync, &SyncEngine::loginFailed, this, [this](const QString &message) {
        if (m_isBusy)
            showError(tr("Login failed: %1").arg(message));
    });
    LocalServerLauncher *launcher = m_context->localServer();
    connect(launcher, &LocalServerLauncher::ready, this, [this](const QUrl &url, const QString &caFile) {
        if (m_isBusy)
            loginTo(url, caFile);
    });
    connect(launcher, &LocalServerLauncher::failed, this, [this](const QString &message) {
        if (m_isBusy)
            showError(message);
    });

    retranslate();
    updateMode();
    setMinimumWidth(600);
    m_password->setFocus();
}

void LoginDialog::retranslate()
{
    setWindowTitle(tr("GridWhistle — sign in"));
    m_heading->setText(tr("GridWhistle grid command center"));
    m_languageLabel->setText(tr("Language:"));
    m_firstRun->setText(tr("First start on this computer. To try GridWhistle or work at a single desk, keep "
                           "\"Start a district server on this computer\" and sign in with a demo account "
                           "(e.g. dispatcher, password %1). To join your district, choose \"Connect to the "
                           "district server\" and enter the address IT gave you; Settings holds the CA "
                           "certificate file.").arg(ApplicationContext::demoPassword()));
    m_firstRun->setVisible(m_context->isFirstRun());
    m_local->setText(tr("Start a district server on this computer"));
    m_remote->setText(tr("Connect to the district server"));
    m_urlLabel->setText(tr("Server address:"));
    m_userLabel->setText(tr("User:"));
    m_passwordLabel->setText(tr("Password:"));
    m_loginButton->setText(tr("Sign in"));
    m_offlineButton->setText(tr("Work offline"));
    m_offlineButton->setToolTip(tr("Use the session last signed in on this computer; changes are sent at the next sync"));
    m_settingsButton->setText(tr("Settings…"));
    m_quitButton->setText(tr("Quit"));
    const QString current = m_user->currentText();
    m_user->clear();
    for (const User &u : ApplicationContext::demoUsers())
        m_user->addItem(QStringLiteral("%1").arg(u.id), u.id);
    for (int i = 0; i < m_user->count(); ++i) {
        const User u = ApplicationContext::demoUsers().at(i);
        m_user->setItemData(i, ApplicationContext::describeUser(u), Qt::ToolTipRole);
    }
    m_user->setCurrentText(current);
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void LoginDialog::updateMode()
{
    const bool remote = m_remote->isChecked();
    m_url->setEnabled(remote && !m_isBusy);
    m_urlLabel->setEnabled(remote);
    m_loginButton->setEnabled(!m_isBusy);
}

QString LoginDialog::statusText() const
{
    return m_status->text();
}

void LoginDialog::setBusy(bool busy, const QString &message)
{
    m_isBusy = busy;
    m_busy->setVisible(busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_local, m_remote, m_user, m_password, m_offlineButton,
                                                       m_settingsButton, m_language})
        w->setEnabled(!busy);
    m_status->setStyleSheet(QString());
    m_status->setText(message);
    updateMode();
}

void LoginDialog::showError(const QString &message)
{
    setBusy(false);
    m_status->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_status->setText(message);
}

void LoginDialog::logIn()
{
    if (m_isBusy)
        return;
    const QString userId = m_user->currentText().trimmed();
    if (userId.isEmpty()) {
        showError(tr("Enter your user name."));
        m_user->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    if (m_remote->isChecked()) {
        const QString urlError = SettingsDialog::checkServerUrl(m_url->text());
        if (!urlError.isEmpty()) {
            showError(urlError);
            m_url->setFocus();
            return;
        }
        m_context->setConnectionMode(ApplicationContext::ConnectionMode::RemoteServer);
        m_context->setServerUrl(QUrl(m_url->text().trimmed()));
        setBusy(true, tr("Signing in…"));
        loginTo(QUrl(m_url->text().trimmed()), m_context->caCertificateFile());
    } else {
        m_context->setConnectionMode(ApplicationContext::ConnectionMode::LocalServer);
        LocalServerLauncher *launcher = m_context->localServer();
        if (launcher->isReady()) {
            setBusy(true, tr("Signing in…"));
            loginTo(launcher->url(), launcher->caCertificateFile());
        } else {
            setBusy(true, tr("Starting the district server on this computer…"));
            launcher->start(m_context->serverDataDir());
        }
    }
}

void LoginDialog::loginTo(const QUrl &url, const QString &caFile)
{
    SyncEngine *sync = m_context->sync();
    const Result configured = sync->configure(url, caFile);
    if (!configured.ok) {
        showError(configured.message);
        return;
    }
    setBusy(true, tr("Signing in to %1…").arg(url.toString()));
    sync->login(m_user->currentText().trimmed(), m_password->text());
}

void LoginDialog::workOffline()
{
    if (m_isBusy)
        return;
    // Offline too, the person proves who they are: with the password of their last online sign-in here.
    const QString userId = m_user->currentText().trimmed();
    if (userId.isEmpty()) {
        showError(tr("Enter your user name."));
        m_user->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Enter your password. Working offline needs the password of your last online sign-in on "
                     "this computer."));
        m_password->setFocus();
        return;
    }
    SyncEngine *sync = m_context->sync();
    const Result r = sync->signInOffline(userId, m_password->text());
    if (!r.ok) {
        m_password->clear();
        m_password->setFocus();
        showError(r.message.text());
        return;
    }
    m_password->clear();
    succeed(sync->currentUser(), true);
}

void LoginDialog::succeed(const User &user, bool offline)
{
    setBusy(false);
    m_context->setCurrentUser(user);
    // The initial admin, or a password an administrator reset: the person's own password comes first.
    if (!offline && !ChangePasswordDialog::ensureOwnPassword(m_context, user, m_password->text(), this)) {
        m_context->setCurrentUser(User());
        showError(tr("Choose your own password to sign in as %1.").arg(user.id));
        return;
    }
    m_context->setWorkingOffline(offline);
    m_context->setLastUserId(user.id);
    m_context->markConfigured();
    m_password->clear();
    accept();
}

void LoginDialog::openSettings()
{
    SettingsDialog dialog(m_context, m_languages, this);
    if (dialog.exec() == QDialog::Accepted) {
        const bool remote = m_context->connectionMode() == ApplicationContext::ConnectionMode::RemoteServer;
        (remote ? m_remote : m_local)->setChecked(true);
        m_url->setText(m_context->serverUrl().toString());
        retranslate();
    }
}

} // namespace gw

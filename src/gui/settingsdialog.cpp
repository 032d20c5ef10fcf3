#include "settingsdialog.h"
#include "applicationcontext.h"
#include "languagemanager.h"
#include "syncengine.h"
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

namespace gw {

namespace {
QLabel *errorLabel(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    l->setWordWrap(true);
    l->setVisible(false);
    return l;
}
} // namespace

SettingsDialog::SettingsDialog(ApplicationContext *context, LanguageManager *languages, QWidget *parent)
    : QDialog(parent), m_context(context), m_languages(languages)
{
    setWindowTitle(tr("Settings"));
    m_local = new QRadioButton(tr("Start a district server on this computer (single desk, demo)"), this);
    m_local->setObjectName(QStringLiteral("localServer"));
    m_remote = new QRadioButton(tr("Connect to the district server"), this);
    m_remote->setObjectName(QStringLiteral("remoteServer"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setPlaceholderText(QStringLiteral("https://grid.panlong.example:8443"));
    m_urlError = errorLabel(this);
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caFile->setPlaceholderText(tr("Optional: PEM file of the district CA"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("District CA certificate"), m_caFile->text(),
                                                          tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(QDir::toNativeSeparators(file));
    });
    m_caError = errorLabel(this);
    m_autoSync = new QSpinBox(this);
    m_autoSync->setObjectName(QStringLiteral("autoSync"));
    m_autoSync->setRange(0, 240);
    m_autoSync->setSuffix(tr(" min"));
    m_autoSync->setSpecialValueText(tr("Off"));
    m_idleLock = new QSpinBox(this);
    m_idleLock->setObjectName(QStringLiteral("idleLock"));
    m_idleLock->setRange(1, 240);
    m_idleLock->setSuffix(tr(" min"));
    m_idleLock->setToolTip(tr("The window locks after this time without use and asks for the password again; "
                              "unsent work is kept."));
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    for (const QString &code : LanguageManager::availableLanguages())
        m_language->addItem(LanguageManager::displayName(code), code);

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(m_local);
    form->addRow(m_remote);
    form->addRow(tr("Server address:"), m_url);
    form->addRow(QString(), m_urlError);
    form->addRow(tr("District CA certificate:"), caRow);
    form->addRow(QString(), m_caError);
    form->addRow(tr("Sync automatically every:"), m_autoSync);
    form->addRow(tr("Lock the window when idle for:"), m_idleLock);
    form->addRow(tr("Language:"), m_language);
    auto *dataDir = new QLabel(tr("Data folder: %1").arg(QDir::toNativeSeparators(m_context->dataDir())), this);
    dataDir->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dataDir->setWordWrap(true);
    // Where the signed-in person's session is kept (keychain, or the encrypted file and why), issue 17.
    auto *vault = new QLabel(m_context->sync() ? m_context->sync()->sessionStorageNote() : QString(), this);
    vault->setObjectName(QStringLiteral("sessionStorage"));
    vault->setWordWrap(true);
    vault->setVisible(!vault->text().isEmpty());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(dataDir);
    layout->addWidget(vault);
    layout->addWidget(buttons);

    const bool remote = m_context->connectionMode() == ApplicationContext::ConnectionMode::RemoteServer;
    (remote ? m_remote : m_local)->setChecked(true);
    m_url->setText(m_context->serverUrl().toString());
    m_caFile->setText(QDir::toNativeSeparators(m_context->caCertificateFile()));
    m_autoSync->setValue(m_context->autoSyncMinutes());
    m_idleLock->setValue(m_context->idleLockMinutes());
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_languages ? m_languages->language()
                                                                           : LanguageManager::defaultLanguage())));
    connect(m_remote, &QRadioButton::toggled, this, &SettingsDialog::updateEnabled);
    updateEnabled();
    resize(560, sizeHint().height());
}

void SettingsDialog::updateEnabled()
{
    m_url->setEnabled(m_remote->isChecked());
    m_caFile->setEnabled(m_remote->isChecked());
}

QString SettingsDialog::checkServerUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the district server's address, e.g. https://grid.example:8443.");
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return tr("\"%1\" is not a valid address.").arg(trimmed.left(200));
    if (url.scheme() != QLatin1String("https"))
        return tr("The address must start with https:// — GridWhistle only talks to the server over TLS.");
    return {};
}

QString SettingsDialog::checkCaFile(const QString &path)
{
    if (path.trimmed().isEmpty())
        return {};  // the system's trusted CAs are used
    const QFileInfo info(QDir::fromNativeSeparators(path.trimmed()));
    if (!info.exists() || !info.isFile())
        return tr("The file %1 does not exist.").arg(path.trimmed());
    QFile file(info.absoluteFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return tr("Cannot read %1: %2").arg(path.trimmed(), file.errorString());
    if (!file.read(1024 * 1024).contains("-----BEGIN CERTIFICATE-----"))
        return tr("%1 is not a PEM certificate file (no \"BEGIN CERTIFICATE\" block).").arg(path.trimmed());
    return {};
}

bool SettingsDialog::validate()
{
    const QString urlError = m_remote->isChecked() ? checkServerUrl(m_url->text()) : QString();
    const QString caError = m_remote->isChecked() ? checkCaFile(m_caFile->text()) : QString();
    m_urlError->setText(urlError);
    m_urlError->setVisible(!urlError.isEmpty());
    m_caError->setText(caError);
    m_caError->setVisible(!caError.isEmpty());
    if (!urlError.isEmpty())
        m_url->setFocus();
    else if (!caError.isEmpty())
        m_caFile->setFocus();
    return urlError.isEmpty() && caError.isEmpty();
}

void SettingsDialog::accept()
{
    if (!validate())
        return;
    m_context->setConnectionMode(m_remote->isChecked() ? ApplicationContext::ConnectionMode::RemoteServer
                                                       : ApplicationContext::ConnectionMode::LocalServer);
    if (m_remote->isChecked()) {
        m_context->setServerUrl(QUrl(m_url->text().trimmed()));
        m_context->setCaCertificateFile(QDir::fromNativeSeparators(m_caFile->text().trimmed()));
    }
    m_context->setAutoSyncMinutes(m_autoSync->value());
    m_context->setIdleLockMinutes(m_idleLock->value());
    m_context->markConfigured();
    if (m_languages)
        m_languages->setLanguage(m_language->currentData().toString());
    QDialog::accept();
}

} // namespace gw

#include "applicationcontext.h"
#include "referencecache.h"
#include "casestore.h"
#include "localserverlauncher.h"
#include "orgdirectory.h"
#include "attachmenttransfer.h"
#include "cityexchangeclient.h"
#include "syncengine.h"
#include "syncscheduler.h"
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

namespace gw {

ApplicationContext::ApplicationContext(QObject *parent)
    : QObject(parent), m_store(new CaseStore(this))
{
    m_sync = new SyncEngine(m_store, this);
    m_cityExchange = new CityExchangeClient(m_sync, this);
    m_attachments = new AttachmentTransfer(m_sync, m_store, this);
    m_scheduler = new SyncScheduler(m_sync, this);
    m_scheduler->setIntervalSeconds(autoSyncMinutes() * 60);
}

ApplicationContext::~ApplicationContext()
{
    // The local server must not outlive the client that started it.
    if (m_localServer)
        m_localServer->stop();
}

QString ApplicationContext::defaultDataDir()
{
    const QString fromEnv = qEnvironmentVariable("GW_DATA_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // Local, not roaming: the cache can reach gigabytes and must not travel with a Windows roaming profile.
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

Result ApplicationContext::open(const QString &dataDir)
{
    if (dataDir.trimmed().isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), tr("No data folder is set."));
    if (!QDir().mkpath(dataDir))
        return Result::failure(QStringLiteral("storage_error"),
                               tr("Cannot create the data folder %1. Check that the disk is writable.")
                                   .arg(QDir::toNativeSeparators(dataDir)));
    m_dataDir = QDir(dataDir).absolutePath();
    // The data folder is its owner's alone (issue 17): other accounts on a shared computer cannot even list it.
    QFile::setPermissions(m_dataDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const Result opened = m_store->open(QDir(m_dataDir).filePath(QStringLiteral("client.sqlite")));
    if (!opened.ok)
        return opened;
    // The district's reference data as last synced (work calendar, ...): offline work computes with it too.
    const Result installed = ReferenceCache(m_store->journal()).installHeld();
    if (!installed.ok)
        qWarning("%s", qPrintable(installed.message.text()));
    return Result::success();
}

QString ApplicationContext::serverDataDir() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("server"));
}

LocalServerLauncher *ApplicationContext::localServer()
{
    if (!m_localServer)
        m_localServer = new LocalServerLauncher(this);
    return m_localServer;
}

bool ApplicationContext::showsDemoData() const
{
    return m_localServer && m_localServer->servesDemoData() && connectionMode() == ConnectionMode::LocalServer;
}

void ApplicationContext::setCurrentUser(const User &user)
{
    m_user = user;
    emit currentUserChanged(m_user);
}

void ApplicationContext::setWorkingOffline(bool offline)
{
    if (m_offline == offline)
        return;
    m_offline = offline;
    if (offline)
        m_scheduler->stop();  // working offline: nothing syncs until the next online session
    emit offlineChanged(offline);
}

ApplicationContext::ConnectionMode ApplicationContext::connectionMode() const
{
    return QSettings().value(QStringLiteral("connection/mode")).toString() == QLatin1String("remote")
               ? ConnectionMode::RemoteServer : ConnectionMode::LocalServer;
}

void ApplicationContext::setConnectionMode(ConnectionMode mode)
{
    QSettings().setValue(QStringLiteral("connection/mode"),
                         mode == ConnectionMode::RemoteServer ? QStringLiteral("remote") : QStringLiteral("local"));
}

QUrl ApplicationContext::serverUrl() const
{
    return QUrl(QSettings().value(QStringLiteral("connection/serverUrl")).toString());
}

void ApplicationContext::setServerUrl(const QUrl &url)
{
    QSettings().setValue(QStringLiteral("connection/serverUrl"), url.toString());
}

QString ApplicationContext::caCertificateFile() const
{
    return QSettings().value(QStringLiteral("connection/caFile")).toString();
}

void ApplicationContext::setCaCertificateFile(const QString &path)
{
    QSettings().setValue(QStringLiteral("connection/caFile"), path);
}

QString ApplicationContext::lastUserId() const
{
    return QSettings().value(QStringLiteral("connection/lastUser")).toString();
}

void ApplicationContext::setLastUserId(const QString &userId)
{
    QSettings().setValue(QStringLiteral("connection/lastUser"), userId);
}

int ApplicationContext::autoSyncMinutes() const
{
    return QSettings().value(QStringLiteral("connection/autoSyncMinutes"), 5).toInt();
}

void ApplicationContext::setAutoSyncMinutes(int minutes)
{
    QSettings().setValue(QStringLiteral("connection/autoSyncMinutes"), minutes);
    m_scheduler->setIntervalSeconds(minutes * 60);
}

int ApplicationContext::idleLockMinutes() const
{
    return qBound(1, QSettings().value(QStringLiteral("security/idleLockMinutes"), 15).toInt(), 240);
}

void ApplicationContext::setIdleLockMinutes(int minutes)
{
    QSettings().setValue(QStringLiteral("security/idleLockMinutes"), qBound(1, minutes, 240));
    emit idleLockMinutesChanged(idleLockMinutes());
}

bool ApplicationContext::isFirstRun() const
{
    return !QSettings().value(QStringLiteral("connection/configured"), false).toBool();
}

void ApplicationContext::markConfigured()
{
    QSettings().setValue(QStringLiteral("connection/configured"), true);
}

QList<User> ApplicationContext::demoUsers()
{
    auto make = [](const char *id, const QString &name, Role role, const char *unit) {
        return User::make(QLatin1String(id), role, QLatin1String(unit), name);
    };
    return {
        make("dispatcher", QStringLiteral("调度员"), Role::CenterDispatcher, "center.district"),
        make("reviewer", QStringLiteral("审核员"), Role::CenterReviewer, "center.district"),
        make("supervisor", QStringLiteral("督查员"), Role::Supervisor, "center.district"),
        make("tuodong", QStringLiteral("拓东街道操作员"), Role::StreetOperator, "street.tuodong"),
        make("shifu", QStringLiteral("市府社区网格员"), Role::CommunityReporter, "community.tuodong.1"),
        make("chengguan", QStringLiteral("城管局处置员"), Role::DepartmentHandler, "dept.chengguan"),
        make("zhujian", QStringLiteral("住建局处置员"), Role::DepartmentHandler, "dept.zhujian"),
    };
}

QString ApplicationContext::demoPassword()
{
    return QStringLiteral("gw-demo-2026");
}

QString ApplicationContext::describeUser(const User &user)
{
    const QString name = user.name.isEmpty() ? user.id : user.name;
    return tr("%1 (%2, %3)").arg(name, roleDisplayName(user.role), OrgDirectory::builtin().nameOf(user.orgUnitId));
}

} // namespace gw

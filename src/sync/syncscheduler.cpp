#include "syncscheduler.h"
#include "syncengine.h"
#include <QElapsedTimer>
#include <QNetworkInformation>

namespace gw {

SyncScheduler::Clock SyncScheduler::systemClock()
{
    return {[] { return QDateTime::currentMSecsSinceEpoch(); },
            [] {
                // CLOCK_MONOTONIC on Linux, QueryPerformanceCounter on Windows: neither advances during sleep.
                static QElapsedTimer since = [] {
                    QElapsedTimer t;
                    t.start();
                    return t;
                }();
                return since.elapsed();
            }};
}

SyncScheduler::SyncScheduler(SyncEngine *engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_clock(systemClock())
{
    m_interval.setInterval(300 * 1000);
    m_reconnect.setInterval(30 * 1000);
    m_reconnect.setSingleShot(true);
    m_tick.setInterval(15 * 1000);
    connect(&m_interval, &QTimer::timeout, this, [this] { trigger(QStringLiteral("interval")); });
    connect(&m_reconnect, &QTimer::timeout, this, [this] { trigger(QStringLiteral("reconnect")); });
    connect(&m_tick, &QTimer::timeout, this, &SyncScheduler::checkForWake);
    connect(m_engine, &SyncEngine::syncFinished, this, [this](bool ok, const QString &) { syncFinished(ok); });
}

SyncScheduler::~SyncScheduler() = default;

void SyncScheduler::setClock(const Clock &clock)
{
    m_clock = clock;
    m_lastWallMs = m_clock.wallMs();
    m_lastMonotonicMs = m_clock.monotonicMs();
}

void SyncScheduler::setIntervalSeconds(int seconds)
{
    m_interval.setInterval(qMax(1, seconds) * 1000);
    if (seconds <= 0)
        m_interval.stop();
    else if (m_running)
        m_interval.start();
    m_intervalOn = seconds > 0;
}

void SyncScheduler::setReconnectSeconds(int seconds) { m_reconnect.setInterval(qMax(1, seconds) * 1000); }
void SyncScheduler::setStaleSeconds(int seconds) { m_staleSeconds = qMax(0, seconds); }
void SyncScheduler::setTickSeconds(int seconds) { m_tick.setInterval(qMax(1, seconds) * 1000); }
void SyncScheduler::setWakeJumpSeconds(int seconds) { m_wakeJumpSeconds = qMax(1, seconds); }

void SyncScheduler::start()
{
    m_running = true;
    m_networkFailed = false;
    m_firstSyncDone = false;  // a new session: its lists load again
    m_lastSyncWallMs = m_lastAttemptWallMs = 0;
    m_lastWallMs = m_clock.wallMs();
    m_lastMonotonicMs = m_clock.monotonicMs();
    if (m_intervalOn)
        m_interval.start();
    m_tick.start();
    watchNetwork();
    trigger(QStringLiteral("start"));
}

void SyncScheduler::stop()
{
    m_running = false;
    m_interval.stop();
    m_reconnect.stop();
    m_tick.stop();
}

void SyncScheduler::windowActivated()
{
    if (!m_running)
        return;
    // Measured from the last attempt too: the window is activated right after it is shown (while the first sync
    // runs), and while the server is away every focus change would start another sync.
    const qint64 since = m_clock.wallMs() - qMax(m_lastSyncWallMs, m_lastAttemptWallMs);
    if (since > qint64(m_staleSeconds) * 1000)
        trigger(QStringLiteral("activation"));
}

void SyncScheduler::checkForWake()
{
    const qint64 wall = m_clock.wallMs(), monotonic = m_clock.monotonicMs();
    const qint64 jump = (wall - m_lastWallMs) - (monotonic - m_lastMonotonicMs);
    m_lastWallMs = wall;
    m_lastMonotonicMs = monotonic;
    // A wall clock set back, or moved forward by NTP a few seconds, is no wake.
    if (m_running && jump > qint64(m_wakeJumpSeconds) * 1000)
        trigger(QStringLiteral("wake"));
}

void SyncScheduler::trigger(const QString &reason)
{
    if (!m_running || !m_engine->isLoggedIn())
        return;
    m_reconnect.stop();
    if (m_intervalOn)
        m_interval.start();  // the next regular sync counts from this one
    m_lastAttemptWallMs = m_clock.wallMs();
    Q_EMIT triggered(reason);
    m_engine->syncNow();  // while a run is going, the engine runs again right after it
}

void SyncScheduler::syncFinished(bool ok)
{
    if (!m_firstSyncDone && m_running) {
        m_firstSyncDone = true;
        Q_EMIT firstSyncFinished(ok);
    }
    if (ok) {
        m_lastSyncWallMs = m_clock.wallMs();
        m_networkFailed = false;
        return;
    }
    // Signed in but the run failed (network down, server unreachable or failing): try again soon, not only at
    // the next regular sync. An expired session needs the user and is not retried.
    m_networkFailed = m_engine->isLoggedIn();
    if (m_running && m_networkFailed)
        m_reconnect.start();
}

void SyncScheduler::watchNetwork()
{
    // Where the platform has a backend (NetworkManager, Windows' network list manager), the network coming back
    // syncs at once; elsewhere the reconnect retries cover it.
    if (m_watchingNetwork)
        return;
    m_watchingNetwork = true;
    static const bool loaded = QNetworkInformation::loadDefaultBackend();
    QNetworkInformation *info = loaded ? QNetworkInformation::instance() : nullptr;
    if (!info)
        return;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (reachability == QNetworkInformation::Reachability::Online && m_networkFailed)
                    trigger(QStringLiteral("network"));
            });
}

} // namespace gw

#pragma once
#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <functional>

namespace gw {

class SyncEngine;

// When the client syncs without being asked, so nobody starts the day on an empty or stale list:
// - at once when an online session starts (the main window after an online sign-in);
// - when the connection comes back: after a sync failed for the network, it tries again every
//   `reconnectSeconds` (and at once when the operating system reports the network back, where Qt can tell);
// - after the computer wakes from sleep: Qt has no resume signal, so a tick compares how far the wall clock moved
//   with how far the monotonic clock did (which stands still while the machine sleeps);
// - when the main window is activated and the last sync is older than `staleSeconds`;
// - and otherwise every `intervalSeconds` (the user's setting).
// The clocks are injectable for tests.
class SyncScheduler : public QObject
{
    Q_OBJECT
public:
    struct Clock {
        std::function<qint64()> wallMs;       // milliseconds since the epoch (QDateTime::currentMSecsSinceEpoch)
        std::function<qint64()> monotonicMs;  // a clock that does not run while the computer sleeps
    };
    static Clock systemClock();

    explicit SyncScheduler(SyncEngine *engine, QObject *parent = nullptr);
    ~SyncScheduler() override;

    void setClock(const Clock &clock);
    void setIntervalSeconds(int seconds);     // regular syncs; 0 = none. Default 300.
    void setReconnectSeconds(int seconds);    // retries after a network failure. Default 30.
    void setStaleSeconds(int seconds);        // window activation syncs when the last one is older. Default 180.
    void setTickSeconds(int seconds);         // how often the sleep check runs. Default 15.
    void setWakeJumpSeconds(int seconds);     // wall clock ahead of the monotonic one by more: a wake. Default 60.

    // An online session starts: sync at once, then keep it fresh. stop() for offline work and sign-out.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // True once a sync of this session has finished (ok or not): until then the lists are still loading.
    bool firstSyncDone() const { return m_firstSyncDone; }

    void windowActivated();
    // The sleep check, run by the tick timer; public so tests can drive it with their clock.
    void checkForWake();

Q_SIGNALS:
    void firstSyncFinished(bool ok);
    // Why a sync was started, for the log and tests: "start", "interval", "reconnect", "network", "wake",
    // "activation".
    void triggered(const QString &reason);

private:
    void trigger(const QString &reason);
    void syncFinished(bool ok);
    void watchNetwork();

    SyncEngine *m_engine;
    Clock m_clock;
    QTimer m_interval, m_reconnect, m_tick;
    bool m_intervalOn = true;
    int m_staleSeconds = 180;
    int m_wakeJumpSeconds = 60;
    qint64 m_lastWallMs = 0, m_lastMonotonicMs = 0;
    qint64 m_lastSyncWallMs = 0;     // when the last sync of this session finished well
    qint64 m_lastAttemptWallMs = 0;  // when the last one was started
    bool m_running = false;
    bool m_firstSyncDone = false;
    bool m_networkFailed = false;
    bool m_watchingNetwork = false;
};

} // namespace gw

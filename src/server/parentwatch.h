#pragma once
#include <QObject>
#include <QString>

class QSocketNotifier;
class QWinEventNotifier;

namespace gw {

// Tells the server that the program which started it (the desktop client's local-server mode, `--parent-pid`) has
// ended, however it ended (quit, crash, kill -9, Task Manager), so the server can shut down and free its data
// directory instead of stranding the next client start.
// - Linux/macOS: the client holds the write end of the server's stdin pipe; the kernel closes it when the client
//   dies, so EOF on stdin means "parent gone". No polling, no pid reuse question. The pid is not needed.
// - Windows: a process handle opened with SYNCHRONIZE is signalled when the process ends (QWinEventNotifier).
//   That path cannot run in CI: keep it this small (docs/install-windows.md).
class ParentWatch : public QObject
{
    Q_OBJECT
public:
    explicit ParentWatch(QObject *parent = nullptr);
    ~ParentWatch() override;

    // Starts watching; false with `error` in words when this server cannot watch process `pid`.
    bool watch(qint64 pid, QString *error);

Q_SIGNALS:
    // Emitted once, from the event loop.
    void parentGone();

private:
    void onGone();

    bool m_gone = false;
#ifdef Q_OS_WIN
    void *m_process = nullptr;  // HANDLE
    QWinEventNotifier *m_notifier = nullptr;
#else
    QSocketNotifier *m_notifier = nullptr;
#endif
};

} // namespace gw

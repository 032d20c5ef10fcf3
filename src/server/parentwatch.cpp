#include "parentwatch.h"
#include "message.h"
#ifdef Q_OS_WIN
#include <QWinEventNotifier>
#include <qt_windows.h>
#else
#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace gw {

ParentWatch::ParentWatch(QObject *parent) : QObject(parent) {}

ParentWatch::~ParentWatch()
{
#ifdef Q_OS_WIN
    delete m_notifier;  // before the handle it waits on
    if (m_process)
        CloseHandle(HANDLE(m_process));
#endif
}

bool ParentWatch::watch(qint64 pid, QString *error)
{
#ifdef Q_OS_WIN
    // A process that already ended but whose handle someone still holds opens fine and is signalled at once.
    const HANDLE process = OpenProcess(SYNCHRONIZE, FALSE, DWORD(pid));
    if (!process) {
        *error = Message::translate("gw::ParentWatch", "Process %1, which started this server, is not running.").arg(pid).text();
        return false;
    }
    m_process = process;
    m_notifier = new QWinEventNotifier(process, this);
    connect(m_notifier, &QWinEventNotifier::activated, this, &ParentWatch::onGone);
    return true;
#else
    struct stat in = {};
    if (::fstat(STDIN_FILENO, &in) != 0 || !(S_ISFIFO(in.st_mode) || S_ISSOCK(in.st_mode))) {
        *error = Message::translate("gw::ParentWatch", "--parent-pid needs the standard input to be a pipe from process %1 "
                    "(the desktop client starts the server that way).").arg(pid).text();
        return false;
    }
    // The client that read our output is gone when this matters: writing a log line must then fail with EPIPE,
    // not kill the server before it has closed its database and released the data directory.
    ::signal(SIGPIPE, SIG_IGN);
    m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        // Bytes the client might write are ignored; only the end of the pipe counts.
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            onGone();
    });
    return true;
#endif
}

void ParentWatch::onGone()
{
    if (m_gone)
        return;
    m_gone = true;
    m_notifier->setEnabled(false);  // a pipe at EOF stays readable
    emit parentGone();
}

} // namespace gw

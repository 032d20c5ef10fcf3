#pragma once
#include <QObject>

class QSocketNotifier;

namespace gw {

// Turns SIGTERM and SIGINT into a Qt signal (self-pipe), so the server stops from its event loop:
// no request is cut off half-way and the database closes cleanly.
class ShutdownSignals : public QObject
{
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace gw

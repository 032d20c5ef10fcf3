#pragma once
#include <QObject>
#include <QTimer>

namespace gw {

// Says when nobody has touched the application for a while (issue 17): every key, click, wheel or mouse move in
// any of its windows starts the wait again. The main window locks itself on idle().
class IdleLock : public QObject
{
    Q_OBJECT
public:
    explicit IdleLock(QObject *parent = nullptr);
    ~IdleLock() override;

    void setTimeoutMs(int ms);
    int timeoutMs() const { return m_timer.interval(); }
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
};

} // namespace gw

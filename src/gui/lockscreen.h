#pragma once
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QMainWindow;
class QPushButton;

namespace gw {

class ApplicationContext;
class IdleLock;

// Covers the main window after the idle time (issue 17): nothing of the cases shows until the signed-in person
// types their password again (checked like an offline sign-in, with its pause after wrong ones). Unsent work
// stays in the local store; quitting from here loses nothing either.
class LockScreen : public QWidget
{
    Q_OBJECT
public:
    // Watches `window` for idleness (ApplicationContext::idleLockMinutes) and covers it when it is idle.
    LockScreen(ApplicationContext *context, QMainWindow *window);

    void lock();
    bool isLocked() const { return isVisible(); }
    QString errorText() const;
    IdleLock *idleLock() const { return m_idle; }

Q_SIGNALS:
    void unlocked();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void tryUnlock();
    void setWindowActionsEnabled(bool enabled);

    ApplicationContext *m_context;
    QMainWindow *m_window;
    IdleLock *m_idle;
    QList<QPointer<QAction>> m_disabledActions;  // the window's actions turned off while locked
    QList<QPointer<QWidget>> m_hiddenWindows;    // the application's other windows, out of sight while locked
    QLabel *m_title;
    QLabel *m_text;
    QLineEdit *m_password;
    QLabel *m_error;
    QPushButton *m_unlock;
    QPushButton *m_quit;
};

} // namespace gw

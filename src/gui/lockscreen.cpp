#include "lockscreen.h"
#include "applicationcontext.h"
#include "idlelock.h"
#include <QAction>
#include <QEvent>
#include <QMainWindow>
#include "syncengine.h"
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace gw {

LockScreen::LockScreen(ApplicationContext *context, QMainWindow *window)
    : QWidget(window), m_context(context), m_window(window), m_idle(new IdleLock(this))
{
    setObjectName(QStringLiteral("lockScreen"));
    setAutoFillBackground(false);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("lockTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_title->setFont(big);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("lockPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMinimumWidth(280);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("lockError"));
    m_error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_error->setWordWrap(true);
    m_unlock = new QPushButton(tr("Unlock"), this);
    m_unlock->setObjectName(QStringLiteral("unlockButton"));
    m_unlock->setDefault(true);
    m_quit = new QPushButton(tr("Quit GridWhistle"), this);
    m_quit->setObjectName(QStringLiteral("lockQuitButton"));
    connect(m_unlock, &QPushButton::clicked, this, &LockScreen::tryUnlock);
    connect(m_password, &QLineEdit::returnPressed, this, &LockScreen::tryUnlock);
    connect(m_quit, &QPushButton::clicked, qApp, &QApplication::closeAllWindows);

    auto *panel = new QWidget(this);
    panel->setObjectName(QStringLiteral("lockPanel"));
    panel->setStyleSheet(QStringLiteral("#lockPanel { background: palette(window); border: 1px solid palette(mid); "
                                        "border-radius: 6px; }"));
    panel->setMaximumWidth(520);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_quit);
    buttons->addWidget(m_unlock);
    auto *inner = new QVBoxLayout(panel);
    inner->setContentsMargins(24, 20, 24, 20);
    inner->addWidget(m_title);
    inner->addWidget(m_text);
    inner->addWidget(m_password);
    inner->addWidget(m_error);
    inner->addLayout(buttons);
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(panel, 2);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(1);
    hide();

    m_window->installEventFilter(this);  // follows the window's size
    m_idle->setTimeoutMs(m_context->idleLockMinutes() * 60 * 1000);
    connect(m_context, &ApplicationContext::idleLockMinutesChanged, this,
            [this](int minutes) { m_idle->setTimeoutMs(minutes * 60 * 1000); });
    connect(m_idle, &IdleLock::idle, this, &LockScreen::lock);
    m_idle->start();
}

bool LockScreen::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize && isVisible())
        setGeometry(m_window->rect());
    return QWidget::eventFilter(watched, event);
}

void LockScreen::setWindowActionsEnabled(bool enabled)
{
    // Covered is not enough: the window's widgets must not take focus or keys (Tab would reach the hidden case
    // buttons), and other windows of the application (dashboard, an open form) go out of sight until unlocked.
    for (QWidget *w : m_window->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly))
        if (w != this)
            w->setEnabled(enabled);
    if (!enabled) {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (top == m_window || !top->isVisible() || top->inherits("QMenu"))
                continue;
            // Hiding a modal form would end it and lose what was typed: it stays, but takes no input.
            if (top->isModal())
                top->setEnabled(false);
            else
                top->hide();
            m_hiddenWindows.append(top);
        }
    } else {
        for (const QPointer<QWidget> &top : std::as_const(m_hiddenWindows)) {
            if (top && top->isModal())
                top->setEnabled(true);
            else if (top)
                top->show();
        }
        m_hiddenWindows.clear();
    }
    if (!enabled) {
        // Covered is not enough: the window's shortcuts (new case, sync, export …) must not work either.
        for (QAction *a : m_window->findChildren<QAction *>()) {
            if (a->isEnabled() && !isAncestorOf(qobject_cast<QWidget *>(a->parent()))) {
                a->setEnabled(false);
                m_disabledActions.append(a);
            }
        }
        return;
    }
    for (const QPointer<QAction> &a : std::as_const(m_disabledActions))
        if (a)
            a->setEnabled(true);
    m_disabledActions.clear();
}

void LockScreen::lock()
{
    if (isLocked())
        return;
    m_idle->stop();
    const int idleMinutes = qMax(1, m_idle->timeoutMs() / 60000);
    const User &user = m_context->currentUser();
    m_title->setText(tr("GridWhistle is locked"));
    m_text->setText(tr("Nobody used this window for %n minute(s). To go on, %1 (%2) enters their password. "
                       "Actions not yet sent are kept on this computer.", nullptr, idleMinutes)
                        .arg(user.name.isEmpty() ? user.id : user.name, user.id));
    m_error->clear();
    m_password->clear();
    setWindowActionsEnabled(false);
    setGeometry(m_window->rect());
    show();
    raise();
    m_password->setFocus();
}

QString LockScreen::errorText() const
{
    return m_error->text();
}

void LockScreen::tryUnlock()
{
    const Result r = m_context->sync()->confirmPassword(m_context->currentUser().id, m_password->text());
    m_password->clear();
    if (!r.ok) {
        m_error->setText(r.message.text());
        m_password->setFocus();
        return;
    }
    hide();
    setWindowActionsEnabled(true);
    m_idle->start();
    emit unlocked();
}

void LockScreen::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x26, 0x32, 0x38));  // opaque: nothing of the cases shows through
}

} // namespace gw

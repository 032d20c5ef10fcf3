#include "idlelock.h"
#include <QCoreApplication>
#include <QEvent>

namespace gw {

IdleLock::IdleLock(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &IdleLock::idle);
    QCoreApplication::instance()->installEventFilter(this);
}

IdleLock::~IdleLock()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

void IdleLock::setTimeoutMs(int ms)
{
    m_timer.setInterval(qMax(100, ms));
    if (m_timer.isActive())
        m_timer.start();
}

void IdleLock::start() { m_timer.start(); }

void IdleLock::stop() { m_timer.stop(); }

bool IdleLock::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        if (m_timer.isActive())
            m_timer.start();  // a person is here
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace gw

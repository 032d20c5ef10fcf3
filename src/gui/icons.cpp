#include "icons.h"
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <functional>

namespace gw {

namespace {

using Painter = std::function<void(QPainter &, qreal size)>;

QIcon drawn(const Painter &paint)
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        paint(p, size);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

QIcon dot(const QColor &color)
{
    return drawn([color](QPainter &p, qreal s) {
        p.setPen(QPen(color.darker(130), s / 16));
        p.setBrush(color);
        p.drawEllipse(QRectF(s * 0.2, s * 0.2, s * 0.6, s * 0.6));
    });
}

} // namespace

QIcon Icons::application()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        // A red round badge with a white whistle: the 吹哨 of "街道吹哨、部门报到".
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xc6, 0x28, 0x28));
        p.drawRoundedRect(QRectF(s * 0.04, s * 0.04, s * 0.92, s * 0.92), s * 0.2, s * 0.2);
        p.setBrush(Qt::white);
        p.drawEllipse(QRectF(s * 0.18, s * 0.36, s * 0.42, s * 0.42));
        p.drawRect(QRectF(s * 0.40, s * 0.36, s * 0.42, s * 0.16));
        p.setBrush(QColor(0xc6, 0x28, 0x28));
        p.drawEllipse(QRectF(s * 0.30, s * 0.48, s * 0.18, s * 0.18));
        // sound waves
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(Qt::white, s * 0.05, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(QRectF(s * 0.58, s * 0.18, s * 0.18, s * 0.18), 0 * 16, 90 * 16);
        p.drawArc(QRectF(s * 0.53, s * 0.13, s * 0.28, s * 0.28), 0 * 16, 90 * 16);
    });
    return icon;
}

QIcon Icons::newCase()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        p.setPen(QPen(QColor(0x45, 0x5a, 0x64), s / 16));
        p.setBrush(Qt::white);
        p.drawRect(QRectF(s * 0.18, s * 0.08, s * 0.56, s * 0.78));
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0x2e, 0x7d, 0x32));
        p.drawEllipse(QRectF(s * 0.5, s * 0.5, s * 0.46, s * 0.46));
        p.setPen(QPen(Qt::white, s / 10, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(s * 0.73, s * 0.61), QPointF(s * 0.73, s * 0.85));
        p.drawLine(QPointF(s * 0.61, s * 0.73), QPointF(s * 0.85, s * 0.73));
    });
    return icon;
}

QIcon Icons::sync()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        const QColor c(0x15, 0x65, 0xc0);
        p.setPen(QPen(c, s / 9, Qt::SolidLine, Qt::RoundCap));
        const QRectF r(s * 0.18, s * 0.18, s * 0.64, s * 0.64);
        p.drawArc(r, 30 * 16, 150 * 16);
        p.drawArc(r, 210 * 16, 150 * 16);
        p.setPen(Qt::NoPen);
        p.setBrush(c);
        QPainterPath head1;
        head1.moveTo(s * 0.80, s * 0.18);
        head1.lineTo(s * 0.86, s * 0.46);
        head1.lineTo(s * 0.60, s * 0.38);
        p.drawPath(head1);
        QPainterPath head2;
        head2.moveTo(s * 0.20, s * 0.82);
        head2.lineTo(s * 0.14, s * 0.54);
        head2.lineTo(s * 0.40, s * 0.62);
        p.drawPath(head2);
    });
    return icon;
}

QIcon Icons::exportCsv()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        p.setPen(QPen(QColor(0x45, 0x5a, 0x64), s / 16));
        p.setBrush(Qt::white);
        p.drawRect(QRectF(s * 0.12, s * 0.08, s * 0.56, s * 0.80));
        p.setPen(QPen(QColor(0x2e, 0x7d, 0x32), s / 16));
        for (int i = 0; i < 4; ++i)
            p.drawLine(QPointF(s * 0.2, s * (0.25 + i * 0.14)), QPointF(s * 0.58, s * (0.25 + i * 0.14)));
        p.setPen(QPen(QColor(0x15, 0x65, 0xc0), s / 9, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(s * 0.55, s * 0.7), QPointF(s * 0.92, s * 0.7));
        p.drawLine(QPointF(s * 0.80, s * 0.58), QPointF(s * 0.92, s * 0.7));
        p.drawLine(QPointF(s * 0.80, s * 0.82), QPointF(s * 0.92, s * 0.7));
    });
    return icon;
}

QIcon Icons::overdue()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        const QColor red(0xc6, 0x28, 0x28);
        p.setPen(QPen(red, s / 10));
        p.setBrush(Qt::white);
        p.drawEllipse(QRectF(s * 0.12, s * 0.12, s * 0.76, s * 0.76));
        p.setPen(QPen(red, s / 10, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.5, s * 0.26));
        p.drawLine(QPointF(s * 0.5, s * 0.5), QPointF(s * 0.68, s * 0.6));
    });
    return icon;
}

QIcon Icons::pendingSync()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        const QColor orange(0xef, 0x6c, 0x00);
        p.setPen(QPen(orange, s / 8, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(s * 0.5, s * 0.82), QPointF(s * 0.5, s * 0.2));
        p.drawLine(QPointF(s * 0.5, s * 0.2), QPointF(s * 0.28, s * 0.42));
        p.drawLine(QPointF(s * 0.5, s * 0.2), QPointF(s * 0.72, s * 0.42));
    });
    return icon;
}

QIcon Icons::conflict()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        QPainterPath tri;
        tri.moveTo(s * 0.5, s * 0.08);
        tri.lineTo(s * 0.94, s * 0.88);
        tri.lineTo(s * 0.06, s * 0.88);
        tri.closeSubpath();
        p.setPen(QPen(QColor(0xbf, 0x36, 0x0c), s / 16, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(QColor(0xff, 0xb3, 0x00));
        p.drawPath(tri);
        p.setPen(QPen(Qt::black, s / 10, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(s * 0.5, s * 0.36), QPointF(s * 0.5, s * 0.6));
        p.drawPoint(QPointF(s * 0.5, s * 0.75));
    });
    return icon;
}

QIcon Icons::online()
{
    static const QIcon icon = dot(QColor(0x43, 0xa0, 0x47));
    return icon;
}

QIcon Icons::offline()
{
    static const QIcon icon = dot(QColor(0x9e, 0x9e, 0x9e));
    return icon;
}

QIcon Icons::syncError()
{
    static const QIcon icon = dot(QColor(0xe5, 0x39, 0x35));
    return icon;
}

QIcon Icons::dashboard()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        p.setPen(Qt::NoPen);
        const QColor colors[] = {QColor(0x15, 0x65, 0xc0), QColor(0x2e, 0x7d, 0x32), QColor(0xef, 0x6c, 0x00)};
        const qreal heights[] = {0.45, 0.7, 0.3};
        for (int i = 0; i < 3; ++i) {
            p.setBrush(colors[i]);
            p.drawRect(QRectF(s * (0.12 + i * 0.27), s * (0.9 - heights[i]), s * 0.2, s * heights[i]));
        }
    });
    return icon;
}

QIcon Icons::search()
{
    static const QIcon icon = drawn([](QPainter &p, qreal s) {
        p.setPen(QPen(QColor(0x45, 0x5a, 0x64), s / 9, Qt::SolidLine, Qt::RoundCap));
        p.drawEllipse(QRectF(s * 0.14, s * 0.14, s * 0.48, s * 0.48));
        p.drawLine(QPointF(s * 0.56, s * 0.56), QPointF(s * 0.86, s * 0.86));
    });
    return icon;
}

} // namespace gw

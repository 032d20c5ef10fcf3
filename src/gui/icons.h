#pragma once
#include <QIcon>

namespace gw {

// The client's icons, drawn with QPainter so they stay crisp at any scale and need no image plugin
// (Debian's Qt has no SVG plugin by default). The application icon is also shipped as PNG in resources/.
class Icons
{
public:
    static QIcon application();
    static QIcon newCase();
    static QIcon sync();
    static QIcon exportCsv();
    static QIcon overdue();
    static QIcon pendingSync();
    static QIcon conflict();
    static QIcon online();
    static QIcon offline();
    static QIcon syncError();
    static QIcon dashboard();
    static QIcon search();
};

} // namespace gw

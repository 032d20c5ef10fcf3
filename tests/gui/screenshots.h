#pragma once
// Where GUI tests leave their screenshots for people to look at: <build>/screenshots (GW_BINARY_DIR, set by ctest).
#include <QString>

class QImage;
class QWidget;

namespace gw::test {

// Saves `image` (or `widget`'s grab) as screenshots/<name>; returns the path, or empty when it could not be written.
QString saveScreenshot(const QImage &image, const QString &name);
QString saveScreenshot(QWidget *widget, const QString &name);

} // namespace gw::test

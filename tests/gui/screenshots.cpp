#include "screenshots.h"
#include <QDir>
#include <QImage>
#include <QWidget>

namespace gw::test {

QString saveScreenshot(const QImage &image, const QString &name)
{
    QDir out(qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath()));
    if (!out.mkpath(QStringLiteral("screenshots")) || !out.cd(QStringLiteral("screenshots")))
        return {};
    const QString path = out.filePath(name);
    if (!image.save(path))
        return {};
    qInfo("screenshot: %s", qPrintable(path));
    return path;
}

QString saveScreenshot(QWidget *widget, const QString &name) { return saveScreenshot(widget->grab().toImage(), name); }

} // namespace gw::test

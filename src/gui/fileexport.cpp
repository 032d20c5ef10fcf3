#include "fileexport.h"
#include <QFileDialog>
#include <QMessageBox>

namespace gw {

void saveExportInteractively(QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter,
                             const std::function<Result(const QString &path)> &write)
{
    const QString path = QFileDialog::getSaveFileName(parent, title, suggestedName, filter);
    if (path.isEmpty())
        return;
    const Result r = write(path);
    if (!r.ok)
        QMessageBox::warning(parent, parent ? parent->windowTitle() : title, r.message);
}

} // namespace gw

#pragma once
#include "result.h"
#include <QString>
#include <functional>

class QWidget;

namespace gw {

// "Export …": asks where to save (a file dialog suggesting `suggestedName`), writes there with `write`, and says in a
// message box why it could not. Nothing happens when the person cancels.
void saveExportInteractively(QWidget *parent, const QString &title, const QString &suggestedName, const QString &filter,
                             const std::function<Result(const QString &path)> &write);

} // namespace gw

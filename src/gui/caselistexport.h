#pragma once
#include "result.h"
#include <QCoreApplication>
#include <QList>

class QWidget;

namespace gw {

class CaseStore;
class CaseTableModel;

// The case list as a CSV file (UTF-8 with BOM, for Excel): the columns and cell texts the screen shows, plus
// "Overdue". Either some rows of the on-screen model, or the whole filtered list read page by page, without
// loading it into the screen's model, behind a progress dialog that can cancel.
class CaseListExport
{
    Q_DECLARE_TR_FUNCTIONS(gw::CaseListExport)

public:
    // `rows` of `screen` (in that order), or, when `rows` is null, every case of `screen`'s filter from `store`.
    // `written` receives the number of cases in the file. Code "cancelled" when the person cancels.
    static Result write(const QString &path, const CaseTableModel &screen, const QList<int> *rows, CaseStore *store,
                        QWidget *progressParent, int *written);
};

} // namespace gw

#include "caselistexport.h"
#include "casetablemodel.h"
#include "csvformat.h"
#include <QDir>
#include <QProgressDialog>
#include <QSaveFile>

namespace gw {

namespace {

// What a CSV cell says: the on-screen text, with words where the screen shows only an icon.
QString cellText(const CaseTableModel &model, int row, int column)
{
    if (column == CaseTableModel::SyncMark)
        return model.index(row, 0).data(CaseTableModel::PendingSyncRole).toBool() ? CaseListExport::tr("Not sent")
                                                                                  : CaseListExport::tr("Synced");
    return model.index(row, column).data().toString();
}

QByteArray rowLine(const CaseTableModel &model, int row)
{
    QStringList fields;
    for (int c = 0; c < CaseTableModel::ColumnCount; ++c)
        fields.append(cellText(model, row, c));
    fields.append(model.index(row, 0).data(CaseTableModel::OverdueRole).toBool() ? CaseListExport::tr("yes")
                                                                                 : CaseListExport::tr("no"));
    return CsvFormat::line(fields).toUtf8();
}

Result cannotWrite(const QString &path, const QString &why)
{
    return Result::failure(QStringLiteral("storage_error"),
                           CaseListExport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why));
}

} // namespace

Result CaseListExport::write(const QString &path, const CaseTableModel &screen, const QList<int> *rows,
                             CaseStore *store, QWidget *progressParent, int *written)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite(path, file.errorString());
    QByteArray out = CsvFormat::byteOrderMark();
    QStringList headers;
    for (int c = 0; c < CaseTableModel::ColumnCount; ++c)
        headers.append(screen.headerData(c, Qt::Horizontal).toString());
    headers.append(tr("Overdue"));
    out += CsvFormat::line(headers).toUtf8();

    if (rows) {
        for (int r : *rows)
            out += rowLine(screen, r);
        *written = int(rows->size());
    } else {
        // Rows are rendered by a private model over the same summaries, so the file says what the screen says.
        CaseTableModel pager(store);
        pager.setPageSize(2000);
        pager.setFilter(screen.filter());
        const int total = pager.totalCount();
        QProgressDialog progress(tr("Exporting %n case(s)…", nullptr, total), tr("Cancel"), 0, total, progressParent);
        progress.setWindowModality(Qt::WindowModal);
        progress.setMinimumDuration(800);
        while (pager.canFetchMore({})) {
            pager.fetchMore({});
            progress.setValue(pager.loadedCount());
            if (progress.wasCanceled()) {
                file.cancelWriting();
                return Result::failure(QStringLiteral("cancelled"), tr("Export cancelled; no file was written."));
            }
        }
        for (int r = 0; r < pager.rowCount(); ++r)
            out += rowLine(pager, r);
        *written = pager.rowCount();
    }
    if (file.write(out) != out.size() || !file.commit())
        return cannotWrite(path, file.errorString());
    return Result::success();
}

} // namespace gw

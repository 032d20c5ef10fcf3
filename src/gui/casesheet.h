#pragma once
#include "caseevent.h"
#include "caserecord.h"
#include "result.h"
#include <QCoreApplication>

class QPagedPaintDevice;
class QPrintPreviewDialog;
class QTextDocument;
class QWidget;

namespace gw {

class CaseStore;

// The printed case sheet (哨件单) that goes into the paper file and to meetings: number and facts, location,
// summoned departments with their deadlines, the timeline in words (as the timeline pane describes it), the
// attachments list and the verification result, on A4 with a footer naming the case on every page.
class CaseSheet
{
    Q_DECLARE_TR_FUNCTIONS(gw::CaseSheet)
public:
    // The sheet's body as HTML; `printedAt` appears in the header (invalid: now).
    static QString html(const CaseRecord &record, const QList<CaseEvent> &events, const QDateTime &printedAt = {});
    // Lays the sheet out on `device` (page set by the caller: PagedPrinter::setUpPage) and paints it.
    static Result print(QPagedPaintDevice *device, const CaseRecord &record, const QList<CaseEvent> &events,
                        const QDateTime &printedAt = {}, int *pageCount = nullptr);
    // The same from the store; fails when the case is not there.
    static Result print(QPagedPaintDevice *device, const CaseStore *store, const QString &caseId, int *pageCount = nullptr);
    // A print preview of the case as the store has it when the preview paints (window-modal, deleted on close).
    static QPrintPreviewDialog *openPreview(QWidget *parent, const CaseStore *store, const QString &caseId);
};

} // namespace gw

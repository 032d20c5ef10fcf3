#pragma once
#include "result.h"
#include <QCoreApplication>
#include <QFont>
#include <functional>

class QPagedPaintDevice;
class QPrinter;
class QPrintPreviewDialog;
class QTextDocument;
class QWidget;

namespace gw {

// Paints paged QTextDocuments (the case sheet, the assessment report) the same way on a PDF writer, a printer and
// a print preview: laid out in 96-dpi units on the device's page whatever its resolution, so line and page breaks
// match between the PDF and paper, with a footer line on every page.
class PagedPrinter
{
    Q_DECLARE_TR_FUNCTIONS(gw::PagedPrinter)
public:
    static constexpr int LayoutDpi = 96;

    struct Footer {
        QString left;                                       // what this is, e.g. the case number
        std::function<QString(int page, int pages)> right;  // e.g. "Page 1 of 3"
    };

    // A4 portrait with the margins every printed page uses.
    static void setUpPage(QPagedPaintDevice *device);
    // Latin first: digits and Latin letters set in a CJK font did not come back out of the PDF as text (pdftotext
    // lost them), and search and copy need them. Chinese falls through to the CJK families.
    static QStringList fontFamilies();
    static QFont font(qreal pointSize);

    // Lays `doc` out on the device's page and paints every page with the footer; `pageCount` (optional) tells how many.
    static Result paint(QTextDocument *doc, QPagedPaintDevice *device, const Footer &footer, int *pageCount = nullptr);

    // A window-modal print preview (A4, deleted when closed) whose pages `render` paints whenever it needs them;
    // shown with open(), so the caller's event loop keeps running.
    static QPrintPreviewDialog *openPreview(QWidget *parent, const QString &title,
                                            const std::function<void(QPrinter *printer)> &render);
};

} // namespace gw

#include "pagedprinter.h"
#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QPainter>
#include <QPdfWriter>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QTextDocument>

namespace gw {

namespace {
constexpr int FooterHeight = 24;
}

void PagedPrinter::setUpPage(QPagedPaintDevice *device)
{
    device->setPageSize(QPageSize(QPageSize::A4));
    device->setPageOrientation(QPageLayout::Portrait);
    device->setPageMargins(QMarginsF(12, 12, 12, 16), QPageLayout::Millimeter);
}

QStringList PagedPrinter::fontFamilies()
{
    return {QStringLiteral("DejaVu Sans"), QStringLiteral("Arial"), QStringLiteral("Noto Sans CJK SC"),
            QStringLiteral("Noto Serif CJK SC"), QStringLiteral("Source Han Sans SC"), QStringLiteral("Microsoft YaHei"),
            QStringLiteral("SimSun")};
}

QFont PagedPrinter::font(qreal pointSize)
{
    QFont f;
    f.setFamilies(fontFamilies());
    // No ligatures: "fi" set as one glyph comes back out of the PDF as "ﬁ", and file names stop matching.
    f.setStyleHint(QFont::SansSerif, QFont::PreferNoShaping);
    f.setPointSizeF(pointSize);
    return f;
}

Result PagedPrinter::paint(QTextDocument *doc, QPagedPaintDevice *device, const Footer &footer, int *pageCount)
{
    // The layout runs on a 96-dpi PDF writer with the device's page, never on the device itself: a printer at 600 or
    // 1200 dpi would measure the text in its own pixels, the preview in others, and the pages would break differently.
    QBuffer sink;
    QPdfWriter layoutDevice(&sink);
    layoutDevice.setPageLayout(device->pageLayout());
    layoutDevice.setResolution(LayoutDpi);
    doc->documentLayout()->setPaintDevice(&layoutDevice);
    const QRect body = device->pageLayout().paintRectPixels(LayoutDpi);
    doc->setPageSize(QSizeF(body.width(), body.height() - FooterHeight));
    doc->setDocumentMargin(0);
    const int pages = doc->pageCount();
    const qreal pageHeight = doc->pageSize().height();

    QPainter painter;
    Result result = Result::success();
    if (painter.begin(device)) {
        painter.scale(device->logicalDpiX() / qreal(LayoutDpi), device->logicalDpiY() / qreal(LayoutDpi));
        QFont footerFont = font(7.5);
        footerFont.setPixelSize(10);  // 7.5 pt at 96 dpi; a point size would be resolved at the device's resolution
        for (int page = 0; page < pages; ++page) {
            if (page > 0 && !device->newPage()) {
                result = Result::failure(QStringLiteral("print_error"), tr("The printer did not take page %1.").arg(page + 1));
                break;
            }
            painter.save();
            painter.translate(0, -page * pageHeight);
            doc->drawContents(&painter, QRectF(0, page * pageHeight, body.width(), pageHeight));
            painter.restore();
            painter.setFont(footerFont);
            painter.setPen(QColor(0x55, 0x55, 0x55));
            const QRectF rect(0, body.height() - FooterHeight + 6, body.width(), FooterHeight - 6);
            painter.drawLine(rect.topLeft(), rect.topRight());
            painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, footer.left);
            if (footer.right)
                painter.drawText(rect, Qt::AlignRight | Qt::AlignVCenter, footer.right(page + 1, pages));
        }
        painter.end();
    } else {
        result = Result::failure(QStringLiteral("print_error"), tr("Cannot start printing."));
    }
    // The layout device ends here; the document must not keep measuring with it.
    doc->documentLayout()->setPaintDevice(nullptr);
    if (result.ok && pageCount)
        *pageCount = pages;
    return result;
}

QPrintPreviewDialog *PagedPrinter::openPreview(QWidget *parent, const QString &title,
                                               const std::function<void(QPrinter *)> &render)
{
    auto *dialog = new QPrintPreviewDialog(parent);
    dialog->setObjectName(QStringLiteral("printPreview"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    setUpPage(dialog->printer());
    dialog->printer()->setDocName(title);
    QObject::connect(dialog, &QPrintPreviewDialog::paintRequested, dialog, render);
    dialog->resize(900, 1000);
    dialog->open();
    return dialog;
}

} // namespace gw

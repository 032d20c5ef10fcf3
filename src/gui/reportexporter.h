#pragma once
#include "assessmentresult.h"
#include "indicatorset.h"
#include "result.h"
#include <QCoreApplication>

class QPagedPaintDevice;

namespace gw {

// Writes assessment reports: CSV for spreadsheets (UTF-8 with a BOM so Excel on Windows reads Chinese) and a
// PDF monthly report with tables and the dashboard's charts. Both carry the indicator set version, so a past
// month can be recomputed with the same rules.
class ReportExporter
{
    Q_DECLARE_TR_FUNCTIONS(gw::ReportExporter)
public:
    // `indicators` must be the set the result was computed with (it names the indicator columns).
    static QByteArray csv(const AssessmentResult &result, const IndicatorSet &indicators);
    static Result writeCsv(const QString &path, const AssessmentResult &result, const IndicatorSet &indicators);

    // `trend`: earlier months, oldest first, ending with this one (may be empty: no trend chart).
    // On success `pageCount` (optional) tells how many pages were written.
    static Result writePdf(const QString &path, const AssessmentResult &result, const IndicatorSet &indicators,
                           const QList<AssessmentResult> &trend = {}, int *pageCount = nullptr);
    // Lays the report out on `device` (its page set by the caller: PagedPrinter::setUpPage) and paints it, footers
    // included: the PDF export and the printed report are this one document.
    static Result print(QPagedPaintDevice *device, const AssessmentResult &result, const IndicatorSet &indicators,
                        const QList<AssessmentResult> &trend = {}, int *pageCount = nullptr);
    // The report body as HTML (what the PDF lays out), for previews.
    static QString html(const AssessmentResult &result, const IndicatorSet &indicators, bool withCharts);

    static QString kindName(OrgUnit::Kind kind);
    static QString shortMetricName(AssessmentMetric metric);  // for narrow table headers
    static QString periodText(const AssessmentPeriod &period);
};

} // namespace gw

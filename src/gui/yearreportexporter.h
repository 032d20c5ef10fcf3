#pragma once
#include "result.h"
#include "yearrollup.h"
#include <QCoreApplication>

class QPagedPaintDevice;

namespace gw {

// The year roll-up (年度汇总) as CSV (UTF-8 with a BOM, for Excel) and as a PDF report laid out like the monthly one:
// every unit's monthly scores, months counted and year score, which publication each month came from (revision and
// hash, so the year can be checked against the published months) and the rule used.
class YearReportExporter
{
    Q_DECLARE_TR_FUNCTIONS(gw::YearReportExporter)
public:
    static QByteArray csv(const YearRollupResult &year);
    static Result writeCsv(const QString &path, const YearRollupResult &year);
    static QString html(const YearRollupResult &year);
    static Result writePdf(const QString &path, const YearRollupResult &year, int *pageCount = nullptr);
    static Result print(QPagedPaintDevice *device, const YearRollupResult &year, int *pageCount = nullptr);
    // "78.4", or "" for no score.
    static QString scoreText(double score);
};

} // namespace gw

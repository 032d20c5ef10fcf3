#pragma once
#include "assessmentresult.h"
#include <QCoreApplication>
#include <QImage>
#include <QList>

class QChart;

namespace gw {

// The dashboard's charts, built from assessment results. The dashboard shows them live; the PDF report
// renders the very same charts to images, so what a supervisor sees on screen is what gets printed.
class DashboardCharts
{
    Q_DECLARE_TR_FUNCTIONS(gw::DashboardCharts)
public:
    // Horizontal bars of composite scores, best first; units without a score are listed with an empty bar.
    static QChart *ranking(const QList<UnitFigures> &units, const QString &title);
    // District rates month by month (oldest first), plus one unit's composite score when `unitId` is given.
    static QChart *trend(const QList<AssessmentResult> &months, const QString &unitId = {});
    static QChart *byCategory(const AssessmentResult &result);
    static QChart *byStatus(const AssessmentResult &result);
    // Renders a chart offscreen at `size` (logical pixels) times `scale`.
    static QImage render(QChart *chart, const QSize &size, qreal scale = 2.0);
};

} // namespace gw

#include "dashboardcharts.h"
#include "casestatus.h"
#include "categorycatalog.h"
#include <QGraphicsScene>
#include <QPainter>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QBarSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QValueAxis>
#include <algorithm>
#include <functional>

namespace gw {

namespace {

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    QFont f = chart->titleFont();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    f.setBold(true);
    chart->setTitleFont(f);
    chart->setAnimationOptions(QChart::NoAnimation);  // identical on screen, in tests and in the PDF
    chart->setMargins(QMargins(6, 6, 6, 6));
    return chart;
}

} // namespace

QChart *DashboardCharts::ranking(const QList<UnitFigures> &units, const QString &title)
{
    QChart *chart = newChart(title);
    const QList<UnitFigures> ranked = AssessmentResult::ranked(units);
    auto *set = new QBarSet(tr("Composite score"));
    set->setColor(QColor(0x2f, 0x6f, 0xb3));
    set->setLabelColor(Qt::white);
    QStringList names;
    // A horizontal bar chart draws its first category at the bottom: add worst first so the best is on top.
    for (auto it = ranked.crbegin(); it != ranked.crend(); ++it) {
        const int rank = int(ranked.size() - (it - ranked.crbegin()));
        // A score of 0 draws no bar and no label: say it in the name so it is not mistaken for "no data".
        names.append(!it->hasComposite() ? tr("%1 (no cases)").arg(it->name)
                     : it->composite < 0.05 ? tr("%1. %2 (score 0)").arg(rank).arg(it->name)
                                            : QStringLiteral("%1. %2").arg(rank).arg(it->name));
        set->append(it->hasComposite() ? it->composite : 0);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value"));
    series->setLabelsPrecision(3);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->addSeries(series);
    auto *axisY = new QBarCategoryAxis;
    axisY->append(names);
    QFont labels = axisY->labelsFont();
    labels.setPointSizeF(labels.pointSizeF() * 0.8);
    axisY->setLabelsFont(labels);
    axisY->setTruncateLabels(false);  // the names are the point of a ranking; Qt elided them to "1. ..." before the first layout
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto *axisX = new QValueAxis;
    axisX->setRange(0, 100);
    axisX->setTickCount(6);
    axisX->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    chart->legend()->hide();
    return chart;
}

QChart *DashboardCharts::trend(const QList<AssessmentResult> &months, const QString &unitId)
{
    QChart *chart = newChart(tr("Monthly trend (district)"));
    const QList<AssessmentMetric> metrics{AssessmentMetric::OnTimeCheckInRate, AssessmentMetric::OnTimeHandlingRate,
                                          AssessmentMetric::CloseRate, AssessmentMetric::Satisfaction};
    auto *axisX = new QBarCategoryAxis;
    for (const AssessmentResult &r : months)
        axisX->append(r.period.label);

    auto *axisY = new QValueAxis;
    axisY->setRange(0, 100);
    axisY->setTickCount(6);
    axisY->setLabelFormat(QStringLiteral("%d"));
    axisY->setTitleText(tr("% / points"));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    auto addLine = [&](const QString &name, const std::function<bool(const AssessmentResult &, double *)> &value) {
        auto *line = new QLineSeries;
        line->setName(name);
        line->setPointsVisible(true);
        for (int i = 0; i < months.size(); ++i) {
            double v = 0;
            if (value(months.at(i), &v))
                line->append(i, v);
        }
        chart->addSeries(line);
        line->attachAxis(axisX);
        line->attachAxis(axisY);
    };
    for (AssessmentMetric m : metrics)
        addLine(assessmentMetricDisplayName(m),
                [m](const AssessmentResult &r, double *v) { return r.district.value(m, v); });
    if (!unitId.isEmpty() && !months.isEmpty()) {
        const UnitFigures *u = months.constLast().find(unitId);
        if (u) {
            addLine(tr("%1 composite score").arg(u->name), [unitId](const AssessmentResult &r, double *v) {
                const UnitFigures *f = r.find(unitId);
                if (!f || !f->hasComposite())
                    return false;
                *v = f->composite;
                return true;
            });
        }
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->legend()->setFont(legendFont);
    return chart;
}

QChart *DashboardCharts::byCategory(const AssessmentResult &result)
{
    QChart *chart = newChart(tr("Cases registered by category"));
    auto *series = new QPieSeries;
    QList<std::pair<int, QString>> items;
    for (auto it = result.registeredByCategory.cbegin(); it != result.registeredByCategory.cend(); ++it)
        items.append({it.value(), it.key()});
    std::sort(items.begin(), items.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[count, id] : items) {
        // Names and counts go to the legend: slice labels get cut off in the small chart.
        series->append(QStringLiteral("%1 %2").arg(CategoryCatalog::builtin().nameOf(id)).arg(count), count);
    }
    chart->addSeries(series);
    chart->legend()->setAlignment(Qt::AlignRight);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->legend()->setFont(legendFont);
    if (items.isEmpty())
        chart->setTitle(tr("Cases registered by category: none in this period"));
    return chart;
}

QChart *DashboardCharts::byStatus(const AssessmentResult &result)
{
    QChart *chart = newChart(tr("Cases by current status"));
    auto *set = new QBarSet(tr("Cases"));
    set->setColor(QColor(0x4c, 0x9a, 0x6a));
    QStringList names;
    for (CaseStatus s : allCaseStatuses()) {
        const int n = result.registeredByStatus.value(int(s));
        if (n == 0)
            continue;
        names.append(caseStatusDisplayName(s));
        set->append(n);
    }
    auto *series = new QBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(names);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    auto *axisY = new QValueAxis;
    axisY->setLabelFormat(QStringLiteral("%d"));
    double max = 1;
    for (int i = 0; i < set->count(); ++i)
        max = std::max(max, set->at(i));
    axisY->setRange(0, max * 1.15);
    axisY->applyNiceNumbers();
    QFont small = axisX->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    axisX->setLabelsFont(small);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    chart->legend()->hide();
    return chart;
}

QImage DashboardCharts::render(QChart *chart, const QSize &size, qreal scale)
{
    QGraphicsScene scene;
    scene.addItem(chart);
    chart->resize(size);
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), QRectF(QPointF(0, 0), QSizeF(size)));
    }
    scene.removeItem(chart);  // the caller still owns the chart
    return image;
}

} // namespace gw

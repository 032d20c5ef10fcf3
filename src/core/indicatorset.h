#pragma once
#include "message.h"
#include "result.h"
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QCoreApplication>

namespace gw {

// One scored indicator of the assessment (考核指标): which figure it reads, how a value turns into 0..100 points,
// and how much it weighs for streets and for departments.
struct Indicator {
    enum class Direction { Higher, Lower, Band };

    QString id;              // a metric id known to the engine, e.g. "onTimeHandlingRate"
    QString name;            // shown on reports, e.g. "按期处置率"
    QString description;
    Direction direction = Direction::Higher;
    // Higher: full points at >= target, none at <= floor, linear between.
    // Lower:  full points at <= target, none at >= ceiling, linear between.
    // Band:   full points within [low, high], none at <= floor or >= ceiling, linear between.
    double target = 0;
    double floor = 0;
    double ceiling = 0;
    double low = 0;
    double high = 0;
    double streetWeight = 0;      // 0 = not scored for streets
    double departmentWeight = 0;  // 0 = not scored for departments

    // Points 0..100 for a value of the metric.
    double score(double value) const;
    static QString directionToString(Direction direction);
};

// How a year's result (年度汇总) combines the published months (issue 16). "mean": the average of the monthly
// composite scores of the months a unit has one; "weighted": each month weighs monthWeights[month - 1] (e.g. heavier
// second half). A unit scored in fewer than minimumMonths published months gets no year score.
struct YearRollupRule {
    enum class Method { Mean, Weighted };
    Method method = Method::Mean;
    QList<double> monthWeights;  // 12 numbers >= 0 for Weighted; empty for Mean
    int minimumMonths = 1;       // 1..12
    QString description;         // shown on the year report, e.g. "年度得分为各月综合得分的平均值"

    static QString methodToString(Method method);
};

// The indicator set: versioned data (JSON) because the city center adjusts indicators, weights, thresholds and
// deduction rules. A shipped default lives in the core resources; an administrator's edited copy is a file.
class IndicatorSet
{
    GW_DECLARE_MESSAGES(gw::IndicatorSet)

public:
    // Parses and validates; on failure the set is unchanged and `errors` lists every problem found, each
    // naming the place in the file (e.g. "indicators[2].weight.street").
    Result loadJson(const QByteArray &json, QStringList *errors = nullptr);
    Result loadFile(const QString &path, QStringList *errors = nullptr);
    Result saveFile(const QString &path) const;
    QByteArray toJson() const;
    // Validation without loading: what the indicator editor calls on every change.
    static QStringList validate(const QByteArray &json);

    // The set shipped with the program (resources/assessment/indicators.default.json).
    static const IndicatorSet &builtin();
    static QByteArray builtinJson();

    QString version() const { return m_version; }
    QString title() const { return m_title; }
    const QList<Indicator> &indicators() const { return m_indicators; }
    const Indicator *find(const QString &id) const;
    // Points for a closing callback result (satisfied / basic / dissatisfied).
    double satisfactionScore(const QString &result) const { return m_satisfactionScores.value(result, 0); }
    const QHash<QString, double> &satisfactionScores() const { return m_satisfactionScores; }
    // Points deducted for the n-th failed verification (1-based) of one handling: later failures cost more.
    double reworkDeduction(int failureNumber) const;
    // Total deduction for a handling that failed verification `failures` times.
    double reworkDeductionTotal(int failures) const;
    const QList<double> &reworkSchedule() const { return m_reworkSchedule; }
    double returnedAssignmentDeduction() const { return m_returnDeduction; }
    double maxDeduction() const { return m_maxDeduction; }
    // How the year roll-up combines months ("yearRollup"; absent: the mean of the scored months).
    const YearRollupRule &yearRollup() const { return m_yearRollup; }

private:
    QString m_version;
    QString m_title;
    QList<Indicator> m_indicators;
    QHash<QString, double> m_satisfactionScores;
    QList<double> m_reworkSchedule;
    double m_returnDeduction = 0;
    double m_maxDeduction = 0;
    YearRollupRule m_yearRollup;
    QByteArray m_source;  // the JSON as loaded, so saving an unchanged set keeps its layout
};

} // namespace gw

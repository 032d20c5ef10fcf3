#include "indicatorset.h"
#include "assessmentmetric.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace gw {

namespace {


constexpr int MaxIndicators = 64;
constexpr int MaxText = 500;
constexpr double MaxScale = 1e6;  // no figure the engine computes comes near this

bool nearly(double a, double b) { return std::fabs(a - b) < 1e-6; }

// Collects every problem in one pass so an administrator fixes the file in one go, not error by error.
class Checker
{
public:
    QStringList errors;

    void add(const QString &where, const Message &what) { errors.append(QStringLiteral("%1: %2").arg(where, what.text())); }

    bool number(const QJsonObject &o, const QString &where, const char *key, double *out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString at = where + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined()) {
            if (required)
                add(at, IndicatorSet::tr("missing (a number is required)"));
            return !required;  // an optional number left out keeps its default
        }
        if (!v.isDouble()) {
            add(at, IndicatorSet::tr("must be a number"));
            return false;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d) || d < 0) {
            add(at, IndicatorSet::tr("must not be negative (%1)").arg(d));
            return false;
        }
        if (d > MaxScale) {
            add(at, IndicatorSet::tr("is too large (%1)").arg(d));
            return false;
        }
        *out = d;
        return true;
    }

    bool text(const QJsonObject &o, const QString &where, const char *key, QString *out, bool required = true)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString at = where + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined()) {
            if (required)
                add(at, IndicatorSet::tr("missing (text is required)"));
            return false;
        }
        if (!v.isString()) {
            add(at, IndicatorSet::tr("must be text"));
            return false;
        }
        const QString s = v.toString().trimmed();
        if (required && s.isEmpty()) {
            add(at, IndicatorSet::tr("must not be empty"));
            return false;
        }
        if (s.size() > MaxText) {
            add(at, IndicatorSet::tr("is too long (at most %1 characters)").arg(MaxText));
            return false;
        }
        *out = s;
        return true;
    }
};

struct Parsed {
    QString version, title;
    QList<Indicator> indicators;
    QHash<QString, double> satisfaction;
    QList<double> schedule;
    double returnDeduction = 0, maxDeduction = 0;
    YearRollupRule yearRollup;
};

// "yearRollup": {"method": "mean" | "weighted", "monthWeights": [12 numbers], "minimumMonths": n, "description": text}
void parseYearRollup(Checker &c, const QJsonValue &value, YearRollupRule *out)
{
    const QString where = QStringLiteral("yearRollup");
    if (value.isUndefined())
        return;  // sets from before the rule: the mean of the scored months
    if (!value.isObject()) {
        c.add(where, IndicatorSet::tr("must be an object {\"method\": \"mean\" or \"weighted\", ...}"));
        return;
    }
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!QStringList{QStringLiteral("method"), QStringLiteral("monthWeights"), QStringLiteral("minimumMonths"),
                         QStringLiteral("description")}.contains(it.key()))
            c.add(where + u'.' + it.key(), IndicatorSet::tr("unknown field (use method, monthWeights, minimumMonths, description)"));
    QString method;
    if (c.text(o, where, "method", &method)) {
        if (method == QLatin1String("mean"))
            out->method = YearRollupRule::Method::Mean;
        else if (method == QLatin1String("weighted"))
            out->method = YearRollupRule::Method::Weighted;
        else
            c.add(where + QStringLiteral(".method"), IndicatorSet::tr("must be mean or weighted (not \"%1\")").arg(method.left(32)));
    }
    c.text(o, where, "description", &out->description, false);
    double minimum = 1;
    if (o.contains(QStringLiteral("minimumMonths")) && c.number(o, where, "minimumMonths", &minimum)) {
        if (minimum < 1 || minimum > 12 || minimum != std::floor(minimum))
            c.add(where + QStringLiteral(".minimumMonths"), IndicatorSet::tr("must be a whole number of months, 1 to 12"));
        else
            out->minimumMonths = int(minimum);
    }
    const QJsonValue weights = o.value(QStringLiteral("monthWeights"));
    if (out->method == YearRollupRule::Method::Weighted) {
        const QJsonArray list = weights.toArray();
        if (!weights.isArray() || list.size() != 12) {
            c.add(where + QStringLiteral(".monthWeights"), IndicatorSet::tr("a weighted roll-up needs 12 month weights (January first)"));
            return;
        }
        double sum = 0;
        for (int i = 0; i < 12; ++i) {
            const double w = list.at(i).toDouble(-1);
            if (!list.at(i).isDouble() || w < 0 || !std::isfinite(w)) {
                c.add(QStringLiteral("%1.monthWeights[%2]").arg(where).arg(i), IndicatorSet::tr("must be a number, not negative"));
                return;
            }
            sum += w;
            out->monthWeights.append(w);
        }
        if (sum <= 0)
            c.add(where + QStringLiteral(".monthWeights"), IndicatorSet::tr("at least one month must weigh more than 0"));
    } else if (!weights.isUndefined()) {
        c.add(where + QStringLiteral(".monthWeights"), IndicatorSet::tr("month weights are only for the weighted method"));
    }
}

void parseIndicator(Checker &c, const QJsonValue &value, int index, Parsed *out, QSet<QString> *seen)
{
    const QString where = QStringLiteral("indicators[%1]").arg(index);
    if (!value.isObject()) {
        c.add(where, IndicatorSet::tr("must be an object"));
        return;
    }
    const QJsonObject o = value.toObject();
    Indicator ind;
    bool ok = c.text(o, where, "id", &ind.id);
    AssessmentMetric metric;
    if (ok && !assessmentMetricFromId(ind.id, &metric)) {
        QStringList known;
        for (AssessmentMetric m : allAssessmentMetrics())
            known.append(assessmentMetricId(m));
        c.add(where + QStringLiteral(".id"),
              IndicatorSet::tr("unknown indicator id \"%1\"; known ids: %2").arg(ind.id.left(64), known.join(QStringLiteral(", "))));
        ok = false;
    }
    if (ok && seen->contains(ind.id)) {
        c.add(where + QStringLiteral(".id"), IndicatorSet::tr("indicator \"%1\" appears twice").arg(ind.id));
        ok = false;
    }
    seen->insert(ind.id);
    ok = c.text(o, where, "name", &ind.name) && ok;
    c.text(o, where, "description", &ind.description, false);

    const QJsonValue w = o.value(QStringLiteral("weight"));
    if (w.isUndefined()) {
        c.add(where + QStringLiteral(".weight"), IndicatorSet::tr("missing (an object {\"street\": n, \"department\": n})"));
        ok = false;
    } else if (!w.isObject()) {
        c.add(where + QStringLiteral(".weight"), IndicatorSet::tr("must be an object {\"street\": n, \"department\": n}"));
        ok = false;
    } else {
        const QJsonObject wo = w.toObject();
        for (auto it = wo.begin(); it != wo.end(); ++it)
            if (it.key() != QLatin1String("street") && it.key() != QLatin1String("department"))
                c.add(where + QStringLiteral(".weight.") + it.key(), IndicatorSet::tr("unknown unit kind (use street or department)"));
        ok = c.number(wo, where + QStringLiteral(".weight"), "street", &ind.streetWeight, false) && ok;
        ok = c.number(wo, where + QStringLiteral(".weight"), "department", &ind.departmentWeight, false) && ok;
        if (!wo.contains(QStringLiteral("street")) && !wo.contains(QStringLiteral("department")))
            c.add(where + QStringLiteral(".weight"), IndicatorSet::tr("give a weight for street, department or both"));
    }

    QString direction;
    if (!c.text(o, where, "direction", &direction))
        return;
    if (direction == QLatin1String("higher")) {
        ind.direction = Indicator::Direction::Higher;
        const bool a = c.number(o, where, "target", &ind.target);
        const bool b = c.number(o, where, "floor", &ind.floor);
        if (a && b && !(ind.floor < ind.target))
            c.add(where, IndicatorSet::tr("floor (%1) must be below target (%2)").arg(ind.floor).arg(ind.target));
    } else if (direction == QLatin1String("lower")) {
        ind.direction = Indicator::Direction::Lower;
        const bool a = c.number(o, where, "target", &ind.target);
        const bool b = c.number(o, where, "ceiling", &ind.ceiling);
        if (a && b && !(ind.target < ind.ceiling))
            c.add(where, IndicatorSet::tr("target (%1) must be below ceiling (%2)").arg(ind.target).arg(ind.ceiling));
    } else if (direction == QLatin1String("band")) {
        ind.direction = Indicator::Direction::Band;
        bool all = c.number(o, where, "floor", &ind.floor);
        all = c.number(o, where, "low", &ind.low) && all;
        all = c.number(o, where, "high", &ind.high) && all;
        all = c.number(o, where, "ceiling", &ind.ceiling) && all;
        if (all && !(ind.floor < ind.low && ind.low <= ind.high && ind.high < ind.ceiling))
            c.add(where, IndicatorSet::tr("a band needs floor < low <= high < ceiling (%1, %2, %3, %4)")
                             .arg(ind.floor).arg(ind.low).arg(ind.high).arg(ind.ceiling));
    } else {
        c.add(where + QStringLiteral(".direction"), IndicatorSet::tr("must be higher, lower or band (not \"%1\")").arg(direction.left(32)));
        return;
    }
    if (ok)
        out->indicators.append(ind);
}

Parsed parse(const QByteArray &json, Checker &c)
{
    Parsed p;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        c.errors.append(IndicatorSet::tr("Not valid JSON at byte %1: %2").arg(err.offset).arg(err.errorString()).text());
        return p;
    }
    if (!doc.isObject()) {
        c.errors.append(IndicatorSet::tr("The indicator file must be a JSON object.").text());
        return p;
    }
    const QJsonObject root = doc.object();
    c.text(root, QStringLiteral("file"), "version", &p.version);
    c.text(root, QStringLiteral("file"), "title", &p.title, false);

    const QJsonValue inds = root.value(QStringLiteral("indicators"));
    if (!inds.isArray() || inds.toArray().isEmpty()) {
        c.add(QStringLiteral("indicators"), inds.isUndefined() ? IndicatorSet::tr("missing (a list of indicators is required)")
                                                               : IndicatorSet::tr("must be a non-empty list"));
    } else if (inds.toArray().size() > MaxIndicators) {
        c.add(QStringLiteral("indicators"), IndicatorSet::tr("at most %1 indicators").arg(MaxIndicators));
    } else {
        QSet<QString> seen;
        const QJsonArray arr = inds.toArray();
        for (int i = 0; i < arr.size(); ++i)
            parseIndicator(c, arr.at(i), i, &p, &seen);
        if (c.errors.isEmpty()) {
            double street = 0, dept = 0;
            for (const Indicator &ind : std::as_const(p.indicators)) {
                street += ind.streetWeight;
                dept += ind.departmentWeight;
            }
            if (!nearly(street, 100))
                c.add(QStringLiteral("indicators"), IndicatorSet::tr("street weights add up to %1, not 100").arg(street));
            if (!nearly(dept, 100))
                c.add(QStringLiteral("indicators"), IndicatorSet::tr("department weights add up to %1, not 100").arg(dept));
        }
    }

    const QJsonValue sat = root.value(QStringLiteral("satisfactionScores"));
    if (!sat.isObject()) {
        c.add(QStringLiteral("satisfactionScores"), sat.isUndefined() ? IndicatorSet::tr("missing") : IndicatorSet::tr("must be an object"));
    } else {
        const QJsonObject so = sat.toObject();
        for (auto it = so.begin(); it != so.end(); ++it)
            if (it.key() != QLatin1String("satisfied") && it.key() != QLatin1String("basic")
                && it.key() != QLatin1String("dissatisfied"))
                c.add(QStringLiteral("satisfactionScores.") + it.key(),
                      IndicatorSet::tr("unknown callback result (use satisfied, basic, dissatisfied)"));
        for (const char *key : {"satisfied", "basic", "dissatisfied"}) {
            double v = 0;
            if (c.number(so, QStringLiteral("satisfactionScores"), key, &v)) {
                if (v > 100)
                    c.add(QStringLiteral("satisfactionScores.") + QLatin1String(key), IndicatorSet::tr("must be at most 100"));
                p.satisfaction.insert(QLatin1String(key), v);
            }
        }
    }

    const QJsonValue ded = root.value(QStringLiteral("deductions"));
    if (!ded.isObject()) {
        c.add(QStringLiteral("deductions"), ded.isUndefined() ? IndicatorSet::tr("missing") : IndicatorSet::tr("must be an object"));
    } else {
        const QJsonObject d = ded.toObject();
        const QString where = QStringLiteral("deductions");
        const QJsonValue sched = d.value(QStringLiteral("reworkSchedule"));
        if (!sched.isArray() || sched.toArray().isEmpty()) {
            c.add(where + QStringLiteral(".reworkSchedule"),
                  sched.isUndefined() ? IndicatorSet::tr("missing (points for the 1st, 2nd, ... failed verification)")
                                      : IndicatorSet::tr("must be a non-empty list of numbers"));
        } else {
            const QJsonArray arr = sched.toArray();
            for (int i = 0; i < arr.size(); ++i) {
                const QJsonValue v = arr.at(i);
                const QString at = QStringLiteral("%1.reworkSchedule[%2]").arg(where).arg(i);
                if (!v.isDouble())
                    c.add(at, IndicatorSet::tr("must be a number"));
                else if (v.toDouble() < 0 || !std::isfinite(v.toDouble()))
                    c.add(at, IndicatorSet::tr("must not be negative (%1)").arg(v.toDouble()));
                else if (!p.schedule.isEmpty() && v.toDouble() < p.schedule.constLast())
                    c.add(at, IndicatorSet::tr("a repeated failure must not deduct less than the one before"));
                else
                    p.schedule.append(v.toDouble());
            }
        }
        c.number(d, where, "returnedAssignment", &p.returnDeduction);
        if (c.number(d, where, "maxTotal", &p.maxDeduction) && p.maxDeduction > 100)
            c.add(where + QStringLiteral(".maxTotal"), IndicatorSet::tr("must be at most 100"));
    }
    parseYearRollup(c, root.value(QStringLiteral("yearRollup")), &p.yearRollup);
    return p;
}

} // namespace

double Indicator::score(double v) const
{
    auto ramp = [](double x, double zeroAt, double fullAt) {
        const double t = (x - zeroAt) / (fullAt - zeroAt);
        return 100.0 * std::clamp(t, 0.0, 1.0);
    };
    switch (direction) {
    case Direction::Higher: return ramp(v, floor, target);
    case Direction::Lower: return ramp(v, ceiling, target);
    case Direction::Band:
        if (v < low)
            return ramp(v, floor, low);
        if (v > high)
            return ramp(v, ceiling, high);
        return 100.0;
    }
    return 0;
}

QString YearRollupRule::methodToString(Method method)
{
    return method == Method::Weighted ? QStringLiteral("weighted") : QStringLiteral("mean");
}

QString Indicator::directionToString(Direction direction)
{
    switch (direction) {
    case Direction::Higher: return QStringLiteral("higher");
    case Direction::Lower: return QStringLiteral("lower");
    case Direction::Band: return QStringLiteral("band");
    }
    return {};
}

QStringList IndicatorSet::validate(const QByteArray &json)
{
    Checker c;
    parse(json, c);
    return c.errors;
}

Result IndicatorSet::loadJson(const QByteArray &json, QStringList *errors)
{
    Checker c;
    Parsed p = parse(json, c);
    if (errors)
        *errors = c.errors;
    if (!c.errors.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("The indicator set is not valid:\n%1").arg(c.errors.join(QLatin1Char('\n'))));
    m_version = p.version;
    m_title = p.title;
    m_indicators = p.indicators;
    m_satisfactionScores = p.satisfaction;
    m_reworkSchedule = p.schedule;
    m_returnDeduction = p.returnDeduction;
    m_maxDeduction = p.maxDeduction;
    m_yearRollup = p.yearRollup;
    m_source = json;
    return Result::success();
}

Result IndicatorSet::loadFile(const QString &path, QStringList *errors)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result::failure(QStringLiteral("storage_error"),
                               tr("Cannot read the indicator file %1: %2").arg(path, f.errorString()));
    if (f.size() > 1024 * 1024)
        return Result::failure(QStringLiteral("invalid_input"), tr("The indicator file %1 is larger than 1 MB.").arg(path));
    return loadJson(f.readAll(), errors);
}

Result IndicatorSet::saveFile(const QString &path) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(toJson()) < 0 || !f.commit())
        return Result::failure(QStringLiteral("storage_error"),
                               tr("Cannot write the indicator file %1: %2").arg(path, f.errorString()));
    return Result::success();
}

QByteArray IndicatorSet::toJson() const
{
    if (!m_source.isEmpty())
        return m_source;
    return {};
}

QByteArray IndicatorSet::builtinJson()
{
    QFile f(QStringLiteral(":/assessment/indicators.default.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const IndicatorSet &IndicatorSet::builtin()
{
    static const IndicatorSet set = [] {
        IndicatorSet s;
        const Result r = s.loadJson(builtinJson());
        Q_ASSERT_X(r.ok, "IndicatorSet::builtin", qPrintable(r.message));
        return s;
    }();
    return set;
}

const Indicator *IndicatorSet::find(const QString &id) const
{
    for (const Indicator &i : m_indicators)
        if (i.id == id)
            return &i;
    return nullptr;
}

double IndicatorSet::reworkDeduction(int failureNumber) const
{
    if (failureNumber <= 0 || m_reworkSchedule.isEmpty())
        return 0;
    // The last step repeats for every further failure.
    return m_reworkSchedule.at(std::min<int>(failureNumber, m_reworkSchedule.size()) - 1);
}

double IndicatorSet::reworkDeductionTotal(int failures) const
{
    double total = 0;
    for (int n = 1; n <= failures; ++n)
        total += reworkDeduction(n);
    return total;
}

} // namespace gw

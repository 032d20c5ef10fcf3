#include "protocol/monthassessment.h"
#include "caseevent.h"
#include "casestatus.h"
#include "indicatorschedule.h"
#include "protocol/protocolreader.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace gw {

namespace {

// The counts of a unit, by wire name: one list, so writing and reading cannot drift apart.
struct IntField {
    const char *name;
    int UnitFigures::*member;
};
constexpr IntField kIntFields[] = {
    {"registered", &UnitFigures::registered},         {"whistled", &UnitFigures::whistled},
    {"closed", &UnitFigures::closed},                 {"whistleBase", &UnitFigures::whistleBase},
    {"whistleHits", &UnitFigures::whistleHits},       {"closeBase", &UnitFigures::closeBase},
    {"closeHits", &UnitFigures::closeHits},           {"checkInsDue", &UnitFigures::checkInsDue},
    {"checkInsOnTime", &UnitFigures::checkInsOnTime}, {"handlingsDue", &UnitFigures::handlingsDue},
    {"handlingsOnTime", &UnitFigures::handlingsOnTime}, {"overdue", &UnitFigures::overdue},
    {"postponed", &UnitFigures::postponed},           {"handlingsDone", &UnitFigures::handlingsDone},
    {"reworked", &UnitFigures::reworked},             {"reworkFailures", &UnitFigures::reworkFailures},
    {"returned", &UnitFigures::returned},             {"satisfactionCount", &UnitFigures::satisfactionCount},
    {"ratingCount", &UnitFigures::ratingCount},       {"ratingSum", &UnitFigures::ratingSum},
    {"onHoldExcluded", &UnitFigures::onHoldExcluded}, {"stepsDue", &UnitFigures::stepsDue},
    {"stepsOnTime", &UnitFigures::stepsOnTime},
};
struct DoubleField {
    const char *name;
    double UnitFigures::*member;
};
constexpr DoubleField kDoubleFields[] = {
    {"handlingWorkHours", &UnitFigures::handlingWorkHours}, {"satisfactionSum", &UnitFigures::satisfactionSum},
    {"reworkDeduction", &UnitFigures::reworkDeduction},     {"returnDeduction", &UnitFigures::returnDeduction},
    {"deduction", &UnitFigures::deduction},
};

QJsonValue nullable(double v) { return std::isnan(v) ? QJsonValue(QJsonValue::Null) : QJsonValue(v); }

QJsonObject unitToJson(const UnitFigures &u)
{
    QJsonObject o{{QStringLiteral("unitId"), u.unitId},
                  {QStringLiteral("name"), u.name},
                  {QStringLiteral("kind"), OrgUnit::kindToString(u.kind)},
                  {QStringLiteral("composite"), nullable(u.composite)}};
    for (const IntField &f : kIntFields)
        o.insert(QLatin1String(f.name), u.*f.member);
    for (const DoubleField &f : kDoubleFields)
        o.insert(QLatin1String(f.name), u.*f.member);
    QJsonArray scores;
    for (double s : u.indicatorScores)
        scores.append(nullable(s));
    o.insert(QStringLiteral("indicatorScores"), scores);
    return o;
}

// A finite number, or null (NaN) where `nullAllowed`.
bool readNumber(const QJsonValue &v, bool nullAllowed, double *out)
{
    if (v.isNull() && nullAllowed) {
        *out = std::nan("");
        return true;
    }
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return false;
    *out = v.toDouble();
    return true;
}

bool unitFromJson(const QJsonObject &o, UnitFigures *out, Message *error)
{
    ProtocolReader read(o, AssessmentResultJson::tr("assessment unit"));
    UnitFigures u;
    u.unitId = read.text("unitId", ProtocolReader::Need::Required);
    u.name = read.text("name");
    const QString kind = read.text("kind", ProtocolReader::Need::Required);
    for (const IntField &f : kIntFields)
        u.*f.member = read.number(f.name);
    const QJsonArray scores = read.array("indicatorScores");
    if (!read.finish(error))
        return false;
    auto bad = [&](const QString &field) {
        *error = AssessmentResultJson::tr("The figure %1 of %2 is not a number.").arg(field, u.unitId);
        return false;
    };
    if (!OrgUnit::kindFromString(kind, &u.kind)) {
        *error = AssessmentResultJson::tr("%1 is not a kind of org unit.").arg(kind.left(32));
        return false;
    }
    for (const DoubleField &f : kDoubleFields)
        if (!readNumber(o.value(QLatin1String(f.name)), false, &(u.*f.member)))
            return bad(QLatin1String(f.name));
    if (!readNumber(o.value(QStringLiteral("composite")), true, &u.composite))
        return bad(QStringLiteral("composite"));
    for (const QJsonValue &s : scores) {
        double v = 0;
        if (!readNumber(s, true, &v))
            return bad(QStringLiteral("indicatorScores"));
        u.indicatorScores.append(v);
    }
    *out = u;
    return true;
}

bool unitsFromJson(const QJsonArray &list, QList<UnitFigures> *out, Message *error)
{
    for (const QJsonValue &v : list) {
        UnitFigures u;
        if (!v.isObject() || !unitFromJson(v.toObject(), &u, error)) {
            if (!v.isObject())
                *error = AssessmentResultJson::tr("An assessment unit is not a JSON object.");
            return false;
        }
        out->append(u);
    }
    return true;
}

// The district's row carries no name: "Whole district" is a sentence in the reader's language, and a published
// result's bytes (and hash) must not depend on the translator of the process that computed them.
QJsonObject districtToJson(UnitFigures district)
{
    district.name.clear();
    return unitToJson(district);
}

QJsonArray unitsToJson(const QList<UnitFigures> &units)
{
    QJsonArray list;
    for (const UnitFigures &u : units)
        list.append(unitToJson(u));
    return list;
}

bool sameValue(const QJsonValue &a, const QJsonValue &b, const QString &path, QString *where)
{
    if (a.isDouble() && b.isDouble()) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (std::fabs(x - y) <= 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)}))
            return true;
    } else if (a.isObject() && b.isObject()) {
        const QJsonObject oa = a.toObject();
        const QJsonObject ob = b.toObject();
        if (oa.keys() != ob.keys()) {
            *where = path.isEmpty() ? QStringLiteral("(keys)") : path;
            return false;
        }
        for (auto it = oa.begin(); it != oa.end(); ++it)
            if (!sameValue(it.value(), ob.value(it.key()), path.isEmpty() ? it.key() : path + u'.' + it.key(), where))
                return false;
        return true;
    } else if (a.isArray() && b.isArray()) {
        const QJsonArray la = a.toArray();
        const QJsonArray lb = b.toArray();
        if (la.size() != lb.size()) {
            *where = path;
            return false;
        }
        for (qsizetype i = 0; i < la.size(); ++i) {
            const QJsonObject unit = la.at(i).toObject();
            // "streets[3:street.dongfeng].composite": the index alone would send a reader counting
            const QString name = unit.contains(QStringLiteral("unitId"))
                                     ? QStringLiteral("%1[%2:%3]").arg(path).arg(i).arg(unit.value(QStringLiteral("unitId")).toString())
                                     : QStringLiteral("%1[%2]").arg(path).arg(i);
            if (!sameValue(la.at(i), lb.at(i), name, where))
                return false;
        }
        return true;
    } else if (a == b) {
        return true;
    }
    *where = path;
    return false;
}

} // namespace

QJsonObject AssessmentResultJson::toJson(const AssessmentResult &r)
{
    QJsonObject byCategory;
    for (auto it = r.registeredByCategory.cbegin(); it != r.registeredByCategory.cend(); ++it)
        byCategory.insert(it.key(), it.value());
    QJsonObject byStatus;
    for (auto it = r.registeredByStatus.cbegin(); it != r.registeredByStatus.cend(); ++it)
        byStatus.insert(caseStatusToString(CaseStatus(it.key())), it.value());
    return {{QStringLiteral("period"),
             QJsonObject{{QStringLiteral("from"), CaseEvent::timeToString(r.period.from)},
                         {QStringLiteral("to"), CaseEvent::timeToString(r.period.to)},
                         {QStringLiteral("label"), r.period.label}}},
            {QStringLiteral("asOf"), CaseEvent::timeToString(r.asOf)},
            {QStringLiteral("indicatorVersion"), r.indicatorVersion},
            {QStringLiteral("indicatorTitle"), r.indicatorTitle},
            {QStringLiteral("streets"), unitsToJson(r.streets)},
            {QStringLiteral("departments"), unitsToJson(r.departments)},
            {QStringLiteral("centers"), unitsToJson(r.centers)},
            {QStringLiteral("district"), districtToJson(r.district)},
            {QStringLiteral("registeredByCategory"), byCategory},
            {QStringLiteral("registeredByStatus"), byStatus}};
}

bool AssessmentResultJson::fromJson(const QJsonObject &o, AssessmentResult *out, Message *error)
{
    ProtocolReader read(o, tr("assessment result"));
    AssessmentResult r;
    const QJsonObject period = read.object("period", ProtocolReader::Need::Required);
    r.asOf = read.time("asOf", ProtocolReader::Need::Required);
    r.indicatorVersion = read.text("indicatorVersion");
    r.indicatorTitle = read.text("indicatorTitle");
    const QJsonArray streets = read.array("streets", ProtocolReader::Need::Required);
    const QJsonArray departments = read.array("departments", ProtocolReader::Need::Required);
    const QJsonArray centers = read.array("centers");
    const QJsonObject district = read.object("district", ProtocolReader::Need::Required);
    const QJsonObject byCategory = read.object("registeredByCategory");
    const QJsonObject byStatus = read.object("registeredByStatus");
    if (!read.finish(error))
        return false;
    ProtocolReader readPeriod(period, tr("assessment period"));
    r.period.from = readPeriod.time("from", ProtocolReader::Need::Required);
    r.period.to = readPeriod.time("to", ProtocolReader::Need::Required);
    r.period.label = readPeriod.text("label", ProtocolReader::Need::Required);
    if (!readPeriod.finish(error))
        return false;
    if (!r.period.isValid()) {
        *error = tr("The assessment period %1 ends before it starts.").arg(r.period.label.left(32));
        return false;
    }
    if (!unitsFromJson(streets, &r.streets, error) || !unitsFromJson(departments, &r.departments, error)
        || !unitsFromJson(centers, &r.centers, error) || !unitFromJson(district, &r.district, error))
        return false;
    if (r.district.name.isEmpty())
        r.district.name = Message::translate("gw::AssessmentEngine", "Whole district").text();
    for (auto it = byCategory.begin(); it != byCategory.end(); ++it) {
        if (!it.value().isDouble()) {
            *error = tr("The count of category %1 is not a number.").arg(it.key().left(48));
            return false;
        }
        r.registeredByCategory.insert(it.key(), it.value().toInt());
    }
    for (auto it = byStatus.begin(); it != byStatus.end(); ++it) {
        CaseStatus status;
        if (!caseStatusFromString(it.key(), &status) || !it.value().isDouble()) {
            *error = tr("The count of status %1 cannot be read.").arg(it.key().left(48));
            return false;
        }
        r.registeredByStatus.insert(int(status), it.value().toInt());
    }
    *out = r;
    return true;
}

QByteArray AssessmentResultJson::bytes(const AssessmentResult &result)
{
    return QJsonDocument(toJson(result)).toJson(QJsonDocument::Compact);
}

QString AssessmentResultJson::hashOf(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

bool AssessmentResultJson::sameFigures(const QJsonObject &a, const QJsonObject &b, QString *where)
{
    return sameValue(a, b, QString(), where);
}

QJsonObject MonthPublication::toJson() const
{
    QJsonObject v;
    for (auto it = versions.cbegin(); it != versions.cend(); ++it)
        v.insert(it.key(), it.value());
    return {{QStringLiteral("month"), month},
            {QStringLiteral("revision"), revision},
            {QStringLiteral("publishedAt"), CaseEvent::timeToString(publishedAt)},
            {QStringLiteral("publishedBy"), publishedBy},
            {QStringLiteral("publishedByName"), publishedByName},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("cutoffSeq"), double(cutoffSeq)},
            {QStringLiteral("versions"), v},
            {QStringLiteral("resultHash"), resultHash},
            {QStringLiteral("result"), AssessmentResultJson::toJson(result)}};
}

bool MonthPublication::fromJson(const QJsonObject &o, MonthPublication *out, Message *error)
{
    ProtocolReader read(o, AssessmentResultJson::tr("month publication"));
    MonthPublication p;
    p.month = read.text("month", ProtocolReader::Need::Required);
    p.revision = read.number("revision", ProtocolReader::Need::Required);
    p.publishedAt = read.time("publishedAt", ProtocolReader::Need::Required);
    p.publishedBy = read.text("publishedBy", ProtocolReader::Need::Required);
    p.publishedByName = read.text("publishedByName");
    p.reason = read.text("reason");
    p.cutoffSeq = read.bigNumber("cutoffSeq", ProtocolReader::Need::Required);
    const QJsonObject versions = read.object("versions");
    p.resultHash = read.text("resultHash", ProtocolReader::Need::Required);
    const QJsonObject result = read.object("result", ProtocolReader::Need::Required);
    if (!read.finish(error))
        return false;
    if (!IndicatorSchedule::parseMonth(p.month) || p.revision < 1) {
        *error = AssessmentResultJson::tr("Publication %1 of month %2 cannot be read.").arg(p.revision).arg(p.month.left(16));
        return false;
    }
    for (auto it = versions.begin(); it != versions.end(); ++it)
        p.versions.insert(it.key(), it.value().toInt());
    if (!AssessmentResultJson::fromJson(result, &p.result, error))
        return false;
    *out = p;
    return true;
}

QJsonObject MonthAssessment::toJson() const
{
    QJsonArray list;
    for (const MonthPublication &p : publications)
        list.append(p.toJson());
    return {{QStringLiteral("month"), month},
            {QStringLiteral("live"), AssessmentResultJson::toJson(live)},
            {QStringLiteral("publications"), list}};
}

bool MonthAssessment::fromJson(const QJsonObject &o, MonthAssessment *out, Message *error)
{
    ProtocolReader read(o, AssessmentResultJson::tr("month assessment"));
    MonthAssessment m;
    m.month = read.text("month", ProtocolReader::Need::Required);
    const QJsonObject live = read.object("live", ProtocolReader::Need::Required);
    const QJsonArray list = read.array("publications");
    if (!read.finish(error))
        return false;
    if (!IndicatorSchedule::parseMonth(m.month)) {
        *error = AssessmentResultJson::tr("%1 is not a month (yyyy-MM).").arg(m.month.left(16));
        return false;
    }
    if (!AssessmentResultJson::fromJson(live, &m.live, error))
        return false;
    for (const QJsonValue &v : list) {
        MonthPublication p;
        if (!MonthPublication::fromJson(v.toObject(), &p, error))
            return false;
        m.publications.append(p);
    }
    *out = m;
    return true;
}

QJsonObject AssessmentMonthsAnswer::toJson() const
{
    QJsonArray list;
    for (const MonthAssessment &m : months)
        list.append(m.toJson());
    return {{QStringLiteral("computedAt"), CaseEvent::timeToString(computedAt)},
            {QStringLiteral("lastServerSeq"), double(lastServerSeq)},
            {QStringLiteral("months"), list}};
}

bool AssessmentMonthsAnswer::fromJson(const QJsonObject &o, AssessmentMonthsAnswer *out, Message *error)
{
    ProtocolReader read(o, AssessmentResultJson::tr("assessment answer"));
    AssessmentMonthsAnswer a;
    a.computedAt = read.time("computedAt", ProtocolReader::Need::Required);
    a.lastServerSeq = read.bigNumber("lastServerSeq");
    const QJsonArray list = read.array("months", ProtocolReader::Need::Required);
    if (!read.finish(error))
        return false;
    if (list.size() > MaxMonths) {
        *error = AssessmentResultJson::tr("The answer holds %1 months; at most %2 are asked for.").arg(list.size()).arg(MaxMonths);
        return false;
    }
    for (const QJsonValue &v : list) {
        MonthAssessment m;
        if (!MonthAssessment::fromJson(v.toObject(), &m, error))
            return false;
        a.months.append(m);
    }
    *out = a;
    return true;
}

} // namespace gw

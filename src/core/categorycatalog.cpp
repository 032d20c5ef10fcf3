#include "categorycatalog.h"
#include "districtdata.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace gw {

QDateTime DeadlineSpec::dueFrom(const QDateTime &start, const WorkCalendar &calendar) const
{
    if (unit == Unit::Hours)
        return start.addSecs(qint64(amount) * 3600).toUTC();
    return calendar.addWorkingDays(start, amount);
}

StepLimits StepLimits::defaults(Urgency urgency)
{
    // docs/workflow.md section 5 explains the numbers.
    switch (urgency) {
    case Urgency::Critical:
        return {1, 1, 1, 2, 4};
    case Urgency::Urgent:
        return {2, 2, 1, 4, 8};
    case Urgency::Normal:
        break;
    }
    return {4, 4, 4, 16, 24};
}

bool Category::hasSub(const QString &subId) const
{
    for (const Sub &s : subcategories)
        if (s.id == subId)
            return true;
    return false;
}

QString Category::subName(const QString &subId) const
{
    for (const Sub &s : subcategories)
        if (s.id == subId)
            return s.name;
    return subId;
}

static bool parseSpec(const QJsonValue &v, DeadlineSpec *spec)
{
    const QJsonObject o = v.toObject();
    const QString unit = o.value("unit").toString();
    if (unit == QLatin1String("workdays"))
        spec->unit = DeadlineSpec::Unit::WorkingDays;
    else if (unit == QLatin1String("hours"))
        spec->unit = DeadlineSpec::Unit::Hours;
    else
        return false;
    const QJsonValue amount = o.value("amount");
    spec->amount = amount.toInt(-1);
    return amount.isDouble() && amount.toDouble() == double(spec->amount) && spec->amount > 0
        && spec->amount <= DeadlineSpec::MaxAmount;
}

QJsonObject DeadlineSpec::toJson() const
{
    return {{QStringLiteral("unit"), unit == Unit::Hours ? QStringLiteral("hours") : QStringLiteral("workdays")},
            {QStringLiteral("amount"), amount}};
}

qint64 DeadlineSpec::roughHours() const { return unit == Unit::Hours ? amount : qint64(amount) * 24; }

Message DeadlineSpec::displayText() const
{
    return unit == Unit::Hours ? tr("%1 hours").arg(amount) : tr("%1 working days").arg(amount);
}

QList<StepLimits::Column> StepLimits::columns()
{
    return {{"analyzeHours", &StepLimits::analyzeHours}, {"reviewHours", &StepLimits::reviewHours},
            {"whistleHours", &StepLimits::whistleHours}, {"verifyHours", &StepLimits::verifyHours},
            {"closeHours", &StepLimits::closeHours}};
}

static Result invalidCategory(const Message &why, const QString &field) { return Result::failure("invalid_input", why, field); }

Result Category::fromJson(const QJsonObject &o, Category *out)
{
    Category c;
    c.id = o.value("id").toString();
    c.name = o.value("name").toString().trimmed();
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9_]{0,47}$"));
    if (!idPattern.match(c.id).hasMatch())
        return invalidCategory(tr("A category id is 1 to 48 lower-case letters, digits or _, starting with a letter; "
                                  "\"%1\" is not one.").arg(c.id.left(48)), QStringLiteral("id"));
    if (c.name.isEmpty() || c.name.size() > MaxName)
        return invalidCategory(tr("Category %1 needs a name of at most %2 characters.").arg(c.id).arg(MaxName),
                               QStringLiteral("name"));
    if (o.value("subcategories").toArray().size() > MaxSubcategories)
        return invalidCategory(tr("Category %1 has more than %2 sub-categories.").arg(c.id).arg(MaxSubcategories),
                               QStringLiteral("subcategories"));
    for (const QJsonValue &sv : o.value("subcategories").toArray()) {
        const Category::Sub sub{sv.toObject().value("id").toString(), sv.toObject().value("name").toString()};
        if (sub.id.isEmpty() || sub.name.isEmpty() || sub.id.size() > 48 || sub.name.size() > MaxName)
            return invalidCategory(tr("Every sub-category of %1 needs an id (at most 48 characters) and a name (at most "
                                      "40).").arg(c.id),
                                   QStringLiteral("subcategories"));
        if (c.hasSub(sub.id))
            return invalidCategory(tr("Sub-category %1 of %2 appears twice.").arg(sub.id, c.id),
                                   QStringLiteral("subcategories"));
        c.subcategories.append(sub);
    }
    for (const QJsonValue &dv : o.value("suggestedDepartments").toArray())
        c.suggestedDepartments.append(dv.toString());
    const QJsonObject deadlines = o.value("deadlines").toObject();
    for (Urgency u : allUrgencies()) {
        const QString level = urgencyToString(u);
        const Message levelName = urgencyDisplayName(u);
        const QJsonObject d = deadlines.value(level).toObject();
        DeadlineSpec checkIn, handle;
        if (!parseSpec(d.value("checkIn"), &checkIn))
            return invalidCategory(tr("%1 (%2): the check-in deadline must be 1 to %3 working days or hours.")
                                       .arg(Message(c.name), levelName).arg(DeadlineSpec::MaxAmount),
                                   level + QStringLiteral(".checkIn"));
        if (!parseSpec(d.value("handle"), &handle))
            return invalidCategory(tr("%1 (%2): the handling deadline must be 1 to %3 working days or hours.")
                                       .arg(Message(c.name), levelName).arg(DeadlineSpec::MaxAmount),
                                   level + QStringLiteral(".handle"));
        // Working days and clock hours only compare one way round: hours to check in, days to handle. A check-in in
        // working days with handling in hours could fall after it over a weekend.
        if (checkIn.unit == DeadlineSpec::Unit::WorkingDays && handle.unit == DeadlineSpec::Unit::Hours)
            return invalidCategory(tr("%1 (%2): a check-in deadline in working days needs a handling deadline in working "
                                      "days too.").arg(Message(c.name), levelName),
                                   level + QStringLiteral(".checkIn"));
        if (checkIn.unit == handle.unit ? checkIn.amount > handle.amount : checkIn.roughHours() > handle.roughHours())
            return invalidCategory(tr("%1 (%2): the check-in deadline (%3) is longer than the handling deadline (%4).")
                                       .arg(Message(c.name), levelName, checkIn.displayText(), handle.displayText()),
                                   level + QStringLiteral(".checkIn"));
        c.checkInDeadline.insert(u, checkIn);
        c.handleDeadline.insert(u, handle);
        StepLimits limits = StepLimits::defaults(u);
        for (const StepLimits::Column &column : StepLimits::columns()) {
            const QJsonValue v = d.value(QLatin1String(column.key));
            if (v.isUndefined())
                continue;
            const int hours = v.toInt(-1);
            if (!v.isDouble() || v.toDouble() != double(hours) || hours <= 0 || hours > 365 * 24)
                return invalidCategory(tr("%1 (%2): %3 must be a whole number of working hours from 1 to 8760.")
                                           .arg(Message(c.name), levelName, ruleColumnDisplayName(QLatin1String(column.key))),
                                       level + u'.' + QLatin1String(column.key));
            limits.*column.member = hours;
        }
        c.stepLimits.insert(u, limits);
    }
    *out = c;
    return Result::success();
}

QJsonObject Category::toJson() const
{
    QJsonArray subs;
    for (const Sub &s : subcategories)
        subs.append(QJsonObject{{QStringLiteral("id"), s.id}, {QStringLiteral("name"), s.name}});
    QJsonObject deadlines;
    for (Urgency u : allUrgencies()) {
        QJsonObject d{{QStringLiteral("checkIn"), checkInDeadline.value(u).toJson()},
                      {QStringLiteral("handle"), handleDeadline.value(u).toJson()}};
        const StepLimits limits = stepLimits.value(u, StepLimits::defaults(u));
        for (const StepLimits::Column &column : StepLimits::columns())
            d.insert(QLatin1String(column.key), limits.*column.member);
        deadlines.insert(urgencyToString(u), d);
    }
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("subcategories"), subs},
            {QStringLiteral("suggestedDepartments"), QJsonArray::fromStringList(suggestedDepartments)},
            {QStringLiteral("deadlines"), deadlines}};
}

QStringList Category::ruleColumns()
{
    QStringList columns{QStringLiteral("checkIn"), QStringLiteral("handle")};
    for (const StepLimits::Column &column : StepLimits::columns())
        columns.append(QLatin1String(column.key));
    return columns;
}

Message Category::ruleColumnDisplayName(const QString &column)
{
    if (column == QLatin1String("checkIn"))
        return tr("check-in deadline");
    if (column == QLatin1String("handle"))
        return tr("handling deadline");
    if (column == QLatin1String("analyzeHours"))
        return tr("analysis (working hours)");
    if (column == QLatin1String("reviewHours"))
        return tr("review (working hours)");
    if (column == QLatin1String("whistleHours"))
        return tr("whistle (working hours)");
    if (column == QLatin1String("verifyHours"))
        return tr("verification (working hours)");
    if (column == QLatin1String("closeHours"))
        return tr("closing (working hours)");
    return Message(column);
}

QJsonObject Category::ruleChanges(const Category &before) const
{
    const QJsonObject was = before.toJson().value(QLatin1String("deadlines")).toObject();
    const QJsonObject now = toJson().value(QLatin1String("deadlines")).toObject();
    QJsonObject changes;
    for (Urgency u : allUrgencies()) {
        const QString level = urgencyToString(u);
        const QJsonObject a = was.value(level).toObject(), b = now.value(level).toObject();
        for (const QString &column : ruleColumns())
            if (a.value(column) != b.value(column))
                changes.insert(level + u'.' + column, QJsonArray{a.value(column), b.value(column)});
    }
    return changes;
}

static Message ruleValueText(const QJsonValue &v)
{
    if (v.isObject()) {
        DeadlineSpec spec;
        return parseSpec(v, &spec) ? spec.displayText() : Message(QStringLiteral("?"));
    }
    return v.isDouble() ? Message(QString::number(v.toInt())) : Message(QStringLiteral("—"));
}

Message Category::describeChange(const QString &cell, const QJsonArray &beforeAfter)
{
    Urgency urgency = Urgency::Normal;
    const QString level = cell.section(u'.', 0, 0);
    const Message levelName = urgencyFromString(level, &urgency) ? urgencyDisplayName(urgency) : Message(level);
    return tr("%1 · %2: %3 → %4")
        .arg(levelName, ruleColumnDisplayName(cell.section(u'.', 1)), ruleValueText(beforeAfter.at(0)),
             ruleValueText(beforeAfter.at(1)));
}

Result CategoryCatalog::load(const QJsonObject &o)
{
    QList<Category> cats;
    for (const QJsonValue &cv : o.value("categories").toArray()) {
        Category c;
        const Result parsed = Category::fromJson(cv.toObject(), &c);
        if (!parsed.ok)
            return parsed;
        for (const Category &earlier : std::as_const(cats))
            if (earlier.id == c.id)
                return invalidCategory(tr("Category id %1 appears twice.").arg(c.id), QStringLiteral("id"));
        cats.append(c);
    }
    if (cats.isEmpty())
        return invalidCategory(tr("Category file has no categories."), QString());
    m_categories = cats;
    return Result::success();
}

Result CategoryCatalog::loadJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result::failure("invalid_json", tr("Category file is not valid JSON: %1").arg(err.errorString()));
    return load(doc.object());
}

QJsonObject CategoryCatalog::toJson() const
{
    QJsonArray list;
    for (const Category &c : m_categories)
        list.append(c.toJson());
    return {{QStringLiteral("categories"), list}};
}

Result CategoryCatalog::setCategory(const Category &category)
{
    Category checked;
    const Result r = Category::fromJson(category.toJson(), &checked);  // the same rule a served catalog passes
    if (!r.ok)
        return r;
    for (Category &c : m_categories)
        if (c.id == checked.id) {
            c = checked;
            return Result::success();
        }
    m_categories.append(checked);
    return Result::success();
}

CategoryCatalog CategoryCatalog::shipped() { return loadShipped<CategoryCatalog>(QStringLiteral(":/seed/categories.json")); }

const CategoryCatalog &CategoryCatalog::builtin() { return districtData<CategoryCatalog>(); }

void CategoryCatalog::installDistrict(const CategoryCatalog &catalog) { districtData<CategoryCatalog>() = catalog; }

const Category *CategoryCatalog::find(const QString &id) const
{
    for (const Category &c : m_categories)
        if (c.id == id)
            return &c;
    return nullptr;
}

DeadlineSpec CategoryCatalog::checkInRule(const QString &categoryId, Urgency urgency) const
{
    const DeadlineSpec fallback{DeadlineSpec::Unit::WorkingDays, 1};
    const Category *c = find(categoryId);
    return c ? c->checkInDeadline.value(urgency, fallback) : fallback;
}

DeadlineSpec CategoryCatalog::handleRule(const QString &categoryId, Urgency urgency) const
{
    const DeadlineSpec fallback{DeadlineSpec::Unit::WorkingDays, 5};
    const Category *c = find(categoryId);
    return c ? c->handleDeadline.value(urgency, fallback) : fallback;
}

StepLimits CategoryCatalog::stepLimits(const QString &categoryId, Urgency urgency) const
{
    const Category *c = find(categoryId);
    return c ? c->stepLimits.value(urgency, StepLimits::defaults(urgency)) : StepLimits::defaults(urgency);
}

QString CategoryCatalog::nameOf(const QString &id) const
{
    const Category *c = find(id);
    return c ? c->name : id;
}

} // namespace gw

#include "categorycatalog.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gw {

static Message tr(const char *text) { return Message::translate("gw::CategoryCatalog", text); }

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
    spec->amount = o.value("amount").toInt(-1);
    return spec->amount > 0 && spec->amount <= 365 * 24;
}

Result CategoryCatalog::loadJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result::failure("invalid_json", tr("Category file is not valid JSON: %1").arg(err.errorString()));
    QList<Category> cats;
    for (const QJsonValue &cv : doc.object().value("categories").toArray()) {
        const QJsonObject o = cv.toObject();
        Category c;
        c.id = o.value("id").toString();
        c.name = o.value("name").toString();
        if (c.id.isEmpty() || c.name.isEmpty())
            return Result::failure("invalid_input", tr("Every category needs an id and a name."));
        for (const Category &earlier : std::as_const(cats))
            if (earlier.id == c.id)
                return Result::failure("invalid_input", tr("Category id %1 appears twice.").arg(c.id));
        for (const QJsonValue &sv : o.value("subcategories").toArray()) {
            const Category::Sub sub{sv.toObject().value("id").toString(), sv.toObject().value("name").toString()};
            if (sub.id.isEmpty() || sub.name.isEmpty())
                return Result::failure("invalid_input", tr("Every sub-category of %1 needs an id and a name.").arg(c.id));
            if (c.hasSub(sub.id))
                return Result::failure("invalid_input", tr("Sub-category %1 of %2 appears twice.").arg(sub.id, c.id));
            c.subcategories.append(sub);
        }
        for (const QJsonValue &dv : o.value("suggestedDepartments").toArray())
            c.suggestedDepartments.append(dv.toString());
        const QJsonObject deadlines = o.value("deadlines").toObject();
        for (Urgency u : allUrgencies()) {
            const QJsonObject d = deadlines.value(urgencyToString(u)).toObject();
            DeadlineSpec checkIn, handle;
            if (!parseSpec(d.value("checkIn"), &checkIn) || !parseSpec(d.value("handle"), &handle))
                return Result::failure("invalid_input", tr("Category %1 needs check-in and handling deadlines for \"%2\".")
                                                            .arg(c.id, urgencyToString(u)));
            c.checkInDeadline.insert(u, checkIn);
            c.handleDeadline.insert(u, handle);
            StepLimits limits = StepLimits::defaults(u);
            for (const auto &[key, target] : {std::pair{"analyzeHours", &limits.analyzeHours},
                                              std::pair{"reviewHours", &limits.reviewHours},
                                              std::pair{"whistleHours", &limits.whistleHours},
                                              std::pair{"verifyHours", &limits.verifyHours},
                                              std::pair{"closeHours", &limits.closeHours}}) {
                const QJsonValue v = d.value(QLatin1String(key));
                if (v.isUndefined())
                    continue;
                const int hours = v.toInt(-1);
                if (!v.isDouble() || v.toDouble() != double(hours) || hours <= 0 || hours > 365 * 24)
                    return Result::failure("invalid_input",
                                           tr("Step limit \"%1\" of category %2 (\"%3\") must be a whole number of "
                                              "working hours from 1 to 8760.")
                                               .arg(QLatin1String(key), c.id, urgencyToString(u)));
                *target = hours;
            }
            c.stepLimits.insert(u, limits);
        }
        cats.append(c);
    }
    if (cats.isEmpty())
        return Result::failure("invalid_input", tr("Category file has no categories."));
    m_categories = cats;
    return Result::success();
}

const CategoryCatalog &CategoryCatalog::builtin()
{
    static const CategoryCatalog catalog = [] {
        CategoryCatalog c;
        QFile f(QStringLiteral(":/seed/categories.json"));
        const bool opened = f.open(QIODevice::ReadOnly);
        Q_ASSERT(opened);
        const Result r = c.loadJson(f.readAll());
        Q_ASSERT_X(r.ok, "CategoryCatalog::builtin", qPrintable(r.message));
        Q_UNUSED(opened);
        return c;
    }();
    return catalog;
}

const Category *CategoryCatalog::find(const QString &id) const
{
    for (const Category &c : m_categories)
        if (c.id == id)
            return &c;
    return nullptr;
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

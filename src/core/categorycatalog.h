#pragma once
#include "message.h"
#include "result.h"
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include "urgency.h"
#include "workcalendar.h"
#include <QHash>
#include <QList>
#include <QStringList>

namespace gw {

// How long a department has: a number of working days, or wall-clock hours for urgent matters.
struct DeadlineSpec {
    GW_DECLARE_MESSAGES(gw::DeadlineSpec)
public:  // every field public: brace-initialized as {unit, amount}
    enum class Unit { WorkingDays, Hours };
    Unit unit = Unit::WorkingDays;
    int amount = 1;
    static constexpr int MaxAmount = 365 * 24;
    QDateTime dueFrom(const QDateTime &start, const WorkCalendar &calendar) const;
    QJsonObject toJson() const;                  // {"unit": "workdays"|"hours", "amount": n}
    qint64 roughHours() const;                   // for comparing a day rule with an hour rule: a day counts 24 h
    Message displayText() const;                 // "5 个工作日", "24 小时"
    bool operator==(const DeadlineSpec &o) const { return unit == o.unit && amount == o.amount; }
};

// How long the center or the street may keep a case at each step it waits for (研判, 审核, 发起吹哨, 核查, 结案),
// in working hours (WorkCalendar::addWorkingHours). Optional columns of the category x urgency rule: a category
// without them gets defaults(urgency).
struct StepLimits {
    int analyzeHours = 4;
    int reviewHours = 4;
    int whistleHours = 4;
    int verifyHours = 16;
    int closeHours = 24;
    static StepLimits defaults(Urgency urgency);

    // The columns of the category x urgency rule table in their JSON names ("analyzeHours", ...). A clock a later
    // issue adds is one more column here, read, written and checked by the same loops.
    struct Column {
        const char *key;
        int StepLimits::*member;
    };
    static QList<Column> columns();
};

struct Category {
    GW_DECLARE_MESSAGES(gw::Category)
public:
    struct Sub {
        QString id;
        QString name;
    };
    QString id;
    QString name;
    QList<Sub> subcategories;
    QStringList suggestedDepartments;
    QHash<Urgency, DeadlineSpec> checkInDeadline;
    QHash<Urgency, DeadlineSpec> handleDeadline;
    QHash<Urgency, StepLimits> stepLimits;

    bool hasSub(const QString &subId) const;
    QString subName(const QString &subId) const;

    static constexpr int MaxName = 40;
    static constexpr int MaxSubcategories = 60;
    // Checks as it reads: an id, a name, and for every urgency a check-in deadline no longer than the handling one
    // and whole positive step limits. A refusal's field names the cell: "id", "name", "<urgency>.<column>".
    static Result fromJson(const QJsonObject &o, Category *out);
    QJsonObject toJson() const;

    // The rule cells that differ from `before`: {"<urgency>.<column>": [before, after]}, for the administrative log.
    QJsonObject ruleChanges(const Category &before) const;
    // "checkIn", "handle" and the StepLimits columns, in table order, and their names (报到时限, 办结时限, 研判, ...).
    static QStringList ruleColumns();
    static Message ruleColumnDisplayName(const QString &column);
    // One ruleChanges() entry for a person: "一般·办结时限: 5 个工作日 → 3 个工作日".
    static Message describeChange(const QString &cell, const QJsonArray &beforeAfter);
};

// Case categories with their rule table, one row per category x urgency (issue 16). The district server serves it
// as reference data ("categories"); resources/seed/categories.json is only its first version.
class CategoryCatalog
{
    GW_DECLARE_MESSAGES(gw::CategoryCatalog)
public:
    Result loadJson(const QByteArray &json);
    Result load(const QJsonObject &o);  // {"categories": [...]}; nothing changes when it is refused
    QJsonObject toJson() const;
    // Adds a category or replaces the one with its id, after Category::fromJson's checks.
    Result setCategory(const Category &category);

    // The district's catalog in use in this process: the one served (installDistrict) or else shipped().
    static const CategoryCatalog &builtin();
    static CategoryCatalog shipped();
    static void installDistrict(const CategoryCatalog &catalog);

    const Category *find(const QString &id) const;
    QList<Category> categories() const { return m_categories; }
    QString nameOf(const QString &id) const;
    // The rule a department's check-in / handling deadline is pre-filled from and held to (1 and 5 working days for
    // a category the catalog does not know).
    DeadlineSpec checkInRule(const QString &categoryId, Urgency urgency) const;
    DeadlineSpec handleRule(const QString &categoryId, Urgency urgency) const;
    // The step limits of a category (defaults for an unknown one).
    StepLimits stepLimits(const QString &categoryId, Urgency urgency) const;

private:
    QList<Category> m_categories;
};

} // namespace gw

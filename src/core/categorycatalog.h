#pragma once
#include "result.h"
#include "urgency.h"
#include "workcalendar.h"
#include <QHash>
#include <QList>
#include <QStringList>

namespace gw {

// How long a department has: a number of working days, or wall-clock hours for urgent matters.
struct DeadlineSpec {
    enum class Unit { WorkingDays, Hours };
    Unit unit = Unit::WorkingDays;
    int amount = 1;
    QDateTime dueFrom(const QDateTime &start, const WorkCalendar &calendar) const;
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
};

struct Category {
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
};

// Case categories with their deadline rules (resources/seed/categories.json; the city adjusts them).
class CategoryCatalog
{
public:
    Result loadJson(const QByteArray &json);
    static const CategoryCatalog &builtin();

    const Category *find(const QString &id) const;
    QList<Category> categories() const { return m_categories; }
    QString nameOf(const QString &id) const;
    // The step limits of a category (defaults for an unknown one).
    StepLimits stepLimits(const QString &categoryId, Urgency urgency) const;

private:
    QList<Category> m_categories;
};

} // namespace gw

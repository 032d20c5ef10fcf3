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

private:
    QList<Category> m_categories;
};

} // namespace gw

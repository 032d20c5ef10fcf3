#pragma once
#include "caseevent.h"
#include "casedraft.h"
#include "caserecord.h"
#include "categorycatalog.h"
#include "user.h"
#include <functional>

namespace gw {

// Makes unsealed events for one actor on one device: the same shape whether a form, a test or a benchmark acts.
class EventBuilder
{
public:
    using Clock = std::function<QDateTime()>;
    EventBuilder(const User &actor, const QString &deviceId, Clock clock = {});

    CaseEvent make(EventType type, const QString &caseId, const QJsonObject &payload) const;
    CaseEvent registerCase(const CaseDraft &draft) const;  // makes a new case id
    // Whistle with deadlines from the category rules; the lead first, then assisting departments.
    CaseEvent whistle(const CaseRecord &record, const QString &leadDepartment, const QStringList &assisting,
                      const CategoryCatalog &categories = CategoryCatalog::builtin(),
                      const WorkCalendar &calendar = WorkCalendar::builtin()) const;
    // Deadlines for a department summoned now to this case, from its category and urgency.
    static QJsonObject summons(const CaseRecord &record, const QString &department, bool lead, const QDateTime &now,
                               const CategoryCatalog &categories, const WorkCalendar &calendar);
    const User &actor() const { return m_actor; }
    QDateTime now() const;

private:
    User m_actor;
    QString m_deviceId;
    Clock m_clock;
};

} // namespace gw

#include "caserecord.h"
#include "caseevent.h"

namespace gw {

const DepartmentAssignment *CaseRecord::assignment(const QString &departmentId) const
{
    // The latest assignment of a department wins: it may have been returned and summoned again.
    for (auto it = departments.crbegin(); it != departments.crend(); ++it)
        if (it->departmentId == departmentId)
            return &*it;
    return nullptr;
}

DepartmentAssignment *CaseRecord::assignment(const QString &departmentId)
{
    // Non-const iteration detaches the implicitly shared list: writing through a pointer found in the
    // const list would change every copy of this record that shares it.
    for (auto it = departments.rbegin(); it != departments.rend(); ++it)
        if (it->departmentId == departmentId)
            return &*it;
    return nullptr;
}

const DepartmentAssignment *CaseRecord::leadAssignment() const
{
    for (const DepartmentAssignment &a : departments)
        if (a.lead && a.isActive())
            return &a;
    return nullptr;
}

QStringList CaseRecord::activeDepartmentIds() const
{
    QStringList out;
    for (const DepartmentAssignment &a : departments)
        if (a.isActive())
            out.append(a.departmentId);
    return out;
}

bool CaseRecord::involvesDepartment(const QString &departmentId) const
{
    return assignment(departmentId) != nullptr;
}

bool CaseRecord::hasPendingPostponement() const
{
    for (const DepartmentAssignment &a : departments)
        if (a.isActive() && a.postponeRequestedDue.isValid())
            return true;
    return false;
}

QDateTime CaseRecord::nextDue() const
{
    if (isTerminal(status))
        return {};
    QDateTime due;
    auto consider = [&due](const QDateTime &t) {
        if (t.isValid() && (!due.isValid() || t < due))
            due = t;
    };
    if (status == CaseStatus::StreetHandling)
        consider(streetDue);
    if (step != CaseStep::None)
        consider(stepDue);
    for (const DepartmentAssignment &a : departments) {
        if (!a.isActive())
            continue;  // returned, or from a round before a reopen: nothing of theirs is running
        if (a.state == DepartmentAssignment::State::Summoned)
            consider(a.checkInDue);
        if (a.state == DepartmentAssignment::State::Summoned || a.state == DepartmentAssignment::State::CheckedIn)
            consider(a.handleDue);
    }
    return due;
}

bool CaseRecord::isOverdue(const QDateTime &now) const
{
    const QDateTime due = nextDue();
    return due.isValid() && now > due;
}

QJsonObject CaseRecord::toJson() const
{
    QJsonArray depts;
    for (const DepartmentAssignment &a : departments)
        depts.append(a.toJson());
    QJsonArray steps;
    for (const StepRecord &r : stepHistory)
        steps.append(r.toJson());
    QJsonObject o{{"id", id},
                  {"number", number},
                  {"title", title},
                  {"description", description},
                  {"category", categoryId},
                  {"subcategory", subcategoryId},
                  {"street", streetId},
                  {"community", communityId},
                  {"address", address},
                  {"gridCell", gridCell},
                  {"urgency", urgencyToString(urgency)},
                  {"reporterName", reporterName},
                  {"reporterPhone", reporterPhone},
                  {"attachments", attachments},
                  {"registeredBy", registeredBy},
                  {"registeredAt", CaseEvent::timeToString(registeredAt)},
                  {"updatedAt", CaseEvent::timeToString(updatedAt)},
                  {"status", caseStatusToString(status)},
                  {"step", caseStepToString(step)},
                  {"stepUnit", stepUnit},
                  {"stepStartedAt", CaseEvent::timeToString(stepStartedAt)},
                  {"stepDue", CaseEvent::timeToString(stepDue)},
                  {"steps", steps},
                  {"analysisNote", analysisNote},
                  {"mergedInto", mergedInto},
                  {"streetDue", CaseEvent::timeToString(streetDue)},
                  {"streetFeedback", streetFeedback},
                  {"lastDecisionBy", lastDecisionBy},
                  {"lastDecisionReason", lastDecisionReason},
                  {"departments", depts},
                  {"reworkCount", reworkCount},
                  {"reopenCount", reopenCount},
                  {"onHold", onHold},
                  {"escalated", escalated},
                  {"escalationReason", escalationReason},
                  {"whistledAt", CaseEvent::timeToString(whistledAt)},
                  {"handledAt", CaseEvent::timeToString(handledAt)},
                  {"verifiedAt", CaseEvent::timeToString(verifiedAt)},
                  {"closedAt", CaseEvent::timeToString(closedAt)},
                  {"satisfaction", satisfaction},
                  {"eventCount", eventCount},
                  {"lastHash", QString::fromLatin1(lastHash)}};
    if (hasLocation) {
        o.insert("lon", longitude);
        o.insert("lat", latitude);
    }
    return o;
}

static QDateTime timeOf(const QJsonObject &o, const char *key)
{
    return CaseEvent::timeFromString(o.value(QLatin1String(key)).toString());
}

CaseRecord CaseRecord::fromJson(const QJsonObject &o)
{
    CaseRecord c;
    c.id = o.value("id").toString();
    c.number = o.value("number").toString();
    c.title = o.value("title").toString();
    c.description = o.value("description").toString();
    c.categoryId = o.value("category").toString();
    c.subcategoryId = o.value("subcategory").toString();
    c.streetId = o.value("street").toString();
    c.communityId = o.value("community").toString();
    c.address = o.value("address").toString();
    c.gridCell = o.value("gridCell").toString();
    c.hasLocation = o.contains("lon") && o.contains("lat");
    c.longitude = o.value("lon").toDouble();
    c.latitude = o.value("lat").toDouble();
    urgencyFromString(o.value("urgency").toString(), &c.urgency);
    c.reporterName = o.value("reporterName").toString();
    c.reporterPhone = o.value("reporterPhone").toString();
    c.attachments = o.value("attachments").toArray();
    c.registeredBy = o.value("registeredBy").toString();
    c.registeredAt = timeOf(o, "registeredAt");
    c.updatedAt = timeOf(o, "updatedAt");
    caseStatusFromString(o.value("status").toString(), &c.status);
    c.analysisNote = o.value("analysisNote").toString();
    c.mergedInto = o.value("mergedInto").toString();
    c.streetDue = timeOf(o, "streetDue");
    c.streetFeedback = o.value("streetFeedback").toString();
    c.lastDecisionBy = o.value("lastDecisionBy").toString();
    c.lastDecisionReason = o.value("lastDecisionReason").toString();
    for (const QJsonValue &v : o.value("departments").toArray())
        c.departments.append(DepartmentAssignment::fromJson(v.toObject()));
    c.reworkCount = o.value("reworkCount").toInt();
    c.reopenCount = o.value("reopenCount").toInt();
    c.onHold = o.value("onHold").toBool();
    c.escalated = o.value("escalated").toBool();
    c.escalationReason = o.value("escalationReason").toString();
    c.whistledAt = timeOf(o, "whistledAt");
    c.handledAt = timeOf(o, "handledAt");
    c.verifiedAt = timeOf(o, "verifiedAt");
    c.closedAt = timeOf(o, "closedAt");
    c.satisfaction = o.value("satisfaction").toString();
    // Absent in records projected before step clocks: no step, no history.
    caseStepFromString(o.value("step").toString(), &c.step);
    c.stepUnit = o.value("stepUnit").toString();
    c.stepStartedAt = timeOf(o, "stepStartedAt");
    c.stepDue = timeOf(o, "stepDue");
    for (const QJsonValue &v : o.value("steps").toArray())
        c.stepHistory.append(StepRecord::fromJson(v.toObject()));
    c.eventCount = o.value("eventCount").toInt();
    c.lastHash = o.value("lastHash").toString().toLatin1();
    return c;
}

} // namespace gw

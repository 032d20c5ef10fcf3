#pragma once
#include "message.h"
#include "caseevent.h"
#include "caserecord.h"
#include "categorycatalog.h"
#include "orgdirectory.h"
#include "result.h"
#include "user.h"
#include "workcalendar.h"
#include <QCoreApplication>

namespace gw {

// The 吹哨 workflow: which event each role may add to a case in each state, what a valid payload is,
// and how an event changes the case. Client and server both call this, so the rules live here only.
class Workflow
{
    GW_DECLARE_MESSAGES(gw::Workflow)

public:
    Workflow(const OrgDirectory &org = OrgDirectory::builtin(),
             const CategoryCatalog &categories = CategoryCatalog::builtin(),
             const WorkCalendar &calendar = WorkCalendar::builtin());

    // May `user` attempt `type` on the case as it stands? Ignores the payload; `departmentId` names the
    // department a department action is for (defaults to the user's own unit).
    Result permits(const CaseRecord *current, const User &user, EventType type,
                   const QString &departmentId = {}) const;
    // Full check of an event against the case as it stands (null before registration): actor, state, payload.
    Result check(const CaseRecord *current, const CaseEvent &event) const;
    // check(), and what only a new action must pass (issue 16): a whistle's deadlines against the category rules in
    // force (`rules`, or this workflow's catalog), WhistleDeadlines. Stored chains are replayed with check() alone.
    Result checkNewAction(const CaseRecord *current, const CaseEvent &event, const CategoryCatalog *rules = nullptr) const;
    // A registration's served grid cell must lie in its community (or, without one, its street), by this process's
    // org directory. The client checks it when a case is made (the form, the local store); the server does not, so an
    // offline client an org change has not reached never has a registration refused for it (docs/sync-protocol.md,
    // "Org directory and grid cells"). Free text (cases from before grid cells were served) is taken as written.
    Result checkGridCell(const QJsonObject &registrationPayload) const;
    // Changes the record as the event says. Call only with events that passed check().
    void apply(CaseRecord &record, const CaseEvent &event) const;
    // Rebuilds a case from its events, checking each one; stops at the first refused event.
    Result replay(const QList<CaseEvent> &events, CaseRecord *record) const;
    // The actions to offer `user` now (for buttons and the "my to-do" view).
    QList<EventType> availableActions(const CaseRecord &record, const User &user) const;

    static User actorOf(const CaseEvent &event);

    // Limits on free text, shared with forms so they can say the same thing before submitting.
    static constexpr int MaxTitle = 200;
    static constexpr int MaxDescription = 5000;
    static constexpr int MaxAddress = 300;
    static constexpr int MaxShortField = 64;
    static constexpr int MaxReason = 2000;
    static constexpr int MaxAttachments = 20;
    static constexpr qint64 MaxAttachmentBytes = 10 * 1024 * 1024;

private:
    Result checkPayload(const CaseRecord *current, const CaseEvent &event) const;
    Result checkWhistle(const CaseRecord &current, const QJsonObject &payload) const;
    Result checkRegistration(const CaseEvent &event) const;
    Result checkAttachments(const QJsonValue &value) const;
    static void settleAfterDepartmentChange(CaseRecord &record, const QDateTime &when);

    const OrgDirectory &m_org;
    const CategoryCatalog &m_categories;
    const WorkCalendar &m_calendar;  // step clocks (StepClock)
};

} // namespace gw

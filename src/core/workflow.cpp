#include "workflow.h"
#include "whistledeadlines.h"
#include "accesspolicy.h"
#include "stepclock.h"
#include <QCoreApplication>
#include <QtNumeric>
#include <QJsonArray>
#include <QSet>
#include <QUuid>

namespace gw {

namespace {


Result forbidden(const Message &why) { return Result::failure(QStringLiteral("forbidden"), why); }
Result wrongState(const Message &why) { return Result::failure(QStringLiteral("invalid_state"), why); }
// `field`: the payload key the refusal is about, so a form can show it next to its input (null: the whole action).
Result invalid(const char *field, const Message &why)
{
    return Result::failure(QStringLiteral("invalid_input"), why, field ? QString::fromLatin1(field) : QString());
}
// The same refusal, reported against `field` (a nested object's checks are about the list that holds it).
Result about(const char *field, Result r)
{
    if (!r.ok)
        r.field = QString::fromLatin1(field);
    return r;
}

bool isCenter(Role role) { return role == Role::CenterDispatcher || role == Role::CenterReviewer; }
bool isSystem(const User &user) { return user.id == QLatin1String("system") && user.role == Role::Administrator; }
bool ownsStreet(const User &user, const QString &streetId)
{
    return user.role == Role::StreetOperator && user.orgUnitId == streetId;
}
// Dispatch-side roles for a case: the center's dispatcher or the case's own street operator.
bool dispatchesFor(const User &user, const CaseRecord &record)
{
    return user.role == Role::CenterDispatcher || ownsStreet(user, record.streetId);
}

QDateTime timeField(const QJsonObject &payload, const char *key)
{
    return QDateTime::fromString(payload.value(QLatin1String(key)).toString(), Qt::ISODateWithMs).toUTC();
}

// A time without "Z" or an offset would be read in the machine's own zone: client and server would disagree.
bool hasExplicitZone(const QJsonObject &payload, const char *key)
{
    const QDateTime t = QDateTime::fromString(payload.value(QLatin1String(key)).toString(), Qt::ISODateWithMs);
    return t.isValid() && t.timeSpec() != Qt::LocalTime;
}

bool hasControlChars(const QString &text, bool multiline)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (multiline && (u == u'\n' || u == u'\r' || u == u'\t'))
            continue;
        if (u < 0x20 || (u >= 0x7f && u <= 0x9f))  // C0, DEL and C1 (e.g. U+0085 next line)
            return true;
    }
    return false;
}

// Checks one text field of a payload: type, presence, length, control characters.
Result text(const QJsonObject &payload, const char *key, const Message &label, bool required, int maxLength,
            bool multiline = false)
{
    const QJsonValue v = payload.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return invalid(key, Workflow::tr("%1 is required.").arg(label));
        return Result::success();
    }
    if (!v.isString())
        return invalid(key, Workflow::tr("%1 must be text.").arg(label));
    const QString s = v.toString();
    if (required && s.trimmed().isEmpty())
        return invalid(key, Workflow::tr("%1 is required.").arg(label));
    if (s.size() > maxLength)
        return invalid(key, Workflow::tr("%1 is too long: %2 characters, at most %3.").arg(label).arg(s.size()).arg(maxLength));
    if (hasControlChars(s, multiline))
        return invalid(key, Workflow::tr("%1 contains control characters.").arg(label));
    return Result::success();
}

Result boolField(const QJsonObject &payload, const char *key, const Message &label)
{
    if (!payload.value(QLatin1String(key)).isBool())
        return invalid(key, Workflow::tr("%1 must be true or false.").arg(label));
    return Result::success();
}

Result timeFieldValid(const QJsonObject &payload, const char *key, const Message &label)
{
    if (!payload.value(QLatin1String(key)).isString() || !timeField(payload, key).isValid())
        return invalid(key, Workflow::tr("%1 must be a date and time (ISO 8601).").arg(label));
    if (!hasExplicitZone(payload, key))
        return invalid(key, Workflow::tr("%1 must name its time zone (\"Z\" or an offset such as +08:00).").arg(label));
    return Result::success();
}

// The category and sub-category a payload names (at registration, or a new one chosen in 研判).
Result checkCategory(const CategoryCatalog &categories, const QJsonObject &p)
{
    const Category *cat = categories.find(p.value("category").toString());
    if (!cat)
        return invalid("category",
                       Workflow::tr("Unknown category \"%1\".").arg(p.value("category").toString().left(64)));
    const QString sub = p.value("subcategory").toString();
    if (!sub.isEmpty() && !cat->hasSub(sub))
        return invalid("subcategory",
                       Workflow::tr("Category %1 has no sub-category \"%2\".").arg(cat->name, sub.left(64)));
    return Result::success();
}

#define GW_TRY(expr)                \
    do {                            \
        const Result r_ = (expr);   \
        if (!r_.ok)                 \
            return r_;              \
    } while (false)

} // namespace

Workflow::Workflow(const OrgDirectory &org, const CategoryCatalog &categories, const WorkCalendar &calendar)
    : m_org(org), m_categories(categories), m_calendar(calendar)
{
}

User Workflow::actorOf(const CaseEvent &event)
{
    return User::make(event.actorId, event.actorRole, event.actorOrgUnit);
}

Result Workflow::permits(const CaseRecord *current, const User &user, EventType type,
                         const QString &departmentId) const
{
    if (!user.active)
        return forbidden(tr("Account %1 is disabled.").arg(user.id));
    if (type == EventType::Numbered) {
        if (!isSystem(user))
            return forbidden(tr("Only the district server assigns case numbers."));
        return current ? Result::success() : wrongState(tr("The case does not exist (yet)."));
    }
    if (user.role == Role::Administrator)
        return forbidden(tr("Administrators manage accounts and org units; they take no part in cases."));
    if (type == EventType::Registered) {
        if (current)
            return wrongState(tr("This case is already registered."));
        if (user.role == Role::CommunityReporter || user.role == Role::StreetOperator
            || user.role == Role::CenterDispatcher)
            return Result::success();
        return forbidden(tr("%1 cannot register cases.").arg(roleDisplayName(user.role)));
    }
    if (!current)
        return wrongState(tr("The case does not exist (yet)."));
    if (!AccessPolicy::canView(*current, user))
        return forbidden(tr("Case %1 is outside your area of responsibility.").arg(current->number));
    if (user.role == Role::Supervisor && type != EventType::Commented)
        return forbidden(tr("Supervisors read and assess; they do not act on cases."));

    const CaseRecord &c = *current;
    const CaseStatus s = c.status;
    const Message statusName = caseStatusDisplayName(s);
    auto notNow = [&](const Message &action) {
        return wrongState(tr("Cannot %1: the case is \"%2\".").arg(action, statusName));
    };
    const QString dept = departmentId.isEmpty() ? user.orgUnitId : departmentId;
    // Department actions: only that department's own handlers, on their own live assignment.
    auto departmentAction = [&](const Message &action, std::initializer_list<DepartmentAssignment::State> states)
        -> Result {
        if (user.role != Role::DepartmentHandler)
            return forbidden(tr("Only a summoned department can %1.").arg(action));
        if (dept != user.orgUnitId)
            return forbidden(tr("You can only %1 for your own department.").arg(action));
        // Approved with live assignments = the lead returned its part; the others keep working meanwhile.
        if (s != CaseStatus::Whistled && s != CaseStatus::Handling && s != CaseStatus::Approved)
            return notNow(action);
        const DepartmentAssignment *a = c.assignment(dept);
        if (!a || !a->isActive())
            return forbidden(tr("Your department is not summoned to this case."));
        for (auto st : states)
            if (a->state == st)
                return Result::success();
        return wrongState(tr("Cannot %1: your department's part is \"%2\".")
                              .arg(action, DepartmentAssignment::stateDisplayName(a->state)));
    };

    switch (type) {
    case EventType::Registered:
    case EventType::Numbered:
        break;  // handled above
    case EventType::Analyzed:
        if (!dispatchesFor(user, c))
            return forbidden(tr("Only the case's street operator or the center dispatcher can analyze it."));
        return s == CaseStatus::Registered ? Result::success() : notNow(tr("analyze"));
    case EventType::Reviewed:
        if (user.role != Role::CenterReviewer)
            return forbidden(tr("Only a center reviewer can review cases."));
        return s == CaseStatus::Analyzed ? Result::success() : notNow(tr("review"));
    case EventType::Whistled:
        if (!dispatchesFor(user, c))
            return forbidden(tr("Only the case's street operator or the center dispatcher can blow the whistle."));
        if (c.onHold)
            return wrongState(tr("The case is on hold."));
        return (s == CaseStatus::Approved || s == CaseStatus::Whistled || s == CaseStatus::Handling)
                   ? Result::success() : notNow(tr("blow the whistle"));
    case EventType::CheckedIn:
        return departmentAction(tr("check in"), {DepartmentAssignment::State::Summoned});
    case EventType::AssignmentReturned:
        return departmentAction(tr("return the assignment"),
                                {DepartmentAssignment::State::Summoned, DepartmentAssignment::State::CheckedIn});
    case EventType::Handled:
        return departmentAction(tr("submit handling feedback"), {DepartmentAssignment::State::CheckedIn});
    case EventType::PostponeRequested: {
        const Result r = departmentAction(tr("request a postponement"),
                                          {DepartmentAssignment::State::Summoned, DepartmentAssignment::State::CheckedIn});
        if (r.ok && c.assignment(dept)->postponeRequestedDue.isValid())
            return wrongState(tr("A postponement request is already waiting for a decision."));
        return r;
    }
    case EventType::PostponeDecided: {
        if (user.role != Role::CenterReviewer)
            return forbidden(tr("Only a center reviewer decides on postponements."));
        if (departmentId.isEmpty())
            return c.hasPendingPostponement() ? Result::success() : wrongState(tr("No postponement request is waiting."));
        const DepartmentAssignment *a = c.assignment(departmentId);
        if (!a || !a->isActive() || !a->postponeRequestedDue.isValid())
            return wrongState(tr("No postponement request is waiting from %1.").arg(m_org.nameOf(departmentId)));
        return Result::success();
    }
    case EventType::StreetResolved:
        if (!dispatchesFor(user, c))
            return forbidden(tr("Only the case's street operator or the center dispatcher can record street handling."));
        return s == CaseStatus::StreetHandling ? Result::success() : notNow(tr("record street handling"));
    case EventType::Verified:
        if (!dispatchesFor(user, c))
            return forbidden(tr("Only the case's street operator or the center dispatcher can verify results."));
        return s == CaseStatus::Handled ? Result::success() : notNow(tr("verify"));
    case EventType::Closed:
        if (!isCenter(user.role))
            return forbidden(tr("Only the command center can close cases."));
        return s == CaseStatus::Verified ? Result::success() : notNow(tr("close"));
    case EventType::Escalated:
        if (user.role != Role::CenterReviewer)
            return forbidden(tr("Only a center reviewer can escalate to the city."));
        if (c.escalated)
            return wrongState(tr("The case is already escalated to the city."));
        return isTerminal(s) ? notNow(tr("escalate")) : Result::success();
    case EventType::Reopened:
        if (user.role != Role::CenterReviewer)
            return forbidden(tr("Only a center reviewer can reopen cases."));
        return (s == CaseStatus::Closed || s == CaseStatus::Rejected) ? Result::success() : notNow(tr("reopen"));
    case EventType::Commented:
        return Result::success();
    case EventType::HoldChanged:
        if (user.role != Role::CenterReviewer)
            return forbidden(tr("Only a center reviewer can put cases on hold."));
        return isTerminal(s) ? notNow(tr("change the hold")) : Result::success();
    case EventType::DepartmentRated: {
        const bool ownCommunity = user.role == Role::CommunityReporter && user.orgUnitId == c.communityId;
        if (!ownCommunity && !ownsStreet(user, c.streetId))
            return forbidden(tr("Only the case's community or street can rate a department."));
        for (const DepartmentAssignment &a : c.departments) {
            const bool matches = departmentId.isEmpty() || a.departmentId == departmentId;
            if (matches && a.isActive() && a.state == DepartmentAssignment::State::Handled && a.rating == 0)
                return Result::success();
        }
        return wrongState(tr("There is no handled, unrated department to rate."));
    }
    }
    return forbidden(tr("Unknown action."));
}

Result Workflow::check(const CaseRecord *current, const CaseEvent &event) const
{
    if (current && current->id != event.caseId)
        return invalid(nullptr, tr("The event belongs to another case."));
    if (!event.clientTime.isValid())
        return invalid(nullptr, tr("The event has no time."));
    GW_TRY(permits(current, actorOf(event), event.type, event.payload.value("department").toString()));
    return checkPayload(current, event);
}

Result Workflow::checkAttachments(const QJsonValue &value) const
{
    if (value.isUndefined())
        return Result::success();
    if (!value.isArray())
        return invalid("attachments", tr("Attachments must be a list."));
    const QJsonArray arr = value.toArray();
    if (arr.size() > MaxAttachments)
        return invalid("attachments", tr("At most %1 attachments per action.").arg(MaxAttachments));
    for (const QJsonValue &v : arr) {
        const QJsonObject a = v.toObject();
        GW_TRY(about("attachments", text(a, "id", tr("Attachment id"), true, MaxShortField)));
        GW_TRY(about("attachments", text(a, "name", tr("Attachment name"), true, 255)));
        GW_TRY(about("attachments", text(a, "mime", tr("Attachment type"), true, MaxShortField)));
        GW_TRY(about("attachments", text(a, "sha256", tr("Attachment checksum"), true, 64)));
        const QString name = a.value("name").toString();
        // ':' too: on Windows "C:x.jpg" is drive-relative and "x.jpg:s" an alternate data stream.
        if (name.contains(u'/') || name.contains(u'\\') || name.contains(u':') || name.startsWith(u'.'))
            return invalid("attachments", tr("Attachment name \"%1\" must be a plain file name.").arg(name));
        const QJsonValue sizeValue = a.value("size");
        const double size = sizeValue.toDouble(-1);
        if (!sizeValue.isDouble() || size < 0 || size != double(qint64(size)))
            return invalid("attachments", tr("Attachment %1 has no valid size in bytes.").arg(name));
        if (size > double(MaxAttachmentBytes))
            return invalid("attachments", tr("Attachment %1 is larger than %2 MB.").arg(name).arg(MaxAttachmentBytes / (1024 * 1024)));
    }
    return Result::success();
}

Result Workflow::checkRegistration(const CaseEvent &event) const
{
    const QJsonObject &p = event.payload;
    const User actor = actorOf(event);
    GW_TRY(text(p, "title", tr("Title"), true, MaxTitle));
    GW_TRY(text(p, "description", tr("Description"), true, MaxDescription, true));
    GW_TRY(text(p, "address", tr("Address"), true, MaxAddress));
    GW_TRY(text(p, "gridCell", tr("Grid cell"), false, MaxShortField));
    GW_TRY(text(p, "reporterName", tr("Reporter name"), false, MaxShortField));
    GW_TRY(text(p, "reporterPhone", tr("Reporter phone"), false, 32));
    GW_TRY(text(p, "number", tr("Case number"), false, MaxShortField));
    for (QChar ch : p.value("reporterPhone").toString())
        if (!ch.isDigit() && ch != u'+' && ch != u'-' && ch != u' ')
            return invalid("reporterPhone", tr("Reporter phone may hold only digits, spaces, + and -."));

    GW_TRY(checkCategory(m_categories, p));
    Urgency urgency;
    if (!urgencyFromString(p.value("urgency").toString(), &urgency))
        return invalid("urgency", tr("Unknown urgency \"%1\".").arg(p.value("urgency").toString().left(64)));

    const QString street = p.value("street").toString();
    if (!m_org.isKind(street, OrgUnit::Kind::Street))
        return invalid("street", tr("Unknown street \"%1\".").arg(street.left(64)));
    const QString community = p.value("community").toString();
    if (!community.isEmpty() && m_org.streetOf(community) != street)
        return invalid("community", tr("Community \"%1\" is not part of %2.").arg(community.left(64), m_org.nameOf(street)));
    if (actor.role == Role::StreetOperator && street != actor.orgUnitId)
        return forbidden(tr("You can only register cases for your own street."));
    if (actor.role == Role::CommunityReporter && community != actor.orgUnitId)
        return forbidden(tr("You can only register cases for your own community."));

    const bool hasLon = p.contains("lon"), hasLat = p.contains("lat");
    if (hasLon != hasLat)
        return invalid("lon", tr("Give both longitude and latitude, or neither."));
    if (hasLon) {
        const QJsonValue lon = p.value("lon"), lat = p.value("lat");
        // NaN compares false with everything, so it would pass the range test: finite values only.
        if (!lon.isDouble() || !lat.isDouble() || !qIsFinite(lon.toDouble()) || !qIsFinite(lat.toDouble())
            || qAbs(lon.toDouble()) > 180 || qAbs(lat.toDouble()) > 90)
            return invalid("lon", tr("Longitude must be within ±180 and latitude within ±90."));
    }
    return checkAttachments(p.value("attachments"));
}

Result Workflow::checkNewAction(const CaseRecord *current, const CaseEvent &event, const CategoryCatalog *rules) const
{
    const Result checked = check(current, event);
    if (!checked.ok || event.type != EventType::Whistled || !current)
        return checked;
    return WhistleDeadlines::check(*current, event.payload, event.clientTime, rules ? *rules : m_categories, m_calendar);
}

Result Workflow::checkGridCell(const QJsonObject &p) const
{
    const GridCell *cell = m_org.findGridCell(p.value(QLatin1String("gridCell")).toString().trimmed());
    if (!cell)
        return Result::success();
    const QString community = p.value(QLatin1String("community")).toString();
    const OrgUnit *owner = m_org.find(cell->communityId);
    const bool inCommunity = community.isEmpty() ? owner && owner->parentId == p.value(QLatin1String("street")).toString()
                                                 : cell->communityId == community;
    if (inCommunity)
        return Result::success();
    return invalid("gridCell", tr("Grid cell %1 (%2) belongs to %3, not to the community or street of this case.")
                                   .arg(cell->name, cell->code, m_org.nameOf(cell->communityId)));
}

Result Workflow::checkWhistle(const CaseRecord &current, const QJsonObject &p) const
{
    GW_TRY(text(p, "note", tr("Note"), false, MaxReason, true));
    // Whether a longer deadline needed this reason is WhistleDeadlines' question, asked when the action is made.
    GW_TRY(text(p, "deadlineReason", tr("Reason for the longer deadline"), false, MaxReason, true));
    if (p.contains(QLatin1String("rulesVersion"))) {
        const QJsonValue v = p.value(QLatin1String("rulesVersion"));
        if (!v.isDouble() || v.toDouble() != double(v.toInt()) || v.toInt() < 1 || v.toInt() > 1000000)
            return invalid("rulesVersion", tr("The rule version of a whistle is a whole number from 1 to 1000000."));
    }
    if (!p.value("departments").isArray() || p.value("departments").toArray().isEmpty())
        return invalid("departments", tr("Choose at least one department to summon."));
    const QJsonArray arr = p.value("departments").toArray();
    if (arr.size() > 20)
        return invalid("departments", tr("At most 20 departments per whistle."));
    QSet<QString> seen;
    int leads = 0;
    for (const QJsonValue &v : arr) {
        const QJsonObject d = v.toObject();
        const QString id = d.value("department").toString();
        if (!m_org.isKind(id, OrgUnit::Kind::Department))
            return invalid("departments", tr("Unknown department \"%1\".").arg(id.left(64)));
        const QString name = m_org.nameOf(id);
        if (seen.contains(id))
            return invalid("departments", tr("%1 is listed twice.").arg(name));
        seen.insert(id);
        const DepartmentAssignment *existing = current.assignment(id);
        if (existing && existing->isActive())
            return invalid("departments", tr("%1 is already summoned to this case.").arg(name));
        GW_TRY(about("departments", boolField(d, "lead", tr("Lead flag of %1").arg(name))));
        leads += d.value("lead").toBool() ? 1 : 0;
        GW_TRY(about("departments", timeFieldValid(d, "checkInDue", tr("Check-in deadline of %1").arg(name))));
        GW_TRY(about("departments", timeFieldValid(d, "handleDue", tr("Handling deadline of %1").arg(name))));
        if (timeField(d, "handleDue") < timeField(d, "checkInDue"))
            return invalid("departments", tr("The handling deadline of %1 is before its check-in deadline.").arg(name));
    }
    const bool needsLead = current.leadAssignment() == nullptr;
    if (needsLead && leads != 1)
        return invalid("departments", tr("Name exactly one lead department (主办)."));
    if (!needsLead && leads != 0)
        return invalid("departments", tr("The case already has a lead department; add others as assisting (协办)."));
    return Result::success();
}

Result Workflow::checkPayload(const CaseRecord *current, const CaseEvent &event) const
{
    const QJsonObject &p = event.payload;
    switch (event.type) {
    case EventType::CheckedIn:
    case EventType::AssignmentReturned:
    case EventType::Handled:
    case EventType::PostponeRequested:
    case EventType::PostponeDecided:
    case EventType::DepartmentRated:
        if (!p.value("department").isString() || p.value("department").toString().isEmpty())
            return invalid("department", tr("Name the department this action is for."));
        break;
    default:
        break;
    }
    switch (event.type) {
    case EventType::Registered:
        return checkRegistration(event);
    case EventType::Analyzed: {
        const QString decision = p.value("decision").toString();
        if (decision != QLatin1String("whistle") && decision != QLatin1String("street") && decision != QLatin1String("merge"))
            return invalid("decision", tr("Analysis decision must be whistle, street or merge."));
        GW_TRY(text(p, "note", tr("Analysis note"), decision != QLatin1String("whistle"), MaxReason, true));
        if (p.contains("category"))
            GW_TRY(checkCategory(m_categories, p));
        Urgency u;
        if (p.contains("urgency") && !urgencyFromString(p.value("urgency").toString(), &u))
            return invalid("urgency", tr("Unknown urgency \"%1\".").arg(p.value("urgency").toString().left(64)));
        if (decision == QLatin1String("merge")) {
            const QString target = p.value("mergedInto").toString();
            if (QUuid::fromString(target).isNull() || target == current->id)
                return invalid("mergedInto", tr("Name the case this one duplicates."));
        }
        if (decision == QLatin1String("street"))
            GW_TRY(timeFieldValid(p, "due", tr("Street handling deadline")));
        return Result::success();
    }
    case EventType::Reviewed: {
        const QString decision = p.value("decision").toString();
        if (decision != QLatin1String("approve") && decision != QLatin1String("return") && decision != QLatin1String("reject"))
            return invalid("decision", tr("Review decision must be approve, return or reject."));
        return text(p, "reason", tr("Reason"), decision != QLatin1String("approve"), MaxReason, true);
    }
    case EventType::Whistled:
        return checkWhistle(*current, p);
    case EventType::CheckedIn:
        return text(p, "note", tr("Note"), false, MaxReason, true);
    case EventType::AssignmentReturned:
        return text(p, "reason", tr("Reason for returning"), true, MaxReason, true);
    case EventType::Handled:
    case EventType::StreetResolved:
        GW_TRY(text(p, "feedback", tr("Handling feedback"), true, MaxDescription, true));
        return checkAttachments(p.value("attachments"));
    case EventType::PostponeRequested: {
        GW_TRY(text(p, "reason", tr("Reason for postponement"), true, MaxReason, true));
        GW_TRY(timeFieldValid(p, "requestedDue", tr("Requested deadline")));
        const DepartmentAssignment *a = current->assignment(p.value("department").toString());
        if (a && a->handleDue.isValid() && timeField(p, "requestedDue") <= a->handleDue)
            return invalid("requestedDue", tr("The requested deadline must be later than the current one."));
        return Result::success();
    }
    case EventType::PostponeDecided:
        GW_TRY(boolField(p, "approved", tr("Decision")));
        return text(p, "reason", tr("Reason"), !p.value("approved").toBool(), MaxReason, true);
    case EventType::Verified:
        GW_TRY(boolField(p, "passed", tr("Verification result")));
        if (p.contains("reworkDue"))
            GW_TRY(timeFieldValid(p, "reworkDue", tr("Rework deadline")));
        return text(p, "reason", tr("Reason for rework"), !p.value("passed").toBool(), MaxReason, true);
    case EventType::Closed: {
        GW_TRY(text(p, "summary", tr("Closing summary"), false, MaxReason, true));
        GW_TRY(text(p, "callbackContact", tr("Callback contact"), false, MaxShortField));
        GW_TRY(text(p, "callbackBy", tr("Called by"), false, MaxShortField));
        const QString sat = p.value("satisfaction").toString();
        if (!sat.isEmpty() && sat != QLatin1String("satisfied") && sat != QLatin1String("basic")
            && sat != QLatin1String("dissatisfied"))
            return invalid("satisfaction", tr("Satisfaction must be satisfied, basic or dissatisfied."));
        return Result::success();
    }
    case EventType::Escalated:
        return text(p, "reason", tr("Reason for escalation"), true, MaxReason, true);
    case EventType::Reopened:
        return text(p, "reason", tr("Reason for reopening"), true, MaxReason, true);
    case EventType::Commented:
        return text(p, "text", tr("Comment"), true, MaxReason, true);
    case EventType::HoldChanged:
        GW_TRY(boolField(p, "onHold", tr("On hold")));
        if (p.value("onHold").toBool() == current->onHold)
            return wrongState(current->onHold ? tr("The case is already on hold.") : tr("The case is not on hold."));
        return text(p, "reason", tr("Reason"), true, MaxReason, true);
    case EventType::DepartmentRated: {
        const QJsonValue score = p.value("score");
        if (!score.isDouble() || score.toInt() < 1 || score.toInt() > 5 || score.toDouble() != score.toInt())
            return invalid("score", tr("Rating must be a whole number from 1 to 5."));
        if (!current->assignment(p.value("department").toString()))
            return invalid("department", tr("Name the department you rate."));
        return text(p, "comment", tr("Comment"), false, MaxReason, true);
    }
    case EventType::Numbered:
        return text(p, "number", tr("Case number"), true, MaxShortField);
    }
    return invalid(nullptr, tr("Unknown action."));
}

void Workflow::settleAfterDepartmentChange(CaseRecord &c, const QDateTime &when)
{
    const QStringList active = c.activeDepartmentIds();
    if (!c.leadAssignment()) {
        c.status = CaseStatus::Approved;  // the lead is gone: the dispatcher must whistle a new one
        return;
    }
    bool anyStarted = false, allHandled = true;
    for (const DepartmentAssignment &a : c.departments) {
        if (!a.isActive())
            continue;
        anyStarted = anyStarted || a.state != DepartmentAssignment::State::Summoned;
        allHandled = allHandled && a.state == DepartmentAssignment::State::Handled;
    }
    if (allHandled && !active.isEmpty()) {
        c.status = CaseStatus::Handled;
        c.handledAt = when;
    } else {
        c.status = anyStarted ? CaseStatus::Handling : CaseStatus::Whistled;
    }
}

void Workflow::apply(CaseRecord &c, const CaseEvent &e) const
{
    const QJsonObject &p = e.payload;
    const QDateTime when = e.clientTime;
    const QString dept = p.value("department").toString();
    auto decision = [&](const QString &reason) {
        c.lastDecisionBy = e.actorId;
        c.lastDecisionReason = reason;
    };
    switch (e.type) {
    case EventType::Registered:
        c = CaseRecord();
        c.id = e.caseId;
        c.number = p.value("number").toString();
        c.title = p.value("title").toString().trimmed();
        c.description = p.value("description").toString();
        c.categoryId = p.value("category").toString();
        c.subcategoryId = p.value("subcategory").toString();
        c.streetId = p.value("street").toString();
        c.communityId = p.value("community").toString();
        c.address = p.value("address").toString().trimmed();
        c.gridCell = p.value("gridCell").toString();
        c.hasLocation = p.contains("lon");
        c.longitude = p.value("lon").toDouble();
        c.latitude = p.value("lat").toDouble();
        urgencyFromString(p.value("urgency").toString(), &c.urgency);
        c.reporterName = p.value("reporterName").toString();
        c.reporterPhone = p.value("reporterPhone").toString();
        c.attachments = p.value("attachments").toArray();
        c.registeredBy = e.actorId;
        c.registeredAt = when;
        c.status = CaseStatus::Registered;
        break;
    case EventType::Analyzed: {
        const QString d = p.value("decision").toString();
        if (p.contains("category")) {
            c.categoryId = p.value("category").toString();
            c.subcategoryId = p.value("subcategory").toString();
        }
        if (p.contains("urgency"))
            urgencyFromString(p.value("urgency").toString(), &c.urgency);
        c.analysisNote = p.value("note").toString();
        if (d == QLatin1String("street")) {
            c.status = CaseStatus::StreetHandling;
            c.streetDue = timeField(p, "due");
        } else if (d == QLatin1String("merge")) {
            c.status = CaseStatus::Merged;
            c.mergedInto = p.value("mergedInto").toString();
        } else {
            c.status = CaseStatus::Analyzed;
        }
        break;
    }
    case EventType::Reviewed: {
        const QString d = p.value("decision").toString();
        if (d == QLatin1String("approve")) {
            c.status = CaseStatus::Approved;
        } else {
            c.status = d == QLatin1String("return") ? CaseStatus::Registered : CaseStatus::Rejected;
            decision(p.value("reason").toString());
        }
        break;
    }
    case EventType::Whistled:
        for (const QJsonValue &v : p.value("departments").toArray()) {
            const QJsonObject d = v.toObject();
            DepartmentAssignment a;
            a.departmentId = d.value("department").toString();
            a.lead = d.value("lead").toBool();
            a.summonedAt = when;
            a.checkInDue = timeField(d, "checkInDue");
            a.handleDue = timeField(d, "handleDue");
            c.departments.append(a);
        }
        if (!c.whistledAt.isValid())
            c.whistledAt = when;
        settleAfterDepartmentChange(c, when);
        break;
    case EventType::CheckedIn:
        if (DepartmentAssignment *a = c.assignment(dept)) {
            a->state = DepartmentAssignment::State::CheckedIn;
            a->checkedInAt = when;
        }
        settleAfterDepartmentChange(c, when);
        break;
    case EventType::AssignmentReturned:
        if (DepartmentAssignment *a = c.assignment(dept)) {
            a->state = DepartmentAssignment::State::Returned;
            a->returnReason = p.value("reason").toString();
            a->returnedBy = e.actorId;
            a->returnedAt = when;
            a->postponeRequestedDue = {};
        }
        decision(p.value("reason").toString());
        settleAfterDepartmentChange(c, when);
        break;
    case EventType::Handled:
        if (DepartmentAssignment *a = c.assignment(dept)) {
            a->state = DepartmentAssignment::State::Handled;
            a->feedback = p.value("feedback").toString();
            a->handledAt = when;
            a->postponeRequestedDue = {};
        }
        settleAfterDepartmentChange(c, when);
        break;
    case EventType::PostponeRequested:
        if (DepartmentAssignment *a = c.assignment(dept)) {
            a->postponeRequestedDue = timeField(p, "requestedDue");
            a->postponeReason = p.value("reason").toString();
        }
        break;
    case EventType::PostponeDecided:
        if (DepartmentAssignment *a = c.assignment(dept)) {
            if (p.value("approved").toBool()) {
                a->handleDue = a->postponeRequestedDue;
                ++a->postponeCount;
            } else {
                decision(p.value("reason").toString());
            }
            a->postponeRequestedDue = {};
        }
        break;
    case EventType::StreetResolved:
        c.streetFeedback = p.value("feedback").toString();
        c.status = CaseStatus::Handled;
        c.handledAt = when;
        break;
    case EventType::Verified:
        if (p.value("passed").toBool()) {
            c.status = CaseStatus::Verified;
            c.verifiedAt = when;
            break;
        }
        ++c.reworkCount;
        decision(p.value("reason").toString());
        c.handledAt = {};
        if (c.activeDepartmentIds().isEmpty()) {
            c.status = CaseStatus::StreetHandling;
            if (p.contains("reworkDue"))
                c.streetDue = timeField(p, "reworkDue");
        } else {
            for (DepartmentAssignment &a : c.departments) {
                if (a.isActive() && a.state == DepartmentAssignment::State::Handled) {
                    a.state = DepartmentAssignment::State::CheckedIn;
                    ++a.reworkCount;
                    if (p.contains("reworkDue"))
                        a.handleDue = timeField(p, "reworkDue");
                }
            }
            c.status = CaseStatus::Handling;
        }
        break;
    case EventType::Closed:
        c.status = CaseStatus::Closed;
        c.closedAt = when;
        c.satisfaction = p.value("satisfaction").toString();
        break;
    case EventType::Escalated:
        c.escalated = true;
        c.escalationReason = p.value("reason").toString();
        break;
    case EventType::Reopened:
        for (DepartmentAssignment &a : c.departments)
            a.archived = true;
        ++c.reopenCount;
        c.status = CaseStatus::Registered;
        c.closedAt = c.verifiedAt = c.handledAt = c.whistledAt = {};
        c.satisfaction.clear();
        decision(p.value("reason").toString());
        break;
    case EventType::Commented:
        break;
    case EventType::HoldChanged:
        c.onHold = p.value("onHold").toBool();
        break;
    case EventType::DepartmentRated:
        if (DepartmentAssignment *a = c.assignment(dept)) {
            a->rating = p.value("score").toInt();
            a->ratedAt = when;
        }
        break;
    case EventType::Numbered:
        c.number = p.value("number").toString();
        break;
    }
    StepClock::advance(c, when, m_org, m_categories, m_calendar);
    c.eventCount = e.caseSeq;
    c.lastHash = e.hash;
    c.updatedAt = when;
}

Result Workflow::replay(const QList<CaseEvent> &events, CaseRecord *record) const
{
    CaseRecord c;
    bool started = false;
    for (const CaseEvent &e : events) {
        const Result r = check(started ? &c : nullptr, e);
        if (!r.ok)
            return Result::failure(r.code, tr("Event %1 (%2) is not valid here: %3")
                                               .arg(e.caseSeq).arg(eventTypeDisplayName(e.type), r.message));
        apply(c, e);
        started = true;
    }
    *record = c;
    return Result::success();
}

QList<EventType> Workflow::availableActions(const CaseRecord &record, const User &user) const
{
    QList<EventType> out;
    for (EventType t : allEventTypes()) {
        if (t == EventType::Registered || t == EventType::Numbered || t == EventType::Commented)
            continue;
        if (permits(&record, user, t).ok)
            out.append(t);
    }
    return out;
}

} // namespace gw

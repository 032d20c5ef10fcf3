// The reference-data routes of ApiServer (issue 16; docs/sync-protocol.md, "Reference data"): what a client holds is
// compared by version, and administrators change one piece at a time, each the next version of its kind.
#include "accesspolicy.h"
#include "apireplies.h"
#include "apiserver.h"
#include "categorycatalog.h"
#include "indicatorschedule.h"
#include "orgdirectory.h"
#include "phrasebook.h"
#include "protocol/referenceset.h"
#include "serverstore.h"
#include "workcalendar.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace gw {

using namespace api;

static ApiServer::Reply notAdministrator()
{
    return error(Status::Forbidden, QStringLiteral("forbidden"),
                 Message::translate("gw::ApiServer", "Only administrators change the district's reference data."));
}

// A PUT names what it changes in its path, and the body must name the same.
static std::optional<ApiServer::Reply> pathMismatch(const QString &inPath, const QString &inBody)
{
    if (inPath == inBody)
        return std::nullopt;
    return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"),
                 Message::translate("gw::ApiServer", "The code in the path (%1) and in the body (%2) differ.")
                     .arg(inPath.left(48), inBody.left(48)));
}

// GET /api/v1/reference?kinds=calendar,categories&have=calendar:3: the kinds asked for that are newer than the
// client holds.
//
// Every change below may carry ?expect=<tag of the piece it was made from> (ReferenceSet::itemTag): when someone
// changed that piece since, the answer is 409 "conflict" naming who and when, and nothing is stored.
ApiServer::Reply ApiServer::referenceData(const QUrlQuery &query)
{
    QHash<QString, int> have;
    Message why;
    if (!ReferenceSet::parseHave(query.queryItemValue(QStringLiteral("have")), &have, &why))
        return error(Status::BadRequest, QStringLiteral("invalid_input"), why);
    ReferenceAnswer answer;
    answer.sets = m_store->reference().newerThan(have, ReferenceSet::parseKinds(query.queryItemValue(QStringLiteral("kinds"))));
    return ok(answer.toJson());
}

// PUT /api/v1/reference/calendar/years/<yyyy> {year, holidays:[{name, from, to}], extraWorkdays:[...], notice}
ApiServer::Reply ApiServer::setCalendarYear(const User &user, const QString &yearText, const QJsonObject &body,
                                            const QString &expected)
{
    if (!AccessPolicy::canManageReferenceData(user))
        return notAdministrator();
    CalendarYear year;
    Message why;
    if (!CalendarYear::fromJson(body, &year, &why))
        return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"), why);
    if (yearText != QString::number(year.year))
        return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "The year in the path (%1) and in the body (%2) differ.")
                         .arg(yearText.left(8)).arg(year.year));
    ReferenceSet stored;
    const Result r = m_store->reference().setCalendarYear(year, user.id, &stored, expected);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("set"), stored.toJson()}});
}

// PUT /api/v1/reference/calendar/workday {start, lunchStart, lunchEnd, end}: the district's office hours.
ApiServer::Reply ApiServer::setWorkingDay(const User &user, const QJsonObject &body,
                                          const QString &expected)
{
    if (!AccessPolicy::canManageReferenceData(user))
        return notAdministrator();
    WorkCalendar::WorkingDay day;
    const Result read = WorkCalendar::readWorkingDay(body, &day);
    if (!read.ok)
        return fromResult(read);
    ReferenceSet stored;
    const Result r = m_store->reference().setWorkingDay(day, user.id, &stored, expected);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("set"), stored.toJson()}});
}

// PUT /api/v1/reference/categories/<id> {id, name, subcategories, suggestedDepartments, deadlines}: one category
// and its rule table (one row per urgency).
ApiServer::Reply ApiServer::setCategory(const User &user, const QString &categoryId, const QJsonObject &body,
                                        const QString &expected)
{
    if (!AccessPolicy::canManageReferenceData(user))
        return notAdministrator();
    Category category;
    const Result parsed = Category::fromJson(body, &category);
    if (!parsed.ok)
        return fromResult(parsed);
    if (categoryId != category.id)
        return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "The category in the path (%1) and in the body (%2) differ.")
                         .arg(categoryId.left(48), category.id));
    ReferenceSet stored;
    const Result r = m_store->reference().setCategory(category, user.id, &stored, expected);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("set"), stored.toJson()}});
}

// POST /api/v1/reference/org/units {id, name, kind, parent, active, duty: {name, phone}} adds a unit;
// PUT /api/v1/reference/org/units/<id> changes one (its kind stays).
ApiServer::Reply ApiServer::setOrgUnit(const User &user, const QString &pathId, bool adding, const QJsonObject &body,
                                       const QString &expected)
{
    if (!AccessPolicy::canManageReferenceData(user))
        return notAdministrator();
    OrgUnit unit;
    const Result parsed = OrgUnit::fromJson(body, &unit);
    if (!parsed.ok)
        return fromResult(parsed);
    if (!adding)
        if (const auto mismatch = pathMismatch(pathId, unit.id))
            return *mismatch;
    ReferenceSet stored;
    const Result r = m_store->reference().setOrgUnit(unit, adding, user.id, &stored, expected);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("set"), stored.toJson()}});
}

// POST /api/v1/reference/org/gridcells {code, name, community, active, area: GeoJSON} adds a grid cell;
// PUT /api/v1/reference/org/gridcells/<code> changes one.
ApiServer::Reply ApiServer::setGridCell(const User &user, const QString &pathCode, bool adding, const QJsonObject &body,
                                        const QString &expected)
{
    if (!AccessPolicy::canManageReferenceData(user))
        return notAdministrator();
    GridCell cell;
    const Result parsed = GridCell::fromJson(body, &cell);
    if (!parsed.ok)
        return fromResult(parsed);
    if (!adding)
        if (const auto mismatch = pathMismatch(pathCode, cell.code))
            return *mismatch;
    ReferenceSet stored;
    const Result r = m_store->reference().setGridCell(cell, adding, user.id, &stored, expected);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("set"), stored.toJson()}});
}

// PUT /api/v1/reference/phrases/<kind> {kind, phrases: [texts]}: the district's phrases of one text field, in the
// order forms offer them (an empty list removes the field's phrases).
ApiServer::Reply ApiServer::setPhrases(const User &user, const QString &pathKind, const QJsonObject &body,
                                       const QString &expected)
{
    if (!AccessPolicy::canManageReferenceData(user))
        return notAdministrator();
    const QString kind = body.value(QStringLiteral("kind")).toString();
    if (!body.value(QStringLiteral("kind")).isString() || !body.value(QStringLiteral("phrases")).isArray())
        return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "Send the phrases as {\"kind\": text, \"phrases\": [texts]}."));
    QStringList phrases;
    for (const QJsonValue &v : body.value(QStringLiteral("phrases")).toArray()) {
        if (!v.isString())
            return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"),
                         Message::translate("gw::ApiServer", "Send the phrases as {\"kind\": text, \"phrases\": [texts]}."));
        phrases.append(v.toString());
    }
    const Result valid = PhraseBook::checkPhrases(kind, phrases);  // a bad body is named before a mismatched path
    if (!valid.ok)
        return fromResult(valid);
    if (const auto mismatch = pathMismatch(pathKind, kind))
        return *mismatch;
    ReferenceSet stored;
    const Result r = m_store->reference().setPhrases(kind, phrases, user.id, &stored, expected);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("set"), stored.toJson()}});
}

// PUT /api/v1/reference/indicators/<yyyy-MM> {IndicatorSet}: the indicator set taking effect in that month, by an
// account holding the assessment administrator grant. A refused set lists every problem in "errors".
ApiServer::Reply ApiServer::setIndicatorSet(const User &user, const QString &month, const QJsonObject &body,
                                            const QString &expected)
{
    if (!AccessPolicy::canManageIndicators(user))
        return error(Status::Forbidden, QStringLiteral("forbidden"),
                     Message::translate("gw::ApiServer", "Only assessment administrators change the indicator sets."));
    // A published month keeps the set it was published with: a set may only take effect after the newest one.
    QString published;
    const Result read = m_store->publications().latestMonth(&published);
    if (!read.ok)
        return fromResult(read);
    if (IndicatorSchedule::parseMonth(month) && !published.isEmpty() && month <= published)
        return fromResult(Result::failure(
            QStringLiteral("invalid_input"),
            Message::translate("gw::ApiServer", "%1 is not open to a new indicator set: the assessment has been published up "
                                                "to %2, and a published month keeps the set it was published with. Choose "
                                                "a month after %2.").arg(month, published),
            QStringLiteral("effective")));
    ReferenceSet stored;
    QStringList problems;
    const Result r = m_store->reference().setIndicatorSet(month, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                                          user.id, &stored, &problems, expected);
    if (!r.ok) {
        Reply reply = fromResult(r);
        if (!problems.isEmpty())
            reply.body.insert(QStringLiteral("errors"), QJsonArray::fromStringList(problems));
        return reply;
    }
    return ok({{QStringLiteral("set"), stored.toJson()}});
}

} // namespace gw

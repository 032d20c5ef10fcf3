#include "referenceadminclient.h"
#include "casestore.h"
#include "indicatorschedule.h"
#include "phrasebook.h"
#include "referencecache.h"
#include "syncengine.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace gw {

ReferenceAdminClient::ReferenceAdminClient(SyncEngine *sync, CaseStore *store, QObject *parent)
    : QObject(parent), m_sync(sync), m_store(store)
{
    qRegisterMetaType<gw::ReferenceSet>();
}

void ReferenceAdminClient::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void ReferenceAdminClient::saveCalendarYear(const CalendarYear &year, const QJsonValue &from)
{
    // Checked here first with the same rule the server applies: no round trip for a mistake the form can name.
    const Result valid = year.check();
    if (!valid.ok) {
        Q_EMIT failed(valid.message.text(), valid.field);
        return;
    }
    put("PUT", QStringLiteral("/api/v1/reference/calendar/years/%1").arg(year.year), year.toJson(), ReferenceSet::Calendar,
        from, tr("Working offline: the calendar is changed on the district server. Sign in online to save it."),
        &ReferenceAdminClient::calendarSaved);
}

void ReferenceAdminClient::saveCategory(const Category &category, const QJsonValue &from)
{
    Category checked;
    const Result valid = Category::fromJson(category.toJson(), &checked);
    if (!valid.ok) {
        Q_EMIT failed(valid.message.text(), valid.field);
        return;
    }
    put("PUT", QStringLiteral("/api/v1/reference/categories/%1").arg(checked.id), checked.toJson(),
        ReferenceSet::Categories, from,
        tr("Working offline: the categories and deadline rules are changed on the district server. Sign in online to "
           "save them."),
        &ReferenceAdminClient::categorySaved);
}

void ReferenceAdminClient::saveWorkingDay(const WorkCalendar::WorkingDay &day, const QJsonValue &from)
{
    WorkCalendar::WorkingDay checked;
    const Result valid = WorkCalendar::readWorkingDay(day.toJson(), &checked);
    if (!valid.ok) {
        Q_EMIT failed(valid.message.text(), valid.field);
        return;
    }
    put("PUT", QStringLiteral("/api/v1/reference/calendar/workday"), checked.toJson(), ReferenceSet::Calendar, from,
        tr("Working offline: the calendar is changed on the district server. Sign in online to save it."),
        &ReferenceAdminClient::workingDaySaved);
}

void ReferenceAdminClient::saveOrgUnit(const OrgUnit &unit, bool adding, const QJsonValue &from)
{
    OrgUnit checked;
    const Result valid = OrgUnit::fromJson(unit.toJson(), &checked);
    if (!valid.ok) {
        Q_EMIT failed(valid.message.text(), valid.field);
        return;
    }
    put(adding ? "POST" : "PUT",
        adding ? QStringLiteral("/api/v1/reference/org/units") : QStringLiteral("/api/v1/reference/org/units/%1").arg(checked.id),
        checked.toJson(), ReferenceSet::Org, adding ? QJsonValue(QJsonValue::Undefined) : from, orgOfflineReason(),
        &ReferenceAdminClient::orgSaved);
}

void ReferenceAdminClient::saveGridCell(const GridCell &cell, bool adding, const QJsonValue &from)
{
    GridCell checked;
    const Result valid = GridCell::fromJson(cell.toJson(), &checked);
    if (!valid.ok) {
        Q_EMIT failed(valid.message.text(), valid.field);
        return;
    }
    put(adding ? "POST" : "PUT",
        adding ? QStringLiteral("/api/v1/reference/org/gridcells")
               : QStringLiteral("/api/v1/reference/org/gridcells/%1").arg(checked.code),
        checked.toJson(), ReferenceSet::Org, adding ? QJsonValue(QJsonValue::Undefined) : from, orgOfflineReason(),
        &ReferenceAdminClient::orgSaved);
}

void ReferenceAdminClient::savePhrases(const QString &kind, const QStringList &phrases, const QJsonValue &from)
{
    const Result valid = PhraseBook::checkPhrases(kind, phrases);
    if (!valid.ok) {
        Q_EMIT failed(valid.message.text(), valid.field);
        return;
    }
    put("PUT", QStringLiteral("/api/v1/reference/phrases/%1").arg(kind),
        {{QStringLiteral("kind"), kind}, {QStringLiteral("phrases"), QJsonArray::fromStringList(phrases)}},
        ReferenceSet::Phrases, from, tr("Working offline: the district's phrase templates are changed on the district server. Sign in online to "
           "save them."),
        &ReferenceAdminClient::phrasesSaved);
}

void ReferenceAdminClient::saveIndicatorSet(const QString &month, const QByteArray &setJson, const QJsonValue &from)
{
    IndicatorSchedule check;
    const Result valid = check.setFrom(month, setJson);
    if (!valid.ok) {
        Q_EMIT failed(valid.message.text(), valid.field);
        return;
    }
    put("PUT", QStringLiteral("/api/v1/reference/indicators/%1").arg(month), QJsonDocument::fromJson(setJson).object(),
        ReferenceSet::Indicators, from, tr("Working offline: the indicator sets are changed on the district server. Sign in online to save them."),
        &ReferenceAdminClient::indicatorsSaved);
}

QString ReferenceAdminClient::orgOfflineReason()
{
    return tr("Working offline: the org directory and grid cells are changed on the district server. Sign in online "
              "to save them.");
}

void ReferenceAdminClient::put(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &kind,
                               const QJsonValue &from, const QString &offlineReason,
                               void (ReferenceAdminClient::*saved)(const gw::ReferenceSet &))
{
    if (!m_sync || !m_sync->isLoggedIn()) {
        Q_EMIT failed(offlineReason, {});
        return;
    }
    setBusy(true);
    QUrlQuery query;
    if (!from.isUndefined())
        query.addQueryItem(QStringLiteral("expect"), ReferenceSet::itemTag(from));
    m_sync->request(method, path, query, QJsonDocument(body).toJson(QJsonDocument::Compact),
                    QByteArrayLiteral("application/json"), this, [this, kind, saved](const ApiReply &reply) {
                        if (reply.status == 409 && reply.json.value(QStringLiteral("error")).toString() == QLatin1String("conflict"))
                            return refetchAfterConflict(kind, reply.error);
                        setBusy(false);
                        if (!reply.ok()) {
                            Q_EMIT failed(reply.error, reply.json.value(QStringLiteral("field")).toString());
                            return;
                        }
                        ReferenceSet set;
                        Message why;
                        if (!ReferenceSet::fromJson(reply.json.value(QStringLiteral("set")).toObject(), &set, &why)) {
                            Q_EMIT failed(tr("The district server's answer cannot be read: %1").arg(why.text()), {});
                            return;
                        }
                        if (keep({set}))
                            Q_EMIT(this->*saved)(set);
                    });
}

bool ReferenceAdminClient::keep(const QList<ReferenceSet> &sets)
{
    ReferenceAnswer answer;
    answer.sets = sets;
    const Result kept = ReferenceCache(m_store->journal()).apply(answer);
    if (!kept.ok)
        Q_EMIT failed(kept.message.text(), {});
    return kept.ok;
}

void ReferenceAdminClient::refetchAfterConflict(const QString &kind, const QString &message)
{
    if (!m_sync) {
        setBusy(false);
        Q_EMIT failed(message, QStringLiteral("expect"));
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("have"), ReferenceSet::haveToString(ReferenceCache(m_store->journal()).versions()));
    query.addQueryItem(QStringLiteral("kinds"), kind);
    m_sync->request("GET", QStringLiteral("/api/v1/reference"), query, {}, {}, this,
                    [this, kind, message](const ApiReply &reply) {
                        setBusy(false);
                        ReferenceAnswer answer;
                        Message why;
                        if (!reply.ok() || !ReferenceAnswer::fromJson(reply.json, &answer, &why)) {
                            // The refusal still stands; the form shows what this client last synced.
                            Q_EMIT failed(message, QStringLiteral("expect"));
                            return;
                        }
                        if (keep(answer.sets))
                            Q_EMIT conflicted(kind, message);
                    });
}

} // namespace gw

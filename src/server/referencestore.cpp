#include "referencestore.h"
#include "accountstore.h"
#include "administrativelog.h"
#include "adminlogentry.h"
#include "caseevent.h"
#include "orgdirectory.h"
#include "pushrules.h"
#include "whistledeadlines.h"
#include "sqlstatements.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

ReferenceStore::ReferenceStore(const QString &connection, AdministrativeLog *log, const AccountStore *accounts)
    : m_sql(std::make_unique<SqlStatements>(connection)), m_log(log), m_accounts(accounts)
{
}

ReferenceStore::~ReferenceStore() = default;

void ReferenceStore::reset() { m_sql->clear(); }

// The row the cursor is on: version, body, changed_by, changed_at.
static ReferenceSet setAt(const QSqlQuery &q, const QString &kind)
{
    ReferenceSet s;
    s.kind = kind;
    s.version = q.value(0).toInt();
    s.body = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
    s.changedBy = q.value(2).toString();
    s.changedAt = CaseEvent::timeFromString(q.value(3).toString());
    return s;
}

static std::optional<ReferenceSet> readSet(QSqlQuery &q, const QString &kind)
{
    if (!q.exec() || !q.next())
        return std::nullopt;
    const ReferenceSet s = setAt(q, kind);
    q.finish();
    return s;
}

std::optional<ReferenceSet> ReferenceStore::current(const QString &kind) const
{
    QSqlQuery &q = m_sql->get(QStringLiteral("SELECT version, body, changed_by, changed_at FROM reference_data"
                                             " WHERE kind = ? ORDER BY version DESC LIMIT 1"));
    q.addBindValue(kind);
    return readSet(q, kind);
}

QList<ReferenceSet> ReferenceStore::allVersions(const QString &kind) const
{
    QList<ReferenceSet> out;
    QSqlQuery &q = m_sql->get(QStringLiteral("SELECT version, body, changed_by, changed_at FROM reference_data"
                                             " WHERE kind = ? ORDER BY version"));
    q.addBindValue(kind);
    if (q.exec())
        while (q.next())
            out.append(setAt(q, kind));
    q.finish();
    return out;
}

std::optional<ReferenceSet> ReferenceStore::version(const QString &kind, int version) const
{
    QSqlQuery &q = m_sql->get(QStringLiteral("SELECT version, body, changed_by, changed_at FROM reference_data"
                                             " WHERE kind = ? AND version = ?"));
    q.addBindValue(kind);
    q.addBindValue(version);
    return readSet(q, kind);
}

QList<ReferenceSet> ReferenceStore::newerThan(const QHash<QString, int> &have, const QStringList &kinds) const
{
    QList<ReferenceSet> out;
    for (const QString &kind : kinds) {
        const std::optional<ReferenceSet> s = current(kind);
        if (s && s->version > have.value(kind))
            out.append(*s);
    }
    return out;
}

template <typename Data>
Result ReferenceStore::storedData(const QString &kind, Data *data) const
{
    const std::optional<ReferenceSet> now = current(kind);
    if (!now) {
        *data = Data::builtin();
        return Result::success();
    }
    return data->load(now->body);
}

Result ReferenceStore::publish(const QString &kind, const QJsonObject &body, const QString &actor, const QString &action,
                               const QString &subject, const QJsonObject &details, ReferenceSet *stored)
{
    ReferenceSet s;
    const Result r = m_sql->inTransaction(tr("storing reference data"), [&]() {
        const std::optional<ReferenceSet> before = current(kind);
        s.kind = kind;
        s.version = before ? before->version + 1 : 1;
        s.body = body;
        s.changedBy = actor;
        s.changedAt = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
        QSqlQuery &q = m_sql->get(QStringLiteral("INSERT INTO reference_data (kind, version, body, changed_by, changed_at)"
                                                 " VALUES (?, ?, ?, ?, ?)"));
        q.addBindValue(kind);
        q.addBindValue(s.version);
        q.addBindValue(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
        q.addBindValue(SqlStatements::text(actor));
        q.addBindValue(CaseEvent::timeToString(s.changedAt));
        if (!q.exec())
            return SqlStatements::failure(q, tr("storing reference data"));
        QJsonObject logged = details;
        logged.insert(QStringLiteral("version"), s.version);
        return m_log->append(actor, action, subject, logged);
    });
    if (!r.ok)
        return r;
    if (stored)
        *stored = s;
    return s.installInProcess();
}

Result ReferenceStore::seedAndInstall()
{
    struct Shipped {
        QString kind;
        QJsonObject body;
        QJsonObject details;
    };
    const WorkCalendar calendar = WorkCalendar::shipped();
    const CategoryCatalog categories = CategoryCatalog::shipped();
    const OrgDirectory org = OrgDirectory::shipped();
    const PhraseBook phrases = PhraseBook::shipped();
    const IndicatorSchedule indicators = IndicatorSchedule::shipped();
    for (const Shipped &shipped :
         {Shipped{ReferenceSet::Calendar, calendar.toJson(), {{QStringLiteral("years"), calendar.lastKnownYear()}}},
          Shipped{ReferenceSet::Categories, categories.toJson(),
                  {{QStringLiteral("categories"), int(categories.categories().size())}}},
          Shipped{ReferenceSet::Org, org.toBody(),
                  {{QStringLiteral("units"), int(org.units().size())},
                   {QStringLiteral("gridCells"), int(org.gridCells().size())}}},
          Shipped{ReferenceSet::Phrases, phrases.toJson(), {{QStringLiteral("fields"), int(phrases.kinds().size())}}},
          Shipped{ReferenceSet::Indicators, indicators.toJson(),
                  {{QStringLiteral("sets"), int(indicators.entries().size())}}}}) {
        if (current(shipped.kind))
            continue;
        const Result r = publish(shipped.kind, shipped.body, PushRules::systemActor().id,
                                 AdminLogEntry::ReferenceImported, shipped.kind, shipped.details, nullptr);
        if (!r.ok)
            return r;  // publish() installed what it stored; the kinds stored before were installed at open
    }
    return Result::success();
}

Result ReferenceStore::installStored()
{
    for (const QString &kind : ReferenceSet::knownKinds()) {
        const std::optional<ReferenceSet> s = current(kind);
        if (!s)
            continue;
        const Result installed = s->installInProcess();
        if (!installed.ok)
            return Result::failure(installed.code, tr("The stored %1 (version %2) cannot be used: %3")
                                                       .arg(kind).arg(s->version).arg(installed.message));
    }
    return Result::success();
}

Result ReferenceStore::setWorkingDay(const WorkCalendar::WorkingDay &day, const QString &actor, ReferenceSet *stored,
                                     const QString &expected)
{
    WorkCalendar calendar;
    const Result loaded = storedData(ReferenceSet::Calendar, &calendar);
    if (!loaded.ok)
        return loaded;
    const QJsonObject before = calendar.workingDay().toJson();
    const Result fresh = checkExpected(expected, before, QStringLiteral("calendar/workday"), tr("The working day"));
    if (!fresh.ok)
        return fresh;
    const Result set = calendar.setWorkingDay(day);
    if (!set.ok)
        return set;
    return publish(ReferenceSet::Calendar, calendar.toJson(), actor, AdminLogEntry::WorkingDaySet,
                   QStringLiteral("calendar/workday"),
                   {{QStringLiteral("before"), before}, {QStringLiteral("after"), calendar.workingDay().toJson()}}, stored);
}

Result ReferenceStore::setCalendarYear(const CalendarYear &year, const QString &actor, ReferenceSet *stored,
                                      const QString &expected)
{
    WorkCalendar calendar;
    const Result loaded = storedData(ReferenceSet::Calendar, &calendar);
    if (!loaded.ok)
        return loaded;
    const std::optional<CalendarYear> served = calendar.year(year.year);
    const bool replacing = served.has_value();
    const Result fresh = checkExpected(expected, served ? QJsonValue(served->toJson()) : QJsonValue(),
                                       QStringLiteral("calendar/%1").arg(year.year), tr("The calendar of %1").arg(year.year));
    if (!fresh.ok)
        return fresh;
    const Result set = calendar.setYear(year);  // CalendarYear::check(): refused with the field at fault
    if (!set.ok)
        return set;
    const QJsonObject details{{QStringLiteral("year"), year.year},
                              {QStringLiteral("holidays"), int(year.holidays.size())},
                              {QStringLiteral("extraWorkdays"), int(year.extraWorkdays.size())},
                              {QStringLiteral("notice"), year.notice},
                              {QStringLiteral("replaced"), replacing}};
    return publish(ReferenceSet::Calendar, calendar.toJson(), actor,
                   AdminLogEntry::CalendarYearSet, QStringLiteral("calendar/%1").arg(year.year), details, stored);
}

Result ReferenceStore::setCategory(const Category &category, const QString &actor, ReferenceSet *stored,
                                  const QString &expected)
{
    CategoryCatalog catalog;
    const Result loaded = storedData(ReferenceSet::Categories, &catalog);
    if (!loaded.ok)
        return loaded;
    for (const QString &department : category.suggestedDepartments)
        if (!OrgDirectory::builtin().isKind(department, OrgUnit::Kind::Department))
            return Result::failure(QStringLiteral("invalid_input"),
                                   tr("\"%1\" is not a department of the district.").arg(department.left(64)),
                                   QStringLiteral("suggestedDepartments"));
    const Category *before = catalog.find(category.id);
    const bool added = before == nullptr;
    const Category previous = before ? *before : Category();
    const Result fresh = checkExpected(expected, before ? QJsonValue(previous.toJson()) : QJsonValue(),
                                       QStringLiteral("categories/%1").arg(category.id),
                                       tr("Category %1").arg(before ? previous.name : category.name));
    if (!fresh.ok)
        return fresh;
    const Result set = catalog.setCategory(category);
    if (!set.ok)
        return set;
    if (!added && catalog.find(category.id)->toJson() == previous.toJson())
        return unchanged(ReferenceSet::Categories, stored);
    const Category *after = catalog.find(category.id);
    const QJsonObject details{{QStringLiteral("category"), after->id},
                              {QStringLiteral("name"), after->name},
                              {QStringLiteral("added"), added},
                              {QStringLiteral("changes"), added ? QJsonObject() : after->ruleChanges(previous)}};
    return publish(ReferenceSet::Categories, catalog.toJson(), actor, AdminLogEntry::CategorySet,
                   QStringLiteral("categories/%1").arg(after->id), details, stored);
}

Result ReferenceStore::publishOrg(const OrgDirectory &after, const QString &action, const QString &subject,
                                  QJsonObject details, const QJsonObject &changes, bool added, const QString &actor,
                                  ReferenceSet *stored)
{
    if (!added && changes.isEmpty())
        return unchanged(ReferenceSet::Org, stored);
    details.insert(QStringLiteral("added"), added);
    details.insert(QStringLiteral("changes"), changes);
    return publish(ReferenceSet::Org, after.toBody(), actor, action, subject, details, stored);
}

Result ReferenceStore::setOrgUnit(const OrgUnit &unit, bool adding, const QString &actor, ReferenceSet *stored,
                                 const QString &expected)
{
    OrgDirectory directory;
    const Result loaded = storedData(ReferenceSet::Org, &directory);
    if (!loaded.ok)
        return loaded;
    const OrgUnit *existing = directory.find(unit.id);
    const QJsonObject before = existing && !adding ? existing->toJson() : QJsonObject();
    const Result fresh = adding ? Result::success()  // an addition is refused by its duplicate code instead
                                : checkExpected(expected, existing ? QJsonValue(before) : QJsonValue(),
                                                QStringLiteral("org/units/%1").arg(unit.id),
                                                existing ? existing->name : unit.name);
    if (!fresh.ok)
        return fresh;
    const Result set = directory.setUnit(unit, adding);
    if (!set.ok)
        return set;
    const OrgUnit *after = directory.find(unit.id);
    return publishOrg(directory, AdminLogEntry::OrgUnitSet, QStringLiteral("org/units/%1").arg(after->id),
                      {{QStringLiteral("unit"), after->id}, {QStringLiteral("name"), after->name}},
                      adding ? QJsonObject() : OrgDirectory::changes(before, after->toJson()), adding, actor, stored);
}

Result ReferenceStore::setGridCell(const GridCell &cell, bool adding, const QString &actor, ReferenceSet *stored,
                                  const QString &expected)
{
    OrgDirectory directory;
    const Result loaded = storedData(ReferenceSet::Org, &directory);
    if (!loaded.ok)
        return loaded;
    const GridCell *existing = directory.findGridCell(cell.code);
    const QJsonObject before = existing && !adding ? existing->toJson() : QJsonObject();
    const Result fresh = adding ? Result::success()
                                : checkExpected(expected, existing ? QJsonValue(before) : QJsonValue(),
                                                QStringLiteral("org/gridcells/%1").arg(cell.code),
                                                tr("Grid cell %1 (%2)").arg(existing ? existing->name : cell.name, cell.code));
    if (!fresh.ok)
        return fresh;
    const Result set = directory.setGridCell(cell, adding);
    if (!set.ok)
        return set;
    const GridCell *after = directory.findGridCell(cell.code);
    return publishOrg(directory, AdminLogEntry::GridCellSet, QStringLiteral("org/gridcells/%1").arg(after->code),
                      {{QStringLiteral("code"), after->code},
                       {QStringLiteral("name"), after->name},
                       {QStringLiteral("community"), after->communityId}},
                      adding ? QJsonObject() : OrgDirectory::changes(before, after->toJson()), adding, actor, stored);
}

Result ReferenceStore::checkExpected(const QString &expected, const QJsonValue &now, const QString &subject,
                                     const Message &what) const
{
    if (expected.isEmpty() || ReferenceSet::itemTag(now) == expected)
        return Result::success();
    const std::optional<AdminLogEntry> last = m_log->latestAbout(subject);
    Message by = last ? Message(last->actor) : Message();
    if (const std::optional<User> account = last && m_accounts ? m_accounts->user(last->actor) : std::nullopt)
        by = tr("%1 (%2)", "a person's name and account id").arg(account->name, account->id);
    const Message why =
        last ? tr("%1 was changed on the district server by %2 at %3, after you opened it. Look at the current "
                  "version and make your change again.")
                   .arg(what, by, last->at.toTimeZone(WorkCalendar::districtZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm")))
             : tr("%1 on the district server is not the version you opened. Look at the current version and make "
                  "your change again.").arg(what);
    return Result::failure(QStringLiteral("conflict"), why, QStringLiteral("expect"));
}

Result ReferenceStore::unchanged(const QString &kind, ReferenceSet *stored) const
{
    // Nothing changed: no new version for every client to fetch, and nothing to log.
    const std::optional<ReferenceSet> now = current(kind);
    if (stored && now)
        *stored = *now;
    return Result::success();
}

Result ReferenceStore::setPhrases(const QString &kind, const QStringList &phrases, const QString &actor,
                                  ReferenceSet *stored, const QString &expected)
{
    PhraseBook book;
    const Result loaded = storedData(ReferenceSet::Phrases, &book);
    if (!loaded.ok)
        return loaded;
    const QStringList before = book.phrases(kind);
    const Result fresh = checkExpected(expected, QJsonArray::fromStringList(before), QStringLiteral("phrases/%1").arg(kind),
                                       tr("The phrases of %1").arg(PhraseBook::kindDisplayName(kind)));
    if (!fresh.ok)
        return fresh;
    const Result set = book.setPhrases(kind, phrases);
    if (!set.ok)
        return set;
    if (before == phrases)
        return unchanged(ReferenceSet::Phrases, stored);
    QJsonArray added, removed;
    for (const QString &p : phrases)
        if (!before.contains(p))
            added.append(p);
    for (const QString &p : before)
        if (!phrases.contains(p))
            removed.append(p);
    return publish(ReferenceSet::Phrases, book.toJson(), actor, AdminLogEntry::PhrasesSet,
                   QStringLiteral("phrases/%1").arg(kind),
                   {{QStringLiteral("kind"), kind}, {QStringLiteral("added"), added}, {QStringLiteral("removed"), removed}},
                   stored);
}

Result ReferenceStore::setIndicatorSet(const QString &month, const QByteArray &setJson, const QString &actor,
                                       ReferenceSet *stored, QStringList *errors, const QString &expected)
{
    IndicatorSchedule schedule;
    const Result loaded = storedData(ReferenceSet::Indicators, &schedule);
    if (!loaded.ok)
        return loaded;
    const Result fresh = checkExpected(expected, ReferenceSet::indicatorPiece(schedule, month),
                                       QStringLiteral("indicators/%1").arg(month), tr("The indicator set for %1").arg(month));
    if (!fresh.ok)
        return fresh;
    const QJsonObject before = schedule.toJson();
    const bool replacing = std::any_of(schedule.entries().cbegin(), schedule.entries().cend(),
                                       [&](const IndicatorSchedule::Entry &e) { return e.effective == month; });
    const Result set = schedule.setFrom(month, setJson, errors);
    if (!set.ok)
        return set;
    const QJsonObject after = schedule.toJson();
    if (after == before)
        return unchanged(ReferenceSet::Indicators, stored);
    int year = 0, monthNumber = 0;
    IndicatorSchedule::parseMonth(month, &year, &monthNumber);
    const IndicatorSet &now = schedule.inForce(year, monthNumber);
    return publish(ReferenceSet::Indicators, after, actor, AdminLogEntry::IndicatorsSet,
                   QStringLiteral("indicators/%1").arg(month),
                   {{QStringLiteral("effective"), month}, {QStringLiteral("setVersion"), now.version()},
                    {QStringLiteral("title"), now.title()}, {QStringLiteral("replaced"), replacing}},
                   stored);
}

std::optional<CategoryCatalog> ReferenceStore::rulesFor(const CaseEvent &event) const
{
    const int named = WhistleDeadlines::rulesVersion(event.payload);
    if (event.type != EventType::Whistled || named < 1)
        return std::nullopt;
    const std::optional<ReferenceSet> replacement = version(ReferenceSet::Categories, named + 1);
    if (!replacement || event.clientTime >= replacement->changedAt.addDays(RulesGraceDays))
        return std::nullopt;  // still current, or replaced too long before the action: today's rules
    const std::optional<ReferenceSet> old = version(ReferenceSet::Categories, named);
    CategoryCatalog catalog;
    if (!old || !catalog.load(old->body).ok)
        return std::nullopt;
    return catalog;
}

} // namespace gw

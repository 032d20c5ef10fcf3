#pragma once
#include "message.h"
#include "protocol/referenceset.h"
#include "result.h"
#include "workcalendar.h"
#include "categorycatalog.h"
#include "orgdirectory.h"
#include "indicatorschedule.h"
#include "phrasebook.h"
#include "caseevent.h"
#include <QCoreApplication>
#include <memory>
#include <optional>

namespace gw {

class AccountStore;
class AdministrativeLog;
class SqlStatements;

// The district's reference data on the server (issue 16), in the `reference_data` table: every kind versioned, a
// change a new row, never an edit; each change recorded in the administrative log in the same transaction. The data
// shipped in resources/seed is only the first version. What is current is also installed in this process
// (WorkCalendar::installDistrict), so the server validates and computes with the data it serves.
class ReferenceStore
{
    GW_DECLARE_MESSAGES(gw::ReferenceStore)
public:
    // `accounts` names the administrator of a conflicting change (may be null: then by account id only).
    ReferenceStore(const QString &connection, AdministrativeLog *log, const AccountStore *accounts = nullptr);
    ~ReferenceStore();
    ReferenceStore(const ReferenceStore &) = delete;
    ReferenceStore &operator=(const ReferenceStore &) = delete;
    void reset();

    // Stores and installs version 1 of each kind that has none yet (from the shipped data, by "system"). Run once the
    // database is open (ServerStore::open installed the kinds already stored).
    Result seedAndInstall();
    // Installs the stored current version of each kind in this process, storing nothing: run when the store opens,
    // so replaying stored cases (the projection upgrade, `verify`) uses the district's data, not the shipped one.
    Result installStored();

    std::optional<ReferenceSet> current(const QString &kind) const;
    // Every stored version of `kind`, oldest first (RulesHistory: the rules in force at any moment).
    QList<ReferenceSet> allVersions(const QString &kind) const;
    // The current sets of `kinds` newer than `have` (kind -> version held).
    QList<ReferenceSet> newerThan(const QHash<QString, int> &have, const QStringList &kinds) const;

    // An administrator adds or replaces one year of the work calendar. Checked (CalendarYear::check) and refused
    // with the field at fault; stored as the calendar's next version, logged, installed.
    Result setCalendarYear(const CalendarYear &year, const QString &actor, ReferenceSet *stored,
                           const QString &expected = {});
    // An administrator sets the district's office hours (the working day step clocks count in). Checked
    // (WorkCalendar::readWorkingDay, field "workday"); stored as the calendar's next version, logged with the hours
    // before and after, installed.
    Result setWorkingDay(const WorkCalendar::WorkingDay &day, const QString &actor, ReferenceSet *stored,
                         const QString &expected = {});
    // Every change may name the piece it was made from (`expected`, ReferenceSet::itemTag; empty: not checked). When
    // that piece has changed since, nothing is stored and the answer is a "conflict" naming who changed it and when,
    // so two administrators never silently overwrite each other.
    //
    // An administrator adds a category or changes one (its name and rule table). Checked like a served catalog
    // (Category::fromJson; suggested departments must be departments); stored as the next version, logged with the
    // rule cells that changed, installed.
    Result setCategory(const Category &category, const QString &actor, ReferenceSet *stored, const QString &expected = {});

    // An administrator adds (`adding`) or changes an org unit — name, street, duty contact, in use — or a grid cell.
    // Checked like a served directory (OrgDirectory::setUnit / setGridCell: unknown parent or community, duplicate
    // code, a kind changed, a bad GeoJSON area); stored as the org directory's next version, logged with the fields
    // that changed, installed. An unchanged one makes no new version.
    Result setOrgUnit(const OrgUnit &unit, bool adding, const QString &actor, ReferenceSet *stored,
                      const QString &expected = {});
    Result setGridCell(const GridCell &cell, bool adding, const QString &actor, ReferenceSet *stored,
                       const QString &expected = {});

    // An administrator replaces the district's phrases of one text field (PhraseBook::checkPhrases); stored as the
    // phrase book's next version, logged with the phrases added and removed. An unchanged list makes no new version.
    Result setPhrases(const QString &kind, const QStringList &phrases, const QString &actor, ReferenceSet *stored,
                      const QString &expected = {});
    // An assessment administrator adds or replaces the indicator set taking effect in `month` ("yyyy-MM").
    // Checked (IndicatorSchedule::setFrom; every problem in `errors`); stored as the schedule's next version, logged.
    Result setIndicatorSet(const QString &month, const QByteArray &setJson, const QString &actor, ReferenceSet *stored,
                           QStringList *errors, const QString &expected = {});

    // How long an action made under an older version of the category rules is still judged under it, counted from
    // when that version was replaced (docs/sync-protocol.md, "Grace policy").
    static constexpr int RulesGraceDays = 7;
    // The earlier category rules a pushed whistle may also be judged under: the version it names
    // (WhistleDeadlines::rulesVersion) when that version was replaced less than RulesGraceDays before the action was
    // made; nullopt when there is none (the current rules, installed in this process, always apply).
    std::optional<CategoryCatalog> rulesFor(const CaseEvent &event) const;

private:
    // The data of `kind` as currently stored (the process's when none is stored yet): a WorkCalendar, CategoryCatalog,
    // OrgDirectory or PhraseBook.
    template <typename Data>
    Result storedData(const QString &kind, Data *data) const;
    // Refuses a change made from a piece that is no longer `now` (who changed `subject` last is named).
    Result checkExpected(const QString &expected, const QJsonValue &now, const QString &subject, const Message &what) const;
    // The set of `kind` stored now, for an administrator's change that turned out to change nothing.
    Result unchanged(const QString &kind, ReferenceSet *stored) const;
    // Publishes `after` when `changes` (OrgDirectory::changes) is not empty or the entry was added.
    Result publishOrg(const OrgDirectory &after, const QString &action, const QString &subject, QJsonObject details,
                      const QJsonObject &changes, bool added, const QString &actor, ReferenceSet *stored);
    std::optional<ReferenceSet> version(const QString &kind, int version) const;
    Result publish(const QString &kind, const QJsonObject &body, const QString &actor, const QString &action,
                   const QString &subject, const QJsonObject &details, ReferenceSet *stored);

    std::unique_ptr<SqlStatements> m_sql;
    AdministrativeLog *m_log;
    const AccountStore *m_accounts;
};

} // namespace gw

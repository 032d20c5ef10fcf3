// Issue 16: the district's reference data is the server's, versioned, and reaches every client through sync. The work
// calendar: the server imports the shipped one as version 1; an administrator adds the 2027 year over the API; after
// one sync an offline client computes deadlines past the 2027 holidays. The categories with their rule table: a
// deadline rule changed on the server is used by an offline client after one sync, and the server holds whistles to
// it (a longer deadline needs a reason; one made under the rules just replaced is judged under them). Bad input is
// refused with the field at fault and nothing stored; every change is an entry of the administrative log.
// Real gridwhistle-server over HTTPS on 127.0.0.1; SQLite, or PostgreSQL with GW_TEST_BACKEND=postgresql.
#include "apiclient.h"
#include "casestore.h"
#include "orgdirectory.h"
#include "indicatorschedule.h"
#include "phrasebook.h"
#include "eventbuilder.h"
#include "protocol/pushanswer.h"
#include "whistledeadlines.h"
#include "../support/enginewaits.h"
#include "protocol/adminlogpage.h"
#include "protocol/referenceset.h"
#include "referencecache.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "testpki.h"
#include "testpostgres.h"
#include "workcalendar.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {

const QString kDispatcher = QStringLiteral("dispatcher");
const QString kStreet = QStringLiteral("tuodong");

// 2027 as a notice would give it (the test's own data): 元旦 Fri 01-01 to Sun 01-03, 春节 with two make-up Saturdays.
QJsonObject year2027()
{
    return {{"year", 2027},
            {"notice", QStringLiteral("国办发明电〔2026〕测试")},
            {"holidays", QJsonArray{QJsonObject{{"name", QStringLiteral("元旦")}, {"from", "2027-01-01"}, {"to", "2027-01-03"}},
                                    QJsonObject{{"name", QStringLiteral("春节")}, {"from", "2027-02-06"}, {"to", "2027-02-13"}}}},
            {"extraWorkdays", QJsonArray{"2027-01-30", "2027-02-20"}}};
}

// A GeoJSON geometry from its text: nested one-element arrays written as QJsonArray{QJsonArray{...}} are copies, not
// nestings, under clang's reading of list-initialisation.
QJsonObject geoJson(const char *text) { return QJsonDocument::fromJson(text).object(); }

// 2026-12-30 (a Wednesday) 10:00 in Kunming plus two working days.
QDateTime twoWorkingDaysFromDec30()
{
    const QDateTime from(QDate(2026, 12, 30), QTime(10, 0), QTimeZone(8 * 3600));
    return WorkCalendar::builtin().addWorkingDays(from, 2).toTimeZone(QTimeZone(8 * 3600));
}

} // namespace

class TstReferenceData : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;
    ServerProcess m_server;
    QStringList m_serverArgs;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminPassword;
    QString m_adminToken;

    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<SyncEngine> m_engine;

    ApiClient::Response reference(const QString &have, const QString &token)
    {
        return m_api->get(QStringLiteral("/api/v1/reference?kinds=calendar,categories&have=") + have, token);
    }
    ApiClient::Response referenceOfAllKinds(const QString &token)
    {
        return m_api->get(QStringLiteral("/api/v1/reference?kinds=") + ReferenceSet::kindsToString(), token);
    }

    int versionOnServer(const QString &kind)
    {
        const ApiClient::Response r = referenceOfAllKinds(m_api->login(kDispatcher, DemoPassword));
        ReferenceAnswer answer;
        Message why;
        if (r.status != 200 || !ReferenceAnswer::fromJson(r.json, &answer, &why))
            return -1;
        for (const ReferenceSet &s : answer.sets)
            if (s.kind == kind)
                return s.version;
        return 0;
    }
    int calendarVersionOnServer() { return versionOnServer(ReferenceSet::Calendar); }

    // The newest entry of the administrative log, after checking the log holds `total` entries in an intact chain.
    AdminLogEntry newestAdminLogEntry(qint64 total)
    {
        const ApiClient::Response log = m_api->get(QStringLiteral("/api/v1/admin/log?limit=1"), m_adminToken);
        AdminLogPage page;
        Message why;
        if (!AdminLogPage::fromJson(log.json, &page, &why) || page.total != total || !page.chainOk || page.entries.isEmpty()) {
            qWarning("admin log: %s", log.raw.constData());
            return {};
        }
        return page.entries.first();
    }
    QString haveAllOnServer()
    {
        return QStringLiteral("calendar:%1,categories:%2").arg(calendarVersionOnServer()).arg(versionOnServer(ReferenceSet::Categories));
    }

    // A case of 市容环境, normal urgency, taken on the server to the point where the center whistles.
    QString approvedCaseOnServer(CaseRecord *record)
    {
        const User tuodong = User::make(kStreet, Role::StreetOperator, QStringLiteral("street.tuodong"));
        const User reviewer = User::make(QStringLiteral("reviewer"), Role::CenterReviewer, QStringLiteral("center.district"));
        const User dispatcher = User::make(kDispatcher, Role::CenterDispatcher, QStringLiteral("center.district"));
        const CaseEvent reg = registrationEvent(tuodong, QStringLiteral("street.tuodong"), QStringLiteral("community.tuodong.1"),
                                                QStringLiteral("东风东路人行道破损"));
        if (pushEvents(*m_api, {reg}, m_api->login(kStreet, DemoPassword)).json.value("accepted").toInt() != 1)
            return {};
        const CaseEvent analyzed = EventBuilder(dispatcher, "t").make(EventType::Analyzed, reg.caseId, {{"decision", "whistle"}});
        const CaseEvent reviewed = EventBuilder(reviewer, "t").make(EventType::Reviewed, reg.caseId, {{"decision", "approve"}});
        if (pushEvents(*m_api, {analyzed}, m_api->login(kDispatcher, DemoPassword)).json.value("accepted").toInt() != 1
            || pushEvents(*m_api, {reviewed}, m_api->login(QStringLiteral("reviewer"), DemoPassword)).json.value("accepted").toInt() != 1)
            return {};
        record->id = reg.caseId;
        record->categoryId = reg.payload.value("category").toString();
        record->urgency = Urgency::Normal;
        return reg.caseId;
    }

    // A whistle of 区城管局 whose handling deadline is `handleDue`, made now by the dispatcher.
    static CaseEvent whistleWithHandleDue(const CaseRecord &record, const QDateTime &handleDue, int rulesVersion,
                                          const QString &reason = {})
    {
        const User dispatcher = User::make(kDispatcher, Role::CenterDispatcher, QStringLiteral("center.district"));
        CaseEvent e = EventBuilder(dispatcher, "t").whistle(record, QStringLiteral("dept.chengguan"), {});
        QJsonArray departments = e.payload.value("departments").toArray();
        QJsonObject lead = departments.at(0).toObject();
        lead["handleDue"] = CaseEvent::timeToString(handleDue);
        e.payload["departments"] = QJsonArray{lead};
        e.payload.remove(WhistleDeadlines::RulesVersionKey);
        if (rulesVersion > 0)
            e.payload[WhistleDeadlines::RulesVersionKey] = rulesVersion;
        if (!reason.isEmpty())
            e.payload[WhistleDeadlines::ReasonKey] = reason;
        return e;
    }

    PushResult pushOne(const CaseEvent &e)
    {
        const ApiClient::Response r = pushEvents(*m_api, {e}, m_api->login(kDispatcher, DemoPassword));
        PushAnswer answer;
        Message why;
        if (!PushAnswer::fromJson(r.json, &answer, &why) || answer.results.size() != 1)
            return {};
        return answer.results.first();
    }

    // city_appearance as served now, with its normal handling deadline set to `days` working days.
    QJsonObject appearanceWithNormalHandle(int days)
    {
        Category c = *CategoryCatalog::builtin().find(QStringLiteral("city_appearance"));
        c.handleDeadline[Urgency::Normal] = DeadlineSpec{DeadlineSpec::Unit::WorkingDays, days};
        return c.toJson();
    }

    qint64 adminLogTotal()
    {
        AdminLogPage page;
        Message why;
        const ApiClient::Response r = m_api->get(QStringLiteral("/api/v1/admin/log?limit=5"), m_adminToken);
        return r.status == 200 && AdminLogPage::fromJson(r.json, &page, &why) ? page.total : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        bool skip = false;
        QString err = demoServerArguments(m_pki, m_dir.path(), m_postgres, &m_serverArgs, nullptr, &skip);
        if (skip)
            QSKIP(qPrintable(err));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = m_server.start(m_dir.filePath("server-data"), m_serverArgs);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        err = signInInitialAdmin(m_server, m_pki.caFile, &m_adminPassword, &m_adminToken);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        m_store = std::make_unique<CaseStore>();
        QVERIFY(m_store->open(m_dir.filePath("client.sqlite")).ok);
        m_engine = std::make_unique<SyncEngine>(m_store.get());
        m_engine->setRetryPolicy(50, 100, 500);
        QVERIFY(m_engine->configure(m_server.url(), m_pki.caFile).ok);
        QVERIFY(signInAndWait(*m_engine, kDispatcher, DemoPassword));
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_store.reset();
        m_server.stop();
        m_postgres.stop();
    }

    // The shipped calendar and categories are the server's version 1; a client holding them is told nothing new.
    void serverServesShippedDataAsVersion1()
    {
        const QString token = m_api->login(kStreet, DemoPassword);
        const ApiClient::Response all = reference(QString(), token);
        QCOMPARE(all.status, 200);
        ReferenceAnswer answer;
        Message why;
        QVERIFY2(ReferenceAnswer::fromJson(all.json, &answer, &why), qPrintable(why.text()));
        QCOMPARE(answer.sets.size(), 2);
        const ReferenceSet categories = answer.sets.at(1);
        QCOMPARE(categories.kind, ReferenceSet::Categories);
        QCOMPARE(categories.version, 1);
        QCOMPARE(categories.body, CategoryCatalog::shipped().toJson());
        QVERIFY(reference(QStringLiteral("calendar:1"), token).json.value("sets").toArray().size() == 1);
        // A client from before categories were served names no kinds: it is sent the calendar only, which it reads.
        const ApiClient::Response older = m_api->get(QStringLiteral("/api/v1/reference?have="), token);
        QCOMPARE(older.json.value("sets").toArray().size(), 1);
        QCOMPARE(older.json.value("sets").toArray().at(0).toObject().value("kind").toString(), ReferenceSet::Calendar);
        // A set of a kind this program does not know (from a newer server) is skipped, not refused.
        QJsonObject newer = all.json;
        QJsonArray sets = newer.value("sets").toArray();
        sets.append(QJsonObject{{"kind", "weather_warnings"}, {"version", 1}, {"body", QJsonObject()}});
        newer["sets"] = sets;
        ReferenceAnswer skipped;
        QVERIFY2(ReferenceAnswer::fromJson(newer, &skipped, &why), qPrintable(why.text()));
        QCOMPARE(skipped.sets.size(), 2);
        const ReferenceSet calendar = answer.sets.first();
        QCOMPARE(calendar.kind, ReferenceSet::Calendar);
        QCOMPARE(calendar.version, 1);
        QCOMPARE(calendar.changedBy, QStringLiteral("system"));
        WorkCalendar served;
        QVERIFY(served.load(calendar.body).ok);
        QCOMPARE(served.lastKnownYear(), WorkCalendar::shipped().lastKnownYear());
        QCOMPARE(served.years(), WorkCalendar::shipped().years());

        const ApiClient::Response upToDate = reference(QStringLiteral("calendar:1,categories:1"), token);
        QCOMPARE(upToDate.status, 200);
        QVERIFY(upToDate.json.value("sets").toArray().isEmpty());
    }

    void badRequestsRefused_data()
    {
        QTest::addColumn<QString>("have");
        QTest::newRow("not a version") << QStringLiteral("calendar:x");
        QTest::newRow("unknown kind") << QStringLiteral("horoscope:1");
        QTest::newRow("negative") << QStringLiteral("calendar:-1");
    }
    void badRequestsRefused()
    {
        QFETCH(QString, have);
        const ApiClient::Response r = reference(have, m_api->login(kStreet, DemoPassword));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.error(), QStringLiteral("invalid_input"));
        QCOMPARE(reference(QString(), QString()).status, 401);  // reference data is for signed-in people only
    }

    void syncBringsTheCalendar()
    {
        const auto [ok, message] = syncAndWait(*m_engine);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(ReferenceCache(m_store->journal()).versions().value(ReferenceSet::Calendar), 1);
    }

    // Refused with the field at fault; the calendar's version and the administrative log are unchanged.
    void badYearRefusedNothingStored_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QJsonObject overlap = year2027();
        overlap["holidays"] = QJsonArray{QJsonObject{{"name", QStringLiteral("元旦")}, {"from", "2027-01-01"}, {"to", "2027-01-03"}},
                                         QJsonObject{{"name", QStringLiteral("补充假期")}, {"from", "2027-01-03"}, {"to", "2027-01-04"}}};
        QTest::newRow("overlapping holidays") << overlap << 422 << QStringLiteral("holidays");
        QJsonObject weekday = year2027();
        weekday["extraWorkdays"] = QJsonArray{"2027-01-05"};  // a Tuesday
        QTest::newRow("make-up day on a weekday") << weekday << 422 << QStringLiteral("extraWorkdays");
        QJsonObject inHoliday = year2027();
        inHoliday["extraWorkdays"] = QJsonArray{"2027-01-02"};
        QTest::newRow("make-up day inside a holiday") << inHoliday << 422 << QStringLiteral("extraWorkdays");
        QJsonObject otherYear = year2027();
        otherYear["holidays"] = QJsonArray{QJsonObject{{"name", QStringLiteral("元旦")}, {"from", "2026-12-31"}, {"to", "2027-01-01"}}};
        QTest::newRow("day outside the year") << otherYear << 422 << QStringLiteral("holidays");
        QJsonObject backwards = year2027();
        backwards["holidays"] = QJsonArray{QJsonObject{{"name", QStringLiteral("清明")}, {"from", "2027-04-05"}, {"to", "2027-04-03"}}};
        QTest::newRow("ends before it starts") << backwards << 422 << QStringLiteral("holidays");
        QJsonObject noDate = year2027();
        noDate["extraWorkdays"] = QJsonArray{"30/01/2027"};
        QTest::newRow("not a date") << noDate << 422 << QString();
    }
    void badYearRefusedNothingStored()
    {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const int versionBefore = calendarVersionOnServer();
        const qint64 logBefore = adminLogTotal();
        QVERIFY(versionBefore > 0 && logBefore > 0);
        const ApiClient::Response r = m_api->put(QStringLiteral("/api/v1/reference/calendar/years/2027"), body, m_adminToken);
        QCOMPARE(r.status, status);
        QCOMPARE(r.error(), QStringLiteral("invalid_input"));
        QVERIFY(!r.json.value("message").toString().isEmpty());
        if (!field.isEmpty())
            QCOMPARE(r.json.value("field").toString(), field);
        QCOMPARE(calendarVersionOnServer(), versionBefore);
        QCOMPARE(adminLogTotal(), logBefore);
    }

    void onlyAdministratorsChangeIt()
    {
        const int before = calendarVersionOnServer();
        const ApiClient::Response byDispatcher = m_api->put(QStringLiteral("/api/v1/reference/calendar/years/2027"), year2027(),
                                                            m_api->login(kDispatcher, DemoPassword));
        QCOMPARE(byDispatcher.status, 403);
        const ApiClient::Response wrongPath = m_api->put(QStringLiteral("/api/v1/reference/calendar/years/2028"), year2027(),
                                                         m_adminToken);
        QCOMPARE(wrongPath.status, 422);
        QCOMPARE(calendarVersionOnServer(), before);
    }

    // The whole point: 2027 entered on the server moves a client's deadline past 元旦 after one sync, and stays with
    // the client offline and after a restart.
    void year2027ReachesAnOfflineClientAfterOneSync()
    {
        // What every PC computed before: the calendar ended in 2026, so 2027-01-01 counted as a working day.
        WorkCalendar::installDistrict(WorkCalendar::shipped());
        QVERIFY(WorkCalendar::builtin().lastKnownYear() < 2027);
        QCOMPARE(twoWorkingDaysFromDec30().date(), QDate(2027, 1, 1));

        const qint64 logBefore = adminLogTotal();
        const ApiClient::Response put = m_api->put(QStringLiteral("/api/v1/reference/calendar/years/2027"), year2027(), m_adminToken);
        QCOMPARE(put.status, 200);
        ReferenceSet stored;
        Message why;
        QVERIFY2(ReferenceSet::fromJson(put.json.value("set").toObject(), &stored, &why), qPrintable(why.text()));
        QCOMPARE(stored.version, 2);
        QCOMPARE(stored.changedBy, QStringLiteral("admin"));

        // Recorded: who, what, which version.
        const AdminLogEntry entry = newestAdminLogEntry(logBefore + 1);
        QCOMPARE(entry.action, AdminLogEntry::CalendarYearSet);
        QCOMPARE(entry.actor, QStringLiteral("admin"));
        QCOMPARE(entry.subject, QStringLiteral("calendar/2027"));
        QCOMPARE(entry.details.value("version").toInt(), 2);
        QCOMPARE(entry.details.value("holidays").toInt(), 2);

        // One sync: the new version is held and in effect.
        QSignalSpy changed(m_engine.get(), &SyncEngine::referenceDataChanged);
        const auto [ok, message] = syncAndWait(*m_engine);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(ReferenceCache(m_store->journal()).versions().value(ReferenceSet::Calendar), 2);
        QCOMPARE(WorkCalendar::builtin().lastKnownYear(), 2027);
        QCOMPARE(twoWorkingDaysFromDec30().date(), QDate(2027, 1, 4));
        QVERIFY(WorkCalendar::builtin().isWorkingDay(QDate(2027, 1, 30)));  // a make-up Saturday

        // Offline, after a restart: the client starts with the shipped calendar and installs what it holds.
        WorkCalendar::installDistrict(WorkCalendar::shipped());
        m_engine.reset();
        m_store.reset();
        m_store = std::make_unique<CaseStore>();
        QVERIFY(m_store->open(m_dir.filePath("client.sqlite")).ok);
        QVERIFY(ReferenceCache(m_store->journal()).installHeld().ok);
        QCOMPARE(twoWorkingDaysFromDec30().date(), QDate(2027, 1, 4));

        // The next sync costs nothing: no set is newer than the client's.
        m_engine = std::make_unique<SyncEngine>(m_store.get());
        m_engine->setRetryPolicy(50, 100, 500);
        QVERIFY(m_engine->configure(m_server.url(), m_pki.caFile).ok);
        QVERIFY(signInAndWait(*m_engine, kDispatcher, DemoPassword));
        QSignalSpy again(m_engine.get(), &SyncEngine::referenceDataChanged);
        const auto [ok2, message2] = syncAndWait(*m_engine);
        QVERIFY2(ok2, qPrintable(message2));
        QCOMPARE(again.size(), 0);
        QVERIFY(reference(haveAllOnServer(), m_api->login(kDispatcher, DemoPassword)).json.value("sets").toArray().isEmpty());
    }

    // A cached set that does not check out is never installed over the one held, and never replaces it.
    void clientRefusesABadSetKeepingItsOwn()
    {
        ReferenceCache cache(m_store->journal());
        const int held = cache.versions().value(ReferenceSet::Calendar);
        QVERIFY(held >= 2);
        ReferenceAnswer bad;
        ReferenceSet set;
        set.kind = ReferenceSet::Calendar;
        set.version = held + 1;
        set.body = QJsonObject{{"years", QJsonArray{QJsonObject{{"year", 2027}, {"extraWorkdays", QJsonArray{"2027-01-05"}}}}}};
        set.changedAt = QDateTime::currentDateTimeUtc();
        set.changedBy = QStringLiteral("admin");
        bad.sets = {set};
        QVERIFY(!cache.apply(bad).ok);
        QCOMPARE(cache.versions().value(ReferenceSet::Calendar), held);
        QCOMPARE(twoWorkingDaysFromDec30().date(), QDate(2027, 1, 4));
    }

    // Office hours set on the server are what an offline client's step clocks count in after one sync; wrong ones are
    // refused under "workday" with nothing stored.
    void officeHoursReachAnOfflineClient()
    {
        const int before = calendarVersionOnServer();
        const qint64 logBefore = adminLogTotal();
        const QJsonObject backwards{{"start", "09:00"}, {"lunchStart", "08:00"}, {"lunchEnd", "14:00"}, {"end", "18:00"}};
        const ApiClient::Response refused = m_api->put(QStringLiteral("/api/v1/reference/calendar/workday"), backwards, m_adminToken);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.json.value("field").toString(), QStringLiteral("workday"));
        const QJsonObject notATime{{"start", "9 o'clock"}, {"lunchStart", "12:00"}, {"lunchEnd", "14:00"}, {"end", "18:00"}};
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/calendar/workday"), notATime, m_adminToken).status, 422);
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/calendar/workday"), notATime,
                            m_api->login(kDispatcher, DemoPassword)).status, 403);
        QCOMPARE(calendarVersionOnServer(), before);
        QCOMPARE(adminLogTotal(), logBefore);

        const QDateTime monday9(QDate(2026, 11, 2), QTime(9, 0), QTimeZone(8 * 3600));
        QCOMPARE(WorkCalendar::builtin().addWorkingHours(monday9, 4).toTimeZone(QTimeZone(8 * 3600)).time(), QTime(15, 0));
        const QJsonObject summer{{"start", "09:00"}, {"lunchStart", "12:00"}, {"lunchEnd", "14:30"}, {"end", "18:00"}};
        const ApiClient::Response put = m_api->put(QStringLiteral("/api/v1/reference/calendar/workday"), summer, m_adminToken);
        QCOMPARE(put.status, 200);
        QCOMPARE(calendarVersionOnServer(), before + 1);
        const AdminLogEntry entry = newestAdminLogEntry(logBefore + 1);
        QCOMPARE(entry.action, AdminLogEntry::WorkingDaySet);
        QVERIFY2(entry.summary().english().contains(QStringLiteral("09:00–12:00, 14:00–18:00 → 09:00–12:00, 14:30–18:00")),
                 qPrintable(entry.summary().english()));

        const auto [ok, message] = syncAndWait(*m_engine);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(WorkCalendar::builtin().workingDay().lunchEnd, QTime(14, 30));
        QCOMPARE(WorkCalendar::builtin().addWorkingHours(monday9, 4).toTimeZone(QTimeZone(8 * 3600)).time(), QTime(15, 30));
        // The years entered before are still there: the office hours are one more part of the same calendar.
        QCOMPARE(WorkCalendar::builtin().lastKnownYear(), 2027);
    }

    // A deadline rule changed on the server is the rule an offline client pre-fills whistles with after one sync.
    void ruleChangeReachesAnOfflineClientAfterOneSync()
    {
        const auto [synced, why0] = syncAndWait(*m_engine);
        QVERIFY2(synced, qPrintable(why0));
        QCOMPARE(CategoryCatalog::builtin().handleRule(QStringLiteral("city_appearance"), Urgency::Normal).amount, 5);
        const int before = versionOnServer(ReferenceSet::Categories);
        const qint64 logBefore = adminLogTotal();

        const ApiClient::Response put = m_api->put(QStringLiteral("/api/v1/reference/categories/city_appearance"),
                                                   appearanceWithNormalHandle(3), m_adminToken);
        QCOMPARE(put.status, 200);
        QCOMPARE(versionOnServer(ReferenceSet::Categories), before + 1);
        const AdminLogEntry entry = newestAdminLogEntry(logBefore + 1);
        QCOMPARE(entry.action, AdminLogEntry::CategorySet);
        QCOMPARE(entry.subject, QStringLiteral("categories/city_appearance"));
        QCOMPARE(entry.details.value("changes").toObject().keys(), QStringList{QStringLiteral("normal.handle")});
        QVERIFY2(entry.summary().english().contains(QStringLiteral("handling deadline: 5 working days → 3 working days")),
                 qPrintable(entry.summary().english()));

        const auto [ok, message] = syncAndWait(*m_engine);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(ReferenceCache(m_store->journal()).versions().value(ReferenceSet::Categories), before + 1);
        CaseRecord record;
        record.categoryId = QStringLiteral("city_appearance");
        record.urgency = Urgency::Normal;
        const QDateTime monday(QDate(2026, 11, 2), QTime(9, 0), QTimeZone(8 * 3600));
        auto handleDue = [&] {
            return CaseEvent::timeFromString(EventBuilder::summons(record, QStringLiteral("dept.chengguan"), true, monday,
                                                                   CategoryCatalog::builtin(), WorkCalendar::builtin())
                                                 .value("handleDue").toString());
        };
        QCOMPARE(handleDue().toTimeZone(QTimeZone(8 * 3600)).date(), QDate(2026, 11, 5));  // Thursday: 3 working days

        // Offline, after a restart: the rules held are installed again.
        CategoryCatalog::installDistrict(CategoryCatalog::shipped());
        QCOMPARE(handleDue().toTimeZone(QTimeZone(8 * 3600)).date(), QDate(2026, 11, 9));  // the shipped 5 days
        m_engine.reset();
        m_store.reset();
        m_store = std::make_unique<CaseStore>();
        QVERIFY(m_store->open(m_dir.filePath("client.sqlite")).ok);
        QVERIFY(ReferenceCache(m_store->journal()).installHeld().ok);
        QCOMPARE(handleDue().toTimeZone(QTimeZone(8 * 3600)).date(), QDate(2026, 11, 5));
        QCOMPARE(ReferenceSet::installedVersion(ReferenceSet::Categories), before + 1);
        m_engine = std::make_unique<SyncEngine>(m_store.get());
        m_engine->setRetryPolicy(50, 100, 500);
        QVERIFY(m_engine->configure(m_server.url(), m_pki.caFile).ok);
        QVERIFY(signInAndWait(*m_engine, kDispatcher, DemoPassword));
    }

    void badCategoryRefusedNothingStored_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        const QJsonObject good = CategoryCatalog::shipped().find(QStringLiteral("construction"))->toJson();
        QJsonObject checkInTooLong = good;
        QJsonObject deadlines = good.value("deadlines").toObject();
        QJsonObject normal = deadlines.value("normal").toObject();
        normal["checkIn"] = QJsonObject{{"unit", "workdays"}, {"amount", 30}};
        deadlines["normal"] = normal;
        checkInTooLong["deadlines"] = deadlines;
        QTest::newRow("check-in longer than handling") << "construction" << checkInTooLong << "normal.checkIn";
        QJsonObject zeroStep = good;
        deadlines = good.value("deadlines").toObject();
        QJsonObject urgent = deadlines.value("urgent").toObject();
        urgent["verifyHours"] = 0;
        deadlines["urgent"] = urgent;
        zeroStep["deadlines"] = deadlines;
        QTest::newRow("zero-hour step") << "construction" << zeroStep << "urgent.verifyHours";
        QJsonObject unknownDepartment = good;
        unknownDepartment["suggestedDepartments"] = QJsonArray{"dept.nowhere"};
        QTest::newRow("unknown department") << "construction" << unknownDepartment << "suggestedDepartments";
        QJsonObject noName = good;
        noName["name"] = "  ";
        QTest::newRow("empty name") << "construction" << noName << "name";
        QJsonObject badId = good;
        badId["id"] = "Construction Site";
        QTest::newRow("bad id") << "Construction%20Site" << badId << "id";
        QTest::newRow("path and body differ") << "parks" << good << QString();
    }
    void badCategoryRefusedNothingStored()
    {
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        const int before = versionOnServer(ReferenceSet::Categories);
        const qint64 logBefore = adminLogTotal();
        const ApiClient::Response r = m_api->put(QStringLiteral("/api/v1/reference/categories/") + path, body, m_adminToken);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.error(), QStringLiteral("invalid_input"));
        QVERIFY(!r.json.value("message").toString().isEmpty());
        QCOMPARE(r.json.value("field").toString(), field);
        QCOMPARE(versionOnServer(ReferenceSet::Categories), before);
        QCOMPARE(adminLogTotal(), logBefore);
        const ApiClient::Response byDispatcher = m_api->put(QStringLiteral("/api/v1/reference/categories/construction"),
                                                            CategoryCatalog::shipped().find(QStringLiteral("construction"))->toJson(),
                                                            m_api->login(kDispatcher, DemoPassword));
        QCOMPARE(byDispatcher.status, 403);
        QCOMPARE(versionOnServer(ReferenceSet::Categories), before);
    }

    // The server holds a whistle to the rule in force: a longer deadline without a reason is refused, with one it is
    // taken; a whistle made under the rules just replaced is judged under them (the grace period), one that names
    // no rules is judged under today's.
    void serverHoldsWhistlesToTheRules()
    {
        const auto [synced, why0] = syncAndWait(*m_engine);
        QVERIFY2(synced, qPrintable(why0));
        const int version = versionOnServer(ReferenceSet::Categories);
        QCOMPARE(ReferenceSet::installedVersion(ReferenceSet::Categories), version);
        CaseRecord record;
        QVERIFY(!approvedCaseOnServer(&record).isEmpty());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const int ruleDays = CategoryCatalog::builtin().handleRule(record.categoryId, Urgency::Normal).amount;
        const QDateTime tooLate = WorkCalendar::builtin().addWorkingDays(now, ruleDays + 4);

        const PushResult refused = pushOne(whistleWithHandleDue(record, tooLate, version));
        QCOMPARE(int(refused.status), int(PushResult::Status::Rejected));
        QCOMPARE(refused.code, QStringLiteral("invalid_input"));
        QVERIFY2(refused.reason.english().contains(QStringLiteral("Give the reason for the longer deadline")),
                 qPrintable(refused.reason.english()));
        const PushResult withReason = pushOne(whistleWithHandleDue(record, tooLate, version, QStringLiteral("需燃气公司配合改管")));
        QCOMPARE(int(withReason.status), int(PushResult::Status::Accepted));

        // The rule becomes stricter (one working day shorter) while a whistle made under the old one is on its way.
        CaseRecord second;
        QVERIFY(!approvedCaseOnServer(&second).isEmpty());
        const QDateTime oldRuleDue = WorkCalendar::builtin().addWorkingDays(QDateTime::currentDateTimeUtc(), ruleDays);
        const CaseEvent madeUnderOld = whistleWithHandleDue(second, oldRuleDue, version);
        const CaseEvent namingNone = whistleWithHandleDue(second, oldRuleDue, 0);
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/categories/city_appearance"),
                            appearanceWithNormalHandle(ruleDays - 1), m_adminToken).status, 200);
        const PushResult undated = pushOne(namingNone);
        QCOMPARE(int(undated.status), int(PushResult::Status::Rejected));
        QCOMPARE(int(pushOne(madeUnderOld).status), int(PushResult::Status::Accepted));
    }

    // The org directory is the third kind: the shipped one with its grid cells is version 1; a grid cell an
    // administrator adds reaches a client after one sync; a department's duty contact changed is logged field by field.
    void orgDirectoryServedAndChanged()
    {
        const QString token = m_api->login(kStreet, DemoPassword);
        const ApiClient::Response first = m_api->get(QStringLiteral("/api/v1/reference?kinds=org&have="), token);
        QCOMPARE(first.status, 200);
        ReferenceAnswer answer;
        Message why;
        QVERIFY2(ReferenceAnswer::fromJson(first.json, &answer, &why), qPrintable(why.text()));
        QCOMPARE(answer.sets.size(), 1);
        QCOMPARE(answer.sets.first().kind, ReferenceSet::Org);
        QCOMPARE(answer.sets.first().version, 1);
        QCOMPARE(answer.sets.first().body, OrgDirectory::shipped().toBody());
        const auto [synced, why0] = syncAndWait(*m_engine);
        QVERIFY2(synced, qPrintable(why0));
        QCOMPARE(ReferenceCache(m_store->journal()).versions().value(ReferenceSet::Org), 1);

        const qint64 logBefore = adminLogTotal();
        const QJsonObject cell{{"code", "530103001001003"}, {"name", QStringLiteral("市府社区第3网格")},
                               {"community", "community.tuodong.1"},
                               {"area", geoJson(R"({"type": "Polygon", "coordinates": [[[102.70, 25.03], [102.71, 25.03], [102.71, 25.04], [102.70, 25.03]]]})")}};
        const ApiClient::Response added = m_api->post(QStringLiteral("/api/v1/reference/org/gridcells"), cell, m_adminToken);
        QCOMPARE(added.status, 200);
        QCOMPARE(versionOnServer(ReferenceSet::Org), 2);
        const AdminLogEntry entry = newestAdminLogEntry(logBefore + 1);
        QCOMPARE(entry.action, AdminLogEntry::GridCellSet);
        QCOMPARE(entry.subject, QStringLiteral("org/gridcells/530103001001003"));
        QVERIFY(entry.details.value("added").toBool());

        QVERIFY(!OrgDirectory::builtin().findGridCell(QStringLiteral("530103001001003")));
        const auto [ok, message] = syncAndWait(*m_engine);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(ReferenceCache(m_store->journal()).versions().value(ReferenceSet::Org), 2);
        const GridCell *served = OrgDirectory::builtin().findGridCell(QStringLiteral("530103001001003"));
        QVERIFY(served);
        QCOMPARE(served->communityId, QStringLiteral("community.tuodong.1"));
        QCOMPARE(OrgDirectory::builtin().gridCellsOf(QStringLiteral("community.tuodong.1")).size(), 3);

        // A department's duty phone: one changed field in the log; the same body again makes no new version.
        QJsonObject water = OrgDirectory::shipped().find(QStringLiteral("dept.shuiwu"))->toJson();
        water["duty"] = QJsonObject{{"name", QStringLiteral("防汛值班室")}, {"phone", "0871-63119999"}};
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/org/units/dept.shuiwu"), water, m_adminToken).status, 200);
        const AdminLogEntry duty = newestAdminLogEntry(logBefore + 2);
        QCOMPARE(duty.action, AdminLogEntry::OrgUnitSet);
        QVERIFY2(duty.summary().english().contains(QStringLiteral("duty phone: 0871-63110043 → 0871-63119999")),
                 qPrintable(duty.summary().english()));
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/org/units/dept.shuiwu"), water, m_adminToken).status, 200);
        QCOMPARE(versionOnServer(ReferenceSet::Org), 3);
        QCOMPARE(adminLogTotal(), logBefore + 2);
    }

    void badOrgInputRefusedNothingStored_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        const QJsonObject cell{{"code", "530103001001009"}, {"name", QStringLiteral("市府社区第9网格")},
                               {"community", "community.tuodong.1"}};
        const QJsonObject community{{"id", "community.tuodong.9"}, {"name", QStringLiteral("金马社区")},
                                    {"kind", "community"}, {"parent", "street.tuodong"}};
        const auto with = [](QJsonObject o, const char *key, const QJsonValue &v) {
            o.insert(QLatin1String(key), v);
            return o;
        };
        QTest::newRow("duplicate grid code") << QByteArray("POST") << "gridcells" << with(cell, "code", "530103001001001")
                                             << 422 << "code";
        QTest::newRow("unknown community") << QByteArray("POST") << "gridcells" << with(cell, "community", "community.none")
                                           << 422 << "community";
        QTest::newRow("open polygon")
            << QByteArray("POST") << "gridcells"
            << with(cell, "area", geoJson(R"({"type": "Polygon", "coordinates": [[[102.7, 25.0], [102.71, 25.0], [102.71, 25.01], [102.72, 25.0]]]})"))
            << 422 << "area";
        QTest::newRow("change an unknown cell") << QByteArray("PUT") << "gridcells/530103001001009" << cell << 404 << "code";
        QTest::newRow("path and body differ") << QByteArray("PUT") << "gridcells/530103001001002"
                                              << with(cell, "code", "530103001001001") << 422 << QString();
        QTest::newRow("unknown street") << QByteArray("POST") << "units" << with(community, "parent", "street.none") << 422
                                        << "parent";
        QTest::newRow("duplicate unit code") << QByteArray("POST") << "units" << with(community, "id", "community.tuodong.2")
                                             << 422 << "id";
        QTest::newRow("kind changed") << QByteArray("PUT") << "units/dept.zhujian"
                                      << QJsonObject{{"id", "dept.zhujian"}, {"name", QStringLiteral("区住建局")}, {"kind", "street"}}
                                      << 422 << "kind";
        QTest::newRow("bad duty phone") << QByteArray("POST") << "units"
                                        << with(community, "duty", QJsonObject{{"name", QStringLiteral("值班室")}, {"phone", "电话"}})
                                        << 422 << "dutyPhone";
        QTest::newRow("community moved") << QByteArray("PUT") << "units/community.tuodong.1"
                                         << QJsonObject{{"id", "community.tuodong.1"}, {"name", QStringLiteral("市府社区")},
                                                        {"kind", "community"}, {"parent", "street.gulou"}}
                                         << 422 << "parent";
        QTest::newRow("street added") << QByteArray("POST") << "units"
                                      << QJsonObject{{"id", "street.xinjie"}, {"name", QStringLiteral("新街街道")}, {"kind", "street"}}
                                      << 422 << "kind";
        QTest::newRow("GET is not a change") << QByteArray("GET") << "units" << QJsonObject() << 405 << QString();
    }
    void badOrgInputRefusedNothingStored()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const int before = versionOnServer(ReferenceSet::Org);
        const qint64 logBefore = adminLogTotal();
        const QString url = QStringLiteral("/api/v1/reference/org/") + path;
        const ApiClient::Response r = method == "POST" ? m_api->post(url, body, m_adminToken)
                                    : method == "PUT"  ? m_api->put(url, body, m_adminToken)
                                                       : m_api->get(url, m_adminToken);
        QCOMPARE(r.status, status);
        QVERIFY(!r.json.value("message").toString().isEmpty());
        QCOMPARE(r.json.value("field").toString(), field);
        QCOMPARE(versionOnServer(ReferenceSet::Org), before);
        QCOMPARE(adminLogTotal(), logBefore);
        if (method == "POST") {
            const ApiClient::Response byDispatcher = m_api->post(url, body, m_api->login(kDispatcher, DemoPassword));
            QCOMPARE(byDispatcher.status, 403);
        }
    }

    // The phrase templates are the fourth kind: the shipped book is version 1; a field's phrases changed by an
    // administrator reach a client after one sync; the log names the phrases added and removed.
    void phrasesServedAndChanged()
    {
        const QString token = m_api->login(kStreet, DemoPassword);
        const ApiClient::Response first = m_api->get(QStringLiteral("/api/v1/reference?kinds=phrases&have="), token);
        QCOMPARE(first.status, 200);
        ReferenceAnswer answer;
        Message why;
        QVERIFY2(ReferenceAnswer::fromJson(first.json, &answer, &why), qPrintable(why.text()));
        QCOMPARE(answer.sets.size(), 1);
        QCOMPARE(answer.sets.first().version, 1);
        QCOMPARE(answer.sets.first().body, PhraseBook::shipped().toJson());

        const qint64 logBefore = adminLogTotal();
        QStringList feedback = PhraseBook::shipped().phrases(QStringLiteral("feedback"));
        const QString dropped = feedback.takeLast();
        feedback.prepend(QStringLiteral("已协调物业清理完毕，并拍照留存"));
        const ApiClient::Response put = m_api->put(QStringLiteral("/api/v1/reference/phrases/feedback"),
                                                   {{"kind", "feedback"}, {"phrases", QJsonArray::fromStringList(feedback)}},
                                                   m_adminToken);
        QCOMPARE(put.status, 200);
        QCOMPARE(versionOnServer(ReferenceSet::Phrases), 2);
        const AdminLogEntry entry = newestAdminLogEntry(logBefore + 1);
        QCOMPARE(entry.action, AdminLogEntry::PhrasesSet);
        QCOMPARE(entry.subject, QStringLiteral("phrases/feedback"));
        const QString summary = entry.summary().english();
        QVERIFY2(summary.contains(QStringLiteral("added “已协调物业清理完毕，并拍照留存”")) && summary.contains(dropped),
                 qPrintable(summary));

        QVERIFY(!PhraseBook::builtin().phrases(QStringLiteral("feedback")).contains(feedback.first()));
        const auto [ok, message] = syncAndWait(*m_engine);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(PhraseBook::builtin().phrases(QStringLiteral("feedback")), feedback);
        // The same list again: no new version, nothing logged.
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/phrases/feedback"),
                            {{"kind", "feedback"}, {"phrases", QJsonArray::fromStringList(feedback)}}, m_adminToken).status, 200);
        QCOMPARE(versionOnServer(ReferenceSet::Phrases), 2);
        QCOMPARE(adminLogTotal(), logBefore + 1);
    }

    void badPhrasesRefusedNothingStored_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("twice") << "feedback" << QJsonObject{{"kind", "feedback"}, {"phrases", QJsonArray{"已处置", "已处置"}}}
                               << "feedback";
        QTest::newRow("line break") << "feedback" << QJsonObject{{"kind", "feedback"}, {"phrases", QJsonArray{"已处置\n完毕"}}}
                                    << "feedback";
        QTest::newRow("not texts") << "feedback" << QJsonObject{{"kind", "feedback"}, {"phrases", QJsonArray{1, 2}}} << QString();
        QTest::newRow("no list") << "feedback" << QJsonObject{{"kind", "feedback"}, {"phrases", "已处置"}} << QString();
        QTest::newRow("no kind") << "feedback" << QJsonObject{{"phrases", QJsonArray{"已处置"}}} << QString();
        QTest::newRow("kind not text") << "feedback" << QJsonObject{{"kind", 7}, {"phrases", QJsonArray{"已处置"}}} << QString();
        QTest::newRow("bad field") << "Feed%20Back" << QJsonObject{{"kind", "Feed Back"}, {"phrases", QJsonArray{"已处置"}}}
                                   << "kind";
        QTest::newRow("path and body differ") << "comment" << QJsonObject{{"kind", "feedback"}, {"phrases", QJsonArray{"已处置"}}}
                                              << QString();
    }
    void badPhrasesRefusedNothingStored()
    {
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        const int before = versionOnServer(ReferenceSet::Phrases);
        const qint64 logBefore = adminLogTotal();
        const ApiClient::Response r = m_api->put(QStringLiteral("/api/v1/reference/phrases/") + path, body, m_adminToken);
        QCOMPARE(r.status, 422);
        QVERIFY(!r.json.value("message").toString().isEmpty());
        QCOMPARE(r.json.value("field").toString(), field);
        QCOMPARE(versionOnServer(ReferenceSet::Phrases), before);
        QCOMPARE(adminLogTotal(), logBefore);
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/phrases/feedback"),
                            {{"kind", "feedback"}, {"phrases", QJsonArray{"已处置"}}}, m_api->login(kDispatcher, DemoPassword))
                     .status,
                 403);
    }

    // The indicator sets by effective month are the fifth kind, changed only by an account holding the assessment
    // administrator grant — not by an administrator as such. A month is then assessed with the set in force in it.
    void indicatorSetsServedAndChangedByTheGrant()
    {
        const ApiClient::Response first =
            m_api->get(QStringLiteral("/api/v1/reference?kinds=indicators&have="), m_api->login(kStreet, DemoPassword));
        ReferenceAnswer answer;
        Message why;
        QVERIFY2(ReferenceAnswer::fromJson(first.json, &answer, &why), qPrintable(why.text()));
        QCOMPARE(answer.sets.size(), 1);
        QCOMPARE(answer.sets.first().body, IndicatorSchedule::shipped().toJson());

        QJsonObject set = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
        set.insert(QStringLiteral("version"), QStringLiteral("2027.1"));
        set.insert(QStringLiteral("title"), QStringLiteral("盘龙区月度考核指标（2027 版）"));
        const QString path = QStringLiteral("/api/v1/reference/indicators/2027-01");
        QCOMPARE(m_api->put(path, set, m_adminToken).status, 403);  // the administrator holds no grant
        const ApiClient::Response created = m_api->post(
            QStringLiteral("/api/v1/users"),
            {{"id", "kaohe"}, {"name", QStringLiteral("考核科")}, {"role", "supervisor"}, {"orgUnit", "center.district"},
             {"password", "Kaohe-2026-pw"}, {"grants", QJsonArray{"assessment_admin"}}},
            m_adminToken);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json.value("user").toObject().value("grants").toArray(), QJsonArray{"assessment_admin"});
        const QString kaohe = m_api->login(QStringLiteral("kaohe"), QStringLiteral("Kaohe-2026-pw"));
        QVERIFY(!kaohe.isEmpty());
        const qint64 logBefore = adminLogTotal();

        QJsonObject broken = set;
        broken.insert(QStringLiteral("indicators"), QJsonArray{});
        const ApiClient::Response refused = m_api->put(path, broken, kaohe);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.json.value("field").toString(), QStringLiteral("indicators"));
        QVERIFY(!refused.json.value("errors").toArray().isEmpty());
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/indicators/2027-13"), set, kaohe).json.value("field").toString(),
                 QStringLiteral("effective"));
        QCOMPARE(versionOnServer(ReferenceSet::Indicators), 1);
        QCOMPARE(adminLogTotal(), logBefore);

        QCOMPARE(m_api->put(path, set, kaohe).status, 200);
        QCOMPARE(versionOnServer(ReferenceSet::Indicators), 2);
        const AdminLogEntry entry = newestAdminLogEntry(logBefore + 1);
        QCOMPARE(entry.action, AdminLogEntry::IndicatorsSet);
        QCOMPARE(entry.actor, QStringLiteral("kaohe"));
        QVERIFY2(entry.summary().english().contains(QStringLiteral("(2027.1) in force from 2027-01")),
                 qPrintable(entry.summary().english()));

        const auto [ok, message] = syncAndWait(*m_engine);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(IndicatorSchedule::builtin().inForce(2027, 3).version(), QStringLiteral("2027.1"));
        QCOMPARE(IndicatorSchedule::builtin().inForce(2026, 12).version(), IndicatorSet::builtin().version());
    }

    // The server keeps its data across a restart and computes with it (it installs the current version at start).
    void serverRestartKeepsTheVersion()
    {
        const int before = calendarVersionOnServer();
        const qint64 logBefore = adminLogTotal();
        m_server.stop();
        const QString err = m_server.start(m_dir.filePath("server-data"), m_serverArgs);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);  // a new port
        m_adminToken = m_api->login(QStringLiteral("admin"), m_adminPassword);
        QCOMPARE(calendarVersionOnServer(), before);
        QCOMPARE(adminLogTotal(), logBefore);  // nothing imported again
    }
};

QTEST_MAIN(TstReferenceData)
#include "tst_referencedata.moc"

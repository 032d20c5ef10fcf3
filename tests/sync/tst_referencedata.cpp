// Issue 16: the district's reference data is the server's, versioned, and reaches every client through sync. Today's
// kind is the work calendar: the server imports the shipped one as version 1; an administrator adds the 2027 year
// over the API; after one sync an offline client computes deadlines past the 2027 holidays; bad years are refused
// with the field at fault and nothing stored; the change is an entry of the administrative log.
// Real gridwhistle-server over HTTPS on 127.0.0.1; SQLite, or PostgreSQL with GW_TEST_BACKEND=postgresql.
#include "apiclient.h"
#include "casestore.h"
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
        return m_api->get(QStringLiteral("/api/v1/reference?have=") + have, token);
    }

    int calendarVersionOnServer()
    {
        const ApiClient::Response r = reference(QString(), m_api->login(kDispatcher, DemoPassword));
        ReferenceAnswer answer;
        Message why;
        if (r.status != 200 || !ReferenceAnswer::fromJson(r.json, &answer, &why))
            return -1;
        for (const ReferenceSet &s : answer.sets)
            if (s.kind == ReferenceSet::Calendar)
                return s.version;
        return 0;
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
        m_adminPassword = initialAdminPassword(m_server.output());
        QVERIFY2(!m_adminPassword.isEmpty(), qPrintable(m_server.output()));
        m_adminToken = adminWithOwnPassword(*m_api, &m_adminPassword);
        QVERIFY(!m_adminToken.isEmpty());

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

    // The shipped calendar is the server's version 1; a client holding it is told nothing new.
    void serverServesShippedCalendarAsVersion1()
    {
        const QString token = m_api->login(kStreet, DemoPassword);
        const ApiClient::Response all = reference(QString(), token);
        QCOMPARE(all.status, 200);
        ReferenceAnswer answer;
        Message why;
        QVERIFY2(ReferenceAnswer::fromJson(all.json, &answer, &why), qPrintable(why.text()));
        QCOMPARE(answer.sets.size(), 1);
        const ReferenceSet calendar = answer.sets.first();
        QCOMPARE(calendar.kind, ReferenceSet::Calendar);
        QCOMPARE(calendar.version, 1);
        QCOMPARE(calendar.changedBy, QStringLiteral("system"));
        WorkCalendar served;
        QVERIFY(served.load(calendar.body).ok);
        QCOMPARE(served.lastKnownYear(), WorkCalendar::shipped().lastKnownYear());
        QCOMPARE(served.years(), WorkCalendar::shipped().years());

        const ApiClient::Response upToDate = reference(QStringLiteral("calendar:1"), token);
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
        const ApiClient::Response log = m_api->get(QStringLiteral("/api/v1/admin/log?limit=1"), m_adminToken);
        AdminLogPage page;
        QVERIFY(AdminLogPage::fromJson(log.json, &page, &why));
        QCOMPARE(page.total, logBefore + 1);
        QVERIFY(page.chainOk);
        const AdminLogEntry entry = page.entries.first();
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
        QVERIFY(reference(QStringLiteral("calendar:2"), m_api->login(kDispatcher, DemoPassword)).json.value("sets").toArray().isEmpty());
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

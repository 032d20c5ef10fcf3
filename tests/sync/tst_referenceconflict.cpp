// Issue 16: two administrators changing the district's reference data at once never silently overwrite each other.
// A change names the piece it was made from (?expect=<ReferenceSet::itemTag>); when another administrator changed
// that piece since, the server answers 409 "conflict" naming who and when, and stores and logs nothing. Changes to
// other pieces of the same kind do not conflict. The console's client (ReferenceAdminClient) then takes the current
// version into its cache, so the form shows the other administrator's change.
// Real gridwhistle-server over HTTPS on 127.0.0.1; SQLite, or PostgreSQL with GW_TEST_BACKEND=postgresql.
#include "apiclient.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "indicatorschedule.h"
#include "orgdirectory.h"
#include "phrasebook.h"
#include "protocol/adminlogpage.h"
#include "protocol/referenceset.h"
#include "referenceadminclient.h"
#include "referencecache.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "testpki.h"
#include "testpostgres.h"
#include "workcalendar.h"
#include "../support/enginewaits.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {

const QString kFirst = QStringLiteral("guanli1");
const QString kSecond = QStringLiteral("guanli2");
const QString kPassword = QStringLiteral("Guanli-2026-pw");

QString expectQuery(const QJsonValue &from) { return QStringLiteral("?expect=") + ReferenceSet::itemTag(from); }

} // namespace

class TstReferenceConflict : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;
    ServerProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminToken;
    QString m_first, m_second;  // two administrators who also keep the indicators

    // The set of `kind` the server holds now (version 0 and no body when it cannot be read).
    ReferenceSet current(const QString &kind)
    {
        const ApiClient::Response r = m_api->get(QStringLiteral("/api/v1/reference?kinds=") + kind, m_first);
        ReferenceAnswer answer;
        Message why;
        if (r.status != 200 || !ReferenceAnswer::fromJson(r.json, &answer, &why) || answer.sets.size() != 1) {
            qWarning("reference %s: %s", qPrintable(kind), r.raw.constData());
            return {};
        }
        return answer.sets.first();
    }
    QJsonObject served(const QString &kind) { return current(kind).body; }
    int version(const QString &kind) { return current(kind).version; }
    qint64 adminLogTotal()
    {
        AdminLogPage page;
        Message why;
        AdminLogPage::fromJson(m_api->get(QStringLiteral("/api/v1/admin/log?limit=1"), m_adminToken).json, &page, &why);
        return page.total;
    }
    Category servedCategory(const QString &id)
    {
        CategoryCatalog catalog;
        if (!catalog.load(served(ReferenceSet::Categories)).ok || !catalog.find(id))
            return {};
        return *catalog.find(id);
    }

    // The second administrator's change goes through; the first one's, made from the piece as it was before, is
    // refused naming the second administrator, with nothing stored or logged.
    void expectConflict(const QString &kind, const QString &path, const QJsonObject &first, const QJsonObject &second,
                        const QJsonValue &from, bool post = false)
    {
        const QString query = expectQuery(from);
        const ApiClient::Response theirs = post ? m_api->post(path + query, second, m_second) : m_api->put(path + query, second, m_second);
        QVERIFY2(theirs.status == 200, theirs.raw.constData());
        const int after = version(kind);
        const qint64 logged = adminLogTotal();
        const ApiClient::Response mine = m_api->put(path + query, first, m_first);
        QCOMPARE(mine.status, 409);
        QCOMPARE(mine.json.value("error").toString(), QStringLiteral("conflict"));
        QCOMPARE(mine.json.value("field").toString(), QStringLiteral("expect"));
        QVERIFY2(mine.json.value("message").toString().contains(kSecond), mine.raw.constData());
        QCOMPARE(version(kind), after);
        QCOMPARE(adminLogTotal(), logged);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStringList args;
        bool skip = false;
        QString err = demoServerArguments(m_pki, m_dir.path(), m_postgres, &args, nullptr, &skip);
        if (skip)
            QSKIP(qPrintable(err));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = m_server.start(m_dir.filePath("server-data"), args);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        QString adminPassword;
        err = signInInitialAdmin(m_server, m_pki.caFile, &adminPassword, &m_adminToken);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        for (const QString &id : {kFirst, kSecond}) {
            const ApiClient::Response created = m_api->post(
                QStringLiteral("/api/v1/users"),
                {{"id", id}, {"name", id == kFirst ? QStringLiteral("管理员甲") : QStringLiteral("管理员乙")},
                 {"role", "administrator"}, {"orgUnit", "center.district"}, {"password", kPassword},
                 {"grants", QJsonArray{"assessment_admin"}}},
                m_adminToken);
            QVERIFY2(created.status == 201, created.raw.constData());
        }
        m_first = m_api->login(kFirst, kPassword);
        m_second = m_api->login(kSecond, kPassword);
        QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_postgres.stop();
    }

    // Both open 市容环境; the second saves first. The first one's save is refused and names who changed it; made again
    // from the current rules, it is stored. A change of another category meanwhile is no conflict.
    void sameCategoryConflicts()
    {
        const Category opened = servedCategory(QStringLiteral("city_appearance"));
        QVERIFY(!opened.id.isEmpty());
        const QString path = QStringLiteral("/api/v1/reference/categories/city_appearance");
        Category mine = opened, theirs = opened;
        mine.name = QStringLiteral("市容环境（甲）");
        theirs.name = QStringLiteral("市容环境（乙）");
        expectConflict(ReferenceSet::Categories, path, mine.toJson(), theirs.toJson(), opened.toJson());
        QCOMPARE(servedCategory(QStringLiteral("city_appearance")).name, theirs.name);

        // Another category changed by the second administrator does not stand in the way.
        Category other = servedCategory(QStringLiteral("traffic"));
        QVERIFY(!other.id.isEmpty());
        const QJsonValue otherFrom = other.toJson();
        other.name = QStringLiteral("交通秩序（乙）");
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/categories/traffic") + expectQuery(otherFrom), other.toJson(), m_second).status, 200);
        const Category current = servedCategory(QStringLiteral("city_appearance"));
        const ApiClient::Response again = m_api->put(path + expectQuery(current.toJson()), mine.toJson(), m_first);
        QVERIFY2(again.status == 200, again.raw.constData());
        QCOMPARE(servedCategory(QStringLiteral("city_appearance")).name, mine.name);
    }

    // The same for the other pieces an administrator edits: a grid cell, a calendar year both add, the working day,
    // one field's phrases, the indicator set of a month.
    void everyPieceConflicts()
    {
        OrgDirectory org;
        QVERIFY(org.load(served(ReferenceSet::Org)).ok);
        GridCell cell = org.gridCells().first();
        const QJsonValue cellFrom = cell.toJson();
        GridCell mineCell = cell;
        mineCell.name = cell.name + QStringLiteral("（甲）");
        cell.name += QStringLiteral("（乙）");
        expectConflict(ReferenceSet::Org, QStringLiteral("/api/v1/reference/org/gridcells/") + cell.code,
                       mineCell.toJson(), cell.toJson(), cellFrom);

        // 2029 is new to both: the first one's addition made from "no such year" meets the second one's.
        CalendarYear year;
        year.year = 2029;
        year.notice = QStringLiteral("乙录入");
        CalendarYear mineYear = year;
        mineYear.notice = QStringLiteral("甲录入");
        expectConflict(ReferenceSet::Calendar, QStringLiteral("/api/v1/reference/calendar/years/2029"), mineYear.toJson(),
                       year.toJson(), QJsonValue());

        WorkCalendar calendar;
        QVERIFY(calendar.load(served(ReferenceSet::Calendar)).ok);
        WorkCalendar::WorkingDay day = calendar.workingDay();
        const QJsonValue dayFrom = day.toJson();
        WorkCalendar::WorkingDay mineDay = day;
        mineDay.end = day.end.addSecs(-1800);
        day.end = day.end.addSecs(1800);
        expectConflict(ReferenceSet::Calendar, QStringLiteral("/api/v1/reference/calendar/workday"), mineDay.toJson(),
                       day.toJson(), dayFrom);

        PhraseBook book;
        QVERIFY(book.load(served(ReferenceSet::Phrases)).ok);
        const QString kind = PhraseBook::fieldKinds().first();
        const QStringList phrases = book.phrases(kind);
        const QJsonObject theirPhrases{{"kind", kind}, {"phrases", QJsonArray::fromStringList(phrases + QStringList{QStringLiteral("乙的短语")})}};
        const QJsonObject myPhrases{{"kind", kind}, {"phrases", QJsonArray::fromStringList(phrases + QStringList{QStringLiteral("甲的短语")})}};
        expectConflict(ReferenceSet::Phrases, QStringLiteral("/api/v1/reference/phrases/") + kind, myPhrases,
                       theirPhrases, QJsonArray::fromStringList(phrases));

        IndicatorSchedule schedule;
        QVERIFY(schedule.load(served(ReferenceSet::Indicators)).ok);
        QJsonObject set = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
        set.insert(QStringLiteral("version"), QStringLiteral("2028.1"));
        set.insert(QStringLiteral("title"), QStringLiteral("乙的指标"));
        QJsonObject mineSet = set;
        mineSet.insert(QStringLiteral("title"), QStringLiteral("甲的指标"));
        expectConflict(ReferenceSet::Indicators, QStringLiteral("/api/v1/reference/indicators/2028-01"), mineSet, set,
                       ReferenceSet::indicatorPiece(schedule, QStringLiteral("2028-01")));
    }

    // A tag that is not one is refused before anything is read or stored.
    void malformedExpectationRefused()
    {
        const Category opened = servedCategory(QStringLiteral("city_appearance"));
        const int before = version(ReferenceSet::Categories);
        const ApiClient::Response r =
            m_api->put(QStringLiteral("/api/v1/reference/categories/city_appearance?expect=not-a-tag"), opened.toJson(), m_first);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json.value("message").toString().contains(QStringLiteral("expect")), r.raw.constData());
        QCOMPARE(version(ReferenceSet::Categories), before);
    }

    // The console's client: a save made from the rules as this computer synced them is refused after another
    // administrator's change; the client then holds and uses the current rules, and the change made again is stored.
    void consoleClientTakesTheCurrentVersion()
    {
        CaseStore store;
        QVERIFY(store.open(m_dir.filePath("console.sqlite")).ok);
        SyncEngine engine(&store);
        engine.setRetryPolicy(50, 100, 500);
        QVERIFY(engine.configure(m_server.url(), m_pki.caFile).ok);
        QVERIFY(signInAndWait(engine, kFirst, kPassword));
        const auto synced = syncAndWait(engine);
        QVERIFY2(synced.first, qPrintable(synced.second));
        const Category opened = *CategoryCatalog::builtin().find(QStringLiteral("city_appearance"));
        QCOMPARE(opened.name, servedCategory(QStringLiteral("city_appearance")).name);

        Category theirs = opened;
        theirs.name = QStringLiteral("市容环境（乙再改）");
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/categories/city_appearance") + expectQuery(opened.toJson()),
                            theirs.toJson(), m_second).status,
                 200);

        ReferenceAdminClient client(&engine, &store);
        QSignalSpy conflicted(&client, &ReferenceAdminClient::conflicted);
        QSignalSpy saved(&client, &ReferenceAdminClient::categorySaved);
        QSignalSpy failed(&client, &ReferenceAdminClient::failed);
        Category mine = opened;
        mine.name = QStringLiteral("市容环境（甲再改）");
        client.saveCategory(mine, opened.toJson());
        QVERIFY(conflicted.wait(15000));
        QCOMPARE(conflicted.first().at(0).toString(), ReferenceSet::Categories);
        QVERIFY2(conflicted.first().at(1).toString().contains(kSecond), qPrintable(conflicted.first().at(1).toString()));
        QVERIFY(failed.isEmpty());
        QVERIFY(saved.isEmpty());
        QVERIFY(!client.isBusy());
        QCOMPARE(CategoryCatalog::builtin().find(QStringLiteral("city_appearance"))->name, theirs.name);
        QCOMPARE(ReferenceCache(store.journal()).held(ReferenceSet::Categories)->version, version(ReferenceSet::Categories));

        client.saveCategory(mine, CategoryCatalog::builtin().find(QStringLiteral("city_appearance"))->toJson());
        QVERIFY(saved.wait(15000));
        QCOMPARE(servedCategory(QStringLiteral("city_appearance")).name, mine.name);
        QCOMPARE(conflicted.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TstReferenceConflict)
#include "tst_referenceconflict.moc"

// Issue 16: the district's assessment is computed on the server and months are published there. Clients of different
// roles read the same results (their local stores hold different cases); a published month keeps its results when
// late events arrive, a correction is a new revision with a reason and both are kept; each publication is an entry of
// the administrative log with its results' hash; `gridwhistle-server verify` recomputes published months from the
// chained events and reports stored results that were altered. Real gridwhistle-server with the demo district over
// HTTPS on 127.0.0.1; SQLite, or PostgreSQL with GW_TEST_BACKEND=postgresql.
#include "apiclient.h"
#include "assessmentclient.h"
#include "assessmentengine.h"
#include "assessmentsource.h"
#include "casestore.h"
#include "indicatorschedule.h"
#include "indicatorset.h"
#include "protocol/adminlogpage.h"
#include "protocol/monthassessment.h"
#include "../support/enginewaits.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "testpki.h"
#include "testpostgres.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {

const QString kMonth = QStringLiteral("2026-11");

// Unit ids best first, with their composite scores: what a ranking shows.
QStringList ranking(const AssessmentResult &r)
{
    QStringList out;
    for (const UnitFigures &u : AssessmentResult::ranked(r.streets) + AssessmentResult::ranked(r.departments))
        out << QStringLiteral("%1=%2").arg(u.unitId).arg(u.hasComposite() ? QString::number(u.composite, 'f', 6) : QStringLiteral("-"));
    return out;
}

} // namespace

class TstAssessmentPublication : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;
    ServerProcess m_server;
    QStringList m_serverArgs;
    QString m_databaseUrl;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminToken;

    MonthAssessment monthOnServer(const QString &user)
    {
        const ApiClient::Response r =
            m_api->get(QStringLiteral("/api/v1/assessment/months?from=%1&to=%1").arg(kMonth), m_api->login(user, DemoPassword));
        AssessmentMonthsAnswer answer;
        Message why;
        if (r.status != 200 || !AssessmentMonthsAnswer::fromJson(r.json, &answer, &why) || answer.months.size() != 1) {
            qWarning("months: %d %s %s", r.status, r.raw.left(300).constData(), qPrintable(why.text()));
            return {};
        }
        return answer.months.first();
    }

    ApiClient::Response publish(const QString &user, const QJsonObject &body, const QString &month = kMonth)
    {
        return m_api->post(QStringLiteral("/api/v1/assessment/months/%1/publish").arg(month), body,
                           m_api->login(user, DemoPassword));
    }

    AdminLogEntry newestAdminLogEntry()
    {
        AdminLogPage page;
        Message why;
        const ApiClient::Response log = m_api->get(QStringLiteral("/api/v1/admin/log?limit=1"), m_adminToken);
        if (!AdminLogPage::fromJson(log.json, &page, &why) || !page.chainOk || page.entries.isEmpty())
            return {};
        return page.entries.first();
    }

    using Run = VerifyRun;
    Run verify() { return runVerify(m_dir.filePath("server-data"), m_databaseUrl); }

    // Runs `sql` on the server's database over a connection of the test's own.
    bool execute(const QString &sql, const QList<QVariant> &values = {})
    {
        bool ok = false;
        {
            QSqlDatabase db = serverDatabase("tamper", m_dir.filePath("server-data/server.sqlite"), m_databaseUrl);
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(sql);
                for (const QVariant &v : values)
                    q.addBindValue(v);
                ok = q.exec();
                if (!ok)
                    qWarning() << sql << q.lastError().text();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase("tamper");
        return ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        bool skip = false;
        QString err = demoServerArguments(m_pki, m_dir.path(), m_postgres, &m_serverArgs, &m_databaseUrl, &skip);
        if (skip)
            QSKIP(qPrintable(err));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_serverArgs << QStringLiteral("--demo-data");  // about 300 cases over the last 90 days: November is whole
        err = m_server.start(m_dir.filePath("server-data"), m_serverArgs);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        QString adminPassword;
        err = signInInitialAdmin(m_server, m_pki.caFile, &adminPassword, &m_adminToken);
        QVERIFY2(err.isEmpty(), qPrintable(err));
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_postgres.stop();
    }

    // A dispatcher (who sees every case) and a street operator (who sees its street's) read the same district
    // results from the server, kept by their clients for offline viewing; the street's own store could not rank.
    void everyRoleReadsTheSameDistrictResults()
    {
        QMap<QString, AssessmentResult> shown;
        QMap<QString, int> localRegistered;
        for (const QString &user : {QStringLiteral("dispatcher"), QStringLiteral("tuodong")}) {
            CaseStore store;
            QVERIFY(store.open(m_dir.filePath(user + ".sqlite")).ok);
            SyncEngine engine(&store);
            QVERIFY(engine.configure(m_server.url(), m_pki.caFile).ok);
            QVERIFY(signInAndWait(engine, user, DemoPassword));
            QVERIFY(syncAndWait(engine).first);
            AssessmentClient client(&engine, &store);
            QSignalSpy fetched(&client, &AssessmentClient::fetched);
            client.fetch(QStringLiteral("2026-10"), kMonth);
            QVERIFY(fetched.wait(20000));
            const std::optional<AssessmentClient::Cached> cached = client.cached(kMonth);
            QVERIFY(cached);
            QVERIFY(client.cached(QStringLiteral("2026-10")));
            QVERIFY(!client.cached(QStringLiteral("2026-09")));
            shown.insert(user, cached->month.shown());

            AssessmentFacts facts;
            QVERIFY(AssessmentSource(&store).loadFacts(&facts).ok);
            localRegistered.insert(user, AssessmentEngine(IndicatorSchedule::builtin().inForce(2026, 11))
                                             .assess(facts, AssessmentPeriod::month(2026, 11))
                                             .district.registered);
        }
        const AssessmentResult &a = shown.value(QStringLiteral("dispatcher"));
        const AssessmentResult &b = shown.value(QStringLiteral("tuodong"));
        QCOMPARE(a.streets.size(), 12);
        QVERIFY(a.district.registered > 20);
        QCOMPARE(ranking(a), ranking(b));
        QCOMPARE(a.district.registered, b.district.registered);
        // The street's computer holds only Tuodong's cases: its own count is not the district's.
        QVERIFY2(localRegistered.value(QStringLiteral("tuodong")) < a.district.registered,
                 qPrintable(QStringLiteral("%1 vs %2").arg(localRegistered.value(QStringLiteral("tuodong"))).arg(a.district.registered)));
        QCOMPARE(localRegistered.value(QStringLiteral("dispatcher")), a.district.registered);
    }

    void badRequestsRefused()
    {
        const QString token = m_api->login(QStringLiteral("supervisor"), DemoPassword);
        ApiClient::Response r = m_api->get(QStringLiteral("/api/v1/assessment/months?from=2026-13&to=2026-11"), token);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value("field").toString(), QStringLiteral("from"));
        r = m_api->get(QStringLiteral("/api/v1/assessment/months?from=2024-01&to=2026-11"), token);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value("field").toString(), QStringLiteral("to"));
        QCOMPARE(publish(QStringLiteral("dispatcher"), {}).status, 403);
        const QString thisMonth = QDateTime::currentDateTimeUtc().toTimeZone(AssessmentPeriod::districtZone()).toString("yyyy-MM");
        r = publish(QStringLiteral("supervisor"), {}, thisMonth);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value("field").toString(), QStringLiteral("month"));
        QVERIFY2(r.json.value("message").toString().contains(QStringLiteral("not over yet")), r.raw.constData());
        QCOMPARE(publish(QStringLiteral("supervisor"), {{"reason", 3}}).status, 422);
        QCOMPARE(publish(QStringLiteral("supervisor"), {{"reason", QString(501, u'因')}}).json.value("field").toString(),
                 QStringLiteral("reason"));
        QVERIFY(monthOnServer(QStringLiteral("supervisor")).publications.isEmpty());
    }

    // Published, the month's results stay as they were when a late event arrives; a correction is revision 2 with a
    // reason, and both revisions are kept, each an entry of the administrative log with its results' hash.
    void publishedMonthIsFrozenAndCorrectionsKeepBoth()
    {
        const ApiClient::Response first = publish(QStringLiteral("supervisor"), {{"reason", QStringLiteral("11 月例行发布")}});
        QCOMPARE(first.status, 201);
        MonthPublication p1;
        Message why;
        QVERIFY2(MonthPublication::fromJson(first.json.value("publication").toObject(), &p1, &why), qPrintable(why.text()));
        QCOMPARE(p1.revision, 1);
        QCOMPARE(p1.publishedBy, QStringLiteral("supervisor"));
        QCOMPARE(p1.versions.keys(), (QList<QString>{"calendar", "categories", "indicators", "org"}));
        QVERIFY(p1.cutoffSeq > 100);
        QCOMPARE(p1.resultHash, AssessmentResultJson::hashOf(AssessmentResultJson::bytes(p1.result)));
        const AdminLogEntry entry = newestAdminLogEntry();
        QCOMPARE(entry.action, AdminLogEntry::MonthPublished);
        QCOMPARE(entry.actor, QStringLiteral("supervisor"));
        QCOMPARE(entry.details.value("resultHash").toString(), p1.resultHash);
        QVERIFY2(entry.summary().english().startsWith(kMonth), qPrintable(entry.summary().english()));

        // A case registered on 20 November by a street that was offline arrives now.
        const User tuodong = User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"));
        CaseEvent late = registrationEvent(tuodong, QStringLiteral("street.tuodong"), QStringLiteral("community.tuodong.1"),
                                           QStringLiteral("迟报：拓东路井盖缺失"));
        late.clientTime = QDateTime(QDate(2026, 11, 20), QTime(9, 30), AssessmentPeriod::districtZone()).toUTC();
        QCOMPARE(pushEvents(*m_api, {late}, m_api->login(QStringLiteral("tuodong"), DemoPassword)).json.value("accepted").toInt(), 1);

        MonthAssessment month = monthOnServer(QStringLiteral("dispatcher"));
        QCOMPARE(month.publications.size(), 1);
        QCOMPARE(month.publications.first().resultHash, p1.resultHash);
        QCOMPARE(AssessmentResultJson::toJson(month.publications.first().result), AssessmentResultJson::toJson(p1.result));
        QCOMPARE(month.shown().district.registered, p1.result.district.registered);
        QCOMPARE(month.live.district.registered, p1.result.district.registered + 1);

        const ApiClient::Response noReason = publish(QStringLiteral("supervisor"), {{"reason", QStringLiteral("   ")}});
        QCOMPARE(noReason.status, 422);
        QCOMPARE(noReason.json.value("field").toString(), QStringLiteral("reason"));
        const ApiClient::Response second = publish(QStringLiteral("supervisor"), {{"reason", QStringLiteral("补录拓东街道 11 月 20 日迟报哨件")}});
        QCOMPARE(second.status, 201);
        month = monthOnServer(QStringLiteral("tuodong"));
        QCOMPARE(month.publications.size(), 2);
        QCOMPARE(month.publications.at(0).resultHash, p1.resultHash);
        QCOMPARE(month.publications.at(1).revision, 2);
        QCOMPARE(month.publications.at(1).reason, QStringLiteral("补录拓东街道 11 月 20 日迟报哨件"));
        QCOMPARE(month.shown().district.registered, p1.result.district.registered + 1);
        QVERIFY(month.publications.at(1).cutoffSeq > p1.cutoffSeq);
        QCOMPARE(newestAdminLogEntry().details.value("revision").toInt(), 2);
    }

    // A published month keeps the set it was published with: an indicator set may take effect only after the newest
    // published month.
    void indicatorSetCannotReachAPublishedMonth()
    {
        QCOMPARE(m_api->post(QStringLiteral("/api/v1/users"),
                             {{"id", "kaohe"}, {"name", QStringLiteral("考核科")}, {"role", "supervisor"},
                              {"orgUnit", "center.district"}, {"password", "Kaohe-2026-pw"}, {"grants", QJsonArray{"assessment_admin"}}},
                             m_adminToken).status,
                 201);
        const QString kaohe = m_api->login(QStringLiteral("kaohe"), QStringLiteral("Kaohe-2026-pw"));
        QJsonObject set = QJsonDocument::fromJson(IndicatorSet::builtinJson()).object();
        set.insert(QStringLiteral("version"), QStringLiteral("2026.11"));
        set.insert(QStringLiteral("title"), QStringLiteral("调整后的指标"));
        const ApiClient::Response refused = m_api->put(QStringLiteral("/api/v1/reference/indicators/2026-11"), set, kaohe);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.json.value("field").toString(), QStringLiteral("effective"));
        QVERIFY2(refused.json.value("message").toString().contains(QStringLiteral("published up to 2026-11")), refused.raw.constData());
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/indicators/2026-12"), set, kaohe).status, 200);
    }

    // verify recomputes both revisions from the chained events under the versions they name; results altered in the
    // database — even with a matching hash written beside them — are reported.
    void verifyRecomputesPublishedMonths()
    {
        Run run = verify();
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        // September and October, published by the demo supervisor when the demo district was made, and November twice.
        QVERIFY2(run.output.contains(QStringLiteral("Recomputed 4 published month(s)")), qPrintable(run.output));

        // Quietly improve Tuodong's composite in revision 1, hash and all.
        MonthPublication p1 = monthOnServer(QStringLiteral("supervisor")).publications.first();
        for (UnitFigures &u : p1.result.streets)
            if (u.unitId == QLatin1String("street.tuodong"))
                u.composite = 99.5;
        const QByteArray altered = AssessmentResultJson::bytes(p1.result);
        QVERIFY(execute(QStringLiteral("UPDATE assessment_publications SET result = ?, result_hash = ? WHERE month = ? AND revision = 1"),
                        {QString::fromUtf8(altered), AssessmentResultJson::hashOf(altered), kMonth}));
        run = verify();
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("published assessment 2026-11 revision 1")), qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral("street.tuodong")), qPrintable(run.output));
        QVERIFY2(run.output.contains(QStringLiteral("differs from what the administrative log recorded")), qPrintable(run.output));
        QVERIFY2(!run.output.contains(QStringLiteral("revision 2")), qPrintable(run.output));

        // Deleting the correction would bring revision 1 back into force: the log still records it.
        QVERIFY(execute(QStringLiteral("DELETE FROM assessment_publications WHERE month = ? AND revision = 2"), {kMonth}));
        run = verify();
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QStringLiteral("2026-11 revision 2: the administrative log records this publication")),
                 qPrintable(run.output));
        // And who published a revision, why, or with which data is held to the log too.
        QVERIFY(execute(QStringLiteral("UPDATE assessment_publications SET reason = ? WHERE month = ? AND revision = 1"),
                        {QStringLiteral("无"), QStringLiteral("2026-10")}));
        run = verify();
        QVERIFY2(run.output.contains(QStringLiteral("published assessment 2026-10 revision 1: the stored publication differs")),
                 qPrintable(run.output));
    }
};

QTEST_MAIN(TstAssessmentPublication)
#include "tst_assessmentpublication.moc"

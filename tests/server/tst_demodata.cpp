// gridwhistle-server --demo-data (issue 18): a new database gets a living demo district through the real push path,
// in every state and side path, readable by the supervisor; the audit trail verifies; the database is marked as
// demo data; a second start adds nothing, and a database with real cases is never filled.
#include "apiclient.h"
#include "orgdirectory.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "workflow.h"
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

class TestDemoData : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data;
    qint64 m_cases = 0;

    static qint64 counter(const QString &dbFile, const QString &name)
    {
        qint64 value = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("demo-counter"));
            db.setDatabaseName(dbFile);
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT value FROM counters WHERE name = :n"));
                q.bindValue(QStringLiteral(":n"), name);
                value = q.exec() && q.next() ? q.value(0).toLongLong() : 0;
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("demo-counter"));
        return value;
    }

    static qint64 caseCount(const QString &dataDir)
    {
        return sqliteRowCounts(dataDir + QStringLiteral("/server.sqlite")).value(QStringLiteral("cases"), -1);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_data = m_dir.filePath(QStringLiteral("demo"));
    }

    void firstStartFillsTheDistrict()
    {
        ServerProcess server;
        QElapsedTimer clock;
        clock.start();
        const QString started = server.start(m_data, {QStringLiteral("--demo-data")});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const qint64 startMs = clock.elapsed();
        qInfo("server with a new demo district ready in %lld ms", startMs);
        QVERIFY2(startMs < 30000, "well within the 60 s a first start may take");
        QVERIFY2(server.output().contains(QStringLiteral("DEMO DATA")), qPrintable(server.output()));
        QVERIFY(server.standardOutput().contains(QStringLiteral("GRIDWHISTLE-SERVER DEMO-DATA")));

        // The supervisor pulls the whole district, as the client does at its first sync.
        ApiClient api(server.url(), m_data + QStringLiteral("/dev-cert.pem"));
        const QString token = api.login(QStringLiteral("supervisor"), DemoPassword);
        QVERIFY(!token.isEmpty());
        bool complete = false;
        const QList<CaseEvent> events = ApiClient::allEvents(
            [&](const QString &after) { return api.get("/api/v1/events?after=" + after + "&limit=5000", token); }, 50,
            &complete);
        QVERIFY(complete);
        // Accounts of streets and departments that act in the history sign in with the demo password.
        for (const char *id : {"gulou", "aziying", "shuiwu", "xiaofang", "chengguan", "tuodong"})
            QVERIFY2(!api.login(QLatin1String(id), DemoPassword).isEmpty(), id);
        server.stop();

        QMap<QString, QList<CaseEvent>> byCase;
        for (const CaseEvent &e : events)
            byCase[e.caseId].append(e);
        const Workflow workflow;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QSet<QString> streets, satisfactions;
        QSet<int> statuses;
        int lateCheckIns = 0, overdueOpen = 0, returned = 0, postponed = 0, denied = 0, reworked = 0, escalated = 0;
        for (auto it = byCase.begin(); it != byCase.end(); ++it) {
            std::sort(it->begin(), it->end(), [](const CaseEvent &a, const CaseEvent &b) { return a.caseSeq < b.caseSeq; });
            CaseRecord r;
            const Result replayed = workflow.replay(*it, &r);
            QVERIFY2(replayed.ok, qPrintable(replayed.message));
            QVERIFY(!r.number.isEmpty());  // numbered by the server, when it was registered (not "today")
            QCOMPARE(it->at(1).type, EventType::Numbered);
            QVERIFY(it->at(0).clientTime.secsTo(it->at(1).clientTime) <= 62);
            QVERIFY(it->at(0).clientTime.secsTo(it->at(1).serverTime) <= 62);
            QVERIFY(r.hasLocation && r.longitude > 102.69 && r.longitude < 102.91 && r.latitude > 25.02 && r.latitude < 25.36);
            streets.insert(r.streetId);
            statuses.insert(int(r.status));
            for (const DepartmentAssignment &a : r.departments) {
                lateCheckIns += a.checkedInAt.isValid() && a.checkedInAt > a.checkInDue;
                returned += a.state == DepartmentAssignment::State::Returned;
                postponed += a.postponeCount > 0;
            }
            for (const CaseEvent &e : std::as_const(*it))
                denied += e.type == EventType::PostponeDecided && !e.payload.value("approved").toBool();
            overdueOpen += !isTerminal(r.status) && r.isOverdue(now);
            reworked += r.reworkCount > 0;
            escalated += r.escalated;
            if (r.status == CaseStatus::Closed)
                satisfactions.insert(r.satisfaction);
        }
        m_cases = byCase.size();
        qInfo("%lld cases, %lld events", m_cases, qint64(events.size()));
        QVERIFY(m_cases >= 250);
        QCOMPARE(streets.size(), OrgDirectory::builtin().unitsOfKind(OrgUnit::Kind::Street).size());
        for (CaseStatus s : allCaseStatuses())
            QVERIFY2(statuses.contains(int(s)), qPrintable(caseStatusToString(s)));
        QCOMPARE(satisfactions, (QSet<QString>{"satisfied", "basic", "dissatisfied"}));
        QVERIFY(lateCheckIns > 0);
        QVERIFY(overdueOpen > 0);
        QVERIFY(returned > 0);
        QVERIFY(postponed > 0);
        QVERIFY(denied > 0);
        QVERIFY(reworked > 0);
        QVERIFY(escalated > 0);

        // Marked as demo data up to its last event, so later automatic rules can tell history from news.
        qint64 lastSeq = 0;
        for (const CaseEvent &e : events)
            lastSeq = qMax(lastSeq, e.serverSeq);
        QCOMPARE(counter(m_data + QStringLiteral("/server.sqlite"), QStringLiteral("demo_data.last_seq")), lastSeq);
    }

    void auditTrailVerifies()
    {
        QProcess verify;
        verify.start(ServerProcess::executable(), {QStringLiteral("verify"), QStringLiteral("--data-dir"), m_data});
        QVERIFY(verify.waitForFinished(60000));
        const QString out = QString::fromUtf8(verify.readAllStandardOutput() + verify.readAllStandardError());
        QVERIFY2(verify.exitStatus() == QProcess::NormalExit && verify.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("intact")), qPrintable(out));
    }

    void secondStartAddsNothing()
    {
        QVERIFY(m_cases > 0);
        ServerProcess server;
        QString started = server.start(m_data, {QStringLiteral("--demo-data")});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QVERIFY2(server.output().contains(QStringLiteral("earlier start")), qPrintable(server.output()));
        QVERIFY(server.standardOutput().contains(QStringLiteral("GRIDWHISTLE-SERVER DEMO-DATA")));
        server.stop();
        QCOMPARE(caseCount(m_data), m_cases);
        // Without the option the database still says what it holds.
        started = server.start(m_data, {});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QVERIFY(server.standardOutput().contains(QStringLiteral("GRIDWHISTLE-SERVER DEMO-DATA")));
        server.stop();
        QCOMPARE(caseCount(m_data), m_cases);
    }

    void realCasesAreNeverJoinedByDemoData()
    {
        const QString data = m_dir.filePath(QStringLiteral("real"));
        ServerProcess server;
        QString started = server.start(data, {QStringLiteral("--demo-users")});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QVERIFY(!server.standardOutput().contains(QStringLiteral("DEMO-DATA")));
        ApiClient api(server.url(), data + QStringLiteral("/dev-cert.pem"));
        const QString token = api.login(QStringLiteral("tuodong"), DemoPassword);
        const User tuodong = User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"));
        const CaseEvent reg = sealedForPush(registrationEvent(tuodong, QStringLiteral("street.tuodong"),
                                                              QStringLiteral("community.tuodong.1")));
        QCOMPARE(pushEvents(api, {reg}, token).status, 200);
        server.stop();

        started = server.start(data, {QStringLiteral("--demo-data")});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QVERIFY2(server.output().contains(QStringLiteral("already holds 1 case")), qPrintable(server.output()));
        QVERIFY(!server.standardOutput().contains(QStringLiteral("DEMO-DATA")));
        server.stop();
        QCOMPARE(caseCount(data), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"

// `gridwhistle-server verify`: tampering with the audit trail directly in the server's SQLite file (changed
// payload, deleted event, swapped events, a rewritten last event with a recomputed hash, a vanished case) is
// reported with exit code 1 naming the case and the event; an intact database gives exit code 0.
#include "categorycatalog.h"
#include "eventbuilder.h"
#include "securityserver.h"
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace gw;
using namespace gw::test;

class TstAuditVerify : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    QString m_pristine;     // the server database after the fixture, server stopped
    QString m_caseId;       // a case with 5 events: registered, numbered, analyzed, reviewed, whistled
    QString m_caseNumber;
    QStringList m_eventIds; // its events in chain order
    QString m_otherCase;    // a second case (registered, numbered, analyzed after the rules changed)
    int m_copies = 0;

    using Run = VerifyRun;
    static Run verify(const QString &dataDir) { return runVerify(dataDir); }

    // A fresh copy of the pristine database, changed by `sql` (statements run in order).
    QString tamperedCopy(const QStringList &sql)
    {
        const QString dir = m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies));
        if (!QDir().mkpath(dir) || !QFile::copy(m_pristine, dir + "/server.sqlite"))
            return {};
        const QString name = QStringLiteral("tamper%1").arg(m_copies);
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
            db.setDatabaseName(dir + "/server.sqlite");
            ok = db.open();
            QSqlQuery q(db);
            for (const QString &statement : sql) {
                if (ok && !q.exec(statement)) {
                    qWarning() << statement << q.lastError().text();
                    ok = false;
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok ? dir : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString err = m_pki.generate(m_dir.path());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        ServerProcess server;
        const QString data = m_dir.filePath("data");
        err = server.start(data, {"--cert", m_pki.certFile, "--key", m_pki.keyFile, "--demo-users"});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        ApiClient api(server.url(), m_pki.caFile);
        QHash<QString, QString> tokens;
        for (const char *u : {"tuodong", "dispatcher", "reviewer"})
            tokens.insert(u, api.login(u, DemoPassword));
        const User tuodong = User::make("tuodong", Role::StreetOperator, "street.tuodong");
        const User dispatcher = User::make("dispatcher", Role::CenterDispatcher, "center.district");
        const User reviewer = User::make("reviewer", Role::CenterReviewer, "center.district");
        const CaseEvent reg = registrationEvent(tuodong, "street.tuodong", {});
        m_caseId = reg.caseId;
        QCOMPARE(pushEvents(api, {reg}, tokens["tuodong"]).json.value("accepted").toInt(), 1);
        QCOMPARE(pushEvents(api, {EventBuilder(dispatcher, "d").make(EventType::Analyzed, m_caseId, {{"decision", "whistle"}, {"note", "需要城管"}})},
                            tokens["dispatcher"]).json.value("accepted").toInt(), 1);
        QCOMPARE(pushEvents(api, {EventBuilder(reviewer, "d").make(EventType::Reviewed, m_caseId, {{"decision", "approve"}, {"reason", ""}})},
                            tokens["reviewer"]).json.value("accepted").toInt(), 1);
        const ApiClient::Response c = api.get("/api/v1/cases/" + m_caseId, tokens["dispatcher"]);
        const CaseRecord record = CaseRecord::fromJson(c.json.value("case").toObject());
        m_caseNumber = record.number;
        QCOMPARE(pushEvents(api, {EventBuilder(dispatcher, "d").whistle(record, "dept.chengguan", {})}, tokens["dispatcher"])
                     .json.value("accepted").toInt(), 1);
        const CaseEvent other = registrationEvent(dispatcher, "street.gulou", {});
        m_otherCase = other.caseId;
        QCOMPARE(pushEvents(api, {other}, tokens["dispatcher"]).json.value("accepted").toInt(), 1);
        // Issue 16: the rules change after the cases' step clocks started (office hours, a step limit). The stored
        // cases keep the deadlines computed when the server took their events, and verify replays them so.
        QString adminPassword = initialAdminPassword(server.output());
        const QString adminToken = adminWithOwnPassword(api, &adminPassword);
        QVERIFY(!adminToken.isEmpty());
        QCOMPARE(api.put("/api/v1/reference/calendar/workday",
                         {{"start", "08:30"}, {"lunchStart", "12:00"}, {"lunchEnd", "14:30"}, {"end", "17:30"}}, adminToken).status, 200);
        Category rules = *CategoryCatalog::builtin().find(record.categoryId);
        for (Urgency u : allUrgencies())
            rules.stepLimits[u].analyzeHours += 3;
        QCOMPARE(api.put("/api/v1/reference/categories/" + rules.id, rules.toJson(), adminToken).status, 200);
        // One event after the change: its case's review clock runs under the new rules, the case's first events
        // under the old ones, so only a replay by the rules of each moment matches the stored case.
        QCOMPARE(pushEvents(api, {EventBuilder(dispatcher, "d").make(EventType::Analyzed, m_otherCase, {{"decision", "whistle"}})},
                            tokens["dispatcher"]).json.value("accepted").toInt(), 1);
        // A community the administrator added, and a case in it: verify replays it with the district's directory,
        // not the one shipped with the program (which does not know the community).
        QCOMPARE(api.post("/api/v1/reference/org/units",
                          {{"id", "community.gulou.9"}, {"name", QStringLiteral("金辉社区")}, {"kind", "community"},
                           {"parent", "street.gulou"}},
                          adminToken).status, 200);
        QCOMPARE(pushEvents(api, {registrationEvent(dispatcher, "street.gulou", "community.gulou.9")}, tokens["dispatcher"])
                     .json.value("accepted").toInt(), 1);
        server.stop();  // closing the last connection checkpoints the WAL into the file
        m_pristine = data + "/server.sqlite";
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "ids");
            db.setDatabaseName(m_pristine);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QString("SELECT id FROM events WHERE case_id = '%1' ORDER BY case_seq").arg(m_caseId)));
            while (q.next())
                m_eventIds << q.value(0).toString();
            db.close();
        }
        QSqlDatabase::removeDatabase("ids");
        QCOMPARE(m_eventIds.size(), 5);
    }

    void intactDatabaseVerifies()
    {
        const Run r = verify(m_dir.filePath("data"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        // 17: the account entries of the setup (8), the shipped calendar, categories, org directory, phrases and
        // indicator sets imported as reference data (5), the admin's own password (1), the office hours, the
        // category's step limits and the new community (3).
        QVERIFY2(r.output.contains("Checked 10 events of 3 cases and 17 administrative log entries") && r.output.contains("intact"),
                 qPrintable(r.output));
    }

    // Issue 17: account changes are in the administrative log, one hash chain that verify checks like a case's.
    void tamperedAdministrativeLogIsFound_data()
    {
        QTest::addColumn<QStringList>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("role rewritten") << QStringList{"UPDATE admin_log SET details = '{\"name\":\"x\",\"role\":\"administrator\"}' WHERE seq = 3"}
                                        << "entry #3";
        QTest::newRow("entry deleted") << QStringList{"DELETE FROM admin_log WHERE seq = 2"} << "entry #3 stands where #2";
        QTest::newRow("actor changed") << QStringList{"UPDATE admin_log SET actor = 'dispatcher' WHERE seq = 1"} << "entry #1";
    }

    void tamperedAdministrativeLogIsFound()
    {
        QFETCH(QStringList, sql);
        QFETCH(QString, expected);
        const QString dir = tamperedCopy(sql);
        QVERIFY(!dir.isEmpty());
        const Run r = verify(dir);
        QVERIFY2(r.exitCode == 1, qPrintable(r.output));
        QVERIFY2(r.output.contains("administrative log") && r.output.contains(expected), qPrintable(r.output));
    }

    void missingDatabaseIsAnError()
    {
        const Run r = verify(m_dir.filePath("nowhere"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.output.contains("no server database"), qPrintable(r.output));
        QVERIFY(!QFile::exists(m_dir.filePath("nowhere/server.sqlite")));
    }

    void tamperingIsReported_data()
    {
        QTest::addColumn<QStringList>("sql");
        QTest::addColumn<int>("eventIndex");  // which event of the case the report must name; -1: the case only
        QTest::addColumn<QString>("expect");  // a phrase of the report

        const QString c = m_caseId;
        QTest::newRow("payload changed") << QStringList{QString("UPDATE events SET body = REPLACE(body, '需要城管', '改过的意见') "
                                                                 "WHERE case_id = '%1' AND case_seq = 3").arg(c)}
                                         << 2 << "TAMPERED";
        QTest::newRow("actor changed in the body") << QStringList{QString("UPDATE events SET body = REPLACE(body, '\"actor\":\"reviewer\"', "
                                                                           "'\"actor\":\"dispatcher\"') WHERE case_id = '%1' AND case_seq = 4").arg(c)}
                                                   << 3 << "TAMPERED";
        QTest::newRow("middle event deleted") << QStringList{QString("DELETE FROM events WHERE case_id = '%1' AND case_seq = 3").arg(c)}
                                              << -1 << "TAMPERED";
        QTest::newRow("last event deleted") << QStringList{QString("DELETE FROM events WHERE case_id = '%1' AND case_seq = 5").arg(c)}
                                            << -1 << "ends at position 5";
        // Swap the bodies of events 3 and 4 (their order in the chain), keeping the row order.
        QTest::newRow("two events swapped") << QStringList{
            QString("UPDATE events SET case_seq = -3 WHERE case_id = '%1' AND case_seq = 3").arg(c),
            QString("UPDATE events SET case_seq = 3 WHERE case_id = '%1' AND case_seq = 4").arg(c),
            QString("UPDATE events SET case_seq = 4 WHERE case_id = '%1' AND case_seq = -3").arg(c)}
                                            << 2 << "TAMPERED";
        QTest::newRow("indexed column disagrees with body") << QStringList{QString("UPDATE events SET hash = 'abc' WHERE id = '%1'").arg(m_eventIds.at(1))}
                                                            << 1 << "disagree";
        QTest::newRow("unreadable body") << QStringList{QString("UPDATE events SET body = '{broken' WHERE id = '%1'").arg(m_eventIds.at(4))}
                                         << 4 << "cannot be read";
        QTest::newRow("case projection changed") << QStringList{QString("UPDATE cases SET state = REPLACE(state, '\"status\":\"whistled\"', "
                                                                         "'\"status\":\"closed\"') WHERE id = '%1'").arg(c)}
                                                 << -1 << "state differs";
        QTest::newRow("all events of a case deleted") << QStringList{QString("DELETE FROM events WHERE case_id = '%1'").arg(m_otherCase)}
                                                      << -1 << "all its events are gone";
    }
    void tamperingIsReported()
    {
        QFETCH(QStringList, sql);
        QFETCH(int, eventIndex);
        QFETCH(QString, expect);
        const QString dir = tamperedCopy(sql);
        QVERIFY(!dir.isEmpty());
        const Run r = verify(dir);
        qInfo("%s", qPrintable(r.output.trimmed()));
        QVERIFY2(r.exitCode == 1, qPrintable(QString("exit %1: %2").arg(r.exitCode).arg(r.output)));
        QVERIFY2(r.output.contains(expect), qPrintable(r.output));
        QVERIFY2(r.output.contains("tampered with"), qPrintable(r.output));
        const bool otherCase = QString(QTest::currentDataTag()).contains("all events");
        QVERIFY2(r.output.contains(otherCase ? m_otherCase : m_caseId), qPrintable(r.output));
        if (!otherCase)
            QVERIFY2(r.output.contains(m_caseNumber), qPrintable(r.output));
        if (eventIndex >= 0)
            QVERIFY2(r.output.contains(m_eventIds.at(eventIndex)), qPrintable(r.output));
    }

    void projectionUpdatedToMatchIsStillCaught()
    {
        // A careful forger rewrites the last event, recomputes its hash and fixes the case's last_hash too:
        // the chain then holds, but the global log has a gap or the replay differs. Here: delete the last event
        // and repair the projection's end so the chain and the case record agree.
        const QString c = m_caseId;
        const QString dir = tamperedCopy({QString("UPDATE cases SET case_seq = 4, last_hash = (SELECT hash FROM events WHERE case_id = '%1' "
                                                  "AND case_seq = 4) WHERE id = '%1'").arg(c),
                                          QString("DELETE FROM events WHERE case_id = '%1' AND case_seq = 5").arg(c)});
        QVERIFY(!dir.isEmpty());
        const Run r = verify(dir);
        QVERIFY2(r.exitCode == 1, qPrintable(r.output));
        QVERIFY2(r.output.contains("server sequence") || r.output.contains("state differs"), qPrintable(r.output));
    }
};

QTEST_GUILESS_MAIN(TstAuditVerify)
#include "tst_auditverify.moc"

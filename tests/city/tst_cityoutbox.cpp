// The city outbox's SQL on both databases the server supports: SQLite (a real file) and PostgreSQL (a throwaway
// cluster, skipped when the PostgreSQL server binaries are not installed).
#include "cityoutbox.h"
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>
#ifdef GW_HAVE_TESTPOSTGRES
#include "testpostgres.h"
#endif

using namespace gw;

class TestCityOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
#ifdef GW_HAVE_TESTPOSTGRES
    gw::test::TestPostgres m_postgres;
#endif
    QString m_postgresUrl;
    QString m_postgresProblem;

    static CityOutboxMessage message(const QString &key, const QString &caseId, CityOutboxMessage::Kind kind,
                                     const QDateTime &at)
    {
        CityOutboxMessage m;
        m.idempotencyKey = key;
        m.caseId = caseId;
        m.kind = kind;
        m.body = QJsonObject{{"text", QStringLiteral("拓东街道 '; DROP TABLE city_outbox; --")}};
        m.createdAt = at;
        return m;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
#ifdef GW_HAVE_TESTPOSTGRES
        bool missing = false;
        m_postgresUrl = m_postgres.start(&m_postgresProblem, &missing);
        if (m_postgresUrl.isEmpty() && !missing)
            QFAIL(qPrintable(m_postgresProblem));
#else
        m_postgresProblem = QStringLiteral("built without the PostgreSQL test helper");
#endif
    }

    void outboxOnBothDatabases_data()
    {
        QTest::addColumn<QString>("driver");
        QTest::newRow("sqlite") << "QSQLITE";
        QTest::newRow("postgresql") << "QPSQL";
    }
    void outboxOnBothDatabases()
    {
        QFETCH(QString, driver);
        const QString connection = QStringLiteral("outbox_") + driver;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(driver, connection);
            if (driver == QLatin1String("QSQLITE")) {
                db.setDatabaseName(m_dir.filePath("outbox.sqlite"));
            } else {
                if (m_postgresUrl.isEmpty())
                    QSKIP(qPrintable(m_postgresProblem));
                const QUrl url(m_postgresUrl);
                db.setHostName(url.host());
                db.setPort(url.port());
                db.setUserName(url.userName());
                db.setDatabaseName(url.path().mid(1));
            }
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            CityOutbox outbox(db);
            QVERIFY(outbox.ensureSchema().ok);
            QVERIFY(outbox.ensureSchema().ok);  // again: no harm

            const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1764000000000, Qt::UTC);
            bool inserted = false;
            QVERIFY(outbox.link("case-a", "escalated", {}, t0).ok);
            QVERIFY(outbox.link("case-b", "escalated", {}, t0).ok);  // two links waiting for a city id: both NULL
            QVERIFY(outbox.enqueue(message("k-esc-a", "case-a", CityOutboxMessage::Kind::Escalation, t0), &inserted).ok);
            QVERIFY(inserted);
            QVERIFY(outbox.enqueue(message("k-esc-a", "case-a", CityOutboxMessage::Kind::Escalation, t0), &inserted).ok);
            QVERIFY(!inserted);  // same idempotency key: nothing new
            QVERIFY(outbox.enqueue(message("k-st-a", "case-a", CityOutboxMessage::Kind::StatusUpdate, t0.addMSecs(1)), &inserted).ok);
            QVERIFY(outbox.enqueue(message("k-esc-b", "case-b", CityOutboxMessage::Kind::Escalation, t0.addMSecs(2)), &inserted).ok);
            QCOMPARE(outbox.count(CityOutboxMessage::State::Pending), 3);

            QList<CityOutboxMessage> due = outbox.due(t0.addSecs(1));
            QCOMPARE(due.size(), 3);
            QCOMPARE(due.at(0).idempotencyKey, QStringLiteral("k-esc-a"));  // send order
            QCOMPARE(due.at(1).idempotencyKey, QStringLiteral("k-st-a"));
            QCOMPARE(due.at(0).body.value("text").toString(), QStringLiteral("拓东街道 '; DROP TABLE city_outbox; --"));
            QVERIFY(outbox.hasEarlierOpen("case-a", due.at(1).seq));
            QVERIFY(!outbox.hasEarlierOpen("case-a", due.at(0).seq));

            // On the wire, then the process stops: re-queued on the next start.
            QVERIFY(outbox.markSent(due.at(0).id, t0).ok);
            QCOMPARE(outbox.syncStateOf("case-a").state, CityCaseState::State::Sent);
            QCOMPARE(outbox.recoverInterrupted(t0), 1);
            QCOMPARE(outbox.message(due.at(0).id)->state, CityOutboxMessage::State::Pending);
            QCOMPARE(outbox.message(due.at(0).id)->attempts, 1);

            // Retry later with a reason; not due before its time.
            QVERIFY(outbox.markRetry(due.at(0).id, "HTTP 503", 503, t0.addSecs(60), t0).ok);
            QCOMPARE(outbox.due(t0.addSecs(30)).size(), 2);
            QCOMPARE(outbox.syncStateOf("case-a").reason.text(), QStringLiteral("HTTP 503"));
            QCOMPARE(outbox.troubled().size(), 1);

            // Acknowledged escalation links the case to the city's id.
            QVERIFY(outbox.markAcknowledged(due.at(0).id, "C-1", 201, t0.addSecs(61)).ok);
            QCOMPARE(outbox.cityRequestIdOf("case-a"), QStringLiteral("C-1"));
            QCOMPARE(outbox.caseIdOfCityRequest("C-1"), QStringLiteral("case-a"));
            QCOMPARE(outbox.syncStateOf("case-a").state, CityCaseState::State::Pending);  // the update still waits
            QVERIFY(!outbox.hasEarlierOpen("case-a", due.at(1).seq));

            // Refused, then retried by an administrator.
            QVERIFY(outbox.markFailed(due.at(2).id, "HTTP 422: bad code", 422, t0).ok);
            CityCaseState s = outbox.syncStateOf("case-b");
            QCOMPARE(s.state, CityCaseState::State::Failed);
            QCOMPARE(s.reason.text(), QStringLiteral("HTTP 422: bad code"));
            QVERIFY(outbox.retryNow(due.at(2).id, t0.addSecs(100)).ok);
            QCOMPARE(outbox.message(due.at(2).id)->state, CityOutboxMessage::State::Pending);
            QVERIFY(!outbox.retryNow(due.at(0).id, t0).ok);  // already acknowledged

            // Fingerprints, intake states, cursor.
            QVERIFY(outbox.setFingerprint("case-a", "open|accepted|").ok);
            QCOMPARE(outbox.fingerprintOf("case-a"), QStringLiteral("open|accepted|"));
            QVERIFY(outbox.link("case-c", "assigned", "C-9", t0).ok);
            QVERIFY(outbox.setIntakeRaw("case-c", {{"service_request_id", "C-9"}}).ok);
            QVERIFY(outbox.setIntakeState("case-c", "offered", {}, t0).ok);
            QCOMPARE(outbox.offeredIntakes().size(), 1);
            QVERIFY(outbox.setIntakeState("case-c", "rejected", "unknown area", t0).ok);
            QCOMPARE(outbox.rejectedIntakes().value(0).second.text(), QStringLiteral("unknown area"));
            QVERIFY(!outbox.linkedCases().contains("case-c"));
            QVERIFY(outbox.setMetaValue("pull_cursor", "2026-11-25T00:00:00.000Z").ok);
            QVERIFY(outbox.setMetaValue("pull_cursor", "2026-11-26T00:00:00.000Z").ok);
            QCOMPARE(outbox.metaValue("pull_cursor"), QStringLiteral("2026-11-26T00:00:00.000Z"));
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
    }

    void cleanupTestCase()
    {
#ifdef GW_HAVE_TESTPOSTGRES
        m_postgres.stop();
#endif
    }
};

QTEST_GUILESS_MAIN(TestCityOutbox)
#include "tst_cityoutbox.moc"

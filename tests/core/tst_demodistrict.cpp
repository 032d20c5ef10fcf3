// The demo district generator (DemoDistrict): every story replays through the Workflow, the district covers every
// street, state and side path the server's --demo-data promises, times lie in the past and in office hours, the
// same seed gives the same district, and the GUI tests' staged cases stop where they say.
#include "demodistrict.h"
#include "demodistrictdata.h"
#include "orgdirectory.h"
#include "workcalendar.h"
#include "workflow.h"
#include <QSet>
#include <QtTest>

using namespace gw;

class TestDemoDistrict : public QObject
{
    Q_OBJECT

    static QList<CaseEvent> eventsOf(const DemoDistrict::Case &c)
    {
        QList<CaseEvent> events;
        for (const DemoDistrict::Step &step : c.steps)
            events.append(step.event);
        return events;
    }

private slots:
    // Whatever the day the server first starts: recent cases have not moved over a weekend or a holiday.
    void districtReplaysAndCoversEveryPath_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("Sunday noon") << QDateTime(QDate(2026, 12, 6), QTime(3, 36), Qt::UTC) << 2026u;
        QTest::newRow("Monday 08:35") << QDateTime(QDate(2026, 12, 7), QTime(0, 35), Qt::UTC) << 2026u;
        QTest::newRow("after National Day") << QDateTime(QDate(2026, 10, 8), QTime(0, 40), Qt::UTC) << 5u;
        QTest::newRow("Friday evening") << QDateTime(QDate(2026, 12, 11), QTime(11, 30), Qt::UTC) << 9u;
        QTest::newRow("now") << QDateTime::currentDateTimeUtc() << 2026u;
    }

    void districtReplaysAndCoversEveryPath()
    {
        QFETCH(QDateTime, now);
        QFETCH(quint32, seed);
        DemoDistrict::Options options;
        options.now = now;
        options.seed = seed;
        DemoDistrict demo(options);
        QList<DemoDistrict::Case> cases;
        const Result made = demo.district(300, 90, &cases);
        QVERIFY2(made.ok, qPrintable(made.message));
        QCOMPARE(cases.size(), 300);

        const Workflow workflow;
        const OrgDirectory &org = OrgDirectory::builtin();
        QSet<QString> streets, departments, satisfactions;
        QSet<int> statuses;
        QMap<QString, int> statusCounts;
        QSet<int> stories;
        int lateCheckIns = 0, overdueOpen = 0, returned = 0, postponed = 0, denied = 0, reworked = 0, escalated = 0;
        int events = 0;
        for (const DemoDistrict::Case &c : cases) {
            CaseRecord record;
            const Result replayed = workflow.replay(eventsOf(c), &record);
            QVERIFY2(replayed.ok, qPrintable(DemoDistrict::storyName(c.story) + QStringLiteral(": ") + replayed.message));
            QCOMPARE(record.id, c.id);
            events += int(c.steps.size());
            stories.insert(int(c.story));
            statuses.insert(int(record.status));
            ++statusCounts[caseStatusToString(record.status)];
            streets.insert(record.streetId);
            QDateTime previous;
            for (const DemoDistrict::Step &step : c.steps) {
                QCOMPARE(step.event.actorId, step.actor.id);
                QCOMPARE(step.event.actorRole, step.actor.role);
                QVERIFY(step.event.clientTime < options.now);
                QVERIFY(!previous.isValid() || step.event.clientTime >= previous);
                previous = step.event.clientTime;
                denied += step.event.type == EventType::PostponeDecided && !step.event.payload.value("approved").toBool();
            }
            // Registered in office hours, within the 90 days.
            const QDateTime local = record.registeredAt.toTimeZone(WorkCalendar::districtZone());
            QVERIFY2(local.time() >= QTime(8, 30) && local.time() < QTime(18, 0), qPrintable(local.toString(Qt::ISODate)));
            QVERIFY(record.registeredAt >= options.now.addDays(-91));
            // On the map inside its street.
            const demodata::Street *area = demodata::street(record.streetId);
            QVERIFY(area && record.hasLocation);
            QVERIFY(record.longitude >= area->west && record.longitude <= area->east);
            QVERIFY(record.latitude >= area->south && record.latitude <= area->north);
            QVERIFY(record.longitude >= 102.70 && record.longitude <= 102.90);
            QVERIFY(record.latitude >= 25.02 && record.latitude <= 25.35);
            QVERIFY(record.address.startsWith(QStringLiteral("盘龙区")));
            for (const DepartmentAssignment &a : record.departments) {
                departments.insert(a.departmentId);
                lateCheckIns += a.checkedInAt.isValid() && a.checkedInAt > a.checkInDue;
                returned += a.state == DepartmentAssignment::State::Returned;
                postponed += a.postponeCount > 0;
            }
            overdueOpen += !isTerminal(record.status) && record.isOverdue(options.now);
            reworked += record.reworkCount > 0;
            escalated += record.escalated;
            if (record.status == CaseStatus::Closed)
                satisfactions.insert(record.satisfaction);
        }
        QStringList counts;
        for (auto it = statusCounts.cbegin(); it != statusCounts.cend(); ++it)
            counts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
        qInfo("%d cases, %d events; %s; overdue open %d, late check-ins %d", int(cases.size()), events,
              qPrintable(counts.join(QStringLiteral(", "))), overdueOpen, lateCheckIns);
        QCOMPARE(stories.size(), DemoDistrict::StoryCount);
        for (CaseStatus s : allCaseStatuses())
            QVERIFY2(statuses.contains(int(s)), qPrintable(caseStatusToString(s)));
        QCOMPARE(streets.size(), org.unitsOfKind(OrgUnit::Kind::Street).size());
        QVERIFY2(departments.size() >= org.unitsOfKind(OrgUnit::Kind::Department).size() - 2,
                 qPrintable(QString::number(departments.size())));
        QCOMPARE(satisfactions, (QSet<QString>{"satisfied", "basic", "dissatisfied"}));
        QVERIFY(lateCheckIns > 0);
        QVERIFY(overdueOpen > 0);
        QVERIFY(returned > 0);
        QVERIFY(postponed > 0);
        QVERIFY(denied > 0);
        QVERIFY(reworked > 0);
        QVERIFY(escalated > 0);
        QVERIFY(events > 1500);
    }

    void sameSeedSameDistrict()
    {
        DemoDistrict::Options options;
        options.now = QDateTime::currentDateTimeUtc();
        options.seed = 7;
        QList<DemoDistrict::Case> a, b;
        QVERIFY(DemoDistrict(options).district(60, 90, &a).ok);
        QVERIFY(DemoDistrict(options).district(60, 90, &b).ok);
        QCOMPARE(a.size(), b.size());
        for (int i = 0; i < a.size(); ++i) {
            QCOMPARE(a.at(i).story, b.at(i).story);
            QCOMPARE(a.at(i).steps.size(), b.at(i).steps.size());
            for (int k = 0; k < a.at(i).steps.size(); ++k) {
                QCOMPARE(a.at(i).steps.at(k).event.type, b.at(i).steps.at(k).event.type);
                QCOMPARE(a.at(i).steps.at(k).event.clientTime, b.at(i).steps.at(k).event.clientTime);
            }
            QCOMPARE(a.at(i).steps.first().event.payload, b.at(i).steps.first().event.payload);
            QVERIFY(a.at(i).id != b.at(i).id);  // fresh ids: two runs never collide in one store
        }
    }

    void stagesStopWhereTheySay()
    {
        DemoDistrict::Options options;
        options.focusStreet = QStringLiteral("street.tuodong");
        QList<DemoDistrict::Case> cases;
        QVERIFY(DemoDistrict(options).stages(27, &cases).ok);
        const Workflow workflow;
        const CaseStatus expected[] = {CaseStatus::Registered, CaseStatus::Analyzed, CaseStatus::Approved,
                                       CaseStatus::Whistled,   CaseStatus::Handling, CaseStatus::Handled,
                                       CaseStatus::Verified,   CaseStatus::Closed,   CaseStatus::StreetHandling};
        for (int i = 0; i < cases.size(); ++i) {
            CaseRecord record;
            QVERIFY(workflow.replay(eventsOf(cases.at(i)), &record).ok);
            QCOMPARE(record.status, expected[i % DemoDistrict::StageCount]);
            if (i % 3 == 0)
                QCOMPARE(record.streetId, QStringLiteral("street.tuodong"));
        }
    }

    void accountsActForTheirUnits()
    {
        const QList<User> accounts = DemoDistrict::accounts();
        QSet<QString> ids;
        for (const User &u : accounts) {
            QVERIFY2(!ids.contains(u.id), qPrintable(u.id));
            ids.insert(u.id);
            QVERIFY(OrgDirectory::builtin().find(u.orgUnitId));
        }
        for (const char *id : {"dispatcher", "reviewer", "supervisor", "tuodong", "shifu", "chengguan", "zhujian"})
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        QCOMPARE(DemoDistrict::account(QStringLiteral("gulou")).orgUnitId, QStringLiteral("street.gulou"));
        QCOMPARE(DemoDistrict::handler(QStringLiteral("dept.shuiwu")).id, QStringLiteral("shuiwu"));
        QCOMPARE(DemoDistrict::handler(QStringLiteral("dept.shuiwu")).role, Role::DepartmentHandler);
    }
};

QTEST_GUILESS_MAIN(TestDemoDistrict)
#include "tst_demodistrict.moc"

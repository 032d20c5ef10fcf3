#include "auditchain.h"
#include "casequery.h"
#include "casestore.h"
#include "searchtext.h"
#include "storefixture.h"
#include "syncjournal.h"
#include "attachmentstore.h"
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>

using namespace gw;
using namespace gw::test;

class TestCaseStore : public QObject
{
    Q_OBJECT

    // What the filter tests made, kept beside the store so expectations are computed, not typed in.
    struct Made {
        QString id;
        QString street;
        QString community;
        QString category;
        Urgency urgency = Urgency::Normal;
        CaseStatus status = CaseStatus::Registered;
        QStringList departments;
        QDateTime registeredAt;
        QDateTime due;
    };

    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("store%1.db").arg(++m_files)); }

    // A store holding a known mix of streets, categories, urgencies, stages and departments.
    void buildMix(CaseStore &store, QList<Made> *made)
    {
        const QStringList streets{"street.tuodong", "street.gulou", "street.donghua"};
        const QStringList categories{"city_appearance", "water", "traffic"};
        const QDateTime t0(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);  // a Monday
        for (int i = 0; i < 24; ++i) {
            Made m;
            m.street = streets.at(i % 3);
            m.category = categories.at((i / 3) % 3);
            m.urgency = i % 2 ? Urgency::Urgent : Urgency::Normal;
            m.registeredAt = t0.addSecs(3600 * i);
            CaseDraft d = draft(QStringLiteral("案件%1 %2").arg(i).arg(i % 5 == 0 ? "井盖破损" : "占道经营"), m.street,
                                m.category, QStringLiteral("描述%1").arg(i));
            d.communityId = m.street.section(u'.', 1) .prepend(QStringLiteral("community.")) + (i % 2 ? ".1" : ".2");
            d.urgency = m.urgency;
            m.community = d.communityId;
            const User op = streetOperator(m.street);
            m.id = registerCase(store, op, d, m.registeredAt);
            QVERIFY(!m.id.isEmpty());
            const QDateTime later = m.registeredAt.addSecs(60);
            switch (i % 4) {
            case 0:
                break;
            case 1: {
                CaseEvent a = builder(store, op, later).make(EventType::Analyzed, m.id, {{"decision", "whistle"}, {"note", ""}});
                QVERIFY(gw::test::appendAsAuthor(store, a).ok);
                m.status = CaseStatus::Analyzed;
                break;
            }
            case 2: {
                const QString lead = i % 8 == 2 ? "dept.chengguan" : "dept.shuiwu";
                const QStringList assist = i % 3 == 0 ? QStringList{"dept.jiaojing"} : QStringList{};
                QVERIFY(whistleCase(store, m.id, lead, assist, later));
                m.status = CaseStatus::Whistled;
                m.departments = QStringList{lead} + assist;
                m.due = store.caseById(m.id)->nextDue();
                QVERIFY(m.due.isValid());
                break;
            }
            case 3: {
                CaseEvent a = builder(store, op, later).make(EventType::Analyzed, m.id, {{"decision", "whistle"}, {"note", ""}});
                QVERIFY(gw::test::appendAsAuthor(store, a).ok);
                CaseEvent r = builder(store, reviewer(), later).make(EventType::Reviewed, m.id,
                                                                     {{"decision", "reject"}, {"reason", "重复上报"}});
                QVERIFY(gw::test::appendAsAuthor(store, r).ok);
                m.status = CaseStatus::Rejected;
                break;
            }
            }
            // Step clocks: registered and analyzed cases wait for the street or center against a deadline too.
            m.due = store.caseById(m.id)->nextDue();
            QCOMPARE(m.due.isValid(), m.status != CaseStatus::Rejected);
            made->append(m);
        }
    }

    static QSet<QString> idsOf(const QList<CaseSummary> &rows)
    {
        QSet<QString> out;
        for (const CaseSummary &s : rows)
            out.insert(s.id);
        return out;
    }
    static QSet<QString> expected(const QList<Made> &made, const std::function<bool(const Made &)> &keep)
    {
        QSet<QString> out;
        for (const Made &m : made)
            if (keep(m))
                out.insert(m.id);
        return out;
    }
    void compareFilter(const CaseStore &store, const CaseFilter &f, const QSet<QString> &want, const char *what)
    {
        const QList<CaseSummary> rows = store.listCases(f, 0, 1000);
        QVERIFY2(idsOf(rows) == want, what);
        QCOMPARE(rows.size(), want.size());
        QCOMPARE(store.countCases(f), int(want.size()));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void roundTripOfEveryField()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        QVERIFY(!store.deviceId().isEmpty());
        const User rep = reporter();
        CaseDraft d = draft(QStringLiteral("北京路人行道井盖缺失 \"危险\""));
        d.description = QStringLiteral("第一行：井盖缺失；\n第二行：夜间无警示，易造成行人跌落。'; DROP TABLE cases; --");
        d.subcategoryId = QStringLiteral("garbage");
        d.address = QStringLiteral("盘龙区拓东街道北京路与人民东路交叉口东南角");
        d.gridCell = QStringLiteral("PL-TD-01-07");
        d.hasLocation = true;
        d.longitude = 102.7183456789;
        d.latitude = 25.0456123;
        d.urgency = Urgency::Critical;
        d.reporterName = QStringLiteral("张三");
        d.reporterPhone = QStringLiteral("+86 138-0000-0000");
        QJsonObject photo;
        QVERIFY(store.attachments().put(CaseEvent::newId(), QStringLiteral("现场.jpg"), QByteArray("\xFF\xD8\xFF\xE0rest", 8), &photo).ok);
        d.attachments = QJsonArray{photo};
        const QDateTime at(QDate(2025, 12, 31), QTime(17, 0), Qt::UTC);  // 01:00 on 1 January 2026 in Kunming
        CaseEvent e = builder(store, rep, at).registerCase(d);
        QSignalSpy changed(&store, &CaseStore::casesChanged);
        const Result r = gw::test::appendAsAuthor(store, e);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList(), QStringList{e.caseId});
        QCOMPARE(e.caseSeq, 1);
        QVERIFY(e.prevHash.isEmpty());
        QCOMPARE(e.hash, e.computeHash());
        QVERIFY(QRegularExpression(QStringLiteral("^PL-2026-\\d{6}$")).match(e.payload.value("number").toString()).hasMatch());

        const std::optional<CaseRecord> c = store.caseById(e.caseId);
        QVERIFY(c.has_value());
        QCOMPARE(c->id, e.caseId);
        QCOMPARE(c->number, e.payload.value("number").toString());
        QCOMPARE(c->title, d.title);
        QCOMPARE(c->description, d.description);
        QCOMPARE(c->categoryId, d.categoryId);
        QCOMPARE(c->subcategoryId, d.subcategoryId);
        QCOMPARE(c->streetId, d.streetId);
        QCOMPARE(c->communityId, d.communityId);
        QCOMPARE(c->address, d.address);
        QCOMPARE(c->gridCell, d.gridCell);
        QVERIFY(c->hasLocation);
        QCOMPARE(c->longitude, d.longitude);
        QCOMPARE(c->latitude, d.latitude);
        QCOMPARE(c->urgency, Urgency::Critical);
        QCOMPARE(c->reporterName, d.reporterName);
        QCOMPARE(c->reporterPhone, d.reporterPhone);
        QCOMPARE(c->attachments, d.attachments);
        QCOMPARE(c->registeredBy, rep.id);
        QCOMPARE(c->registeredAt, at);
        QCOMPARE(c->updatedAt, at);
        QCOMPARE(c->status, CaseStatus::Registered);
        QCOMPARE(c->eventCount, 1);
        QCOMPARE(c->lastHash, e.hash);

        const QList<CaseEvent> events = store.eventsOf(e.caseId);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().toJson(), e.toJson());
        QCOMPARE(events.first().clientTime, at);
        QVERIFY(store.containsEvent(e.id));
        QCOMPARE(store.journal().pendingCount(), 1);
        QCOMPARE(store.journal().outboxEvents(10).first().toJson(), e.toJson());

        const QList<CaseSummary> list = store.listCases(CaseFilter(), 0, 10);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().title, d.title);
        QCOMPARE(list.first().number, c->number);
        QCOMPARE(list.first().urgency, Urgency::Critical);
        QCOMPARE(list.first().registeredAt, at);
        QVERIFY(list.first().pendingSync);
        // The analysis step's clock is the next deadline of a registered case.
        QCOMPARE(c->step, CaseStep::Analyze);
        QVERIFY(c->stepDue.isValid());
        QCOMPARE(list.first().nextDue, c->stepDue);

        // A second registration takes the next provisional number.
        CaseEvent second = builder(store, rep, at).registerCase(draft(QStringLiteral("第二件")));
        QVERIFY(gw::test::appendAsAuthor(store, second).ok);
        const int n1 = e.payload.value("number").toString().right(6).toInt();
        QCOMPARE(second.payload.value("number").toString().right(6).toInt(), n1 + 1);
        // A number given by the caller (e.g. an import) is kept.
        CaseEvent third = builder(store, rep, at).registerCase(draft(QStringLiteral("第三件")));
        third.payload.insert("number", "PL-2025-999999");
        QVERIFY(gw::test::appendAsAuthor(store, third).ok);
        QCOMPARE(store.caseById(third.caseId)->number, QStringLiteral("PL-2025-999999"));
    }

    void wholeWorkflowThroughAppend()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const QString id = registerCase(store, streetOperator(), draft(QStringLiteral("河道垃圾堆积")));
        QVERIFY(!id.isEmpty());
        QVERIFY(whistleCase(store, id, "dept.chengguan", {"dept.shuiwu"}));
        QCOMPARE(store.caseById(id)->status, CaseStatus::Whistled);
        QCOMPARE(store.listCases(CaseFilter(), 0, 5).first().departments, (QStringList{"dept.chengguan", "dept.shuiwu"}));
        for (const QString dept : {"dept.chengguan", "dept.shuiwu"}) {
            GW_APPEND(store, builder(store, handler(dept)).make(EventType::CheckedIn, id, {{"department", dept}}));
            QCOMPARE(store.caseById(id)->status, CaseStatus::Handling);
        }
        for (const QString dept : {"dept.chengguan", "dept.shuiwu"})
            GW_APPEND(store, builder(store, handler(dept)).make(EventType::Handled, id,
                                                               {{"department", dept}, {"feedback", "已现场处置完毕"}}));
        QCOMPARE(store.caseById(id)->status, CaseStatus::Handled);
        GW_APPEND(store, builder(store, streetOperator()).make(EventType::Verified, id, {{"passed", true}, {"reason", ""}}));
        GW_APPEND(store, builder(store, dispatcher()).make(EventType::Closed, id, {{"satisfaction", "satisfied"}}));
        const CaseRecord c = *store.caseById(id);
        QCOMPARE(c.status, CaseStatus::Closed);
        QCOMPARE(c.satisfaction, QStringLiteral("satisfied"));
        QCOMPARE(c.eventCount, 10);
        const QList<CaseEvent> events = store.eventsOf(id);
        QCOMPARE(events.size(), 10);
        QVERIFY2(AuditChain::verify(events).ok(), qPrintable(AuditChain::verify(events).message));
        QCOMPARE(events.last().hash, c.lastHash);
        // The stored projection equals a replay of the stored events.
        CaseRecord replayed;
        QVERIFY(Workflow().replay(events, &replayed).ok);
        QCOMPARE(replayed.toJson(), c.toJson());
        // Each person's actions were settled (sent from their own desktop) before the next person acted on the case
        // (issue 17); the last person's are still waiting.
        QVERIFY(store.journal().pendingCount() >= 1);
        QCOMPARE(store.journal().pendingCount(events.last().actorId), store.journal().pendingCount());
        CaseFilter closed;
        closed.statuses = {CaseStatus::Closed};
        QCOMPARE(store.countCases(closed), 1);
        CaseFilter open;
        open.openOnly = true;
        QCOMPARE(store.countCases(open), 0);
        CaseFilter shuiwu;
        shuiwu.departmentId = "dept.shuiwu";
        QCOMPARE(store.countCases(shuiwu), 1);
    }

    // The filter columns of `cases` match the projection after every kind of change: writeProjection
    // updates only the columns whose value changed, so a missed change would leave a stale column here.
    static void checkColumns(const CaseStore &store, const QString &id)
    {
        const std::optional<CaseRecord> r = store.caseById(id);
        QVERIFY(r);
        QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
        q.prepare("SELECT number, title, status, category, street, community, urgency, registered_at, updated_at,"
                  " next_due, on_hold, escalated, departments, state FROM cases WHERE id = ?");
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toString(), r->number);
        QCOMPARE(q.value(1).toString(), r->title);
        QCOMPARE(q.value(2).toString(), caseStatusToString(r->status));
        QCOMPARE(q.value(3).toString(), r->categoryId);
        QCOMPARE(q.value(4).toString(), r->streetId);
        QCOMPARE(q.value(5).toString(), r->communityId);
        QCOMPARE(q.value(6).toString(), urgencyToString(r->urgency));
        QCOMPARE(q.value(7).toLongLong(), r->registeredAt.toMSecsSinceEpoch());
        QCOMPARE(q.value(8).toLongLong(), r->updatedAt.toMSecsSinceEpoch());
        QCOMPARE(q.value(9).isNull(), !r->nextDue().isValid());
        if (r->nextDue().isValid())
            QCOMPARE(q.value(9).toLongLong(), r->nextDue().toMSecsSinceEpoch());
        QCOMPARE(q.value(10).toBool(), r->onHold);
        QCOMPARE(q.value(11).toBool(), r->escalated);
        QCOMPARE(q.value(12).toString().split(u' ', Qt::SkipEmptyParts), r->activeDepartmentIds());
        QCOMPARE(QJsonDocument::fromJson(q.value(13).toString().toUtf8()).object(), r->toJson());
    }

    void filterColumnsFollowEveryChange()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        QDateTime t(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
        const QString id = registerCase(store, streetOperator(), draft(QStringLiteral("列更新")), t);
        checkColumns(store, id);
        QVERIFY(whistleCase(store, id, "dept.chengguan", {"dept.shuiwu"}, t.addSecs(60)));
        checkColumns(store, id);
        auto step = [&](const User &who, EventType type, const QJsonObject &payload) {
            t = t.addSecs(3600);
            CaseEvent e = builder(store, who, t).make(type, id, payload);
            const Result r = gw::test::appendAsAuthor(store, e);
            QVERIFY2(r.ok, qPrintable(r.message));
            checkColumns(store, id);
        };
        step(reviewer(), EventType::HoldChanged, {{"onHold", true}, {"reason", "等待天气好转"}});
        step(reviewer(), EventType::HoldChanged, {{"onHold", false}, {"reason", "恢复"}});
        step(reviewer(), EventType::Escalated, {{"reason", "需市级协调"}});
        step(handler("dept.shuiwu"), EventType::AssignmentReturned, {{"department", "dept.shuiwu"}, {"reason", "不属于本部门"}});
        step(handler("dept.chengguan"), EventType::CheckedIn, {{"department", "dept.chengguan"}});
        step(handler("dept.chengguan"), EventType::Handled, {{"department", "dept.chengguan"}, {"feedback", "已处置"}});
        step(streetOperator(), EventType::Verified, {{"passed", true}, {"reason", ""}});
        step(dispatcher(), EventType::Closed, {{"satisfaction", "basic"}});
        step(reviewer(), EventType::Reopened, {{"reason", "群众再次反映"}});

        // Several changes to one case in one batch: one UPDATE with the union of the changed columns.
        const QString other = registerCase(store, streetOperator(), draft(QStringLiteral("批量列更新")), t);
        QList<CaseEvent> batch{
            builder(store, streetOperator(), t.addSecs(10)).make(EventType::Analyzed, other, {{"decision", "whistle"}, {"note", ""}}),
            builder(store, streetOperator(), t.addSecs(20)).make(EventType::Commented, other, {{"text", "已联系住建"}}),
        };
        QVERIFY(store.appendBatch(batch).ok);
        checkColumns(store, other);
        checkColumns(store, id);
    }

    void refusedEventWritesNothing()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const QString id = registerCase(store, streetOperator(), draft(QStringLiteral("路灯不亮")));
        QVERIFY(!id.isEmpty());
        const QString stateBefore = QJsonDocument(store.caseById(id)->toJson()).toJson();
        auto counts = [&] {
            return QList<int>{countRows(store, "events"), countRows(store, "outbox"), countRows(store, "cases"),
                              countRows(store, "case_departments"), countRows(store, "meta")};
        };
        QVERIFY(gw::test::settleOutbox(store).ok);  // the refusals below are the workflow's, not held_for_author
        const QList<int> before = counts();
        QSignalSpy changed(&store, &CaseStore::casesChanged);

        // Wrong role, wrong state, invalid payload, unknown case, another street's operator, a grid cell of another
        // community (拓东 2's, for a case of 拓东 1).
        CaseDraft elsewhere = draft(QStringLiteral("井盖缺失"));
        elsewhere.gridCell = QStringLiteral("530103001002001");
        QList<CaseEvent> refused{
            builder(store, streetOperator()).registerCase(elsewhere),
            builder(store, handler("dept.chengguan")).make(EventType::Analyzed, id, {{"decision", "whistle"}}),
            builder(store, dispatcher()).make(EventType::Closed, id, {{"satisfaction", "satisfied"}}),
            builder(store, streetOperator()).make(EventType::Analyzed, id, {{"decision", "maybe"}}),
            builder(store, streetOperator()).make(EventType::Commented, CaseEvent::newId(), {{"text", "x"}}),
            builder(store, streetOperator("street.gulou")).make(EventType::Analyzed, id, {{"decision", "whistle"}}),
            builder(store, streetOperator()).registerCase(draft("")),
        };
        for (CaseEvent e : refused) {
            const CaseEvent original = e;
            const Result r = store.append(e);
            QVERIFY(!r.ok);
            QVERIFY(!r.code.isEmpty());
            QVERIFY(!r.message.isEmpty());
            QCOMPARE(e.toJson(), original.toJson());  // the caller's event is not sealed either
            QVERIFY(!store.containsEvent(e.id));
        }
        QCOMPARE(counts(), before);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(QJsonDocument(store.caseById(id)->toJson()).toJson(), stateBefore);
        // The same event id cannot be stored twice.
        CaseEvent again = store.eventsOf(id).first();
        again.caseId = CaseEvent::newId();
        const Result dup = store.append(again);
        QVERIFY(!dup.ok);
        QCOMPARE(counts(), before);
    }

    void appendBatchIsAtomic()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const EventBuilder op = builder(store, streetOperator());
        QList<CaseEvent> batch{op.registerCase(draft("一")), op.registerCase(draft("二")), op.registerCase(draft("")),
                               op.registerCase(draft("四"))};
        const QList<CaseEvent> original = batch;
        int failed = -2;
        const Result r = store.appendBatch(batch, &failed);
        QVERIFY(!r.ok);
        QCOMPARE(failed, 2);
        QCOMPARE(countRows(store, "events"), 0);
        QCOMPARE(countRows(store, "outbox"), 0);
        QCOMPARE(countRows(store, "cases"), 0);
        QCOMPARE(store.countCases(CaseFilter()), 0);
        QCOMPARE(batch.first().toJson(), original.first().toJson());

        // The provisional counter was not consumed by the refused batch.
        batch.removeAt(2);
        QVERIFY(store.appendBatch(batch, &failed).ok);
        QCOMPARE(failed, -1);
        QCOMPARE(batch.at(0).payload.value("number").toString().right(6), QStringLiteral("000001"));
        QCOMPARE(batch.at(2).payload.value("number").toString().right(6), QStringLiteral("000003"));
        QCOMPARE(store.countCases(CaseFilter()), 3);
        QCOMPARE(store.journal().pendingCount(), 3);
    }

    void appendBatchWithSeveralEventsOnOneCase()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator();
        CaseEvent reg = builder(store, op).registerCase(draft("同批多事件"));
        QList<CaseEvent> batch{reg,
                               builder(store, op).make(EventType::Analyzed, reg.caseId, {{"decision", "whistle"}, {"note", ""}}),
                               builder(store, op).make(EventType::Commented, reg.caseId, {{"text", "请尽快处理"}}),
                               builder(store, op).make(EventType::Commented, reg.caseId, {{"text", "已通知社区"}})};
        QSignalSpy changed(&store, &CaseStore::casesChanged);
        QVERIFY(store.appendBatch(batch).ok);
        QCOMPARE(changed.count(), 1);
        for (int i = 0; i < batch.size(); ++i)
            QCOMPARE(batch.at(i).caseSeq, i + 1);
        const CaseRecord c = *store.caseById(reg.caseId);
        QCOMPARE(c.status, CaseStatus::Analyzed);
        QCOMPARE(c.eventCount, 4);
        QVERIFY(AuditChain::verify(store.eventsOf(reg.caseId)).ok());
        // A batch whose second event is invalid only because of the first one's effect is checked in order.
        QList<CaseEvent> bad{builder(store, op).make(EventType::Commented, reg.caseId, {{"text", "ok"}}),
                             builder(store, op).make(EventType::Analyzed, reg.caseId, {{"decision", "whistle"}, {"note", ""}})};
        int failed = -1;
        QVERIFY(!store.appendBatch(bad, &failed).ok);
        QCOMPARE(failed, 1);
        QCOMPARE(store.eventsOf(reg.caseId).size(), 4);
        // Nor may a batch put another person's action behind this one's unsent ones on the same case (issue 17).
        QList<CaseEvent> mixed{builder(store, op).make(EventType::Commented, reg.caseId, {{"text", "再补充"}}),
                               builder(store, reviewer()).make(EventType::Reviewed, reg.caseId, {{"decision", "approve"}})};
        failed = -1;
        const Result refused = store.appendBatch(mixed, &failed);
        QCOMPARE(refused.code, QStringLiteral("held_for_author"));
        QCOMPARE(failed, 1);
        QCOMPARE(store.eventsOf(reg.caseId).size(), 4);
    }

    void tamperingIsDetected()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const QString id = registerCase(store, streetOperator(), draft("篡改检测"));
        QVERIFY(whistleCase(store, id, "dept.chengguan"));
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());
        QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
        q.prepare("UPDATE events SET payload = replace(payload, '\"approve\"', '\"reject\"') WHERE case_id = ? AND case_seq = 3");
        q.addBindValue(id);
        QVERIFY(q.exec());
        QCOMPARE(q.numRowsAffected(), 1);
        const AuditChain::Report report = AuditChain::verify(store.eventsOf(id));
        QCOMPARE(report.problem, AuditChain::Problem::Tampered);
        QCOMPARE(report.index, 2);
        // Removing an event is found as well.
        q.prepare("DELETE FROM events WHERE case_id = ? AND case_seq = 2");
        q.addBindValue(id);
        QVERIFY(q.exec());
        QCOMPARE(AuditChain::verify(store.eventsOf(id)).problem, AuditChain::Problem::Missing);
    }

    void filtersEachField()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        QList<Made> made;
        buildMix(store, &made);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(store.countCases(CaseFilter()), int(made.size()));

        for (CaseStatus s : {CaseStatus::Registered, CaseStatus::Analyzed, CaseStatus::Whistled, CaseStatus::Rejected}) {
            CaseFilter f;
            f.statuses = {s};
            compareFilter(store, f, expected(made, [s](const Made &m) { return m.status == s; }), "status");
        }
        CaseFilter two;
        two.statuses = {CaseStatus::Analyzed, CaseStatus::Rejected};
        compareFilter(store, two, expected(made, [](const Made &m) {
                          return m.status == CaseStatus::Analyzed || m.status == CaseStatus::Rejected; }), "two statuses");
        CaseFilter street;
        street.streetId = "street.gulou";
        compareFilter(store, street, expected(made, [](const Made &m) { return m.street == "street.gulou"; }), "street");
        CaseFilter community;
        community.communityId = "community.donghua.1";
        compareFilter(store, community, expected(made, [](const Made &m) { return m.community == "community.donghua.1"; }),
                      "community");
        for (const QString dept : {"dept.chengguan", "dept.shuiwu", "dept.jiaojing", "dept.xiaofang"}) {
            CaseFilter f;
            f.departmentId = dept;
            compareFilter(store, f, expected(made, [dept](const Made &m) { return m.departments.contains(dept); }),
                          "department");
        }
        CaseFilter category;
        category.categoryId = "water";
        compareFilter(store, category, expected(made, [](const Made &m) { return m.category == "water"; }), "category");
        CaseFilter urgent;
        urgent.urgency = Urgency::Urgent;
        compareFilter(store, urgent, expected(made, [](const Made &m) { return m.urgency == Urgency::Urgent; }), "urgency");
        CaseFilter open;
        open.openOnly = true;
        compareFilter(store, open, expected(made, [](const Made &m) { return !isTerminal(m.status); }), "open");
        const QDateTime from = made.at(5).registeredAt, to = made.at(11).registeredAt;
        CaseFilter range;
        range.registeredFrom = from;
        range.registeredTo = to;
        compareFilter(store, range, expected(made, [&](const Made &m) { return m.registeredAt >= from && m.registeredAt < to; }),
                      "registered range");

        // Overdue depends on `now`: before the deadlines nothing, long after every whistled case.
        CaseFilter overdue;
        overdue.overdueOnly = true;
        overdue.now = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
        compareFilter(store, overdue, {}, "nothing overdue yet");
        overdue.now = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
        compareFilter(store, overdue, expected(made, [](const Made &m) { return m.due.isValid(); }), "overdue");
        QVERIFY(!expected(made, [](const Made &m) { return m.due.isValid(); }).isEmpty());
        const QDateTime middle = made.at(10).due;
        overdue.now = middle;
        compareFilter(store, overdue, expected(made, [&](const Made &m) { return m.due.isValid() && m.due < middle; }),
                      "overdue at a given moment");
        for (const CaseSummary &s : store.listCases(overdue, 0, 100))
            QVERIFY(s.overdue);

        // Fields combine with AND.
        CaseFilter combined;
        combined.streetId = "street.tuodong";
        combined.statuses = {CaseStatus::Whistled};
        combined.urgency = Urgency::Normal;
        compareFilter(store, combined, expected(made, [](const Made &m) {
                          return m.street == "street.tuodong" && m.status == CaseStatus::Whistled && m.urgency == Urgency::Normal; }),
                      "combined");
    }

    void scopes()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        QList<Made> made;
        buildMix(store, &made);
        if (QTest::currentTestFailed())
            return;
        using Kind = AccessPolicy::Scope::Kind;
        CaseFilter f;
        f.scope = AccessPolicy::scopeFor(supervisor());
        QCOMPARE(f.scope.kind, Kind::All);
        compareFilter(store, f, expected(made, [](const Made &) { return true; }), "all");
        f.scope = AccessPolicy::scopeFor(streetOperator("street.donghua"));
        QCOMPARE(f.scope.kind, Kind::Street);
        compareFilter(store, f, expected(made, [](const Made &m) { return m.street == "street.donghua"; }), "street scope");
        f.scope = AccessPolicy::scopeFor(reporter("community.gulou.2"));
        QCOMPARE(f.scope.kind, Kind::Community);
        compareFilter(store, f, expected(made, [](const Made &m) { return m.community == "community.gulou.2"; }),
                      "community scope");
        f.scope = AccessPolicy::scopeFor(handler("dept.jiaojing"));
        QCOMPARE(f.scope.kind, Kind::Department);
        compareFilter(store, f, expected(made, [](const Made &m) { return m.departments.contains("dept.jiaojing"); }),
                      "department scope");
        User disabled = dispatcher();
        disabled.active = false;
        f.scope = AccessPolicy::scopeFor(disabled);
        QCOMPARE(f.scope.kind, Kind::None);
        compareFilter(store, f, {}, "no scope");
        // Scope narrows any other filter; it never widens it.
        f.scope = AccessPolicy::scopeFor(streetOperator("street.tuodong"));
        f.streetId = "street.gulou";
        compareFilter(store, f, {}, "scope and filter disagree");
        // Every scoped row is one the policy lets that user view.
        const User h = handler("dept.shuiwu");
        CaseFilter mine;
        mine.scope = AccessPolicy::scopeFor(h);
        for (const CaseSummary &s : store.listCases(mine, 0, 100))
            QVERIFY(AccessPolicy::canView(*store.caseById(s.id), h));
    }

    void pagingAndSorting()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        QList<Made> made;
        buildMix(store, &made);
        if (QTest::currentTestFailed())
            return;
        using Sort = CaseFilter::Sort;
        for (Sort sort : {Sort::UpdatedDesc, Sort::RegisteredDesc, Sort::RegisteredAsc, Sort::DueAsc, Sort::NumberAsc}) {
            CaseFilter f;
            f.sort = sort;
            const QList<CaseSummary> all = store.listCases(f, 0, 1000);
            QCOMPARE(all.size(), made.size());
            // Pages of 5 put together give the same rows in the same order, none twice.
            QList<CaseSummary> paged;
            for (int offset = 0; offset < all.size() + 5; offset += 5)
                paged += store.listCases(f, offset, 5);
            QCOMPARE(paged.size(), all.size());
            for (int i = 0; i < all.size(); ++i)
                QCOMPARE(paged.at(i).id, all.at(i).id);
            QCOMPARE(idsOf(all).size(), all.size());
            for (int i = 1; i < all.size(); ++i) {
                const CaseSummary &a = all.at(i - 1), &b = all.at(i);
                switch (sort) {
                case Sort::UpdatedDesc: QVERIFY(a.updatedAt >= b.updatedAt); break;
                case Sort::RegisteredDesc: QVERIFY(a.registeredAt >= b.registeredAt); break;
                case Sort::RegisteredAsc: QVERIFY(a.registeredAt <= b.registeredAt); break;
                case Sort::NumberAsc: QVERIFY(a.number <= b.number); break;
                case Sort::DueAsc:
                    // Running deadlines first, earliest first; cases without one after them.
                    QVERIFY(!(!a.nextDue.isValid() && b.nextDue.isValid()));
                    if (a.nextDue.isValid() && b.nextDue.isValid())
                        QVERIFY(a.nextDue <= b.nextDue);
                    break;
                }
            }
        }
        // Paging past the end, zero and negative limits.
        QVERIFY(store.listCases(CaseFilter(), 1000, 10).isEmpty());
        QVERIFY(store.listCases(CaseFilter(), 0, 0).isEmpty());
        QCOMPARE(store.listCases(CaseFilter(), -5, 3).size(), 3);
    }

    void chineseFullTextSearch()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator();
        CaseDraft a = draft("北京路井盖缺失", "street.tuodong", "city_appearance", "人行道上的井盖被盗，夜间危险。");
        a.gridCell = "TD-0107";
        CaseDraft b = draft("小区垃圾清运不及时", "street.tuodong", "city_appearance", "垃圾桶满溢，气味难闻 smelly bins");
        b.address = "盘龙区金星小区3栋";
        CaseDraft c = draft("Road damage on Beijing Road", "street.tuodong", "traffic", "Pothole near the 井盖 cover");
        const QString ida = registerCase(store, op, a), idb = registerCase(store, op, b), idc = registerCase(store, op, c);
        QVERIFY(!ida.isEmpty() && !idb.isEmpty() && !idc.isEmpty());
        bool countsAgree = true;
        auto search = [&](const QString &text) {
            CaseFilter f;
            f.text = text;
            const QList<CaseSummary> rows = store.listCases(f, 0, 100);
            countsAgree = countsAgree && store.countCases(f) == rows.size();
            return idsOf(rows);
        };
        QCOMPARE(search("井盖"), (QSet<QString>{ida, idc}));            // two characters, in title and in description
        QCOMPARE(search("垃圾"), (QSet<QString>{idb}));
        QCOMPARE(search("垃圾清运"), (QSet<QString>{idb}));              // longer words
        QCOMPARE(search("井盖被盗"), (QSet<QString>{ida}));
        QCOMPARE(search("夜间危险"), (QSet<QString>{ida}));
        QCOMPARE(search("盖井"), QSet<QString>{});                        // order matters: a phrase, not a bag
        QCOMPARE(search("金星小区"), (QSet<QString>{idb}));              // address
        QCOMPARE(search("TD-0107"), (QSet<QString>{ida}));               // grid cell
        QCOMPARE(search("井盖 pothole"), (QSet<QString>{idc}));          // several terms: all must match
        QCOMPARE(search("smell"), (QSet<QString>{idb}));                 // prefix on the last Latin word
        QCOMPARE(search("ROAD"), (QSet<QString>{idc}));                  // case-insensitive
        QCOMPARE(search("北"), (QSet<QString>{ida, idc}));               // one character (title or address)
        const QString number = store.caseById(idb)->number;
        QCOMPARE(search(number), (QSet<QString>{idb}));                  // the case number
        QCOMPARE(search(number.left(number.size() - 2)).contains(idb), true);  // and its beginning
        QCOMPARE(search("不存在的词"), QSet<QString>{});

        // A change of title is reflected: the old words are gone from the index, the new ones found.
        CaseEvent analyzed = builder(store, op).make(EventType::Analyzed, ida, {{"decision", "whistle"}, {"note", ""}});
        QVERIFY(gw::test::appendAsAuthor(store, analyzed).ok);
        QCOMPARE(search("井盖"), (QSet<QString>{ida, idc}));
        QVERIFY(countsAgree);

        // Both query shapes (matches fetched by rowid, or tested while walking the sort index) agree.
        for (const QString &text : {QStringLiteral("井盖"), QStringLiteral("北"), QStringLiteral("road"), QStringLiteral("无")}) {
            CaseFilter f;
            f.text = text;
            QSet<QString> seen[2];
            for (bool broad : {false, true}) {
                const CaseQuery query(f, broad);
                QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
                QVERIFY(q.prepare("SELECT id FROM cases" + query.where() + CaseQuery::orderBy(f.sort)));
                for (int i = 0; i < query.bindings().size(); ++i)
                    q.bindValue(i, query.bindings().at(i));
                QVERIFY(q.exec());
                while (q.next())
                    seen[broad].insert(q.value(0).toString());
            }
            QCOMPARE(seen[0], seen[1]);
            QCOMPARE(seen[0], search(text));
        }
    }

    void hostileSearchInput()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const QString id = registerCase(store, streetOperator(), draft("路灯 \"损坏\" OR 故障"));
        QVERIFY(!id.isEmpty());
        const QStringList hostile{"\" OR *", "\"", "*", "'; DROP TABLE cases; --", "NEAR(a b)", "a AND", "OR", "NOT 路灯",
                                  "^路灯", "title:路灯", "(路灯", "路灯)", "{body}: x", "-路灯", "路灯*\"", "%", "_",
                                  QString(QChar(0)) + "路灯", "\\", "'", "a\" OR \"b", QString(5000, u'路')};
        for (const QString &text : hostile) {
            CaseFilter f;
            f.text = text;
            const QList<CaseSummary> rows = store.listCases(f, 0, 10);  // no SQL or FTS syntax error, no crash
            QCOMPARE(store.countCases(f), int(rows.size()));
            QVERIFY(rows.size() <= 1);
            const QString match = SearchText::forQuery(text);
            QVERIFY(match.count(u'"') % 2 == 0);
        }
        QCOMPARE(countRows(store, "cases"), 1);
        CaseFilter f;
        f.text = "NOT 路灯";  // operators are words to search for, not syntax
        QVERIFY(store.listCases(f, 0, 10).isEmpty());
        f.text = "\"损坏\"";
        QCOMPARE(store.listCases(f, 0, 10).size(), 1);
        f.text = "OR 故障";
        QCOMPARE(store.listCases(f, 0, 10).size(), 1);
    }

    // Issue 17: on a shared computer the store and its journal files are readable by their owner only.
    void storeFilesAreTheOwnersOnly()
    {
#ifdef Q_OS_UNIX
        const QString path = newPath();
        {
            QFile loose(path);  // an existing file someone left readable by everybody
            QVERIFY(loose.open(QIODevice::WriteOnly));
            loose.close();
            QVERIFY(loose.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                         | QFileDevice::ReadOther));
        }
        CaseStore store;
        QVERIFY(store.open(path).ok);
        CaseEvent e = builder(store, streetOperator()).registerCase(draft(QStringLiteral("权限检查")));
        QVERIFY(store.append(e).ok);
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        for (const QString &file : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
            QVERIFY2(QFileInfo::exists(file), qPrintable(file));
            QVERIFY2(!(QFile::permissions(file) & others), qPrintable(file));
        }
#else
        QSKIP("file modes are Unix; Windows keeps the data folder in the user's own profile");
#endif
    }

    void reopenKeepsDeviceIdAndData()
    {
        const QString path = newPath();
        QString device, id;
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            device = store.deviceId();
            QVERIFY(!QUuid::fromString(device).isNull());
            id = registerCase(store, streetOperator(), draft("重开文件"));
            QVERIFY(!id.isEmpty());
            store.close();
            QVERIFY(!store.isOpen());
            QVERIFY(store.caseById(id) == std::nullopt);
            CaseEvent none;
            QVERIFY(!store.append(none).ok);
        }
        CaseStore again;
        QVERIFY(again.open(path).ok);
        QCOMPARE(again.deviceId(), device);
        QCOMPARE(again.caseById(id)->title, QStringLiteral("重开文件"));
        QCOMPARE(again.journal().pendingCount(), 1);
        // Two stores on two files at once have their own connections and devices.
        CaseStore other;
        QVERIFY(other.open(newPath()).ok);
        QVERIFY(other.deviceId() != device);
        QCOMPARE(other.countCases(CaseFilter()), 0);
        QCOMPARE(again.countCases(CaseFilter()), 1);
        QSqlQuery q(QSqlDatabase::database(again.connectionName(), false));
        QVERIFY(q.exec("PRAGMA journal_mode") && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }

    void unusableFilesGiveClearErrors()
    {
        // Read-only file.
        const QString path = newPath();
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
        }
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        CaseStore store;
        Result r = store.open(path);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("read_only"));
        QVERIFY(r.message.text().contains(QDir::toNativeSeparators(path)));
        QVERIFY(!store.isOpen());
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(store.open(path).ok);
        store.close();

        // Not a database at all.
        const QString garbage = newPath();
        {
            QFile f(garbage);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'x'));
        }
        r = store.open(garbage);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("corrupt_file"));
        QVERIFY(!store.isOpen());

        // A folder that cannot exist (its parent is a file).
        r = store.open(garbage + "/sub/store.db");
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("not_writable"));
        r = store.open(QString());
        QVERIFY(!r.ok);
        r = store.open(m_dir.path());
        QVERIFY(!r.ok);
        // A store that is not open refuses work instead of crashing.
        CaseEvent e = EventBuilder(streetOperator(), "dev").registerCase(draft("x"));
        QVERIFY(!store.append(e).ok);
        QVERIFY(store.listCases(CaseFilter(), 0, 10).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCaseStore)
#include "tst_casestore.moc"

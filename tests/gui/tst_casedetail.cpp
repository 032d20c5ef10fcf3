// The case detail: buttons exactly as gw::Workflow offers them per role and state, the department table
// with overdue deadlines, returns/rejections with who and why, and the audit timeline with verified marks,
// including a payload tampered with directly in the SQLite file.
#include "attachmentlist.h"
#include "casetimelinewidget.h"
#include "eventbuilder.h"
#include "formtesthelpers.h"
#include "phrasebook.h"
#include "phraseeditordialog.h"
#include "attachmentstore.h"
#include "phrasestore.h"
#include <QJsonArray>
#include <QListWidget>
#include <QLabel>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QToolButton>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace gw;
using namespace gwtest;

class TestCaseDetail : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CaseStore *m_store = nullptr;
    int m_fileCounter = 0;

    // Registered -> analyzed -> approved -> whistled (城管 lead, 住建 assisting).
    QString whistledCase()
    {
        const QString id = registerManholeCase(m_store);
        addEvent(m_store, streetOperator(), EventType::Analyzed, id, {{"decision", "whistle"}});
        addEvent(m_store, reviewer(), EventType::Reviewed, id, {{"decision", "approve"}});
        CaseEvent w = EventBuilder(dispatcher(), m_store->deviceId())
                          .whistle(*m_store->caseById(id), "dept.chengguan", {"dept.zhujian"});
        Result r = gw::test::appendAsAuthor(*m_store, w);
        if (r.ok)
            r = gw::test::settleOutbox(*m_store);  // everyone synced: any of them may act next
        if (!r.ok)
            qWarning("%s", qPrintable(r.message.text()));
        return id;
    }
    // Action sets as sorted wire names, so a mismatch prints readably.
    QStringList expectedActions(const QString &caseId, const User &u)
    {
        const CaseRecord r = *m_store->caseById(caseId);
        Workflow wf;
        QStringList out;
        for (EventType t : wf.availableActions(r, u))
            out.append(eventTypeToString(t));
        if (wf.permits(&r, u, EventType::Commented).ok)
            out.append(eventTypeToString(EventType::Commented));
        out.sort();
        return out;
    }
    QStringList shownButtons(CaseDetailWidget &detail)
    {
        QStringList out;
        for (QPushButton *b : detail.findChildren<QPushButton *>()) {
            EventType t;
            if (b->objectName().startsWith("action_") && eventTypeFromString(b->objectName().mid(7), &t)
                && !b->isHidden())
                out.append(eventTypeToString(t));
        }
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init()
    {
        m_store = new CaseStore(this);
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_fileCounter))).ok);
    }
    void cleanup()
    {
        delete m_store;
        m_store = nullptr;
    }

    void buttonsMatchWorkflow_data()
    {
        QTest::addColumn<QString>("stage");
        QTest::newRow("registered") << "registered";
        QTest::newRow("analyzed") << "analyzed";
        QTest::newRow("whistled") << "whistled";
        QTest::newRow("postpone-waiting") << "postpone";
        QTest::newRow("handled") << "handled";
    }
    void buttonsMatchWorkflow()
    {
        QFETCH(QString, stage);
        QString id;
        if (stage == "registered" || stage == "analyzed") {
            id = registerManholeCase(m_store);
            if (stage == "analyzed")
                addEvent(m_store, streetOperator(), EventType::Analyzed, id, {{"decision", "whistle"}});
        } else {
            id = whistledCase();
            if (stage == "postpone") {
                addEvent(m_store, zhujian(), EventType::PostponeRequested, id,
                    {{"department", "dept.zhujian"}, {"reason", "需要协调施工单位"},
                     {"requestedDue", CaseEvent::timeToString(QDateTime::currentDateTimeUtc().addDays(30))}});
            }
            if (stage == "handled") {
                for (const User &u : {chengguan(), zhujian()}) {
                    addEvent(m_store, u, EventType::CheckedIn, id, {{"department", u.orgUnitId}});
                    addEvent(m_store, u, EventType::Handled, id, {{"department", u.orgUnitId}, {"feedback", "已处置"}});
                }
            }
        }
        const QList<User> cast{reporter(), streetOperator(), reviewer(), dispatcher(), chengguan(), zhujian(),
                               shichang(), supervisor()};
        for (const User &u : cast) {
            CaseDetailWidget detail(m_store, u);
            detail.show();
            detail.showCase(id);
            const QStringList expected = expectedActions(id, u);
            QVERIFY2(shownButtons(detail) == expected,
                     qPrintable(u.id + ": shown " + shownButtons(detail).join(',') + " expected " + expected.join(',')
                                + " / " + QString::number(detail.shownActions().size())
                                + child<QLabel>(&detail, "placeholderLabel")->text()));
        }
        // And what a person expects at each stage, independent of how the widget asks.
        auto has = [&](const User &u, EventType t) {
            CaseDetailWidget detail(m_store, u);
            detail.showCase(id);
            return detail.actionButton(t) != nullptr;
        };
        if (stage == "registered") {
            QVERIFY(has(streetOperator(), EventType::Analyzed));
            QVERIFY(has(dispatcher(), EventType::Analyzed));
            QVERIFY(!has(reviewer(), EventType::Reviewed));
            QVERIFY(!has(reporter(), EventType::Analyzed));
        } else if (stage == "analyzed") {
            QVERIFY(has(reviewer(), EventType::Reviewed));
            QVERIFY(!has(streetOperator(), EventType::Reviewed));
            QVERIFY(!has(dispatcher(), EventType::Whistled));
        } else if (stage == "whistled") {
            QVERIFY(has(chengguan(), EventType::CheckedIn));
            QVERIFY(has(zhujian(), EventType::AssignmentReturned));
            QVERIFY(!has(chengguan(), EventType::Handled));
            QVERIFY(!has(shichang(), EventType::CheckedIn));  // not summoned: does not even see the case
            QVERIFY(has(dispatcher(), EventType::Whistled));  // may summon more departments
        } else if (stage == "postpone") {
            QVERIFY(has(reviewer(), EventType::PostponeDecided));
            QVERIFY(!has(zhujian(), EventType::PostponeRequested));  // one request at a time
            QVERIFY(has(chengguan(), EventType::PostponeRequested));
        } else if (stage == "handled") {
            QVERIFY(has(streetOperator(), EventType::Verified));
            QVERIFY(!has(reviewer(), EventType::Verified));
            QVERIFY(has(reporter(), EventType::DepartmentRated));
        }
        CaseDetailWidget asSupervisor(m_store, supervisor());
        asSupervisor.showCase(id);
        QCOMPARE(asSupervisor.shownActions(), QList<EventType>{EventType::Commented});
    }

    // The case's files appear once, in the file list with its Open button, not again as a line of text; a case
    // without files shows no list.
    void attachmentsAreListedOnce()
    {
        const QString plain = registerManholeCase(m_store);
        CaseDraft d = manholeDraft();
        CaseEvent reg = EventBuilder(reporter(), m_store->deviceId()).registerCase(d);
        QJsonObject photo;
        const QByteArray png = QByteArray::fromBase64(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        const Result stored = m_store->attachments().put(reg.caseId, QStringLiteral("井盖现场.png"), png, &photo);
        QVERIFY2(stored.ok, qPrintable(stored.message));
        d.attachments = QJsonArray{photo};
        reg.payload = d.toPayload();
        const Result appended = gw::test::appendAsAuthor(*m_store, reg);
        QVERIFY2(appended.ok, qPrintable(appended.message));

        CaseDetailWidget detail(m_store, dispatcher());
        detail.resize(1200, 800);
        detail.show();
        detail.showCase(reg.caseId);
        AttachmentList *files = detail.attachmentFiles();
        QVERIFY(files);
        QVERIFY(files->isVisible());
        QCOMPARE(files->listWidget()->count(), 1);
        QVERIFY2(files->listWidget()->item(0)->text().contains(QStringLiteral("井盖现场.png")),
                 qPrintable(files->listWidget()->item(0)->text()));
        for (QLabel *label : detail.findChildren<QLabel *>()) {
            if (!files->isAncestorOf(label))
                QVERIFY2(!label->text().contains(QStringLiteral("井盖现场.png")), qPrintable(label->objectName()));
        }

        detail.showCase(plain);
        QVERIFY(!files->isVisible());
    }

    void departmentsShowDeadlinesAndOverdue()
    {
        const QString id = whistledCase();
        addEvent(m_store, chengguan(), EventType::CheckedIn, id, {{"department", "dept.chengguan"}});
        CaseDetailWidget detail(m_store, dispatcher());
        detail.showCase(id);
        QTableWidget *table = child<QTableWidget>(&detail, "departmentsTable");
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->item(0, 0)->text(), OrgDirectory::builtin().nameOf("dept.chengguan"));
        QVERIFY(table->item(0, 1)->text().contains(QStringLiteral("主办")));
        QVERIFY(table->item(1, 1)->text().contains(QStringLiteral("协办")));
        QVERIFY(!table->item(0, 4)->text().isEmpty());  // checked in at
        QVERIFY(table->item(1, 4)->text().isEmpty());
        for (int r = 0; r < 2; ++r)
            for (int c : {3, 5})
                QVERIFY(!table->item(r, c)->data(Qt::UserRole).toBool());

        // A month later: 住建 never checked in (check-in overdue), both are past the handling deadline.
        detail.setNowOverride(QDateTime::currentDateTimeUtc().addDays(40));
        detail.refresh();
        QVERIFY(!table->item(0, 3)->data(Qt::UserRole).toBool());  // 城管 checked in on time
        QVERIFY(table->item(1, 3)->data(Qt::UserRole).toBool());
        QVERIFY(table->item(0, 5)->data(Qt::UserRole).toBool());
        QVERIFY(table->item(1, 5)->data(Qt::UserRole).toBool());
        QCOMPARE(table->item(1, 3)->background().color(), QColor(0xf8d7da));
        QVERIFY(child<QLabel>(&detail, "badgesLabel")->text().contains("Overdue"));
    }

    void returnsShowWhoAndWhy()
    {
        const QString id = whistledCase();
        addEvent(m_store, zhujian(), EventType::AssignmentReturned, id, {{"department", "dept.zhujian"}, {"reason", "不属于住建职责"}});
        CaseDetailWidget detail(m_store, dispatcher());
        detail.show();
        detail.showCase(id);
        QLabel *decisions = child<QLabel>(&detail, "decisionsLabel");
        QVERIFY(decisions->isVisible());
        QVERIFY(decisions->text().contains(zhujian().id));
        QVERIFY(decisions->text().contains(QStringLiteral("不属于住建职责")));
        QTableWidget *table = child<QTableWidget>(&detail, "departmentsTable");
        QVERIFY(table->item(1, 2)->toolTip().contains(QStringLiteral("不属于住建职责")));
    }

    void timelineShowsEventsVerified()
    {
        const QString id = whistledCase();
        addEvent(m_store, chengguan(), EventType::CheckedIn, id, {{"department", "dept.chengguan"}, {"note", "已安排人员"}});
        CaseEvent unsent = EventBuilder(dispatcher(), m_store->deviceId()).make(EventType::Commented, id, {{"text", "请尽快处置"}});
        QVERIFY(m_store->append(unsent).ok);  // made here, not sent yet
        CaseDetailWidget detail(m_store, dispatcher());
        detail.showCase(id);
        QTreeWidget *tree = child<QTreeWidget>(&detail, "timelineTree");
        const QList<CaseEvent> events = m_store->eventsOf(id);
        QCOMPARE(events.size(), 6);
        QCOMPARE(tree->topLevelItemCount(), 6);
        for (int i = 0; i < 6; ++i) {
            QTreeWidgetItem *item = tree->topLevelItem(i);
            QCOMPARE(item->text(CaseTimelineWidget::VerifiedColumn), QStringLiteral("✓"));
            QCOMPARE(item->text(CaseTimelineWidget::ActionColumn), eventTypeDisplayName(events.at(i).type).text());
            QVERIFY(item->text(CaseTimelineWidget::ActorColumn).contains(events.at(i).actorId));
            // Waiting to be sent: only the last, made on this computer; the others came back from the server.
            QCOMPARE(item->data(CaseTimelineWidget::SyncColumn, Qt::UserRole).toBool(), i == 5);
            QVERIFY(!item->text(CaseTimelineWidget::TimeColumn).isEmpty());
        }
        QVERIFY(tree->topLevelItem(0)->text(CaseTimelineWidget::DetailsColumn).contains(QStringLiteral("井盖缺失")));
        QVERIFY(tree->topLevelItem(3)->text(CaseTimelineWidget::DetailsColumn).contains(OrgDirectory::builtin().nameOf("dept.zhujian")));
        QVERIFY(tree->topLevelItem(4)->text(CaseTimelineWidget::DetailsColumn).contains(QStringLiteral("已安排人员")));
        QVERIFY(tree->topLevelItem(2)->text(CaseTimelineWidget::ActorColumn).contains(roleDisplayName(Role::CenterReviewer)));
        QLabel *chain = child<QLabel>(&detail, "chainStatusLabel");
        QVERIFY(chain->text().startsWith(QStringLiteral("✓")));
    }

    void tamperedPayloadIsMarked()
    {
        const QString id = whistledCase();
        const QString path = m_store->path();
        {
            // Straight into the file, as someone with disk access would: the third event's reason changes.
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.prepare(QStringLiteral("UPDATE events SET payload = ? WHERE case_id = ? AND case_seq = 2")));
            q.addBindValue(QStringLiteral("{\"decision\":\"street\",\"note\":\"改过的\",\"due\":\"2026-01-01T00:00:00.000Z\"}"));
            q.addBindValue(id);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QCOMPARE(q.numRowsAffected(), 1);
            q.finish();
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));

        CaseDetailWidget detail(m_store, dispatcher());
        detail.show();
        detail.showCase(id);
        QTreeWidget *tree = child<QTreeWidget>(&detail, "timelineTree");
        QCOMPARE(tree->topLevelItemCount(), 4);
        QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("✓"));
        for (int i = 1; i < 4; ++i)
            QCOMPARE(tree->topLevelItem(i)->text(0), QStringLiteral("✗"));
        const AuditChain::Report report = AuditChain::verify(m_store->eventsOf(id));
        QCOMPARE(report.problem, AuditChain::Problem::Tampered);
        QLabel *chain = child<QLabel>(&detail, "chainStatusLabel");
        QVERIFY(chain->isVisible());
        QVERIFY(chain->text().startsWith(QStringLiteral("✗")));
        QVERIFY(chain->text().contains(report.message));
        QCOMPARE(tree->topLevelItem(1)->toolTip(0), report.message.text());
    }

    void refusedActionKeepsTheInput()
    {
        const QString id = registerManholeCase(m_store);
        addEvent(m_store, streetOperator(), EventType::Analyzed, id, {{"decision", "whistle"}});
        // A reviewer rejects without a reason: the Workflow refuses, the form stays open with the choice made.
        const ActOutcome out = act(m_store, reviewer(), id, EventType::Reviewed, [](CaseActionDialog *d) {
            pick(d, "reject");
        });
        QVERIFY(out.buttonShown);
        QVERIFY(!out.stored);
        QVERIFY(!out.result.ok);
        QCOMPARE(out.result.code, QStringLiteral("invalid_input"));
        QVERIFY(!out.formError.isEmpty());
        QCOMPARE(m_store->caseById(id)->status, CaseStatus::Analyzed);
    }

    // Phrase templates (常用语): managed from the reason field, stored, and inserted with one pick.
    void phraseTemplatesAreEditableAndUsable()
    {
        const QString id = registerManholeCase(m_store);
        addEvent(m_store, streetOperator(), EventType::Analyzed, id, {{"decision", "whistle"}});
        CaseDetailWidget detail(m_store, reviewer());
        detail.show();
        detail.showCase(id);
        CaseActionDialog *d = detail.openAction(EventType::Reviewed);
        QVERIFY(d);
        PhraseCombo *field = child<PhraseCombo>(d, "textField");
        click(child<QToolButton>(field, "phraseManage"));
        PhraseEditorDialog *editor = field->findChild<PhraseEditorDialog *>();
        QVERIFY(editor && editor->isVisible());
        type(child<QLineEdit>(editor, "newPhrase"), QStringLiteral("材料不全，请补充现场照片"));
        click(child<QPushButton>(editor, "addPhraseButton"));
        QCOMPARE(m_store->phrases().list(field->kind()), QStringList{QStringLiteral("材料不全，请补充现场照片")});
        QCOMPARE(child<QListWidget>(editor, "phraseList")->count(), 1);
        editor->close();
        // The prompt, the district's phrases, a separator, then the person's own.
        const QStringList district = PhraseBook::builtin().phrases(field->kind());
        QVERIFY(!district.isEmpty());
        QCOMPARE(field->phraseBox()->count(), 1 + district.size() + 1 + 1);
        QCOMPARE(field->phraseBox()->itemText(1), district.first());
        const int own = field->phraseBox()->findData(QStringLiteral("材料不全，请补充现场照片"));
        QCOMPARE(own, field->phraseBox()->count() - 1);
        field->phraseBox()->setCurrentIndex(own);
        Q_EMIT field->phraseBox()->activated(own);
        QCOMPARE(field->text(), QStringLiteral("材料不全，请补充现场照片"));

        pick(d, "return");
        click(child<QPushButton>(d, "submitButton"));
        QCOMPARE(m_store->caseById(id)->status, CaseStatus::Registered);
        QCOMPARE(m_store->caseById(id)->lastDecisionReason, QStringLiteral("材料不全，请补充现场照片"));
    }
};

QTEST_MAIN(TestCaseDetail)
#include "tst_casedetail.moc"

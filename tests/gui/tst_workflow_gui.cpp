// One case driven through every step of 街道吹哨、部门报到 by clicking and typing in the real forms, each step
// as the role that does it, checking the stored case after each step. Plus the return-of-assignment and
// reject paths.
#include "attachmentlist.h"
#include "bulkactions.h"
#include "casetimelinewidget.h"
#include "departmentpicker.h"
#include "formtesthelpers.h"
#include "formvalidation.h"
#include "attachmentstore.h"
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace gw;
using namespace gwtest;

class TestWorkflowGui : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CaseStore *m_store = nullptr;
    int m_fileCounter = 0;

    CaseRecord record(const QString &id) { return m_store->caseById(id).value_or(CaseRecord()); }
    CaseStatus status(const QString &id) { return record(id).status; }
    static QByteArray png()
    {
        return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    QString registerByForm(const QString &title)
    {
        CaseRegistrationDialog d(m_store, reporter());
        QSignalSpy spy(&d, &CaseRegistrationDialog::registered);
        d.show();
        type(child<QLineEdit>(&d, "titleEdit"), title);
        type(child<QPlainTextEdit>(&d, "descriptionEdit"), QStringLiteral("小区外墙瓷砖脱落，砸坏停放车辆，需要住建和城管共同处置。"));
        choose(child<QComboBox>(&d, "categoryCombo"), "city_appearance");
        type(child<QLineEdit>(&d, "addressEdit"), QStringLiteral("拓东路 88 号"));
        type(child<QLineEdit>(&d, "reporterPhoneEdit"), QStringLiteral("13800000000"));
        click(child<QPushButton>(&d, "saveButton"));
        if (spy.count() != 1) {
            qWarning("registration failed: %s", qPrintable(child<QLabel>(&d, "formErrorLabel")->text()));
            return {};
        }
        return spy.at(0).at(0).toString();
    }

    // The one-line step: act and insist it was stored.
    void step(const User &actor, const QString &id, EventType type, const std::function<void(CaseActionDialog *)> &fill)
    {
        // Each person works on their own desktop and syncs: what others did has reached the server.
        QVERIFY(gw::test::settleOutbox(*m_store).ok);
        const ActOutcome out = act(m_store, actor, id, type, fill);
        QVERIFY2(out.buttonShown, qPrintable(QStringLiteral("%1 has no button for %2").arg(actor.id, eventTypeToString(type))));
        QVERIFY2(out.stored, qPrintable(QStringLiteral("%1 / %2 refused: %3 %4")
                                            .arg(actor.id, eventTypeToString(type), out.result.message, out.formError)));
        QVERIFY(gw::test::settleOutbox(*m_store).ok);  // and synced it
    }

    void analyzeAndApprove(const QString &id)
    {
        step(streetOperator(), id, EventType::Analyzed, [](CaseActionDialog *d) {
            pick(d, "whistle");
            typeText(d, QStringLiteral("涉及多个部门，需要吹哨"));
        });
        QCOMPARE(status(id), CaseStatus::Analyzed);
        step(reviewer(), id, EventType::Reviewed, [](CaseActionDialog *d) { pick(d, "approve"); });
        QCOMPARE(status(id), CaseStatus::Approved);
    }

    void whistle(const QString &id, const QString &lead, const QString &assist)
    {
        step(dispatcher(), id, EventType::Whistled, [&](CaseActionDialog *d) {
            DepartmentPicker *picker = d->departmentPicker();
            QVERIFY(picker);
            click(child<QRadioButton>(picker, "lead_" + lead));
            if (!assist.isEmpty())
                click(child<QCheckBox>(picker, "assist_" + assist));
            // Deadlines pre-filled from the category rules, editable.
            QDateTimeEdit *due = child<QDateTimeEdit>(picker, "handleDue_" + lead);
            QVERIFY(due->isEnabled());
            QVERIFY(FormValidation::editorTime(due) > QDateTime::currentDateTimeUtc());
            typeText(d, QStringLiteral("请各部门按时报到"));
        });
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init()
    {
        m_store = new CaseStore(this);
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("w%1.sqlite").arg(++m_fileCounter))).ok);
    }
    void cleanup()
    {
        delete m_store;
        m_store = nullptr;
    }

    void wholeCaseThroughEveryStep()
    {
        const QString id = registerByForm(QStringLiteral("外墙瓷砖脱落"));
        QVERIFY(!id.isEmpty());
        QCOMPARE(status(id), CaseStatus::Registered);

        analyzeAndApprove(id);
        if (QTest::currentTestFailed())
            return;

        whistle(id, "dept.chengguan", "dept.zhujian");
        if (QTest::currentTestFailed())
            return;
        CaseRecord c = record(id);
        QCOMPARE(c.status, CaseStatus::Whistled);
        QCOMPARE(c.departments.size(), 2);
        QVERIFY(c.assignment("dept.chengguan")->lead);
        QVERIFY(!c.assignment("dept.zhujian")->lead);
        QVERIFY(c.assignment("dept.zhujian")->checkInDue.isValid());

        step(chengguan(), id, EventType::CheckedIn, [](CaseActionDialog *d) { typeText(d, QStringLiteral("执法中队已出发")); });
        QCOMPARE(status(id), CaseStatus::Handling);
        step(zhujian(), id, EventType::CheckedIn, [](CaseActionDialog *d) { typeText(d, QStringLiteral("已联系物业")); });
        QCOMPARE(record(id).assignment("dept.zhujian")->state, DepartmentAssignment::State::CheckedIn);

        const QDateTime oldDue = record(id).assignment("dept.zhujian")->handleDue;
        step(zhujian(), id, EventType::PostponeRequested, [](CaseActionDialog *d) {
            typeText(d, QStringLiteral("需等待施工单位搭设脚手架"));
        });
        const QDateTime requested = record(id).assignment("dept.zhujian")->postponeRequestedDue;
        QVERIFY(requested > oldDue);

        step(reviewer(), id, EventType::PostponeDecided, [](CaseActionDialog *d) {
            QComboBox *dept = child<QComboBox>(d, "departmentCombo");
            QCOMPARE(dept->currentData().toString(), QStringLiteral("dept.zhujian"));
            pick(d, "approve");
            typeText(d, QStringLiteral("同意延期"));
        });
        c = record(id);
        QCOMPARE(c.assignment("dept.zhujian")->postponeCount, 1);
        QCOMPARE(c.assignment("dept.zhujian")->handleDue, requested);
        QVERIFY(!c.assignment("dept.zhujian")->postponeRequestedDue.isValid());

        step(chengguan(), id, EventType::Handled, [](CaseActionDialog *d) {
            typeText(d, QStringLiteral("已拉警戒线，清理脱落瓷砖"));
            QVERIFY(d->attachments()->addData(QStringLiteral("现场处置.png"), png()).ok);
        });
        QCOMPARE(status(id), CaseStatus::Handling);
        step(zhujian(), id, EventType::Handled, [](CaseActionDialog *d) { typeText(d, QStringLiteral("已责令物业维修外墙")); });
        QCOMPARE(status(id), CaseStatus::Handled);
        const QList<CaseEvent> afterFeedback = m_store->eventsOf(id);
        bool evidenceStored = false;
        for (const CaseEvent &e : afterFeedback)
            if (e.type == EventType::Handled && e.payload.value("attachments").toArray().size() == 1) {
                const QString attachmentId = e.payload.value("attachments").toArray().at(0).toObject().value("id").toString();
                evidenceStored = m_store->attachments().data(attachmentId) == png();
            }
        QVERIFY(evidenceStored);

        step(streetOperator(), id, EventType::Verified, [](CaseActionDialog *d) {
            pick(d, "rework");
            typeText(d, QStringLiteral("外墙仍有松动瓷砖，需返工"));
            click(child<QCheckBox>(d, "dueEnabled"));
        });
        c = record(id);
        QCOMPARE(c.status, CaseStatus::Handling);
        QCOMPARE(c.reworkCount, 1);
        QCOMPARE(c.lastDecisionBy, streetOperator().id);
        QVERIFY(c.lastDecisionReason.contains(QStringLiteral("返工")));

        step(chengguan(), id, EventType::Handled, [](CaseActionDialog *d) { typeText(d, QStringLiteral("复查并清理完毕")); });
        step(zhujian(), id, EventType::Handled, [](CaseActionDialog *d) { typeText(d, QStringLiteral("外墙已全部加固")); });
        QCOMPARE(status(id), CaseStatus::Handled);

        step(streetOperator(), id, EventType::Verified, [](CaseActionDialog *d) { pick(d, "pass"); });
        QCOMPARE(status(id), CaseStatus::Verified);

        step(dispatcher(), id, EventType::Closed, [](CaseActionDialog *d) {
            typeText(d, QStringLiteral("隐患已消除"));
            pick(d, "satisfied");
            type(child<QLineEdit>(d, "callbackContactEdit"), QStringLiteral("王先生 13800000000"));
        });
        c = record(id);
        QCOMPARE(c.status, CaseStatus::Closed);
        QCOMPARE(c.satisfaction, QStringLiteral("satisfied"));
        const CaseEvent closing = m_store->eventsOf(id).constLast();
        QCOMPARE(closing.payload.value("callbackBy").toString(), dispatcher().name);
        QCOMPARE(closing.payload.value("callbackContact").toString(), QStringLiteral("王先生 13800000000"));

        // The community rates the lead department afterwards.
        step(reporter(), id, EventType::DepartmentRated, [](CaseActionDialog *d) {
            QComboBox *dept = child<QComboBox>(d, "departmentCombo");
            QVERIFY(choose(dept, "dept.chengguan"));
            QSpinBox *score = child<QSpinBox>(d, "scoreSpin");
            score->setFocus();
            QTest::keyClick(score, Qt::Key_Down);  // 5 -> 4
        });
        QCOMPARE(record(id).assignment("dept.chengguan")->rating, 4);

        // The whole story is in the timeline, every event verified.
        CaseDetailWidget detail(m_store, dispatcher());
        detail.showCase(id);
        QTreeWidget *tree = child<QTreeWidget>(&detail, "timelineTree");
        QCOMPARE(tree->topLevelItemCount(), int(m_store->eventsOf(id).size()));
        QCOMPARE(tree->topLevelItemCount(), 16);
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            QCOMPARE(tree->topLevelItem(i)->text(CaseTimelineWidget::VerifiedColumn), QStringLiteral("✓"));
        QVERIFY(detail.shownActions().contains(EventType::Reopened) == false);  // a dispatcher cannot reopen
    }

    void departmentReturnsTheAssignment()
    {
        const QString id = registerByForm(QStringLiteral("无证摊点"));
        QVERIFY(!id.isEmpty());
        analyzeAndApprove(id);
        whistle(id, "dept.chengguan", "dept.zhujian");
        if (QTest::currentTestFailed())
            return;

        step(zhujian(), id, EventType::AssignmentReturned, [](CaseActionDialog *d) {
            typeText(d, QStringLiteral("占道经营不属于住建职责"));
        });
        CaseRecord c = record(id);
        QCOMPARE(c.assignment("dept.zhujian")->state, DepartmentAssignment::State::Returned);
        QCOMPARE(c.status, CaseStatus::Whistled);
        QCOMPARE(c.lastDecisionBy, zhujian().id);

        // The lead returns too: the case goes back to the dispatcher for a new lead.
        step(chengguan(), id, EventType::AssignmentReturned, [](CaseActionDialog *d) {
            typeText(d, QStringLiteral("属市场监管职责"));
        });
        QCOMPARE(status(id), CaseStatus::Approved);
        {
            CaseDetailWidget detail(m_store, dispatcher());
            detail.show();
            detail.showCase(id);
            QLabel *decisions = child<QLabel>(&detail, "decisionsLabel");
            QVERIFY(decisions->isVisible());
            QVERIFY(decisions->text().contains(QStringLiteral("占道经营不属于住建职责")));
            QVERIFY(decisions->text().contains(QStringLiteral("属市场监管职责")));
            QVERIFY(decisions->text().contains(chengguan().id));
            QVERIFY(detail.actionButton(EventType::Whistled));
        }
        whistle(id, "dept.shichang", QString());
        QCOMPARE(status(id), CaseStatus::Whistled);
        QVERIFY(record(id).assignment("dept.shichang")->lead);
        step(shichang(), id, EventType::CheckedIn, [](CaseActionDialog *) {});
        QCOMPARE(status(id), CaseStatus::Handling);
    }

    void reviewerRejects()
    {
        const QString id = registerByForm(QStringLiteral("重复投诉"));
        QVERIFY(!id.isEmpty());
        step(streetOperator(), id, EventType::Analyzed, [](CaseActionDialog *d) { pick(d, "whistle"); });
        QCOMPARE(status(id), CaseStatus::Analyzed);

        CaseDetailWidget detail(m_store, reviewer());
        detail.show();
        detail.showCase(id);
        QTest::mouseClick(detail.actionButton(EventType::Reviewed), Qt::LeftButton);
        QPointer<CaseActionDialog> d = detail.activeDialog();
        QVERIFY(d);
        pick(d, "reject");
        click(child<QPushButton>(d, "submitButton"));
        // Refused: the reason is required. The message sits under the reason field; the dialog stays open.
        QVERIFY(d && d->isVisible());
        QVERIFY(!d->lastResult().ok);
        QLabel *reasonError = child<QLabel>(d, "textFieldError");
        QVERIFY(reasonError->isVisible());
        QCOMPARE(reasonError->text(), d->lastResult().message.text());
        QVERIFY(child<QRadioButton>(d, "choice_reject")->isChecked());
        QCOMPARE(status(id), CaseStatus::Analyzed);

        typeText(d, QStringLiteral("与 PL 哨件重复，已在处置中"));
        click(child<QPushButton>(d, "submitButton"));
        QVERIFY(d.isNull() || !d->isVisible());
        QCOMPARE(status(id), CaseStatus::Rejected);
        QVERIFY(detail.actionButton(EventType::Reopened));  // refreshed for the reviewer

        QVERIFY(gw::test::settleOutbox(*m_store).ok);  // the reviewer synced
        CaseDetailWidget asReporter(m_store, reporter());
        asReporter.show();
        asReporter.showCase(id);
        QLabel *decisions = child<QLabel>(&asReporter, "decisionsLabel");
        QVERIFY(decisions->isVisible());
        QVERIFY(decisions->text().contains(reviewer().id));
        QVERIFY(decisions->text().contains(QStringLiteral("与 PL 哨件重复")));
        QVERIFY(asReporter.shownActions() == QList<EventType>{EventType::Commented});
    }

    // Bulk review and bulk whistle: every case checked on its own; the report names the refused one and why.
    void bulkReviewAndWhistle()
    {
        QStringList ids;
        for (const QString &title : {QStringLiteral("占道一"), QStringLiteral("占道二"), QStringLiteral("占道三")})
            ids.append(registerByForm(title));
        QVERIFY(!ids.contains(QString()));
        for (int i = 0; i < 2; ++i)  // the third stays unanalyzed: it cannot be reviewed yet
            step(streetOperator(), ids.at(i), EventType::Analyzed, [](CaseActionDialog *d) { pick(d, "whistle"); });

        const BulkActions::Report review = BulkActions::review(m_store, reviewer(), ids, "approve", QString());
        QCOMPARE(review.outcomes.size(), 3);
        QCOMPARE(review.succeeded(), 2);
        QCOMPARE(review.refused(), 1);
        QVERIFY(!review.outcomes.at(2).result.ok);
        QCOMPARE(review.outcomes.at(2).result.code, QStringLiteral("invalid_state"));
        QVERIFY(review.summary().contains(record(ids.at(2)).number));
        QCOMPARE(status(ids.at(0)), CaseStatus::Approved);
        QCOMPARE(status(ids.at(2)), CaseStatus::Registered);

        // A reviewer may not whistle: all refused, nothing stored.
        const BulkActions::Report forbidden = BulkActions::whistle(m_store, reviewer(), ids.mid(0, 2), "dept.chengguan", {});
        QCOMPARE(forbidden.succeeded(), 0);
        QCOMPARE(forbidden.outcomes.at(0).result.code, QStringLiteral("forbidden"));

        QVERIFY(gw::test::settleOutbox(*m_store).ok);  // the reviewer synced before the dispatcher whistles
        const BulkActions::Report whistle =
            BulkActions::whistle(m_store, dispatcher(), ids, "dept.chengguan", {"dept.zhujian"});
        QCOMPARE(whistle.succeeded(), 2);
        QCOMPARE(whistle.refused(), 1);
        for (int i = 0; i < 2; ++i) {
            const CaseRecord c = record(ids.at(i));
            QCOMPARE(c.status, CaseStatus::Whistled);
            QVERIFY(c.assignment("dept.chengguan")->lead);
            QVERIFY(c.assignment("dept.zhujian") && !c.assignment("dept.zhujian")->lead);
        }
        // Again to the same departments: already summoned, said so per case.
        const BulkActions::Report again = BulkActions::whistle(m_store, dispatcher(), ids.mid(0, 1), "dept.chengguan", {"dept.zhujian"});
        QCOMPARE(again.refused(), 1);
        QVERIFY(!again.outcomes.at(0).result.message.isEmpty());
    }
};

QTEST_MAIN(TestWorkflowGui)
#include "tst_workflow_gui.moc"

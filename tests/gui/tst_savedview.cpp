// Saved views per role: "my to-do" follows the Workflow, including postponement requests that wait for a
// decision (the request leaves the case's status unchanged, so a status list alone misses them).
#include "casestore.h"
#include "eventbuilder.h"
#include "guidemodata.h"
#include "savedview.h"
#include "workflow.h"
#include "../support/settledoutbox.h"
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestSavedView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void postponementDeciderFollowsWorkflow();
    void reviewerTodoIsWhatTheWorkflowOwes();
    void barStatusesNarrowPostponements();
    void decidedRequestLeavesTodo();

private:
    QSet<QString> todoIds(const User &user, const CaseFilter &bar = CaseFilter()) const;
    QSet<QString> owedBy(const User &user) const;
    Result requestPostponement(const QString &caseId);

    QTemporaryDir m_dir;
    CaseStore m_store;
    QStringList m_ids;
    QStringList m_requested;  // cases with a waiting postponement request
};

void TestSavedView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const Result opened = m_store.open(m_dir.filePath(QStringLiteral("client.sqlite")));
    QVERIFY2(opened.ok, qPrintable(opened.message));
    const Result populated = demo::populate(&m_store, 4 * demo::StageCount, 3, &m_ids);
    QVERIFY2(populated.ok, qPrintable(populated.message));
    // One whistled and two handling cases ask for more time.
    for (demo::Stage stage : {demo::Stage::Whistled, demo::Stage::Handling}) {
        for (int i = int(stage); i < m_ids.size() && m_requested.size() < 3; i += demo::StageCount) {
            const Result r = requestPostponement(m_ids.at(i));
            QVERIFY2(r.ok, qPrintable(r.message));
            m_requested.append(m_ids.at(i));
            if (stage == demo::Stage::Whistled)
                break;
        }
    }
    QCOMPARE(m_requested.size(), 3);
}

Result TestSavedView::requestPostponement(const QString &caseId)
{
    const CaseRecord record = *m_store.caseById(caseId);
    const DepartmentAssignment &lead = record.departments.constFirst();
    const User handler = demo::user(QStringLiteral("handler:") + lead.departmentId);
    CaseEvent e = EventBuilder(handler, m_store.deviceId())
                      .make(EventType::PostponeRequested, caseId,
                            {{"department", lead.departmentId},
                             {"requestedDue", CaseEvent::timeToString(lead.handleDue.addDays(5))},
                             {"reason", QStringLiteral("需协调管线单位，申请延期五天")}});
    return gw::test::appendAsAuthor(m_store, e);
}

QSet<QString> TestSavedView::todoIds(const User &user, const CaseFilter &bar) const
{
    const SavedView todo = SavedView::forUser(user).constFirst();
    bool nothing = false;
    const CaseFilter f = SavedView::combine(todo, bar, &nothing);
    QSet<QString> ids;
    if (nothing)
        return ids;
    for (const CaseSummary &c : m_store.listCases(f, 0, 10000))
        ids.insert(c.id);
    return ids;
}

QSet<QString> TestSavedView::owedBy(const User &user) const
{
    // Asked of the Workflow case by case: does the user have a step that moves the case on?
    const QList<EventType> owed{EventType::Analyzed,       EventType::Reviewed,       EventType::CheckedIn,
                                EventType::Handled,        EventType::PostponeDecided, EventType::StreetResolved,
                                EventType::Verified,       EventType::Closed};
    QSet<QString> ids;
    const Workflow workflow;
    for (const QString &id : m_ids) {
        const CaseRecord record = *m_store.caseById(id);
        for (EventType type : workflow.availableActions(record, user))
            if (owed.contains(type) || (type == EventType::Whistled && record.departments.isEmpty()))
                ids.insert(id);
    }
    return ids;
}

void TestSavedView::postponementDeciderFollowsWorkflow()
{
    const Workflow workflow;
    const CaseRecord requested = *m_store.caseById(m_requested.first());
    for (const char *id : {"dispatcher", "reviewer", "supervisor", "tuodong", "shifu", "chengguan", "zhujian"}) {
        const User user = demo::user(QString::fromLatin1(id));
        QVERIFY(!user.id.isEmpty());
        const bool decides = workflow.permits(&requested, user, EventType::PostponeDecided).ok;
        QCOMPARE(SavedView::decidesPostponements(user), decides);
        QCOMPARE(SavedView::forUser(user).constFirst().filter.orPostponementPending, decides);
        // Only the deciding role sees waiting requests as its to-do (unless the status is on it anyway).
        if (!decides && !SavedView::todoStatuses(user).contains(CaseStatus::Handling))
            QVERIFY(!todoIds(user).contains(m_requested.last()));
    }
    QVERIFY(SavedView::decidesPostponements(demo::user(QStringLiteral("reviewer"))));
}

void TestSavedView::reviewerTodoIsWhatTheWorkflowOwes()
{
    const User reviewer = demo::user(QStringLiteral("reviewer"));
    const QSet<QString> todo = todoIds(reviewer);
    for (const QString &id : m_requested)
        QVERIFY2(todo.contains(id), qPrintable(id));
    QCOMPARE(todo, owedBy(reviewer));
    // The tab's count matches the list.
    const SavedView view = SavedView::forUser(reviewer).constFirst();
    QCOMPARE(m_store.countCases(view.filter), int(todo.size()));
}

void TestSavedView::barStatusesNarrowPostponements()
{
    const User reviewer = demo::user(QStringLiteral("reviewer"));
    CaseFilter handling;
    handling.statuses = {CaseStatus::Handling};
    bool nothing = true;
    SavedView::combine(SavedView::forUser(reviewer).constFirst(), handling, &nothing);
    QVERIFY(!nothing);  // reviewing is not at "handling", but deciding a postponement is
    const QSet<QString> ids = todoIds(reviewer, handling);
    QCOMPARE(ids, QSet<QString>(m_requested.begin() + 1, m_requested.end()));
    CaseFilter whistled;
    whistled.statuses = {CaseStatus::Whistled};
    QCOMPARE(todoIds(reviewer, whistled), QSet<QString>{m_requested.first()});
    CaseFilter closed;
    closed.statuses = {CaseStatus::Closed};
    QVERIFY(todoIds(reviewer, closed).isEmpty());
}

void TestSavedView::decidedRequestLeavesTodo()
{
    const User reviewer = demo::user(QStringLiteral("reviewer"));
    const QString id = m_requested.takeFirst();
    const CaseRecord record = *m_store.caseById(id);
    CaseEvent decided = EventBuilder(reviewer, m_store.deviceId())
                            .make(EventType::PostponeDecided, id,
                                  {{"department", record.departments.constFirst().departmentId},
                                   {"approved", true}, {"reason", QStringLiteral("同意延期")}});
    const Result r = gw::test::appendAsAuthor(m_store, decided);
    QVERIFY2(r.ok, qPrintable(r.message));
    const QSet<QString> todo = todoIds(reviewer);
    QVERIFY(!todo.contains(id));
    QCOMPARE(todo, owedBy(reviewer));
}

QTEST_MAIN(TestSavedView)
#include "tst_savedview.moc"

// The 吹哨 workflow: who may do what in which state (table-driven over role x state x event type),
// the happy path, every side path, org-unit checks, invalid input, available actions and replay.
#include "casedriver.h"
#include <QUuid>
#include <QtTest>

using namespace gw;
using namespace gwtest;

namespace {

// ---- The expected permission matrix, written out by hand from the rules (docs/workflow.md) ----
// Columns: the case's state. "new" = no case yet; "postpone_pending" = handling, and the lead department
// (dept.chengguan, checked in) has asked for more time.
const char *const kStates[] = {"new",     "registered", "analyzed", "approved", "whistled", "handling",
                               "street_handling", "handled", "verified", "closed", "rejected", "merged",
                               "postpone_pending"};
constexpr int kStateCount = int(sizeof(kStates) / sizeof(kStates[0]));

// Rows: the actor. The department handler belongs to dept.chengguan, the lead department of every whistled case here;
// the reporter and the street operator belong to the case's own community and street.
const Role kRoles[] = {Role::CommunityReporter, Role::StreetOperator, Role::CenterDispatcher, Role::CenterReviewer,
                       Role::DepartmentHandler, Role::Supervisor, Role::Administrator};
constexpr int kRoleCount = 7;

// A = allowed, F = refused with "forbidden" (wrong role / org unit), S = refused with "invalid_state".
//                                 n reg ana app whi hdl str hdd ver clo rej mer ppd
struct MatrixRow {
    EventType type;
    const char *byRole[kRoleCount];  // R(eporter) S(treet) D(ispatcher) V(reviewer) P(department) U(supervisor) X(admin)
};
const MatrixRow kMatrix[] = {
    {EventType::Registered,
     {"ASSSSSSSSSSSS", "ASSSSSSSSSSSS", "ASSSSSSSSSSSS", "FSSSSSSSSSSSS", "FSSSSSSSSSSSS", "FSSSSSSSSSSSS",
      "FFFFFFFFFFFFF"}},
    {EventType::Analyzed,
     {"SFFFFFFFFFFFF", "SASSSSSSSSSSS", "SASSSSSSSSSSS", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Reviewed,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SSASSSSSSSSSS", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Whistled,
     {"SFFFFFFFFFFFF", "SSSAAASSSSSSA", "SSSAAASSSSSSA", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::CheckedIn,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFASFSSSFFS", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::AssignmentReturned,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFAAFSSSFFA", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Handled,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFSAFSSSFFA", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::PostponeRequested,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFAAFSSSFFS", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::PostponeDecided,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SSSSSSSSSSSSA", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::StreetResolved,
     {"SFFFFFFFFFFFF", "SSSSSSASSSSSS", "SSSSSSASSSSSS", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Verified,
     {"SFFFFFFFFFFFF", "SSSSSSSASSSSS", "SSSSSSSASSSSS", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Closed,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SSSSSSSSASSSS", "SSSSSSSSASSSS", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Escalated,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SAAAAAAAASSSA", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Reopened,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SSSSSSSSSAASS", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Commented,
     {"SAAAAAAAAAAAA", "SAAAAAAAAAAAA", "SAAAAAAAAAAAA", "SAAAAAAAAAAAA", "SFFFAAFAAAFFA", "SAAAAAAAAAAAA",
      "FFFFFFFFFFFFF"}},
    {EventType::HoldChanged,
     {"SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SAAAAAAAASSSA", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::DepartmentRated,
     {"SSSSSSSAAASSS", "SSSSSSSAAASSS", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF", "SFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
    {EventType::Numbered,
     {"FFFFFFFFFFFFF", "FFFFFFFFFFFFF", "FFFFFFFFFFFFF", "FFFFFFFFFFFFF", "FFFFFFFFFFFFF", "FFFFFFFFFFFFF",
      "FFFFFFFFFFFFF"}},
};

User userFor(Role role)
{
    switch (role) {
    case Role::CommunityReporter: return reporter();
    case Role::StreetOperator: return streetOperator();
    case Role::CenterDispatcher: return dispatcher();
    case Role::CenterReviewer: return reviewer();
    case Role::DepartmentHandler: return leadHandler();
    case Role::Supervisor: return supervisor();
    case Role::Administrator: return administrator();
    }
    return {};
}

// A payload that is valid for `type` on `record`, so that check() can only refuse for role, org unit or state.
QJsonObject validPayload(EventType type, const CaseRecord *record, const QDateTime &now)
{
    const DepartmentAssignment *lead = record ? record->assignment(kLead) : nullptr;
    const QDateTime handleDue = lead && lead->handleDue.isValid() ? lead->handleDue : now.addDays(7);
    switch (type) {
    case EventType::Registered: return registrationPayload();
    case EventType::Analyzed: return {{"decision", "whistle"}};
    case EventType::Reviewed: return {{"decision", "approve"}};
    case EventType::Whistled: {
        const bool hasLead = record && record->leadAssignment();
        const QString dept = hasLead ? kExtra : kLead;
        return {{"departments", QJsonArray{deptEntry(dept, !hasLead, now.addDays(1), now.addDays(5))}}};
    }
    case EventType::CheckedIn: return {{"department", kLead}, {"note", "到达现场"}};
    case EventType::AssignmentReturned: return {{"department", kLead}, {"reason", "不属于本部门职责"}};
    case EventType::Handled: return {{"department", kLead}, {"feedback", "已补装井盖"}};
    case EventType::PostponeRequested:
        return {{"department", kLead}, {"requestedDue", iso(handleDue.addDays(3))}, {"reason", "需采购材料"}};
    case EventType::PostponeDecided: return {{"department", kLead}, {"approved", true}, {"reason", "同意"}};
    case EventType::StreetResolved: return {{"feedback", "街道已组织清理"}};
    case EventType::Verified: return {{"passed", true}};
    case EventType::Closed: return {{"satisfaction", "satisfied"}, {"summary", "已办结"}};
    case EventType::Escalated: return {{"reason", "涉及市级权限"}};
    case EventType::Reopened: return {{"reason", "群众反映问题复发"}};
    case EventType::Commented: return {{"text", "请尽快处理"}};
    case EventType::HoldChanged: return {{"onHold", !(record && record->onHold)}, {"reason", "等待上级批复"}};
    case EventType::DepartmentRated: return {{"department", kLead}, {"score", 4}};
    case EventType::Numbered: return {{"number", "PL-2026-000123"}};
    }
    return {};
}

QString departmentArgument(EventType type)
{
    switch (type) {
    case EventType::CheckedIn:
    case EventType::AssignmentReturned:
    case EventType::Handled:
    case EventType::PostponeRequested:
    case EventType::PostponeDecided:
    case EventType::DepartmentRated:
        return kLead;
    default:
        return {};
    }
}

QString describe(const Result &r) { return r.ok ? QStringLiteral("allowed") : r.code + QStringLiteral(": ") + r.message; }

} // namespace

class TestWorkflow : public QObject
{
    Q_OBJECT

private:
    // Drives a fresh case into `state` with real events. Fails the current test if any step is refused.
    void buildState(const QString &state, CaseDriver &d);
    QMap<QString, CaseDriver> m_states;
    const Workflow m_wf;

private slots:
    void initTestCase();
    void matrixIsComplete();
    void permissionMatrix_data();
    void permissionMatrix();

    void happyPath();
    void orgUnitChecks();
    void servedGridCellMustLieInTheCase();
    void departmentActsOnlyForItself();
    void inactiveUserRefused();
    void reviewReturnAndReject();
    void leadReturnGoesBackToApproved();
    void assistingDepartmentsKeepWorkingWhileLeadIsReplaced();
    void assistReturnLeavesCaseRunning();
    void postponement();
    void verificationRework();
    void streetLevelPath();
    void merge();
    void escalateOnlyOnce();
    void holdOnAndOff();
    void reopenArchivesAssignments();
    void ratingOncePerHandledDepartment();
    void numberedOnlyBySystem();
    void invalidRegistration_data();
    void invalidRegistration();
    void refusalNamesItsField_data();
    void refusalNamesItsField();
    void invalidWhistle_data();
    void invalidWhistle();
    void invalidOtherPayloads();
    void availableActions_data();
    void availableActions();
    void availableActionsFollowTheMatrix();
    void replayMatchesIncrementalApply();
    void replayStopsAtInvalidEvent();
};

void TestWorkflow::buildState(const QString &state, CaseDriver &d)
{
    const QJsonObject lead{{"department", kLead}};
    const QJsonObject assist{{"department", kAssist}};
    if (state == QLatin1String("new"))
        return;
    GW_ACT(d, reporter(), EventType::Registered, registrationPayload());
    if (state == QLatin1String("registered"))
        return;
    if (state == QLatin1String("street_handling")) {
        GW_ACT(d, streetOperator(), EventType::Analyzed,
               (QJsonObject{{"decision", "street"}, {"note", "街道自行处置"}, {"due", iso(d.now().addDays(3))}}));
        return;
    }
    if (state == QLatin1String("merged")) {
        GW_ACT(d, streetOperator(), EventType::Analyzed,
               (QJsonObject{{"decision", "merge"}, {"note", "重复上报"},
                            {"mergedInto", QUuid::createUuid().toString(QUuid::WithoutBraces)}}));
        return;
    }
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    if (state == QLatin1String("analyzed"))
        return;
    if (state == QLatin1String("rejected")) {
        GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "reject"}, {"reason", "不属实"}}));
        return;
    }
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    if (state == QLatin1String("approved"))
        return;
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead, {kAssist}));
    if (state == QLatin1String("whistled"))
        return;
    GW_ACT(d, leadHandler(), EventType::CheckedIn, lead);
    if (state == QLatin1String("handling"))
        return;
    if (state == QLatin1String("postpone_pending")) {
        const QDateTime due = d.record().assignment(kLead)->handleDue.addDays(2);
        GW_ACT(d, leadHandler(), EventType::PostponeRequested,
               (QJsonObject{{"department", kLead}, {"requestedDue", iso(due)}, {"reason", "需采购材料"}}));
        return;
    }
    GW_ACT(d, assistHandler(), EventType::CheckedIn, assist);
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "已补装"}}));
    GW_ACT(d, assistHandler(), EventType::Handled, (QJsonObject{{"department", kAssist}, {"feedback", "已配合"}}));
    if (state == QLatin1String("handled"))
        return;
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    if (state == QLatin1String("verified"))
        return;
    GW_ACT(d, dispatcher(), EventType::Closed, (QJsonObject{{"satisfaction", "satisfied"}}));
    if (state == QLatin1String("closed"))
        return;
    QFAIL(qPrintable(QStringLiteral("no recipe for state %1").arg(state)));
}

void TestWorkflow::initTestCase()
{
    const QHash<QString, CaseStatus> expectedStatus{
        {"registered", CaseStatus::Registered}, {"analyzed", CaseStatus::Analyzed},
        {"approved", CaseStatus::Approved},     {"whistled", CaseStatus::Whistled},
        {"handling", CaseStatus::Handling},     {"street_handling", CaseStatus::StreetHandling},
        {"handled", CaseStatus::Handled},       {"verified", CaseStatus::Verified},
        {"closed", CaseStatus::Closed},         {"rejected", CaseStatus::Rejected},
        {"merged", CaseStatus::Merged},         {"postpone_pending", CaseStatus::Handling}};
    for (const char *state : kStates) {
        CaseDriver d(m_wf);
        buildState(QString::fromLatin1(state), d);
        if (QTest::currentTestFailed())
            return;
        if (qstrcmp(state, "new") != 0)
            QCOMPARE(caseStatusToString(d.record().status), caseStatusToString(expectedStatus.value(state)));
        m_states.insert(QString::fromLatin1(state), d);
    }
    // Every status of the enum is reached by a recipe above.
    QSet<CaseStatus> reached;
    for (const CaseDriver &d : std::as_const(m_states))
        if (d.recordOrNull())
            reached.insert(d.record().status);
    for (CaseStatus s : allCaseStatuses())
        QVERIFY2(reached.contains(s), qPrintable(caseStatusToString(s)));
}

void TestWorkflow::matrixIsComplete()
{
    // One row per event type, each row one cell per state: a new event type cannot slip in untested.
    QSet<EventType> covered;
    for (const MatrixRow &row : kMatrix) {
        covered.insert(row.type);
        for (const char *cells : row.byRole)
            QCOMPARE(int(qstrlen(cells)), kStateCount);
    }
    QCOMPARE(covered.size(), allEventTypes().size());
    QCOMPARE(int(sizeof(kMatrix) / sizeof(kMatrix[0])), allEventTypes().size());
    QCOMPARE(int(sizeof(kRoles) / sizeof(kRoles[0])), allRoles().size());
}

void TestWorkflow::permissionMatrix_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("type");
    QTest::addColumn<QChar>("expected");
    for (const MatrixRow &row : kMatrix) {
        for (int r = 0; r < kRoleCount; ++r) {
            for (int s = 0; s < kStateCount; ++s) {
                const QByteArray name = roleToString(kRoles[r]).toLatin1() + '/' + kStates[s] + '/'
                                        + eventTypeToString(row.type).toLatin1();
                QTest::newRow(name.constData()) << int(kRoles[r]) << QString::fromLatin1(kStates[s]) << int(row.type)
                                                << QChar::fromLatin1(row.byRole[r][s]);
            }
        }
    }
}

void TestWorkflow::permissionMatrix()
{
    QFETCH(int, role);
    QFETCH(QString, state);
    QFETCH(int, type);
    QFETCH(QChar, expected);
    QVERIFY(m_states.contains(state));
    CaseDriver d = m_states.value(state);
    const User user = userFor(Role(role));
    const EventType t = EventType(type);
    const CaseRecord *record = d.recordOrNull();

    const Result permitted = m_wf.permits(record, user, t, departmentArgument(t));
    const CaseEvent event = d.make(user, t, validPayload(t, record, d.now()));
    const Result checked = m_wf.check(record, event);

    for (const Result &r : {permitted, checked}) {
        const QString got = describe(r);
        if (expected == u'A') {
            QVERIFY2(r.ok, qPrintable(QStringLiteral("expected allowed, got %1").arg(got)));
            continue;
        }
        QVERIFY2(!r.ok, "expected a refusal, but it was allowed");
        QVERIFY2(!r.message.text().trimmed().isEmpty(), "a refusal must say why");
        const QString code = expected == u'F' ? QStringLiteral("forbidden") : QStringLiteral("invalid_state");
        QVERIFY2(r.code == code, qPrintable(QStringLiteral("expected %1, got %2").arg(code, got)));
    }
    // Accepted events change the case through apply(); the result must still be a valid projection.
    if (checked.ok && record) {
        CaseRecord copy = *record;
        m_wf.apply(copy, event);
        QCOMPARE(copy.id, record->id);
    }
}

void TestWorkflow::happyPath()
{
    CaseDriver d(m_wf);
    GW_ACT(d, reporter(), EventType::Registered, registrationPayload());
    QCOMPARE(d.record().status, CaseStatus::Registered);
    QCOMPARE(d.record().title, QStringLiteral("白塔路井盖缺失"));
    QCOMPARE(d.record().streetId, kStreet);
    QCOMPARE(d.record().communityId, kCommunity);
    QCOMPARE(d.record().registeredBy, reporter().id);

    GW_ACT(d, streetOperator(), EventType::Analyzed,
           (QJsonObject{{"decision", "whistle"}, {"urgency", "normal"}, {"note", "需城管、住建联合处置"}}));
    QCOMPARE(d.record().status, CaseStatus::Analyzed);
    QCOMPARE(d.record().analysisNote, QStringLiteral("需城管、住建联合处置"));

    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    QCOMPARE(d.record().status, CaseStatus::Approved);

    // Whistle at Monday 09:40 local (01:40 UTC). city_appearance/normal: check in within 1 working day,
    // handle within 5 working days -> Tuesday 3 March and Monday 9 March, same clock time.
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead, {kAssist}));
    QCOMPARE(d.record().status, CaseStatus::Whistled);
    QCOMPARE(d.record().departments.size(), 2);
    const DepartmentAssignment *lead = d.record().assignment(kLead);
    const DepartmentAssignment *assist = d.record().assignment(kAssist);
    QVERIFY(lead && assist);
    QVERIFY(lead->lead);
    QVERIFY(!assist->lead);
    QCOMPARE(d.record().whistledAt, QDateTime(QDate(2026, 3, 2), QTime(1, 40), Qt::UTC));
    QCOMPARE(lead->checkInDue, QDateTime(QDate(2026, 3, 3), QTime(1, 40), Qt::UTC));
    QCOMPARE(lead->handleDue, QDateTime(QDate(2026, 3, 9), QTime(1, 40), Qt::UTC));
    QCOMPARE(lead->state, DepartmentAssignment::State::Summoned);
    QCOMPARE(d.record().nextDue(), lead->checkInDue);
    QVERIFY(!d.record().isOverdue(lead->checkInDue));
    QVERIFY(d.record().isOverdue(lead->checkInDue.addMSecs(1)));
    QVERIFY(lead->isCheckInOverdue(lead->checkInDue.addSecs(60)));

    GW_ACT(d, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kLead}}));
    QCOMPARE(d.record().status, CaseStatus::Handling);
    QCOMPARE(d.record().assignment(kLead)->state, DepartmentAssignment::State::CheckedIn);
    QVERIFY(d.record().assignment(kLead)->checkedInAt.isValid());
    GW_ACT(d, assistHandler(), EventType::CheckedIn, (QJsonObject{{"department", kAssist}}));
    QCOMPARE(d.record().status, CaseStatus::Handling);
    // Both checked in: the handling deadline is what runs now.
    QCOMPARE(d.record().nextDue(), d.record().assignment(kLead)->handleDue);
    QVERIFY(!d.record().assignment(kLead)->isCheckInOverdue(lead->checkInDue.addDays(30)));

    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "已补装井盖"}}));
    QCOMPARE(d.record().status, CaseStatus::Handling);  // the assisting department is still working
    QCOMPARE(d.record().assignment(kLead)->state, DepartmentAssignment::State::Handled);
    QCOMPARE(d.record().assignment(kLead)->feedback, QStringLiteral("已补装井盖"));
    GW_ACT(d, assistHandler(), EventType::Handled, (QJsonObject{{"department", kAssist}, {"feedback", "已加固"}}));
    QCOMPARE(d.record().status, CaseStatus::Handled);
    QVERIFY(d.record().handledAt.isValid());
    // No department deadline runs any more: the next one is the verification step's (StepClock).
    QCOMPARE(d.record().step, CaseStep::Verify);
    QCOMPARE(d.record().nextDue(), d.record().stepDue);

    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    QCOMPARE(d.record().status, CaseStatus::Verified);
    QVERIFY(d.record().verifiedAt.isValid());

    GW_ACT(d, dispatcher(), EventType::Closed,
           (QJsonObject{{"satisfaction", "satisfied"}, {"callbackContact", "李先生"}, {"callbackBy", "center.zhao"}}));
    QCOMPARE(d.record().status, CaseStatus::Closed);
    QCOMPARE(d.record().satisfaction, QStringLiteral("satisfied"));
    QVERIFY(d.record().closedAt.isValid());
    QVERIFY(isTerminal(d.record().status));

    QCOMPARE(d.record().eventCount, 10);
    QCOMPARE(d.record().lastHash, d.events().last().hash);
    QVERIFY(AuditChain::verify(d.events()).ok());
}

// Issue 16: a grid cell the district serves must belong to the case's community (its street without one) when the
// client makes the registration; free text (cases from before grid cells were served) is still taken. Not part of
// checkNewAction: the server never refuses a registration for it (an offline client's directory may be older).
void TestWorkflow::servedGridCellMustLieInTheCase()
{
    auto registration = [](const QString &community, const QString &cell) {
        QJsonObject p = registrationPayload();
        if (community.isEmpty())
            p.remove(QStringLiteral("community"));
        else
            p[QStringLiteral("community")] = community;
        p[QStringLiteral("gridCell")] = cell;
        return EventBuilder(dispatcher(), QStringLiteral("t"))
            .make(EventType::Registered, QUuid::createUuid().toString(QUuid::WithoutBraces), p);
    };
    QVERIFY(m_wf.checkGridCell(registration(kCommunity, QStringLiteral("530103001001002")).payload).ok);
    QVERIFY(m_wf.checkGridCell(registration(QString(), QStringLiteral("530103001002001")).payload).ok);  // in the street
    QVERIFY(m_wf.checkGridCell(registration(kCommunity, QStringLiteral("PL-TD-01-07")).payload).ok);  // free text
    const CaseEvent wrong = registration(kCommunity, QStringLiteral("530103001002001"));  // a cell of 拓东 2
    const Result refused = m_wf.checkGridCell(wrong.payload);
    QVERIFY(!refused.ok);
    QCOMPARE(refused.field, QStringLiteral("gridCell"));
    QVERIFY2(refused.message.english().contains(QStringLiteral("530103001002001")), qPrintable(refused.message.english()));
    QVERIFY(m_wf.checkNewAction(nullptr, wrong).ok);  // what the server applies, and replay
    // A cell of another street's community, for a case without a community.
    const GridCell other = OrgDirectory::builtin().gridCellsOf(QStringLiteral("community.gulou.1")).value(0);
    QVERIFY(!other.code.isEmpty());
    QCOMPARE(m_wf.checkGridCell(registration(QString(), other.code).payload).field, QStringLiteral("gridCell"));
}

void TestWorkflow::orgUnitChecks()
{
    CaseDriver d = m_states.value("registered");
    // A street operator of another street cannot see, so cannot act on, this case.
    const User otherStreet = makeUser("gulou.op", Role::StreetOperator, kOtherStreet);
    GW_REFUSED(d, otherStreet, EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}), "forbidden",
               "outside your area");
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    GW_REFUSED(d, otherStreet, EventType::Whistled, d.whistlePayload(kLead), "forbidden", "outside your area");
    GW_ACT(d, streetOperator(), EventType::Whistled, d.whistlePayload(kLead));

    // A handler of a department that was not summoned is refused.
    GW_REFUSED(d, extraHandler(), EventType::CheckedIn, (QJsonObject{{"department", kExtra}}), "forbidden", "");
    GW_REFUSED(d, assistHandler(), EventType::CheckedIn, (QJsonObject{{"department", kAssist}}), "forbidden", "");

    // A community reporter registers only for their own community; a street operator only for their street.
    CaseDriver fresh(m_wf);
    QJsonObject otherCommunity = registrationPayload();
    otherCommunity["community"] = kOtherCommunity;
    GW_REFUSED(fresh, reporter(), EventType::Registered, otherCommunity, "forbidden", "own community");
    QJsonObject noCommunity = registrationPayload();
    noCommunity.remove("community");
    GW_REFUSED(fresh, reporter(), EventType::Registered, noCommunity, "forbidden", "own community");
    QJsonObject gulou = registrationPayload();
    gulou["street"] = kOtherStreet;
    gulou["community"] = QStringLiteral("community.gulou.1");
    GW_REFUSED(fresh, streetOperator(), EventType::Registered, gulou, "forbidden", "own street");
    GW_ACT(fresh, dispatcher(), EventType::Registered, gulou);  // the center registers for any street
    // ... and then our street's operator and reporter cannot see it.
    GW_REFUSED(fresh, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}), "forbidden",
               "outside your area");
    GW_REFUSED(fresh, reporter(), EventType::Commented, (QJsonObject{{"text", "?"}}), "forbidden",
               "outside your area");
}

void TestWorkflow::departmentActsOnlyForItself()
{
    CaseDriver d = m_states.value("whistled");
    // The lead's handler tries to check in on behalf of the assisting department.
    GW_REFUSED(d, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kAssist}}), "forbidden",
               "own department");
    GW_REFUSED(d, leadHandler(), EventType::AssignmentReturned,
               (QJsonObject{{"department", kAssist}, {"reason", "x"}}), "forbidden", "own department");
    QCOMPARE(d.record().assignment(kAssist)->state, DepartmentAssignment::State::Summoned);
}

void TestWorkflow::inactiveUserRefused()
{
    CaseDriver d = m_states.value("registered");
    User u = streetOperator();
    u.active = false;
    const Result r = m_wf.permits(&d.record(), u, EventType::Analyzed);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("forbidden"));
    QVERIFY(r.message.text().contains("disabled"));
    QVERIFY(m_wf.availableActions(d.record(), u).isEmpty());
}

void TestWorkflow::reviewReturnAndReject()
{
    CaseDriver d = m_states.value("analyzed");
    GW_REFUSED(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "return"}}), "invalid_input",
               "Reason is required");
    GW_REFUSED(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "return"}, {"reason", "   "}}),
               "invalid_input", "Reason is required");
    GW_REFUSED(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "maybe"}}), "invalid_input",
               "approve, return or reject");
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "return"}, {"reason", "定位不准确，请核实"}}));
    QCOMPARE(d.record().status, CaseStatus::Registered);
    QCOMPARE(d.record().lastDecisionBy, reviewer().id);
    QCOMPARE(d.record().lastDecisionReason, QStringLiteral("定位不准确，请核实"));
    // Analyzed again, then rejected.
    GW_ACT(d, dispatcher(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_REFUSED(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "reject"}}), "invalid_input",
               "Reason is required");
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "reject"}, {"reason", "非本区事项"}}));
    QCOMPARE(d.record().status, CaseStatus::Rejected);
    QCOMPARE(d.record().lastDecisionReason, QStringLiteral("非本区事项"));
    GW_REFUSED(d, dispatcher(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}), "invalid_state", "");
    // A rejected case can be reopened by a reviewer.
    GW_ACT(d, reviewer(), EventType::Reopened, (QJsonObject{{"reason", "补充材料后重新受理"}}));
    QCOMPARE(d.record().status, CaseStatus::Registered);
    // Approve needs no reason.
    GW_ACT(d, dispatcher(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    QCOMPARE(d.record().status, CaseStatus::Approved);
}

void TestWorkflow::leadReturnGoesBackToApproved()
{
    CaseDriver d = m_states.value("whistled");
    GW_REFUSED(d, leadHandler(), EventType::AssignmentReturned, (QJsonObject{{"department", kLead}}),
               "invalid_input", "Reason for returning is required");
    GW_ACT(d, leadHandler(), EventType::AssignmentReturned,
           (QJsonObject{{"department", kLead}, {"reason", "井盖属水务管网，非城管职责"}}));
    QCOMPARE(d.record().status, CaseStatus::Approved);
    const DepartmentAssignment *returned = d.record().assignment(kLead);
    QCOMPARE(returned->state, DepartmentAssignment::State::Returned);
    QCOMPARE(returned->returnReason, QStringLiteral("井盖属水务管网，非城管职责"));
    QCOMPARE(returned->returnedBy, leadHandler().id);
    QCOMPARE(d.record().lastDecisionReason, QStringLiteral("井盖属水务管网，非城管职责"));
    QCOMPARE(d.record().assignment(kAssist)->state, DepartmentAssignment::State::Summoned);
    QVERIFY(!d.record().leadAssignment());

    // The returning department still sees the case but can no longer act on it.
    QVERIFY(AccessPolicy::canView(d.record(), leadHandler()));
    GW_REFUSED(d, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kLead}}), "forbidden",
               "not summoned");
    // The dispatcher sees the whistle as the next action and must name a new lead.
    QVERIFY(m_wf.availableActions(d.record(), dispatcher()).contains(EventType::Whistled));
    GW_REFUSED(d, dispatcher(), EventType::Whistled, d.whistlePayload(QString(), {kExtra}), "invalid_input",
               "exactly one lead");
    GW_REFUSED(d, dispatcher(), EventType::Whistled, d.whistlePayload(kAssist), "invalid_input",
               "already summoned");
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kExtra));
    QCOMPARE(d.record().status, CaseStatus::Whistled);
    QCOMPARE(d.record().leadAssignment()->departmentId, kExtra);
    QCOMPARE(d.record().departments.size(), 3);
    GW_ACT(d, extraHandler(), EventType::CheckedIn, (QJsonObject{{"department", kExtra}}));
    QCOMPARE(d.record().status, CaseStatus::Handling);
}

void TestWorkflow::assistingDepartmentsKeepWorkingWhileLeadIsReplaced()
{
    // docs/architecture.md: when the lead returns, the case goes back to approved and assisting departments keep working.
    CaseDriver d = m_states.value("whistled");
    GW_ACT(d, leadHandler(), EventType::AssignmentReturned, (QJsonObject{{"department", kLead}, {"reason", "非本部门"}}));
    QCOMPARE(d.record().status, CaseStatus::Approved);
    GW_ACT(d, assistHandler(), EventType::CheckedIn, (QJsonObject{{"department", kAssist}}));
    QCOMPARE(d.record().status, CaseStatus::Approved);  // still waiting for a new lead
    GW_ACT(d, assistHandler(), EventType::Handled, (QJsonObject{{"department", kAssist}, {"feedback", "已配合"}}));
    QCOMPARE(d.record().status, CaseStatus::Approved);  // no lead: cannot be handled yet
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kExtra));
    QCOMPARE(d.record().status, CaseStatus::Handling);
    GW_ACT(d, extraHandler(), EventType::CheckedIn, (QJsonObject{{"department", kExtra}}));
    GW_ACT(d, extraHandler(), EventType::Handled, (QJsonObject{{"department", kExtra}, {"feedback", "已修复"}}));
    QCOMPARE(d.record().status, CaseStatus::Handled);
}

void TestWorkflow::assistReturnLeavesCaseRunning()
{
    CaseDriver d = m_states.value("handling");  // lead checked in, assist summoned
    GW_ACT(d, assistHandler(), EventType::AssignmentReturned, (QJsonObject{{"department", kAssist}, {"reason", "无关"}}));
    QCOMPARE(d.record().status, CaseStatus::Handling);
    QCOMPARE(d.record().assignment(kAssist)->state, DepartmentAssignment::State::Returned);
    QCOMPARE(d.record().leadAssignment()->departmentId, kLead);
    QCOMPARE(d.record().activeDepartmentIds(), QStringList{kLead});
    QCOMPARE(d.record().nextDue(), d.record().assignment(kLead)->handleDue);  // the returned part's deadlines stop
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "已补装"}}));
    QCOMPARE(d.record().status, CaseStatus::Handled);  // the returned assist does not hold it up

    // Returned while summoned in a whistled case: still whistled.
    CaseDriver w = m_states.value("whistled");
    GW_ACT(w, assistHandler(), EventType::AssignmentReturned, (QJsonObject{{"department", kAssist}, {"reason", "无关"}}));
    QCOMPARE(w.record().status, CaseStatus::Whistled);
    // A returned assist can be summoned again.
    GW_ACT(w, dispatcher(), EventType::Whistled,
           (QJsonObject{{"departments", QJsonArray{w.summons(kAssist, false)}}}));
    QCOMPARE(w.record().assignment(kAssist)->state, DepartmentAssignment::State::Summoned);
    QCOMPARE(w.record().departments.size(), 3);
}

void TestWorkflow::postponement()
{
    CaseDriver d = m_states.value("handling");
    const QDateTime originalDue = d.record().assignment(kLead)->handleDue;
    QVERIFY(originalDue.isValid());
    const QDateTime wanted = originalDue.addDays(3);
    auto request = [&](const QDateTime &due, const QString &reason) {
        return QJsonObject{{"department", kLead}, {"requestedDue", iso(due)}, {"reason", reason}};
    };
    GW_REFUSED(d, leadHandler(), EventType::PostponeRequested, request(originalDue, "x"), "invalid_input",
               "later than the current one");
    GW_REFUSED(d, leadHandler(), EventType::PostponeRequested, request(wanted, ""), "invalid_input",
               "Reason for postponement is required");
    GW_REFUSED(d, leadHandler(), EventType::PostponeRequested,
               (QJsonObject{{"department", kLead}, {"requestedDue", "next week"}, {"reason", "x"}}), "invalid_input",
               "Requested deadline");
    GW_REFUSED(d, reviewer(), EventType::PostponeDecided, (QJsonObject{{"department", kLead}, {"approved", true}}),
               "invalid_state", "No postponement request");

    GW_ACT(d, leadHandler(), EventType::PostponeRequested, request(wanted, "需采购井盖"));
    const DepartmentAssignment *a = d.record().assignment(kLead);
    QCOMPARE(a->postponeRequestedDue, wanted);
    QCOMPARE(a->handleDue, originalDue);  // a request alone moves nothing
    GW_REFUSED(d, leadHandler(), EventType::PostponeRequested, request(wanted.addDays(1), "再延"), "invalid_state",
               "already waiting");
    GW_REFUSED(d, dispatcher(), EventType::PostponeDecided, (QJsonObject{{"department", kLead}, {"approved", true}}),
               "forbidden", "");

    // Denied: reason required; deadline unchanged; count unchanged.
    GW_REFUSED(d, reviewer(), EventType::PostponeDecided, (QJsonObject{{"department", kLead}, {"approved", false}}),
               "invalid_input", "Reason is required");
    GW_REFUSED(d, reviewer(), EventType::PostponeDecided, (QJsonObject{{"department", kLead}, {"approved", "yes"}}),
               "invalid_input", "true or false");
    GW_ACT(d, reviewer(), EventType::PostponeDecided,
           (QJsonObject{{"department", kLead}, {"approved", false}, {"reason", "材料可调拨"}}));
    a = d.record().assignment(kLead);
    QCOMPARE(a->handleDue, originalDue);
    QCOMPARE(a->postponeCount, 0);
    QVERIFY(!a->postponeRequestedDue.isValid());
    QCOMPARE(d.record().lastDecisionReason, QStringLiteral("材料可调拨"));

    // Approved: the deadline moves to the requested one and the count goes up.
    GW_ACT(d, leadHandler(), EventType::PostponeRequested, request(wanted, "确需采购"));
    GW_ACT(d, reviewer(), EventType::PostponeDecided, (QJsonObject{{"department", kLead}, {"approved", true}}));
    a = d.record().assignment(kLead);
    QCOMPARE(a->handleDue, wanted);
    QCOMPARE(a->postponeCount, 1);
    QVERIFY(!a->postponeRequestedDue.isValid());

    // A second approved request counts again.
    GW_ACT(d, leadHandler(), EventType::PostponeRequested, request(wanted.addDays(2), "天气原因"));
    GW_ACT(d, reviewer(), EventType::PostponeDecided, (QJsonObject{{"department", kLead}, {"approved", true}}));
    QCOMPARE(d.record().assignment(kLead)->postponeCount, 2);
    QCOMPARE(d.record().assignment(kLead)->handleDue, wanted.addDays(2));
}

void TestWorkflow::verificationRework()
{
    CaseDriver d = m_states.value("handled");
    GW_REFUSED(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", false}}), "invalid_input",
               "Reason for rework is required");
    GW_REFUSED(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", "no"}}), "invalid_input",
               "true or false");
    GW_REFUSED(d, streetOperator(), EventType::Verified,
               (QJsonObject{{"passed", false}, {"reason", "x"}, {"reworkDue", "tomorrow"}}), "invalid_input",
               "Rework deadline");
    GW_REFUSED(d, reporter(), EventType::Verified, (QJsonObject{{"passed", true}}), "forbidden", "");

    const QDateTime reworkDue = d.now().addDays(2);
    GW_ACT(d, streetOperator(), EventType::Verified,
           (QJsonObject{{"passed", false}, {"reason", "井盖未固定"}, {"reworkDue", iso(reworkDue)}}));
    QCOMPARE(d.record().status, CaseStatus::Handling);
    QCOMPARE(d.record().reworkCount, 1);
    QCOMPARE(d.record().lastDecisionReason, QStringLiteral("井盖未固定"));
    QVERIFY(!d.record().handledAt.isValid());
    for (const QString &dept : {kLead, kAssist}) {
        QCOMPARE(d.record().assignment(dept)->state, DepartmentAssignment::State::CheckedIn);
        QCOMPARE(d.record().assignment(dept)->handleDue, reworkDue);
    }
    // Both handle again, a second rework, then pass.
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "已加固"}}));
    QCOMPARE(d.record().status, CaseStatus::Handling);
    GW_ACT(d, assistHandler(), EventType::Handled, (QJsonObject{{"department", kAssist}, {"feedback", "已复查"}}));
    QCOMPARE(d.record().status, CaseStatus::Handled);
    GW_ACT(d, dispatcher(), EventType::Verified, (QJsonObject{{"passed", false}, {"reason", "仍有松动"}}));
    QCOMPARE(d.record().reworkCount, 2);
    QCOMPARE(d.record().assignment(kLead)->handleDue, reworkDue);  // no new deadline given: unchanged
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "更换井盖"}}));
    GW_ACT(d, assistHandler(), EventType::Handled, (QJsonObject{{"department", kAssist}, {"feedback", "已复查"}}));
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    QCOMPARE(d.record().status, CaseStatus::Verified);
    QCOMPARE(d.record().reworkCount, 2);
}

void TestWorkflow::streetLevelPath()
{
    CaseDriver d = m_states.value("registered");
    GW_REFUSED(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "street"}, {"note", "自行处置"}}),
               "invalid_input", "Street handling deadline");
    GW_REFUSED(d, streetOperator(), EventType::Analyzed,
               (QJsonObject{{"decision", "street"}, {"due", iso(d.now().addDays(2))}}), "invalid_input",
               "Analysis note is required");
    const QDateTime due = d.now().addDays(2);
    GW_ACT(d, streetOperator(), EventType::Analyzed,
           (QJsonObject{{"decision", "street"}, {"note", "街道城管中队处置"}, {"due", iso(due)}}));
    QCOMPARE(d.record().status, CaseStatus::StreetHandling);
    QCOMPARE(d.record().streetDue, due);
    QCOMPARE(d.record().nextDue(), due);
    QVERIFY(d.record().isOverdue(due.addSecs(1)));
    QVERIFY(!d.record().isOverdue(due));
    QVERIFY(!AccessPolicy::canView(d.record(), leadHandler()));  // no department involved
    GW_REFUSED(d, streetOperator(), EventType::StreetResolved, QJsonObject{}, "invalid_input",
               "Handling feedback is required");
    GW_ACT(d, streetOperator(), EventType::StreetResolved, (QJsonObject{{"feedback", "已清理完毕"}}));
    QCOMPARE(d.record().status, CaseStatus::Handled);
    QCOMPARE(d.record().streetFeedback, QStringLiteral("已清理完毕"));
    // Rework on the street path goes back to street handling with the new deadline.
    const QDateTime rework = d.now().addDays(1);
    GW_ACT(d, dispatcher(), EventType::Verified,
           (QJsonObject{{"passed", false}, {"reason", "仍有垃圾"}, {"reworkDue", iso(rework)}}));
    QCOMPARE(d.record().status, CaseStatus::StreetHandling);
    QCOMPARE(d.record().streetDue, rework);
    QCOMPARE(d.record().reworkCount, 1);
    GW_ACT(d, streetOperator(), EventType::StreetResolved, (QJsonObject{{"feedback", "已彻底清理"}}));
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    QCOMPARE(d.record().status, CaseStatus::Verified);
    GW_REFUSED(d, streetOperator(), EventType::Closed, QJsonObject{}, "forbidden", "command center");
    GW_ACT(d, reviewer(), EventType::Closed, (QJsonObject{{"satisfaction", "basic"}}));
    QCOMPARE(d.record().status, CaseStatus::Closed);
    QCOMPARE(d.record().satisfaction, QStringLiteral("basic"));
    QVERIFY(d.record().departments.isEmpty());
}

void TestWorkflow::merge()
{
    CaseDriver d = m_states.value("registered");
    GW_REFUSED(d, dispatcher(), EventType::Analyzed, (QJsonObject{{"decision", "merge"}, {"note", "重复"}}),
               "invalid_input", "duplicates");
    GW_REFUSED(d, dispatcher(), EventType::Analyzed,
               (QJsonObject{{"decision", "merge"}, {"note", "重复"}, {"mergedInto", d.caseId()}}), "invalid_input",
               "duplicates");
    GW_REFUSED(d, dispatcher(), EventType::Analyzed,
               (QJsonObject{{"decision", "merge"}, {"note", "重复"}, {"mergedInto", "not-a-uuid"}}), "invalid_input",
               "duplicates");
    const QString target = QUuid::createUuid().toString(QUuid::WithoutBraces);
    GW_ACT(d, dispatcher(), EventType::Analyzed,
           (QJsonObject{{"decision", "merge"}, {"note", "与另一哨件重复"}, {"mergedInto", target}}));
    QCOMPARE(d.record().status, CaseStatus::Merged);
    QCOMPARE(d.record().mergedInto, target);
    QVERIFY(isTerminal(d.record().status));
    GW_REFUSED(d, reviewer(), EventType::Reopened, (QJsonObject{{"reason", "x"}}), "invalid_state", "");
    GW_REFUSED(d, reviewer(), EventType::Escalated, (QJsonObject{{"reason", "x"}}), "invalid_state", "");
    GW_ACT(d, reporter(), EventType::Commented, (QJsonObject{{"text", "已知悉"}}));
}

void TestWorkflow::escalateOnlyOnce()
{
    CaseDriver d = m_states.value("handling");
    GW_REFUSED(d, dispatcher(), EventType::Escalated, (QJsonObject{{"reason", "涉及市级"}}), "forbidden", "");
    GW_REFUSED(d, reviewer(), EventType::Escalated, QJsonObject{}, "invalid_input", "Reason for escalation");
    GW_ACT(d, reviewer(), EventType::Escalated, (QJsonObject{{"reason", "涉及市级道路产权"}}));
    QVERIFY(d.record().escalated);
    QCOMPARE(d.record().escalationReason, QStringLiteral("涉及市级道路产权"));
    QCOMPARE(d.record().status, CaseStatus::Handling);  // escalation does not stop the district's work
    GW_REFUSED(d, reviewer(), EventType::Escalated, (QJsonObject{{"reason", "再次上报"}}), "invalid_state",
               "already escalated");
    QVERIFY(!m_wf.availableActions(d.record(), reviewer()).contains(EventType::Escalated));
}

void TestWorkflow::holdOnAndOff()
{
    CaseDriver d = m_states.value("approved");
    GW_REFUSED(d, dispatcher(), EventType::HoldChanged, (QJsonObject{{"onHold", true}, {"reason", "x"}}),
               "forbidden", "");
    GW_REFUSED(d, reviewer(), EventType::HoldChanged, (QJsonObject{{"onHold", true}}), "invalid_input",
               "Reason is required");
    GW_REFUSED(d, reviewer(), EventType::HoldChanged, (QJsonObject{{"onHold", false}, {"reason", "恢复"}}),
               "invalid_state", "not on hold");
    GW_ACT(d, reviewer(), EventType::HoldChanged, (QJsonObject{{"onHold", true}, {"reason", "等待规划批复"}}));
    QVERIFY(d.record().onHold);
    GW_REFUSED(d, reviewer(), EventType::HoldChanged, (QJsonObject{{"onHold", true}, {"reason", "x"}}),
               "invalid_state", "already on hold");
    GW_REFUSED(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead), "invalid_state", "on hold");
    QVERIFY(!m_wf.availableActions(d.record(), dispatcher()).contains(EventType::Whistled));
    GW_ACT(d, reviewer(), EventType::HoldChanged, (QJsonObject{{"onHold", false}, {"reason", "批复已下达"}}));
    QVERIFY(!d.record().onHold);
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead));
    QCOMPARE(d.record().status, CaseStatus::Whistled);
}

void TestWorkflow::reopenArchivesAssignments()
{
    CaseDriver d = m_states.value("closed");
    GW_REFUSED(d, dispatcher(), EventType::Reopened, (QJsonObject{{"reason", "复发"}}), "forbidden", "");
    GW_REFUSED(d, reviewer(), EventType::Reopened, QJsonObject{}, "invalid_input", "Reason for reopening");
    GW_ACT(d, reviewer(), EventType::Reopened, (QJsonObject{{"reason", "群众反映井盖再次缺失"}}));
    QCOMPARE(d.record().status, CaseStatus::Registered);
    QCOMPARE(d.record().reopenCount, 1);
    QVERIFY(!d.record().closedAt.isValid());
    QVERIFY(!d.record().verifiedAt.isValid());
    QVERIFY(d.record().satisfaction.isEmpty());
    QCOMPARE(d.record().departments.size(), 2);
    for (const DepartmentAssignment &a : d.record().departments) {
        QVERIFY(a.archived);
        QVERIFY(!a.isActive());
        QCOMPARE(a.state, DepartmentAssignment::State::Handled);  // what they did stays on record
    }
    QVERIFY(d.record().activeDepartmentIds().isEmpty());
    QVERIFY(!d.record().leadAssignment());
    // No archived department deadline runs: only the new analysis step's clock (StepClock).
    QCOMPARE(d.record().step, CaseStep::Analyze);
    QCOMPARE(d.record().stepStartedAt, d.now());
    QCOMPARE(d.record().nextDue(), d.record().stepDue);
    QVERIFY(AccessPolicy::canView(d.record(), leadHandler()));  // the old round's departments still see it
    GW_REFUSED(d, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kLead}}), "invalid_state", "");

    // A new whistle round, with the same lead department again.
    GW_ACT(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}));
    GW_ACT(d, reviewer(), EventType::Reviewed, (QJsonObject{{"decision", "approve"}}));
    GW_ACT(d, dispatcher(), EventType::Whistled, d.whistlePayload(kLead));
    QCOMPARE(d.record().status, CaseStatus::Whistled);
    QCOMPARE(d.record().departments.size(), 3);
    const DepartmentAssignment *current = d.record().assignment(kLead);
    QVERIFY(!current->archived);
    QCOMPARE(current->state, DepartmentAssignment::State::Summoned);
    QCOMPARE(d.record().activeDepartmentIds(), QStringList{kLead});
    GW_ACT(d, leadHandler(), EventType::CheckedIn, (QJsonObject{{"department", kLead}}));
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "重新安装"}}));
    QCOMPARE(d.record().status, CaseStatus::Handled);  // the archived assist does not hold the new round up
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    GW_ACT(d, reviewer(), EventType::Closed, (QJsonObject{{"satisfaction", "satisfied"}}));
    QCOMPARE(d.record().status, CaseStatus::Closed);
    GW_ACT(d, reviewer(), EventType::Reopened, (QJsonObject{{"reason", "再次复发"}}));
    QCOMPARE(d.record().reopenCount, 2);
}

void TestWorkflow::ratingOncePerHandledDepartment()
{
    CaseDriver d = m_states.value("handling");  // lead checked in, nothing handled yet
    GW_REFUSED(d, reporter(), EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", 5}}),
               "invalid_state", "no handled, unrated department");
    d = m_states.value("handled");
    GW_REFUSED(d, dispatcher(), EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", 5}}),
               "forbidden", "community or street");
    const User otherReporter = makeUser("grid.zhou", Role::CommunityReporter, kOtherCommunity);
    GW_REFUSED(d, otherReporter, EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", 5}}),
               "forbidden", "");
    for (const QJsonValue &bad : {QJsonValue(0), QJsonValue(6), QJsonValue(4.5), QJsonValue("5"), QJsonValue()})
        GW_REFUSED(d, reporter(), EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", bad}}),
                   "invalid_input", "whole number from 1 to 5");
    GW_REFUSED(d, reporter(), EventType::DepartmentRated, (QJsonObject{{"score", 5}}), "invalid_input",
               "Name the department");
    GW_REFUSED(d, reporter(), EventType::DepartmentRated, (QJsonObject{{"department", kExtra}, {"score", 5}}),
               "invalid_state", "");

    GW_ACT(d, reporter(), EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", 5}, {"comment", "及时"}}));
    QCOMPARE(d.record().assignment(kLead)->rating, 5);
    GW_REFUSED(d, reporter(), EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", 1}}),
               "invalid_state", "");
    GW_REFUSED(d, streetOperator(), EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", 1}}),
               "invalid_state", "");
    QCOMPARE(d.record().assignment(kLead)->rating, 5);
    GW_ACT(d, streetOperator(), EventType::DepartmentRated, (QJsonObject{{"department", kAssist}, {"score", 3}}));
    QCOMPARE(d.record().assignment(kAssist)->rating, 3);
    QVERIFY(!m_wf.permits(&d.record(), reporter(), EventType::DepartmentRated).ok);
    QVERIFY(!m_wf.availableActions(d.record(), reporter()).contains(EventType::DepartmentRated));
}

void TestWorkflow::numberedOnlyBySystem()
{
    CaseDriver d = m_states.value("registered");
    const QJsonObject number{{"number", "PL-2026-000123"}};
    GW_REFUSED(d, administrator(), EventType::Numbered, number, "forbidden", "district server");
    GW_REFUSED(d, dispatcher(), EventType::Numbered, number, "forbidden", "district server");
    const User fakeSystem = makeUser("system", Role::CenterDispatcher, kCenter);
    GW_REFUSED(d, fakeSystem, EventType::Numbered, number, "forbidden", "district server");
    GW_REFUSED(d, systemActor(), EventType::Numbered, (QJsonObject{{"number", ""}}), "invalid_input",
               "Case number is required");
    GW_ACT(d, systemActor(), EventType::Numbered, number);
    QCOMPARE(d.record().number, QStringLiteral("PL-2026-000123"));
    QCOMPARE(d.record().status, CaseStatus::Registered);
    // The system takes no other part in cases.
    GW_REFUSED(d, systemActor(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}}), "forbidden", "");

    // A number for a case that does not exist is refused.
    CaseDriver fresh(m_wf);
    GW_REFUSED(fresh, systemActor(), EventType::Numbered, number, "invalid_state", "");
    QVERIFY(!fresh.recordOrNull());
}

void TestWorkflow::invalidRegistration_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fragment");
    const QJsonObject ok = registrationPayload();
    auto with = [&ok](const char *key, const QJsonValue &v) {
        QJsonObject p = ok;
        if (v.isUndefined())
            p.remove(QLatin1String(key));
        else
            p.insert(QLatin1String(key), v);
        return p;
    };
    const QString inv = QStringLiteral("invalid_input");
    QTest::newRow("title missing") << with("title", QJsonValue::Undefined) << inv << "Title is required";
    QTest::newRow("title empty") << with("title", "") << inv << "Title is required";
    QTest::newRow("title whitespace") << with("title", " \t ") << inv << "Title is required";
    QTest::newRow("title 201 chars") << with("title", QString(201, u'井')) << inv << "Title is too long: 201";
    QTest::newRow("title not text") << with("title", 42) << inv << "Title must be text";
    QTest::newRow("title control char") << with("title", QStringLiteral("井盖\x01缺失")) << inv
                                        << "Title contains control characters";
    QTest::newRow("title newline") << with("title", QStringLiteral("井盖\n缺失")) << inv
                                   << "Title contains control characters";
    QTest::newRow("title C1 control") << with("title", QStringLiteral("井盖") + QChar(0x85) + QStringLiteral("缺失"))
                                      << inv << "Title contains control characters";
    QTest::newRow("description empty") << with("description", "  ") << inv << "Description is required";
    QTest::newRow("description 5001 chars") << with("description", QString(5001, u'a')) << inv
                                            << "Description is too long: 5001";
    QTest::newRow("address missing") << with("address", QJsonValue::Undefined) << inv << "Address is required";
    QTest::newRow("address 301 chars") << with("address", QString(301, u'路')) << inv << "Address is too long";
    QTest::newRow("unknown category") << with("category", "weather") << inv << "Unknown category \"weather\"";
    QTest::newRow("category missing") << with("category", QJsonValue::Undefined) << inv << "Unknown category";
    QTest::newRow("unknown sub-category") << with("subcategory", "road_damage") << inv << "has no sub-category";
    QTest::newRow("unknown urgency") << with("urgency", "asap") << inv << "Unknown urgency \"asap\"";
    QTest::newRow("unknown street") << with("street", "street.atlantis") << inv << "Unknown street";
    QTest::newRow("community as street") << with("street", kCommunity) << inv << "Unknown street";
    QTest::newRow("community of another street")
        << with("community", QStringLiteral("community.gulou.1")) << inv << "is not part of";
    QTest::newRow("unknown community") << with("community", "community.nowhere.9") << inv << "is not part of";
    QTest::newRow("lon without lat") << with("lon", 102.7) << inv << "both longitude and latitude";
    QJsonObject latOnly = with("lat", 25.0);
    QTest::newRow("lat without lon") << latOnly << inv << "both longitude and latitude";
    QJsonObject lat91 = with("lon", 102.7);
    lat91.insert("lat", 91);
    QTest::newRow("lat 91") << lat91 << inv << "latitude within";
    QJsonObject lon181 = with("lon", -181);
    lon181.insert("lat", 25);
    QTest::newRow("lon -181") << lon181 << inv << "Longitude must be within";
    QJsonObject lonText = with("lon", "102.7");
    lonText.insert("lat", 25);
    QTest::newRow("lon as text") << lonText << inv << "Longitude must be within";
    QTest::newRow("bad phone") << with("reporterPhone", "138abc") << inv << "Reporter phone";
    QTest::newRow("phone too long") << with("reporterPhone", QString(33, u'1')) << inv << "Reporter phone is too long";
    QTest::newRow("grid cell too long") << with("gridCell", QString(65, u'x')) << inv << "Grid cell is too long";

    auto attachment = [](const QString &name, double size) {
        return QJsonObject{{"id", "a1"}, {"name", name}, {"mime", "image/jpeg"}, {"size", size},
                           {"sha256", QString(64, u'a')}};
    };
    QTest::newRow("attachment path traversal") << with("attachments", QJsonArray{attachment("../../etc/passwd", 10)})
                                               << inv << "plain file name";
    QTest::newRow("attachment backslash") << with("attachments", QJsonArray{attachment("..\\boot.ini", 10)}) << inv
                                          << "plain file name";
    QTest::newRow("attachment dotdot") << with("attachments", QJsonArray{attachment("..", 10)}) << inv
                                       << "plain file name";
    QTest::newRow("attachment hidden") << with("attachments", QJsonArray{attachment(".bashrc", 10)}) << inv
                                       << "plain file name";
    QTest::newRow("attachment drive colon") << with("attachments", QJsonArray{attachment("C:evil.jpg", 10)}) << inv
                                            << "plain file name";
    QTest::newRow("attachment oversize") << with("attachments", QJsonArray{attachment("photo.jpg", 10 * 1024 * 1024 + 1)})
                                         << inv << "larger than 10 MB";
    QTest::newRow("attachment negative size") << with("attachments", QJsonArray{attachment("photo.jpg", -5)}) << inv
                                              << "photo.jpg";
    QJsonObject noSize = attachment("photo.jpg", 1);
    noSize.remove("size");
    QTest::newRow("attachment without size") << with("attachments", QJsonArray{noSize}) << inv << "size";
    QJsonArray many;
    for (int i = 0; i < 21; ++i)
        many.append(attachment(QStringLiteral("p%1.jpg").arg(i), 100));
    QTest::newRow("21 attachments") << with("attachments", many) << inv << "At most 20 attachments";
    QTest::newRow("attachments not a list") << with("attachments", "photo.jpg") << inv << "must be a list";
    QTest::newRow("attachment not an object") << with("attachments", QJsonArray{"photo.jpg"}) << inv
                                              << "Attachment id is required";
}

void TestWorkflow::invalidRegistration()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QString, code);
    QFETCH(QString, fragment);
    CaseDriver d(m_wf);
    // The dispatcher may register for any street, so only the payload can be at fault.
    const Result r = d.act(dispatcher(), EventType::Registered, payload);
    QVERIFY2(!r.ok, "invalid registration accepted");
    QCOMPARE(r.code, code);
    QVERIFY2(r.message.text().contains(fragment), qPrintable(r.message));
    QVERIFY(r.message.text().size() < 400);  // a sentence, not a dump of the input
    QVERIFY2(!r.field.isEmpty(), "a refused registration input names no field for the form");
    QVERIFY(!d.recordOrNull());
}

// Forms put a refusal next to the input named by Result::field (the payload key), not by matching its text.
void TestWorkflow::refusalNamesItsField_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("title") << "title" << QJsonValue(QString()) << "title";
    QTest::newRow("description") << "description" << QJsonValue(QStringLiteral("a\x01b")) << "description";
    QTest::newRow("reporter phone") << "reporterPhone" << QJsonValue(QStringLiteral("138abc")) << "reporterPhone";
    QTest::newRow("grid cell") << "gridCell" << QJsonValue(QString(65, u'x')) << "gridCell";
    QTest::newRow("category") << "category" << QJsonValue(QStringLiteral("weather")) << "category";
    QTest::newRow("sub-category") << "subcategory" << QJsonValue(QStringLiteral("road_damage")) << "subcategory";
    QTest::newRow("urgency") << "urgency" << QJsonValue(QStringLiteral("asap")) << "urgency";
    QTest::newRow("street") << "street" << QJsonValue(QStringLiteral("street.atlantis")) << "street";
    QTest::newRow("community") << "community" << QJsonValue(QStringLiteral("community.gulou.1")) << "community";
    QTest::newRow("longitude") << "lon" << QJsonValue(102.7) << "lon";
    QTest::newRow("attachments") << "attachments" << QJsonValue(QStringLiteral("photo.jpg")) << "attachments";
}

void TestWorkflow::refusalNamesItsField()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QJsonObject payload = registrationPayload();
    payload.insert(key, value);
    CaseDriver d(m_wf);
    const Result r = d.act(dispatcher(), EventType::Registered, payload);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("invalid_input"));
    QCOMPARE(r.field, field);

    // A refused permission is about the whole action, whatever input it came with.
    CaseDriver other(m_wf);
    QJsonObject gulou = registrationPayload();
    gulou.insert(QStringLiteral("street"), kOtherStreet);
    gulou.remove(QStringLiteral("community"));
    const Result forbidden = other.act(streetOperator(), EventType::Registered, gulou);
    QCOMPARE(forbidden.code, QStringLiteral("forbidden"));
    QVERIFY(forbidden.field.isEmpty());
}

void TestWorkflow::invalidWhistle_data()
{
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("fragment");
    const QDateTime t = baseTime().addDays(1);
    auto payload = [](const QJsonArray &depts) { return QJsonObject{{"departments", depts}}; };
    const QJsonObject lead = deptEntry(kLead, true, t, t.addDays(5));
    const QJsonObject assist = deptEntry(kAssist, false, t, t.addDays(5));
    QTest::newRow("no departments") << payload({}) << "at least one department";
    QTest::newRow("departments missing") << QJsonObject{} << "at least one department";
    QTest::newRow("zero leads") << payload({assist}) << "exactly one lead";
    QTest::newRow("two leads") << payload({lead, deptEntry(kAssist, true, t, t.addDays(5))}) << "exactly one lead";
    QTest::newRow("duplicate department") << payload({lead, deptEntry(kLead, false, t, t.addDays(5))})
                                          << "listed twice";
    QTest::newRow("street as department") << payload({deptEntry(kStreet, true, t, t.addDays(5))})
                                          << "Unknown department";
    QTest::newRow("center as department") << payload({deptEntry(kCenter, true, t, t.addDays(5))})
                                          << "Unknown department";
    QTest::newRow("unknown department") << payload({deptEntry("dept.none", true, t, t.addDays(5))})
                                        << "Unknown department";
    QTest::newRow("handleDue before checkInDue") << payload({deptEntry(kLead, true, t.addDays(5), t)})
                                                 << "before its check-in deadline";
    QJsonObject badTime = lead;
    badTime["checkInDue"] = "tomorrow";
    QTest::newRow("bad check-in time") << payload({badTime}) << "Check-in deadline";
    QJsonObject noZone = lead;
    noZone["handleDue"] = "2026-03-09T09:40:00";
    QTest::newRow("time without zone") << payload({noZone}) << "Handling deadline";
    QJsonObject leadText = lead;
    leadText["lead"] = "yes";
    QTest::newRow("lead flag not bool") << payload({leadText}) << "Lead flag";
    QJsonArray tooMany;
    for (int i = 0; i < 21; ++i)
        tooMany.append(deptEntry(QStringLiteral("dept.x%1").arg(i), i == 0, t, t.addDays(5)));
    QTest::newRow("21 departments") << payload(tooMany) << "At most 20 departments";
}

void TestWorkflow::invalidWhistle()
{
    QFETCH(QJsonObject, payload);
    QFETCH(QString, fragment);
    CaseDriver d = m_states.value("approved");
    GW_REFUSED(d, dispatcher(), EventType::Whistled, payload, "invalid_input", fragment);
    QCOMPARE(d.record().status, CaseStatus::Approved);
    QVERIFY(d.record().departments.isEmpty());
}

void TestWorkflow::invalidOtherPayloads()
{
    CaseDriver d = m_states.value("registered");
    GW_REFUSED(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "later"}}), "invalid_input",
               "whistle, street or merge");
    GW_REFUSED(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}, {"category", "x"}}),
               "invalid_input", "Unknown category");
    GW_REFUSED(d, streetOperator(), EventType::Analyzed,
               (QJsonObject{{"decision", "whistle"}, {"category", "water"}, {"subcategory", "garbage"}}),
               "invalid_input", "no sub-category");
    GW_REFUSED(d, streetOperator(), EventType::Analyzed, (QJsonObject{{"decision", "whistle"}, {"urgency", "now"}}),
               "invalid_input", "Unknown urgency");
    GW_REFUSED(d, streetOperator(), EventType::Analyzed,
               (QJsonObject{{"decision", "whistle"}, {"note", QString(Workflow::MaxReason + 1, u'x')}}),
               "invalid_input", "Analysis note is too long");
    // Re-categorising during analysis changes the record (and so the deadlines of a later whistle).
    GW_ACT(d, streetOperator(), EventType::Analyzed,
           (QJsonObject{{"decision", "whistle"}, {"category", "water"}, {"subcategory", "drainage"}, {"urgency", "urgent"}}));
    QCOMPARE(d.record().categoryId, QStringLiteral("water"));
    QCOMPARE(d.record().subcategoryId, QStringLiteral("drainage"));
    QCOMPARE(d.record().urgency, Urgency::Urgent);

    GW_REFUSED(d, reporter(), EventType::Commented, QJsonObject{}, "invalid_input", "Comment is required");
    GW_REFUSED(d, reporter(), EventType::Commented, (QJsonObject{{"text", QString(2001, u'x')}}), "invalid_input",
               "Comment is too long");
    GW_ACT(d, supervisor(), EventType::Commented, (QJsonObject{{"text", "请注意时限"}}));

    CaseDriver v = m_states.value("verified");
    GW_REFUSED(v, dispatcher(), EventType::Closed, (QJsonObject{{"satisfaction", "happy"}}), "invalid_input",
               "Satisfaction must be");
    GW_REFUSED(v, dispatcher(), EventType::Closed, (QJsonObject{{"callbackContact", QString(65, u'x')}}),
               "invalid_input", "Callback contact is too long");

    CaseDriver h = m_states.value("handling");
    GW_REFUSED(h, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}}), "invalid_input",
               "Handling feedback is required");
    GW_REFUSED(h, leadHandler(), EventType::Handled,
               (QJsonObject{{"department", kLead}, {"feedback", "ok"},
                            {"attachments", QJsonArray{QJsonObject{{"id", "a"}, {"name", "../x.jpg"}, {"mime", "image/jpeg"},
                                                                   {"size", 1}, {"sha256", QString(64, u'0')}}}}}),
               "invalid_input", "plain file name");
    GW_REFUSED(h, leadHandler(), EventType::Handled, (QJsonObject{{"feedback", "ok"}}), "invalid_input",
               "Name the department");

    // An event for another case, or without a time, is refused before anything else.
    CaseEvent foreign = d.make(reporter(), EventType::Commented, {{"text", "x"}});
    foreign.caseId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Result r = m_wf.check(&d.record(), foreign);
    QCOMPARE(r.code, QStringLiteral("invalid_input"));
    QVERIFY(r.message.text().contains("another case"));
    CaseEvent timeless = d.make(reporter(), EventType::Commented, {{"text", "x"}});
    timeless.clientTime = {};
    r = m_wf.check(&d.record(), timeless);
    QCOMPARE(r.code, QStringLiteral("invalid_input"));
    QVERIFY(r.message.text().contains("no time"));
}

void TestWorkflow::availableActions_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("role");
    QTest::addColumn<QStringList>("expected");
    using E = EventType;
    auto row = [](const char *state, Role role, const QList<EventType> &expected) {
        QStringList names;
        for (EventType t : expected)
            names << eventTypeToString(t);
        QTest::addRow("%s/%s", state, qPrintable(roleToString(role))) << QString::fromLatin1(state) << int(role) << names;
    };
    row("registered", Role::CommunityReporter, {});
    row("registered", Role::StreetOperator, {E::Analyzed});
    row("registered", Role::CenterDispatcher, {E::Analyzed});
    row("registered", Role::CenterReviewer, {E::Escalated, E::HoldChanged});
    row("registered", Role::DepartmentHandler, {});
    row("registered", Role::Supervisor, {});
    row("registered", Role::Administrator, {});
    row("analyzed", Role::CenterReviewer, {E::Reviewed, E::Escalated, E::HoldChanged});
    row("analyzed", Role::StreetOperator, {});
    row("approved", Role::CenterDispatcher, {E::Whistled});
    row("approved", Role::StreetOperator, {E::Whistled});
    row("whistled", Role::DepartmentHandler, {E::CheckedIn, E::AssignmentReturned, E::PostponeRequested});
    row("whistled", Role::CenterDispatcher, {E::Whistled});
    row("handling", Role::DepartmentHandler, {E::AssignmentReturned, E::Handled, E::PostponeRequested});
    row("postpone_pending", Role::DepartmentHandler, {E::AssignmentReturned, E::Handled});
    row("postpone_pending", Role::CenterReviewer, {E::PostponeDecided, E::Escalated, E::HoldChanged});
    row("street_handling", Role::StreetOperator, {E::StreetResolved});
    row("street_handling", Role::DepartmentHandler, {});
    row("handled", Role::StreetOperator, {E::Verified, E::DepartmentRated});
    row("handled", Role::CommunityReporter, {E::DepartmentRated});
    row("handled", Role::DepartmentHandler, {});
    row("handled", Role::Supervisor, {});
    row("verified", Role::CenterDispatcher, {E::Closed});
    row("verified", Role::CenterReviewer, {E::Closed, E::Escalated, E::HoldChanged});
    row("closed", Role::CenterReviewer, {E::Reopened});
    row("closed", Role::CommunityReporter, {E::DepartmentRated});
    row("closed", Role::DepartmentHandler, {});
    row("rejected", Role::CenterReviewer, {E::Reopened});
    row("merged", Role::CenterReviewer, {});
}

void TestWorkflow::availableActions()
{
    QFETCH(QString, state);
    QFETCH(int, role);
    QFETCH(QStringList, expected);
    const CaseDriver d = m_states.value(state);
    const QList<EventType> got = m_wf.availableActions(d.record(), userFor(Role(role)));
    QStringList gotNames;
    for (EventType t : got)
        gotNames << eventTypeToString(t);
    QCOMPARE(gotNames, expected);
    // Every offered action is one permits() allows.
    for (EventType t : got)
        QVERIFY(m_wf.permits(&d.record(), userFor(Role(role)), t).ok);
}

void TestWorkflow::availableActionsFollowTheMatrix()
{
    // For every role and every existing state, the offered actions are exactly the matrix's "A" cells
    // (registration, comments and numbering are never offered as buttons).
    for (int s = 1; s < kStateCount; ++s) {
        const CaseDriver d = m_states.value(QString::fromLatin1(kStates[s]));
        for (int r = 0; r < kRoleCount; ++r) {
            QStringList expected;
            for (const MatrixRow &row : kMatrix) {
                if (row.type == EventType::Registered || row.type == EventType::Commented
                    || row.type == EventType::Numbered)
                    continue;
                if (row.byRole[r][s] == 'A')
                    expected << eventTypeToString(row.type);
            }
            QStringList got;
            for (EventType t : m_wf.availableActions(d.record(), userFor(kRoles[r])))
                got << eventTypeToString(t);
            expected.sort();
            got.sort();
            QVERIFY2(got == expected, qPrintable(QStringLiteral("%1 / %2: got [%3], expected [%4]")
                                                     .arg(QLatin1String(kStates[s]), roleToString(kRoles[r]),
                                                          got.join(u','), expected.join(u','))));
        }
    }
}

void TestWorkflow::replayMatchesIncrementalApply()
{
    // A long history with side paths: every kind of event the projection handles.
    CaseDriver d = m_states.value("handling");
    GW_ACT(d, leadHandler(), EventType::PostponeRequested,
           (QJsonObject{{"department", kLead}, {"requestedDue", iso(d.record().assignment(kLead)->handleDue.addDays(1))},
                        {"reason", "材料"}}));
    GW_ACT(d, reviewer(), EventType::PostponeDecided, (QJsonObject{{"department", kLead}, {"approved", true}}));
    GW_ACT(d, assistHandler(), EventType::AssignmentReturned, (QJsonObject{{"department", kAssist}, {"reason", "无关"}}));
    GW_ACT(d, reviewer(), EventType::Escalated, (QJsonObject{{"reason", "市级"}}));
    GW_ACT(d, systemActor(), EventType::Numbered, (QJsonObject{{"number", "PL-2026-000007"}}));
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "ok"}}));
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", false}, {"reason", "返工"}}));
    GW_ACT(d, leadHandler(), EventType::Handled, (QJsonObject{{"department", kLead}, {"feedback", "ok2"}}));
    GW_ACT(d, reporter(), EventType::DepartmentRated, (QJsonObject{{"department", kLead}, {"score", 2}}));
    GW_ACT(d, streetOperator(), EventType::Verified, (QJsonObject{{"passed", true}}));
    GW_ACT(d, dispatcher(), EventType::Closed, (QJsonObject{{"satisfaction", "dissatisfied"}}));
    GW_ACT(d, reviewer(), EventType::Reopened, (QJsonObject{{"reason", "复发"}}));
    GW_ACT(d, reviewer(), EventType::HoldChanged, (QJsonObject{{"onHold", true}, {"reason", "等待"}}));
    GW_ACT(d, reporter(), EventType::Commented, (QJsonObject{{"text", "进展?"}}));

    CaseRecord rebuilt;
    const Result r = m_wf.replay(d.events(), &rebuilt);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(rebuilt.toJson(), d.record().toJson());
    QCOMPARE(rebuilt.eventCount, d.events().size());
    QCOMPARE(rebuilt.number, QStringLiteral("PL-2026-000007"));
    // The projection survives its own JSON form (the store keeps it that way).
    QCOMPARE(CaseRecord::fromJson(rebuilt.toJson()).toJson(), rebuilt.toJson());
}

void TestWorkflow::replayStopsAtInvalidEvent()
{
    CaseDriver d = m_states.value("closed");
    QList<CaseEvent> events = d.events();
    // A reporter "closing" the case right after registration: refused as event #2.
    CaseEvent forged = events.at(1);
    forged.type = EventType::Closed;
    forged.actorId = reporter().id;
    forged.actorRole = Role::CommunityReporter;
    forged.actorOrgUnit = kCommunity;
    forged.payload = {{"satisfaction", "satisfied"}};
    events[1] = forged;
    CaseRecord rebuilt;
    rebuilt.title = QStringLiteral("untouched");
    const Result r = m_wf.replay(events, &rebuilt);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("forbidden"));
    QVERIFY2(r.message.text().contains(QStringLiteral("Event 2")), qPrintable(r.message));
    QCOMPARE(rebuilt.title, QStringLiteral("untouched"));  // nothing half-built is handed out

    // An event in the wrong state: a second registration.
    QList<CaseEvent> twice = d.events().mid(0, 3);
    twice.append(d.events().first());
    twice.last().caseSeq = 4;
    const Result r2 = m_wf.replay(twice, &rebuilt);
    QVERIFY(!r2.ok);
    QCOMPARE(r2.code, QStringLiteral("invalid_state"));
    QVERIFY(r2.message.text().contains(QStringLiteral("Event 4")));

    // A history that does not start with a registration.
    const Result r3 = m_wf.replay(d.events().mid(1), &rebuilt);
    QVERIFY(!r3.ok);
    QCOMPARE(r3.code, QStringLiteral("invalid_state"));

    // Empty history: nothing to rebuild, an empty record.
    CaseRecord empty;
    QVERIFY(m_wf.replay({}, &empty).ok);
    QVERIFY(empty.id.isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"

#pragma once
// Seven months of cases (May to mid-November 2026, one a day) written through the real store and workflow with
// fixed clocks, for the dashboard and report tests. Every path the assessment scores occurs: street handling,
// on-time and late work, rework, postponement, a returned assignment, no check-in at all, a case on hold.
#include "casedraft.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "../support/settledoutbox.h"
#include "orgdirectory.h"
#include <QJsonArray>

namespace gwtest {

using namespace gw;

inline QDateTime assessmentAsOf() { return QDateTime(QDate(2026, 11, 20), QTime(9, 0), QTimeZone(8 * 3600)).toUTC(); }

inline User assessmentUser(const QString &id, Role role, const QString &org)
{
    return User::make(id, role, org);
}

// Writes `count` cases (at most ~200 so all of them lie before assessmentAsOf()); returns the first refusal.
inline Result populateAssessmentData(CaseStore *store, int count = 196)
{
    const OrgDirectory &org = OrgDirectory::builtin();
    const QList<OrgUnit> streets = org.unitsOfKind(OrgUnit::Kind::Street);
    const QList<OrgUnit> depts = org.unitsOfKind(OrgUnit::Kind::Department);
    const User dispatcher = assessmentUser("center.zhao", Role::CenterDispatcher, "center.district");
    const User reviewer = assessmentUser("center.chen", Role::CenterReviewer, "center.district");
    const char *const satisfaction[] = {"satisfied", "satisfied", "basic", "dissatisfied"};
    const char *const categories[] = {"city_appearance", "construction", "environment", "water", "traffic", "market"};
    const QDateTime start = QDateTime(QDate(2026, 5, 3), QTime(9, 0), QTimeZone(8 * 3600)).toUTC();

    for (int i = 0; i < count; ++i) {
        const OrgUnit &street = streets.at(i % streets.size());
        const QString lead = depts.at(i % depts.size()).id, other = depts.at((i + 5) % depts.size()).id;
        const User reporter = assessmentUser("grid." + street.id.mid(7), Role::CommunityReporter, org.communitiesOf(street.id).first().id);
        const User op = assessmentUser("op." + street.id.mid(7), Role::StreetOperator, street.id);
        const User leadUser = assessmentUser("h." + lead.mid(5), Role::DepartmentHandler, lead);
        const User otherUser = assessmentUser("h." + other.mid(5), Role::DepartmentHandler, other);
        QDateTime t = start.addDays(i);
        CaseRecord rec;
        QList<CaseEvent> events;
        Workflow wf;
        auto step = [&](const User &who, EventType type, const QJsonObject &payload, int hoursLater) {
            t = t.addSecs(qint64(hoursLater) * 3600);
            const QDateTime at = t;
            CaseEvent e = EventBuilder(who, "dev-test", [at] { return at; }).make(type, rec.id, payload);
            e.caseSeq = rec.eventCount + 1;
            wf.apply(rec, e);
            events.append(e);
        };
        auto whistle = [&](const User &who, const QString &dept, const QStringList &assists, int hoursLater) {
            t = t.addSecs(qint64(hoursLater) * 3600);
            const QDateTime at = t;
            CaseEvent e = EventBuilder(who, "dev-test", [at] { return at; }).whistle(rec, dept, assists);
            e.caseSeq = rec.eventCount + 1;
            wf.apply(rec, e);
            events.append(e);
        };
        CaseDraft d;
        d.title = QStringLiteral("%1 第 %2 号哨件").arg(street.name).arg(i + 1);
        d.description = QStringLiteral("考核看板测试数据");
        d.categoryId = QLatin1String(categories[i % 6]);
        d.streetId = street.id;
        d.communityId = reporter.orgUnitId;
        d.address = QStringLiteral("盘龙区测试路 %1 号").arg(i + 1);
        const QDateTime at = t;
        CaseEvent reg = EventBuilder(reporter, "dev-test", [at] { return at; }).registerCase(d);
        reg.caseSeq = 1;
        wf.apply(rec, reg);
        events.append(reg);
        const int path = i % 7;
        const QJsonObject close{{"satisfaction", QLatin1String(satisfaction[i % 4])}, {"callbackBy", "center.zhao"}};
        if (path == 0) {  // the street handles it itself
            step(op, EventType::Analyzed, {{"decision", "street"}, {"note", "街道自行处置"}, {"due", CaseEvent::timeToString(t.addDays(3))}}, 1);
            step(op, EventType::StreetResolved, {{"feedback", "已处理"}}, 20 + i % 60);
            step(op, EventType::Verified, {{"passed", true}}, 2);
            step(dispatcher, EventType::Closed, close, 2);
        } else if (path == 6) {  // put on hold after the whistle
            step(op, EventType::Analyzed, {{"decision", "whistle"}, {"note", "需部门处置"}}, 1);
            step(reviewer, EventType::Reviewed, {{"decision", "approve"}}, 1);
            whistle(op, lead, {}, 1);
            step(reviewer, EventType::HoldChanged, {{"onHold", true}, {"reason", "待研究"}}, 1);
        } else {
            step(op, EventType::Analyzed, {{"decision", "whistle"}, {"note", "需部门处置"}}, 1);
            step(reviewer, EventType::Reviewed, {{"decision", "approve"}}, 1);
            whistle(op, lead, path == 2 ? QStringList{other} : QStringList{}, 1);
            if (path == 3) {  // wrong department: returned, re-routed, still open
                step(leadUser, EventType::AssignmentReturned, {{"department", lead}, {"reason", "不属于本部门"}}, 3);
                whistle(dispatcher, other, {}, 2);
                step(otherUser, EventType::CheckedIn, {{"department", other}}, 30);
            } else if (path == 5) {  // nobody checks in: overdue
            } else {
                step(leadUser, EventType::CheckedIn, {{"department", lead}}, path == 2 ? 40 : 3);
                if (path == 2)
                    step(otherUser, EventType::CheckedIn, {{"department", other}}, 1);
                if (path == 4) {
                    const QDateTime due = rec.assignment(lead)->handleDue.addDays(5);
                    step(leadUser, EventType::PostponeRequested, {{"department", lead}, {"requestedDue", CaseEvent::timeToString(due)}, {"reason", "需协调"}}, 2);
                    step(reviewer, EventType::PostponeDecided, {{"department", lead}, {"approved", i % 2 == 0}, {"reason", "审批"}}, 2);
                }
                step(leadUser, EventType::Handled, {{"department", lead}, {"feedback", "已处置"}}, path == 2 ? 150 : 30 + i % 90);
                if (path == 2) {
                    step(otherUser, EventType::Handled, {{"department", other}, {"feedback", "已处置"}}, 1);
                    step(op, EventType::Verified, {{"passed", false}, {"reason", "返工"}}, 3);
                    step(leadUser, EventType::Handled, {{"department", lead}, {"feedback", "返工完成"}}, 20);
                    step(otherUser, EventType::Handled, {{"department", other}, {"feedback", "返工完成"}}, 1);
                }
                step(op, EventType::Verified, {{"passed", true}}, 3);
                step(dispatcher, EventType::Closed, close, 2);
                step(reporter, EventType::DepartmentRated, {{"department", lead}, {"score", 1 + i % 5}}, 1);
            }
        }
        for (CaseEvent &e : events) {  // each by its author, who synced before the next person acted
            const Result r = gw::test::appendAsAuthor(*store, e);
            if (!r.ok)
                return Result::failure(r.code, QStringLiteral("case %1: %2").arg(i).arg(r.message.text()));
        }
    }
    return Result::success();
}

} // namespace gwtest

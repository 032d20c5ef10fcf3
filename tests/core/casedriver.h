#pragma once
// Test support for the core suites: fixed actors, valid payloads, and a driver that moves one case
// through the workflow with real events (check -> seal -> apply), exactly as client and server do.
#include "accesspolicy.h"
#include "auditchain.h"
#include "casedraft.h"
#include "caseevent.h"
#include "caserecord.h"
#include "eventbuilder.h"
#include "workflow.h"
#include <QJsonArray>
#include <QJsonObject>
#include <QUuid>

namespace gwtest {

using namespace gw;

inline const QString kStreet = QStringLiteral("street.tuodong");
inline const QString kOtherStreet = QStringLiteral("street.gulou");
inline const QString kCommunity = QStringLiteral("community.tuodong.1");
inline const QString kOtherCommunity = QStringLiteral("community.tuodong.2");
inline const QString kCenter = QStringLiteral("center.district");
inline const QString kLead = QStringLiteral("dept.chengguan");
inline const QString kAssist = QStringLiteral("dept.zhujian");
inline const QString kExtra = QStringLiteral("dept.shuiwu");

inline User makeUser(const QString &id, Role role, const QString &org)
{
    return User::make(id, role, org);
}

inline User reporter() { return makeUser(QStringLiteral("grid.li"), Role::CommunityReporter, kCommunity); }
inline User streetOperator() { return makeUser(QStringLiteral("street.wang"), Role::StreetOperator, kStreet); }
inline User dispatcher() { return makeUser(QStringLiteral("center.zhao"), Role::CenterDispatcher, kCenter); }
inline User reviewer() { return makeUser(QStringLiteral("center.chen"), Role::CenterReviewer, kCenter); }
inline User leadHandler() { return makeUser(QStringLiteral("cg.liu"), Role::DepartmentHandler, kLead); }
inline User assistHandler() { return makeUser(QStringLiteral("zj.sun"), Role::DepartmentHandler, kAssist); }
inline User extraHandler() { return makeUser(QStringLiteral("sw.he"), Role::DepartmentHandler, kExtra); }
inline User supervisor() { return makeUser(QStringLiteral("sup.qian"), Role::Supervisor, kCenter); }
inline User administrator() { return makeUser(QStringLiteral("admin"), Role::Administrator, kCenter); }
inline User systemActor() { return makeUser(QStringLiteral("system"), Role::Administrator, kCenter); }

// Monday 2 March 2026, 09:00 in Kunming (UTC+8): an ordinary working day.
inline QDateTime baseTime() { return QDateTime(QDate(2026, 3, 2), QTime(1, 0), Qt::UTC); }

inline QString iso(const QDateTime &t) { return CaseEvent::timeToString(t); }

inline QJsonObject registrationPayload()
{
    CaseDraft d;
    d.title = QStringLiteral("白塔路井盖缺失");
    d.description = QStringLiteral("白塔路 12 号门口井盖缺失，\n夜间有行人跌落风险。");
    d.categoryId = QStringLiteral("city_appearance");
    d.subcategoryId = QStringLiteral("garbage");
    d.streetId = kStreet;
    d.communityId = kCommunity;
    d.address = QStringLiteral("盘龙区白塔路12号");
    d.gridCell = QStringLiteral("PL-TD-01-07");
    d.urgency = Urgency::Normal;
    d.reporterName = QStringLiteral("李网格");
    d.reporterPhone = QStringLiteral("+86 138-0000-0000");
    return d.toPayload();
}

inline QJsonObject deptEntry(const QString &dept, bool lead, const QDateTime &checkInDue, const QDateTime &handleDue)
{
    return {{"department", dept}, {"lead", lead}, {"checkInDue", iso(checkInDue)}, {"handleDue", iso(handleDue)}};
}

// Moves one case through the workflow. Every event is checked, sealed into the case's chain and applied.
class CaseDriver
{
public:
    // `workflow` must outlive the driver; the default uses the builtin org units and categories.
    explicit CaseDriver(const Workflow &workflow = defaultWorkflow(), const QDateTime &start = baseTime())
        : m_workflow(&workflow), m_now(start),
          m_caseId(QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
    }

    // An unsealed event by `actor`, ten minutes after the previous one.
    CaseEvent make(const User &actor, EventType type, const QJsonObject &payload)
    {
        m_now = m_now.addSecs(600);
        const QDateTime t = m_now;
        EventBuilder builder(actor, QStringLiteral("device-") + actor.id, [t] { return t; });
        return builder.make(type, m_caseId, payload);
    }
    Result act(const User &actor, EventType type, const QJsonObject &payload)
    {
        return submit(make(actor, type, payload));
    }
    Result submit(CaseEvent event)
    {
        const Result r = m_workflow->check(m_started ? &m_record : nullptr, event);
        if (!r.ok)
            return r;
        AuditChain::seal(event, m_events.size() + 1, m_events.isEmpty() ? QByteArray() : m_events.last().hash);
        m_workflow->apply(m_record, event);
        m_events.append(event);
        m_started = true;
        return r;
    }
    // Deadlines as the whistle form pre-fills them from the category rules, at the time of the next event.
    QJsonObject summons(const QString &dept, bool lead) const
    {
        return EventBuilder::summons(m_record, dept, lead, m_now.addSecs(600), CategoryCatalog::builtin(),
                                     WorkCalendar::builtin());
    }
    QJsonObject whistlePayload(const QString &lead, const QStringList &assists = {}) const
    {
        QJsonArray depts;
        if (!lead.isEmpty())
            depts.append(summons(lead, true));
        for (const QString &a : assists)
            depts.append(summons(a, false));
        return {{"departments", depts}};
    }
    void advanceDays(int days) { m_now = m_now.addDays(days); }

    const CaseRecord &record() const { return m_record; }
    const CaseRecord *recordOrNull() const { return m_started ? &m_record : nullptr; }
    const QList<CaseEvent> &events() const { return m_events; }
    QString caseId() const { return m_caseId; }
    QDateTime now() const { return m_now; }
    const Workflow &workflow() const { return *m_workflow; }
    static const Workflow &defaultWorkflow()
    {
        static const Workflow workflow;
        return workflow;
    }

private:
    const Workflow *m_workflow;
    QDateTime m_now;
    QString m_caseId;
    CaseRecord m_record;
    QList<CaseEvent> m_events;
    bool m_started = false;
};

} // namespace gwtest

// Inside a test function: the action must be accepted, else the test fails with the refusal's reason.
#define GW_ACT(driver, actor, type, payload)                                                                        \
    do {                                                                                                            \
        const gw::Result r_ = (driver).act((actor), (type), (payload));                                              \
        QVERIFY2(r_.ok, qPrintable(QStringLiteral("%1 by %2 refused: [%3] %4")                                      \
                                       .arg(gw::eventTypeToString(type), (actor).id, r_.code, r_.message)));         \
    } while (false)

// The action must be refused with `expectedCode` and a message containing `fragment`; nothing is applied.
#define GW_REFUSED(driver, actor, type, payload, expectedCode, fragment)                                           \
    do {                                                                                                            \
        const int before_ = (driver).events().size();                                                               \
        const gw::Result r_ = (driver).act((actor), (type), (payload));                                              \
        QVERIFY2(!r_.ok, qPrintable(QStringLiteral("%1 by %2 was accepted").arg(gw::eventTypeToString(type),        \
                                                                                 (actor).id)));                      \
        QCOMPARE(r_.code, QStringLiteral(expectedCode));                                                            \
        QVERIFY2(r_.message.text().contains(QString(fragment)),                                                            \
                 qPrintable(QStringLiteral("message \"%1\" lacks \"%2\"").arg(r_.message, QString(fragment))));      \
        QCOMPARE((driver).events().size(), before_);                                                                \
    } while (false)

// The permission matrix against the real server: every account (each role; streets Tuodong and Gulou; a summoned
// and an unsummoned department; center; supervisor; admin) x every case fixture (both streets, several states)
// x every endpoint and event type. The expected answer comes from the single source of rules (gw::Workflow,
// gw::AccessPolicy), never from a hand-written table, and is compared with what the server says: refusals must
// come back as 403 (or, inside a push, a rejection) with the same code and a reason, and nothing a user may
// not see may ever be pulled.
#include "accesspolicy.h"
#include "eventbuilder.h"
#include "securityserver.h"
#include "workflow.h"
#include <QJsonArray>
#include <QtTest>

using namespace gw;
using namespace gw::test;

class TstPermissions : public QObject
{
    Q_OBJECT

private:
    SecurityServer m_server;
    QStringList m_caseIds;              // every fixture case
    QHash<QString, QString> m_caseLabel;
    QStringList m_users;                // least powerful first, so the matrix sees the fixtures before they move on
    int m_cells = 0;                    // matrix cells checked
    QMap<QString, int> m_cellsOf;       // per part of the matrix

    User user(const QString &id) const { return m_server.account(id); }

    CaseRecord record(const QString &caseId)
    {
        CaseRecord r;
        if (!m_server.fetchCase(caseId, &r))
            qWarning("cannot fetch %s", qPrintable(caseId));
        return r;
    }

    bool push(const QString &who, const CaseEvent &e, QJsonObject *result)
    {
        const ApiClient::Response r = pushEvents(*m_server.api, {e}, m_server.token(who));
        if (r.status != 200)
            return false;
        *result = r.json.value("results").toArray().at(0).toObject();
        return true;
    }

    // A valid payload for `type` as `actor` would send it on `record`: refusals then come from rights or state.
    static QJsonObject payloadFor(EventType type, const User &actor, const CaseRecord &record)
    {
        QString department = actor.orgUnitId;
        if (!department.startsWith("dept.")) {
            department = QStringLiteral("dept.chengguan");
            for (const DepartmentAssignment &a : record.departments)
                if (a.lead)
                    department = a.departmentId;
        }
        const QString later = CaseEvent::timeToString(QDateTime::currentDateTimeUtc().addDays(30));
        switch (type) {
        case EventType::Analyzed: return {{"decision", "whistle"}, {"note", "权限矩阵"}};
        case EventType::Reviewed: return {{"decision", "approve"}, {"reason", ""}};
        case EventType::CheckedIn: return {{"department", department}, {"note", "已报到"}};
        case EventType::AssignmentReturned: return {{"department", department}, {"reason", "不属于本部门"}};
        case EventType::Handled: return {{"department", department}, {"feedback", "已处置"}};
        case EventType::PostponeRequested: return {{"department", department}, {"requestedDue", later}, {"reason", "需要时间"}};
        case EventType::PostponeDecided: return {{"department", department}, {"approved", true}, {"reason", "同意"}};
        case EventType::StreetResolved: return {{"feedback", "街道已处置"}};
        case EventType::Verified: return {{"passed", true}, {"reason", ""}};
        case EventType::Closed: return {{"summary", "办结"}, {"satisfaction", "satisfied"}};
        case EventType::Escalated: return {{"reason", "需市级协调"}};
        case EventType::Reopened: return {{"reason", "群众反映未解决"}};
        case EventType::Commented: return {{"text", "备注"}};
        case EventType::HoldChanged: return {{"onHold", !record.onHold}, {"reason", "等待材料"}};
        case EventType::DepartmentRated: return {{"department", department}, {"score", 4}};
        case EventType::Numbered: return {{"number", "PL-2026-999999"}};
        default: return {};
        }
    }

    CaseEvent eventFor(EventType type, const User &actor, const CaseRecord &record) const
    {
        const EventBuilder builder(actor, QStringLiteral("matrix"));
        if (type == EventType::Whistled)
            return builder.whistle(record, actor.orgUnitId.startsWith("dept.") ? actor.orgUnitId : "dept.shichang", {});
        if (type == EventType::Registered) {
            CaseEvent e = registrationEvent(actor, record.streetId, {});
            e.caseId = record.id;  // a second registration of an existing case
            return e;
        }
        return builder.make(type, record.id, payloadFor(type, actor, record));
    }

    void count(const QString &part)
    {
        ++m_cells;
        ++m_cellsOf[part];
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString err = m_server.start();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_users = {"zhujian", "chengguan", "shifu", "gulou.reporter", "tuodong", "gulou", "supervisor", "admin",
                   "reviewer", "dispatcher"};
        // Fixture cases in both streets, in the states the matrix starts from:
        // registered, analyzed (for a whistle), analyzed (street handles it), approved, whistled, handling.
        struct Street { const char *operatorId; const char *street; const char *department; };
        for (const Street &s : {Street{"tuodong", "street.tuodong", "dept.chengguan"}, Street{"gulou", "street.gulou", "dept.zhujian"}}) {
            const QString streetName = QString(s.street).mid(7);
            for (const char *state : {"registered", "analyzed", "street_handling", "approved", "whistled", "handling"}) {
                const CaseEvent reg = registrationEvent(user(s.operatorId), s.street, {}, QStringLiteral("矩阵 %1 %2").arg(streetName, state));
                QJsonObject result;
                QVERIFY(push(s.operatorId, reg, &result));
                QCOMPARE(result.value("status").toString(), QStringLiteral("accepted"));
                const QString id = reg.caseId;
                const QString st(state);
                auto step = [&](const QString &who, EventType type, const QJsonObject &payload) {
                    QJsonObject out;
                    QVERIFY(push(who, EventBuilder(user(who), "d").make(type, id, payload), &out));
                    QVERIFY2(out.value("status").toString() == "accepted", qPrintable(out.value("reason").toString()));
                };
                if (st == "street_handling") {
                    step("dispatcher", EventType::Analyzed,
                         {{"decision", "street"}, {"note", "街道处理"},
                          {"due", CaseEvent::timeToString(QDateTime::currentDateTimeUtc().addDays(5))}});
                } else if (st != "registered") {
                    step("dispatcher", EventType::Analyzed, {{"decision", "whistle"}, {"note", "需要部门"}});
                    if (st != "analyzed")
                        step("reviewer", EventType::Reviewed, {{"decision", "approve"}, {"reason", ""}});
                    if (st == "whistled" || st == "handling") {
                        QJsonObject out;
                        QVERIFY(push("dispatcher", EventBuilder(user("dispatcher"), "d").whistle(record(id), s.department, {}), &out));
                        QVERIFY2(out.value("status").toString() == "accepted", qPrintable(out.value("reason").toString()));
                    }
                    if (st == "handling") {
                        const QString handler = QString(s.department).mid(5);
                        step(handler, EventType::CheckedIn, {{"department", s.department}, {"note", "到"}});
                    }
                }
                m_caseIds << id;
                m_caseLabel.insert(id, streetName + "/" + st);
            }
        }
        QCOMPARE(m_caseIds.size(), 12);
    }

    void cleanupTestCase()
    {
        qInfo("permission matrix: %d accounts x %lld cases x endpoints and event types = %d cells checked",
              int(m_users.size()), static_cast<long long>(m_caseIds.size()), m_cells);
        for (auto it = m_cellsOf.cbegin(); it != m_cellsOf.cend(); ++it)
            qInfo("  %-34s %6d", qPrintable(it.key()), it.value());
        m_server.stop();
    }

    // GET /cases/{id} and /verify: allowed exactly when AccessPolicy::canView says so.
    void readCaseMatrix()
    {
        for (const QString &who : std::as_const(m_users)) {
            for (const QString &caseId : std::as_const(m_caseIds)) {
                const bool allowed = AccessPolicy::canView(record(caseId), user(who));
                for (const QString &suffix : {QString(), QStringLiteral("/verify")}) {
                    const ApiClient::Response r = m_server.api->get("/api/v1/cases/" + caseId + suffix, m_server.token(who));
                    const QString where = who + " reads " + m_caseLabel.value(caseId) + suffix;
                    QVERIFY2(r.status == (allowed ? 200 : 403), qPrintable(where + ": " + r.raw.left(300)));
                    if (!allowed) {
                        QCOMPARE(r.error(), QStringLiteral("forbidden"));
                        QVERIFY(!r.json.value("message").toString().isEmpty());
                        QVERIFY(!r.json.contains("case"));
                    }
                    count(suffix.isEmpty() ? "read case" : "verify case");
                }
            }
        }
    }

    // POST /events: every event type by every account onto every case, against Workflow::check on the case as
    // the server holds it at that moment (accepted events move the fixtures on, which the matrix then sees).
    void pushMatrix()
    {
        const Workflow workflow;
        int accepted = 0;
        for (const QString &who : std::as_const(m_users)) {
            const User actor = user(who);
            for (const QString &caseId : std::as_const(m_caseIds)) {
                CaseRecord current = record(caseId);
                for (const EventType type : allEventTypes()) {
                    const CaseEvent e = eventFor(type, actor, current);
                    const Result expected = workflow.check(&current, e);
                    QJsonObject result;
                    QVERIFY(push(who, e, &result));
                    const QString where = QStringLiteral("%1 pushes %2 onto %3 (%4)")
                                              .arg(who, eventTypeToString(type), m_caseLabel.value(caseId), caseStatusToString(current.status));
                    if (expected.ok) {
                        QVERIFY2(result.value("status").toString() == "accepted",
                                 qPrintable(where + ": expected accepted, got " + result.value("reason").toString()));
                        ++accepted;
                        current = record(caseId);
                    } else {
                        QVERIFY2(result.value("status").toString() == "rejected", qPrintable(where + ": expected " + expected.code));
                        QVERIFY2(result.value("code").toString() == expected.code,
                                 qPrintable(where + ": " + result.value("code").toString() + " instead of " + expected.code));
                        QVERIFY(!result.value("reason").toString().isEmpty());
                    }
                    count("push event onto case");
                }
            }
            // Registering a new case in each street.
            for (const QString &street : {QStringLiteral("street.tuodong"), QStringLiteral("street.gulou")}) {
                const QString community = actor.role == Role::CommunityReporter ? actor.orgUnitId : QString();
                const CaseEvent e = registrationEvent(actor, street, community);
                const Result expected = workflow.check(nullptr, e);
                QJsonObject result;
                QVERIFY(push(who, e, &result));
                QCOMPARE(result.value("status").toString(), QString(expected.ok ? "accepted" : "rejected"));
                if (!expected.ok)
                    QCOMPARE(result.value("code").toString(), expected.code);
                count("register in a street");
            }
        }
        qInfo("push matrix: %d events accepted, the rest refused as Workflow::check said", accepted);
        QVERIFY(accepted > 0);
    }

    // GET /events: a user receives exactly the cases AccessPolicy lets them see, whole, and nothing else.
    void pullMatrix()
    {
        QHash<QString, CaseRecord> all;
        QString cursor = "0";
        for (int page = 0; page < 100; ++page) {
            const ApiClient::Response r = m_server.api->get("/api/v1/events?limit=5000&after=" + cursor, m_server.token("admin"));
            QCOMPARE(r.status, 200);
            for (const QJsonValue &v : r.json.value("events").toArray())
                all.insert(v.toObject().value("case").toString(), {});
            cursor = r.json.value("nextCursor").toString();
            if (!r.json.value("hasMore").toBool())
                break;
        }
        QVERIFY(all.size() >= m_caseIds.size());
        for (auto it = all.begin(); it != all.end(); ++it)
            it.value() = record(it.key());
        for (const QString &who : std::as_const(m_users)) {
            const User reader = user(who);
            QSet<QString> received;
            QString c = "0";
            for (int page = 0; page < 100; ++page) {
                const ApiClient::Response r = m_server.api->get("/api/v1/events?limit=5000&after=" + c, m_server.token(who));
                QCOMPARE(r.status, 200);
                for (const QJsonValue &v : r.json.value("events").toArray()) {
                    const QString caseId = v.toObject().value("case").toString();
                    QVERIFY2(AccessPolicy::canView(all.value(caseId), reader),
                             qPrintable(who + " received an event of " + all.value(caseId).number + " in " + all.value(caseId).streetId));
                    received.insert(caseId);
                }
                c = r.json.value("nextCursor").toString();
                if (!r.json.value("hasMore").toBool())
                    break;
            }
            for (auto it = all.cbegin(); it != all.cend(); ++it) {
                QCOMPARE(received.contains(it.key()), AccessPolicy::canView(it.value(), reader));
                count("pull: case delivered or withheld");
            }
            // Street A never receives street B's events, and the reverse.
            if (reader.role == Role::StreetOperator || reader.role == Role::CommunityReporter)
                for (const QString &caseId : std::as_const(received))
                    QVERIFY(all.value(caseId).streetId == OrgDirectory::builtin().streetOf(reader.orgUnitId)
                            || all.value(caseId).streetId == reader.orgUnitId);
        }
    }

    // Accounts, statistics, org units and the city exchange's admin view.
    void adminEndpointMatrix()
    {
        int n = 0;
        for (const QString &who : std::as_const(m_users)) {
            const User u = user(who);
            const bool admin = u.role == Role::Administrator;
            const bool city = AccessPolicy::canManageCityExchange(u);
            const bool stats = admin || u.role == Role::Supervisor;
            const QString tok = m_server.token(who);
            struct Call { QString name; QByteArray method; QString path; QJsonObject body; bool allowed; int okStatus; };
            const QList<Call> calls{
                {"list users", "GET", "/api/v1/users", {}, admin, 200},
                {"create user", "POST", "/api/v1/users",
                 {{"id", QString("made.by.%1.%2").arg(who).arg(++n)}, {"name", "M"}, {"role", "supervisor"},
                  {"orgUnit", "center.district"}, {"password", "long-enough-1"}}, admin, 201},
                {"update user", "PUT", "/api/v1/users/shifu", {{"name", "社区网格员"}}, admin, 200},
                {"set active flag", "PUT", "/api/v1/users/gulou.reporter", {{"active", true}}, admin, 200},
                {"stats", "GET", "/api/v1/stats", {}, stats, 200},
                {"org units", "GET", "/api/v1/org-units", {}, true, 200},
                {"me", "GET", "/api/v1/me", {}, true, 200},
                {"city exchanges", "GET", "/api/v1/admin/city/exchanges", {}, city, 200},
                {"city retry", "POST", "/api/v1/admin/city/exchanges/" + CaseEvent::newId() + "/retry", {}, city, 404},
            };
            for (const Call &c : calls) {
                const ApiClient::Response r = c.method == "GET" ? m_server.api->get(c.path, tok)
                                              : c.method == "PUT" ? m_server.api->put(c.path, c.body, tok)
                                                                  : m_server.api->post(c.path, c.body, tok);
                const QString where = who + " " + c.name;
                QVERIFY2(r.status == (c.allowed ? c.okStatus : 403), qPrintable(where + ": " + r.raw.left(300)));
                if (!c.allowed) {
                    QCOMPARE(r.error(), QStringLiteral("forbidden"));
                    QVERIFY(!r.json.value("message").toString().isEmpty());
                }
                count("admin and city endpoints");
            }
            // The city pull and reconcile run against the (absent) city only for those allowed to ask.
            for (const char *what : {"pull", "reconcile"}) {
                const ApiClient::Response r = m_server.api->post(QString("/api/v1/admin/city/") + what, {}, tok);
                if (city)
                    QVERIFY2(r.status != 403 && r.status != 401, r.raw.constData());
                else
                    QCOMPARE(r.status, 403);
                count("admin and city endpoints");
            }
        }
    }
};

QTEST_GUILESS_MAIN(TstPermissions)
#include "tst_permissions.moc"

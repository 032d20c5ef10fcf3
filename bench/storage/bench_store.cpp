// Storage benchmark (see docs/benchmarks.md, section "storage"):
//  1. event writes through CaseStore::appendBatch against raw sqlite3 inserts of the same rows, same run;
//  2. case-list pages of 200 rows from a 1,000,000-case store, for realistic filters and scopes.
#include "auditchain.h"
#include "casequery.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "eventbuilder.h"
#include "jsonbytes.h"
#include "orgdirectory.h"
#include "searchtext.h"
#include "workcalendar.h"
#include "syncjournal.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <algorithm>
#include <functional>
#include <limits>
#include <random>
#include <sqlite3.h>
#include <time.h>

using namespace gw;

namespace {

QTextStream out(stdout);

// --drop-index: indexes removed from both write-benchmark files before timing, to measure what one costs.
QStringList g_dropIndexes;

void dropIndexes(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const QString &name : std::as_const(g_dropIndexes))
        if (!q.exec(QStringLiteral("DROP INDEX IF EXISTS \"%1\"").arg(name)))
            out << "drop index " << name << ": " << q.lastError().text() << Qt::endl;
}

const QDateTime kNow(QDate(2026, 11, 25), QTime(8, 0), Qt::UTC);

User person(const QString &id, Role role, const QString &org)
{
    return User::make(id, role, org);
}

// Synthetic but plausible case texts: a road, a place and a problem, so search terms have realistic spread.
const QStringList kRoads{"北京路", "人民东路", "白塔路", "东风东路", "青年路", "环城北路", "金星路", "穿金路", "小康大道",
                         "龙泉路", "北辰大道", "茨坝路", "松华路", "滇源路", "阿子营路", "金实路", "世博路", "沣源路",
                         "霖雨路", "东华路", "联盟路", "新闻路", "鼓楼路", "拓东路", "金辰路", "青云路", "双龙路",
                         "盘江路", "月牙塘路", "万宏路"};
const QStringList kPlaces{"小区门口", "菜市场旁", "学校附近", "公交站台", "十字路口", "河道边", "商铺前", "人行道上",
                          "老旧小区内", "建筑工地旁", "公园入口", "农贸市场"};
const QStringList kProblems{"占道经营", "井盖缺失", "垃圾堆积", "违章搭建", "噪音扰民", "污水外溢", "路面破损", "违规停车",
                            "广告牌松动", "消防通道堵塞", "油烟污染", "树木倒伏", "路灯不亮", "私搭乱接电线", "渣土撒漏"};

struct CasePlan {
    QString id;
    QString street;
    QString community;
    QString category;
    Urgency urgency = Urgency::Normal;
    QDateTime start;
    int finalStage = 0;   // how far the case gets (see eventsAt)
    bool streetPath = false;
    bool rejected = false;
    QString lead;
    QStringList assists;
};

class Generator
{
public:
    explicit Generator(quint32 seed) : m_rng(seed)
    {
        for (const OrgUnit &u : OrgDirectory::builtin().unitsOfKind(OrgUnit::Kind::Street))
            m_streets.append(u.id);
        for (const OrgUnit &u : OrgDirectory::builtin().unitsOfKind(OrgUnit::Kind::Department))
            m_departments.append(u.id);
        for (const Category &c : CategoryCatalog::builtin().categories())
            m_categories.append(c);
    }

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    double uniform() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }

    CasePlan plan(int spanDays)
    {
        CasePlan p;
        p.street = m_streets.at(pick(int(m_streets.size())));
        const QList<OrgUnit> communities = OrgDirectory::builtin().communitiesOf(p.street);
        p.community = communities.isEmpty() ? QString() : communities.at(pick(int(communities.size()))).id;
        const Category &cat = m_categories.at(pick(int(m_categories.size())));
        p.category = cat.id;
        const double u = uniform();
        p.urgency = u < 0.8 ? Urgency::Normal : u < 0.97 ? Urgency::Urgent : Urgency::Critical;
        p.start = kNow.addSecs(-qint64(uniform() * spanDays * 86400));
        // Final stage mix of a district a year into operation: most cases closed, a working set open.
        const double s = uniform();
        if (s < 0.08) p.finalStage = 0;                                   // registered
        else if (s < 0.13) p.finalStage = 1;                              // analyzed
        else if (s < 0.17) { p.finalStage = 2; p.rejected = true; }       // rejected
        else if (s < 0.20) p.finalStage = 2;                              // approved
        else if (s < 0.26) { p.streetPath = true; p.finalStage = s < 0.23 ? 1 : 4; }  // street handling / closed
        else if (s < 0.33) p.finalStage = 3;                              // whistled
        else if (s < 0.43) p.finalStage = 4;                              // handling
        else if (s < 0.48) p.finalStage = 5;                              // handled
        else if (s < 0.52) p.finalStage = 6;                              // verified
        else p.finalStage = 7;                                            // closed
        p.lead = cat.suggestedDepartments.isEmpty() || uniform() < 0.2 ? m_departments.at(pick(int(m_departments.size())))
                                                                      : cat.suggestedDepartments.first();
        if (uniform() < 0.25) {
            const QString a = m_departments.at(pick(int(m_departments.size())));
            if (a != p.lead)
                p.assists.append(a);
        }
        return p;
    }

    CaseDraft draft(const CasePlan &p)
    {
        const QString road = kRoads.at(pick(int(kRoads.size())));
        const QString place = kPlaces.at(pick(int(kPlaces.size())));
        const QString problem = kProblems.at(pick(int(kProblems.size())));
        CaseDraft d;
        d.title = road + place + problem;
        d.description = QStringLiteral("群众反映%1%2存在%3问题，已持续%4天，影响周边居民正常生活，请相关部门尽快处置。")
                            .arg(road, place, problem).arg(1 + pick(30));
        d.categoryId = p.category;
        d.streetId = p.street;
        d.communityId = p.community;
        d.address = QStringLiteral("昆明市盘龙区%1%2号").arg(road).arg(1 + pick(400));
        d.gridCell = QStringLiteral("PL-%1-%2").arg(p.street.mid(7, 2).toUpper()).arg(pick(500), 3, 10, QLatin1Char('0'));
        d.urgency = p.urgency;
        if (uniform() < 0.5) {
            d.hasLocation = true;
            d.longitude = 102.70 + uniform() * 0.2;
            d.latitude = 25.04 + uniform() * 0.3;
        }
        return d;
    }

    // The events of step `step` of a case (several for multi-department steps); empty past its final stage.
    QList<CaseEvent> eventsAt(CasePlan &p, int step, const QString &device)
    {
        if (step > p.finalStage)
            return {};
        const QDateTime at = p.start.addSecs(qint64(step) * (3600 + pick(36 * 3600)));
        if (at > kNow) {
            p.finalStage = step - 1;  // has not happened yet
            return {};
        }
        auto builder = [&](const User &u) { return EventBuilder(u, device, [at] { return at; }); };
        const User op = person(QStringLiteral("op.") + p.street.mid(7), Role::StreetOperator, p.street);
        const User center = person(QStringLiteral("dispatcher"), Role::CenterDispatcher, QStringLiteral("center.district"));
        const User reviewer = person(QStringLiteral("reviewer"), Role::CenterReviewer, QStringLiteral("center.district"));
        QStringList depts = QStringList{p.lead} + p.assists;
        switch (step) {
        case 0: {
            CaseEvent e = builder(op).registerCase(draft(p));
            p.id = e.caseId;
            return {e};
        }
        case 1:
            if (p.streetPath)
                return {builder(op).make(EventType::Analyzed, p.id, {{"decision", "street"}, {"note", "街道自行处置"},
                                                                     {"due", CaseEvent::timeToString(at.addDays(3))}})};
            return {builder(op).make(EventType::Analyzed, p.id, {{"decision", "whistle"}, {"note", "需多部门协同处置"}})};
        case 2:
            if (p.streetPath)
                return {builder(op).make(EventType::StreetResolved, p.id, {{"feedback", "街道已组织清理完毕"}})};
            if (p.rejected)
                return {builder(reviewer).make(EventType::Reviewed, p.id, {{"decision", "reject"}, {"reason", "不属于网格事项"}})};
            return {builder(reviewer).make(EventType::Reviewed, p.id, {{"decision", "approve"}})};
        case 3: {
            if (p.streetPath)
                return {builder(op).make(EventType::Verified, p.id, {{"passed", true}})};
            CaseRecord stub;
            stub.id = p.id;
            stub.categoryId = p.category;
            stub.urgency = p.urgency;
            return {builder(center).whistle(stub, p.lead, p.assists)};
        }
        case 4: {
            if (p.streetPath)
                return {builder(center).make(EventType::Closed, p.id, {{"satisfaction", "satisfied"}})};
            QList<CaseEvent> out;
            for (const QString &d : depts)
                out.append(builder(person(QStringLiteral("h.") + d.mid(5), Role::DepartmentHandler, d))
                               .make(EventType::CheckedIn, p.id, {{"department", d}}));
            return out;
        }
        case 5: {
            QList<CaseEvent> out;
            for (const QString &d : depts)
                out.append(builder(person(QStringLiteral("h.") + d.mid(5), Role::DepartmentHandler, d))
                               .make(EventType::Handled, p.id, {{"department", d}, {"feedback", "已现场处置完毕"}}));
            return out;
        }
        case 6:
            return {builder(op).make(EventType::Verified, p.id, {{"passed", true}})};
        case 7: {
            static const char *sat[] = {"satisfied", "satisfied", "satisfied", "basic", "dissatisfied"};
            return {builder(center).make(EventType::Closed, p.id, {{"satisfaction", sat[pick(5)]}})};
        }
        }
        return {};
    }

private:
    std::mt19937 m_rng;
    QStringList m_streets;
    QStringList m_departments;
    QList<Category> m_categories;
};

// Makes the events of `caseCount` cases in the order a busy district produces them: cases advance in
// rounds, so consecutive events mostly belong to different cases.
template <typename Sink, typename WindowDone = bool (*)()>
qint64 generate(Generator &gen, int caseCount, int spanDays, int window, const QString &device, qint64 maxEvents,
                Sink &&sink, WindowDone windowDone = [] { return true; })
{
    qint64 produced = 0;
    for (int first = 0; first < caseCount && produced < maxEvents; first += window) {
        QList<CasePlan> plans;
        for (int i = first; i < qMin(caseCount, first + window); ++i)
            plans.append(gen.plan(spanDays));
        for (int step = 0; step <= 7 && produced < maxEvents; ++step) {
            QList<CaseEvent> round;
            for (CasePlan &p : plans)
                round += gen.eventsAt(p, step, device);
            if (round.size() > maxEvents - produced)
                round.resize(maxEvents - produced);
            if (round.isEmpty())
                continue;
            produced += round.size();
            if (!sink(round))
                return -1;
        }
        if (!windowDone())
            return -1;
    }
    return produced;
}

// CPU time of this thread: on a shared machine the wall clock also counts other processes' turns.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

bool execRaw(sqlite3 *db, const char *sql)
{
    char *err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        out << "sqlite: " << err << " in " << sql << Qt::endl;
        sqlite3_free(err);
        return false;
    }
    return true;
}

// The rows CaseStore::appendBatch writes for `batches` (already sealed by the store), computed beforehand
// and inserted raw: events and outbox rows per event; per batch and touched case one `cases` row (insert or
// update by rowid, same column values and state bytes), the new department rows and the search row when the
// searched text changed; the number counter once per batch. Same schema (made by CaseStore::open), one
// transaction, prepared statements through the sqlite3 C API. Returns the CPU seconds, or -1.
double rawSameRows(const QList<QList<CaseEvent>> &batches, const QString &path, double *wallSeconds)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    {
        CaseStore schema;  // identical tables and indexes
        if (!schema.open(path).ok)
            return -1;
        dropIndexes(QSqlDatabase::database(schema.connectionName(), false));
    }
    struct EventRow {
        QByteArray id, caseId, type, payload, actor, role, org, device, clientTime, prev, hash;
        int caseSeq;
    };
    struct CaseRow {
        bool insert;
        qint64 rowid;
        QByteArray id, number, title, status, category, street, community, urgency, departments, state;
        qint64 registeredAt, updatedAt, nextDue;  // nextDue < 0: NULL
        int onHold, escalated, postponePending;
        QList<QByteArray> newDepartments;
        QByteArray ftsOld, ftsNew;  // ftsNew empty: search row unchanged
    };
    struct Batch {
        QList<EventRow> events;
        QList<CaseRow> cases;
        qint64 counter = -1;
    };
    const Workflow workflow;
    QHash<QString, CaseRecord> records;
    QHash<QString, qint64> rowids;
    qint64 counter = 0;
    QList<Batch> plan;
    for (const QList<CaseEvent> &batch : batches) {
        Batch b;
        QHash<QString, CaseRecord> before;
        QStringList order;
        for (const CaseEvent &e : batch) {
            b.events.append({e.id.toUtf8(), e.caseId.toUtf8(), eventTypeToString(e.type).toUtf8(), JsonBytes::payload(e.payload),
                             e.actorId.toUtf8(), roleToString(e.actorRole).toUtf8(), e.actorOrgUnit.toUtf8(),
                             e.deviceId.toUtf8(), JsonBytes::timeText(e.clientTime), e.prevHash, e.hash, e.caseSeq});
            if (!order.contains(e.caseId)) {
                order.append(e.caseId);
                if (records.contains(e.caseId))
                    before.insert(e.caseId, records.value(e.caseId));
            }
            workflow.apply(records[e.caseId], e);
            if (e.type == EventType::Registered) {
                b.counter = ++counter;
            }
        }
        for (const QString &id : std::as_const(order)) {
            const CaseRecord &r = records[id];
            const bool existed = before.contains(id);
            const CaseRecord *old = existed ? &before[id] : nullptr;
            CaseRow c;
            c.insert = !existed;
            c.rowid = existed ? rowids.value(id) : rowids.size() + 1;
            if (!existed)
                rowids.insert(id, c.rowid);
            c.id = id.toUtf8();
            c.number = r.number.toUtf8();
            c.title = r.title.toUtf8();
            c.status = caseStatusToString(r.status).toUtf8();
            c.category = r.categoryId.toUtf8();
            c.street = r.streetId.toUtf8();
            c.community = r.communityId.toUtf8();
            c.urgency = urgencyToString(r.urgency).toUtf8();
            QStringList lead, others;
            for (const DepartmentAssignment &a : r.departments)
                if (a.isActive())
                    (a.lead ? lead : others).append(a.departmentId);
            c.departments = (lead + others).join(u' ').toUtf8();
            c.state = JsonBytes::caseState(r);
            c.registeredAt = r.registeredAt.toMSecsSinceEpoch();
            c.updatedAt = r.updatedAt.toMSecsSinceEpoch();
            c.nextDue = r.nextDue().isValid() ? r.nextDue().toMSecsSinceEpoch() : -1;
            c.onHold = r.onHold;
            c.escalated = r.escalated;
            c.postponePending = r.hasPendingPostponement();
            if (!old || old->departments.size() != r.departments.size())
                for (const DepartmentAssignment &a : r.departments)
                    c.newDepartments.append(a.departmentId.toUtf8());
            if (!old || old->number != r.number || old->title != r.title || old->description != r.description
                || old->address != r.address || old->gridCell != r.gridCell) {
                c.ftsNew = SearchText::bodyOf(r).toUtf8();
                if (old)
                    c.ftsOld = SearchText::bodyOf(*old).toUtf8();
            }
            b.cases.append(c);
        }
        plan.append(b);
    }

    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return -1;
    execRaw(db, "PRAGMA synchronous=NORMAL");  // the store's settings (WAL is kept in the file)
    execRaw(db, "PRAGMA foreign_keys=ON");
    execRaw(db, "PRAGMA cache_size=-65536");
    execRaw(db, "PRAGMA mmap_size=1073741824");
    execRaw(db, "PRAGMA temp_store=MEMORY");
    auto prepare = [db](const char *sql) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
            out << "prepare: " << sqlite3_errmsg(db) << Qt::endl;
        return stmt;
    };
    sqlite3_stmt *insEvent = prepare("INSERT INTO events (id, case_id, case_seq, type, payload, actor, role, org_unit, device,"
                                     " client_time, server_seq, server_time, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,NULL,NULL,?,?)");
    sqlite3_stmt *insOutbox = prepare("INSERT INTO outbox (event_id, seq) VALUES (?, ?)");
    sqlite3_stmt *insCase = prepare("INSERT INTO cases (number, title, status, category, street, community, urgency,"
                                    " registered_at, updated_at, next_due, on_hold, escalated, departments, postpone_pending,"
                                    " pending, state, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)");
    sqlite3_stmt *updCase = prepare("UPDATE cases SET number=?, title=?, status=?, category=?, street=?, community=?, urgency=?,"
                                    " registered_at=?, updated_at=?, next_due=?, on_hold=?, escalated=?, departments=?,"
                                    " postpone_pending=?, pending=1, state=? WHERE rowid=?");
    sqlite3_stmt *insDept = prepare("INSERT OR IGNORE INTO case_departments (department, case_id) VALUES (?, ?)");
    sqlite3_stmt *ftsIns = prepare("INSERT INTO case_search (rowid, body) VALUES (?, ?)");
    sqlite3_stmt *ftsDel = prepare("INSERT INTO case_search (case_search, rowid, body) VALUES ('delete', ?, ?)");
    sqlite3_stmt *counterStmt = prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('number_counter', ?)");
    auto text = [](sqlite3_stmt *st, int i, const QByteArray &v) {
        sqlite3_bind_text(st, i, v.isNull() ? "" : v.constData(), int(v.size()), SQLITE_STATIC);
    };
    auto run = [db](sqlite3_stmt *st) {
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            out << "raw insert: " << sqlite3_errmsg(db) << Qt::endl;
        return rc == SQLITE_DONE;
    };
    QElapsedTimer timer;
    timer.start();
    const double cpu = cpuSeconds();
    execRaw(db, "BEGIN");
    for (const Batch &b : std::as_const(plan)) {
        for (const EventRow &row : b.events) {
            const QByteArray *texts[] = {&row.id, &row.caseId};
            for (int i = 0; i < 2; ++i)
                text(insEvent, i + 1, *texts[i]);
            sqlite3_bind_int(insEvent, 3, row.caseSeq);
            const QByteArray *rest[] = {&row.type, &row.payload, &row.actor, &row.role, &row.org, &row.device,
                                        &row.clientTime, &row.prev, &row.hash};
            for (int i = 0; i < 9; ++i)
                text(insEvent, i + 4, *rest[i]);
            if (!run(insEvent))
                return -1;
            text(insOutbox, 1, row.id);
            sqlite3_bind_int64(insOutbox, 2, sqlite3_last_insert_rowid(db));
            if (!run(insOutbox))
                return -1;
        }
        for (const CaseRow &c : b.cases) {
            sqlite3_stmt *st = c.insert ? insCase : updCase;
            const QByteArray *texts[] = {&c.number, &c.title, &c.status, &c.category, &c.street, &c.community, &c.urgency};
            for (int i = 0; i < 7; ++i)
                text(st, i + 1, *texts[i]);
            sqlite3_bind_int64(st, 8, c.registeredAt);
            sqlite3_bind_int64(st, 9, c.updatedAt);
            if (c.nextDue < 0)
                sqlite3_bind_null(st, 10);
            else
                sqlite3_bind_int64(st, 10, c.nextDue);
            sqlite3_bind_int(st, 11, c.onHold);
            sqlite3_bind_int(st, 12, c.escalated);
            text(st, 13, c.departments);
            sqlite3_bind_int(st, 14, c.postponePending);
            text(st, 15, c.state);
            if (c.insert)
                text(st, 16, c.id);
            else
                sqlite3_bind_int64(st, 16, c.rowid);
            if (!run(st))
                return -1;
            if (!c.ftsNew.isEmpty()) {
                if (!c.insert) {
                    sqlite3_bind_int64(ftsDel, 1, c.rowid);
                    text(ftsDel, 2, c.ftsOld);
                    if (!run(ftsDel))
                        return -1;
                }
                sqlite3_bind_int64(ftsIns, 1, c.rowid);
                text(ftsIns, 2, c.ftsNew);
                if (!run(ftsIns))
                    return -1;
            }
            for (const QByteArray &d : c.newDepartments) {
                text(insDept, 1, d);
                text(insDept, 2, c.id);
                if (!run(insDept))
                    return -1;
            }
        }
        if (b.counter >= 0) {
            const QByteArray value = QByteArray::number(b.counter);
            text(counterStmt, 1, value);
            if (!run(counterStmt))
                return -1;
        }
    }
    execRaw(db, "COMMIT");
    *wallSeconds = timer.nsecsElapsed() / 1e9;
    const double used = cpuSeconds() - cpu;
    for (sqlite3_stmt *st : {insEvent, insOutbox, insCase, updCase, insDept, ftsIns, ftsDel, counterStmt})
        sqlite3_finalize(st);
    sqlite3_close(db);
    return used;
}

// Part 1: store vs raw.
bool benchWrites(int eventCount, int batchSize, const QString &dir)
{
    const QString storePath = dir + QStringLiteral("/gw-bench-write-store.db");
    const QString rawPath = dir + QStringLiteral("/gw-bench-write-raw.db");
    for (const QString &p : {storePath, rawPath})
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(p + suffix);

    Generator gen(20261125);
    QList<QList<CaseEvent>> rounds;
    generate(gen, eventCount, 365, batchSize, QStringLiteral("bench-device"), eventCount, [&](QList<CaseEvent> &round) {
        rounds.append(round);
        return true;
    });
    // Split rounds into appendBatch transactions of at most batchSize events.
    QList<QList<CaseEvent>> batches;
    for (const QList<CaseEvent> &round : std::as_const(rounds))
        for (int i = 0; i < round.size(); i += batchSize)
            batches.append(round.mid(i, batchSize));
    int registrations = 0, total = 0;
    for (const auto &b : std::as_const(batches))
        for (const CaseEvent &e : b) {
            ++total;
            registrations += e.type == EventType::Registered ? 1 : 0;
        }

    CaseStore store;
    Result r = store.open(storePath);
    if (!r.ok) {
        out << "open: " << r.message << Qt::endl;
        return false;
    }
    dropIndexes(QSqlDatabase::database(store.connectionName(), false));
    QElapsedTimer timer;
    timer.start();
    double cpu = cpuSeconds();
    for (QList<CaseEvent> &batch : batches) {
        int failed = -1;
        r = store.appendBatch(batch, &failed);
        if (!r.ok) {
            out << "appendBatch refused event " << failed << ": " << r.message << Qt::endl;
            return false;
        }
    }
    const double storeSeconds = timer.nsecsElapsed() / 1e9;
    const double storeCpu = cpuSeconds() - cpu;
    const int cases = store.countCases(CaseFilter());
    store.close();

    // The same rows (as sealed by the store), serialized beforehand, into an identical events table.
    struct Row {
        QByteArray id, caseId, type, payload, actor, role, org, device, clientTime, prev, hash;
        int caseSeq;
    };
    QList<Row> rows;
    rows.reserve(total);
    for (const auto &b : std::as_const(batches))
        for (const CaseEvent &e : b)
            rows.append({e.id.toUtf8(), e.caseId.toUtf8(), eventTypeToString(e.type).toUtf8(),
                         QJsonDocument(e.payload).toJson(QJsonDocument::Compact), e.actorId.toUtf8(),
                         roleToString(e.actorRole).toUtf8(), e.actorOrgUnit.toUtf8(), e.deviceId.toUtf8(),
                         CaseEvent::timeToString(e.clientTime).toUtf8(), e.prevHash, e.hash, e.caseSeq});
    sqlite3 *db = nullptr;
    if (sqlite3_open(rawPath.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    execRaw(db, "PRAGMA journal_mode=WAL");
    execRaw(db, "PRAGMA synchronous=NORMAL");
    // Same DDL as migration step 1 (events table and its index).
    execRaw(db, "CREATE TABLE events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL,"
                " case_seq INTEGER NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,"
                " org_unit TEXT NOT NULL, device TEXT NOT NULL, client_time TEXT NOT NULL, server_seq INTEGER, server_time TEXT,"
                " prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (case_id, case_seq))");
    execRaw(db, "CREATE INDEX events_server_seq ON events (server_seq) WHERE server_seq IS NOT NULL");
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO events (id, case_id, case_seq, type, payload, actor, role, org_unit, device,"
                           " client_time, server_seq, server_time, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,NULL,NULL,?,?)",
                       -1, &stmt, nullptr);
    timer.restart();
    cpu = cpuSeconds();
    execRaw(db, "BEGIN");
    for (const Row &row : std::as_const(rows)) {
        int i = 0;
        for (const QByteArray *v : {&row.id, &row.caseId}) {
            ++i;
            sqlite3_bind_text(stmt, i, v->constData(), int(v->size()), SQLITE_STATIC);
        }
        sqlite3_bind_int(stmt, 3, row.caseSeq);
        i = 3;
        for (const QByteArray *v : {&row.type, &row.payload, &row.actor, &row.role, &row.org, &row.device, &row.clientTime,
                                    &row.prev, &row.hash}) {
            ++i;
            sqlite3_bind_text(stmt, i, v->isNull() ? "" : v->constData(), int(v->size()), SQLITE_STATIC);
        }
        if (sqlite3_step(stmt) != SQLITE_DONE) {
            out << "raw insert: " << sqlite3_errmsg(db) << Qt::endl;
            return false;
        }
        sqlite3_reset(stmt);
    }
    execRaw(db, "COMMIT");
    const double rawSeconds = timer.nsecsElapsed() / 1e9;
    const double rawCpu = cpuSeconds() - cpu;
    sqlite3_finalize(stmt);
    sqlite3_close(db);

    double sameWall = 0;
    const double sameCpu = rawSameRows(batches, dir + QStringLiteral("/gw-bench-write-raw-same.db"), &sameWall);
    if (sameCpu < 0)
        return false;
    const double storeRate = total / storeSeconds, rawRate = total / rawSeconds;
    out << "== event writes ==\n"
        << "events: " << total << " (" << registrations << " registrations, " << (total - registrations)
        << " follow-up actions on " << cases << " cases), appendBatch of <= " << batchSize << "\n"
        << QStringLiteral("CaseStore::appendBatch : %1 s wall, %2 events/s; %3 s CPU, %4 events/CPU-s\n")
               .arg(storeSeconds, 0, 'f', 2).arg(storeRate, 0, 'f', 0).arg(storeCpu, 0, 'f', 2).arg(total / storeCpu, 0, 'f', 0)
        << "    (check + number + seal + events row + outbox row + projection + departments + FTS, per transaction)\n"
        << QStringLiteral("raw sqlite3 insert     : %1 s wall, %2 events/s; %3 s CPU, %4 events/CPU-s\n")
               .arg(rawSeconds, 0, 'f', 2).arg(rawRate, 0, 'f', 0).arg(rawCpu, 0, 'f', 2).arg(total / rawCpu, 0, 'f', 0)
        << "    (same rows, serialized beforehand, identical events table, one transaction, prepared statement)\n"
        << QStringLiteral("ratio store/raw (events rows only) : %1 % by wall clock, %2 % by CPU time\n")
               .arg(100.0 * storeRate / rawRate, 0, 'f', 1).arg(100.0 * rawCpu / storeCpu, 0, 'f', 1)
        << QStringLiteral("raw sqlite3, same rows : %1 s wall, %2 events/s; %3 s CPU, %4 events/CPU-s\n")
               .arg(sameWall, 0, 'f', 2).arg(total / sameWall, 0, 'f', 0).arg(sameCpu, 0, 'f', 2).arg(total / sameCpu, 0, 'f', 0)
        << "    (every row the store wrote: events, outbox, cases insert/update, departments, search, counter;\n"
           "     same schema, precomputed bytes, one transaction, prepared statements)\n"
        << QStringLiteral("ratio store/raw (same rows)        : %1 % by wall clock, %2 % by CPU time (target >= 30 %)\n")
               .arg(100.0 * sameWall / storeSeconds, 0, 'f', 1).arg(100.0 * sameCpu / storeCpu, 0, 'f', 1)
        << Qt::endl;
    return true;
}

// Part 2: build (or reuse) the 1M-case store. The cases arrive the way a client's first full sync
// brings them: as server-accepted events (sealed on each case's chain, with server sequence numbers),
// applied through SyncJournal::applyRemote a few thousand cases at a time. Nothing of the projection,
// departments or search index is written around the store.
bool buildLargeStore(const QString &path, int caseCount, int window)
{
    if (QFile::exists(path)) {
        CaseStore store;
        if (store.open(path).ok && store.countCases(CaseFilter()) >= caseCount) {
            out << "reusing " << path << " (" << store.countCases(CaseFilter()) << " cases)" << Qt::endl;
            return true;
        }
        store.close();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
    }
    CaseStore store;
    Result r = store.open(path);
    if (!r.ok) {
        out << "open: " << r.message << Qt::endl;
        return false;
    }
    Generator gen(1000000);
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    qint64 written = 0, serverSeq = 0;
    double applyCpu = 0, applyWall = 0;  // inside SyncJournal::applyRemote only
    QList<CaseEvent> pending;
    QHash<QString, QPair<int, QByteArray>> chains;
    auto flush = [&]() {
        QElapsedTimer applyTimer;
        applyTimer.start();
        const double applyStart = cpuSeconds();
        const Result res = store.journal().applyRemote(pending);
        applyCpu += cpuSeconds() - applyStart;
        applyWall += applyTimer.nsecsElapsed() / 1e9;
        if (!res.ok) {
            out << "applyRemote: " << res.message << Qt::endl;
            return false;
        }
        const qint64 before = written;
        written += pending.size();
        pending.clear();
        chains.clear();
        if (written / 1000000 != before / 1000000)
            out << "  " << written << " events, " << store.countCases(CaseFilter()) << " cases, "
                << timer.elapsed() / 1000 << " s" << Qt::endl;
        return true;
    };
    int casesInWindow = 0;
    const qint64 produced = generate(gen, caseCount, 730, window, QStringLiteral("other-device"),
                                     std::numeric_limits<qint64>::max(), [&](QList<CaseEvent> &round) {
        for (CaseEvent &e : round) {
            if (e.type == EventType::Registered) {
                // The server numbers cases; here the number comes with the registration.
                e.payload.insert("number", QStringLiteral("PL-%1-%2").arg(e.clientTime.date().year())
                                                   .arg(serverSeq + 1, 7, 10, QLatin1Char('0')));
                ++casesInWindow;
            }
            auto &[seq, prev] = chains[e.caseId];
            AuditChain::seal(e, ++seq, prev);
            prev = e.hash;
            e.serverSeq = ++serverSeq;
            e.serverTime = e.clientTime.addSecs(5);
        }
        pending += round;
        // generate() hands over a window's steps in order; apply once the window's last step is in.
        return true;
    }, [&]() {
        casesInWindow = 0;
        return flush();
    });
    if (produced < 0)
        return false;
    const double cpu = cpuSeconds() - cpu0;
    out << "built " << path << ": " << produced << " events, " << store.countCases(CaseFilter()) << " cases in "
        << timer.elapsed() / 1000 << " s wall, " << int(cpu) << " s CPU, generation included" << Qt::endl
        << QStringLiteral("  inside SyncJournal::applyRemote (pages of one window, %1 cases): %2 s wall, %3 s CPU, "
                          "%4 events/CPU-s\n")
               .arg(window).arg(applyWall, 0, 'f', 2).arg(applyCpu, 0, 'f', 2).arg(produced / applyCpu, 0, 'f', 0);
    QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    q.exec(QStringLiteral("ANALYZE"));  // what a maintenance run would do; the planner picks better indexes with stats
    return true;
}

// Setup shortcut for part 2 (documented in docs/benchmarks.md): when the realistic build above was stopped
// early, the store is grown to `target` cases by copying the projections it holds under new ids and numbers
// (statuses, streets, departments, deadlines and texts keep their realistic spread). Only projection, department
// and search rows are copied, not events: list queries never read events.
bool growStore(const QString &path, int target)
{
    CaseStore store;
    if (!store.open(path).ok)
        return false;
    int have = store.countCases(CaseFilter());
    if (have >= target)
        return true;
    QList<CaseRecord> sources;
    {
        QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
        q.setForwardOnly(true);
        q.exec(QStringLiteral("SELECT state FROM cases ORDER BY rowid"));
        while (q.next())
            sources.append(CaseRecord::fromJson(QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object()));
    }
    out << "growing " << path << " from " << have << " to " << target << " cases by copying projections" << Qt::endl;
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase db = QSqlDatabase::database(store.connectionName(), false);
    QSqlQuery begin(db), insertCase(db), insertDept(db), insertFts(db);
    insertCase.prepare(QStringLiteral("INSERT INTO cases (id, number, title, status, category, street, community, urgency,"
                                      " registered_at, updated_at, next_due, on_hold, escalated, departments, postpone_pending,"
                                      " pending, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0,?)"));
    insertDept.prepare(QStringLiteral("INSERT OR IGNORE INTO case_departments (department, case_id) VALUES (?, ?)"));
    insertFts.prepare(QStringLiteral("INSERT INTO case_search (rowid, body) VALUES (?, ?)"));
    begin.exec(QStringLiteral("BEGIN"));
    for (int round = 1; have < target; ++round) {
        for (const CaseRecord &src : std::as_const(sources)) {
            if (have >= target)
                break;
            CaseRecord c = src;
            c.id = CaseEvent::newId();
            c.number = src.number + QStringLiteral("-%1").arg(round);
            c.registeredAt = c.registeredAt.addMSecs(round * 1000);
            c.updatedAt = c.updatedAt.addMSecs(round * 1000);
            QStringList lead, others;
            for (const DepartmentAssignment &a : std::as_const(c.departments))
                if (a.isActive())
                    (a.lead ? lead : others).append(a.departmentId);
            const QDateTime due = c.nextDue();
            const QVariantList values{c.id, c.number, c.title, caseStatusToString(c.status), c.categoryId, c.streetId,
                                      c.communityId.isNull() ? QStringLiteral("") : c.communityId, urgencyToString(c.urgency),
                                      c.registeredAt.toMSecsSinceEpoch(), c.updatedAt.toMSecsSinceEpoch(),
                                      due.isValid() ? QVariant(due.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong)),
                                      c.onHold ? 1 : 0, c.escalated ? 1 : 0, QString((lead + others).join(u' ') + QStringLiteral("")),
                                      c.hasPendingPostponement() ? 1 : 0,
                                      QString::fromUtf8(QJsonDocument(c.toJson()).toJson(QJsonDocument::Compact))};
            for (int i = 0; i < values.size(); ++i)
                insertCase.bindValue(i, values.at(i));
            if (!insertCase.exec()) {
                out << "grow: " << insertCase.lastError().text() << Qt::endl;
                return false;
            }
            const qint64 rowid = insertCase.lastInsertId().toLongLong();
            for (const DepartmentAssignment &a : std::as_const(c.departments)) {
                insertDept.bindValue(0, a.departmentId);
                insertDept.bindValue(1, c.id);
                insertDept.exec();
            }
            insertFts.bindValue(0, rowid);
            insertFts.bindValue(1, SearchText::bodyOf(c));
            insertFts.exec();
            ++have;
        }
    }
    begin.exec(QStringLiteral("COMMIT"));
    out << "grown to " << store.countCases(CaseFilter()) << " cases in " << timer.elapsed() / 1000 << " s" << Qt::endl;
    begin.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    begin.exec(QStringLiteral("ANALYZE"));
    return true;
}

struct Timing {
    double median = 0, p95 = 0, max = 0;
};

Timing timeIt(int runs, const std::function<void()> &fn)
{
    fn();  // warm-up, not counted
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        fn();
        ms.append(t.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return {ms.at(ms.size() / 2), ms.at(qMin(int(ms.size()) - 1, int(ms.size() * 0.95))), ms.last()};
}

bool benchQueries(const QString &path, int runs, bool explain)
{
    CaseStore store;
    const Result r = store.open(path);
    if (!r.ok) {
        out << "open: " << r.message << Qt::endl;
        return false;
    }
    const int total = store.countCases(CaseFilter());
    // A number from the middle of the store, for a lookup by number.
    const QString someNumber = store.listCases(CaseFilter(), total / 2, 1).value(0).number;
    struct Case {
        QString name;
        CaseFilter filter;
        int offset = 0;
    };
    using Kind = AccessPolicy::Scope::Kind;
    QList<Case> cases;
    auto add = [&](const QString &name, const std::function<void(CaseFilter &)> &set, int offset = 0) {
        CaseFilter f;
        f.now = kNow;
        set(f);
        cases.append({name, f, offset});
    };
    add("all cases, newest first", [](CaseFilter &) {});
    add("status = handling", [](CaseFilter &f) { f.statuses = {CaseStatus::Handling}; });
    add("status in (whistled, handling)", [](CaseFilter &f) { f.statuses = {CaseStatus::Whistled, CaseStatus::Handling}; });
    add("street = gulou", [](CaseFilter &f) { f.streetId = "street.gulou"; });
    add("department = shuiwu", [](CaseFilter &f) { f.departmentId = "dept.shuiwu"; });
    add("category = water, urgent", [](CaseFilter &f) { f.categoryId = "water"; f.urgency = Urgency::Urgent; });
    add("overdue, by deadline", [](CaseFilter &f) { f.overdueOnly = true; f.sort = CaseFilter::Sort::DueAsc; });
    add("open, by deadline", [](CaseFilter &f) { f.openOnly = true; f.sort = CaseFilter::Sort::DueAsc; });
    add("registered last 30 days", [](CaseFilter &f) { f.registeredFrom = kNow.addDays(-30); f.sort = CaseFilter::Sort::RegisteredDesc; });
    add("text \"北京路\"", [](CaseFilter &f) { f.text = "北京路"; });
    add("text \"井盖缺失\" + street", [](CaseFilter &f) { f.text = "井盖缺失"; f.streetId = "street.tuodong"; });
    add("text number " + someNumber, [&](CaseFilter &f) { f.text = someNumber; });
    add("scope street tuodong, open", [](CaseFilter &f) { f.scope = {Kind::Street, "street.tuodong"}; f.openOnly = true; });
    add("scope community gulou.2", [](CaseFilter &f) { f.scope = {Kind::Community, "community.gulou.2"}; });
    add("scope dept jiaojing, handling", [](CaseFilter &f) { f.scope = {Kind::Department, "dept.jiaojing"}; f.statuses = {CaseStatus::Handling}; });
    add("scope dept chengguan, overdue", [](CaseFilter &f) { f.scope = {Kind::Department, "dept.chengguan"}; f.overdueOnly = true; f.sort = CaseFilter::Sort::DueAsc; });
    // The center reviewer's "my to-do": cases to review, or with a postponement request waiting (column
    // postpone_pending and its partial index, schema step 5).
    add("reviewer to-do (review + postponements)", [](CaseFilter &f) { f.statuses = {CaseStatus::Analyzed}; f.orPostponementPending = true; });
    add("street = gulou, page at offset 20000", [](CaseFilter &f) { f.streetId = "street.gulou"; }, 20000);
    add("street = gulou, by number", [](CaseFilter &f) { f.streetId = "street.gulou"; f.sort = CaseFilter::Sort::NumberAsc; });

    out << "== case list pages of 200 rows, " << total << " cases, " << runs << " runs each (after one warm-up) ==\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n").arg("filter", -42).arg("rows", 5).arg("median ms", 10).arg("p95 ms", 8)
               .arg("max ms", 8).arg("count ms", 9);
    bool allFast = true;
    for (const Case &c : cases) {
        int rows = 0;
        const Timing t = timeIt(runs, [&] { rows = int(store.listCases(c.filter, c.offset, 200).size()); });
        int matching = 0;
        const Timing count = timeIt(qMin(runs, 5), [&] { matching = store.countCases(c.filter); });
        allFast = allFast && t.p95 < 50;
        out << QStringLiteral("%1 %2 %3 %4 %5 %6   (%7 match)\n").arg(c.name, -42).arg(rows, 5).arg(t.median, 10, 'f', 2)
                   .arg(t.p95, 8, 'f', 2).arg(t.max, 8, 'f', 2).arg(count.median, 9, 'f', 1).arg(matching);
        if (explain) {
            const CaseQuery query(c.filter);
            QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
            q.prepare("EXPLAIN QUERY PLAN SELECT id FROM cases" + query.where() + CaseQuery::orderBy(c.filter.sort) + " LIMIT 200");
            const QVariantList b = query.bindings();
            for (int i = 0; i < b.size(); ++i)
                q.bindValue(i, b.at(i));
            if (q.exec())
                while (q.next())
                    out << "      plan: " << q.value(3).toString() << "\n";
        }
    }
    out << (allFast ? "all p95 < 50 ms\n" : "SOME p95 >= 50 ms\n") << Qt::endl;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription("GridWhistle storage benchmark");
    parser.addHelpOption();
    parser.addOptions({
        {"events", "Events to write in the write benchmark.", "n", "100000"},
        {"batch", "Events per appendBatch transaction.", "n", "1000"},
        {"cases", "Cases in the list benchmark store.", "n", "1000000"},
        {"db", "Path of the list benchmark store (reused when it already holds enough cases).", "path",
         "/tmp/gw-bench-1m.db"},
        {"dir", "Folder for the write benchmark files.", "path", "/tmp"},
        {"runs", "Timed runs per query.", "n", "21"},
        {"skip-writes", "Skip the write benchmark."},
        {"skip-queries", "Skip the list benchmark."},
        {"explain", "Print the query plan of each list query."},
        {"drop-index", "Write benchmark without this index (both files; repeatable), to measure its cost.", "name"},
        {"grow", "Instead of building the list store event by event, grow the existing one to --cases by copying projections."},
    });
    parser.process(app);
    g_dropIndexes = parser.values("drop-index");
    out << "bench_store: SQLite " << sqlite3_libversion() << ", Qt " << qVersion() << Qt::endl;
    if (!parser.isSet("skip-writes")
        && !benchWrites(parser.value("events").toInt(), parser.value("batch").toInt(), parser.value("dir")))
        return 1;
    if (!parser.isSet("skip-queries")) {
        if (parser.isSet("grow") ? !growStore(parser.value("db"), parser.value("cases").toInt())
                                 : !buildLargeStore(parser.value("db"), parser.value("cases").toInt(), 2000))
            return 1;
        if (!benchQueries(parser.value("db"), parser.value("runs").toInt(), parser.isSet("explain")))
            return 1;
    }
    return 0;
}

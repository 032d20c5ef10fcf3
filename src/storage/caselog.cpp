#include "caselog.h"
#include "auditchain.h"
#include "casenumber.h"
#include "storerows.h"
#include "jsonbytes.h"
#include "localdatabase.h"
#include "searchtext.h"
#include "sqlitestatement.h"
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace gw {

namespace {

QString departmentsColumn(const CaseRecord &r)
{
    QStringList lead, others;
    for (const DepartmentAssignment &a : r.departments)
        if (a.isActive())
            (a.lead ? lead : others).append(a.departmentId);
    return (lead + others).join(u' ');
}

// The filter columns of `cases` that writeProjection compares with the row before: an UPDATE sets only
// those that changed (plus pending and state), so SQLite leaves alone every index on columns it does not set.
constexpr const char *kCaseColumns[] = {"number",        "title",      "status",   "category", "street",
                                        "community",     "urgency",    "registered_at", "updated_at", "next_due",
                                        "on_hold",       "escalated",  "departments", "postpone_pending"};
constexpr int kCaseColumnCount = int(sizeof kCaseColumns / sizeof *kCaseColumns);

struct ColumnValue {
    QString text;
    qint64 number = 0;
    enum { Text, Number, Null } kind = Text;
    bool operator==(const ColumnValue &o) const
    {
        return kind == o.kind && (kind == Text ? text == o.text : kind == Null || number == o.number);
    }
};

ColumnValue textColumn(const QString &s) { return {s, 0, ColumnValue::Text}; }
ColumnValue numberColumn(qint64 n) { return {QString(), n, ColumnValue::Number}; }

void caseColumnValues(const CaseRecord &r, ColumnValue (&v)[kCaseColumnCount])
{
    const QDateTime due = r.nextDue();
    v[0] = textColumn(r.number);
    v[1] = textColumn(r.title);
    v[2] = textColumn(caseStatusToString(r.status));
    v[3] = textColumn(r.categoryId);
    v[4] = textColumn(r.streetId);
    v[5] = textColumn(r.communityId);
    v[6] = textColumn(urgencyToString(r.urgency));
    v[7] = numberColumn(r.registeredAt.toMSecsSinceEpoch());
    v[8] = numberColumn(r.updatedAt.toMSecsSinceEpoch());
    v[9] = due.isValid() ? numberColumn(due.toMSecsSinceEpoch()) : ColumnValue{QString(), 0, ColumnValue::Null};
    v[10] = numberColumn(r.onHold ? 1 : 0);
    v[11] = numberColumn(r.escalated ? 1 : 0);
    v[12] = textColumn(departmentsColumn(r));
    v[13] = numberColumn(r.hasPendingPostponement() ? 1 : 0);
}

} // namespace

struct CaseLog::Statements {
    explicit Statements(const QSqlDatabase &db) : selectCase(db), dataVersion(db), m_db(db) {}
    // The write path's statements, stepped through the sqlite3 C API (see sqlitestatement.h).
    SqliteStatement insertEvent, insertOutbox, insertCase, insertDepartment, ftsInsert, ftsDelete, findEvent;
    SqliteStatement confirmEvent, unqueueEvent, settlePending, otherAuthor;
    QSqlQuery selectCase, dataVersion;

    // UPDATE cases for one set of changed columns (bit i = kCaseColumns[i]), prepared on first use.
    SqliteStatement *updateCase(quint32 changed, QString *error)
    {
        if (auto it = m_updates.constFind(changed); it != m_updates.constEnd())
            return it->get();
        QByteArray sql = "UPDATE cases SET ";
        for (int i = 0; i < kCaseColumnCount; ++i)
            if (changed & (1u << i))
                sql += QByteArray(kCaseColumns[i]) + "=?, ";
        sql += "pending=?, state=? WHERE rowid=?";
        auto statement = std::make_shared<SqliteStatement>();
        if (!statement->prepare(m_handle, sql.constData())) {
            *error = statement->errorText();
            return nullptr;
        }
        m_updates.insert(changed, statement);
        return statement.get();
    }

    bool prepare(QString *error)
    {
        sqlite3 *handle = SqliteStatement::handleOf(m_db, error);
        if (!handle)
            return false;
        m_handle = handle;
        const QList<QPair<SqliteStatement *, const char *>> direct{
            {&insertEvent, "INSERT INTO events (id, case_id, case_seq, type, payload, actor, role, org_unit,"
                           " device, client_time, server_seq, server_time, prev_hash, hash)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
            {&insertOutbox, "INSERT INTO outbox (event_id, seq) VALUES (?, ?)"},
            {&insertCase, "INSERT INTO cases (number, title, status, category, street, community, urgency, registered_at,"
                          " updated_at, next_due, on_hold, escalated, departments, postpone_pending, pending, state, id)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
            {&insertDepartment, "INSERT OR IGNORE INTO case_departments (department, case_id) VALUES (?, ?)"},
            {&ftsInsert, "INSERT INTO case_search (rowid, body) VALUES (?, ?)"},
            {&ftsDelete, "INSERT INTO case_search (case_search, rowid, body) VALUES ('delete', ?, ?)"},
            {&findEvent, "SELECT server_seq, case_seq, hash FROM events WHERE id = ?"},
            {&confirmEvent, "UPDATE events SET server_seq = ?, server_time = ? WHERE id = ?"},
            {&unqueueEvent, "DELETE FROM outbox WHERE event_id = ?"},
            {&otherAuthor, "SELECT e.actor FROM outbox o JOIN events e ON e.id = o.event_id"
                           " WHERE e.case_id = ? AND e.actor <> ? ORDER BY o.seq LIMIT 1"},
            {&settlePending, "UPDATE cases SET pending = 0 WHERE id = ? AND pending = 1 AND NOT EXISTS"
                             " (SELECT 1 FROM events WHERE case_id = ? AND server_seq IS NULL)"},
        };
        for (const auto &[statement, sql] : direct) {
            if (!statement->prepare(handle, sql)) {
                *error = statement->errorText();
                return false;
            }
        }
        const QList<QPair<QSqlQuery *, QString>> viaQt{
            {&selectCase, QStringLiteral("SELECT rowid, state FROM cases WHERE id = ?")},
            {&dataVersion, QStringLiteral("PRAGMA data_version")},
        };
        for (const auto &[query, sql] : viaQt) {
            query->setForwardOnly(true);
            if (!query->prepare(sql)) {
                *error = query->lastError().text();
                return false;
            }
        }
        return true;
    }

private:
    QSqlDatabase m_db;
    sqlite3 *m_handle = nullptr;
    QHash<quint32, std::shared_ptr<SqliteStatement>> m_updates;
};

CaseLog::CaseLog(LocalDatabase &db, const Workflow &workflow) : m_db(db), m_workflow(workflow) {}

CaseLog::~CaseLog() = default;

Result CaseLog::prepare()
{
    reset();
    m_sql = std::make_unique<Statements>(m_db.database());
    QString error;
    if (!m_sql->prepare(&error))
        return LocalDatabase::writeFailure(tr("preparing statements"), error);
    return Result::success();
}

void CaseLog::reset()
{
    // Every statement must be gone before the connection is removed, or Qt warns it is still in use.
    m_sql.reset();
    m_cache.clear();
    m_cacheInTransaction.clear();
    m_dataVersion = -1;
}

Result CaseLog::begin()
{
    const Result r = m_db.begin();
    if (!r.ok)
        return r;
    m_cacheInTransaction.clear();
    validateCache();  // inside the write lock: nobody else can commit until we are done
    return Result::success();
}

void CaseLog::validateCache() const
{
    QSqlQuery &q = m_sql->dataVersion;
    const qint64 version = q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    q.finish();
    if (version < 0 || version != m_dataVersion)
        m_cache.clear();
    m_dataVersion = version;
}

Result CaseLog::commit()
{
    const Result r = m_db.commit();
    if (!r.ok) {
        m_cacheInTransaction.clear();
        return r;
    }
    constexpr int cacheLimit = 4096;
    if (m_cache.size() + m_cacheInTransaction.size() > cacheLimit)
        m_cache.clear();
    m_cache.insert(m_cacheInTransaction);
    m_cacheInTransaction.clear();
    return Result::success();
}

void CaseLog::rollback()
{
    m_db.rollback();
    m_cacheInTransaction.clear();
}

std::optional<CaseRecord> CaseLog::caseById(const QString &caseId) const
{
    if (!m_sql)
        return std::nullopt;
    validateCache();
    const std::optional<CaseRow> row = loadCaseRow(caseId);
    if (!row)
        return std::nullopt;
    return row->record;
}

Result CaseLog::unsentAuthorOtherThan(const QString &caseId, const QString &userId, QString *author) const
{
    author->clear();
    if (!m_sql)
        return LocalDatabase::notOpen();
    SqliteStatement &find = m_sql->otherAuthor;
    find.bindText(1, caseId);
    find.bindText(2, userId);
    if (!find.step())
        return LocalDatabase::writeFailure(tr("reading the outbox"), find.errorText());
    if (find.hasRow())
        *author = find.columnText(0);
    find.reset();
    return Result::success();
}

Result CaseLog::heldRefusal(const QString &author)
{
    return Result::failure(QStringLiteral("held_for_author"),
                           tr("This case is read-only for you on this computer: %1's actions on it are not sent yet. "
                              "They are sent when %1 signs in here again.").arg(author));
}

Result CaseLog::findEvent(const QString &eventId, int caseSeq, const QByteArray &hash, bool *known, bool *accepted,
                          bool *sealedAlike)
{
    SqliteStatement &find = m_sql->findEvent;
    find.bindText(1, eventId);
    if (!find.step())
        return LocalDatabase::writeFailure(tr("applying server events"), find.errorText());
    *known = find.hasRow();
    *accepted = *known && !find.columnIsNull(0);
    *sealedAlike = *known && find.columnInt(1) == caseSeq && find.columnUtf8(2) == hash;
    find.reset();
    return Result::success();
}

std::optional<CaseLog::CaseRow> CaseLog::loadCaseRow(const QString &caseId) const
{
    if (!m_sql)
        return std::nullopt;
    if (auto it = m_cacheInTransaction.constFind(caseId); it != m_cacheInTransaction.constEnd())
        return *it;
    if (auto it = m_cache.constFind(caseId); it != m_cache.constEnd())
        return *it;
    QSqlQuery &q = m_sql->selectCase;
    q.bindValue(0, caseId);
    if (!q.exec() || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    CaseRow row;
    row.rowid = q.value(0).toLongLong();
    row.record = CaseRecord::fromJson(StoreRows::parseObject(q.value(1).toString()));
    q.finish();
    if (m_cache.size() < 4096)
        m_cache.insert(caseId, row);
    return row;
}

Result CaseLog::insertEvent(const CaseEvent &event, qint64 *seq, const QByteArray &payloadJson)
{
    SqliteStatement &q = m_sql->insertEvent;
    q.bindText(1, event.id);
    q.bindText(2, event.caseId);
    q.bindInt(3, event.caseSeq);
    q.bindText(4, eventTypeToString(event.type));
    q.bindUtf8(5, payloadJson.isNull() ? JsonBytes::payload(event.payload) : payloadJson);
    q.bindText(6, event.actorId);
    q.bindText(7, roleToString(event.actorRole));
    q.bindText(8, event.actorOrgUnit);
    q.bindText(9, event.deviceId);
    q.bindUtf8(10, JsonBytes::timeText(event.clientTime));
    if (event.serverSeq > 0) {
        q.bindInt(11, event.serverSeq);
        q.bindUtf8(12, JsonBytes::timeText(event.serverTime));
    }  // else NULL: reset() cleared the bindings
    q.bindUtf8(13, event.prevHash);
    q.bindUtf8(14, event.hash);
    if (!q.step()) {
        const QString err = q.errorText();
        if (err.contains(QLatin1String("events.id")))
            return Result::failure(QStringLiteral("duplicate"), tr("Event %1 is already stored.").arg(event.id));
        if (err.contains(QLatin1String("case_seq")))
            return Result::failure(QStringLiteral("chain_conflict"),
                                   tr("Event %1 would take position #%2 of its case, which is already taken.")
                                       .arg(event.id).arg(event.caseSeq));
        return LocalDatabase::writeFailure(tr("storing an event"), err);
    }
    if (seq)
        *seq = q.lastInsertRowid();
    return Result::success();
}

Result CaseLog::writeProjection(const CaseRecord &r, const std::optional<CaseRow> &before, bool pending,
                                  bool rewriteDepartments)
{
    // The row before is the projection of `before->record` (both are written only here), so comparing the
    // records' column values tells which columns an UPDATE must set.
    ColumnValue values[kCaseColumnCount];
    caseColumnValues(r, values);
    quint32 changed = 0;
    if (before) {
        ColumnValue old[kCaseColumnCount];
        caseColumnValues(before->record, old);
        for (int i = 0; i < kCaseColumnCount; ++i)
            if (!(values[i] == old[i]))
                changed |= 1u << i;
    }
    QString error;
    SqliteStatement *q = before ? m_sql->updateCase(changed, &error) : &m_sql->insertCase;
    if (!q)
        return LocalDatabase::writeFailure(tr("storing the case"), error);
    int at = 1;
    for (int i = 0; i < kCaseColumnCount; ++i) {
        if (before && !(changed & (1u << i)))
            continue;
        const ColumnValue &v = values[i];
        if (v.kind == ColumnValue::Text)
            q->bindText(at++, v.text);
        else if (v.kind == ColumnValue::Number)
            q->bindInt(at++, v.number);
        else
            q->bindNull(at++);
    }
    q->bindInt(at++, pending ? 1 : 0);
    q->bindUtf8(at++, JsonBytes::caseState(r));  // == CaseRecord::toJson, written directly (tst_jsonbytes)
    if (before)
        q->bindInt(at, before->rowid);
    else
        q->bindText(at, r.id);
    if (!q->step())
        return LocalDatabase::writeFailure(tr("storing the case"), q->errorText());
    const qint64 rowid = before ? before->rowid : q->lastInsertRowid();

    // The index is contentless: removing a row needs the exact text it was indexed with.
    const CaseRecord *old = before ? &before->record : nullptr;
    if (!old || old->number != r.number || old->title != r.title || old->description != r.description
        || old->address != r.address || old->gridCell != r.gridCell) {
        const QString body = SearchText::bodyOf(r);
        if (old) {
            m_sql->ftsDelete.bindInt(1, rowid);
            m_sql->ftsDelete.bindText(2, SearchText::bodyOf(*old));
            if (!m_sql->ftsDelete.step())
                return LocalDatabase::writeFailure(tr("updating the search index"), m_sql->ftsDelete.errorText());
        }
        m_sql->ftsInsert.bindInt(1, rowid);
        m_sql->ftsInsert.bindText(2, body);
        if (!m_sql->ftsInsert.step())
            return LocalDatabase::writeFailure(tr("updating the search index"), m_sql->ftsInsert.errorText());
    }

    // Summoned departments only ever grow in a forward projection; a rebuild may shrink them.
    if (rewriteDepartments) {
        QSqlQuery del(m_db.database());
        del.prepare(QStringLiteral("DELETE FROM case_departments WHERE case_id = ?"));
        del.addBindValue(r.id);
        if (!del.exec())
            return LocalDatabase::writeFailure(tr("storing the case"), del.lastError().text());
    }
    if (rewriteDepartments || !before || before->record.departments.size() != r.departments.size()) {
        for (const DepartmentAssignment &a : r.departments) {
            m_sql->insertDepartment.bindText(1, a.departmentId);
            m_sql->insertDepartment.bindText(2, r.id);
            if (!m_sql->insertDepartment.step())
                return LocalDatabase::writeFailure(tr("storing the case"), m_sql->insertDepartment.errorText());
        }
    }
    m_cacheInTransaction.insert(r.id, CaseRow{rowid, r});
    return Result::success();
}

Result CaseLog::deleteProjection(const QString &caseId)
{
    const std::optional<CaseRow> row = loadCaseRow(caseId);
    m_cache.remove(caseId);
    m_cacheInTransaction.remove(caseId);
    if (!row)
        return Result::success();
    m_sql->ftsDelete.bindInt(1, row->rowid);
    m_sql->ftsDelete.bindText(2, SearchText::bodyOf(row->record));
    if (!m_sql->ftsDelete.step())
        return LocalDatabase::writeFailure(tr("updating the search index"), m_sql->ftsDelete.errorText());
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("DELETE FROM cases WHERE rowid = ?"));
    q.addBindValue(row->rowid);
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("removing a case"), q.lastError().text());
    q.prepare(QStringLiteral("DELETE FROM case_departments WHERE case_id = ?"));
    q.addBindValue(caseId);
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("removing a case"), q.lastError().text());
    return Result::success();
}

qint64 CaseLog::readNumberCounter(Result *result)
{
    Result read;
    const QString value = m_db.metaValue(QStringLiteral("number_counter"), &read);
    if (!read.ok) {
        *result = LocalDatabase::writeFailure(tr("numbering"), read.message);
        return -1;
    }
    return value.toLongLong();
}

Result CaseLog::appendLocal(QList<CaseEvent> &events, int *failedIndex, QStringList *changedCases)
{
    struct Touched {
        std::optional<CaseRow> before;
        CaseRecord after;
        bool exists = false;
    };
    QHash<QString, Touched> touched;
    QStringList order;
    qint64 counter = -1;  // provisional number counter, read once and written once per batch
    for (int i = 0; i < events.size(); ++i) {
        CaseEvent &e = events[i];
        auto fail = [&](const Result &r) {
            if (failedIndex)
                *failedIndex = i;
            return r;
        };
        if (QUuid::fromString(e.id).isNull() || QUuid::fromString(e.caseId).isNull())
            return fail(Result::failure(QStringLiteral("invalid_input"), tr("The action has no valid event or case id.")));
        auto it = touched.find(e.caseId);
        if (it == touched.end()) {
            Touched t;
            t.before = loadCaseRow(e.caseId);
            if (t.before) {
                t.after = t.before->record;
                t.exists = true;
            }
            it = touched.insert(e.caseId, std::move(t));
            order.append(e.caseId);
        }
        // Chains are per case: an action on top of someone else's unsent one would have to be sent before
        // theirs, under the wrong sign-in (issue 17). Earlier events of this batch are in the outbox already; a
        // case not yet stored has none, so a bulk registration costs no lookup.
        if (it->exists) {
            QString holder;
            const Result held = unsentAuthorOtherThan(e.caseId, e.actorId, &holder);
            if (!held.ok)
                return fail(held);
            if (!holder.isEmpty())
                return fail(heldRefusal(holder));
        }
        const CaseRecord *current = it->exists ? &it->after : nullptr;
        const Result checked = m_workflow.checkNewAction(current, e);
        if (!checked.ok)
            return fail(checked);
        if (e.type == EventType::Registered) {
            const Result placed = m_workflow.checkGridCell(e.payload);
            if (!placed.ok)
                return fail(placed);
        }
        if (e.type == EventType::Registered && e.payload.value(QLatin1String("number")).toString().isEmpty()) {
            if (counter < 0) {
                Result read;
                counter = readNumberCounter(&read);
                if (!read.ok)
                    return fail(read);
            }
            e.payload.insert(QStringLiteral("number"), CaseNumber::at(e.clientTime, ++counter).toString());
        }
        e.serverSeq = 0;
        e.serverTime = {};
        // AuditChain::seal, with the payload serialized once for the hash and the events row.
        e.caseSeq = current ? current->eventCount + 1 : 1;
        e.prevHash = current ? current->lastHash : QByteArray();
        const QByteArray payloadJson = JsonBytes::payload(e.payload);
        e.hash = JsonBytes::hash(e, payloadJson);
        qint64 seq = 0;
        Result stored = insertEvent(e, &seq, payloadJson);
        if (!stored.ok)
            return fail(stored);
        m_sql->insertOutbox.bindText(1, e.id);
        m_sql->insertOutbox.bindInt(2, seq);
        if (!m_sql->insertOutbox.step())
            return fail(LocalDatabase::writeFailure(tr("queueing the action for sending"), m_sql->insertOutbox.errorText()));
        m_workflow.apply(it->after, e);
        it->exists = true;
    }
    // One projection write per case, however many of its events the batch holds.
    for (const QString &caseId : std::as_const(order)) {
        const Touched &t = *touched.constFind(caseId);
        const Result r = writeProjection(t.after, t.before, true);
        if (!r.ok)
            return r;
    }
    if (counter >= 0) {
        const Result r = m_db.setMetaValue(QStringLiteral("number_counter"), QString::number(counter), tr("numbering"));
        if (!r.ok)
            return r;
    }
    if (changedCases)
        *changedCases += order;
    return Result::success();
}

Result CaseLog::parkLocalActions(const QString &caseId, const QString &what)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE events SET case_seq = -seq WHERE case_id = ? AND server_seq IS NULL"));
    q.addBindValue(caseId);
    return q.exec() ? Result::success() : LocalDatabase::writeFailure(what, q.lastError().text());
}

Result CaseLog::rebuildCase(const QString &caseId)
{
    // Local actions are re-sealed below; parking them on negative positions frees the positions they take.
    Result parked = parkLocalActions(caseId, tr("re-sealing local actions"));
    if (!parked.ok)
        return parked;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT %1 FROM events WHERE case_id = ? ORDER BY server_seq IS NULL,"
                             " CASE WHEN server_seq IS NULL THEN seq ELSE case_seq END").arg(StoreRows::columns()));
    q.addBindValue(caseId);
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("re-sealing local actions"), q.lastError().text());
    QList<QPair<qint64, CaseEvent>> events;
    while (q.next())
        events.append({q.value(0).toLongLong(), StoreRows::eventFromRow(q)});
    q.finish();

    QSqlQuery reseal(m_db.database());
    reseal.prepare(QStringLiteral("UPDATE events SET case_seq = ?, prev_hash = ?, hash = ? WHERE seq = ?"));
    CaseRecord record;
    bool started = false, pending = false;
    int tip = 0;
    QByteArray tipHash;
    for (auto &[seq, e] : events) {
        if (e.serverSeq > 0) {
            // Accepted by the server: the server already checked it, so it is applied as it is.
            if (e.type == EventType::Registered || started) {
                m_workflow.apply(record, e);
                started = true;
            }
        } else {
            pending = true;
            AuditChain::seal(e, tip + 1, tipHash);
            reseal.bindValue(0, e.caseSeq);
            reseal.bindValue(1, StoreRows::hexText(e.prevHash));
            reseal.bindValue(2, QString::fromLatin1(e.hash));
            reseal.bindValue(3, seq);
            if (!reseal.exec())
                return LocalDatabase::writeFailure(tr("re-sealing local actions"), reseal.lastError().text());
            // A local action the case no longer allows stays in the chain and the outbox (the server will
            // refuse it into the conflict inbox) but does not change the case shown.
            if (m_workflow.check(started ? &record : nullptr, e).ok) {
                m_workflow.apply(record, e);
                started = true;
            }
        }
        tip = e.caseSeq;
        tipHash = e.hash;
    }
    if (!started)
        return deleteProjection(caseId);
    record.eventCount = tip;  // the chain's tip, so the next local action links after every stored event
    record.lastHash = tipHash;
    return writeProjection(record, loadCaseRow(caseId), pending, true);
}

Result CaseLog::confirmOwnEvent(const CaseEvent &serverEvent)
{
    SqliteStatement &confirm = m_sql->confirmEvent;
    confirm.bindInt(1, serverEvent.serverSeq);
    confirm.bindUtf8(2, JsonBytes::timeText(serverEvent.serverTime));
    confirm.bindText(3, serverEvent.id);
    if (!confirm.step())
        return LocalDatabase::writeFailure(tr("applying server events"), confirm.errorText());
    return unqueue(serverEvent.id);
}

Result CaseLog::unqueue(const QString &eventId)
{
    SqliteStatement &remove = m_sql->unqueueEvent;
    remove.bindText(1, eventId);
    return remove.step() ? Result::success() : LocalDatabase::writeFailure(tr("applying server events"), remove.errorText());
}

Result CaseLog::settlePending(const QString &caseId)
{
    // The case stops showing "waiting to sync" once none of its events waits for the server.
    SqliteStatement &settle = m_sql->settlePending;
    settle.bindText(1, caseId);
    settle.bindText(2, caseId);
    return settle.step() ? Result::success() : LocalDatabase::writeFailure(tr("applying server events"), settle.errorText());
}

Result CaseLog::rebuildSearchIndex()
{
    Result r = begin();
    if (!r.ok)
        return r;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("INSERT INTO case_search (case_search) VALUES ('delete-all')"))
        || !q.exec(QStringLiteral("SELECT rowid, state FROM cases"))) {
        rollback();
        return LocalDatabase::writeFailure(tr("rebuilding the search index"), q.lastError().text());
    }
    while (q.next()) {
        m_sql->ftsInsert.bindInt(1, q.value(0).toLongLong());
        m_sql->ftsInsert.bindText(2, SearchText::bodyOf(CaseRecord::fromJson(StoreRows::parseObject(q.value(1).toString()))));
        if (!m_sql->ftsInsert.step()) {
            rollback();
            return LocalDatabase::writeFailure(tr("rebuilding the search index"), m_sql->ftsInsert.errorText());
        }
    }
    q.finish();
    return commit();
}

} // namespace gw

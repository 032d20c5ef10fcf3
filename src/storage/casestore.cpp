#include "casestore.h"
#include "eventbuilder.h"
#include "attachmentcheck.h"
#include "auditchain.h"
#include "casequery.h"
#include "jsonbytes.h"
#include "caselistreader.h"
#include "migrations.h"
#include "searchtext.h"
#include "sqlitestatement.h"
#include <QAtomicInt>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace gw {

namespace {

const QString kEventColumns = QStringLiteral(
    "seq, id, case_id, case_seq, type, payload, actor, role, org_unit, device, client_time, server_seq, "
    "server_time, prev_hash, hash");

QVariant nullInt() { return QVariant(QMetaType(QMetaType::LongLong)); }
QVariant nullText() { return QVariant(QMetaType(QMetaType::QString)); }

QString nowText() { return CaseEvent::timeToString(QDateTime::currentDateTimeUtc()); }

// Qt binds a null QString as NULL; the text columns are NOT NULL and "" is what an absent value means.
QVariant textValue(const QString &s) { return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s); }

// Never NULL: the chain columns are NOT NULL and the first event's link is the empty string.
QString hexText(const QByteArray &hex) { return hex.isEmpty() ? QStringLiteral("") : QString::fromLatin1(hex); }

QDateTime timeFromText(const QVariant &v)
{
    const QString s = v.toString();
    return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// Reads one events row selected with kEventColumns starting at column `at`.
CaseEvent eventFromRow(const QSqlQuery &q, int at = 0)
{
    CaseEvent e;
    e.id = q.value(at + 1).toString();
    e.caseId = q.value(at + 2).toString();
    e.caseSeq = q.value(at + 3).toInt();
    eventTypeFromString(q.value(at + 4).toString(), &e.type);
    e.payload = parseObject(q.value(at + 5).toString());
    e.actorId = q.value(at + 6).toString();
    roleFromString(q.value(at + 7).toString(), &e.actorRole);
    e.actorOrgUnit = q.value(at + 8).toString();
    e.deviceId = q.value(at + 9).toString();
    e.clientTime = timeFromText(q.value(at + 10));
    e.serverSeq = q.value(at + 11).isNull() ? 0 : q.value(at + 11).toLongLong();
    e.serverTime = timeFromText(q.value(at + 12));
    e.prevHash = q.value(at + 13).toString().toLatin1();
    e.hash = q.value(at + 14).toString().toLatin1();
    return e;
}

// Binds the 14 stored columns of an event (everything but seq) in kEventColumns order.
void bindEvent(QSqlQuery &q, const CaseEvent &e)
{
    q.bindValue(0, textValue(e.id));
    q.bindValue(1, textValue(e.caseId));
    q.bindValue(2, e.caseSeq);
    q.bindValue(3, eventTypeToString(e.type));
    q.bindValue(4, compactJson(e.payload));
    q.bindValue(5, textValue(e.actorId));
    q.bindValue(6, roleToString(e.actorRole));
    q.bindValue(7, textValue(e.actorOrgUnit));
    q.bindValue(8, textValue(e.deviceId));
    q.bindValue(9, CaseEvent::timeToString(e.clientTime));
    q.bindValue(10, e.serverSeq > 0 ? QVariant(e.serverSeq) : nullInt());
    q.bindValue(11, e.serverSeq > 0 ? QVariant(CaseEvent::timeToString(e.serverTime)) : nullText());
    q.bindValue(12, hexText(e.prevHash));
    q.bindValue(13, hexText(e.hash));
}

QString departmentsColumn(const CaseRecord &r)
{
    QStringList lead, others;
    for (const DepartmentAssignment &a : r.departments)
        if (a.isActive())
            (a.lead ? lead : others).append(a.departmentId);
    return (lead + others).join(u' ');
}

void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
}

} // namespace

namespace {

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

// An attachment as the sync layer passes it around, from a row selecting
// id, case_id, name, mime, size, sha256 (in that order) from `attachments`.
QJsonObject attachmentDescriptor(const QSqlQuery &q)
{
    return {{QStringLiteral("id"), q.value(0).toString()},
            {QStringLiteral("case"), q.value(1).toString()},
            {QStringLiteral("name"), q.value(2).toString()},
            {QStringLiteral("mime"), q.value(3).toString()},
            {QStringLiteral("size"), q.value(4).toLongLong()},
            {QStringLiteral("sha256"), q.value(5).toString()}};
}

} // namespace

struct CaseStore::Statements {
    explicit Statements(const QSqlDatabase &db) : selectCase(db), dataVersion(db), m_db(db) {}
    // The write path's statements, stepped through the sqlite3 C API (see sqlitestatement.h).
    SqliteStatement insertEvent, insertOutbox, insertCase, insertDepartment, ftsInsert, ftsDelete, findEvent;
    SqliteStatement confirmEvent, unqueueEvent, settlePending;
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

CaseStore::CaseStore(QObject *parent, const Workflow &workflow) : QObject(parent), m_workflow(workflow) {}

CaseStore::~CaseStore() { close(); }

QSqlDatabase CaseStore::database() const
{
    return m_connection.isEmpty() ? QSqlDatabase() : QSqlDatabase::database(m_connection, false);
}

bool CaseStore::isOpen() const { return m_sql != nullptr; }

Result CaseStore::sqlError(const QString &what, const QString &detail) const
{
    // SQLite reports a full disk as "database or disk is full", or as a plain write error when the write
    // fails outright (a file size limit, a disk that cannot take more): say what the operator can do.
    if (detail.contains(QLatin1String("disk is full")) || detail.contains(QLatin1String("disk I/O error")))
        return Result::failure(QStringLiteral("storage_error"),
                               tr("The local data file could not be updated (%1): the disk is full or cannot be "
                                  "written. Free some disk space and try again; everything saved before is kept. (%2)")
                                   .arg(what, detail));
    return Result::failure(QStringLiteral("storage_error"), tr("The local data file could not be updated (%1): %2")
                                                                .arg(what, detail));
}

Result CaseStore::open(const QString &path)
{
    close();
    const Result r = openFile(path);
    if (!r.ok)
        close();
    return r;
}

void CaseStore::close()
{
    // Every statement must be gone before the connection is removed, or Qt warns it is still in use.
    m_sql.reset();
    m_cache.clear();
    m_cacheInTransaction.clear();
    m_dataVersion = -1;
    if (!m_connection.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
        m_connection.clear();
    }
    m_path.clear();
    m_deviceId.clear();
}

// Sorts SQLite's complaints on opening into the few situations a person can do something about.
static Result openFailure(const QString &path, const QSqlError &error)
{
    const QString file = QDir::toNativeSeparators(path);
    const QString native = error.nativeErrorCode();
    const QString text = error.text();
    if (native == QLatin1String("26") || native == QLatin1String("11") || text.contains(QLatin1String("not a database"))
        || text.contains(QLatin1String("malformed")))
        return Result::failure(QStringLiteral("corrupt_file"),
                               CaseStore::tr("The data file %1 is damaged or is not a GridWhistle data file (%2). Restore it from a "
                                  "backup, or move it away to start with an empty one.").arg(file, text));
    if (native == QLatin1String("5") || native == QLatin1String("6") || text.contains(QLatin1String("locked")))
        return Result::failure(QStringLiteral("locked"),
                               CaseStore::tr("The data file %1 is in use by another program. Close it and try again.").arg(file));
    if (native == QLatin1String("8") || text.contains(QLatin1String("readonly")))
        return Result::failure(QStringLiteral("read_only"),
                               CaseStore::tr("The data file %1 is read-only. Make it writable or choose another file.").arg(file));
    return Result::failure(QStringLiteral("storage_error"), CaseStore::tr("The data file %1 cannot be opened: %2").arg(file, text));
}

Result CaseStore::openFile(const QString &path)
{
    if (path.trimmed().isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), tr("No data file was given."));
    const QFileInfo info(path);
    const QString file = QDir::toNativeSeparators(info.absoluteFilePath());
    const QString folder = QDir::toNativeSeparators(info.absolutePath());
    if (info.exists() && !info.isFile())
        return Result::failure(QStringLiteral("storage_error"), tr("%1 is not a file.").arg(file));
    if (!QDir().mkpath(info.absolutePath()))
        return Result::failure(QStringLiteral("not_writable"),
                               tr("The folder %1 for the data file cannot be created. Choose a folder you may write to.")
                                   .arg(folder));
    if (!QFileInfo(info.absolutePath()).isWritable())
        return Result::failure(QStringLiteral("not_writable"),
                               tr("The folder %1 is not writable. The data file keeps its journal next to it, so "
                                  "choose a folder you may write to.").arg(folder));
    if (info.exists()) {
        // Checked on the permission bits too: an administrator may write anyway, but a file someone marked
        // read-only is meant to stay unchanged.
        const auto anyWrite = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        if (!info.isWritable() || !(info.permissions() & anyWrite))
            return Result::failure(QStringLiteral("read_only"),
                                   tr("The data file %1 is read-only. Make it writable or choose another file.")
                                       .arg(file));
    }

    static QAtomicInt counter;
    m_connection = QStringLiteral("gw.casestore.%1").arg(counter.fetchAndAddRelaxed(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!db.isValid())
        return Result::failure(QStringLiteral("storage_error"),
                               tr("The SQLite driver of Qt (QSQLITE) is not installed."));
    db.setDatabaseName(info.absoluteFilePath());
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return openFailure(file, db.lastError());
    {
        QSqlQuery q(db);
        // The first statement that reads the file: a damaged or foreign file fails here.
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
            return openFailure(file, q.lastError());
        if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            return Result::failure(QStringLiteral("storage_error"),
                                   tr("The data file %1 cannot use write-ahead logging (journal mode stays \"%2\").")
                                       .arg(file, q.value(0).toString()));
        // A bigger page cache and memory-mapped reads: list queries at a million cases touch many pages,
        // and each read through the default 2 MB cache costs a system call. Checkpoints every 32 MiB of WAL
        // instead of 4: a pulled page or a bulk registration rewrites the same index pages many times, and
        // a checkpoint copies each page once however often it changed.
        for (const char *pragma : {"PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000",
                                   "PRAGMA cache_size=-65536", "PRAGMA mmap_size=1073741824", "PRAGMA temp_store=MEMORY",
                                   "PRAGMA wal_autocheckpoint=8192"})
            if (!q.exec(QLatin1String(pragma)))
                return openFailure(file, q.lastError());
        if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
            return openFailure(file, q.lastError());
    }
    const Result migrated = Migrations::migrate(db);
    if (!migrated.ok)
        return migrated;  // already says what is wrong, e.g. a file from a newer version

    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'device_id'")))
        return openFailure(file, q.lastError());
    if (q.next()) {
        m_deviceId = q.value(0).toString();
    } else {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('device_id', ?), ('created_at', ?)"));
        q.addBindValue(id);
        q.addBindValue(nowText());
        if (!q.exec())
            return openFailure(file, q.lastError());
        m_deviceId = id;
    }
    q.finish();

    m_sql = std::make_unique<Statements>(db);
    QString error;
    if (!m_sql->prepare(&error))
        return sqlError(tr("preparing statements"), error);
    m_path = info.absoluteFilePath();
    const Result seeded = seedPhrases();
    if (!seeded.ok)
        return seeded;
    // The search index follows SearchText's format; a file indexed in another format is re-indexed once.
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'search_format'")))
        return openFailure(file, q.lastError());
    const int format = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    if (format != SearchText::Format) {
        if (format != 0 || countCases(CaseFilter()) > 0) {
            const Result rebuilt = rebuildSearchIndex();
            if (!rebuilt.ok)
                return rebuilt;
        }
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('search_format', ?)"));
        q.addBindValue(QString::number(SearchText::Format));
        if (!q.exec())
            return openFailure(file, q.lastError());
    }
    return Result::success();
}

// --- Transactions ----------------------------------------------------------------------------------

Result CaseStore::begin()
{
    // IMMEDIATE takes the write lock at once: a deferred transaction that reads first could fail to
    // upgrade later when another connection wrote in between.
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return openFailure(m_path, q.lastError());
    m_cacheInTransaction.clear();
    validateCache();  // inside the write lock: nobody else can commit until we are done
    return Result::success();
}

void CaseStore::validateCache() const
{
    QSqlQuery &q = m_sql->dataVersion;
    const qint64 version = q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    q.finish();
    if (version < 0 || version != m_dataVersion)
        m_cache.clear();
    m_dataVersion = version;
}

Result CaseStore::commit()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QString err = q.lastError().text();
        rollback();
        return sqlError(tr("commit"), err);
    }
    constexpr int cacheLimit = 4096;
    if (m_cache.size() + m_cacheInTransaction.size() > cacheLimit)
        m_cache.clear();
    m_cache.insert(m_cacheInTransaction);
    m_cacheInTransaction.clear();
    return Result::success();
}

void CaseStore::rollback()
{
    QSqlQuery q(database());
    q.exec(QStringLiteral("ROLLBACK"));
    m_cacheInTransaction.clear();
}

// --- Writing ---------------------------------------------------------------------------------------

std::optional<CaseStore::CaseRow> CaseStore::loadCaseRow(const QString &caseId) const
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
    row.record = CaseRecord::fromJson(parseObject(q.value(1).toString()));
    q.finish();
    if (m_cache.size() < 4096)
        m_cache.insert(caseId, row);
    return row;
}

Result CaseStore::insertEvent(const CaseEvent &event, qint64 *seq, const QByteArray &payloadJson)
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
        return sqlError(tr("storing an event"), err);
    }
    if (seq)
        *seq = q.lastInsertRowid();
    return Result::success();
}

Result CaseStore::writeProjection(const CaseRecord &r, const std::optional<CaseRow> &before, bool pending,
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
        return sqlError(tr("storing the case"), error);
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
        return sqlError(tr("storing the case"), q->errorText());
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
                return sqlError(tr("updating the search index"), m_sql->ftsDelete.errorText());
        }
        m_sql->ftsInsert.bindInt(1, rowid);
        m_sql->ftsInsert.bindText(2, body);
        if (!m_sql->ftsInsert.step())
            return sqlError(tr("updating the search index"), m_sql->ftsInsert.errorText());
    }

    // Summoned departments only ever grow in a forward projection; a rebuild may shrink them.
    if (rewriteDepartments) {
        QSqlQuery del(database());
        del.prepare(QStringLiteral("DELETE FROM case_departments WHERE case_id = ?"));
        del.addBindValue(r.id);
        if (!del.exec())
            return sqlError(tr("storing the case"), del.lastError().text());
    }
    if (rewriteDepartments || !before || before->record.departments.size() != r.departments.size()) {
        for (const DepartmentAssignment &a : r.departments) {
            m_sql->insertDepartment.bindText(1, a.departmentId);
            m_sql->insertDepartment.bindText(2, r.id);
            if (!m_sql->insertDepartment.step())
                return sqlError(tr("storing the case"), m_sql->insertDepartment.errorText());
        }
    }
    m_cacheInTransaction.insert(r.id, CaseRow{rowid, r});
    return Result::success();
}

Result CaseStore::deleteProjection(const QString &caseId)
{
    const std::optional<CaseRow> row = loadCaseRow(caseId);
    m_cache.remove(caseId);
    m_cacheInTransaction.remove(caseId);
    if (!row)
        return Result::success();
    m_sql->ftsDelete.bindInt(1, row->rowid);
    m_sql->ftsDelete.bindText(2, SearchText::bodyOf(row->record));
    if (!m_sql->ftsDelete.step())
        return sqlError(tr("updating the search index"), m_sql->ftsDelete.errorText());
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM cases WHERE rowid = ?"));
    q.addBindValue(row->rowid);
    if (!q.exec())
        return sqlError(tr("removing a case"), q.lastError().text());
    q.prepare(QStringLiteral("DELETE FROM case_departments WHERE case_id = ?"));
    q.addBindValue(caseId);
    if (!q.exec())
        return sqlError(tr("removing a case"), q.lastError().text());
    return Result::success();
}

qint64 CaseStore::readNumberCounter(Result *result)
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'number_counter'"))) {
        *result = sqlError(tr("numbering"), q.lastError().text());
        return -1;
    }
    return q.next() ? q.value(0).toLongLong() : 0;
}

Result CaseStore::writeNumberCounter(qint64 value)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('number_counter', ?)"));
    q.addBindValue(QString::number(value));
    if (!q.exec())
        return sqlError(tr("numbering"), q.lastError().text());
    return Result::success();
}

Result CaseStore::appendInTransaction(QList<CaseEvent> &events, int *failedIndex, QStringList *changedCases)
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
        const CaseRecord *current = it->exists ? &it->after : nullptr;
        const Result checked = m_workflow.check(current, e);
        if (!checked.ok)
            return fail(checked);
        if (e.type == EventType::Registered && e.payload.value(QLatin1String("number")).toString().isEmpty()) {
            if (counter < 0) {
                Result read;
                counter = readNumberCounter(&read);
                if (!read.ok)
                    return fail(read);
            }
            // The district works in UTC+8: an action at 01:00 on 1 January local time belongs to the new year.
            const int year = e.clientTime.toOffsetFromUtc(8 * 3600).date().year();
            e.payload.insert(QStringLiteral("number"),
                             QStringLiteral("PL-%1-%2").arg(year).arg(++counter, 6, 10, QLatin1Char('0')));
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
            return fail(sqlError(tr("queueing the action for sending"), m_sql->insertOutbox.errorText()));
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
        const Result r = writeNumberCounter(counter);
        if (!r.ok)
            return r;
    }
    if (changedCases)
        *changedCases += order;
    return Result::success();
}

Result CaseStore::append(CaseEvent &event)
{
    QList<CaseEvent> one{event};
    const Result r = appendBatch(one);
    if (r.ok)
        event = one.constFirst();
    return r;
}

Result CaseStore::appendBatch(QList<CaseEvent> &events, int *failedIndex)
{
    if (failedIndex)
        *failedIndex = -1;
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    if (events.isEmpty())
        return Result::success();
    QList<CaseEvent> work = events;  // the caller's events stay untouched when the batch is refused
    Result r = begin();
    if (!r.ok)
        return r;
    QStringList changed;
    r = appendInTransaction(work, failedIndex, &changed);
    if (!r.ok) {
        rollback();
        return r;
    }
    r = commit();
    if (!r.ok)
        return r;
    events = work;
    Q_EMIT casesChanged(changed);
    return Result::success();
}

// --- Reading ---------------------------------------------------------------------------------------

std::optional<CaseRecord> CaseStore::caseById(const QString &caseId) const
{
    if (!isOpen())
        return std::nullopt;
    validateCache();
    const std::optional<CaseRow> row = loadCaseRow(caseId);
    if (!row)
        return std::nullopt;
    return row->record;
}

QList<CaseEvent> CaseStore::eventsOf(const QString &caseId) const
{
    QList<CaseEvent> out;
    if (!isOpen())
        return out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM events WHERE case_id = ? ORDER BY case_seq").arg(kEventColumns));
    q.addBindValue(caseId);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(eventFromRow(q));
    return out;
}

bool CaseStore::containsEvent(const QString &eventId) const
{
    if (!isOpen())
        return false;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT 1 FROM events WHERE id = ?"));
    q.addBindValue(eventId);
    return q.exec() && q.next();
}

QList<CaseSummary> CaseStore::listCases(const CaseFilter &filter, int offset, int limit) const
{
    return listCasesAfter(filter, CaseListKey(), offset, limit);
}

QList<CaseSummary> CaseStore::listCasesAfter(const CaseFilter &filter, const CaseListKey &after, int skip,
                                             int limit) const
{
    return isOpen() ? CaseListReader(database()).list(filter, after, skip, limit) : QList<CaseSummary>();
}

int CaseStore::countCases(const CaseFilter &filter, int upTo) const
{
    return isOpen() ? CaseListReader(database()).count(filter, upTo) : 0;
}

int CaseStore::pendingCount() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT count(*) FROM outbox")) && q.next() ? q.value(0).toInt() : 0;
}

// --- Sync support ----------------------------------------------------------------------------------

QList<CaseEvent> CaseStore::outboxEvents(int limit, qint64 afterSeq, QList<qint64> *seqs) const
{
    QList<CaseEvent> out;
    if (seqs)
        seqs->clear();
    if (!isOpen() || limit <= 0)
        return out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT o.seq, e.id, e.case_id, e.case_seq, e.type, e.payload, e.actor, e.role, e.org_unit,"
                             " e.device, e.client_time, e.server_seq, e.server_time, e.prev_hash, e.hash"
                             " FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.seq > ? ORDER BY o.seq LIMIT ?"));
    q.addBindValue(afterSeq);
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        out.append(eventFromRow(q));
        if (seqs)
            seqs->append(q.value(0).toLongLong());
    }
    return out;
}

int CaseStore::outboxAttempts(const QString &eventId, QString *lastError) const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT attempts, last_error FROM outbox WHERE event_id = ?"));
    q.addBindValue(eventId);
    if (!q.exec() || !q.next())
        return 0;
    if (lastError)
        *lastError = q.value(1).toString();
    return q.value(0).toInt();
}

Result CaseStore::rebuildCase(const QString &caseId)
{
    QSqlQuery q(database());
    // Local actions are re-sealed below; parking them on negative positions frees the positions they take.
    q.prepare(QStringLiteral("UPDATE events SET case_seq = -seq WHERE case_id = ? AND server_seq IS NULL"));
    q.addBindValue(caseId);
    if (!q.exec())
        return sqlError(tr("re-sealing local actions"), q.lastError().text());
    q.prepare(QStringLiteral("SELECT %1 FROM events WHERE case_id = ? ORDER BY server_seq IS NULL,"
                             " CASE WHEN server_seq IS NULL THEN seq ELSE case_seq END").arg(kEventColumns));
    q.addBindValue(caseId);
    if (!q.exec())
        return sqlError(tr("re-sealing local actions"), q.lastError().text());
    QList<QPair<qint64, CaseEvent>> events;
    while (q.next())
        events.append({q.value(0).toLongLong(), eventFromRow(q)});
    q.finish();

    QSqlQuery reseal(database());
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
            reseal.bindValue(1, hexText(e.prevHash));
            reseal.bindValue(2, QString::fromLatin1(e.hash));
            reseal.bindValue(3, seq);
            if (!reseal.exec())
                return sqlError(tr("re-sealing local actions"), reseal.lastError().text());
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

Result CaseStore::applyRemote(const QList<CaseEvent> &serverEvents)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    for (const CaseEvent &e : serverEvents) {
        if (e.serverSeq <= 0)
            return Result::failure(QStringLiteral("invalid_input"),
                                   tr("Server event %1 carries no server sequence number.").arg(e.id));
        if (e.hash != JsonBytes::hash(e, JsonBytes::payload(e.payload)))  // == computeHash(), cheaper
            return Result::failure(QStringLiteral("invalid_input"),
                                   tr("Server event %1 does not match its hash; it was changed on the way.").arg(e.id));
    }
    Result r = begin();
    if (!r.ok)
        return r;
    // Most pulled events simply extend a case that has no local actions waiting: those are applied to
    // the record in memory and the projection is written once per case. Any other case (own actions
    // accepted, local actions to re-seal, gaps) is rebuilt from its stored events.
    struct Extended {
        std::optional<CaseRow> before;
        CaseRecord after;
        bool rebuild = false;
        bool parked = false;
    };
    QHash<QString, Extended> cases;
    QStringList changed;
    QSet<QString> confirmed;  // cases where only our own actions came back, sealed as we sealed them
    SqliteStatement &find = m_sql->findEvent;
    QSqlQuery park(database()), update(database()), history(database());
    park.prepare(QStringLiteral("UPDATE events SET case_seq = -seq WHERE case_id = ? AND server_seq IS NULL"));
    update.prepare(QStringLiteral("UPDATE events SET id = ?, case_id = ?, case_seq = ?, type = ?, payload = ?, actor = ?,"
                                  " role = ?, org_unit = ?, device = ?, client_time = ?, server_seq = ?, server_time = ?,"
                                  " prev_hash = ?, hash = ? WHERE id = ?"));
    history.prepare(QStringLiteral("SELECT count(*), count(*) - count(server_seq) FROM events WHERE case_id = ?"));
    auto fail = [this](const Result &result) {
        rollback();
        return result;
    };
    for (const CaseEvent &e : serverEvents) {
        find.bindText(1, e.id);
        if (!find.step())
            return fail(sqlError(tr("applying server events"), find.errorText()));
        const bool known = find.hasRow();
        const bool accepted = known && !find.columnIsNull(0);
        const bool sealedAlike = known && find.columnInt(1) == e.caseSeq && find.columnUtf8(2) == e.hash;
        find.reset();
        if (accepted)
            continue;  // already applied: replays change nothing
        auto it = cases.find(e.caseId);
        if (sealedAlike && it == cases.end()) {
            // Our own action came back where we put it in the chain (the common case when pushing):
            // the hash covers position and predecessor, so the stored event and the case shown stay
            // exactly as they are; it only takes the server's number and leaves the outbox.
            r = confirmOwnEvent(e);
            if (!r.ok)
                return fail(r);
            if (!confirmed.contains(e.caseId)) {
                confirmed.insert(e.caseId);
                changed.append(e.caseId);
            }
            continue;
        }
        if (it == cases.end()) {
            Extended x;
            x.before = loadCaseRow(e.caseId);
            history.bindValue(0, e.caseId);
            if (!history.exec() || !history.next())
                return fail(sqlError(tr("applying server events"), history.lastError().text()));
            const int stored = history.value(0).toInt(), waiting = history.value(1).toInt();
            history.finish();
            x.rebuild = waiting > 0 || (!x.before && stored > 0);
            if (x.before)
                x.after = x.before->record;
            it = cases.insert(e.caseId, std::move(x));
            if (!confirmed.contains(e.caseId))  // listed once: its projection is written once below
                changed.append(e.caseId);
        }
        Extended &x = *it;
        if (!x.rebuild && !known) {
            const int tip = x.before || x.after.eventCount > 0 ? x.after.eventCount : 0;
            const bool started = !x.after.id.isEmpty();
            const bool extends = e.caseSeq == tip + 1 && e.prevHash == (tip ? x.after.lastHash : QByteArray())
                                 && (started || e.type == EventType::Registered);
            if (extends) {
                r = insertEvent(e, nullptr);
                if (!r.ok)
                    return fail(r);
                m_workflow.apply(x.after, e);
                continue;
            }
        }
        x.rebuild = true;
        if (!x.parked) {
            // Local actions move to negative positions until the rebuild re-seals them after the server's.
            x.parked = true;
            park.bindValue(0, e.caseId);
            if (!park.exec())
                return fail(sqlError(tr("applying server events"), park.lastError().text()));
        }
        if (known) {
            // Our own action, accepted: it takes the server's seal and leaves the outbox.
            bindEvent(update, e);
            update.bindValue(14, e.id);
            if (!update.exec())
                return fail(Result::failure(QStringLiteral("chain_conflict"),
                                            tr("Server event %1 cannot take position #%2 of its case: %3")
                                                .arg(e.id).arg(e.caseSeq).arg(update.lastError().text())));
            r = unqueue(e.id);
            if (!r.ok)
                return fail(r);
        } else {
            r = insertEvent(e, nullptr);
            if (!r.ok)
                return fail(r);
        }
    }
    for (const QString &caseId : std::as_const(changed)) {
        const auto x = cases.constFind(caseId);
        if (x == cases.constEnd())
            r = settlePending(caseId);  // confirmations only
        else
            r = x->rebuild ? rebuildCase(caseId) : writeProjection(x->after, x->before, false);
        if (!r.ok)
            return fail(r);
    }
    r = commit();
    if (!r.ok)
        return r;
    if (!changed.isEmpty())
        Q_EMIT casesChanged(changed);
    return Result::success();
}

Result CaseStore::confirmOwnEvent(const CaseEvent &serverEvent)
{
    SqliteStatement &confirm = m_sql->confirmEvent;
    confirm.bindInt(1, serverEvent.serverSeq);
    confirm.bindUtf8(2, JsonBytes::timeText(serverEvent.serverTime));
    confirm.bindText(3, serverEvent.id);
    if (!confirm.step())
        return sqlError(tr("applying server events"), confirm.errorText());
    return unqueue(serverEvent.id);
}

Result CaseStore::unqueue(const QString &eventId)
{
    SqliteStatement &remove = m_sql->unqueueEvent;
    remove.bindText(1, eventId);
    return remove.step() ? Result::success() : sqlError(tr("applying server events"), remove.errorText());
}

Result CaseStore::settlePending(const QString &caseId)
{
    // The case stops showing "waiting to sync" once none of its events waits for the server.
    SqliteStatement &settle = m_sql->settlePending;
    settle.bindText(1, caseId);
    settle.bindText(2, caseId);
    return settle.step() ? Result::success() : sqlError(tr("applying server events"), settle.errorText());
}

Result CaseStore::moveToConflicts(const CaseEvent &event, const QString &code, const QString &reason)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO conflicts (event_id, case_id, event_json, code, reason, received_at)"
                             " VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(event.id);
    q.addBindValue(event.caseId);
    q.addBindValue(compactJson(event.toJson()));
    q.addBindValue(code);
    q.addBindValue(reason);
    q.addBindValue(nowText());
    if (!q.exec())
        return sqlError(tr("keeping the refused action"), q.lastError().text());
    for (const char *sql : {"DELETE FROM outbox WHERE event_id = ?", "DELETE FROM events WHERE id = ?"}) {
        q.prepare(QLatin1String(sql));
        q.addBindValue(event.id);
        if (!q.exec())
            return sqlError(tr("keeping the refused action"), q.lastError().text());
    }
    return Result::success();
}

Result CaseStore::rejectOutboxEvent(const QString &eventId, const QString &code, const QString &reason)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    const QString cleanCode = code.trimmed().isEmpty() ? QStringLiteral("rejected") : code.trimmed().left(64);
    const QString cleanReason = reason.trimmed().isEmpty() ? tr("The server refused this action without a reason.")
                                                           : reason.trimmed().left(Workflow::MaxReason);
    Result r = begin();
    if (!r.ok)
        return r;
    auto fail = [this](const Result &result) {
        rollback();
        return result;
    };
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM events WHERE id = ? AND id IN (SELECT event_id FROM outbox)").arg(kEventColumns));
    q.addBindValue(eventId);
    if (!q.exec())
        return fail(sqlError(tr("keeping the refused action"), q.lastError().text()));
    if (!q.next()) {
        q.prepare(QStringLiteral("SELECT 1 FROM conflicts WHERE event_id = ?"));
        q.addBindValue(eventId);
        const bool already = q.exec() && q.next();
        rollback();
        return already ? Result::success()
                       : Result::failure(QStringLiteral("not_found"),
                                         tr("Action %1 is not waiting to be sent.").arg(eventId));
    }
    const CaseEvent refused = eventFromRow(q);
    q.finish();
    r = moveToConflicts(refused, cleanCode, cleanReason);
    if (!r.ok)
        return fail(r);
    if (refused.type == EventType::Registered) {
        // Without its registration the case does not exist on the server: every later local action on it
        // would be refused too, so they join the inbox now and can be retried after the registration.
        q.prepare(QStringLiteral("SELECT %1 FROM events WHERE case_id = ? AND server_seq IS NULL ORDER BY seq").arg(kEventColumns));
        q.addBindValue(refused.caseId);
        if (!q.exec())
            return fail(sqlError(tr("keeping the refused action"), q.lastError().text()));
        QList<CaseEvent> followers;
        while (q.next())
            followers.append(eventFromRow(q));
        q.finish();
        for (const CaseEvent &e : std::as_const(followers)) {
            r = moveToConflicts(e, QStringLiteral("invalid_state"),
                                tr("The registration of this case was refused: %1").arg(cleanReason).left(Workflow::MaxReason));
            if (!r.ok)
                return fail(r);
        }
    }
    r = rebuildCase(refused.caseId);
    if (!r.ok)
        return fail(r);
    r = commit();
    if (!r.ok)
        return r;
    Q_EMIT casesChanged({refused.caseId});
    return Result::success();
}

QList<ConflictItem> CaseStore::conflicts(bool includeResolved) const
{
    QList<ConflictItem> out;
    if (!isOpen())
        return out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT event_json, code, reason, received_at, resolution, resolved_at FROM conflicts%1"
                               " ORDER BY received_at, rowid")
                    .arg(includeResolved ? QString() : QStringLiteral(" WHERE resolution = ''"))))
        return out;
    while (q.next()) {
        ConflictItem item;
        QString error;
        CaseEvent::fromJson(parseObject(q.value(0).toString()), &item.event, &error);
        item.code = q.value(1).toString();
        item.reason = q.value(2).toString();
        item.receivedAt = timeFromText(q.value(3));
        item.resolution = q.value(4).toString();
        item.resolvedAt = timeFromText(q.value(5));
        out.append(item);
    }
    return out;
}

int CaseStore::openConflictCount() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT count(*) FROM conflicts WHERE resolution = ''")) && q.next()
               ? q.value(0).toInt() : 0;
}

// Loads an open conflict, or says why it cannot be acted on.
static Result openConflict(const QSqlDatabase &db, const QString &eventId, ConflictItem *item)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT event_json, code, reason, resolution FROM conflicts WHERE event_id = ?"));
    q.addBindValue(eventId);
    if (!q.exec() || !q.next())
        return Result::failure(QStringLiteral("not_found"), CaseStore::tr("There is no refused action %1.").arg(eventId));
    if (!q.value(3).toString().isEmpty())
        return Result::failure(QStringLiteral("invalid_state"),
                               CaseStore::tr("The refused action %1 was already dealt with (%2).").arg(eventId, q.value(3).toString()));
    QString error;
    if (!CaseEvent::fromJson(parseObject(q.value(0).toString()), &item->event, &error))
        return Result::failure(QStringLiteral("storage_error"), error);
    item->code = q.value(1).toString();
    item->reason = q.value(2).toString();
    return Result::success();
}

static Result resolveConflict(const QSqlDatabase &db, const QString &eventId, const QString &resolution)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE conflicts SET resolution = ?, resolved_at = ? WHERE event_id = ?"));
    q.addBindValue(resolution);
    q.addBindValue(nowText());
    q.addBindValue(eventId);
    if (!q.exec())
        return Result::failure(QStringLiteral("storage_error"), q.lastError().text());
    return Result::success();
}

Result CaseStore::retryConflict(const QString &eventId, const User &user)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    ConflictItem item;
    Result r = openConflict(database(), eventId, &item);
    if (!r.ok)
        return r;
    const CaseEvent e = EventBuilder(user, m_deviceId).make(item.event.type, item.event.caseId, item.event.payload);
    if (!(r = begin()).ok)
        return r;
    QList<CaseEvent> one{e};
    QStringList changed;
    r = appendInTransaction(one, nullptr, &changed);
    if (r.ok)
        r = resolveConflict(database(), eventId, QStringLiteral("retried:") + e.id);
    if (!r.ok) {
        rollback();
        return r;
    }
    if (!(r = commit()).ok)
        return r;
    Q_EMIT casesChanged(changed);
    return Result::success();
}

Result CaseStore::discardConflict(const QString &eventId, const User &user)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    ConflictItem item;
    Result r = openConflict(database(), eventId, &item);
    if (!r.ok)
        return r;
    if (!(r = begin()).ok)
        return r;
    QStringList changed;
    if (loadCaseRow(item.event.caseId)) {
        // The discard itself joins the case's audit trail, so nobody can drop an action unseen.
        const QString text = tr("Discarded the offline action \"%1\" (%2) that the server refused: %3")
                                 .arg(eventTypeDisplayName(item.event.type), item.event.id, item.reason)
                                 .left(Workflow::MaxReason);
        const CaseEvent note = EventBuilder(user, m_deviceId)
                                   .make(EventType::Commented, item.event.caseId, {{QStringLiteral("text"), text}});
        QList<CaseEvent> one{note};
        r = appendInTransaction(one, nullptr, &changed);
    }
    if (r.ok)
        r = resolveConflict(database(), eventId, QStringLiteral("discarded:") + user.id);
    if (!r.ok) {
        rollback();
        return r;
    }
    if (!(r = commit()).ok)
        return r;
    if (!changed.isEmpty())
        Q_EMIT casesChanged(changed);
    return Result::success();
}

void CaseStore::recordPushFailure(const QStringList &eventIds, const QString &error)
{
    if (!isOpen() || eventIds.isEmpty())
        return;
    if (!begin().ok)
        return;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?"));
    for (const QString &id : eventIds) {
        q.bindValue(0, error.left(Workflow::MaxReason));
        q.bindValue(1, id);
        if (!q.exec()) {
            rollback();
            return;
        }
    }
    commit();
}

QString CaseStore::syncValue(const QString &key) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"));
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

Result CaseStore::setSyncValue(const QString &key, const QString &value)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    if (key.trimmed().isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), tr("A sync setting needs a name."));
    QSqlQuery q(database());
    // An empty value (a null QString too, which Qt would bind as NULL into the NOT NULL column) forgets
    // the key: syncValue() reads an absent key as empty.
    if (value.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM sync_state WHERE key = ?"));
        q.addBindValue(key);
    } else {
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"));
        q.addBindValue(key);
        q.addBindValue(value);
    }
    if (!q.exec())
        return sqlError(tr("saving sync state"), q.lastError().text());
    return Result::success();
}

Result CaseStore::purgeOutsideScope(const AccessPolicy::Scope &scope)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    if (scope.kind == AccessPolicy::Scope::Kind::All)
        return Result::success();
    CaseFilter filter;
    filter.scope = scope;
    const CaseQuery query(filter);
    // Cases with unsent local actions stay: purging them would lose work nobody has sent yet.
    const QString sql = query.matchesNothing()
                            ? QStringLiteral("SELECT id FROM cases WHERE pending = 0")
                            : QStringLiteral("SELECT id FROM cases WHERE pending = 0 AND NOT (%1)").arg(query.conditions());
    Result r = begin();
    if (!r.ok)
        return r;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    if (!query.matchesNothing())
        bindAll(q, query.bindings());
    if (!q.exec()) {
        rollback();
        return sqlError(tr("removing cases"), q.lastError().text());
    }
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    QSqlQuery del(database());
    for (const QString &id : std::as_const(ids)) {
        r = deleteProjection(id);
        for (const char *stmt : {"DELETE FROM events WHERE case_id = ?", "DELETE FROM attachments WHERE case_id = ?"}) {
            if (!r.ok)
                break;
            del.prepare(QLatin1String(stmt));
            del.addBindValue(id);
            if (!del.exec())
                r = sqlError(tr("removing cases"), del.lastError().text());
        }
        if (!r.ok) {
            rollback();
            return r;
        }
    }
    if (!(r = commit()).ok)
        return r;
    if (!ids.isEmpty())
        Q_EMIT casesChanged(ids);
    return Result::success();
}

// --- Attachments -----------------------------------------------------------------------------------

Result CaseStore::putAttachment(const QString &caseId, const QString &fileName, const QByteArray &data,
                                QJsonObject *descriptor)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    if (QUuid::fromString(caseId).isNull())
        return Result::failure(QStringLiteral("invalid_input"), tr("The attachment names no valid case."));
    QString name, mime;
    Result r = AttachmentCheck::cleanName(fileName, &name);
    if (!r.ok)
        return r;
    if (!(r = AttachmentCheck::checkContent(name, data, &mime)).ok)
        return r;
    const QString id = CaseEvent::newId();
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO attachments (id, case_id, name, mime, size, sha256, data) VALUES (?,?,?,?,?,?,?)"));
    for (const QVariant &v : QVariantList{id, caseId, name, mime, qint64(data.size()), sha, data})
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(tr("storing an attachment"), q.lastError().text());
    if (descriptor)
        *descriptor = {{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("mime"), mime},
                       {QStringLiteral("size"), qint64(data.size())},
                       {QStringLiteral("sha256"), sha}};
    return Result::success();
}

QByteArray CaseStore::attachmentData(const QString &attachmentId) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT data FROM attachments WHERE id = ?"));
    q.addBindValue(attachmentId);
    return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
}

QList<QJsonObject> CaseStore::attachmentsNotUploaded(int limit) const
{
    QList<QJsonObject> out;
    if (!isOpen() || limit <= 0)
        return out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, case_id, name, mime, size, sha256 FROM attachments WHERE uploaded = 0"
                             " ORDER BY rowid LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(attachmentDescriptor(q));
    return out;
}

Result CaseStore::markAttachmentUploaded(const QString &attachmentId)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE attachments SET uploaded = 1 WHERE id = ?"));
    q.addBindValue(attachmentId);
    if (!q.exec())
        return sqlError(tr("marking an attachment uploaded"), q.lastError().text());
    if (q.numRowsAffected() < 1)
        return Result::failure(QStringLiteral("not_found"), tr("There is no attachment %1.").arg(attachmentId));
    return Result::success();
}

QList<QJsonObject> CaseStore::attachmentsToUpload(int limit) const
{
    QList<QJsonObject> out;
    if (!isOpen() || limit <= 0)
        return out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    // The events of the attachment's case (UNIQUE (case_id, case_seq) index) whose payload names its id.
    q.prepare(QStringLiteral("SELECT a.id, a.case_id, a.name, a.mime, a.size, a.sha256 FROM attachments a"
                             " WHERE a.uploaded = 0 AND EXISTS (SELECT 1 FROM events e WHERE e.case_id = a.case_id"
                             " AND instr(e.payload, a.id) > 0) ORDER BY a.rowid LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(attachmentDescriptor(q));
    return out;
}

QJsonObject CaseStore::attachmentInfo(const QString &attachmentId) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, case_id, name, mime, size, sha256, uploaded FROM attachments WHERE id = ?"));
    q.addBindValue(attachmentId);
    if (!q.exec() || !q.next())
        return {};
    QJsonObject descriptor = attachmentDescriptor(q);
    descriptor.insert(QStringLiteral("uploaded"), q.value(6).toInt() != 0);
    return descriptor;
}

Result CaseStore::putDownloadedAttachment(const QString &caseId, const QJsonObject &descriptor, const QByteArray &data)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    const QString id = descriptor.value(QStringLiteral("id")).toString();
    const QString name = descriptor.value(QStringLiteral("name")).toString();
    const QString sha = descriptor.value(QStringLiteral("sha256")).toString();
    if (QUuid::fromString(caseId).isNull() || id.isEmpty() || id.size() > 64)
        return Result::failure(QStringLiteral("invalid_input"), tr("The attachment names no valid case."));
    // The name came from the server: it must already be plain, since it may become a file name on this computer.
    Result r = AttachmentCheck::checkPlainName(name);
    if (!r.ok)
        return r;
    const QString actual = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    if (actual != sha)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("The downloaded file %1 is not the one the case names (checksum differs).").arg(name));
    QString mime;
    if (!(r = AttachmentCheck::checkContent(name, data, &mime)).ok)
        return r;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO attachments (id, case_id, name, mime, size, sha256, data, uploaded)"
                             " VALUES (?,?,?,?,?,?,?,1) ON CONFLICT (id) DO NOTHING"));
    for (const QVariant &v : QVariantList{id, caseId, name, mime, qint64(data.size()), sha, data})
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(tr("storing a downloaded attachment"), q.lastError().text());
    return Result::success();
}

// --- Phrases ---------------------------------------------------------------------------------------

Result CaseStore::seedPhrases()
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT 1 FROM meta WHERE key = 'phrases_seeded'")))
        return sqlError(tr("adding phrase templates"), q.lastError().text());
    if (q.next())
        return Result::success();
    q.finish();
    // Defaults operators start from; they edit and delete them freely afterwards.
    const QList<QPair<const char *, const char *>> defaults{
        {"return_reason", "不属于本部门职责范围"},
        {"return_reason", "地址或问题描述不清，无法处置"},
        {"reject_reason", "不属于网格事项受理范围"},
        {"reject_reason", "重复上报，已合并处理"},
        {"rework_reason", "现场核查问题仍未解决"},
        {"rework_reason", "处置反馈缺少现场照片"},
        {"feedback", "已现场处置完毕"},
        {"feedback", "已联系当事人整改完毕"},
        {"postpone_reason", "涉及多部门协调，需延长处置时间"},
    };
    Result r = begin();
    if (!r.ok)
        return r;
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO phrases (kind, text) VALUES (?, ?)"));
    for (const auto &[kind, text] : defaults) {
        q.bindValue(0, QString::fromUtf8(kind));
        q.bindValue(1, QString::fromUtf8(text));
        if (!q.exec()) {
            rollback();
            return sqlError(tr("adding phrase templates"), q.lastError().text());
        }
    }
    if (!q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('phrases_seeded', '1')"))) {
        rollback();
        return sqlError(tr("adding phrase templates"), q.lastError().text());
    }
    return commit();
}

QStringList CaseStore::phrases(const QString &kind) const
{
    QStringList out;
    if (!isOpen())
        return out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT text FROM phrases WHERE kind = ? ORDER BY id"));
    q.addBindValue(kind);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

static Result checkPhrase(const QString &kind, const QString &text)
{
    if (kind.trimmed().isEmpty() || kind.size() > 64)
        return Result::failure(QStringLiteral("invalid_input"), CaseStore::tr("A phrase needs a kind of at most 64 characters."));
    if (text.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), CaseStore::tr("The phrase is empty."));
    if (text.size() > 500)
        return Result::failure(QStringLiteral("invalid_input"),
                               CaseStore::tr("The phrase is too long: %1 characters, at most 500.").arg(text.size()));
    return Result::success();
}

Result CaseStore::addPhrase(const QString &kind, const QString &text)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    const QString clean = text.trimmed();
    Result r = checkPhrase(kind, clean);
    if (!r.ok)
        return r;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO phrases (kind, text) VALUES (?, ?)"));
    q.addBindValue(kind.trimmed());
    q.addBindValue(clean);
    if (!q.exec())
        return sqlError(tr("adding a phrase"), q.lastError().text());
    return Result::success();
}

Result CaseStore::removePhrase(const QString &kind, const QString &text)
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    QSqlQuery q(database());
    q.prepare(QStringLiteral("DELETE FROM phrases WHERE kind = ? AND text = ?"));
    q.addBindValue(kind.trimmed());
    q.addBindValue(text.trimmed());
    if (!q.exec())
        return sqlError(tr("removing a phrase"), q.lastError().text());
    if (q.numRowsAffected() < 1)
        return Result::failure(QStringLiteral("not_found"), tr("There is no such phrase to remove."));
    return Result::success();
}

Result CaseStore::rebuildSearchIndex()
{
    if (!isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local data file is not open."));
    Result r = begin();
    if (!r.ok)
        return r;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("INSERT INTO case_search (case_search) VALUES ('delete-all')"))
        || !q.exec(QStringLiteral("SELECT rowid, state FROM cases"))) {
        rollback();
        return sqlError(tr("rebuilding the search index"), q.lastError().text());
    }
    while (q.next()) {
        m_sql->ftsInsert.bindInt(1, q.value(0).toLongLong());
        m_sql->ftsInsert.bindText(2, SearchText::bodyOf(CaseRecord::fromJson(parseObject(q.value(1).toString()))));
        if (!m_sql->ftsInsert.step()) {
            rollback();
            return sqlError(tr("rebuilding the search index"), m_sql->ftsInsert.errorText());
        }
    }
    q.finish();
    return commit();
}

} // namespace gw

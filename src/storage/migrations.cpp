#include "migrations.h"

namespace gw {

QList<Migrations::Step> Migrations::steps()
{
    return {
        {1,
         {
             // Key/value facts about this store: device_id, created_at.
             "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
             // The audit trail: append-only. seq is the local order; server_seq the district-wide order.
             "CREATE TABLE events ("
             " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
             " id TEXT NOT NULL UNIQUE,"
             " case_id TEXT NOT NULL,"
             " case_seq INTEGER NOT NULL,"
             " type TEXT NOT NULL,"
             " payload TEXT NOT NULL,"
             " actor TEXT NOT NULL,"
             " role TEXT NOT NULL,"
             " org_unit TEXT NOT NULL,"
             " device TEXT NOT NULL,"
             " client_time TEXT NOT NULL,"
             " server_seq INTEGER,"
             " server_time TEXT,"
             " prev_hash TEXT NOT NULL,"
             " hash TEXT NOT NULL,"
             " UNIQUE (case_id, case_seq))",
             "CREATE INDEX events_server_seq ON events (server_seq) WHERE server_seq IS NOT NULL",
             // Projection of each case's events (CaseRecord JSON in `state`), with the columns lists filter on.
             // Times are milliseconds since the epoch (UTC) so ranges compare as integers.
             "CREATE TABLE cases ("
             " id TEXT PRIMARY KEY,"
             " number TEXT NOT NULL,"
             " title TEXT NOT NULL,"
             " status TEXT NOT NULL,"
             " category TEXT NOT NULL,"
             " street TEXT NOT NULL,"
             " community TEXT NOT NULL DEFAULT '',"
             " urgency TEXT NOT NULL,"
             " registered_at INTEGER NOT NULL,"
             " updated_at INTEGER NOT NULL,"
             " next_due INTEGER,"
             " on_hold INTEGER NOT NULL DEFAULT 0,"
             " escalated INTEGER NOT NULL DEFAULT 0,"
             " departments TEXT NOT NULL DEFAULT '',"
             " pending INTEGER NOT NULL DEFAULT 0,"
             " state TEXT NOT NULL)",
             "CREATE INDEX cases_updated ON cases (updated_at)",
             "CREATE INDEX cases_status ON cases (status, updated_at)",
             "CREATE INDEX cases_street ON cases (street, updated_at)",
             "CREATE INDEX cases_category ON cases (category, updated_at)",
             "CREATE INDEX cases_community ON cases (community, updated_at)",
             "CREATE INDEX cases_registered ON cases (registered_at)",
             "CREATE INDEX cases_due ON cases (next_due) WHERE next_due IS NOT NULL",
             // Every department ever summoned to a case (for the department filter and department visibility).
             "CREATE TABLE case_departments (department TEXT NOT NULL, case_id TEXT NOT NULL,"
             " PRIMARY KEY (department, case_id)) WITHOUT ROWID",
             // Full-text search over title, description, address and number. CJK text is indexed one
             // character per token so any run of characters is found as a phrase (see SearchText).
             "CREATE VIRTUAL TABLE case_search USING fts5 (body, content='', tokenize='unicode61')",
             // Local actions not yet accepted by the server, oldest first.
             "CREATE TABLE outbox (event_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
             " last_error TEXT NOT NULL DEFAULT '')",
             "CREATE INDEX outbox_seq ON outbox (seq)",
             // Photos and documents, kept locally until uploaded.
             "CREATE TABLE attachments (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL,"
             " size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL, uploaded INTEGER NOT NULL DEFAULT 0)",
             "CREATE INDEX attachments_case ON attachments (case_id)",
         }},
        {2,
         {
             // Offline actions the server refused: kept with the reason until the user retries or discards them.
             "CREATE TABLE conflicts (event_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, event_json TEXT NOT NULL,"
             " code TEXT NOT NULL, reason TEXT NOT NULL, received_at TEXT NOT NULL, resolution TEXT NOT NULL DEFAULT '',"
             " resolved_at TEXT)",
             // Sync cursor and other sync facts (key/value).
             "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
             // Editable phrase templates (常用语) for reasons and feedback.
             "CREATE TABLE phrases (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, text TEXT NOT NULL,"
             " UNIQUE (kind, text))",
         }},
        {3,
         {
             // Sorting a case list by number at a million cases: without it every matching row is read and
             // sorted (measured in bench_store, see docs/storage.md).
             "CREATE INDEX cases_number ON cases (number)",
             // The department filter and scope test each row's id against case_departments. With the id in the
             // indexes a list walks, that test needs no read of the (wide) case row: at a million cases a
             // department's page took 57-95 ms with the step-1 indexes. These replace them.
             // Lists sort by (updated_at, id) and (next_due, id), so every index a list walks ends the same way.
             "CREATE INDEX cases_updated_id ON cases (updated_at, id)",
             "CREATE INDEX cases_status_id ON cases (status, updated_at, id)",
             "CREATE INDEX cases_street_id ON cases (street, updated_at, id)",
             "CREATE INDEX cases_category_id ON cases (category, updated_at, id)",
             "CREATE INDEX cases_community_id ON cases (community, updated_at, id)",
             "CREATE INDEX cases_due_id ON cases (next_due, id) WHERE next_due IS NOT NULL",
             "DROP INDEX cases_updated",
             "DROP INDEX cases_status",
             "DROP INDEX cases_street",
             "DROP INDEX cases_category",
             "DROP INDEX cases_community",
             "DROP INDEX cases_due",
         }},
        {4,
         {
             // Keyset paging (docs/storage.md): a page continues after the last row's (sort key, id), so every
             // order the case list offers needs an index ending in the id; these replace the step-1/3 ones
             // on registered_at and number, which ended in the rowid.
             "CREATE INDEX IF NOT EXISTS cases_registered_id ON cases (registered_at, id)",
             "CREATE INDEX IF NOT EXISTS cases_number_id ON cases (number, id)",
             "DROP INDEX IF EXISTS cases_registered",
             "DROP INDEX IF EXISTS cases_number",
             // Stores made by an early build of step 3 got only its number index: give them the rest.
             "CREATE INDEX IF NOT EXISTS cases_updated_id ON cases (updated_at, id)",
             "CREATE INDEX IF NOT EXISTS cases_status_id ON cases (status, updated_at, id)",
             "CREATE INDEX IF NOT EXISTS cases_street_id ON cases (street, updated_at, id)",
             "CREATE INDEX IF NOT EXISTS cases_category_id ON cases (category, updated_at, id)",
             "CREATE INDEX IF NOT EXISTS cases_community_id ON cases (community, updated_at, id)",
             "CREATE INDEX IF NOT EXISTS cases_due_id ON cases (next_due, id) WHERE next_due IS NOT NULL",
             "DROP INDEX IF EXISTS cases_updated",
             "DROP INDEX IF EXISTS cases_status",
             "DROP INDEX IF EXISTS cases_street",
             "DROP INDEX IF EXISTS cases_category",
             "DROP INDEX IF EXISTS cases_community",
             "DROP INDEX IF EXISTS cases_due",
             // The few cases where a department's postponement request waits for a decision ("my to-do" of
             // the center reviewer), without reading every case's JSON: some postponeRequestedDue is not
             // empty. (Replaced by a column in step 5.)
             "CREATE INDEX IF NOT EXISTS cases_postpone_pending ON cases (updated_at, id)"
             " WHERE instr(replace(state, '\"postponeRequestedDue\":\"\"', ''), '\"postponeRequestedDue\":') > 0",
         }},
        {5,
         {
             // Step 4's partial index evaluated its expression over the ~1.4 KB `state` of the old and the new row
             // on every UPDATE of a case: about a fifth of all the CPU a store write took (docs/benchmarks.md).
             // A column written with the projection (CaseRecord::hasPendingPostponement) costs nothing to test.
             "ALTER TABLE cases ADD COLUMN postpone_pending INTEGER NOT NULL DEFAULT 0",
             "UPDATE cases SET postpone_pending = 1"
             " WHERE instr(replace(state, '\"postponeRequestedDue\":\"\"', ''), '\"postponeRequestedDue\":') > 0"
             " AND EXISTS (SELECT 1 FROM json_each(state, '$.departments') j"
             " WHERE json_extract(j.value, '$.postponeRequestedDue') <> ''"
             " AND json_extract(j.value, '$.state') <> 'returned'"
             " AND NOT coalesce(json_extract(j.value, '$.archived'), 0))",
             "DROP INDEX IF EXISTS cases_postpone_pending",
             "CREATE INDEX cases_postpone_pending_id ON cases (updated_at, id) WHERE postpone_pending = 1",
         }},
    };
}

const SchemaMigrator &Migrations::migrator()
{
    static const SchemaMigrator m(steps(), SchemaMigrator::Ledger::UserVersion, {}, &Migrations::tooNewText);
    return m;
}

QString Migrations::tooNewText(int found, int latest)
{
    return tr("This data file has schema version %1, newer than this program understands (%2). Install the newer "
              "GridWhistle.").arg(found).arg(latest);
}

int Migrations::latestVersion() { return migrator().latestVersion(); }

int Migrations::currentVersion(const QSqlDatabase &db) { return migrator().currentVersion(db); }

Result Migrations::migrate(QSqlDatabase &db, int targetVersion) { return migrator().migrate(db, targetVersion); }

} // namespace gw

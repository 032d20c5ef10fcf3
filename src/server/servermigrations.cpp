#include "servermigrations.h"

namespace gw {

QList<ServerMigrations::Step> ServerMigrations::steps()
{
    return {
        {1,
         {
             // Accounts. Passwords only as salted PBKDF2-SHA256; the iteration count is kept per row so it can grow.
             "CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, org_unit TEXT NOT NULL,"
             " active INTEGER NOT NULL DEFAULT 1, password_hash TEXT NOT NULL, salt TEXT NOT NULL,"
             " iterations INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
             // Bearer tokens, stored as SHA-256 of the token so a database leak does not leak sessions.
             "CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at TEXT NOT NULL,"
             " expires_at BIGINT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)",
             "CREATE INDEX tokens_user ON tokens (user_id)",
             // The district-wide audit trail. server_seq is the global order handed out by this server; body is the
             // event's wire JSON (what the hash covers, payload included); the other columns index and summarize it.
             "CREATE TABLE events (server_seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, case_id TEXT NOT NULL,"
             " case_seq INTEGER NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL,"
             " role TEXT NOT NULL, org_unit TEXT NOT NULL, device TEXT NOT NULL, client_time TEXT NOT NULL,"
             " server_time TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,"
             " UNIQUE (case_id, case_seq))",
             // Projection: the CaseRecord JSON plus the columns visibility checks use.
             "CREATE TABLE cases (id TEXT PRIMARY KEY, number TEXT NOT NULL, street TEXT NOT NULL,"
             " community TEXT NOT NULL, status TEXT NOT NULL, case_seq INTEGER NOT NULL, last_hash TEXT NOT NULL,"
             " last_server_seq BIGINT NOT NULL, state TEXT NOT NULL)",
             "CREATE INDEX cases_street ON cases (street)",
             "CREATE INDEX cases_community ON cases (community)",
             // Every department ever summoned, and the server_seq from which it may see the case.
             "CREATE TABLE case_departments (case_id TEXT NOT NULL, department TEXT NOT NULL, since_seq BIGINT NOT NULL,"
             " PRIMARY KEY (case_id, department))",
             "CREATE INDEX case_departments_department ON case_departments (department, since_seq)",
             // Named counters: official case numbers per year.
             "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
         }},
        {2,
         {
             // Attachment bytes, content-addressed (AttachmentRepository). In the database, not in files, so one
             // transaction covers bytes and metadata and the normal backup holds them. BYTEA is PostgreSQL's
             // binary type; SQLite gives the unknown type name NUMERIC affinity, which stores a blob unchanged.
             "CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, mime TEXT NOT NULL,"
             " size BIGINT NOT NULL, data BYTEA NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL)",
             // Which cases name an attachment in an event payload (who may download it), indexed from the
             // events table up to counters.attachment_refs_seq.
             "CREATE TABLE attachment_refs (sha256 TEXT NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (sha256, case_id))",
             "INSERT INTO counters (name, value) VALUES ('attachment_refs_seq', 0)",
         }},
        {3,
         {
             // Issue 17: an account whose password someone else set (the initial admin, an administrator's reset)
             // sets its own before anything else.
             "ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
             // The administrative log (AdministrativeLog): one hash chain over every change to accounts, and
             // later to reference data and publications. details is the entry's JSON object as text.
             "CREATE TABLE admin_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,"
             " action TEXT NOT NULL, subject TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL,"
             " hash TEXT NOT NULL)",
             "CREATE INDEX admin_log_subject ON admin_log (subject)",
         }},
        {4,
         {
             // Issue 16: the district's reference data (ReferenceStore), each kind versioned; a change is a new row.
             "CREATE TABLE reference_data (kind TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,"
             " changed_by TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (kind, version))",
         }},
        {5,
         {
             // Issue 16: rights beyond the role (User::grants), comma-separated, e.g. "assessment_admin".
             "ALTER TABLE users ADD COLUMN grants TEXT NOT NULL DEFAULT ''",
         }},
        {6,
         {
             // Issue 16: published months of the assessment (PublicationStore), every revision kept. result is the
             // results' compact JSON as published, result_hash its SHA-256 (also in the administrative log entry);
             // versions the reference data versions used ({"calendar": 3, ...}); cutoff_seq the last event counted.
             "CREATE TABLE assessment_publications (month TEXT NOT NULL, revision INTEGER NOT NULL,"
             " published_at TEXT NOT NULL, published_by TEXT NOT NULL, published_by_name TEXT NOT NULL,"
             " reason TEXT NOT NULL, cutoff_seq BIGINT NOT NULL, versions TEXT NOT NULL, result TEXT NOT NULL,"
             " result_hash TEXT NOT NULL, PRIMARY KEY (month, revision))",
         }},
    };
}

const SchemaMigrator &ServerMigrations::migrator()
{
    static const SchemaMigrator m(steps(), SchemaMigrator::Ledger::Table, QStringLiteral("schema_migrations"),
                                  &ServerMigrations::tooNewText);
    return m;
}

QString ServerMigrations::tooNewText(int found, int latest)
{
    return tr("The server database has schema version %1, newer than this server understands (%2). "
              "Install the newer gridwhistle-server.").arg(found).arg(latest).text();
}

int ServerMigrations::latestVersion() { return migrator().latestVersion(); }

int ServerMigrations::currentVersion(const QSqlDatabase &db) { return migrator().currentVersion(db); }

Result ServerMigrations::migrate(QSqlDatabase &db) { return migrator().migrate(db); }

} // namespace gw

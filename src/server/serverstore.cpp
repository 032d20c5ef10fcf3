#include "serverstore.h"
#include "jsonbytes.h"
#include "eventbuilder.h"
#include "accesspolicy.h"
#include "auditchain.h"
#include "orgdirectory.h"
#include "passwordhasher.h"
#include "servermigrations.h"
#include "sqliteeventwriter.h"
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>
#include <functional>
#include <limits>

namespace gw {

namespace {


QString nowText() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

QString tokenHash(const QString &token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// SQL NULL must never stand in for an empty text (the columns are NOT NULL, and '' is what we mean).
QString text(const QString &s) { return s.isNull() ? QStringLiteral("") : s; }
QString text(const QByteArray &s) { return text(QString::fromLatin1(s)); }

// An event as stored: its wire JSON (`body`). The other columns index it (id, case, order) and keep the chain
// fields queryable; verification reads the body, which is what the hash covers.
CaseEvent eventFromBody(const QByteArray &body)
{
    CaseEvent e;
    QString why;
    CaseEvent::fromJson(QJsonDocument::fromJson(body).object(), &e, &why);
    return e;
}

User userFromRow(const QSqlQuery &q)
{
    User u;
    u.id = q.value(0).toString();
    u.name = q.value(1).toString();
    roleFromString(q.value(2).toString(), &u.role);
    u.orgUnitId = q.value(3).toString();
    u.active = q.value(4).toInt() != 0;
    return u;
}

// Which kind of org unit each role belongs to.
OrgUnit::Kind unitKindFor(Role role)
{
    switch (role) {
    case Role::CommunityReporter: return OrgUnit::Kind::Community;
    case Role::StreetOperator: return OrgUnit::Kind::Street;
    case Role::DepartmentHandler: return OrgUnit::Kind::Department;
    default: return OrgUnit::Kind::Center;
    }
}

} // namespace

bool ServerStore::Cursor::parse(const QString &text, Cursor *cursor)
{
    static const QRegularExpression form(QStringLiteral("^([0-9]{1,18})(?:\\.([0-9]{1,18}))?$"));
    if (text.isEmpty()) {
        *cursor = Cursor();
        return true;
    }
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch())
        return false;
    Cursor c;
    c.visibleSeq = m.captured(1).toLongLong();
    // "N" alone means: everything visible up to N has been read.
    c.serverSeq = m.captured(2).isEmpty() ? c.visibleSeq : m.captured(2).toLongLong();
    if (c.serverSeq > c.visibleSeq)
        return false;
    *cursor = c;
    return true;
}

QString ServerStore::Cursor::toString() const
{
    if (serverSeq == visibleSeq)
        return QString::number(visibleSeq);
    return QStringLiteral("%1.%2").arg(visibleSeq).arg(serverSeq);
}

ServerStore::ServerStore() : ServerStore(Options()) {}

ServerStore::ServerStore(const Options &options, const Workflow &workflow)
    : m_options(options), m_workflow(workflow)
{
    m_connection = QStringLiteral("gw-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

ServerStore::~ServerStore() { close(); }

QSqlDatabase ServerStore::database() const { return QSqlDatabase::database(m_connection, false); }

QSqlQuery &ServerStore::statement(const QString &sql) const
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q(database());
        q.setForwardOnly(true);
        q.prepare(sql);
        it = m_statements.insert(sql, q);
    }
    return *it;
}

QSqlQuery &ServerStore::multiRowStatement(const QString &head, int rows, int columns, const QString &tail) const
{
    // Looked up by a short key: the text of a 256-row statement is kilobytes to build, hash and compare per call.
    const QString key = QString::number(rows) + u'x' + QString::number(columns) + u':' + head + tail;
    auto it = m_statements.find(key);
    if (it != m_statements.end())
        return *it;
    QString row = QStringLiteral("?");
    if (columns > 1)
        row = u'(' + QStringLiteral("?, ").repeated(columns - 1) + QStringLiteral("?)");
    QString sql = head;
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += QStringLiteral(", ");
        sql += row;
    }
    sql += tail;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(sql);
    return *m_statements.insert(key, q);
}

QString ServerStore::driverName() const { return database().driverName(); }

void ServerStore::close()
{
    m_sqliteWriter.reset();  // its statements go before the connection they were prepared on
    m_statements.clear();
    m_sessions.clear();
    m_caseViews.clear();
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = database();
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result ServerStore::failure(const QString &what) const
{
    return Result::failure(QStringLiteral("storage_error"), tr("Database error while %1: %2").arg(what, database().lastError().text()));
}

static Result queryFailure(const QSqlQuery &q, const QString &what)
{
    return Result::failure(QStringLiteral("storage_error"), ServerStore::tr("Database error while %1: %2").arg(what, q.lastError().text()));
}

Result ServerStore::open(const QString &what)
{
    Result result;
    {
        QSqlDatabase db = database();
        if (!db.open()) {
            result = Result::failure(QStringLiteral("storage_error"), tr("Cannot open %1: %2").arg(what, db.lastError().text()));
        } else {
            QSqlQuery q(db);
            if (db.driverName() == QLatin1String("QSQLITE")) {
                // WAL keeps readers and the single writer apart; NORMAL sync is durable in WAL across process crashes.
                for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                                           "PRAGMA busy_timeout=5000",
                                           // 64 MiB of page cache instead of 2: the event indexes stay in memory.
                                           "PRAGMA cache_size=-65536",
                                           // Checkpoint every 32 MiB of WAL instead of 4: a 1000-event push writes
                                           // several MiB, and every checkpoint ends in two fsyncs.
                                           "PRAGMA wal_autocheckpoint=8192"}) {
                    if (!q.exec(QLatin1String(pragma))) {
                        result = queryFailure(q, tr("setting up %1").arg(what));
                        break;
                    }
                }
            }
            if (result.ok)
                result = ServerMigrations::migrate(db);
            if (result.ok && db.driverName() == QLatin1String("QSQLITE")) {
                auto writer = std::make_unique<SqliteEventWriter>();
                QString unusable;
                if (writer->prepare(db, &unusable))  // else the QSqlQuery path stores pushes, only slower
                    m_sqliteWriter = std::move(writer);
            }
        }
    }
    // Every handle on the connection is gone here, so a failed open can remove it cleanly.
    if (!result.ok)
        close();
    return result;
}

Result ServerStore::openSqlite(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Result::failure(QStringLiteral("storage_error"), tr("The Qt SQLite driver (QSQLITE) is not installed."));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    return open(path);
}

Result ServerStore::openPostgres(const QUrl &url)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Result::failure(QStringLiteral("storage_error"),
                               tr("The Qt PostgreSQL driver (QPSQL) is not installed (Debian package libqt6sql6-psql)."));
    if (!url.isValid() || (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        || url.path().size() < 2)
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("The database must be given as postgresql://user:password@host:port/database."));
    QString what;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
        db.setHostName(url.host().isEmpty() ? QStringLiteral("127.0.0.1") : url.host());
        db.setPort(url.port(5432));
        db.setDatabaseName(url.path().mid(1));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        // The description never includes the password.
        what = tr("PostgreSQL database %1 on %2:%3").arg(db.databaseName(), db.hostName()).arg(db.port());
    }
    return open(what);
}

// --- Accounts ---

int ServerStore::userCount() const
{
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && q.next() ? q.value(0).toInt() : 0;
}

std::optional<User> ServerStore::user(const QString &id) const
{
    QSqlQuery &q = statement(QStringLiteral("SELECT id, name, role, org_unit, active FROM users WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), text(id));
    if (!q.exec() || !q.next())
        return std::nullopt;
    const User u = userFromRow(q);
    q.finish();
    return u;
}

QList<User> ServerStore::users() const
{
    QList<User> out;
    QSqlQuery q(database());
    if (q.exec(QStringLiteral("SELECT id, name, role, org_unit, active FROM users ORDER BY id")))
        while (q.next())
            out.append(userFromRow(q));
    return out;
}

Result ServerStore::validateUser(const User &u)
{
    static const QRegularExpression idForm(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (!idForm.match(u.id).hasMatch())
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("A login id is 1 to 64 letters, digits, dots, dashes or underscores."));
    if (u.id == QLatin1String("system"))
        return Result::failure(QStringLiteral("invalid_input"), tr("The login id \"system\" is reserved for the server."));
    if (u.name.trimmed().isEmpty() || u.name.size() > 64)
        return Result::failure(QStringLiteral("invalid_input"), tr("A display name is 1 to 64 characters."));
    for (QChar c : u.name)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return Result::failure(QStringLiteral("invalid_input"), tr("The display name contains control characters."));
    const OrgDirectory &org = OrgDirectory::builtin();
    if (!org.contains(u.orgUnitId))
        return Result::failure(QStringLiteral("invalid_input"), tr("Unknown org unit \"%1\".").arg(u.orgUnitId.left(64)));
    if (!org.isKind(u.orgUnitId, unitKindFor(u.role)))
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("A %1 must belong to a %2, not to %3.")
                                   .arg(roleDisplayName(u.role), OrgUnit::kindToString(unitKindFor(u.role)),
                                        org.nameOf(u.orgUnitId)));
    return Result::success();
}

Result ServerStore::validatePassword(const QString &password)
{
    if (password.size() < 8 || password.size() > 256)
        return Result::failure(QStringLiteral("invalid_input"), tr("A password is 8 to 256 characters."));
    return Result::success();
}

Result ServerStore::createUser(const User &u, const QString &password)
{
    const Result valid = validateUser(u);
    if (!valid.ok)
        return valid;
    const Result pw = validatePassword(password);
    if (!pw.ok)
        return pw;
    if (user(u.id))
        return Result::failure(QStringLiteral("conflict"), tr("The login id %1 is already taken.").arg(u.id));
    const PasswordHasher::Hash h = PasswordHasher::make(password, m_options.pbkdf2Iterations);
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO users (id, name, role, org_unit, active, password_hash, salt, iterations,"
                             " created_at, updated_at) VALUES (:id, :name, :role, :org, :active, :hash, :salt, :it,"
                             " :created, :updated)"));
    q.bindValue(QStringLiteral(":id"), text(u.id));
    q.bindValue(QStringLiteral(":name"), text(u.name.trimmed()));
    q.bindValue(QStringLiteral(":role"), text(roleToString(u.role)));
    q.bindValue(QStringLiteral(":org"), text(u.orgUnitId));
    q.bindValue(QStringLiteral(":active"), u.active ? 1 : 0);
    q.bindValue(QStringLiteral(":hash"), text(QString::fromLatin1(h.hashHex)));
    q.bindValue(QStringLiteral(":salt"), text(QString::fromLatin1(h.saltHex)));
    q.bindValue(QStringLiteral(":it"), h.iterations);
    q.bindValue(QStringLiteral(":created"), text(nowText()));
    q.bindValue(QStringLiteral(":updated"), text(nowText()));
    if (!q.exec())
        return queryFailure(q, tr("creating account %1").arg(u.id));
    return Result::success();
}

Result ServerStore::updateUser(const User &u)
{
    m_sessions.clear();
    const std::optional<User> old = user(u.id);
    if (!old)
        return Result::failure(QStringLiteral("not_found"), tr("There is no account %1.").arg(u.id.left(64)));
    const Result valid = validateUser(u);
    if (!valid.ok)
        return valid;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE users SET name = :name, role = :role, org_unit = :org, active = :active,"
                             " updated_at = :updated WHERE id = :id"));
    q.bindValue(QStringLiteral(":name"), text(u.name.trimmed()));
    q.bindValue(QStringLiteral(":role"), text(roleToString(u.role)));
    q.bindValue(QStringLiteral(":org"), text(u.orgUnitId));
    q.bindValue(QStringLiteral(":active"), u.active ? 1 : 0);
    q.bindValue(QStringLiteral(":updated"), text(nowText()));
    q.bindValue(QStringLiteral(":id"), text(u.id));
    if (!q.exec())
        return queryFailure(q, tr("updating account %1").arg(u.id));
    // A session must not keep rights its account no longer has.
    if (old->role != u.role || old->orgUnitId != u.orgUnitId || old->active != u.active)
        return revokeTokensOf(u.id);
    return Result::success();
}

Result ServerStore::setPassword(const QString &userId, const QString &password)
{
    m_sessions.clear();
    const Result pw = validatePassword(password);
    if (!pw.ok)
        return pw;
    if (!user(userId))
        return Result::failure(QStringLiteral("not_found"), tr("There is no account %1.").arg(userId.left(64)));
    const PasswordHasher::Hash h = PasswordHasher::make(password, m_options.pbkdf2Iterations);
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE users SET password_hash = :hash, salt = :salt, iterations = :it,"
                             " updated_at = :updated WHERE id = :id"));
    q.bindValue(QStringLiteral(":hash"), text(QString::fromLatin1(h.hashHex)));
    q.bindValue(QStringLiteral(":salt"), text(QString::fromLatin1(h.saltHex)));
    q.bindValue(QStringLiteral(":it"), h.iterations);
    q.bindValue(QStringLiteral(":updated"), text(nowText()));
    q.bindValue(QStringLiteral(":id"), text(userId));
    if (!q.exec())
        return queryFailure(q, tr("setting the password of %1").arg(userId));
    return revokeTokensOf(userId);
}

Result ServerStore::authenticate(const QString &userId, const QString &password, User *out) const
{
    const Result wrong = Result::failure(QStringLiteral("unauthorized"), tr("Wrong user name or password."));
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id, name, role, org_unit, active, password_hash, salt, iterations FROM users"
                             " WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), text(userId));
    if (!q.exec())
        return queryFailure(q, tr("checking a login"));
    if (!q.next()) {
        // Spend the same time as for a real account so timing does not reveal which ids exist.
        PasswordHasher::make(password, m_options.pbkdf2Iterations);
        return wrong;
    }
    const User u = userFromRow(q);
    PasswordHasher::Hash stored;
    stored.hashHex = q.value(5).toString().toLatin1();
    stored.saltHex = q.value(6).toString().toLatin1();
    stored.iterations = q.value(7).toInt();
    if (!PasswordHasher::matches(password, stored))
        return wrong;
    if (!u.active)
        return Result::failure(QStringLiteral("unauthorized"), tr("Account %1 is disabled.").arg(u.id));
    *out = u;
    return Result::success();
}

// --- Tokens ---

Result ServerStore::issueToken(const QString &userId, QString *token, QDateTime *expiresAt)
{
    const QString t = PasswordHasher::randomToken(32);
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(m_options.tokenTtlSeconds);
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO tokens (token_hash, user_id, created_at, expires_at, revoked)"
                             " VALUES (:h, :u, :c, :e, 0)"));
    q.bindValue(QStringLiteral(":h"), text(tokenHash(t)));
    q.bindValue(QStringLiteral(":u"), text(userId));
    q.bindValue(QStringLiteral(":c"), text(nowText()));
    q.bindValue(QStringLiteral(":e"), expires.toMSecsSinceEpoch());
    if (!q.exec())
        return queryFailure(q, tr("issuing a session token"));
    *token = t;
    *expiresAt = expires;
    return Result::success();
}

Result ServerStore::userForToken(const QString &token, User *out) const
{
    auto unauthorized = [](const QString &why) { return Result::failure(QStringLiteral("unauthorized"), why); };
    if (token.isEmpty())
        return unauthorized(tr("Log in first: the request carries no bearer token."));
    if (token.size() > 128)
        return unauthorized(tr("The session token is not valid."));
    const QString hashed = tokenHash(token);
    const auto cached = m_sessions.constFind(hashed);
    if (cached != m_sessions.constEnd()) {
        if (cached->expiresMs <= QDateTime::currentMSecsSinceEpoch())
            return unauthorized(tr("The session has expired. Log in again."));
        *out = cached->user;
        return Result::success();
    }
    QSqlQuery &q = statement(QStringLiteral("SELECT user_id, expires_at, revoked FROM tokens WHERE token_hash = :h"));
    q.bindValue(QStringLiteral(":h"), text(hashed));
    if (!q.exec())
        return queryFailure(q, tr("checking a session token"));
    if (!q.next())
        return unauthorized(tr("The session token is not valid. Log in again."));
    if (q.value(2).toInt() != 0)
        return unauthorized(tr("The session was logged out or revoked. Log in again."));
    if (q.value(1).toLongLong() <= QDateTime::currentMSecsSinceEpoch())
        return unauthorized(tr("The session has expired. Log in again."));
    const QString userId = q.value(0).toString();
    const qint64 expiresMs = q.value(1).toLongLong();
    q.finish();
    const std::optional<User> u = user(userId);
    if (!u)
        return unauthorized(tr("The account of this session no longer exists."));
    if (!u->active)
        return unauthorized(tr("Account %1 is disabled.").arg(u->id));
    if (m_sessions.size() > 10000)
        m_sessions.clear();
    m_sessions.insert(hashed, {*u, expiresMs});
    *out = *u;
    return Result::success();
}

Result ServerStore::revokeToken(const QString &token)
{
    m_sessions.clear();
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE token_hash = :h"));
    q.bindValue(QStringLiteral(":h"), text(tokenHash(token)));
    return q.exec() ? Result::success() : queryFailure(q, tr("revoking a session"));
}

Result ServerStore::revokeTokensOf(const QString &userId)
{
    m_sessions.clear();
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE tokens SET revoked = 1 WHERE user_id = :u"));
    q.bindValue(QStringLiteral(":u"), text(userId));
    return q.exec() ? Result::success() : queryFailure(q, tr("revoking sessions"));
}

// --- Events ---

std::optional<CaseRecord> ServerStore::caseById(const QString &caseId) const
{
    std::optional<CaseView> view = caseView(caseId);
    if (!view)
        return std::nullopt;
    return std::move(view->record);
}

std::optional<ServerStore::CaseView> ServerStore::caseView(const QString &caseId) const
{
    const auto cached = m_caseViews.constFind(caseId);
    if (cached != m_caseViews.constEnd())
        return *cached;
    QSqlQuery &q = statement(QStringLiteral("SELECT state FROM cases WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), text(caseId));
    if (!q.exec() || !q.next())
        return std::nullopt;
    const QByteArray state = q.value(0).toString().toUtf8();
    q.finish();
    CaseView view;
    view.record = CaseRecord::fromJson(QJsonDocument::fromJson(state).object());
    // Serialized again rather than sent as stored, so the answer always has this server's CaseRecord shape.
    view.json = JsonBytes::caseState(view.record);
    if (m_caseViews.size() >= 4096)
        m_caseViews.clear();
    m_caseViews.insert(caseId, view);
    return view;
}

QList<CaseEvent> ServerStore::eventsOf(const QString &caseId) const
{
    QList<CaseEvent> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.body FROM events e WHERE e.case_id = :c ORDER BY e.case_seq"));
    q.bindValue(QStringLiteral(":c"), text(caseId));
    if (q.exec())
        while (q.next())
            out.append(eventFromBody(q.value(0).toString().toUtf8()));
    return out;
}

qint64 ServerStore::lastServerSeq() const
{
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT COALESCE(MAX(server_seq), 0) FROM events")) && q.next()
               ? q.value(0).toLongLong() : 0;
}

qint64 ServerStore::eventCount() const
{
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM events")) && q.next() ? q.value(0).toLongLong() : 0;
}

qint64 ServerStore::caseCount() const
{
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM cases")) && q.next() ? q.value(0).toLongLong() : 0;
}

int ServerStore::chunkRows(qsizetype remaining)
{
    int rows = 256;
    while (rows > remaining)
        rows /= 2;
    return rows;
}

Result ServerStore::nextCaseNumber(const QDateTime &when, Batch *batch, QString *number)
{
    // Numbers run per calendar year in the district's time zone (UTC+8).
    const int year = when.toOffsetFromUtc(8 * 3600).date().year();
    auto it = batch->numbers.find(year);
    if (it == batch->numbers.end()) {
        // Read (creating) the counter once per batch; the row stays locked by this transaction on PostgreSQL
        // (the no-op update), and writeBatch stores the last number handed out.
        QSqlQuery &q = statement(QStringLiteral("INSERT INTO counters (name, value) VALUES (:n, 0)"
                                                " ON CONFLICT (name) DO UPDATE SET value = counters.value RETURNING value"));
        q.bindValue(QStringLiteral(":n"), QStringLiteral("case_number.%1").arg(year));
        if (!q.exec() || !q.next())
            return queryFailure(q, tr("numbering a case"));
        it = batch->numbers.insert(year, q.value(0).toLongLong());
        q.finish();
    }
    *number = QStringLiteral("PL-%1-%2").arg(year).arg(++*it, 6, 10, QLatin1Char('0'));
    return Result::success();
}

Result ServerStore::loadBatch(const QList<CaseEvent> &events, Batch *batch)
{
    // Replays and the cases' current projections, looked up with one statement per 256 ids instead of one per event.
    QStringList ids, caseIds;
    QSet<QString> seenCases;
    for (const CaseEvent &e : events) {
        ids.append(e.id);
        if (!seenCases.contains(e.caseId)) {
            seenCases.insert(e.caseId);
            caseIds.append(e.caseId);
        }
    }
    auto lookUp = [this](const QStringList &keys, const QString &sqlHead,
                         const std::function<void(const QSqlQuery &)> &row) -> Result {
        for (qsizetype from = 0; from < keys.size();) {
            const int rows = chunkRows(keys.size() - from);
            QSqlQuery &q = multiRowStatement(sqlHead + QStringLiteral(" IN ("), rows, 1, QStringLiteral(")"));
            for (int i = 0; i < rows; ++i)
                q.bindValue(i, text(keys.at(from + i)));
            if (!q.exec())
                return queryFailure(q, tr("reading events"));
            while (q.next())
                row(q);
            q.finish();
            from += rows;
        }
        return Result::success();
    };
    Result r = lookUp(ids, QStringLiteral("SELECT id, body FROM events WHERE id"), [batch](const QSqlQuery &q) {
        batch->stored.insert(q.value(0).toString(), q.value(1).toString().toUtf8());
    });
    if (!r.ok)
        return r;
    return lookUp(caseIds, QStringLiteral("SELECT id, state FROM cases WHERE id"), [batch](const QSqlQuery &q) {
        batch->records.insert(q.value(0).toString(),
                              CaseRecord::fromJson(QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object()));
    });
}

Result ServerStore::insertEvents(const QList<std::pair<CaseEvent, QByteArray>> &events, qsizetype from, int rows)
{
    constexpr int Columns = 14;
    QSqlQuery &q = multiRowStatement(QStringLiteral("INSERT INTO events (server_seq, id, case_id, case_seq, type, actor, role,"
                                                    " org_unit, device, client_time, server_time, prev_hash, hash, body) VALUES "),
                                     rows, Columns);
    for (int i = 0; i < rows; ++i) {
        const CaseEvent &e = events.at(from + i).first;
        const int b = i * Columns;
        q.bindValue(b, e.serverSeq);
        q.bindValue(b + 1, text(e.id));
        q.bindValue(b + 2, text(e.caseId));
        q.bindValue(b + 3, e.caseSeq);
        q.bindValue(b + 4, text(eventTypeToString(e.type)));
        q.bindValue(b + 5, text(e.actorId));
        q.bindValue(b + 6, text(roleToString(e.actorRole)));
        q.bindValue(b + 7, text(e.actorOrgUnit));
        q.bindValue(b + 8, text(e.deviceId));
        q.bindValue(b + 9, text(JsonBytes::timeText(e.clientTime)));
        q.bindValue(b + 10, text(JsonBytes::timeText(e.serverTime)));
        q.bindValue(b + 11, text(e.prevHash));
        q.bindValue(b + 12, text(e.hash));
        // The wire form is what is kept, so a pull sends stored bytes instead of rebuilding every event.
        q.bindValue(b + 13, QString::fromUtf8(events.at(from + i).second));
    }
    if (!q.exec())
        return queryFailure(q, tr("storing event %1").arg(events.at(from).first.id));
    return Result::success();
}

Result ServerStore::writeCases(const QList<std::pair<const CaseRecord *, qint64>> &cases, qsizetype from, int rows)
{
    constexpr int Columns = 9;
    QSqlQuery &q = multiRowStatement(
        QStringLiteral("INSERT INTO cases (id, number, street, community, status, case_seq, last_hash, last_server_seq, state) VALUES "),
        rows, Columns,
        QStringLiteral(" ON CONFLICT (id) DO UPDATE SET number = excluded.number, street = excluded.street,"
                       " community = excluded.community, status = excluded.status, case_seq = excluded.case_seq,"
                       " last_hash = excluded.last_hash, last_server_seq = excluded.last_server_seq, state = excluded.state"));
    for (int i = 0; i < rows; ++i) {
        const CaseRecord &record = *cases.at(from + i).first;
        const int b = i * Columns;
        q.bindValue(b, text(record.id));
        q.bindValue(b + 1, text(record.number));
        q.bindValue(b + 2, text(record.streetId));
        q.bindValue(b + 3, text(record.communityId));
        q.bindValue(b + 4, text(caseStatusToString(record.status)));
        q.bindValue(b + 5, record.eventCount);
        q.bindValue(b + 6, text(record.lastHash));
        q.bindValue(b + 7, cases.at(from + i).second);
        q.bindValue(b + 8, QString::fromUtf8(JsonBytes::caseState(record)));
    }
    if (!q.exec())
        return queryFailure(q, tr("updating case %1").arg(cases.at(from).first->id));
    return Result::success();
}

Result ServerStore::writeBatch(const Batch &batch)
{
    for (qsizetype from = 0; m_sqliteWriter && from < batch.newEvents.size(); ++from) {
        const auto &[e, json] = batch.newEvents.at(from);
        const Result r = m_sqliteWriter->insertEvent(e, json);
        if (!r.ok)
            return r;
    }
    for (qsizetype from = 0; !m_sqliteWriter && from < batch.newEvents.size();) {
        const int rows = chunkRows(batch.newEvents.size() - from);
        const Result r = insertEvents(batch.newEvents, from, rows);
        if (!r.ok)
            return r;
        from += rows;
    }
    for (const auto &[e, json] : batch.newEvents) {
        if (e.type != EventType::Whistled)
            continue;
        // A department sees the case, with its whole history, from the moment it is summoned.
        QSqlQuery &d = statement(QStringLiteral("INSERT INTO case_departments (case_id, department, since_seq)"
                                                " VALUES (:c, :d, :s) ON CONFLICT (case_id, department) DO NOTHING"));
        for (const QJsonValue &v : e.payload.value(QStringLiteral("departments")).toArray()) {
            d.bindValue(QStringLiteral(":c"), text(e.caseId));
            d.bindValue(QStringLiteral(":d"), text(v.toObject().value(QStringLiteral("department")).toString()));
            d.bindValue(QStringLiteral(":s"), e.serverSeq);
            if (!d.exec())
                return queryFailure(d, tr("recording the departments of case %1").arg(e.caseId));
        }
    }
    for (auto it = batch.numbers.cbegin(); it != batch.numbers.cend(); ++it) {
        QSqlQuery &q = statement(QStringLiteral("UPDATE counters SET value = :v WHERE name = :n"));
        q.bindValue(QStringLiteral(":v"), it.value());
        q.bindValue(QStringLiteral(":n"), QStringLiteral("case_number.%1").arg(it.key()));
        if (!q.exec())
            return queryFailure(q, tr("numbering a case"));
    }
    if (m_sqliteWriter) {
        for (auto it = batch.dirty.cbegin(); it != batch.dirty.cend(); ++it) {
            const Result r = m_sqliteWriter->writeCase(*batch.records.constFind(it.key()), it.value());
            if (!r.ok)
                return r;
        }
        return Result::success();
    }
    QList<std::pair<const CaseRecord *, qint64>> cases;
    cases.reserve(batch.dirty.size());
    for (auto it = batch.dirty.cbegin(); it != batch.dirty.cend(); ++it)
        cases.append({&*batch.records.constFind(it.key()), it.value()});
    for (qsizetype from = 0; from < cases.size();) {
        const int rows = chunkRows(cases.size() - from);
        const Result r = writeCases(cases, from, rows);
        if (!r.ok)
            return r;
        from += rows;
    }
    return Result::success();
}

Result ServerStore::pushOne(const User &actor, const CaseEvent &incoming, qint64 *nextSeq, Batch *batch,
                            PushOutcome *outcome)
{
    outcome->id = incoming.id;
    const auto known = batch->stored.constFind(incoming.id);
    if (known != batch->stored.constEnd()) {
        outcome->status = QStringLiteral("duplicate");
        outcome->json = *known;
        outcome->event = eventFromBody(*known);
        return Result::success();
    }
    auto reject = [outcome](const QString &code, const QString &reason) {
        outcome->status = QStringLiteral("rejected");
        outcome->code = code;
        outcome->reason = reason;
        return Result::success();
    };
    CaseEvent e = incoming;
    // The actor is whoever holds the token, whatever the body claims.
    e.actorId = actor.id;
    e.actorRole = actor.role;
    e.actorOrgUnit = actor.orgUnitId;
    e.serverSeq = 0;
    e.serverTime = {};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (e.clientTime > now.addSecs(m_options.maxClockSkewSeconds))
        return reject(QStringLiteral("clock_skew"),
                      tr("The action is dated %1, more than %2 minutes after the server's time %3. Check the device clock.")
                          .arg(CaseEvent::timeToString(e.clientTime)).arg(m_options.maxClockSkewSeconds / 60)
                          .arg(CaseEvent::timeToString(now)));
    if (e.type == EventType::Numbered)
        return reject(QStringLiteral("forbidden"), tr("Only the district server assigns case numbers."));

    const auto found = batch->records.constFind(e.caseId);
    const bool exists = found != batch->records.constEnd();
    const Result checked = m_workflow.check(exists ? &*found : nullptr, e);
    if (!checked.ok)
        return reject(checked.code, checked.message);

    CaseRecord record = exists ? *found : CaseRecord();
    const QByteArray payloadJson = JsonBytes::payload(e.payload);
    AuditChain::seal(e, exists ? record.eventCount + 1 : 1, exists ? record.lastHash : QByteArray(), payloadJson);
    m_workflow.apply(record, e);
    e.serverSeq = (*nextSeq)++;
    e.serverTime = now;
    outcome->json = JsonBytes::event(e, payloadJson);
    outcome->status = QStringLiteral("accepted");
    outcome->sealedAsSent = e.caseSeq == incoming.caseSeq && e.hash == incoming.hash;
    outcome->event = e;
    batch->stored.insert(e.id, outcome->json);  // the same id again in this batch is a duplicate
    batch->newEvents.append({e, outcome->json});
    qint64 lastSeq = e.serverSeq;

    if (e.type == EventType::Registered) {
        const User system = User::make(QStringLiteral("system"), Role::Administrator, QStringLiteral("center.district"));
        CaseEvent numbered = EventBuilder(system, QStringLiteral("server")).make(EventType::Numbered, e.caseId, {});
        QString number;
        const Result numberedOk = nextCaseNumber(numbered.clientTime, batch, &number);
        if (!numberedOk.ok)
            return numberedOk;
        numbered.payload = QJsonObject{{QStringLiteral("number"), number}};
        const Result ok = m_workflow.check(&record, numbered);
        if (!ok.ok)
            return Result::failure(QStringLiteral("storage_error"), tr("Cannot number case %1: %2").arg(e.caseId, ok.message));
        const QByteArray numberPayload = JsonBytes::payload(numbered.payload);
        AuditChain::seal(numbered, record.eventCount + 1, record.lastHash, numberPayload);
        m_workflow.apply(record, numbered);
        lastSeq = numbered.serverSeq = (*nextSeq)++;
        numbered.serverTime = now;
        const QByteArray numberedJson = JsonBytes::event(numbered, numberPayload);
        batch->stored.insert(numbered.id, numberedJson);
        batch->newEvents.append({numbered, numberedJson});
    }
    batch->records.insert(e.caseId, record);
    batch->dirty.insert(e.caseId, lastSeq);
    return Result::success();
}

Result ServerStore::pushEvents(const User &actor, const QList<CaseEvent> &events, QList<PushOutcome> *outcomes)
{
    outcomes->clear();
    QSqlDatabase db = database();
    if (!db.transaction())
        return failure(tr("starting a transaction"));
    auto fail = [&db](const Result &r) {
        db.rollback();
        return r;
    };
    qint64 nextSeq = lastServerSeq() + 1;
    Batch batch;
    Result r = loadBatch(events, &batch);
    if (!r.ok)
        return fail(r);
    QList<PushOutcome> results;
    results.reserve(events.size());
    for (const CaseEvent &e : events) {
        PushOutcome outcome;
        r = pushOne(actor, e, &nextSeq, &batch, &outcome);
        if (!r.ok)
            return fail(r);
        results.append(outcome);
    }
    r = writeBatch(batch);
    if (!r.ok)
        return fail(r);
    for (auto it = batch.dirty.cbegin(); it != batch.dirty.cend(); ++it)
        m_caseViews.remove(it.key());
    if (!db.commit())
        return fail(failure(tr("committing pushed events")));
    *outcomes = results;
    return Result::success();
}

Result ServerStore::pullEvents(const User &reader, const Cursor &after, int limit, PullPage *page) const
{
    *page = PullPage();
    page->next = after;
    const AccessPolicy::Scope scope = AccessPolicy::scopeFor(reader);
    if (scope.kind == AccessPolicy::Scope::Kind::None)
        return Result::success();
    const QString cols = QStringLiteral("e.body, e.server_seq");
    QString sql;
    switch (scope.kind) {
    case AccessPolicy::Scope::Kind::All:
        sql = QStringLiteral("SELECT %1, e.server_seq FROM events e WHERE e.server_seq > :after"
                             " ORDER BY e.server_seq LIMIT :lim").arg(cols);
        break;
    case AccessPolicy::Scope::Kind::Street:
    case AccessPolicy::Scope::Kind::Community:
        sql = QStringLiteral("SELECT %1, e.server_seq FROM events e JOIN cases c ON c.id = e.case_id"
                             " WHERE c.%2 = :unit AND e.server_seq > :after ORDER BY e.server_seq LIMIT :lim")
                  .arg(cols, scope.kind == AccessPolicy::Scope::Kind::Street ? QStringLiteral("street")
                                                                              : QStringLiteral("community"));
        break;
    case AccessPolicy::Scope::Kind::Department: {
        const QString visible = QStringLiteral("CASE WHEN e.server_seq > d.since_seq THEN e.server_seq ELSE d.since_seq END");
        sql = QStringLiteral("SELECT %1, %2 AS visible_seq FROM events e JOIN case_departments d ON d.case_id = e.case_id"
                             " WHERE d.department = :unit AND (e.server_seq > :after OR d.since_seq > :after2)"
                             " AND (%2 > :v1 OR (%2 = :v2 AND e.server_seq > :s))"
                             " ORDER BY visible_seq, e.server_seq LIMIT :lim").arg(cols, visible);
        break;
    }
    case AccessPolicy::Scope::Kind::None:
        break;
    }
    QSqlQuery &q = statement(sql);
    if (scope.kind != AccessPolicy::Scope::Kind::All)
        q.bindValue(QStringLiteral(":unit"), text(scope.orgUnitId));
    if (scope.kind == AccessPolicy::Scope::Kind::Department) {
        q.bindValue(QStringLiteral(":after2"), after.serverSeq);
        q.bindValue(QStringLiteral(":v1"), after.visibleSeq);
        q.bindValue(QStringLiteral(":v2"), after.visibleSeq);
        q.bindValue(QStringLiteral(":s"), after.serverSeq);
    }
    // For the department query ":after" pre-filters on server_seq: anything newer than the cursor's serverSeq.
    q.bindValue(QStringLiteral(":after"), scope.kind == AccessPolicy::Scope::Kind::Department ? after.serverSeq
                                                                                           : after.visibleSeq);
    q.bindValue(QStringLiteral(":lim"), limit + 1);
    if (!q.exec())
        return queryFailure(q, tr("reading events"));
    while (q.next()) {
        if (page->eventJson.size() == limit) {
            page->hasMore = true;
            break;
        }
        page->eventJson.append(q.value(0).toString().toUtf8());
        page->next.serverSeq = q.value(1).toLongLong();
        page->next.visibleSeq = q.value(2).toLongLong();
    }
    q.finish();
    return Result::success();
}

} // namespace gw

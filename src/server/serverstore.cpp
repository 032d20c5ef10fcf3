#include "serverstore.h"
#include "whistledeadlines.h"
#include "ruleshistory.h"
#include "jsonbytes.h"
#include "accesspolicy.h"
#include "servermigrations.h"
#include "sqliteeventwriter.h"
#include "sqlstatements.h"
#include <QCoreApplication>
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

QString text(const QString &s) { return SqlStatements::text(s); }
QString text(const QByteArray &s) { return text(QString::fromLatin1(s)); }

// An event as stored: its wire JSON (`body`). The other columns index it (id, case, order) and keep the chain
// fields queryable; verification reads the body, which is what the hash covers.
CaseEvent eventFromBody(const QByteArray &body)
{
    CaseEvent e;
    Message why;
    CaseEvent::fromJson(QJsonDocument::fromJson(body).object(), &e, &why);
    return e;
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
    : m_options(options), m_rules(workflow, options.maxClockSkewSeconds),
      m_connection(QStringLiteral("gw-server-") + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_sql(std::make_unique<SqlStatements>(m_connection)),
      m_adminLog(m_connection),
      m_accounts(m_connection, {options.pbkdf2Iterations, options.tokenTtlSeconds}, &m_adminLog),
      m_reference(m_connection, &m_adminLog, &m_accounts),
      m_publications(m_connection, &m_adminLog)
{
}

ServerStore::~ServerStore() { close(); }

QSqlDatabase ServerStore::database() const { return QSqlDatabase::database(m_connection, false); }

QSqlQuery &ServerStore::statement(const QString &sql) const { return m_sql->get(sql); }

QSqlQuery &ServerStore::multiRowStatement(const QString &head, int rows, int columns, const QString &tail) const
{
    return m_sql->multiRow(head, rows, columns, tail);
}

QString ServerStore::driverName() const { return database().driverName(); }

void ServerStore::close()
{
    m_sqliteWriter.reset();  // its statements go before the connection they were prepared on
    m_sql->clear();
    m_accounts.reset();
    m_adminLog.reset();
    m_reference.reset();
    m_publications.reset();
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

Result ServerStore::failure(const Message &what) const
{
    return Result::failure(QStringLiteral("storage_error"), tr("Database error while %1: %2").arg(what, database().lastError().text()));
}

static Result queryFailure(const QSqlQuery &q, const Message &what) { return SqlStatements::failure(q, what); }

Result ServerStore::open(const Message &what)
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
            if (result.ok)  // the district's org directory, which old cases are replayed with
                result = m_reference.installStored();
            if (result.ok)
                result = upgradeProjections();
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
        what = tr("PostgreSQL database %1 on %2:%3").arg(db.databaseName(), db.hostName()).arg(db.port()).text();
    }
    return open(what);
}

// --- Events ---

std::optional<CaseRecord> ServerStore::caseById(const QString &caseId) const
{
    std::optional<CaseView> view = caseView(caseId);
    if (!view)
        return std::nullopt;
    return std::move(view->record);
}

QStringList ServerStore::escalatedCaseIds(const QDateTime &since) const
{
    QSqlQuery &q = statement(QStringLiteral("SELECT DISTINCT case_id FROM events WHERE type = :type AND server_time >= :since"
                                            " ORDER BY case_id"));
    q.bindValue(QStringLiteral(":type"), eventTypeToString(EventType::Escalated));
    q.bindValue(QStringLiteral(":since"), text(JsonBytes::timeText(since)));
    QStringList ids;
    if (!q.exec()) {
        qWarning("reading the escalated cases: %s", qPrintable(q.lastError().text()));
        return ids;
    }
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    return ids;
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

Result ServerStore::nextCaseNumber(const QDateTime &when, Batch *batch, CaseNumber *number)
{
    const int year = CaseNumber::yearOf(when);
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
    *number = CaseNumber(year, ++*it);
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

Result ServerStore::upgradeProjections()
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT value FROM counters WHERE name = 'projection_format'"));
    if (!q.exec())
        return queryFailure(q, tr("reading the projection format"));
    if (q.next() && q.value(0).toLongLong() >= CaseRecord::ProjectionFormat)
        return Result::success();
    q.finish();
    // Cases stored by an older program lack what apply() projects now (step clocks): replay each from its
    // events once, in one transaction, so the cases shown and `verify`'s replay agree.
    if (!db.transaction())
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot begin upgrading the stored cases: %1")
                                                                    .arg(db.lastError().text()));
    auto fail = [&db](const Result &r) {
        db.rollback();
        return r;
    };
    QStringList ids;
    QSqlQuery list(db);
    list.setForwardOnly(true);
    if (!list.exec(QStringLiteral("SELECT id FROM cases")))
        return fail(queryFailure(list, tr("upgrading the stored cases")));
    while (list.next())
        ids.append(list.value(0).toString());
    list.finish();
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE cases SET state = :s WHERE id = :i"));
    RulesHistory rules(m_reference);  // each event under the rules it was taken with, as `verify` replays it
    for (const QString &id : std::as_const(ids)) {
        const QList<CaseEvent> events = eventsOf(id);
        CaseRecord record;
        if (events.isEmpty() || !rules.replay(events, &record).ok)
            continue;  // left as stored: `verify` names such a case
        update.bindValue(QStringLiteral(":s"), QString::fromUtf8(JsonBytes::caseState(record)));
        update.bindValue(QStringLiteral(":i"), text(id));
        if (!update.exec())
            return fail(queryFailure(update, tr("upgrading case %1").arg(id)));
    }
    QSqlQuery mark(db);
    mark.prepare(QStringLiteral("INSERT INTO counters (name, value) VALUES ('projection_format', :v)"
                                " ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    mark.bindValue(QStringLiteral(":v"), qint64(CaseRecord::ProjectionFormat));
    if (!mark.exec())
        return fail(queryFailure(mark, tr("upgrading the stored cases")));
    if (!db.commit())
        return fail(Result::failure(QStringLiteral("storage_error"), tr("Cannot save the upgraded cases: %1")
                                                                          .arg(db.lastError().text())));
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
    CaseEvent e = PushRules::received(actor, incoming);
    const QDateTime now = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    const auto found = batch->records.constFind(e.caseId);
    const bool exists = found != batch->records.constEnd();
    Result admitted = PushRules::checkAuthor(actor, incoming);
    if (admitted.ok)
        admitted = m_rules.admit(exists ? &*found : nullptr, e, now);
    // A whistle made offline under rules replaced since is also judged under them, within the grace period.
    if (!admitted.ok && admitted.field == WhistleDeadlines::ReasonKey)
        if (const std::optional<CategoryCatalog> earlier = m_reference.rulesFor(e))
            admitted = m_rules.admit(exists ? &*found : nullptr, e, now, &*earlier);
    if (!admitted.ok) {
        outcome->status = QStringLiteral("rejected");
        outcome->code = admitted.code;
        outcome->reason = admitted.message;
        return Result::success();
    }

    CaseRecord record = exists ? *found : CaseRecord();
    const QByteArray payloadJson = m_rules.append(record, e);
    e.serverSeq = (*nextSeq)++;
    e.serverTime = now;
    outcome->json = JsonBytes::event(e, payloadJson);
    outcome->status = QStringLiteral("accepted");
    outcome->sealedAsSent = e.caseSeq == incoming.caseSeq && e.hash == incoming.hash;
    outcome->event = e;
    batch->stored.insert(e.id, outcome->json);  // the same id again in this batch is a duplicate
    batch->newEvents.append({e, outcome->json});
    qint64 lastSeq = e.serverSeq;

    if (PushRules::needsNumber(e)) {
        CaseEvent numbered = PushRules::numbering(e.caseId);
        if (m_clock)
            numbered.clientTime = now;
        CaseNumber number;
        const Result numberedOk = nextCaseNumber(numbered.clientTime, batch, &number);
        if (!numberedOk.ok)
            return numberedOk;
        QByteArray numberPayload;
        const Result ok = m_rules.numberCase(record, numbered, number, &numberPayload);
        if (!ok.ok)
            return Result::failure(QStringLiteral("storage_error"), tr("Cannot number case %1: %2").arg(e.caseId, ok.message));
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

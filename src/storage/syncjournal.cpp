#include "syncjournal.h"
#include "caselog.h"
#include "casequery.h"
#include "eventbuilder.h"
#include "storerows.h"
#include "jsonbytes.h"
#include "localdatabase.h"
#include "sqlitestatement.h"
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

SyncJournal::SyncJournal(LocalDatabase &db, CaseLog &log, QObject *parent) : QObject(parent), m_db(db), m_log(log) {}

Result SyncJournal::commitAndAnnounce(const QStringList &changedCases)
{
    const Result r = m_log.commit();
    if (r.ok && !changedCases.isEmpty())
        Q_EMIT casesChanged(changedCases);
    return r;
}

int SyncJournal::pendingCount(const QString &author) const
{
    if (!m_db.isOpen())
        return 0;
    QSqlQuery q(m_db.database());
    if (author.isEmpty())
        return q.exec(QStringLiteral("SELECT count(*) FROM outbox")) && q.next() ? q.value(0).toInt() : 0;
    q.prepare(QStringLiteral("SELECT count(*) FROM outbox o JOIN events e ON e.id = o.event_id WHERE e.actor = ?"));
    q.addBindValue(author);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

QList<SyncJournal::WaitingWork> SyncJournal::waitingForOthers(const User &user) const
{
    QList<WaitingWork> out;
    if (!m_db.isOpen())
        return out;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT e.actor, e.case_id, count(*) FROM outbox o JOIN events e ON e.id = o.event_id"
                             " WHERE e.actor <> ? GROUP BY e.actor, e.case_id ORDER BY e.actor, min(o.seq)"));
    q.addBindValue(user.id);
    if (!q.exec())
        return out;
    while (q.next()) {
        const QString author = q.value(0).toString();
        if (out.isEmpty() || out.last().author != author)
            out.append(WaitingWork{author, 0, {}, 0});
        WaitingWork &work = out.last();
        work.actions += q.value(2).toInt();
        const std::optional<CaseRecord> record = m_log.caseById(q.value(1).toString());
        if (record && AccessPolicy::canView(*record, user))
            work.visibleCases.append(QStringLiteral("%1 %2").arg(record->number, record->title));
        else
            ++work.hiddenCases;
    }
    return out;
}

QString SyncJournal::heldBy(const QString &caseId, const QString &userId) const
{
    QString author;
    return m_log.unsentAuthorOtherThan(caseId, userId, &author).ok ? author : QString();
}

Message SyncJournal::heldReason(const QString &author)
{
    return CaseLog::heldRefusal(author).message;
}

QList<CaseEvent> SyncJournal::outboxEvents(int limit, qint64 afterSeq, QList<qint64> *seqs, const QString &author) const
{
    QList<CaseEvent> out;
    if (seqs)
        seqs->clear();
    if (!m_db.isOpen() || limit <= 0)
        return out;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT o.seq, e.id, e.case_id, e.case_seq, e.type, e.payload, e.actor, e.role, e.org_unit,"
                             " e.device, e.client_time, e.server_seq, e.server_time, e.prev_hash, e.hash"
                             " FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.seq > ?"
                             " AND (? = '' OR e.actor = ?) ORDER BY o.seq LIMIT ?"));
    q.addBindValue(afterSeq);
    q.addBindValue(author.isNull() ? QStringLiteral("") : author);
    q.addBindValue(author.isNull() ? QStringLiteral("") : author);
    q.addBindValue(limit);
    if (!q.exec())
        return out;
    while (q.next()) {
        out.append(StoreRows::eventFromRow(q));
        if (seqs)
            seqs->append(q.value(0).toLongLong());
    }
    return out;
}

int SyncJournal::outboxAttempts(const QString &eventId, QString *lastError) const
{
    if (!m_db.isOpen())
        return 0;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT attempts, last_error FROM outbox WHERE event_id = ?"));
    q.addBindValue(eventId);
    if (!q.exec() || !q.next())
        return 0;
    if (lastError)
        *lastError = q.value(1).toString();
    return q.value(0).toInt();
}

Result SyncJournal::applyRemote(const QList<CaseEvent> &serverEvents)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    for (const CaseEvent &e : serverEvents) {
        if (e.serverSeq <= 0)
            return Result::failure(QStringLiteral("invalid_input"),
                                   tr("Server event %1 carries no server sequence number.").arg(e.id));
        if (e.hash != JsonBytes::hash(e, JsonBytes::payload(e.payload)))  // == computeHash(), cheaper
            return Result::failure(QStringLiteral("invalid_input"),
                                   tr("Server event %1 does not match its hash; it was changed on the way.").arg(e.id));
    }
    Result r = m_log.begin();
    if (!r.ok)
        return r;
    // Most pulled events simply extend a case that has no local actions waiting: those are applied to
    // the record in memory and the projection is written once per case. Any other case (own actions
    // accepted, local actions to re-seal, gaps) is rebuilt from its stored events.
    struct Extended {
        std::optional<CaseLog::CaseRow> before;
        CaseRecord after;
        bool rebuild = false;
        bool parked = false;
    };
    QHash<QString, Extended> cases;
    QStringList changed;
    QSet<QString> confirmed;  // cases where only our own actions came back, sealed as we sealed them
    QSqlQuery update(m_db.database()), history(m_db.database());
    update.prepare(QStringLiteral("UPDATE events SET id = ?, case_id = ?, case_seq = ?, type = ?, payload = ?, actor = ?,"
                                  " role = ?, org_unit = ?, device = ?, client_time = ?, server_seq = ?, server_time = ?,"
                                  " prev_hash = ?, hash = ? WHERE id = ?"));
    history.prepare(QStringLiteral("SELECT count(*), count(*) - count(server_seq) FROM events WHERE case_id = ?"));
    auto fail = [this](const Result &result) {
        m_log.rollback();
        return result;
    };
    for (const CaseEvent &e : serverEvents) {
        bool known = false, accepted = false, sealedAlike = false;
        r = m_log.findEvent(e.id, e.caseSeq, e.hash, &known, &accepted, &sealedAlike);
        if (!r.ok)
            return fail(r);
        if (accepted)
            continue;  // already applied: replays change nothing
        auto it = cases.find(e.caseId);
        if (sealedAlike && it == cases.end()) {
            // Our own action came back where we put it in the chain (the common case when pushing):
            // the hash covers position and predecessor, so the stored event and the case shown stay
            // exactly as they are; it only takes the server's number and leaves the outbox.
            r = m_log.confirmOwnEvent(e);
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
            x.before = m_log.loadCaseRow(e.caseId);
            history.bindValue(0, e.caseId);
            if (!history.exec() || !history.next())
                return fail(LocalDatabase::writeFailure(tr("applying server events"), history.lastError().text()));
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
                r = m_log.insertEvent(e, nullptr);
                if (!r.ok)
                    return fail(r);
                m_log.workflow().apply(x.after, e);
                continue;
            }
        }
        x.rebuild = true;
        if (!x.parked) {
            // Local actions move to negative positions until the rebuild re-seals them after the server's.
            x.parked = true;
            r = m_log.parkLocalActions(e.caseId, tr("applying server events"));
            if (!r.ok)
                return fail(r);
        }
        if (known) {
            // Our own action, accepted: it takes the server's seal and leaves the outbox.
            StoreRows::bindEvent(update, e);
            update.bindValue(14, e.id);
            if (!update.exec())
                return fail(Result::failure(QStringLiteral("chain_conflict"),
                                            tr("Server event %1 cannot take position #%2 of its case: %3")
                                                .arg(e.id).arg(e.caseSeq).arg(update.lastError().text())));
            r = m_log.unqueue(e.id);
            if (!r.ok)
                return fail(r);
        } else {
            r = m_log.insertEvent(e, nullptr);
            if (!r.ok)
                return fail(r);
        }
    }
    for (const QString &caseId : std::as_const(changed)) {
        const auto x = cases.constFind(caseId);
        if (x == cases.constEnd())
            r = m_log.settlePending(caseId);  // confirmations only
        else
            r = x->rebuild ? m_log.rebuildCase(caseId) : m_log.writeProjection(x->after, x->before, false);
        if (!r.ok)
            return fail(r);
    }
    return commitAndAnnounce(changed);
}

Result SyncJournal::moveToConflicts(const CaseEvent &event, const QString &code, const Message &reason)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO conflicts (event_id, case_id, event_json, code, reason, received_at)"
                             " VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(event.id);
    q.addBindValue(event.caseId);
    q.addBindValue(StoreRows::compactJson(event.toJson()));
    q.addBindValue(code);
    q.addBindValue(reason.toStored());  // rendered when shown, in the UI language of that moment
    q.addBindValue(StoreRows::nowText());
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("keeping the refused action"), q.lastError().text());
    for (const char *sql : {"DELETE FROM outbox WHERE event_id = ?", "DELETE FROM events WHERE id = ?"}) {
        q.prepare(QLatin1String(sql));
        q.addBindValue(event.id);
        if (!q.exec())
            return LocalDatabase::writeFailure(tr("keeping the refused action"), q.lastError().text());
    }
    return Result::success();
}

Result SyncJournal::rejectOutboxEvent(const QString &eventId, const QString &code, const Message &reason)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    const QString cleanCode = code.trimmed().isEmpty() ? QStringLiteral("rejected") : code.trimmed().left(64);
    const Message cleanReason = reason.text().trimmed().isEmpty()
                                    ? Message(tr("The server refused this action without a reason."))
                                    : reason.isCatalogued() ? reason : Message(reason.text().trimmed().left(Workflow::MaxReason));
    Result r = m_log.begin();
    if (!r.ok)
        return r;
    auto fail = [this](const Result &result) {
        m_log.rollback();
        return result;
    };
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT %1 FROM events WHERE id = ? AND id IN (SELECT event_id FROM outbox)").arg(StoreRows::columns()));
    q.addBindValue(eventId);
    if (!q.exec())
        return fail(LocalDatabase::writeFailure(tr("keeping the refused action"), q.lastError().text()));
    if (!q.next()) {
        q.prepare(QStringLiteral("SELECT 1 FROM conflicts WHERE event_id = ?"));
        q.addBindValue(eventId);
        const bool already = q.exec() && q.next();
        m_log.rollback();
        return already ? Result::success()
                       : Result::failure(QStringLiteral("not_found"),
                                         tr("Action %1 is not waiting to be sent.").arg(eventId));
    }
    const CaseEvent refused = StoreRows::eventFromRow(q);
    q.finish();
    r = moveToConflicts(refused, cleanCode, cleanReason);
    if (!r.ok)
        return fail(r);
    if (refused.type == EventType::Registered) {
        // Without its registration the case does not exist on the server: every later local action on it
        // would be refused too, so they join the inbox now and can be retried after the registration.
        q.prepare(QStringLiteral("SELECT %1 FROM events WHERE case_id = ? AND server_seq IS NULL ORDER BY seq").arg(StoreRows::columns()));
        q.addBindValue(refused.caseId);
        if (!q.exec())
            return fail(LocalDatabase::writeFailure(tr("keeping the refused action"), q.lastError().text()));
        QList<CaseEvent> followers;
        while (q.next())
            followers.append(StoreRows::eventFromRow(q));
        q.finish();
        for (const CaseEvent &e : std::as_const(followers)) {
            r = moveToConflicts(e, QStringLiteral("invalid_state"),
                                tr("The registration of this case was refused: %1").arg(cleanReason).left(Workflow::MaxReason));
            if (!r.ok)
                return fail(r);
        }
    }
    r = m_log.rebuildCase(refused.caseId);
    if (!r.ok)
        return fail(r);
    return commitAndAnnounce({refused.caseId});
}

QList<ConflictItem> SyncJournal::conflicts(bool includeResolved) const
{
    QList<ConflictItem> out;
    if (!m_db.isOpen())
        return out;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT event_json, code, reason, received_at, resolution, resolved_at FROM conflicts%1"
                               " ORDER BY received_at, rowid")
                    .arg(includeResolved ? QString() : QStringLiteral(" WHERE resolution = ''"))))
        return out;
    while (q.next()) {
        ConflictItem item;
        Message error;
        CaseEvent::fromJson(StoreRows::parseObject(q.value(0).toString()), &item.event, &error);
        item.code = q.value(1).toString();
        item.reason = Message::fromStored(q.value(2).toString());
        item.receivedAt = StoreRows::timeFromText(q.value(3));
        item.resolution = q.value(4).toString();
        item.resolvedAt = StoreRows::timeFromText(q.value(5));
        out.append(item);
    }
    return out;
}

int SyncJournal::openConflictCount() const
{
    if (!m_db.isOpen())
        return 0;
    QSqlQuery q(m_db.database());
    return q.exec(QStringLiteral("SELECT count(*) FROM conflicts WHERE resolution = ''")) && q.next()
               ? q.value(0).toInt() : 0;
}

// Loads an open conflict, or says why it cannot be acted on.
Result SyncJournal::openConflict(const QString &eventId, ConflictItem *item) const
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT event_json, code, reason, resolution FROM conflicts WHERE event_id = ?"));
    q.addBindValue(eventId);
    if (!q.exec() || !q.next())
        return Result::failure(QStringLiteral("not_found"), tr("There is no refused action %1.").arg(eventId));
    if (!q.value(3).toString().isEmpty())
        return Result::failure(QStringLiteral("invalid_state"),
                               tr("The refused action %1 was already dealt with (%2).").arg(eventId, q.value(3).toString()));
    Message error;
    if (!CaseEvent::fromJson(StoreRows::parseObject(q.value(0).toString()), &item->event, &error))
        return Result::failure(QStringLiteral("storage_error"), error);
    item->code = q.value(1).toString();
    item->reason = Message::fromStored(q.value(2).toString());
    return Result::success();
}

Result SyncJournal::resolveConflict(const QString &eventId, const QString &resolution)
{
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE conflicts SET resolution = ?, resolved_at = ? WHERE event_id = ?"));
    q.addBindValue(resolution);
    q.addBindValue(StoreRows::nowText());
    q.addBindValue(eventId);
    if (!q.exec())
        return Result::failure(QStringLiteral("storage_error"), q.lastError().text());
    return Result::success();
}

Result SyncJournal::appendAndResolve(QList<CaseEvent> events, const QString &conflictId, const QString &resolution)
{
    Result r = m_log.begin();
    if (!r.ok)
        return r;
    QStringList changed;
    if (!events.isEmpty())
        r = m_log.appendLocal(events, nullptr, &changed);
    if (r.ok)
        r = resolveConflict(conflictId, resolution);
    if (!r.ok) {
        m_log.rollback();
        return r;
    }
    return commitAndAnnounce(changed);
}

Result SyncJournal::retryConflict(const QString &eventId, const User &user)
{
    ConflictItem item;
    const Result r = openConflict(eventId, &item);
    if (!r.ok)
        return r;
    const CaseEvent e = EventBuilder(user, m_db.deviceId()).make(item.event.type, item.event.caseId, item.event.payload);
    return appendAndResolve({e}, eventId, QStringLiteral("retried:") + e.id);
}

Result SyncJournal::discardConflict(const QString &eventId, const User &user)
{
    ConflictItem item;
    const Result r = openConflict(eventId, &item);
    if (!r.ok)
        return r;
    QList<CaseEvent> note;
    if (m_log.caseById(item.event.caseId)) {
        // The discard itself joins the case's audit trail, so nobody can drop an action unseen.
        const QString text = tr("Discarded the offline action \"%1\" (%2) that the server refused: %3")
                                 .arg(eventTypeDisplayName(item.event.type), item.event.id, item.reason.text())
                                 .left(Workflow::MaxReason);
        note.append(EventBuilder(user, m_db.deviceId())
                        .make(EventType::Commented, item.event.caseId, {{QStringLiteral("text"), text}}));
    }
    return appendAndResolve(note, eventId, QStringLiteral("discarded:") + user.id);
}

void SyncJournal::recordPushFailure(const QStringList &eventIds, const QString &error)
{
    if (!m_db.isOpen() || eventIds.isEmpty())
        return;
    if (!m_db.begin().ok)
        return;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?"));
    for (const QString &id : eventIds) {
        q.bindValue(0, error.left(Workflow::MaxReason));
        q.bindValue(1, id);
        if (!q.exec()) {
            m_db.rollback();
            return;
        }
    }
    m_db.commit();
}

QString SyncJournal::syncValue(const QString &key) const
{
    if (!m_db.isOpen())
        return {};
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"));
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

Result SyncJournal::setSyncValue(const QString &key, const QString &value)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    if (key.trimmed().isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), tr("A sync setting needs a name."));
    QSqlQuery q(m_db.database());
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
        return LocalDatabase::writeFailure(tr("saving sync state"), q.lastError().text());
    return Result::success();
}

Result SyncJournal::purgeOutsideScope(const AccessPolicy::Scope &scope)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    if (scope.kind == AccessPolicy::Scope::Kind::All)
        return Result::success();
    CaseFilter filter;
    filter.scope = scope;
    const CaseQuery query(filter);
    // Cases with unsent local actions stay: purging them would lose work nobody has sent yet.
    const QString sql = query.matchesNothing()
                            ? QStringLiteral("SELECT id FROM cases WHERE pending = 0")
                            : QStringLiteral("SELECT id FROM cases WHERE pending = 0 AND NOT (%1)").arg(query.conditions());
    Result r = m_log.begin();
    if (!r.ok)
        return r;
    QSqlQuery q(m_db.database());
    q.setForwardOnly(true);
    q.prepare(sql);
    if (!query.matchesNothing())
        StoreRows::bindAll(q, query.bindings());
    if (!q.exec()) {
        m_log.rollback();
        return LocalDatabase::writeFailure(tr("removing cases"), q.lastError().text());
    }
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    QSqlQuery del(m_db.database());
    for (const QString &id : std::as_const(ids)) {
        r = m_log.deleteProjection(id);
        for (const char *stmt : {"DELETE FROM events WHERE case_id = ?", "DELETE FROM attachments WHERE case_id = ?"}) {
            if (!r.ok)
                break;
            del.prepare(QLatin1String(stmt));
            del.addBindValue(id);
            if (!del.exec())
                r = LocalDatabase::writeFailure(tr("removing cases"), del.lastError().text());
        }
        if (!r.ok) {
            m_log.rollback();
            return r;
        }
    }
    return commitAndAnnounce(ids);
}

} // namespace gw

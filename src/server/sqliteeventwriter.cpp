#include "sqliteeventwriter.h"
#include "message.h"
#include "jsonbytes.h"
#include <QCoreApplication>

namespace gw {

namespace {

// The messages ServerStore gives for the same steps on its QSqlQuery path, in its translation context.
Result failure(const Message &what, const QString &detail)
{
    return Result::failure(QStringLiteral("storage_error"),
                           Message::translate("gw::ServerStore", "Database error while %1: %2").arg(what, detail));
}

} // namespace

bool SqliteEventWriter::prepare(const QSqlDatabase &db, QString *error)
{
    sqlite3 *handle = SqliteStatement::handleOf(db, error);
    if (!handle)
        return false;
    const bool ok =
        m_insertEvent.prepare(handle, "INSERT INTO events (server_seq, id, case_id, case_seq, type, actor, role, org_unit,"
                                      " device, client_time, server_time, prev_hash, hash, body)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        && m_writeCase.prepare(handle, "INSERT INTO cases (id, number, street, community, status, case_seq, last_hash,"
                                       " last_server_seq, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                       " ON CONFLICT (id) DO UPDATE SET number = excluded.number, street = excluded.street,"
                                       " community = excluded.community, status = excluded.status,"
                                       " case_seq = excluded.case_seq, last_hash = excluded.last_hash,"
                                       " last_server_seq = excluded.last_server_seq, state = excluded.state");
    if (!ok) {
        *error = m_insertEvent.errorText().isEmpty() ? m_writeCase.errorText() : m_insertEvent.errorText();
        m_insertEvent.finalize();
        m_writeCase.finalize();
    }
    return ok;
}

Result SqliteEventWriter::insertEvent(const CaseEvent &e, const QByteArray &wireJson)
{
    SqliteStatement &q = m_insertEvent;
    q.bindInt(1, e.serverSeq);
    q.bindText(2, e.id);
    q.bindText(3, e.caseId);
    q.bindInt(4, e.caseSeq);
    q.bindText(5, eventTypeToString(e.type));
    q.bindText(6, e.actorId);
    q.bindText(7, roleToString(e.actorRole));
    q.bindText(8, e.actorOrgUnit);
    q.bindText(9, e.deviceId);
    q.bindUtf8(10, JsonBytes::timeText(e.clientTime));
    q.bindUtf8(11, JsonBytes::timeText(e.serverTime));
    q.bindUtf8(12, e.prevHash);
    q.bindUtf8(13, e.hash);
    // The wire form is what is kept, so a pull sends stored bytes instead of rebuilding every event.
    q.bindUtf8(14, wireJson);
    return q.step() ? Result::success() : failure(Message::translate("gw::ServerStore", "storing event %1").arg(e.id), q.errorText());
}

Result SqliteEventWriter::writeCase(const CaseRecord &record, qint64 lastServerSeq)
{
    SqliteStatement &q = m_writeCase;
    q.bindText(1, record.id);
    q.bindText(2, record.number);
    q.bindText(3, record.streetId);
    q.bindText(4, record.communityId);
    q.bindText(5, caseStatusToString(record.status));
    q.bindInt(6, record.eventCount);
    q.bindUtf8(7, record.lastHash);
    q.bindInt(8, lastServerSeq);
    q.bindUtf8(9, JsonBytes::caseState(record));
    return q.step() ? Result::success() : failure(Message::translate("gw::ServerStore", "updating case %1").arg(record.id), q.errorText());
}

} // namespace gw

#pragma once
#include "result.h"
#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

namespace gw {

class ServerStore;

// The event log and the case projection read back exactly as stored, columns and all, for checks that must not
// trust the store's own reading of them (gridwhistle-server verify). Reads on the store's connection.
class EventLogReader
{
public:
    struct CaseRow {
        QString id;
        QString number;
        int caseSeq = 0;
        QByteArray lastHash;
        QByteArray state;  // the projection's JSON
    };
    struct EventRow {
        qint64 serverSeq = 0;
        QString id;
        QString caseId;
        int caseSeq = 0;
        QByteArray hash;
        QByteArray body;  // the stored wire JSON, which the hash covers
    };

    explicit EventLogReader(const ServerStore &store) : m_store(store) {}

    // Every row of `cases`. A failure's message is the database driver's.
    Result cases(QList<CaseRow> *rows) const;
    // The projection's JSON of every case (id order), one at a time: the district's assessment reads every case.
    Result forEachCaseState(const std::function<void(const QByteArray &state)> &visit) const;
    // Every row of `events` in (case_id, case_seq) order, handed over one at a time so memory stays bounded.
    // A failure's message is the database driver's.
    Result forEachEvent(const std::function<void(const EventRow &)> &visit) const;

private:
    const ServerStore &m_store;
};

} // namespace gw

#pragma once
#include "message.h"
#include "accountstore.h"
#include "administrativelog.h"
#include "publicationstore.h"
#include "referencestore.h"
#include "caseevent.h"
#include "caserecord.h"
#include "casenumber.h"
#include "pushrules.h"
#include "result.h"
#include "user.h"
#include "workflow.h"
#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <functional>
#include <memory>
#include <optional>
#include <QCoreApplication>

namespace gw {

class SqliteEventWriter;
class SqlStatements;

// The district server's authoritative store: the global event log and the case projection, and the connection
// the accounts (accounts()) share. Runs on SQLite (a file in the data dir) or PostgreSQL (QPSQL) with the same SQL;
// every value goes in through bound parameters. What a pushed event must satisfy is PushRules' (core); this class
// reads and writes the rows. Owned by the server's main thread.
class ServerStore
{
    GW_DECLARE_MESSAGES(gw::ServerStore)

public:
    struct Options {
        int pbkdf2Iterations = 120000;      // for accounts()
        int tokenTtlSeconds = 12 * 3600;    // for accounts()
        int maxClockSkewSeconds = 5 * 60;  // pushed events dated further in the future are refused (PushRules)
    };
    // One pushed event's fate.
    struct PushOutcome {
        QString id;
        QString status;  // accepted | duplicate | rejected
        QString code;    // for rejected: forbidden, invalid_state, invalid_input, clock_skew
        Message reason;  // for rejected: why, for the pusher to read in its language
        CaseEvent event; // for accepted/duplicate: as sealed and stored by the server
        QByteArray json; // the same event in its stored wire form (compact JSON)
        bool sealedAsSent = false;  // accepted exactly as pushed (same position and hash), numbered by the server
    };
    // Where a reader stopped: events are read in (visibleSeq, serverSeq) order. visibleSeq is the server_seq from
    // which the reader may see the event; it differs from serverSeq only for the earlier history of a case a
    // department was summoned to later.
    struct Cursor {
        qint64 visibleSeq = 0;
        qint64 serverSeq = 0;
        static bool parse(const QString &text, Cursor *cursor);
        QString toString() const;
    };
    struct PullPage {
        QList<QByteArray> eventJson;  // each event as stored: compact JSON, ready to send
        Cursor next;
        bool hasMore = false;
    };

    ServerStore();
    explicit ServerStore(const Options &options, const Workflow &workflow = Workflow());
    ~ServerStore();
    ServerStore(const ServerStore &) = delete;
    ServerStore &operator=(const ServerStore &) = delete;

    Result openSqlite(const QString &path);
    // postgresql://user:password@host:port/database
    Result openPostgres(const QUrl &url);
    void close();
    QString driverName() const;
    QSqlDatabase database() const;
    const Options &options() const { return m_options; }
    // The clock of pushes (server time, the numbering event, the clock-skew check): the current time unless set.
    // DemoDataSeeder sets each demo push's own moment, so the demo history reads as if the server ran back then.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // Accounts and bearer tokens, on this store's connection.
    AccountStore &accounts() { return m_accounts; }
    AdministrativeLog &adminLog() { return m_adminLog; }
    const AdministrativeLog &adminLog() const { return m_adminLog; }
    ReferenceStore &reference() { return m_reference; }
    const ReferenceStore &reference() const { return m_reference; }
    // Published months of the assessment (issue 16).
    PublicationStore &publications() { return m_publications; }
    const PublicationStore &publications() const { return m_publications; }
    const AccountStore &accounts() const { return m_accounts; }

    // --- Events ---
    // Each event is checked against the case as it stands (after the ones before it in the batch), then sealed at
    // its place in the case's chain and given the next server_seq, all in one transaction. The actor fields are
    // taken from `actor`, never from the event. A new case gets its official number as a case.numbered event.
    Result pushEvents(const User &actor, const QList<CaseEvent> &events, QList<PushOutcome> *outcomes);
    Result pullEvents(const User &reader, const Cursor &after, int limit, PullPage *page) const;
    std::optional<CaseRecord> caseById(const QString &caseId) const;
    // The cases escalated to the city (a case.escalated event stored) at or after `since`, for the city bridge's
    // start-up check that each has its message queued. Empty when it cannot be read (logged).
    QStringList escalatedCaseIds(const QDateTime &since) const;
    // A case as the API sends it: the projection and its compact JSON, from memory when read recently.
    struct CaseView {
        CaseRecord record;
        QByteArray json;  // QJsonDocument(record.toJson()).toJson(Compact)
    };
    std::optional<CaseView> caseView(const QString &caseId) const;
    QList<CaseEvent> eventsOf(const QString &caseId) const;
    qint64 lastServerSeq() const;
    qint64 eventCount() const;
    qint64 caseCount() const;

private:
    // Everything a push batch changes, worked out in memory first and written with a few multi-row statements
    // at its end (one statement per event costs a round trip each on PostgreSQL).
    struct Batch {
        QHash<QString, CaseRecord> records;  // cases touched, as they stand after the events so far
        QHash<QString, qint64> dirty;        // case id -> last server_seq, to write back
        QHash<QString, QByteArray> stored;   // event id -> stored wire JSON: already known (replays)
        QList<std::pair<CaseEvent, QByteArray>> newEvents;  // sealed events and their wire JSON, in server_seq order
        QHash<int, qint64> numbers;          // year -> last case number handed out
    };
    Result pushOne(const User &actor, const CaseEvent &incoming, qint64 *nextSeq, Batch *batch, PushOutcome *outcome);
    Result loadBatch(const QList<CaseEvent> &events, Batch *batch);
    Result writeBatch(const Batch &batch);
    Result insertEvents(const QList<std::pair<CaseEvent, QByteArray>> &events, qsizetype from, int rows);
    Result writeCases(const QList<std::pair<const CaseRecord *, qint64>> &cases, qsizetype from, int rows);
    // Rows per multi-row statement: chunks of 256, then 128, 64 ... 1, so at most nine statement shapes are prepared.
    // (Measured on PostgreSQL: chunks of 64 made a push several times slower there.)
    static int chunkRows(qsizetype remaining);
    // Prepared once per connection and reused (SqlStatements).
    QSqlQuery &statement(const QString &sql) const;
    QSqlQuery &multiRowStatement(const QString &head, int rows, int columns, const QString &tail = {}) const;
    // The next number of the year `when` falls in (CaseNumber::yearOf); the counter is read once per batch.
    Result nextCaseNumber(const QDateTime &when, Batch *batch, CaseNumber *number);
    Result open(const Message &what);
    Result upgradeProjections();  // once per CaseRecord::ProjectionFormat
    Result failure(const Message &what) const;

    Options m_options;
    PushRules m_rules;
    QString m_connection;
    std::unique_ptr<SqlStatements> m_sql;
    AdministrativeLog m_adminLog;  // before m_accounts, which records into it
    AccountStore m_accounts;
    ReferenceStore m_reference;
    PublicationStore m_publications;
    std::unique_ptr<SqliteEventWriter> m_sqliteWriter;  // on SQLite: the push write path (see its header)
    // Cases read recently. Every case write goes through pushEvents, which drops the cases it wrote once they
    // are committed; bounded, emptied when full.
    mutable QHash<QString, CaseView> m_caseViews;
    std::function<QDateTime()> m_clock;
};

} // namespace gw

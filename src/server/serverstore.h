#pragma once
#include "caseevent.h"
#include "caserecord.h"
#include "result.h"
#include "user.h"
#include "workflow.h"
#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <memory>
#include <optional>
#include <QCoreApplication>

namespace gw {

class SqliteEventWriter;

// The district server's authoritative store: accounts, bearer tokens, the global event log and the case
// projection. Runs on SQLite (a file in the data dir) or PostgreSQL (QPSQL) with the same SQL; every value
// goes in through bound parameters. Owned by the server's main thread.
class ServerStore
{
    Q_DECLARE_TR_FUNCTIONS(gw::ServerStore)

public:
    struct Options {
        int pbkdf2Iterations = 120000;
        int tokenTtlSeconds = 12 * 3600;
        int maxClockSkewSeconds = 5 * 60;  // pushed events dated further in the future are refused
    };
    // One pushed event's fate.
    struct PushOutcome {
        QString id;
        QString status;  // accepted | duplicate | rejected
        QString code;    // for rejected: forbidden, invalid_state, invalid_input, clock_skew
        QString reason;  // for rejected: translated explanation
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

    // --- Accounts ---
    int userCount() const;
    std::optional<User> user(const QString &id) const;
    QList<User> users() const;
    Result createUser(const User &user, const QString &password);
    // Changes name, role, org unit and active flag; revokes the user's tokens when role, unit or active change.
    Result updateUser(const User &user);
    Result setPassword(const QString &userId, const QString &password);
    // Checks a login. Disabled and unknown accounts fail with the same message as a wrong password.
    Result authenticate(const QString &userId, const QString &password, User *user) const;
    static Result validateUser(const User &user);
    static Result validatePassword(const QString &password);

    // --- Bearer tokens ---
    Result issueToken(const QString &userId, QString *token, QDateTime *expiresAt);
    // The user behind a token; fails with code unauthorized and a reason (unknown, expired, revoked, disabled).
    Result userForToken(const QString &token, User *user) const;
    Result revokeToken(const QString &token);
    Result revokeTokensOf(const QString &userId);

    // --- Events ---
    // Each event is checked against the case as it stands (after the ones before it in the batch), then sealed at
    // its place in the case's chain and given the next server_seq, all in one transaction. The actor fields are
    // taken from `actor`, never from the event. A new case gets its official number as a case.numbered event.
    Result pushEvents(const User &actor, const QList<CaseEvent> &events, QList<PushOutcome> *outcomes);
    Result pullEvents(const User &reader, const Cursor &after, int limit, PullPage *page) const;
    std::optional<CaseRecord> caseById(const QString &caseId) const;
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
    // A prepared statement, prepared once per connection and reused (parsing SQL costs more than running it).
    QSqlQuery &statement(const QString &sql) const;
    // `head` + `rows` groups of `columns` placeholders ("?" when one column) separated by commas + `tail`.
    QSqlQuery &multiRowStatement(const QString &head, int rows, int columns, const QString &tail = {}) const;
    Result nextCaseNumber(const QDateTime &when, Batch *batch, QString *number);
    Result open(const QString &what);
    Result failure(const QString &what) const;

    Options m_options;
    Workflow m_workflow;
    QString m_connection;
    mutable QHash<QString, QSqlQuery> m_statements;
    std::unique_ptr<SqliteEventWriter> m_sqliteWriter;  // on SQLite: the push write path (see its header)
    // Sessions checked recently (token hash -> account and expiry), so a read costs one query instead of three.
    // Every change of tokens or accounts goes through this object and clears it; one server process per database.
    struct CachedSession {
        User user;
        qint64 expiresMs = 0;
    };
    mutable QHash<QString, CachedSession> m_sessions;
    // Cases read recently. Every case write goes through pushEvents, which drops the cases it wrote once they
    // are committed; bounded, emptied when full.
    mutable QHash<QString, CaseView> m_caseViews;
};

} // namespace gw

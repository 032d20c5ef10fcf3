// libFuzzer target: the district server's sync request handler (gw::ApiServer::dispatch over a real
// gw::ServerStore on a temporary SQLite file), without sockets. The input is the body of
// POST /api/v1/events as a logged-in user; an input starting with '?' is instead the query string of
// GET /api/v1/events (pull), and one starting with '/' a GET path under /api/v1/.
// Several requests may follow each other, separated by a line "--".
// An optional leading digit 0-5 picks who is logged in (see `accounts`), so the workflow's role checks
// are reached too. State carries over between inputs, as on a real server: cases registered by one input
// can be acted on by later ones.
// Invariants: no crash or sanitizer report; never a 5xx; every refusal is {error, message}; every 2xx push answer
// and pull page reads as the client reads it (PushAnswer / PullPage::fromJson); after any 2xx push every touched
// case's audit chain verifies and every returned event's hash is its content's hash.
#include "apiserver.h"
#include "auditchain.h"
#include "fuzzcheck.h"
#include "protocol/pullpage.h"
#include "protocol/pushanswer.h"
#include "serverstore.h"
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <cstdint>
#include <memory>

namespace {

struct Account {
    const char *id;
    gw::Role role;
    const char *orgUnit;
};
const Account accounts[] = {
    {"dispatcher", gw::Role::CenterDispatcher, "center.district"},
    {"reviewer", gw::Role::CenterReviewer, "center.district"},
    {"tuodong", gw::Role::StreetOperator, "street.tuodong"},
    {"chengguan", gw::Role::DepartmentHandler, "dept.chengguan"},
    {"reporter", gw::Role::CommunityReporter, "community.tuodong.1"},
    {"zhujian", gw::Role::DepartmentHandler, "dept.zhujian"},
};

struct Server {
    QCoreApplication *app = nullptr;
    QTemporaryDir dir;
    std::unique_ptr<gw::ServerStore> store;
    std::unique_ptr<gw::ApiServer> api;
    QList<QByteArray> authorization;  // per account
};
Server *server = nullptr;

QJsonObject bodyOf(const gw::ApiServer::Reply &reply)
{
    if (reply.raw.isEmpty())
        return reply.body;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(reply.raw, &parseError);
    GW_FUZZ_CHECK(parseError.error == QJsonParseError::NoError && doc.isObject());
    return doc.object();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Lives for the whole run and is never destroyed: libFuzzer ends the process with exit(), after Qt's own
    // globals may be gone. So the temporary store is left behind; .ci/fuzz.sh points TMPDIR at a folder it removes.
    server = new Server;
    server->app = new QCoreApplication(*argc, *argv);
    GW_FUZZ_CHECK(server->dir.isValid());
    gw::ServerStore::Options options;
    options.pbkdf2Iterations = 1000;  // accounts are made once here; the handler under test never hashes passwords
    server->store = std::make_unique<gw::ServerStore>(options);
    const gw::Result opened = server->store->openSqlite(server->dir.filePath(QStringLiteral("server.sqlite")));
    if (!opened.ok)
        qFatal("cannot open the fuzz server store: %s", qPrintable(opened.message));
    for (const Account &account : accounts) {
        const gw::User user = gw::User::make(QLatin1String(account.id), account.role, QLatin1String(account.orgUnit));
        const gw::Result created = server->store->accounts().createUser(user, QStringLiteral("fuzz-password"));
        if (!created.ok)
            qFatal("cannot create fuzz account %s: %s", account.id, qPrintable(created.message));
        QString token;
        QDateTime expiresAt;
        GW_FUZZ_CHECK(server->store->accounts().issueToken(user.id, &token, &expiresAt).ok);
        server->authorization.append("Bearer " + token.toLatin1());
    }
    server->api = std::make_unique<gw::ApiServer>(server->store.get());
    return 0;
}

namespace {

// One request: [account digit] then a push body, "?query" (pull) or "/path" (GET).
void handleRequest(QByteArray input)
{
    int account = 0;
    if (!input.isEmpty() && input.at(0) >= '0' && input.at(0) < char('0' + std::size(accounts))) {
        account = input.at(0) - '0';
        input.remove(0, 1);
    }
    const QByteArray &authorization = server->authorization.at(account);

    gw::ApiServer::Reply reply;
    bool isPush = false;
    // A pull page comes from GET /api/v1/events; other answers may hold an "events" member of another shape
    // (the verify report counts them).
    const bool isPull = input.startsWith('?') || input == "/events" || input.startsWith("/events?");
    if (input.startsWith('?')) {
        const QUrlQuery query(QString::fromUtf8(input.mid(1)));
        reply = server->api->dispatch(QStringLiteral("GET"), QStringLiteral("/api/v1/events"), query, authorization,
                                      QByteArray(), QByteArray());
    } else if (input.startsWith('/')) {
        reply = server->api->dispatch(QStringLiteral("GET"), QStringLiteral("/api/v1") + QString::fromUtf8(input),
                                      QUrlQuery(), authorization, QByteArray(), QByteArray());
    } else {
        isPush = true;
        reply = server->api->dispatch(QStringLiteral("POST"), QStringLiteral("/api/v1/events"), QUrlQuery(),
                                      authorization, QByteArrayLiteral("application/json"), input);
    }
    GW_FUZZ_CHECK(!reply.deferred);  // push and pull answer at once
    const int status = int(reply.status);
    GW_FUZZ_CHECK(status >= 200 && status < 500);
    const QJsonObject body = bodyOf(reply);
    if (qEnvironmentVariableIsSet("GW_FUZZ_VERBOSE"))  // to see what a seed or a reproducer does
        std::fprintf(stderr, "account %d -> %d %s\n", account, status,
                     reply.raw.isEmpty() ? QJsonDocument(body).toJson(QJsonDocument::Compact).left(300).constData()
                                         : reply.raw.left(300).constData());
    if (status >= 300) {
        GW_FUZZ_CHECK(body.value(QStringLiteral("error")).isString() && body.value(QStringLiteral("message")).isString());
        GW_FUZZ_CHECK(!body.value(QStringLiteral("message")).toString().isEmpty());
        return;
    }

    if (isPush) {
        // The answer reads as the client reads it (the protocol type the server wrote it with), and says
        // what happened to each event.
        gw::PushAnswer answer;
        gw::Message why;
        if (!gw::PushAnswer::fromJson(body, &answer, &why))
            std::fprintf(stderr, "push answer: %s\n", qPrintable(why.english()));
        GW_FUZZ_CHECK(why.isEmpty());
        QSet<QString> touchedCases;
        for (const gw::PushResult &result : std::as_const(answer.results)) {
            if (result.status == gw::PushResult::Status::Rejected) {
                GW_FUZZ_CHECK(!result.reason.isEmpty());
                continue;
            }
            GW_FUZZ_CHECK(result.serverSeq > 0);
            if (result.hasEvent) {
                const gw::CaseEvent &stored = result.event;
                GW_FUZZ_CHECK(stored.serverSeq == result.serverSeq && !stored.hash.isEmpty()
                              && stored.hash == stored.computeHash());
                touchedCases.insert(stored.caseId);
                continue;
            }
            // Taken exactly as pushed: the pushed event with that id carries the hash the answer repeats.
            GW_FUZZ_CHECK(result.status == gw::PushResult::Status::Accepted);
            bool found = false;
            for (const QJsonValue &pushed : QJsonDocument::fromJson(input).object().value(QStringLiteral("events")).toArray()) {
                const QJsonObject event = pushed.toObject();
                if (event.value(QStringLiteral("id")).toString() != result.id)
                    continue;
                GW_FUZZ_CHECK(event.value(QStringLiteral("hash")).toString().toLatin1() == result.hash);
                touchedCases.insert(event.value(QStringLiteral("case")).toString());
                found = true;
                break;
            }
            GW_FUZZ_CHECK(found);
        }
        for (const QString &caseId : std::as_const(touchedCases)) {
            const gw::AuditChain::Report chain = gw::AuditChain::verify(server->store->eventsOf(caseId));
            if (!chain.ok())
                std::fprintf(stderr, "audit chain of %s: %s\n", qPrintable(caseId), qPrintable(chain.message));
            GW_FUZZ_CHECK(chain.ok());
        }
    } else if (isPull) {
        // A pull page: readable by the client, every event numbered and hashed over its content.
        gw::PullPage page;
        gw::Message why;
        if (!gw::PullPage::fromJson(body, &page, &why))
            std::fprintf(stderr, "pull page: %s\n", qPrintable(why.english()));
        GW_FUZZ_CHECK(why.isEmpty());
        for (const gw::CaseEvent &event : std::as_const(page.events))
            GW_FUZZ_CHECK(!event.hash.isEmpty() && event.hash == event.computeHash());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Several requests in one input, separated by a line "--", so one seed can walk a case through its
    // workflow as the different roles in order.
    static const QByteArray separator = QByteArrayLiteral("\n--\n");
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    qsizetype start = 0;
    for (int request = 0; request < 32; ++request) {
        const qsizetype end = input.indexOf(separator, start);
        handleRequest(input.mid(start, end < 0 ? -1 : end - start));
        if (end < 0)
            break;
        start = end + separator.size();
    }
    return 0;
}

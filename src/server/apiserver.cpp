#include "apiserver.h"
#include "apireplies.h"
#include "ruleshistory.h"
#include "message.h"
#include "attachmentroutes.h"
#include "protocol/adminlogpage.h"
#include "districtassessment.h"
#include "protocol/referenceset.h"
#include "accesspolicy.h"
#include "auditchain.h"
#include "citybridge.h"
#include "orgdirectory.h"
#include "protocol/pullpage.h"
#include "protocol/pushanswer.h"
#include "protocol/pushrequest.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QStringDecoder>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QUuid>
#include <memory>

namespace gw {

namespace {

using namespace api;

bool isValidUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    Q_UNUSED(text);
    return !decoder.hasError();
}

bool isUuid(const QString &s) { return s.size() == 36 && !QUuid::fromString(s).isNull(); }

QJsonArray toArray(const QList<User> &users)
{
    QJsonArray arr;
    for (const User &u : users)
        arr.append(u.toJson());
    return arr;
}

const char *methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    default: return "OTHER";
    }
}

} // namespace

ApiServer::ApiServer(ServerStore *store, QObject *parent) : ApiServer(store, Limits(), parent) {}

ApiServer::ApiServer(ServerStore *store, const Limits &limits, QObject *parent)
    : QAbstractHttpServer(parent), m_store(store), m_limits(limits),
      m_assessment(std::make_unique<DistrictAssessment>(store))
{
}

ApiServer::~ApiServer() = default;

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    QByteArray authorization, contentType;
    for (const auto &header : request.headers()) {
        if (header.first.compare("authorization", Qt::CaseInsensitive) == 0)
            authorization = header.second;
        else if (header.first.compare("content-type", Qt::CaseInsensitive) == 0)
            contentType = header.second;
    }
    const QString method = QString::fromLatin1(methodName(request.method()));
    const QString path = request.url().path();
    const Reply reply = dispatch(method, path, request.query(), authorization, contentType, request.body());
    if (reply.deferred) {
        // The responder outlives this call; the socket may not (client gone): checked before writing.
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        QPointer<QTcpSocket> alive(socket);
        const bool verbose = m_verbose;
        reply.deferred([responder, alive, method, path, timer, verbose](const Reply &later) {
            if (!alive)
                return;
            responder->write(QJsonDocument(later.body).toJson(QJsonDocument::Compact),
                             QByteArrayLiteral("application/json"), later.status);
            if (verbose || int(later.status) >= 500)
                qInfo("http %s %s -> %d (%lld ms)", qPrintable(method), qPrintable(path.left(200)),
                      int(later.status), static_cast<long long>(timer.elapsed()));
        });
        return true;
    }
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(reply.raw.isEmpty() ? QJsonDocument(reply.body).toJson(QJsonDocument::Compact) : reply.raw,
                    reply.contentType.isEmpty() ? QByteArrayLiteral("application/json") : reply.contentType,
                    reply.status);
    if (m_verbose || int(reply.status) >= 500)
        qInfo("http %s %s -> %d (%lld ms)", qPrintable(method), qPrintable(path.left(200)), int(reply.status),
              static_cast<long long>(timer.elapsed()));
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket)
        .write(QJsonDocument(error(Status::NotFound, QStringLiteral("not_found"), Message::translate("gw::ApiServer", "No such endpoint.")).body)
                   .toJson(QJsonDocument::Compact),
               QByteArrayLiteral("application/json"), Status::NotFound);
}

ApiServer::Reply ApiServer::dispatch(const QString &method, const QString &path, const QUrlQuery &query,
                                     const QByteArray &authorization, const QByteArray &contentType,
                                     const QByteArray &body)
{
    static const QString prefix = QStringLiteral("/api/v1/");
    if (!path.startsWith(prefix))
        return error(Status::NotFound, QStringLiteral("not_found"), Message::translate("gw::ApiServer", "No such endpoint: %1").arg(path.left(100)));
    const QStringList parts = path.mid(prefix.size()).split(u'/');
    const QString resource = parts.value(0);
    // File bytes, not JSON: size, name, checksum and type are checked there (docs/sync-protocol.md, "Attachments").
    if (resource == QLatin1String("attachments"))
        return AttachmentRoutes(m_store).dispatch(method, parts, query, authorization, contentType, body);
    const bool isPush = resource == QLatin1String("events") && method == QLatin1String("POST");

    // --- Boundary checks on the raw request, before anything is parsed ---
    const qint64 maxBody = isPush ? m_limits.maxPushBodyBytes : m_limits.maxOtherBodyBytes;
    if (body.size() > maxBody)
        return error(Status::PayloadTooLarge, QStringLiteral("body_too_large"),
                     Message::translate("gw::ApiServer", "The request body has %1 bytes; at most %2 are accepted here.").arg(body.size()).arg(maxBody));
    if (!isValidUtf8(body))
        return error(Status::BadRequest, QStringLiteral("invalid_utf8"), Message::translate("gw::ApiServer", "The request body is not valid UTF-8."));
    QJsonObject json;
    const bool hasBody = method == QLatin1String("POST") || method == QLatin1String("PUT");
    if (hasBody && !body.isEmpty()) {
        if (!contentType.trimmed().toLower().startsWith("application/json"))
            return error(Status::UnsupportedMediaType, QStringLiteral("unsupported_media_type"),
                         Message::translate("gw::ApiServer", "Send the request body as application/json."));
        // JSON (RFC 8259) never holds a raw control character other than whitespace; Qt's parser lets them
        // through inside strings (a raw NUL even cuts the text short), so they are refused here.
        for (qsizetype i = 0; i < body.size(); ++i) {
            const uchar c = uchar(body.at(i));
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return error(Status::BadRequest, QStringLiteral("invalid_json"),
                             Message::translate("gw::ApiServer", "The request body holds a raw control character at byte %1; JSON text must escape it.")
                                 .arg(i));
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return error(Status::BadRequest, QStringLiteral("invalid_json"),
                         Message::translate("gw::ApiServer", "The request body is not valid JSON: %1 at byte %2.")
                             .arg(parseError.errorString()).arg(parseError.offset));
        if (!doc.isObject())
            return error(Status::BadRequest, QStringLiteral("invalid_json"), Message::translate("gw::ApiServer", "The request body must be a JSON object."));
        json = doc.object();
    }

    auto methodNotAllowed = [&]() {
        return error(Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                     Message::translate("gw::ApiServer", "%1 is not allowed on %2.").arg(method, path.left(100)));
    };

    // --- Endpoints without a session ---
    if (resource == QLatin1String("health") && parts.size() == 1)
        return ok({{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("version"), QStringLiteral(GW_VERSION)}});
    if (resource == QLatin1String("login") && parts.size() == 1)
        return method == QLatin1String("POST") ? login(json) : methodNotAllowed();

    // --- Everything else needs a bearer token ---
    const QString token = bearerToken(authorization);
    User user;
    const Result auth = m_store->accounts().userForToken(token, &user);
    if (!auth.ok)
        return fromResult(auth);

    if (resource == QLatin1String("logout") && parts.size() == 1)
        return method == QLatin1String("POST") ? logout(token) : methodNotAllowed();
    if (resource == QLatin1String("me") && parts.size() == 1)
        return method == QLatin1String("GET") ? me(user) : methodNotAllowed();
    if (resource == QLatin1String("me") && parts.size() == 2 && parts[1] == QLatin1String("password"))
        return method == QLatin1String("POST") ? changeOwnPassword(user, json) : methodNotAllowed();
    // A password someone else set (the initial admin's, an administrator's reset) opens nothing but its own change.
    if (user.mustChangePassword)
        return error(Status::Forbidden, QStringLiteral("password_change_required"),
                     Message::translate("gw::ApiServer", "Set a new password for %1 first; the current one was given to you by "
                                                         "an administrator.").arg(user.id));
    if (resource == QLatin1String("events") && parts.size() == 1) {
        if (method == QLatin1String("POST"))
            return pushEvents(user, json);
        if (method == QLatin1String("GET"))
            return pullEvents(user, query);
        return methodNotAllowed();
    }
    if (resource == QLatin1String("cases") && (parts.size() == 2 || (parts.size() == 3 && parts[2] == QLatin1String("verify")))) {
        if (method != QLatin1String("GET"))
            return methodNotAllowed();
        return caseDetail(user, parts[1], parts.size() == 3);
    }
    if (resource == QLatin1String("users") && parts.size() == 1) {
        if (method == QLatin1String("GET"))
            return listUsers(user);
        if (method == QLatin1String("POST"))
            return createUser(user, json);
        return methodNotAllowed();
    }
    if (resource == QLatin1String("users") && parts.size() == 2)
        return method == QLatin1String("PUT") ? updateUser(user, parts[1], json) : methodNotAllowed();
    if (resource == QLatin1String("reference") && parts.size() == 1)
        return method == QLatin1String("GET") ? referenceData(query) : methodNotAllowed();
    // A change names the piece it was made from (?expect=<ReferenceSet::itemTag>), checked by ReferenceStore.
    const QString expected = query.queryItemValue(QStringLiteral("expect"));
    if (resource == QLatin1String("reference") && !expected.isEmpty() && !ReferenceSet::isItemTag(expected))
        return error(Status::BadRequest, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "expect must be the 32 hex digits of a reference item's tag."));
    if (resource == QLatin1String("reference") && parts.size() == 4 && parts[1] == ReferenceSet::Calendar
        && parts[2] == QLatin1String("years"))
        return method == QLatin1String("PUT") ? setCalendarYear(user, parts[3], json, expected) : methodNotAllowed();
    if (resource == QLatin1String("reference") && parts.size() == 3 && parts[1] == ReferenceSet::Calendar
        && parts[2] == QLatin1String("workday"))
        return method == QLatin1String("PUT") ? setWorkingDay(user, json, expected) : methodNotAllowed();
    if (resource == QLatin1String("reference") && parts.size() == 3 && parts[1] == ReferenceSet::Categories)
        return method == QLatin1String("PUT") ? setCategory(user, parts[2], json, expected) : methodNotAllowed();
    if (resource == QLatin1String("reference") && parts.size() == 3 && parts[1] == ReferenceSet::Indicators)
        return method == QLatin1String("PUT") ? setIndicatorSet(user, parts[2], json, expected) : methodNotAllowed();
    if (resource == QLatin1String("reference") && parts.size() == 3 && parts[1] == ReferenceSet::Phrases)
        return method == QLatin1String("PUT") ? setPhrases(user, parts[2], json, expected) : methodNotAllowed();
    if (resource == QLatin1String("reference") && (parts.size() == 3 || parts.size() == 4) && parts[1] == ReferenceSet::Org
        && (parts[2] == QLatin1String("units") || parts[2] == QLatin1String("gridcells"))) {
        // POST the collection to add one; PUT one by its code to change it.
        const bool adding = parts.size() == 3;
        if (method != QLatin1String(adding ? "POST" : "PUT"))
            return methodNotAllowed();
        return parts[2] == QLatin1String("units") ? setOrgUnit(user, parts.value(3), adding, json, expected)
                                                  : setGridCell(user, parts.value(3), adding, json, expected);
    }
    if (resource == QLatin1String("assessment") && parts.value(1) == QLatin1String("months") && parts.size() == 2)
        return method == QLatin1String("GET") ? assessmentMonths(query) : methodNotAllowed();
    if (resource == QLatin1String("assessment") && parts.value(1) == QLatin1String("months") && parts.size() == 4
        && parts[3] == QLatin1String("publish"))
        return method == QLatin1String("POST") ? publishMonth(user, parts[2], json) : methodNotAllowed();
    if (resource == QLatin1String("org-units") && parts.size() == 1)
        return method == QLatin1String("GET") ? orgUnits() : methodNotAllowed();
    if (resource == QLatin1String("admin") && parts.value(1) == QLatin1String("log") && parts.size() == 2)
        return method == QLatin1String("GET") ? adminLog(user, query) : methodNotAllowed();
    if (resource == QLatin1String("admin") && parts.value(1) == QLatin1String("city"))
        return cityAdmin(user, method, parts);
    if (resource == QLatin1String("stats") && parts.size() == 1)
        return method == QLatin1String("GET") ? stats(user) : methodNotAllowed();
    return error(Status::NotFound, QStringLiteral("not_found"), Message::translate("gw::ApiServer", "No such endpoint: %1").arg(path.left(100)));
}

QString ApiServer::bearerToken(const QByteArray &authorization)
{
    return authorization.startsWith("Bearer ") ? QString::fromLatin1(authorization.mid(7).trimmed()) : QString();
}

bool ApiServer::loginThrottled(const QString &userId)
{
    auto it = m_failedLogins.find(userId);
    if (it == m_failedLogins.end())
        return false;
    const qint64 horizon = QDateTime::currentMSecsSinceEpoch() - qint64(m_limits.loginWindowSeconds) * 1000;
    it->erase(std::remove_if(it->begin(), it->end(), [horizon](qint64 t) { return t < horizon; }), it->end());
    if (it->isEmpty()) {
        m_failedLogins.erase(it);
        return false;
    }
    return it->size() >= m_limits.maxFailedLoginsPerWindow;
}

void ApiServer::noteFailedLogin(const QString &userId)
{
    if (m_failedLogins.size() > 100000)  // bounded memory under a spray of made-up ids
        m_failedLogins.clear();
    m_failedLogins[userId].append(QDateTime::currentMSecsSinceEpoch());
}

ApiServer::Reply ApiServer::login(const QJsonObject &body)
{
    if (!body.value(QStringLiteral("user")).isString() || !body.value(QStringLiteral("password")).isString())
        return error(Status::BadRequest, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "Log in with a JSON object {\"user\": text, \"password\": text}."));
    const QString userId = body.value(QStringLiteral("user")).toString();
    const QString password = body.value(QStringLiteral("password")).toString();
    if (userId.isEmpty() || userId.size() > 64 || password.size() > 256)
        return error(Status::Unauthorized, QStringLiteral("unauthorized"), Message::translate("gw::ApiServer", "Wrong user name or password."));
    if (loginThrottled(userId))
        return error(Status::TooManyRequests, QStringLiteral("too_many_attempts"),
                     Message::translate("gw::ApiServer", "Too many failed logins for %1. Wait %2 minutes and try again.")
                         .arg(userId).arg((m_limits.loginWindowSeconds + 59) / 60));  // rounded up: never "0 minutes"
    User user;
    const Result r = m_store->accounts().authenticate(userId, password, &user);
    if (!r.ok) {
        if (r.code == QLatin1String("unauthorized"))
            noteFailedLogin(userId);
        return fromResult(r);
    }
    m_failedLogins.remove(userId);
    return newSession(user);
}

// {token, expiresAt, user}: a new session for `user`, the answer to a sign-in and to a password change.
ApiServer::Reply ApiServer::newSession(const User &user)
{
    QString token;
    QDateTime expires;
    const Result issued = m_store->accounts().issueToken(user.id, &token, &expires);
    if (!issued.ok)
        return fromResult(issued);
    return ok({{QStringLiteral("token"), token},
               {QStringLiteral("expiresAt"), CaseEvent::timeToString(expires)},
               {QStringLiteral("user"), user.toJson()}});
}

ApiServer::Reply ApiServer::logout(const QString &token)
{
    const Result r = m_store->accounts().revokeToken(token);
    return r.ok ? ok({{QStringLiteral("status"), QStringLiteral("logged_out")}}) : fromResult(r);
}

ApiServer::Reply ApiServer::me(const User &user) { return ok({{QStringLiteral("user"), user.toJson()}}); }

// The signed-in person changes their own password; the answer carries a new session, since all of theirs end.
ApiServer::Reply ApiServer::changeOwnPassword(const User &user, const QJsonObject &body)
{
    if (!body.value(QStringLiteral("current")).isString() || !body.value(QStringLiteral("new")).isString())
        return error(Status::BadRequest, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "Change a password with {\"current\": text, \"new\": text}."));
    const Result changed = m_store->accounts().changeOwnPassword(user.id, body.value(QStringLiteral("current")).toString(),
                                                                 body.value(QStringLiteral("new")).toString());
    if (!changed.ok) {
        // Not 401: the session is fine, only the form is not, and a client must not take it for a lost session.
        Reply refused = fromResult(changed);
        if (changed.code == QLatin1String("wrong_password") || changed.code == QLatin1String("invalid_input"))
            refused = error(Status::UnprocessableEntity, changed.code, changed.message);
        return refused;
    }
    return newSession(user);
}

ApiServer::Reply ApiServer::pushEvents(const User &user, const QJsonObject &body)
{
    PushRequest request;
    ProtocolError problem;
    if (!PushRequest::fromJson(body, m_limits.maxEventsPerPush, &request, &problem)) {
        const Status status = problem.code == QLatin1String("too_many_events")      ? Status::PayloadTooLarge
                              : problem.code == QLatin1String("unknown_event_type") ? Status::UnprocessableEntity
                                                                                     : Status::BadRequest;
        Reply r = error(status, problem.code, problem.message);
        if (problem.index >= 0)
            r.body.insert(QStringLiteral("index"), problem.index);
        return r;
    }
    QList<ServerStore::PushOutcome> outcomes;
    const Result r = m_store->pushEvents(user, request.events, &outcomes);
    if (!r.ok)
        return fromResult(r);
    if (m_city)
        m_city->afterPush(outcomes);
    PushAnswer answer;
    answer.results.reserve(outcomes.size());
    for (const ServerStore::PushOutcome &o : outcomes) {
        PushResult result;
        result.id = o.id;
        if (!PushResult::statusFromString(o.status, &result.status))
            return error(Status::InternalServerError, QStringLiteral("server_error"),
                         Message::translate("gw::ApiServer", "The store reported an unknown push outcome \"%1\".").arg(o.status));
        if (result.status == PushResult::Status::Rejected) {
            result.code = o.code;
            result.reason = o.reason;
        } else {
            result.serverSeq = o.event.serverSeq;
            result.serverTime = o.event.serverTime;
            result.caseSeq = o.event.caseSeq;
            result.hash = o.event.hash;
            // The whole stored event only when the pusher does not already hold it byte for byte (sealed
            // elsewhere in the chain, another actor, a duplicate): spliced in as stored, not rebuilt.
            result.hasEvent = !(o.sealedAsSent && result.status == PushResult::Status::Accepted);
            if (result.hasEvent)
                result.eventJson = o.json;
        }
        answer.results.append(std::move(result));
    }
    Reply reply;
    reply.raw = answer.toCompactJson();
    return reply;
}

ApiServer::Reply ApiServer::pullEvents(const User &user, const QUrlQuery &query)
{
    ServerStore::Cursor after;
    if (!ServerStore::Cursor::parse(query.queryItemValue(QStringLiteral("after")), &after))
        return error(Status::BadRequest, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "\"after\" must be a cursor returned by the server (digits, optionally one dot)."));
    int limit = m_limits.defaultPullLimit;
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool isNumber = false;
        limit = query.queryItemValue(QStringLiteral("limit")).toInt(&isNumber);
        if (!isNumber || limit < 1 || limit > m_limits.maxPullLimit)
            return error(Status::BadRequest, QStringLiteral("invalid_input"),
                         Message::translate("gw::ApiServer", "\"limit\" must be a whole number from 1 to %1.").arg(m_limits.maxPullLimit));
    }
    ServerStore::PullPage stored;
    const Result r = m_store->pullEvents(user, after, limit, &stored);
    if (!r.ok)
        return fromResult(r);
    // The events are stored in their wire form: the page is assembled from those bytes.
    PullPage page;
    page.eventJson = std::move(stored.eventJson);
    page.nextCursor = stored.next.toString();
    page.hasMore = stored.hasMore;
    Reply reply;
    reply.raw = page.toCompactJson();
    return reply;
}

ApiServer::Reply ApiServer::caseDetail(const User &user, const QString &caseId, bool verify)
{
    if (!isUuid(caseId))
        return error(Status::BadRequest, QStringLiteral("invalid_input"), Message::translate("gw::ApiServer", "A case id is a UUID."));
    const std::optional<ServerStore::CaseView> view = m_store->caseView(caseId);
    if (!view)
        return error(Status::NotFound, QStringLiteral("not_found"), Message::translate("gw::ApiServer", "There is no case %1.").arg(caseId));
    const CaseRecord *record = &view->record;
    if (!AccessPolicy::canView(*record, user))
        return error(Status::Forbidden, QStringLiteral("forbidden"),
                     Message::translate("gw::ApiServer", "Case %1 is outside your area of responsibility.").arg(record->number));
    if (!verify) {
        // {"case": ..., "city": ...} from the case's JSON as already serialized: the most frequent read.
        Reply reply;
        reply.raw = QByteArrayLiteral("{\"case\":") + view->json;
        if (m_city && m_city->adapter())
            reply.raw += QByteArrayLiteral(",\"city\":")
                         + QJsonDocument(m_city->syncState(caseId).toJson()).toJson(QJsonDocument::Compact);
        reply.raw += '}';
        return reply;
    }
    const QList<CaseEvent> events = m_store->eventsOf(caseId);
    const AuditChain::Report chain = AuditChain::verify(events);
    CaseRecord replayed;
    const Result replay = RulesHistory(m_store->reference()).replay(events, &replayed);
    const bool matches = replay.ok && replayed.toJson() == record->toJson();
    QJsonObject answer{{QStringLiteral("caseId"), caseId},
                       {QStringLiteral("events"), events.size()},
                       {QStringLiteral("chainOk"), chain.ok()},
                       {QStringLiteral("chainIndex"), chain.index},
                       {QStringLiteral("replayOk"), replay.ok},
                       {QStringLiteral("projectionMatches"), matches},
                       {QStringLiteral("ok"), chain.ok() && replay.ok && matches}};
    chain.message.writeTo(answer, QStringLiteral("chainMessage"));
    replay.message.writeTo(answer, QStringLiteral("replayMessage"));
    return ok(answer);
}

static ApiServer::Reply adminOnly(const User &)
{
    return error(Status::Forbidden, QStringLiteral("forbidden"),
                 Message::translate("gw::ApiServer", "Only administrators manage accounts."));
}

ApiServer::Reply ApiServer::listUsers(const User &user)
{
    if (!AccessPolicy::canManageAccounts(user))
        return adminOnly(user);
    return ok({{QStringLiteral("users"), toArray(m_store->accounts().users())}});
}

// Checks that each named field, when present, has the JSON type expected.
static bool typesOk(const QJsonObject &body, std::initializer_list<std::pair<const char *, QJsonValue::Type>> fields,
                    QString *bad)
{
    for (const auto &[key, type] : fields) {
        const QJsonValue v = body.value(QLatin1String(key));
        if (!v.isUndefined() && v.type() != type) {
            *bad = QLatin1String(key);
            return false;
        }
    }
    return true;
}

ApiServer::Reply ApiServer::createUser(const User &admin, const QJsonObject &body)
{
    if (!AccessPolicy::canManageAccounts(admin))
        return adminOnly(admin);
    QString bad;
    if (!typesOk(body, {{"id", QJsonValue::String}, {"name", QJsonValue::String}, {"role", QJsonValue::String},
                        {"orgUnit", QJsonValue::String}, {"password", QJsonValue::String}, {"active", QJsonValue::Bool},
                        {"mustChangePassword", QJsonValue::Bool}, {"grants", QJsonValue::Array}},
                 &bad)
        || !body.value(QStringLiteral("password")).isString())
        return error(Status::BadRequest, QStringLiteral("invalid_input"),
                     bad.isEmpty() ? Message::translate("gw::ApiServer", "A new account needs a password.") : Message::translate("gw::ApiServer", "Field \"%1\" has the wrong type.").arg(bad));
    User u;
    Message why;
    if (!User::fromJson(body, &u, &why))
        return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"), why);
    const Result r = m_store->accounts().createUser(u, body.value(QStringLiteral("password")).toString(), admin.id);
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("user"), m_store->accounts().user(u.id)->toJson()}}, Status::Created);
}

ApiServer::Reply ApiServer::updateUser(const User &admin, const QString &userId, const QJsonObject &body)
{
    if (!AccessPolicy::canManageAccounts(admin))
        return adminOnly(admin);
    QString bad;
    if (!typesOk(body, {{"name", QJsonValue::String}, {"role", QJsonValue::String}, {"orgUnit", QJsonValue::String},
                        {"password", QJsonValue::String}, {"active", QJsonValue::Bool},
                        {"mustChangePassword", QJsonValue::Bool}, {"grants", QJsonValue::Array}},
                 &bad))
        return error(Status::BadRequest, QStringLiteral("invalid_input"), Message::translate("gw::ApiServer", "Field \"%1\" has the wrong type.").arg(bad));
    std::optional<User> existing = m_store->accounts().user(userId);
    if (!existing)
        return error(Status::NotFound, QStringLiteral("not_found"), Message::translate("gw::ApiServer", "There is no account %1.").arg(userId.left(64)));
    User u = *existing;
    if (body.contains(QStringLiteral("name")))
        u.name = body.value(QStringLiteral("name")).toString();
    if (body.contains(QStringLiteral("role")) && !roleFromString(body.value(QStringLiteral("role")).toString(), &u.role))
        return error(Status::UnprocessableEntity, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "Unknown role \"%1\".").arg(body.value(QStringLiteral("role")).toString().left(64)));
    if (body.contains(QStringLiteral("orgUnit")))
        u.orgUnitId = body.value(QStringLiteral("orgUnit")).toString();
    if (body.contains(QStringLiteral("active")))
        u.active = body.value(QStringLiteral("active")).toBool();
    if (body.contains(QStringLiteral("grants"))) {
        u.grants.clear();
        for (const QJsonValue &g : body.value(QStringLiteral("grants")).toArray())
            u.grants.append(g.toString());  // AccountRules::check refuses unknown ones, naming "grants"
    }
    if (u.id == admin.id && (!u.active || u.role != Role::Administrator))
        return error(Status::Conflict, QStringLiteral("conflict"),
                     Message::translate("gw::ApiServer", "You cannot disable your own account or take away your own administrator role."));
    Result r = m_store->accounts().updateUser(u, admin.id);
    if (r.ok && body.contains(QStringLiteral("password")))
        r = m_store->accounts().setPassword(u.id, body.value(QStringLiteral("password")).toString(), admin.id,
                                            body.value(QStringLiteral("mustChangePassword")).toBool(false));
    if (!r.ok)
        return fromResult(r);
    return ok({{QStringLiteral("user"), m_store->accounts().user(u.id)->toJson()}});
}

// GET /api/v1/admin/log?before=<seq>&limit=<n>: the administrative log, newest first, with the chain's state.
ApiServer::Reply ApiServer::adminLog(const User &user, const QUrlQuery &query)
{
    if (!AccessPolicy::canReadAdminLog(user))
        return error(Status::Forbidden, QStringLiteral("forbidden"),
                     Message::translate("gw::ApiServer", "Only administrators read the administrative log."));
    bool numbers = true;
    bool isNumber = true;
    const qint64 before = query.hasQueryItem(QStringLiteral("before"))
                              ? query.queryItemValue(QStringLiteral("before")).toLongLong(&isNumber) : 0;
    numbers = numbers && isNumber && before >= 0;
    const int limit = query.hasQueryItem(QStringLiteral("limit"))
                          ? query.queryItemValue(QStringLiteral("limit")).toInt(&isNumber) : 200;
    numbers = numbers && isNumber && limit >= 1 && limit <= 1000;
    if (!numbers)
        return error(Status::BadRequest, QStringLiteral("invalid_input"),
                     Message::translate("gw::ApiServer", "\"before\" must be an entry number and \"limit\" a whole number from 1 to 1000."));
    AdminLogPage page;
    page.entries = m_store->adminLog().page(before, limit + 1);
    page.hasMore = page.entries.size() > limit;
    if (page.hasMore)
        page.entries.removeLast();
    page.total = m_store->adminLog().count();
    const AdminLogEntry::Report chain = m_store->adminLog().verify();
    page.chainOk = chain.ok();
    page.chainMessage = chain.message;
    page.brokenSeq = chain.ok() ? 0 : chain.index + 1;  // entries are numbered from 1 in stored order
    return ok(page.toJson());
}

ApiServer::Reply ApiServer::orgUnits()
{
    return ok({{QStringLiteral("units"), OrgDirectory::builtin().toJson()}});
}

ApiServer::Reply ApiServer::stats(const User &user)
{
    if (user.role != Role::Administrator && user.role != Role::Supervisor)
        return error(Status::Forbidden, QStringLiteral("forbidden"),
                     Message::translate("gw::ApiServer", "Only administrators and supervisors see server statistics."));
    return ok({{QStringLiteral("events"), m_store->eventCount()},
               {QStringLiteral("cases"), m_store->caseCount()},
               {QStringLiteral("lastServerSeq"), m_store->lastServerSeq()},
               {QStringLiteral("users"), m_store->accounts().userCount()},
               {QStringLiteral("database"), m_store->driverName()}});
}

// /api/v1/admin/city/...: the administrator's view of the city exchange (docs/sync-protocol.md, "City exchange").
ApiServer::Reply ApiServer::cityAdmin(const User &user, const QString &method, const QStringList &parts)
{
    if (!AccessPolicy::canManageCityExchange(user))
        return error(Status::Forbidden, QStringLiteral("forbidden"), Message::translate("gw::ApiServer", "Only administrators manage the city exchange."));
    if (!m_city || !m_city->adapter())
        return error(Status::NotFound, QStringLiteral("not_configured"),
                     Message::translate("gw::ApiServer", "The city exchange is not configured on this server (start it with --city-config)."));
    auto methodNotAllowed = [&]() {
        return error(Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                     Message::translate("gw::ApiServer", "%1 is not allowed here.").arg(method));
    };
    const QString what = parts.value(2);
    if (what == QLatin1String("exchanges") && parts.size() == 3)
        return method == QLatin1String("GET") ? ok(m_city->exchanges().toJson()) : methodNotAllowed();
    if (what == QLatin1String("exchanges") && parts.size() == 5 && parts[4] == QLatin1String("retry")) {
        if (method != QLatin1String("POST"))
            return methodNotAllowed();
        if (!isUuid(parts[3]))
            return error(Status::BadRequest, QStringLiteral("invalid_input"), Message::translate("gw::ApiServer", "A message id is a UUID."));
        const Result r = m_city->retry(parts[3]);
        if (!r.ok)
            return fromResult(r);
        return ok({{QStringLiteral("status"), QStringLiteral("queued")}, {QStringLiteral("id"), parts[3]}});
    }
    if ((what == QLatin1String("pull") || what == QLatin1String("reconcile")) && parts.size() == 3) {
        if (method != QLatin1String("POST"))
            return methodNotAllowed();
        Reply reply;
        QPointer<CityBridge> city(m_city);
        const bool isPull = what == QLatin1String("pull");
        reply.deferred = [city, isPull](std::function<void(const Reply &)> done) {
            auto finish = [done](const QJsonObject &body) {
                Reply r;
                r.status = body.value(QStringLiteral("ok")).toBool() ? Status::Ok : Status::BadGateway;
                r.body = body;
                done(r);
            };
            if (!city || !city->adapter())
                return;
            if (isPull)
                city->pull(finish);
            else
                city->reconcile(finish);
        };
        return reply;
    }
    return error(Status::NotFound, QStringLiteral("not_found"), Message::translate("gw::ApiServer", "No such city endpoint."));
}

} // namespace gw

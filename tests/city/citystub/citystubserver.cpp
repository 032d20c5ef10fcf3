#include "citystubserver.h"
#include <QDateTime>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace {

QDateTime parseTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t;
}

} // namespace

QJsonObject CityStubServer::Faults::toJson() const
{
    return QJsonObject{{"failNext", failNext},         {"failStatus", failStatus}, {"hangNext", hangNext},
                       {"malformedNext", malformedNext}, {"delayMs", delayMs},     {"afterStore", afterStore},
                       {"mismatchStatus", mismatchStatus}};
}

CityStubServer::CityStubServer(QObject *parent) : QAbstractHttpServer(parent) {}

QString CityStubServer::now() const
{
    return QDateTime::currentDateTimeUtc().toOffsetFromUtc(8 * 3600).toString(Qt::ISODateWithMs);
}

QByteArray CityStubServer::header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &h : request.headers())
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

CityStubServer::Answer CityStubServer::error(int status, const QString &description)
{
    // Open311 error shape.
    return json(status, QJsonArray{QJsonObject{{"code", status}, {"description", description}}});
}

CityStubServer::Answer CityStubServer::json(int status, const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return {status, doc.toJson(QJsonDocument::Compact)};
}

void CityStubServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    respond(request, socket, error(404, QStringLiteral("no such endpoint")), 0);
}

bool CityStubServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QString path = request.url().path();
    if (path.startsWith(QLatin1String("/_test/"))) {
        respond(request, socket, handleTest(request, path.mid(7)), 0);
        return true;
    }
    if (path.startsWith(QLatin1String("/open311/v2/")))
        path = path.mid(12);
    else if (path.startsWith(u'/'))
        path = path.mid(1);
    if (path.endsWith(QLatin1String(".json")))
        path.chop(5);

    // Faults: decided before the request is looked at; with afterStore the request still takes effect.
    enum class Fault { None, Fail, Hang, Malformed } fault = Fault::None;
    if (m_faults.failNext > 0) {
        --m_faults.failNext;
        fault = Fault::Fail;
    } else if (m_faults.hangNext > 0) {
        --m_faults.hangNext;
        fault = Fault::Hang;
    } else if (m_faults.malformedNext > 0) {
        --m_faults.malformedNext;
        fault = Fault::Malformed;
    }
    Answer answer;
    if (fault == Fault::None || m_faults.afterStore)
        answer = handleContract(request, path);
    switch (fault) {
    case Fault::None:
        break;
    case Fault::Fail:
        answer = error(m_faults.failStatus, QStringLiteral("injected failure"));
        break;
    case Fault::Hang:
        m_hung.push_back(std::make_unique<QHttpServerResponder>(makeResponder(request, socket)));
        return true;
    case Fault::Malformed:
        answer = {200, QByteArrayLiteral("[{\"service_request_id\": \"C-")};
        break;
    }
    respond(request, socket, answer, m_faults.delayMs);
    return true;
}

void CityStubServer::respond(const QHttpServerRequest &request, QTcpSocket *socket, const Answer &answer, int delayMs)
{
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    auto write = [responder, answer, guard = QPointer<QTcpSocket>(socket)] {
        if (!guard)
            return;
        responder->write(answer.body, "application/json",
                         static_cast<QHttpServerResponder::StatusCode>(answer.status));
    };
    if (delayMs > 0)
        QTimer::singleShot(delayMs, this, write);
    else
        write();
}

CityStubServer::Answer CityStubServer::handleContract(const QHttpServerRequest &request, const QString &path)
{
    if (!m_apiKey.isEmpty()) {
        const QByteArray key = header(request, "X-Api-Key");
        const QByteArray bearer = header(request, "Authorization");
        if (key != m_apiKey.toUtf8() && bearer != "Bearer " + m_apiKey.toUtf8())
            return error(401, QStringLiteral("missing or wrong API key"));
    }
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    QString key;
    if (post) {
        ++m_posts;
        key = QString::fromUtf8(header(request, "Idempotency-Key"));
        if (key.isEmpty())
            return error(400, QStringLiteral("Idempotency-Key header is required on POST"));
        if (m_idempotent.contains(key)) {
            ++m_duplicates;
            dump();
            return m_idempotent.value(key);
        }
    }
    Answer a;
    if (get && parts == QStringList{QStringLiteral("services")}) {
        QJsonArray services;
        for (const QString &code : m_serviceCodes)
            services.append(QJsonObject{{"service_code", code}, {"service_name", code}, {"metadata", false},
                                        {"type", "realtime"}, {"keywords", ""}, {"group", ""}});
        return json(200, services);
    }
    if (parts.value(0) != QLatin1String("requests"))
        return error(404, QStringLiteral("no such endpoint"));
    if (parts.size() == 1 && get)
        return listRequests(request);
    if (parts.size() == 1 && post)
        a = createRequest(request, key);
    else if (parts.size() == 2 && get) {
        if (!m_index.contains(parts.at(1)))
            return error(404, QStringLiteral("no request %1").arg(parts.at(1)));
        return json(200, QJsonArray{visible(m_requests.at(m_index.value(parts.at(1))))});
    } else if (parts.size() == 3 && post && parts.at(2) == QLatin1String("updates"))
        a = addUpdate(request, parts.at(1), key);
    else
        return error(405, QStringLiteral("method not allowed here"));
    // Only answers that took effect are replayed; a refused message may be corrected and sent again.
    if (a.status < 300)
        m_idempotent.insert(key, a);
    dump();
    return a;
}

CityStubServer::Answer CityStubServer::createRequest(const QHttpServerRequest &request, const QString &)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return error(400, QStringLiteral("body must be a JSON object"));
    QJsonObject r = doc.object();
    if (r.value("service_code").toString().isEmpty())
        return error(400, QStringLiteral("service_code is required"));
    if (r.value("x_district_case_id").toString().isEmpty())
        return error(400, QStringLiteral("x_district_case_id is required"));
    const QString id = QStringLiteral("C-%1").arg(m_nextId++, 6, 10, QLatin1Char('0'));
    r.insert("service_request_id", id);
    r.insert("address", r.value("address_string"));
    r.insert("updated_datetime", now());
    r.insert("x_district", m_district);
    r.insert("x_city_state", "received");
    if (!r.contains("status"))
        r.insert("status", "open");
    m_index.insert(id, int(m_requests.size()));
    m_requests.append(r);
    return json(201, QJsonArray{QJsonObject{{"service_request_id", id}, {"service_notice", ""}, {"account_id", QJsonValue()}}});
}

CityStubServer::Answer CityStubServer::addUpdate(const QHttpServerRequest &request, const QString &id, const QString &key)
{
    if (!m_index.contains(id))
        return error(404, QStringLiteral("no request %1").arg(id));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return error(400, QStringLiteral("body must be a JSON object"));
    const QJsonObject u = doc.object();
    const QString status = u.value("status").toString();
    if (status != QLatin1String("open") && status != QLatin1String("closed"))
        return error(400, QStringLiteral("status must be open or closed"));
    QJsonObject &r = m_requests[m_index.value(id)];
    for (const char *field : {"status", "x_district_status", "status_notes", "x_deadline", "x_case_number"})
        if (u.contains(QLatin1String(field)))
            r.insert(QLatin1String(field), u.value(QLatin1String(field)));
    const QString at = now();
    r.insert("updated_datetime", at);
    QJsonObject logged = u;
    logged.insert("service_request_id", id);
    logged.insert("idempotency_key", key);
    logged.insert("x_update_id", QStringLiteral("U-%1").arg(m_updates.size() + 1));
    m_updates.append(logged);
    return json(200, QJsonArray{QJsonObject{{"service_request_id", id},
                                            {"x_update_id", logged.value("x_update_id")},
                                            {"updated_datetime", at}}});
}

QJsonObject CityStubServer::visible(const QJsonObject &stored) const
{
    QJsonObject r = stored;
    if (!m_faults.mismatchStatus.isEmpty())
        r.insert("x_district_status", m_faults.mismatchStatus);
    return r;
}

CityStubServer::Answer CityStubServer::listRequests(const QHttpServerRequest &request)
{
    const QUrlQuery q = request.query();
    const QString assigned = q.queryItemValue("x_assigned_to");
    const QString district = q.queryItemValue("x_district");
    const QString status = q.queryItemValue("status");
    const QDateTime after = parseTime(q.queryItemValue("x_updated_after", QUrl::FullyDecoded));
    const QStringList ids = q.queryItemValue("service_request_id").split(u',', Qt::SkipEmptyParts);
    if (q.hasQueryItem("x_updated_after") && !after.isValid())
        return error(400, QStringLiteral("x_updated_after must be an ISO 8601 time"));
    const int page = q.hasQueryItem("x_page") ? q.queryItemValue("x_page").toInt() : 1;
    const int size = q.hasQueryItem("x_page_size") ? q.queryItemValue("x_page_size").toInt() : 50;
    if (page < 1 || size < 1 || size > 500)
        return error(400, QStringLiteral("x_page must be >= 1 and x_page_size within 1..500"));
    QJsonArray matching;
    for (const QJsonObject &r : m_requests) {
        if (!assigned.isEmpty() && r.value("x_assigned_to").toString() != assigned)
            continue;
        if (!district.isEmpty() && r.value("x_district").toString() != district
            && r.value("x_assigned_to").toString() != district)
            continue;
        if (!status.isEmpty() && r.value("status").toString() != status)
            continue;
        if (!ids.isEmpty() && !ids.contains(r.value("service_request_id").toString()))
            continue;
        if (after.isValid() && parseTime(r.value("updated_datetime").toString()) < after)
            continue;
        matching.append(visible(r));
    }
    QJsonArray out;
    for (int i = (page - 1) * size; i < matching.size() && i < page * size; ++i)
        out.append(matching.at(i));
    return json(200, out);
}

CityStubServer::Answer CityStubServer::handleTest(const QHttpServerRequest &request, const QString &path)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    if (path == QLatin1String("state")) {
        QJsonArray requests;
        for (const QJsonObject &r : m_requests)
            requests.append(r);
        return json(200, QJsonObject{{"requests", requests},
                                     {"updates", m_updates},
                                     {"posts", m_posts},
                                     {"duplicates", m_duplicates},
                                     {"hung", int(m_hung.size())},
                                     {"faults", m_faults.toJson()}});
    }
    if (path == QLatin1String("control")) {
        auto number = [&body](const char *key, int *out) {
            if (body.contains(QLatin1String(key)))
                *out = body.value(QLatin1String(key)).toInt();
        };
        number("failNext", &m_faults.failNext);
        number("failStatus", &m_faults.failStatus);
        number("hangNext", &m_faults.hangNext);
        number("malformedNext", &m_faults.malformedNext);
        number("delayMs", &m_faults.delayMs);
        if (body.contains("afterStore"))
            m_faults.afterStore = body.value("afterStore").toBool();
        if (body.contains("mismatchStatus"))
            m_faults.mismatchStatus = body.value("mismatchStatus").toString();
        return json(200, m_faults.toJson());
    }
    if (path == QLatin1String("assign")) {
        // A case the city assigns down to the district.
        QJsonObject r = body;
        if (r.value("service_request_id").toString().isEmpty())
            r.insert("service_request_id", QStringLiteral("C-%1").arg(m_nextId++, 6, 10, QLatin1Char('0')));
        if (!r.contains("x_assigned_to"))
            r.insert("x_assigned_to", m_district);
        if (!r.contains("updated_datetime"))
            r.insert("updated_datetime", now());
        if (!r.contains("requested_datetime"))
            r.insert("requested_datetime", now());
        if (!r.contains("status"))
            r.insert("status", "open");
        const QString id = r.value("service_request_id").toString();
        if (m_index.contains(id))
            m_requests[m_index.value(id)] = r;
        else {
            m_index.insert(id, int(m_requests.size()));
            m_requests.append(r);
        }
        dump();
        return json(201, r);
    }
    if (path.startsWith(QLatin1String("requests/"))) {
        // Plant a difference: overwrite fields of a stored request, as if the city had changed it.
        const QString id = path.mid(9);
        if (!m_index.contains(id))
            return error(404, QStringLiteral("no request %1").arg(id));
        QJsonObject &r = m_requests[m_index.value(id)];
        for (auto it = body.begin(); it != body.end(); ++it)
            r.insert(it.key(), it.value());
        dump();
        return json(200, r);
    }
    if (path == QLatin1String("reset")) {
        m_requests.clear();
        m_index.clear();
        m_idempotent.clear();
        m_updates = QJsonArray();
        m_posts = m_duplicates = 0;
        m_faults = Faults();
        dump();
        return json(200, QJsonObject{{"reset", true}});
    }
    return error(404, QStringLiteral("no such test endpoint"));
}

void CityStubServer::dump() const
{
    if (m_dumpFile.isEmpty())
        return;
    QJsonArray requests;
    for (const QJsonObject &r : m_requests)
        requests.append(r);
    QSaveFile f(m_dumpFile);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write(QJsonDocument(QJsonObject{{"requests", requests}, {"updates", m_updates}, {"posts", m_posts},
                                      {"duplicates", m_duplicates}})
                .toJson());
    f.commit();
}

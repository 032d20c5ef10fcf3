// The sync protocol's message types (src/core/protocol, docs/sync-protocol.md): every type survives toJson ->
// fromJson unchanged, the byte writers the server uses give the same JSON as toJson, and malformed input is refused
// with an error that names what is wrong.
#include "casedriver.h"
#include "jsonbytes.h"
#include "protocol/attachmentdescriptor.h"
#include "protocol/citycasestate.h"
#include "protocol/cityexchange.h"
#include "protocol/citymismatch.h"
#include "protocol/pullpage.h"
#include "protocol/pushanswer.h"
#include "protocol/pushrequest.h"
#include <QJsonDocument>
#include <QtTest>

using namespace gw;
using namespace gwtest;

namespace {

QJsonObject parse(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), bytes.left(200).constData());
    return doc.object();
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// A few events of one case as a client seals them, and the same events as the server stored them.
QList<CaseEvent> clientEvents()
{
    CaseDriver d;
    if (!d.act(reporter(), EventType::Registered, registrationPayload()).ok
        || !d.act(streetOperator(), EventType::Analyzed, QJsonObject{{"decision", "whistle"}, {"note", "转中心"}}).ok
        || !d.act(reviewer(), EventType::Reviewed, QJsonObject{{"decision", "approve"}, {"reason", ""}}).ok)
        qFatal("the case driver refused an event");
    return d.events();
}

QList<CaseEvent> serverEvents()
{
    QList<CaseEvent> events = clientEvents();
    qint64 seq = 41;
    for (CaseEvent &e : events) {
        e.serverSeq = ++seq;
        e.serverTime = baseTime().addSecs(seq);
    }
    return events;
}

QByteArray wire(const CaseEvent &e) { return JsonBytes::event(e, JsonBytes::payload(e.payload)); }

// T::fromJson over `o`, as a call for CHECK_REFUSED.
template <typename T>
std::function<bool(Message *)> reader(const QJsonObject &o)
{
    return [o](Message *why) {
        T out;
        return T::fromJson(o, &out, why);
    };
}

// The same over `o` with `key` set to `value`, or removed when `value` is undefined.
template <typename T>
std::function<bool(Message *)> readerWith(QJsonObject o, const char *key, const QJsonValue &value)
{
    if (value.isUndefined())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), value);
    return reader<T>(o);
}

// A refusal must say what is wrong in words, naming the field or value.
#define CHECK_REFUSED(call, named)                                                                              \
    do {                                                                                                        \
        Message why_;                                                                                           \
        const bool ok_ = call(&why_);                                                                           \
        QVERIFY2(!ok_, "accepted: " #call);                                                                     \
        QVERIFY2(why_.text().contains(named),                                                                   \
                 qPrintable(QStringLiteral("%1 does not name %2").arg(why_.text(), named)));                    \
    } while (false)

PushAnswer sampleAnswer()
{
    const QList<CaseEvent> stored = serverEvents();
    PushAnswer answer;
    PushResult asSent;  // taken exactly as pushed: numbering only
    asSent.id = stored.at(0).id;
    asSent.status = PushResult::Status::Accepted;
    asSent.serverSeq = stored.at(0).serverSeq;
    asSent.serverTime = stored.at(0).serverTime;
    asSent.caseSeq = stored.at(0).caseSeq;
    asSent.hash = stored.at(0).hash;
    answer.results.append(asSent);
    PushResult resealed = asSent;  // sealed elsewhere: the stored event comes back, as its stored bytes
    resealed.id = stored.at(1).id;
    resealed.serverSeq = stored.at(1).serverSeq;
    resealed.serverTime = stored.at(1).serverTime;
    resealed.caseSeq = stored.at(1).caseSeq;
    resealed.hash = stored.at(1).hash;
    resealed.hasEvent = true;
    resealed.event = stored.at(1);
    resealed.eventJson = wire(stored.at(1));
    answer.results.append(resealed);
    PushResult duplicate = resealed;  // a duplicate, with the event only (no stored bytes)
    duplicate.status = PushResult::Status::Duplicate;
    duplicate.id = stored.at(2).id;
    duplicate.serverSeq = stored.at(2).serverSeq;
    duplicate.serverTime = stored.at(2).serverTime;
    duplicate.caseSeq = stored.at(2).caseSeq;
    duplicate.hash = stored.at(2).hash;
    duplicate.event = stored.at(2);
    duplicate.eventJson.clear();
    answer.results.append(duplicate);
    PushResult rejected;
    rejected.id = CaseEvent::newId();
    rejected.status = PushResult::Status::Rejected;
    rejected.code = QStringLiteral("invalid_state");
    rejected.reason = QStringLiteral("案件已结案，\"不能\"再处置。\n");
    answer.results.append(rejected);
    return answer;
}

} // namespace

class TstProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pushRequestRoundTrips()
    {
        PushRequest request;
        request.events = clientEvents();
        PushRequest back;
        Message why;
        QVERIFY2(PushRequest::fromJson(request.toJson(), &back, &why), qPrintable(why));
        QCOMPARE(back.toJson(), request.toJson());
        QCOMPARE(back.events.size(), 3);
        QCOMPARE(back.events.at(1).hash, request.events.at(1).hash);
        // The bytes the client sends are exactly Qt's compact form of toJson.
        QCOMPARE(request.toCompactJson(), compact(request.toJson()));
        PushRequest::Writer writer;
        for (const CaseEvent &e : request.events)
            writer.append(wire(e));
        QCOMPARE(writer.count(), 3);
        QCOMPARE(writer.finish(), request.toCompactJson());
        QCOMPARE(writer.count(), 0);
    }

    void pushRequestRefusesMalformedBatches()
    {
        const QJsonObject good = clientEvents().at(0).toJson();
        QJsonObject unknownType = good;
        unknownType.insert("type", "case.teleported");
        QJsonObject badId = good;
        badId.insert("id", "1'; DROP TABLE events; --");
        const QList<std::tuple<QJsonObject, QString, int, QString>> bad{
            {QJsonObject{{"events", QJsonObject{}}}, "invalid_input", -1, "events"},
            {QJsonObject{}, "invalid_input", -1, "events"},
            {QJsonObject{{"events", QJsonArray{}}}, "invalid_input", -1, "no events"},
            {QJsonObject{{"events", QJsonArray{good, good, good}}}, "too_many_events", -1, "at most 2"},
            {QJsonObject{{"events", QJsonArray{good, 1}}}, "invalid_input", 1, "#2"},
            {QJsonObject{{"events", QJsonArray{unknownType}}}, "unknown_event_type", 0, "case.teleported"},
            {QJsonObject{{"events", QJsonArray{good, badId}}}, "invalid_input", 1, "UUID"}};
        for (const auto &[body, code, index, named] : bad) {
            PushRequest out;
            ProtocolError error;
            QVERIFY2(!PushRequest::fromJson(body, 2, &out, &error), compact(body).constData());
            QCOMPARE(error.code, code);
            QCOMPARE(error.index, index);
            QVERIFY2(error.message.text().contains(named), qPrintable(error.message));
        }
        // The short form reads with the documented limit.
        QJsonArray thousandAndOne;
        for (int i = 0; i < PushRequest::MaxEvents + 1; ++i)
            thousandAndOne.append(QJsonObject{});
        PushRequest out;
        CHECK_REFUSED([&](Message *w) { return PushRequest::fromJson({{"events", thousandAndOne}}, &out, w); }, "1001");
    }

    void pushAnswerRoundTrips()
    {
        const PushAnswer answer = sampleAnswer();
        const QJsonObject json = answer.toJson();
        QCOMPARE(json.value("accepted").toInt(), 2);
        QCOMPARE(json.value("duplicates").toInt(), 1);
        QCOMPARE(json.value("rejected").toInt(), 1);
        QVERIFY(!json.value("results").toArray().at(0).toObject().contains("event"));
        // The bytes the server writes (stored events spliced in) are the same JSON.
        QCOMPARE(parse(answer.toCompactJson()), json);

        PushAnswer back;
        Message why;
        QVERIFY2(PushAnswer::fromJson(parse(answer.toCompactJson()), &back, &why), qPrintable(why));
        QCOMPARE(back.toJson(), json);
        QCOMPARE(back.results.size(), 4);
        QVERIFY(!back.results.at(0).hasEvent);
        QCOMPARE(back.results.at(0).serverSeq, answer.results.at(0).serverSeq);
        QCOMPARE(back.results.at(0).serverTime, answer.results.at(0).serverTime);
        QCOMPARE(back.results.at(0).hash, answer.results.at(0).hash);
        QVERIFY(back.results.at(1).hasEvent);
        QCOMPARE(wire(back.results.at(1).event), answer.results.at(1).eventJson);
        QCOMPARE(back.results.at(2).status, PushResult::Status::Duplicate);
        QCOMPARE(back.results.at(3).reason, answer.results.at(3).reason);
        QCOMPARE(back.results.at(3).code, QStringLiteral("invalid_state"));
    }

    void pushAnswerRefusesMalformedAnswers()
    {
        const QJsonObject good = sampleAnswer().toJson();
        auto withResult = [&](int i, const std::function<void(QJsonObject &)> &change) {
            QJsonObject answer = good;
            QJsonArray results = answer.value("results").toArray();
            QJsonObject r = results.at(i).toObject();
            change(r);
            results.replace(i, r);
            answer.insert("results", results);
            return answer;
        };
        auto refused = reader<PushAnswer>;
        QJsonObject noResults = good;
        noResults.remove("results");
        CHECK_REFUSED(refused(noResults), "\"results\"");
        QJsonObject miscounted = good;
        miscounted.insert("accepted", 3);
        CHECK_REFUSED(refused(miscounted), "3 accepted");
        QJsonObject notObject = good;
        notObject.insert("results", QJsonArray{1});
        CHECK_REFUSED(refused(notObject), "1");
        CHECK_REFUSED(refused(withResult(0, [](QJsonObject &r) { r.insert("status", "lost"); })), "lost");
        CHECK_REFUSED(refused(withResult(0, [](QJsonObject &r) { r.remove("serverSeq"); })), "\"serverSeq\"");
        CHECK_REFUSED(refused(withResult(0, [](QJsonObject &r) { r.insert("serverSeq", "7"); })), "\"serverSeq\"");
        CHECK_REFUSED(refused(withResult(0, [](QJsonObject &r) { r.insert("serverTime", "yesterday"); })), "\"serverTime\"");
        CHECK_REFUSED(refused(withResult(0, [](QJsonObject &r) { r.insert("hash", "ABC"); })), "SHA-256");
        CHECK_REFUSED(refused(withResult(0, [](QJsonObject &r) { r.insert("id", ""); })), "names no event");
        CHECK_REFUSED(refused(withResult(3, [](QJsonObject &r) { r.remove("code"); })), "\"code\"");
        CHECK_REFUSED(refused(withResult(1, [](QJsonObject &r) {
                          QJsonObject e = r.value("event").toObject();
                          e.insert("role", "emperor");
                          r.insert("event", e);
                      })),
                      "emperor");
        CHECK_REFUSED(refused(withResult(1, [](QJsonObject &r) {
                          QJsonObject e = r.value("event").toObject();
                          e.remove("serverSeq");
                          r.insert("event", e);
                      })),
                      "server number");
        // An event that is not the one the result describes.
        CHECK_REFUSED(refused(withResult(1, [](QJsonObject &r) { r.insert("caseSeq", 9); })), "another event");
    }

    void pullPageRoundTrips()
    {
        PullPage stored;  // as the server writes it: the stored bytes
        for (const CaseEvent &e : serverEvents())
            stored.eventJson.append(wire(e));
        stored.nextCursor = QStringLiteral("44.46");
        stored.hasMore = true;
        QCOMPARE(stored.toCompactJson(), compact(stored.toJson()));

        PullPage back;
        Message why;
        QVERIFY2(PullPage::fromJson(parse(stored.toCompactJson()), &back, &why), qPrintable(why));
        QCOMPARE(back.events.size(), 3);
        QVERIFY(back.eventJson.isEmpty());
        QCOMPARE(back.nextCursor, stored.nextCursor);
        QVERIFY(back.hasMore);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(wire(back.events.at(i)), stored.eventJson.at(i));
        // Written from parsed events, the page is the same.
        QCOMPARE(back.toCompactJson(), stored.toCompactJson());
        QCOMPARE(back.toJson(), stored.toJson());

        PullPage empty;
        empty.nextCursor = QStringLiteral("0");
        QVERIFY(PullPage::fromJson(parse(empty.toCompactJson()), &back, &why));
        QVERIFY(back.events.isEmpty());
        QVERIFY(!back.hasMore);
    }

    void pullPageRefusesMalformedPages()
    {
        PullPage page;
        page.events = serverEvents();
        page.nextCursor = QStringLiteral("44");
        const QJsonObject good = page.toJson();
        auto refused = [&](const char *key, const QJsonValue &value) { return readerWith<PullPage>(good, key, value); };
        CHECK_REFUSED(refused("events", QJsonValue::Undefined), "\"events\"");
        CHECK_REFUSED(refused("events", QJsonObject{}), "\"events\"");
        CHECK_REFUSED(refused("hasMore", "yes"), "\"hasMore\"");
        CHECK_REFUSED(refused("nextCursor", 44), "\"nextCursor\"");
        CHECK_REFUSED(refused("events", QJsonArray{good.value("events").toArray().at(0), 7}), "Event 2");
        CHECK_REFUSED(refused("events", QJsonArray{clientEvents().at(0).toJson()}), "server number");
        QJsonObject broken = serverEvents().at(0).toJson();
        broken.insert("clientTime", "soon");
        CHECK_REFUSED(refused("events", QJsonArray{broken}), "clientTime");
    }

    void attachmentDescriptorRoundTrips()
    {
        AttachmentDescriptor d;
        d.id = CaseEvent::newId();
        d.caseId = CaseEvent::newId();
        d.name = QStringLiteral("现场照片.jpg");
        d.mime = QStringLiteral("image/jpeg");
        d.size = 123456;
        d.sha256 = QString(64, u'a');
        AttachmentDescriptor back;
        Message why;
        QVERIFY2(AttachmentDescriptor::fromJson(d.toJson(), &back, &why), qPrintable(why));
        QCOMPARE(back, d);
        // In an event's payload (no case) and in the server's upload answer (no id, no case).
        d.caseId.clear();
        QVERIFY(!d.toJson().contains("case"));
        QVERIFY(AttachmentDescriptor::fromJson(d.toJson(), &back, &why));
        QCOMPARE(back, d);
        d.id.clear();
        QCOMPARE(d.toJson().keys(), (QStringList{"mime", "name", "sha256", "size"}));
        QVERIFY(AttachmentDescriptor::fromJson(d.toJson(), &back, &why));
        QCOMPARE(back, d);
    }

    void attachmentDescriptorRefusesMalformedInput()
    {
        const QJsonObject good{{"id", CaseEvent::newId()}, {"name", "a.jpg"}, {"mime", "image/jpeg"},
                               {"size", 10},                {"sha256", QString(64, u'0')}};
        auto refused = [&](const char *key, const QJsonValue &value) {
            return readerWith<AttachmentDescriptor>(good, key, value);
        };
        CHECK_REFUSED(refused("name", QJsonValue::Undefined), "\"name\"");
        CHECK_REFUSED(refused("name", "../../etc/passwd.jpg"), "passwd");
        CHECK_REFUSED(refused("size", "10"), "\"size\"");
        CHECK_REFUSED(refused("size", 1.5), "\"size\"");
        CHECK_REFUSED(refused("size", 11 * 1024 * 1024), "MB");
        CHECK_REFUSED(refused("sha256", QString(64, u'A')), "SHA-256");
        CHECK_REFUSED(refused("sha256", QJsonValue::Undefined), "\"sha256\"");
        CHECK_REFUSED(refused("id", 12345), "\"id\"");
        CHECK_REFUSED(refused("mime", QJsonArray{}), "\"mime\"");
    }

    void cityCaseStateRoundTrips()
    {
        using State = CityCaseState::State;
        using Origin = CityCaseState::Origin;
        for (State state : {State::None, State::Pending, State::Sent, State::Acknowledged, State::Failed}) {
            for (Origin origin : {Origin::None, Origin::Escalated, Origin::Assigned}) {
                CityCaseState s;
                s.configured = true;
                s.state = state;
                s.origin = origin;
                s.reason = QStringLiteral("HTTP 503");
                s.cityRequestId = QStringLiteral("SR-2026-0001");
                s.pendingMessages = 2;
                s.attempts = 3;
                s.lastExchangeAt = baseTime().addMSecs(123);
                const QJsonObject json = s.toJson();
                QCOMPARE(json.value("text").toString(), s.displayText().english());
                QVERIFY(!CityCaseState::stateDisplayName(state).isEmpty());
                CityCaseState back;
                Message why;
                QVERIFY2(CityCaseState::fromCaseDetail({{"case", QJsonObject{}}, {"city", json}}, &back, &why),
                         qPrintable(why));
                QVERIFY(back.configured);
                QCOMPARE(back.toJson(), json);
                QCOMPARE(back.lastExchangeAt, s.lastExchangeAt);
                QCOMPARE(back.involvesCity(), state != State::None || origin != Origin::None);
            }
        }
        CityCaseState none;  // what a server without the city exchange answers: no `city` part
        Message why;
        QVERIFY(CityCaseState::fromCaseDetail({{"case", QJsonObject{}}}, &none, &why));
        QVERIFY(!none.configured);
        QVERIFY(!none.involvesCity());
    }

    void cityCaseStateRefusesMalformedInput()
    {
        const QJsonObject good = CityCaseState().toJson();
        const QList<std::pair<QJsonObject, QString>> bad{
            {QJsonObject{{"city", good}}, "\"case\""},
            {QJsonObject{{"case", QJsonObject{}}, {"city", "acknowledged"}}, "\"city\""},
            {QJsonObject{{"case", QJsonObject{}}, {"city", QJsonObject{{"attempts", 1}}}}, "\"state\""},
            {QJsonObject{{"case", QJsonObject{}}, {"city", QJsonObject{{"state", "lost"}, {"attempts", 1}}}}, "lost"},
            {QJsonObject{{"case", QJsonObject{}}, {"city", QJsonObject{{"state", "sent"}, {"attempts", 1}, {"origin", "moon"}}}},
             "moon"},
            {QJsonObject{{"case", QJsonObject{}}, {"city", QJsonObject{{"state", "sent"}, {"attempts", "1"}}}}, "attempts"},
            {QJsonObject{{"case", QJsonObject{}}, {"city", QJsonObject{{"state", "sent"}, {"attempts", -1}}}}, "attempts"},
            {QJsonObject{{"case", QJsonObject{}},
                         {"city", QJsonObject{{"state", "sent"}, {"attempts", 1}, {"lastExchangeAt", "yesterday"}}}},
             "lastExchangeAt"}};
        for (const auto &[badAnswer, named] : bad) {
            const QJsonObject answer = badAnswer;  // a structured binding cannot be captured (clang, C++17)
            CityCaseState s;
            CHECK_REFUSED([&](Message *w) { return CityCaseState::fromCaseDetail(answer, &s, w); }, named);
        }
    }

    void cityMismatchRoundTrips()
    {
        using Kind = CityMismatch::Kind;
        for (Kind kind : {Kind::MissingInCity, Kind::MissingHere, Kind::StatusDiffers, Kind::DeadlineDiffers}) {
            CityMismatch m;
            m.kind = kind;
            m.caseId = kind == Kind::MissingHere ? QString() : CaseEvent::newId();
            m.cityRequestId = kind == Kind::MissingInCity ? QString() : QStringLiteral("SR-7");
            m.ours = QStringLiteral("handling");
            m.theirs = QStringLiteral("closed");
            m.reason = QStringLiteral("状态不一致");
            m.outboxPending = kind == Kind::StatusDiffers;
            CityMismatch back;
            Message why;
            QVERIFY2(CityMismatch::fromJson(m.toJson(), &back, &why), qPrintable(why));
            QVERIFY(back == m);
            QVERIFY(!CityMismatch::kindDisplayName(kind).isEmpty());
        }
    }

    void cityMismatchRefusesMalformedInput()
    {
        auto refused = reader<CityMismatch>;
        CHECK_REFUSED(refused({{"caseId", "c"}}), "\"kind\"");
        CHECK_REFUSED(refused({{"kind", "weather"}, {"caseId", "c"}}), "weather");
        CHECK_REFUSED(refused({{"kind", "status_differs"}}), "neither");
        CHECK_REFUSED(refused({{"kind", "status_differs"}, {"caseId", "c"}, {"outboxPending", "yes"}}), "\"outboxPending\"");
        CHECK_REFUSED(refused({{"kind", "status_differs"}, {"caseId", 7}}), "\"caseId\"");
    }

    void cityExchangeRoundTrips()
    {
        CityExchange message;
        message.id = CaseEvent::newId();
        message.idempotencyKey = QStringLiteral("gw:%1:escalation").arg(message.id);
        message.caseId = CaseEvent::newId();
        message.kind = CityExchange::Kind::StatusUpdate;
        message.state = CityExchange::State::Failed;
        message.attempts = 4;
        message.httpStatus = 503;
        message.lastError = QStringLiteral("HTTP 503: 服务不可用");
        message.cityRequestId = QStringLiteral("SR-9");
        message.createdAt = baseTime();
        message.updatedAt = baseTime().addSecs(60);
        message.nextAttemptAt = baseTime().addSecs(120);
        message.body = QJsonObject{{"x_case_number", "PL-2026-000012"}, {"x_title", "井盖缺失"}};
        CityExchange intake;
        intake.direction = CityExchange::Direction::Down;
        intake.kind = CityExchange::Kind::AssignedCase;
        intake.state = CityExchange::State::Rejected;
        intake.cityRequestId = QStringLiteral("SR-10");
        intake.lastError = QStringLiteral("区外地址");
        QVERIFY(message.canRetry());
        QVERIFY(!intake.canRetry());

        CityExchangeList list;
        list.exchanges = {message, intake};
        const QJsonObject json = list.toJson();
        QCOMPARE(json.value("messages").toArray().size(), 1);
        QCOMPARE(json.value("rejectedIntakes").toArray().at(0).toObject(),
                 (QJsonObject{{"cityRequestId", "SR-10"}, {"reason", "区外地址"}}));
        CityExchangeList back;
        Message why;
        QVERIFY2(CityExchangeList::fromJson(json, &back, &why), qPrintable(why));
        QCOMPARE(back.toJson(), json);
        QCOMPARE(back.exchanges.size(), 2);
        const CityExchange &m = back.exchanges.at(0);
        QCOMPARE(m.id, message.id);
        QCOMPARE(m.kind, CityExchange::Kind::StatusUpdate);
        QCOMPARE(m.state, CityExchange::State::Failed);
        QCOMPARE(m.nextAttemptAt, message.nextAttemptAt);
        QCOMPARE(m.caseNumber(), QStringLiteral("PL-2026-000012"));
        QCOMPARE(m.caseTitle(), QStringLiteral("井盖缺失"));
        const CityExchange &i = back.exchanges.at(1);
        QCOMPARE(i.direction, CityExchange::Direction::Down);
        QCOMPARE(i.state, CityExchange::State::Rejected);
        QCOMPARE(i.lastError, intake.lastError);
        for (CityExchange::State s : {CityExchange::State::Pending, CityExchange::State::Sent, CityExchange::State::Acknowledged,
                                      CityExchange::State::Failed, CityExchange::State::Rejected})
            QVERIFY(!CityExchange::stateDisplayName(s).isEmpty());
        // An old server without refused intakes: the list is still readable.
        QVERIFY(CityExchangeList::fromJson({{"messages", QJsonArray{}}}, &back, &why));
        QVERIFY(back.exchanges.isEmpty());
    }

    void cityExchangeRefusesMalformedInput()
    {
        const QJsonObject good{{"id", "m"}, {"caseId", "x"}, {"kind", "escalation"}, {"state", "failed"}, {"attempts", 1}};
        auto message = [&](const char *key, const QJsonValue &value) { return readerWith<CityExchange>(good, key, value); };
        CHECK_REFUSED(message("id", QJsonValue::Undefined), "\"id\"");
        CHECK_REFUSED(message("kind", "fax"), "fax");
        CHECK_REFUSED(message("kind", "assigned_case"), "assigned_case");
        CHECK_REFUSED(message("state", "rejected"), "rejected");
        CHECK_REFUSED(message("attempts", "1"), "\"attempts\"");
        CHECK_REFUSED(message("body", "x"), "\"body\"");
        CHECK_REFUSED(message("nextAttemptAt", "later"), "\"nextAttemptAt\"");
        CHECK_REFUSED([](Message *w) {
            CityExchange out;
            return CityExchange::fromRejectedIntakeJson({{"cityRequestId", 7}, {"reason", "r"}}, &out, w);
        }, "\"cityRequestId\"");
        auto list = reader<CityExchangeList>;
        CHECK_REFUSED(list({{"rejectedIntakes", QJsonArray{}}}), "\"messages\"");
        CHECK_REFUSED(list({{"messages", QJsonArray{}}, {"rejectedIntakes", "none"}}), "\"rejectedIntakes\"");
        CHECK_REFUSED(list({{"messages", QJsonArray{1}}}), "messages");
        CHECK_REFUSED(list({{"messages", QJsonArray{QJsonObject{{"id", "m"}}}}}), "\"caseId\"");
    }
};

QTEST_GUILESS_MAIN(TstProtocol)
#include "tst_protocol.moc"

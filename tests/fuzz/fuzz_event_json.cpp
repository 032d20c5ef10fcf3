// libFuzzer target: the strict event parser that every event from outside goes through
// (gw::CaseEvent::fromJson, behind sync push/pull and the local store). Arbitrary bytes are parsed as JSON;
// an accepted event must survive the wire round trip with the same canonical bytes and hash, and sealing
// must give a chain that verifies and detects a change.
#include "auditchain.h"
#include "caseevent.h"
#include "fuzzcheck.h"
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // Events carry explicit offsets; a non-UTC local zone makes any dependence on the machine's zone show up.
    qputenv("TZ", "Asia/Shanghai");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return 0;

    // The same bytes as a message from the server (issue 18): a client renders whatever a server sends, so a
    // readable one survives its own round trip and renders; anything else is refused.
    gw::Message message;
    if (gw::Message::fromJson(doc.object(), &message)) {
        gw::Message back;
        GW_FUZZ_CHECK(gw::Message::fromJson(message.toJson(), &back));
        GW_FUZZ_CHECK(back == message);
        GW_FUZZ_CHECK(back.english() == message.english());
        (void)message.text();
        GW_FUZZ_CHECK(gw::Message::fromStored(message.toStored()) == message);
    }

    gw::CaseEvent event;
    gw::Message why;
    if (!gw::CaseEvent::fromJson(doc.object(), &event, &why)) {
        GW_FUZZ_CHECK(!why.isEmpty());  // a refusal always says why
        return 0;
    }

    // Wire round trip: what the server sends back must parse to an event with the same hash.
    const QByteArray wire = QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
    const QJsonDocument wireDoc = QJsonDocument::fromJson(wire, &parseError);
    GW_FUZZ_CHECK(parseError.error == QJsonParseError::NoError && wireDoc.isObject());
    gw::CaseEvent again;
    GW_FUZZ_CHECK(gw::CaseEvent::fromJson(wireDoc.object(), &again, &why));
    GW_FUZZ_CHECK(again.canonical() == event.canonical());
    GW_FUZZ_CHECK(again.computeHash() == event.computeHash());
    GW_FUZZ_CHECK(QJsonDocument(again.toJson()).toJson(QJsonDocument::Compact) == wire);
    // A client that sealed the event offline and the server that reads it back agree on the hash.
    if (!event.hash.isEmpty())
        GW_FUZZ_CHECK((event.hash == event.computeHash()) == (again.hash == again.computeHash()));

    // Sealing makes a one-event chain that verifies; any change to the payload is then detected.
    gw::CaseEvent sealed = event;
    gw::AuditChain::seal(sealed, 1, QByteArray());
    GW_FUZZ_CHECK(gw::AuditChain::verify({sealed}).ok());
    gw::CaseEvent tampered = sealed;
    tampered.payload.insert(QStringLiteral("gwFuzzTamper"), tampered.payload.size());
    GW_FUZZ_CHECK(!gw::AuditChain::verify({tampered}).ok());
    return 0;
}

// Writes the seed corpus in tests/fuzz/corpus/ from the program's own output: events made, sealed and
// serialized by the core exactly as client and server do, push bodies that walk real cases through the
// workflow, and the shipped indicator set with valid and invalid variants.
// Usage: fuzz_make_seeds <tests/fuzz/corpus>. Not run in CI; the corpus is checked in.
#include "casedriver.h"
#include "indicatorset.h"
#include "protocol/pushrequest.h"
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>

using namespace gwtest;

namespace {

QDir root;

void write(const QString &target, const QString &name, const QByteArray &bytes)
{
    root.mkpath(target);
    QFile f(root.filePath(target + QLatin1Char('/') + name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// The fuzz accounts of fuzz_push_request.cpp, by the driver's actors' roles.
char accountDigit(gw::Role role, const QString &org)
{
    switch (role) {
    case gw::Role::CenterDispatcher: return '0';
    case gw::Role::CenterReviewer: return '1';
    case gw::Role::StreetOperator: return '2';
    case gw::Role::CommunityReporter: return '4';
    case gw::Role::DepartmentHandler: return org == kAssist ? '5' : '3';
    default: return '0';
    }
}

// One request per event, each as the account that acted, separated by "\n--\n".
QByteArray walkAsRequests(const QList<gw::CaseEvent> &events)
{
    QByteArray out;
    for (const gw::CaseEvent &e : events) {
        if (!out.isEmpty())
            out.append("\n--\n");
        out.append(accountDigit(e.actorRole, e.actorOrgUnit));
        gw::PushRequest request;  // exactly the bytes SyncEngine sends
        request.events = {e};
        out.append(request.toCompactJson());
    }
    return out;
}

void require(const gw::Result &r, const char *what)
{
    if (!r.ok)
        qFatal("%s refused: %s", what, qPrintable(r.message));
}

QList<gw::CaseEvent> wholeWhistleCase(CaseDriver &d)
{
    require(d.act(reporter(), EventType::Registered, registrationPayload()), "registered");
    require(d.act(streetOperator(), EventType::Analyzed, QJsonObject{{"decision", "whistle"}}), "analyzed");
    require(d.act(reviewer(), EventType::Reviewed, QJsonObject{{"decision", "approve"}}), "reviewed");
    require(d.act(dispatcher(), EventType::Whistled, d.whistlePayload(kLead, {kAssist})), "whistled");
    require(d.act(leadHandler(), EventType::CheckedIn, QJsonObject{{"department", kLead}}), "checked in");
    const QDateTime due = d.record().assignment(kLead)->handleDue.addDays(2);
    require(d.act(leadHandler(), EventType::PostponeRequested,
                  QJsonObject{{"department", kLead}, {"requestedDue", iso(due)}, {"reason", "需采购材料"}}),
            "postpone requested");
    require(d.act(reviewer(), EventType::PostponeDecided,
                  QJsonObject{{"department", kLead}, {"approved", true}, {"reason", "同意"}}),
            "postpone decided");
    require(d.act(assistHandler(), EventType::CheckedIn, QJsonObject{{"department", kAssist}}), "assist checked in");
    require(d.act(leadHandler(), EventType::Handled, QJsonObject{{"department", kLead}, {"feedback", "已补装井盖"}}),
            "handled");
    require(d.act(assistHandler(), EventType::Handled, QJsonObject{{"department", kAssist}, {"feedback", "已配合"}}),
            "assist handled");
    require(d.act(streetOperator(), EventType::Verified, QJsonObject{{"passed", true}}), "verified");
    require(d.act(dispatcher(), EventType::Closed, QJsonObject{{"satisfaction", "satisfied"}}), "closed");
    require(d.act(streetOperator(), EventType::DepartmentRated, QJsonObject{{"department", kLead}, {"score", 5}}), "rated");
    return d.events();
}

void eventSeeds(const QList<gw::CaseEvent> &events)
{
    const QString t = QStringLiteral("fuzz_event_json");
    for (const gw::CaseEvent &e : events)
        write(t, QStringLiteral("%1_%2.json").arg(e.caseSeq, 2, 10, QLatin1Char('0')).arg(gw::eventTypeToString(e.type)),
              compact(e.toJson()));
    // As the server sends it back: with its order fields.
    gw::CaseEvent stored = events.first();
    stored.serverSeq = 42;
    stored.serverTime = stored.clientTime.addSecs(3);
    write(t, QStringLiteral("server_stored.json"), compact(stored.toJson()));
    // Unsealed, as a form makes it before the store seals it.
    QJsonObject unsealed = events.at(1).toJson();
    unsealed.remove(QStringLiteral("hash"));
    unsealed.remove(QStringLiteral("prev"));
    write(t, QStringLiteral("unsealed.json"), compact(unsealed));
    // With an explicit +08:00 offset instead of Z.
    QJsonObject offset = events.at(2).toJson();
    offset.insert(QStringLiteral("clientTime"),
                  events.at(2).clientTime.toOffsetFromUtc(8 * 3600).toString(Qt::ISODateWithMs));
    write(t, QStringLiteral("offset_time.json"), compact(offset));
    // Refused shapes the parser must explain.
    QJsonObject localTime = events.at(0).toJson();
    localTime.insert(QStringLiteral("clientTime"), QStringLiteral("2026-03-02T09:10:00.000"));
    write(t, QStringLiteral("bad_local_time.json"), compact(localTime));
    // Regressions: an offset that moves the UTC time outside years 1..9999 (once accepted, then unwritable).
    QJsonObject lateYear = events.at(4).toJson();
    lateYear.insert(QStringLiteral("clientTime"), QStringLiteral("9999-12-31T23:59:59.999-10:00"));
    write(t, QStringLiteral("regress_year_after_9999.json"), compact(lateYear));
    QJsonObject earlyYear = events.at(4).toJson();
    earlyYear.insert(QStringLiteral("clientTime"), QStringLiteral("0001-01-01T00:00:00.000+08:00"));
    write(t, QStringLiteral("regress_year_before_1.json"), compact(earlyYear));
    QJsonObject badSeq = events.at(0).toJson();
    badSeq.insert(QStringLiteral("caseSeq"), 1.5);
    write(t, QStringLiteral("bad_case_seq.json"), compact(badSeq));
}

void pushSeeds(const QList<gw::CaseEvent> &whole)
{
    const QString t = QStringLiteral("fuzz_push_request");
    write(t, QStringLiteral("walk_whistle_case.txt"), walkAsRequests(whole));
    // The same case's first event alone, and a batch of registrations by the center for two streets.
    write(t, QStringLiteral("register_one.txt"), walkAsRequests({whole.first()}));
    CaseDriver a, b;
    require(a.act(dispatcher(), EventType::Registered, registrationPayload()), "center registers");
    QJsonObject gulou = registrationPayload();
    gulou[QStringLiteral("street")] = kOtherStreet;
    gulou[QStringLiteral("community")] = QStringLiteral("community.gulou.1");
    require(b.act(dispatcher(), EventType::Registered, gulou), "center registers gulou");
    require(b.act(dispatcher(), EventType::Analyzed,
                  QJsonObject{{"decision", "street"}, {"note", "街道自行处置"}, {"due", iso(b.now().addDays(3))}}),
            "street decision");
    QJsonArray batch{a.events().first().toJson()};
    for (const gw::CaseEvent &e : b.events())
        batch.append(e.toJson());
    write(t, QStringLiteral("batch_two_streets.json"), compact(QJsonObject{{"events", batch}}));
    // A forged actor: the server must take the actor from the token.
    QJsonObject forged = whole.at(1).toJson();
    forged.insert(QStringLiteral("actor"), QStringLiteral("admin"));
    forged.insert(QStringLiteral("role"), QStringLiteral("administrator"));
    write(t, QStringLiteral("forged_actor.txt"),
          walkAsRequests({whole.first()}) + "\n--\n2" + compact(QJsonObject{{"events", QJsonArray{forged}}}));
    // A replay of an accepted event (idempotent) and an unknown type.
    write(t, QStringLiteral("replay.txt"), walkAsRequests({whole.first()}) + "\n--\n" + walkAsRequests({whole.first()}));
    QJsonObject unknownType = whole.at(1).toJson();
    unknownType.insert(QStringLiteral("type"), QStringLiteral("case.teleported"));
    write(t, QStringLiteral("unknown_type.json"), compact(QJsonObject{{"events", QJsonArray{unknownType}}}));
    // Pull and read as different accounts, after the walk.
    write(t, QStringLiteral("pull_all.txt"), "0?after=0&limit=50");
    write(t, QStringLiteral("pull_street.txt"), "2?after=0.0&limit=5\n--\n3?after=1");
    write(t, QStringLiteral("read_case.txt"),
          "0/cases/" + whole.first().caseId.toLatin1() + "/verify\n--\n5/cases/" + whole.first().caseId.toLatin1()
              + "\n--\n4/me");
    // Regression: the server stored such an event with an empty clientTime, which every pull then carried.
    QJsonObject earlyYear = whole.first().toJson();
    earlyYear.insert(QStringLiteral("id"), QStringLiteral("5d0c0d4e-2f57-4c39-9d0e-0c9a3b1e7a01"));
    earlyYear.insert(QStringLiteral("case"), QStringLiteral("8f6b2a43-77c1-4c0e-a1f4-3e2d9c5b6a02"));
    earlyYear.insert(QStringLiteral("clientTime"), QStringLiteral("0001-01-01T00:00:00.000+08:00"));
    write(t, QStringLiteral("regress_year_before_1.txt"),
          "4" + compact(QJsonObject{{"events", QJsonArray{earlyYear}}}) + "\n--\n0?after=0&limit=5000");
    write(t, QStringLiteral("not_json.txt"), "{\"events\":[{\"id\":");
}

void indicatorSeeds()
{
    const QString t = QStringLiteral("fuzz_indicator_set");
    const QByteArray shipped = gw::IndicatorSet::builtinJson();
    if (shipped.isEmpty())
        qFatal("no built-in indicator set");
    write(t, QStringLiteral("default.json"), shipped);
    const QJsonObject base = QJsonDocument::fromJson(shipped).object();
    auto variant = [&](const QString &name, const std::function<void(QJsonObject &)> &change) {
        QJsonObject o = base;
        change(o);
        write(t, name, QJsonDocument(o).toJson(QJsonDocument::Indented));
    };
    auto editIndicator = [](QJsonObject &o, int index, const std::function<void(QJsonObject &)> &change) {
        QJsonArray list = o.value(QStringLiteral("indicators")).toArray();
        QJsonObject ind = list.at(index).toObject();
        change(ind);
        list[index] = ind;
        o.insert(QStringLiteral("indicators"), list);
    };
    // Valid: first indicator as a band, and one as "lower".
    variant(QStringLiteral("band.json"), [&](QJsonObject &o) {
        editIndicator(o, 0, [](QJsonObject &i) {
            i = QJsonObject{{"id", i.value("id")}, {"name", i.value("name")}, {"weight", i.value("weight")},
                            {"direction", "band"}, {"floor", 10}, {"low", 40}, {"high", 60}, {"ceiling", 90}};
        });
    });
    variant(QStringLiteral("lower.json"), [&](QJsonObject &o) {
        editIndicator(o, 0, [](QJsonObject &i) {
            i = QJsonObject{{"id", i.value("id")}, {"name", i.value("name")}, {"weight", i.value("weight")},
                            {"direction", "lower"}, {"target", 2}, {"ceiling", 30}};
        });
    });
    // Invalid: weights not adding up, an unknown id, a duplicate, negative and non-numeric values,
    // an inverted band, a decreasing rework schedule.
    variant(QStringLiteral("bad_weights.json"), [&](QJsonObject &o) {
        editIndicator(o, 0, [](QJsonObject &i) { i.insert("weight", QJsonObject{{"street", 55}, {"department", 1}}); });
    });
    variant(QStringLiteral("bad_unknown_id.json"), [&](QJsonObject &o) {
        editIndicator(o, 1, [](QJsonObject &i) { i.insert("id", "teleportRate"); });
    });
    variant(QStringLiteral("bad_duplicate.json"), [&](QJsonObject &o) {
        QJsonArray list = o.value(QStringLiteral("indicators")).toArray();
        list.append(list.at(0));
        o.insert(QStringLiteral("indicators"), list);
    });
    variant(QStringLiteral("bad_numbers.json"), [&](QJsonObject &o) {
        editIndicator(o, 0, [](QJsonObject &i) { i.insert("target", -5); i.insert("floor", "sixty"); });
        o.insert(QStringLiteral("satisfactionScores"), QJsonObject{{"satisfied", 120}, {"meh", 3}});
    });
    variant(QStringLiteral("bad_band.json"), [&](QJsonObject &o) {
        editIndicator(o, 0, [](QJsonObject &i) {
            i.insert("direction", "band"); i.insert("low", 70); i.insert("high", 30); i.insert("ceiling", 20);
        });
    });
    variant(QStringLiteral("bad_schedule.json"), [&](QJsonObject &o) {
        QJsonObject d = o.value(QStringLiteral("deductions")).toObject();
        d.insert(QStringLiteral("reworkSchedule"), QJsonArray{5, 3, "x"});
        d.insert(QStringLiteral("maxTotal"), 150);
        o.insert(QStringLiteral("deductions"), d);
    });
    write(t, QStringLiteral("bad_not_object.json"), "[1,2,3]");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <tests/fuzz/corpus>\n", argv[0]);
        return 2;
    }
    root = QDir(QString::fromLocal8Bit(argv[1]));
    CaseDriver whistleCase;
    const QList<gw::CaseEvent> whole = wholeWhistleCase(whistleCase);
    eventSeeds(whole);
    pushSeeds(whole);
    indicatorSeeds();
    return 0;
}

// JsonBytes writes the store's JSON directly; every function must give exactly the bytes of the Qt form it
// replaces (CaseRecord::toJson, CaseEvent::canonical/computeHash, CaseEvent::timeToString), because the state
// column is read back with CaseRecord::fromJson and json_extract, and the hash seals the audit chain.
#include "jsonbytes.h"
#include "searchtext.h"
#include "storefixture.h"
#include <QJsonDocument>
#include <QTimeZone>
#include <QtTest>
#include <cmath>
#include <limits>
#include <random>

using namespace gw;

namespace {

class Varied
{
public:
    explicit Varied(quint32 seed) : m_rng(seed) {}

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }

    // Texts mixing plain ASCII, CJK, JSON specials, control characters, astral characters and broken surrogates.
    QString text()
    {
        static const QList<QString> pieces{
            QStringLiteral("北京路"), QStringLiteral("井盖缺失"), QStringLiteral("abc"), QStringLiteral(" "),
            QStringLiteral("\""), QStringLiteral("\\"), QStringLiteral("/"), QStringLiteral("\n"), QStringLiteral("\r\t"),
            QString(QChar(0x01)), QString(QChar(0x1f)), QString(QChar(0x7f)), QStringLiteral("\u00e9\u00df"),
            QStringLiteral("\u2028"), QStringLiteral("😀"), QString(QChar(0xd83d)) /* high surrogate alone */,
            QString(QChar(0xde00)) /* low surrogate alone */, QStringLiteral("PL-2026-000123"), QStringLiteral("<b>&amp;</b>"),
            QString(QChar(0x08)) + QChar(0x0c), QString(QChar(0xfffd)), QString(QChar(0xffff)), QString(QChar(0x0800))};
        if (chance(0.1))
            return QString();  // null
        if (chance(0.1))
            return QStringLiteral("");
        QString s;
        const int n = pick(12);
        for (int i = 0; i < n; ++i)
            s += pieces.at(pick(int(pieces.size())));
        return s;
    }

    QDateTime time()
    {
        switch (pick(8)) {
        case 0:
            return {};
        case 1:  // far past and future, still four-digit years
            return QDateTime::fromMSecsSinceEpoch(-62135596800000LL + qint64(pick(1000)) * 86400000LL + pick(86400000), Qt::UTC);
        case 2:
            return QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
        case 3:  // before 1970: negative milliseconds
            return QDateTime::fromMSecsSinceEpoch(-qint64(pick(2000000000)) * 1000 - pick(1000), Qt::UTC);
        case 4:  // not in UTC: written as UTC
            return QDateTime(QDate(2026, 1 + pick(12), 1 + pick(28)), QTime(pick(24), pick(60), pick(60), pick(1000)),
                             QTimeZone(8 * 3600));
        case 5:  // leap days and year ends
            return QDateTime(pick(2) ? QDate(2024, 2, 29) : QDate(2000 + pick(30), 12, 31), QTime(23, 59, 59, 999), Qt::UTC);
        default:
            return QDateTime::fromMSecsSinceEpoch(1700000000000LL + qint64(pick(1000000000)) * 37, Qt::UTC);
        }
    }

    double number()
    {
        static const QList<double> special{0.0, -0.0, 1.0, -1.0, 102.7123456789012, 25.04, 1e20, -1e-300, 0.1, 1.0 / 3,
                                           9007199254740993.0, 123456789012.0, std::numeric_limits<double>::quiet_NaN(),
                                           std::numeric_limits<double>::infinity(), 9.3e18, -9.3e18};
        if (chance(0.5))
            return special.at(pick(int(special.size())));
        return std::uniform_real_distribution<double>(-180, 180)(m_rng);
    }

    CaseRecord record()
    {
        CaseRecord r;
        r.id = chance(0.9) ? CaseEvent::newId() : text();
        r.number = text();
        r.title = text();
        r.description = text();
        r.categoryId = text();
        r.subcategoryId = text();
        r.streetId = text();
        r.communityId = text();
        r.address = text();
        r.gridCell = text();
        r.hasLocation = chance(0.5);
        r.longitude = number();
        r.latitude = number();
        r.urgency = Urgency(pick(3));
        r.reporterName = text();
        r.reporterPhone = text();
        if (chance(0.3)) {
            for (int i = pick(3); i >= 0; --i)
                r.attachments.append(QJsonObject{{"id", CaseEvent::newId()}, {"name", text()}, {"mime", "image/png"},
                                                 {"size", pick(100000)}, {"sha256", QString(64, u'a')}});
        }
        r.registeredBy = text();
        r.registeredAt = time();
        r.updatedAt = time();
        r.status = CaseStatus(pick(11));
        r.analysisNote = text();
        r.mergedInto = text();
        r.streetDue = time();
        r.streetFeedback = text();
        r.lastDecisionBy = text();
        r.lastDecisionReason = text();
        for (int i = pick(4); i > 0; --i) {
            DepartmentAssignment a;
            a.departmentId = text();
            a.lead = chance(0.5);
            a.state = DepartmentAssignment::State(pick(4));
            a.summonedAt = time();
            a.checkInDue = time();
            a.handleDue = time();
            a.checkedInAt = time();
            a.handledAt = time();
            a.feedback = text();
            a.returnReason = text();
            a.returnedBy = text();
            a.postponeRequestedDue = time();
            a.postponeReason = text();
            a.postponeCount = pick(5);
            a.rating = pick(6) - (chance(0.05) ? 100 : 0);
            a.archived = chance(0.3);
            a.returnedAt = time();
            a.ratedAt = time();
            a.reworkCount = pick(4);
            r.departments.append(a);
        }
        r.reworkCount = pick(5);
        r.reopenCount = chance(0.05) ? std::numeric_limits<int>::max() : pick(5);
        r.onHold = chance(0.5);
        r.escalated = chance(0.5);
        r.escalationReason = text();
        r.whistledAt = time();
        r.handledAt = time();
        r.verifiedAt = time();
        r.closedAt = time();
        r.satisfaction = text();
        r.eventCount = chance(0.05) ? -1 : pick(200);
        r.lastHash = chance(0.2) ? QByteArray() : QByteArray(64, 'f');
        return r;
    }

    CaseEvent event()
    {
        CaseEvent e;
        e.id = CaseEvent::newId();
        e.caseId = chance(0.9) ? CaseEvent::newId() : text();
        e.caseSeq = pick(1000) - 1;
        e.type = EventType(pick(18));
        e.payload = QJsonObject{{"title", text()}, {"note", text()}, {"approved", chance(0.5)}, {"score", pick(6)},
                                {"lon", number()}, {"list", QJsonArray{text(), pick(10), QJsonObject{{"x", text()}}}}};
        if (chance(0.2))
            e.payload = {};
        e.actorId = text();
        e.actorRole = Role(pick(7));
        e.actorOrgUnit = text();
        e.deviceId = text();
        e.clientTime = time();
        e.prevHash = chance(0.3) ? QByteArray() : QByteArray(64, '0');
        return e;
    }

private:
    std::mt19937 m_rng;
};

QByteArray qtCompact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

// SearchText::forIndex as first written (one temporary string per character): the faster version must
// give the same text, because the contentless index deletes a row by re-tokenizing its old text.
QString referenceForIndex(const QString &text)
{
    auto fromCodePoint = [](char32_t c) { return QString::fromUcs4(&c, 1); };
    QString out;
    QList<char32_t> run;
    auto flushRun = [&] {
        for (int i = 0; i < run.size(); ++i) {
            out += u' ';
            out += fromCodePoint(run.at(i));
            if (i + 1 < run.size())
                out += fromCodePoint(run.at(i + 1));
            out += u' ';
        }
        run.clear();
    };
    for (uint c : text.toUcs4()) {
        if (SearchText::isCjk(c)) {
            run.append(c);
            continue;
        }
        flushRun();
        out += fromCodePoint(c);
    }
    flushRun();
    return out;
}

} // namespace

class TestJsonBytes : public QObject
{
    Q_OBJECT
private slots:
    void timesMatchTimeToString()
    {
        Varied v(1);
        for (int i = 0; i < 20000; ++i) {
            const QDateTime t = v.time();
            QCOMPARE(JsonBytes::timeText(t), CaseEvent::timeToString(t).toUtf8());
        }
        // Every millisecond position of a day and every day of four centuries around the epoch.
        for (qint64 day = -73000; day < 73000; day += 7)
            for (qint64 ms : {0LL, 1LL, 999LL, 59999LL, 86399999LL}) {
                const QDateTime t = QDateTime::fromMSecsSinceEpoch(day * 86400000LL + ms, Qt::UTC);
                QCOMPARE(JsonBytes::timeText(t), CaseEvent::timeToString(t).toUtf8());
            }
    }

    void stringsAndNumbersMatchQt()
    {
        Varied v(2);
        for (int i = 0; i < 20000; ++i) {
            const QString s = v.text();
            QByteArray mine = "{\"k\":";
            JsonBytes::appendString(mine, s);
            mine += '}';
            QCOMPARE(mine, qtCompact(QJsonObject{{"k", s}}));
            const double d = v.number();
            QByteArray number = "{\"k\":";
            JsonBytes::appendNumber(number, d);
            number += '}';
            QCOMPARE(number, qtCompact(QJsonObject{{"k", d}}));
        }
    }

    void caseStateMatchesToJson()
    {
        Varied v(3);
        for (int i = 0; i < 5000; ++i) {
            const CaseRecord r = v.record();
            const QByteArray mine = JsonBytes::caseState(r);
            QCOMPARE(mine, qtCompact(r.toJson()));
            // And it is valid JSON (what CaseStore::loadCaseRow parses).
            QJsonParseError error;
            QVERIFY(QJsonDocument::fromJson(mine, &error).isObject());
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
    }

    void caseStateOfRealCasesMatches()
    {
        // Records as the workflow projects them, through every stage, from the store itself.
        QTemporaryDir dir;
        CaseStore store;
        QVERIFY(store.open(dir.filePath("s.db")).ok);
        CaseEvent reg = test::builder(store, test::streetOperator()).registerCase(test::draft(QStringLiteral("井盖\"缺失\"\\路")));
        GW_APPEND(store, reg);
        const std::optional<CaseRecord> r = store.caseById(reg.caseId);
        QVERIFY(r);
        QCOMPARE(JsonBytes::caseState(*r), qtCompact(r->toJson()));
        QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
        QVERIFY(q.exec(QStringLiteral("SELECT state, json_extract(state, '$.title'), json_extract(state, '$.status') FROM cases")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString().toUtf8(), qtCompact(r->toJson()));
        QCOMPARE(q.value(1).toString(), QStringLiteral("井盖\"缺失\"\\路"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("registered"));
    }

    void searchTextIsUnchanged()
    {
        Varied v(5);
        for (int i = 0; i < 5000; ++i) {
            const QString s = v.text() + QStringLiteral("𠀀𠀁ひらがなカタカナㄅㄆ") + v.text();
            QCOMPARE(SearchText::forIndex(s), referenceForIndex(s));
        }
    }

    void canonicalAndHashMatchCaseEvent()
    {
        Varied v(4);
        for (int i = 0; i < 5000; ++i) {
            const CaseEvent e = v.event();
            const QByteArray payload = JsonBytes::payload(e.payload);
            QCOMPARE(payload, qtCompact(e.payload));
            QCOMPARE(JsonBytes::canonical(e, payload), e.canonical());
            QCOMPARE(JsonBytes::hash(e, payload), e.computeHash());
        }
    }

    void eventMatchesToJson()
    {
        // The wire form the server stores and sends, before and after it numbers the event.
        Varied v(6);
        for (int i = 0; i < 5000; ++i) {
            CaseEvent e = v.event();
            e.hash = e.computeHash();
            if (v.chance(0.6)) {
                e.serverSeq = v.chance(0.5) ? v.pick(10) + 1 : qint64(v.pick(1 << 30)) * 4096 + 1;
                e.serverTime = v.time();
            }
            QCOMPARE(JsonBytes::event(e, JsonBytes::payload(e.payload)), qtCompact(e.toJson()));
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonBytes)
#include "tst_jsonbytes.moc"

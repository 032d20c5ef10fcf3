// gw::Message: a sentence kept as its catalogue key and arguments, rendered in the reader's language.
#include "message.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTranslator>

using namespace gw;

namespace {

// A translator that answers for one context only, as a .qm file would, so rendering can be checked without one.
class FakeChinese : public QTranslator {
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *source, const char *disambiguation, int n) const override
    {
        if (QByteArray(context) != "gw::Sample")
            return {};
        const QByteArray s(source);
        if (s == "Case %1 is outside your area of responsibility.")
            return QStringLiteral("哨件 %1 不在您的职责范围内。");
        if (s == "%2 then %1")
            return QStringLiteral("先%1后%2");  // translators may reorder
        if (s == "urgent")
            return QString::fromUtf8(disambiguation && QByteArray(disambiguation) == "urgency" ? "紧急" : "急");
        if (s == "%n file(s)")
            return QStringLiteral("%n 个文件").replace(QLatin1String("%n"), QString::number(n));
        return {};
    }
};

Message sample(const char *source, const char *disambiguation = nullptr, int n = -1)
{
    return Message::translate("gw::Sample", source, disambiguation, n);
}

} // namespace

class TestMessage : public QObject {
    Q_OBJECT
private slots:
    void englishAndTranslatedRendering()
    {
        const Message m = sample("Case %1 is outside your area of responsibility.").arg(QStringLiteral("PL-2026-000001"));
        QCOMPARE(m.english(), QStringLiteral("Case PL-2026-000001 is outside your area of responsibility."));
        QCOMPARE(m.text(), m.english());  // no translator installed: the source text
        FakeChinese zh;
        QCoreApplication::installTranslator(&zh);
        QCOMPARE(m.text(), QStringLiteral("哨件 PL-2026-000001 不在您的职责范围内。"));
        QCOMPARE(m.english(), QStringLiteral("Case PL-2026-000001 is outside your area of responsibility."));
        QCoreApplication::removeTranslator(&zh);
    }

    void nestedArgumentsRenderInTheSameLanguage()
    {
        const Message inner = sample("urgent", "urgency");
        const Message outer = sample("Case %1 is outside your area of responsibility.").arg(inner);
        FakeChinese zh;
        QCoreApplication::installTranslator(&zh);
        QCOMPARE(outer.text(), QStringLiteral("哨件 紧急 不在您的职责范围内。"));
        QCoreApplication::removeTranslator(&zh);
        QCOMPARE(outer.english(), QStringLiteral("Case urgent is outside your area of responsibility."));
    }

    void placeholdersFillByRankInOnePass()
    {
        // Like QString::arg: the first argument fills the lowest number; an argument containing %2 stays as it is.
        QCOMPARE(Message("%3 and %1").arg(QStringLiteral("a"), QStringLiteral("%2")).english(), QStringLiteral("%2 and a"));
        QCOMPARE(Message("%1%1 %10").arg(QStringLiteral("x")).arg(7).english(), QStringLiteral("xx 7"));
        QCOMPARE(Message("%1 left").english(), QStringLiteral("%1 left"));     // no argument: untouched
        QCOMPARE(Message("100%").arg(1).english(), QStringLiteral("100%"));    // no placeholder: argument unused
        QCOMPARE(Message("%1").arg(5, 3, 10, QLatin1Char('0')).english(), QStringLiteral("005"));
        QCOMPARE(Message("%1").arg(2.5, 0, 'f', 2).english(), QStringLiteral("2.50"));
        FakeChinese zh;
        QCoreApplication::installTranslator(&zh);
        QCOMPARE(sample("%2 then %1").arg(QStringLiteral("A"), QStringLiteral("B")).text(), QStringLiteral("先A后B"));
        QCoreApplication::removeTranslator(&zh);
    }

    void pluralsUseTheCount()
    {
        const Message m = sample("%n file(s)", nullptr, 3);
        QCOMPARE(m.english(), QStringLiteral("3 file(s)"));
        FakeChinese zh;
        QCoreApplication::installTranslator(&zh);
        QCOMPARE(m.text(), QStringLiteral("3 个文件"));
        QCoreApplication::removeTranslator(&zh);
    }

    void idIsStableAndDistinguishesDisambiguation()
    {
        const QString id = sample("urgent").id();
        QVERIFY(id.startsWith(QLatin1String("sample.")));
        QCOMPARE(id.size(), int(strlen("sample.")) + 8);
        QCOMPARE(sample("urgent").arg(1).id(), id);  // arguments are not part of the identity
        QVERIFY(sample("urgent", "urgency").id() != id);
        QCOMPARE(Message::translate("gw::AccessPolicy", "x").id().left(13), QStringLiteral("accesspolicy."));
        QVERIFY(Message("plain").id().isEmpty());
    }

    void jsonRoundTripKeepsEverything()
    {
        const Message m = sample("Case %1 is outside your area of responsibility.")
                              .arg(sample("%n file(s)", nullptr, 2).arg(QStringLiteral("x")));
        const QByteArray bytes = QJsonDocument(m.toJson()).toJson();
        Message back;
        QVERIFY(Message::fromJson(QJsonDocument::fromJson(bytes).object(), &back));
        QVERIFY(back == m);
        QCOMPARE(back.english(), m.english());
        QCOMPARE(m.toJson().value(QStringLiteral("id")).toString(), m.id());

        QJsonObject wire;
        m.writeTo(wire, QStringLiteral("message"));
        QCOMPARE(wire.value(QStringLiteral("message")).toString(), m.english());
        QVERIFY(Message::readFrom(wire, QStringLiteral("message")) == m);
        // An older server sends only the English text: it is shown as it is.
        QJsonObject old{{QStringLiteral("message"), QStringLiteral("Something old")}};
        QCOMPARE(Message::readFrom(old, QStringLiteral("message")).text(), QStringLiteral("Something old"));
        // Plain text writes no detail.
        QJsonObject plainWire;
        Message(QStringLiteral("disk full")).writeTo(plainWire, QStringLiteral("reason"));
        QVERIFY(!plainWire.contains(QStringLiteral("reasonDetail")));
    }

    void malformedJsonIsRefusedAndLeavesTheTargetAlone()
    {
        const Message sentinel(QStringLiteral("unchanged"));
        const QList<QByteArray> bad = {
            R"({"text":5})",
            R"({"text":"a","context":"gw::X"})",
            R"({"context":"gw::X"})",
            R"({"context":"","source":"x"})",
            R"({"context":"gw::X","source":"x","n":-1})",
            R"({"context":"gw::X","source":"x","n":1.5})",
            R"({"context":"gw::X","source":"x","args":"a"})",
            R"({"context":"gw::X","source":"x","args":[5]})",
            R"({"context":"gw::X","source":"x","args":[{"text":7}]})",
            R"({"context":"gw::X","source":"x","disambiguation":3})",
        };
        for (const QByteArray &json : bad) {
            Message out = sentinel;
            QVERIFY2(!Message::fromJson(QJsonDocument::fromJson(json).object(), &out), json.constData());
            QVERIFY(out == sentinel);
        }
        // Too deep: six nested levels.
        QJsonObject deep{{QStringLiteral("text"), QStringLiteral("%1")}};
        for (int i = 0; i < 6; ++i)
            deep = QJsonObject{{QStringLiteral("text"), QStringLiteral("%1")}, {QStringLiteral("args"), QJsonArray{deep}}};
        Message out = sentinel;
        QVERIFY(!Message::fromJson(deep, &out));
        // Too many arguments.
        QJsonArray many;
        for (int i = 0; i < 100; ++i)
            many.append(QStringLiteral("a"));
        QVERIFY(!Message::fromJson(QJsonObject{{QStringLiteral("text"), QStringLiteral("x")}, {QStringLiteral("args"), many}}, &out));
        QVERIFY(out == sentinel);
        // A malformed detail on the wire falls back to the English text.
        QJsonObject wire{{QStringLiteral("message"), QStringLiteral("English")},
                         {QStringLiteral("messageDetail"), QJsonObject{{QStringLiteral("text"), 1}}}};
        QCOMPARE(Message::readFrom(wire, QStringLiteral("message")).text(), QStringLiteral("English"));
    }

    void storedFormKeepsOldRowsReadable()
    {
        QCOMPARE(Message(QStringLiteral("plain reason")).toStored(), QStringLiteral("plain reason"));
        QCOMPARE(Message::fromStored(QStringLiteral("plain reason")).text(), QStringLiteral("plain reason"));
        QCOMPARE(Message::fromStored(QStringLiteral("{not json")).text(), QStringLiteral("{not json"));
        const Message m = sample("urgent", "urgency");
        QVERIFY(Message::fromStored(m.toStored()) == m);
        // Text that looks like JSON is stored so that it reads back as the same text.
        const Message jsonLooking(QStringLiteral("{\"text\":\"x\"}"));
        QVERIFY(Message::fromStored(jsonLooking.toStored()) == jsonLooking);
        // A plain argument with a count keeps it through the wire form.
        Message counted;
        QVERIFY(Message::fromJson(QJsonObject{{QStringLiteral("text"), QStringLiteral("%1")},
                                              {QStringLiteral("args"), QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("a")},
                                                                                              {QStringLiteral("n"), 2}}}}},
                                  &counted));
        Message back;
        QVERIFY(Message::fromJson(counted.toJson(), &back));
        QVERIFY(back == counted);
    }

    void linesKeepEveryPart()
    {
        QList<Message> parts;
        for (int i = 0; i < 250; ++i)
            parts.append(Message(QStringLiteral("line %1").arg(i)));
        const Message all = Message::lines(parts);
        const QStringList rendered = all.english().split(QLatin1Char('\n'));
        QCOMPARE(rendered.size(), 250);
        QCOMPARE(rendered.first(), QStringLiteral("line 0"));
        QCOMPARE(rendered.last(), QStringLiteral("line 249"));
        Message back;
        QVERIFY(Message::fromJson(all.toJson(), &back));  // still within the wire limits
        QCOMPARE(back.english(), all.english());
        QCOMPARE(Message::lines({}).english(), QString());
        QCOMPARE(Message("a").followedBy(Message("b")).english(), QStringLiteral("a b"));
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"

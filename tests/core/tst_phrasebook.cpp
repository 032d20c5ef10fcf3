// The district's phrase templates as reference data (issue 16): the shipped book covers every text field of the
// workflow; a served book is checked as it is read and a bad one changes nothing.
#include "phrasebook.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace gw;

class TestPhraseBook : public QObject
{
    Q_OBJECT

private slots:
    void shippedCoversEveryField()
    {
        const PhraseBook book = PhraseBook::shipped();
        for (const QString &kind : PhraseBook::fieldKinds()) {
            QVERIFY2(!book.phrases(kind).isEmpty(), qPrintable(kind));
            QVERIFY2(PhraseBook::kindDisplayName(kind).english() != kind, qPrintable(kind));  // every field has a name
        }
        QVERIFY(book.phrases(QStringLiteral("return_reason")).contains(QStringLiteral("不属于本部门职责范围")));
        QCOMPARE(PhraseBook::kindDisplayName(QStringLiteral("new_field")).english(), QStringLiteral("new_field"));
    }

    void roundTripAndReplace()
    {
        PhraseBook book = PhraseBook::shipped();
        PhraseBook copy;
        QVERIFY(copy.load(book.toJson()).ok);
        QCOMPARE(copy.toJson(), book.toJson());
        const QStringList feedback{QStringLiteral("已现场处置完毕"), QStringLiteral("已协调物业清理完毕")};
        QVERIFY(copy.setPhrases(QStringLiteral("feedback"), feedback).ok);
        QCOMPARE(copy.phrases(QStringLiteral("feedback")), feedback);  // in the order given
        QVERIFY(copy.setPhrases(QStringLiteral("comment"), {}).ok);
        QVERIFY(!copy.kinds().contains(QStringLiteral("comment")));  // an empty list removes the field
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("phrases");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("bad field name") << "Return Reason" << QStringList{"文本"} << "lower-case letters";
        QTest::newRow("twice") << "feedback" << QStringList{"已处置", "已处置"} << "listed twice";
        QTest::newRow("empty") << "feedback" << QStringList{""} << "is empty";
        QTest::newRow("padded") << "feedback" << QStringList{" 已处置"} << "starts or ends with spaces";
        QTest::newRow("line break") << "feedback" << QStringList{"已处置\n完毕"} << "line break";
        QTest::newRow("too long") << "feedback" << QStringList{QString(PhraseBook::MaxPhrase + 1, u'字')} << "at most 200";
        QStringList many;
        for (int i = 0; i <= PhraseBook::MaxPhrasesPerKind; ++i)
            many << QStringLiteral("常用语%1").arg(i);
        QTest::newRow("too many") << "feedback" << many << "at most 40 are kept";
    }
    void refusals()
    {
        QFETCH(QString, kind);
        QFETCH(QStringList, phrases);
        QFETCH(QString, fragment);
        PhraseBook book = PhraseBook::shipped();
        const QJsonObject before = book.toJson();
        const Result r = book.setPhrases(kind, phrases);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("invalid_input"));
        QVERIFY2(r.message.english().contains(fragment), qPrintable(r.message.english()));
        QCOMPARE(book.toJson(), before);
    }

    void badBookChangesNothing()
    {
        PhraseBook book = PhraseBook::shipped();
        const QJsonObject before = book.toJson();
        QVERIFY(!book.load(QJsonObject{{"phrases", QJsonObject{{"feedback", QJsonArray{"已处置", 3}}}}}).ok);
        QVERIFY(!book.load(QJsonObject{{"phrases", QJsonObject{{"feedback", "已处置"}}}}).ok);
        QVERIFY(!book.load(QJsonObject{{"phrasebook", QJsonObject()}}).ok);
        QCOMPARE(book.load(QJsonObject{{"phrases", QJsonObject{{"feedback", QJsonArray{"已处置", "已处置"}}}}}).field,
                 QStringLiteral("feedback"));
        QCOMPARE(book.toJson(), before);
    }
};

QTEST_GUILESS_MAIN(TestPhraseBook)
#include "tst_phrasebook.moc"

// The administrative log's hash chain (AdminLogEntry): sealing, verification against every kind of tampering,
// the wire form both ends use, and the sentences the console shows.
#include "adminlogentry.h"
#include "protocol/adminlogpage.h"
#include <QJsonArray>
#include <QtTest>

using namespace gw;

class TstAdminLogEntry : public QObject
{
    Q_OBJECT

    static QList<AdminLogEntry> chain(int n)
    {
        QList<AdminLogEntry> out;
        QByteArray previous;
        for (int i = 1; i <= n; ++i) {
            AdminLogEntry e;
            e.seq = i;
            e.at = QDateTime(QDate(2026, 12, 6), QTime(8, 0, i), Qt::UTC);
            e.actor = QStringLiteral("admin");
            e.action = AdminLogEntry::AccountUpdated;
            e.subject = QStringLiteral("user%1").arg(i);
            e.details = {{"changes", QJsonObject{{"role", QJsonArray{"street_operator", "supervisor"}}}}};
            e.seal(previous);
            previous = e.hash;
            out.append(e);
        }
        return out;
    }

private Q_SLOTS:
    void sealedChainVerifies()
    {
        const QList<AdminLogEntry> entries = chain(5);
        QVERIFY(AdminLogEntry::verify(entries).ok());
        QVERIFY(AdminLogEntry::verify({}).ok());
        QCOMPARE(entries.at(0).prevHash, QByteArray());
        QCOMPARE(entries.at(1).prevHash, entries.at(0).hash);
        QCOMPARE(entries.at(0).hash.size(), 64);
    }

    void tamperingIsFound_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("index");
        QTest::newRow("details") << 0 << 2;
        QTest::newRow("actor") << 1 << 0;
        QTest::newRow("time") << 2 << 4;
        QTest::newRow("removed") << 3 << 2;
        QTest::newRow("swapped") << 4 << 1;
        QTest::newRow("resealed alone") << 5 << 2;
    }

    void tamperingIsFound()
    {
        QFETCH(int, kind);
        QFETCH(int, index);
        QList<AdminLogEntry> entries = chain(5);
        switch (kind) {
        case 0: entries[2].details = {{"changes", QJsonObject{{"role", QJsonArray{"x", "administrator"}}}}}; break;
        case 1: entries[0].actor = QStringLiteral("dispatcher"); break;
        case 2: entries[4].at = entries[4].at.addSecs(-3600); break;
        case 3: entries.removeAt(2); break;
        case 4: entries.swapItemsAt(1, 2); break;
        case 5:  // edited and given a fresh hash: the next entry no longer links to it
            entries[2].subject = QStringLiteral("someone-else");
            entries[2].seal(entries[1].hash);
            break;
        }
        const AdminLogEntry::Report report = AdminLogEntry::verify(entries);
        QVERIFY(!report.ok());
        QCOMPARE(report.index, kind == 5 ? 3 : index);
        QVERIFY(!report.message.text().isEmpty());
    }

    void wireFormRoundTrips()
    {
        const QList<AdminLogEntry> entries = chain(3);
        AdminLogPage page;
        page.entries = entries;
        page.total = 3;
        page.chainOk = false;
        page.chainMessage = Message::translate("gw::AdminLogEntry", "Administrative log entry #%1 does not follow the entry before it.").arg(2);
        page.brokenSeq = 2;
        AdminLogPage back;
        Message why;
        QVERIFY2(AdminLogPage::fromJson(page.toJson(), &back, &why), qPrintable(why.text()));
        QCOMPARE(back.entries.size(), 3);
        QCOMPARE(back.brokenSeq, 2);
        QCOMPARE(back.chainMessage, page.chainMessage);
        QVERIFY(AdminLogEntry::verify(back.entries).ok());  // the hash survives the trip
        QCOMPARE(back.entries.at(1).canonical(), entries.at(1).canonical());
    }

    void malformedWireFormIsRefused_data()
    {
        QTest::addColumn<QJsonObject>("json");
        const QJsonObject entry = chain(1).first().toJson();
        QJsonObject noSeq = entry;
        noSeq.remove("seq");
        QJsonObject zeroSeq = entry;
        zeroSeq.insert("seq", 0);
        QJsonObject textDetails = entry;
        textDetails.insert("details", "role changed");
        QTest::newRow("no entries") << QJsonObject{{"chainOk", true}};
        QTest::newRow("entry not an object") << QJsonObject{{"entries", QJsonArray{1}}, {"chainOk", true}};
        QTest::newRow("entry without seq") << QJsonObject{{"entries", QJsonArray{noSeq}}, {"chainOk", true}};
        QTest::newRow("entry numbered 0") << QJsonObject{{"entries", QJsonArray{zeroSeq}}, {"chainOk", true}};
        QTest::newRow("details not an object") << QJsonObject{{"entries", QJsonArray{textDetails}}, {"chainOk", true}};
        QTest::newRow("no chain state") << QJsonObject{{"entries", QJsonArray{entry}}};
    }

    void malformedWireFormIsRefused()
    {
        QFETCH(QJsonObject, json);
        AdminLogPage page;
        Message why;
        QVERIFY(!AdminLogPage::fromJson(json, &page, &why));
        QVERIFY(!why.isEmpty());
    }

    void summariesNameWhatChanged()
    {
        AdminLogEntry e;
        e.action = AdminLogEntry::AccountUpdated;
        e.details = {{"changes", QJsonObject{{"orgUnit", QJsonArray{"street.tuodong", "street.gulou"}},
                                             {"active", QJsonArray{true, false}}}}};
        const QString text = e.summary().text();
        QVERIFY2(text.contains("disabled") && text.contains(QStringLiteral("拓东街道")) && text.contains(QStringLiteral("鼓楼街道")),
                 qPrintable(text));
        e.action = AdminLogEntry::AccountPasswordReset;
        e.details = {{"mustChangePassword", true}};
        QCOMPARE(e.summary().text(), QStringLiteral("must set a new password: yes"));
        QCOMPARE(AdminLogEntry::actionDisplayName(AdminLogEntry::AccountCreated).text(), QStringLiteral("Account created"));
        QCOMPARE(AdminLogEntry::actionDisplayName("calendar.added").text(), QStringLiteral("calendar.added"));
    }
};

QTEST_GUILESS_MAIN(TstAdminLogEntry)
#include "tst_adminlogentry.moc"

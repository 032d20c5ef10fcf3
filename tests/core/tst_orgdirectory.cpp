// Org units as seed data: the shipped Panlong directory, and the validation of an edited file.
#include "orgdirectory.h"
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestOrgDirectory : public QObject
{
    Q_OBJECT

private slots:
    void builtinHasTheTwelveStreets();
    void builtinCommunitiesBelongToStreets();
    void builtinDepartmentsAndCenter();
    void lookups();
    void jsonRoundTrip();
    void loadFile();
    void loadJsonErrors_data();
    void loadJsonErrors();
    void failedLoadKeepsPreviousUnits();
};

void TestOrgDirectory::builtinHasTheTwelveStreets()
{
    const OrgDirectory &dir = OrgDirectory::builtin();
    const QList<OrgUnit> streets = dir.unitsOfKind(OrgUnit::Kind::Street);
    QStringList names;
    for (const OrgUnit &s : streets) {
        names << s.name;
        QVERIFY(s.id.startsWith(QLatin1String("street.")));
        QVERIFY(s.parentId.isEmpty());
        QVERIFY(s.active);
    }
    // The 12 streets of Panlong District, in the order of the district's own list.
    const QStringList expected{QStringLiteral("拓东街道"), QStringLiteral("鼓楼街道"), QStringLiteral("东华街道"),
                               QStringLiteral("联盟街道"), QStringLiteral("金辰街道"), QStringLiteral("青云街道"),
                               QStringLiteral("龙泉街道"), QStringLiteral("茨坝街道"), QStringLiteral("双龙街道"),
                               QStringLiteral("松华街道"), QStringLiteral("滇源街道"), QStringLiteral("阿子营街道")};
    QCOMPARE(names, expected);
    QCOMPARE(dir.nameOf(QStringLiteral("street.tuodong")), QStringLiteral("拓东街道"));
    QCOMPARE(dir.nameOf(QStringLiteral("street.aziying")), QStringLiteral("阿子营街道"));
}

void TestOrgDirectory::builtinCommunitiesBelongToStreets()
{
    const OrgDirectory &dir = OrgDirectory::builtin();
    const QList<OrgUnit> communities = dir.unitsOfKind(OrgUnit::Kind::Community);
    QVERIFY(!communities.isEmpty());
    for (const OrgUnit &c : communities) {
        QVERIFY2(dir.isKind(c.parentId, OrgUnit::Kind::Street), qPrintable(c.id));
        QCOMPARE(dir.streetOf(c.id), c.parentId);
        QVERIFY(c.name.endsWith(QStringLiteral("社区")));
    }
    int total = 0;
    for (const OrgUnit &s : dir.unitsOfKind(OrgUnit::Kind::Street)) {
        const QList<OrgUnit> own = dir.communitiesOf(s.id);
        QVERIFY2(!own.isEmpty(), qPrintable(s.id + QStringLiteral(" has no communities")));
        for (const OrgUnit &c : own)
            QCOMPARE(c.parentId, s.id);
        total += own.size();
    }
    QCOMPARE(total, communities.size());
    QCOMPARE(dir.streetOf(QStringLiteral("community.tuodong.2")), QStringLiteral("street.tuodong"));
    QCOMPARE(dir.nameOf(QStringLiteral("community.tuodong.2")), QStringLiteral("白塔社区"));
}

void TestOrgDirectory::builtinDepartmentsAndCenter()
{
    const OrgDirectory &dir = OrgDirectory::builtin();
    QStringList names;
    for (const OrgUnit &d : dir.unitsOfKind(OrgUnit::Kind::Department)) {
        names << d.name;
        QVERIFY(d.id.startsWith(QLatin1String("dept.")));
    }
    // The departments named in the design, at least.
    for (const char *name : {"区城管局", "区住建局", "区科工信局", "区生态环境分局", "区自然资源局", "区农业农村局", "区水务局",
                             "区交运局", "区交警大队", "区消防救援大队"})
        QVERIFY2(names.contains(QString::fromUtf8(name)), name);
    const QList<OrgUnit> centers = dir.unitsOfKind(OrgUnit::Kind::Center);
    QCOMPARE(centers.size(), 1);
    QCOMPARE(centers.first().id, QStringLiteral("center.district"));
    // Every id is unique.
    QSet<QString> ids;
    for (const OrgUnit &u : dir.units())
        ids.insert(u.id);
    QCOMPARE(ids.size(), dir.units().size());
}

void TestOrgDirectory::lookups()
{
    const OrgDirectory &dir = OrgDirectory::builtin();
    QVERIFY(dir.contains(QStringLiteral("dept.shuiwu")));
    QVERIFY(!dir.contains(QStringLiteral("dept.none")));
    QVERIFY(!dir.find(QStringLiteral("dept.none")));
    QCOMPARE(dir.find(QStringLiteral("dept.shuiwu"))->kind, OrgUnit::Kind::Department);
    QCOMPARE(dir.nameOf(QStringLiteral("dept.none")), QStringLiteral("dept.none"));  // falls back to the id
    QVERIFY(dir.isKind(QStringLiteral("street.gulou"), OrgUnit::Kind::Street));
    QVERIFY(!dir.isKind(QStringLiteral("street.gulou"), OrgUnit::Kind::Community));
    QVERIFY(!dir.isKind(QString(), OrgUnit::Kind::Street));
    QCOMPARE(dir.streetOf(QStringLiteral("street.gulou")), QStringLiteral("street.gulou"));
    QVERIFY(dir.streetOf(QStringLiteral("dept.shuiwu")).isEmpty());
    QVERIFY(dir.streetOf(QStringLiteral("nowhere")).isEmpty());
    QVERIFY(dir.communitiesOf(QStringLiteral("dept.shuiwu")).isEmpty());
}

void TestOrgDirectory::jsonRoundTrip()
{
    const OrgDirectory &dir = OrgDirectory::builtin();
    const QByteArray bytes = QJsonDocument(QJsonObject{{"units", dir.toJson()}}).toJson();
    OrgDirectory copy;
    const Result r = copy.loadJson(bytes);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(copy.toJson(), dir.toJson());
    QCOMPARE(copy.units().size(), dir.units().size());
}

void TestOrgDirectory::loadFile()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("org_units.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"units": [{"id": "street.a", "name": "A街道", "kind": "street"},
                          {"id": "community.a.1", "name": "A社区", "kind": "community", "parent": "street.a"},
                          {"id": "dept.x", "name": "X局", "kind": "department", "active": false}]})");
    f.close();
    OrgDirectory dir;
    const Result r = dir.loadFile(path);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(dir.units().size(), 3);
    QVERIFY(!dir.find(QStringLiteral("dept.x"))->active);
    QVERIFY(dir.find(QStringLiteral("street.a"))->active);  // active by default

    const Result missing = dir.loadFile(tmp.filePath(QStringLiteral("absent.json")));
    QVERIFY(!missing.ok);
    QCOMPARE(missing.code, QStringLiteral("io_error"));
    QVERIFY(missing.message.text().contains(QStringLiteral("absent.json")));
}

void TestOrgDirectory::loadJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("invalid JSON") << QByteArray(R"({"units": [)") << "invalid_json" << "not valid JSON";
    QTest::newRow("top level array") << QByteArray(R"([{"id": "a"}])") << "invalid_json" << "not valid JSON";
    QTest::newRow("no units") << QByteArray(R"({"units": []})") << "invalid_input" << "no \"units\" list";
    QTest::newRow("units missing") << QByteArray(R"({"streets": []})") << "invalid_input" << "no \"units\" list";
    QTest::newRow("duplicate id") << QByteArray(R"({"units": [{"id": "street.a", "name": "A", "kind": "street"},
                                                            {"id": "street.a", "name": "B", "kind": "street"}]})")
                                  << "invalid_input" << "street.a appears twice";
    QTest::newRow("duplicate id after trimming")
        << QByteArray(R"({"units": [{"id": "street.a", "name": "A", "kind": "street"},
                                    {"id": " street.a ", "name": "B", "kind": "street"}]})")
        << "invalid_input" << "appears twice";
    QTest::newRow("unknown kind") << QByteArray(R"({"units": [{"id": "x", "name": "X", "kind": "village"}]})")
                                  << "invalid_input" << "unknown kind \"village\"";
    QTest::newRow("kind missing") << QByteArray(R"({"units": [{"id": "x", "name": "X"}]})") << "invalid_input"
                                  << "unknown kind";
    QTest::newRow("no id") << QByteArray(R"({"units": [{"name": "X", "kind": "street"}]})") << "invalid_input"
                           << "#1 needs an id and a name";
    QTest::newRow("blank name") << QByteArray(R"({"units": [{"id": "x", "name": "  ", "kind": "street"}]})")
                                << "invalid_input" << "needs an id and a name";
    QTest::newRow("community without parent")
        << QByteArray(R"({"units": [{"id": "c", "name": "C", "kind": "community"}]})") << "invalid_input"
        << "Community c must name an existing street";
    QTest::newRow("community with unknown parent")
        << QByteArray(R"({"units": [{"id": "c", "name": "C", "kind": "community", "parent": "street.none"}]})")
        << "invalid_input" << "must name an existing street";
    QTest::newRow("community under a department")
        << QByteArray(R"({"units": [{"id": "d", "name": "D", "kind": "department"},
                                    {"id": "c", "name": "C", "kind": "community", "parent": "d"}]})")
        << "invalid_input" << "must name an existing street";
    QTest::newRow("community under a community")
        << QByteArray(R"({"units": [{"id": "s", "name": "S", "kind": "street"},
                                    {"id": "c1", "name": "C1", "kind": "community", "parent": "s"},
                                    {"id": "c2", "name": "C2", "kind": "community", "parent": "c1"}]})")
        << "invalid_input" << "Community c2 must name an existing street";
}

void TestOrgDirectory::loadJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, fragment);
    OrgDirectory dir;
    const Result r = dir.loadJson(json);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, code);
    QVERIFY2(r.message.text().contains(fragment), qPrintable(r.message));
    QVERIFY(dir.units().isEmpty());
}

void TestOrgDirectory::failedLoadKeepsPreviousUnits()
{
    OrgDirectory dir;
    QVERIFY(dir.loadJson(R"({"units": [{"id": "street.a", "name": "A", "kind": "street"}]})").ok);
    QVERIFY(!dir.loadJson(R"({"units": [{"id": "street.b", "name": "B", "kind": "street"},
                                        {"id": "street.b", "name": "B", "kind": "street"}]})")
                 .ok);
    QVERIFY(dir.contains(QStringLiteral("street.a")));
    QVERIFY(!dir.contains(QStringLiteral("street.b")));
}

QTEST_GUILESS_MAIN(TestOrgDirectory)
#include "tst_orgdirectory.moc"

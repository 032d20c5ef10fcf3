// Org units as seed data: the shipped Panlong directory, and the validation of an edited file.
#include "orgdirectory.h"
#include <QJsonArray>
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
    void shippedGridCellsAndDutyContacts();
    void bodyRoundTrip();
    void setUnitAndGridCell();
    void setRefusals_data();
    void setRefusals();
    void areaChecks_data();
    void areaChecks();
    void changesForTheLog();
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
                           << "#1: An org unit's code";
    QTest::newRow("blank name") << QByteArray(R"({"units": [{"id": "x", "name": "  ", "kind": "street"}]})")
                                << "invalid_input" << "needs a name of at most";
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

void TestOrgDirectory::shippedGridCellsAndDutyContacts()
{
    const OrgDirectory dir = OrgDirectory::shipped();
    QVERIFY(dir.gridCells().size() >= dir.unitsOfKind(OrgUnit::Kind::Community).size());
    for (const GridCell &c : dir.gridCells()) {
        QVERIFY2(dir.isKind(c.communityId, OrgUnit::Kind::Community), qPrintable(c.code));
        QVERIFY(c.code.startsWith(QLatin1String("530103")));  // Panlong's administrative code
        QVERIFY(GridCell::checkArea(c.area).ok);
    }
    const QList<GridCell> own = dir.gridCellsOf(QStringLiteral("community.tuodong.1"));
    QCOMPARE(own.size(), 2);
    QCOMPARE(own.first().name, QStringLiteral("市府社区第1网格"));
    QCOMPARE(dir.gridCellLabel(own.first().code), QStringLiteral("市府社区第1网格 (%1)").arg(own.first().code));
    QCOMPARE(dir.gridCellLabel(QStringLiteral("TD-01-07")), QStringLiteral("TD-01-07"));  // free text of older cases
    for (const OrgUnit &d : dir.unitsOfKind(OrgUnit::Kind::Department)) {
        QVERIFY2(!d.dutyName.isEmpty() && !d.dutyPhone.isEmpty(), qPrintable(d.id));
    }
}

void TestOrgDirectory::bodyRoundTrip()
{
    const OrgDirectory dir = OrgDirectory::shipped();
    OrgDirectory copy;
    const Result r = copy.load(dir.toBody());
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(copy.toBody(), dir.toBody());
    QCOMPARE(copy.find(QStringLiteral("dept.shuiwu"))->dutyPhone, dir.find(QStringLiteral("dept.shuiwu"))->dutyPhone);
}

void TestOrgDirectory::setUnitAndGridCell()
{
    OrgDirectory dir = OrgDirectory::shipped();
    OrgUnit community{QStringLiteral("community.tuodong.9"), QStringLiteral("金马社区"), OrgUnit::Kind::Community,
                      QStringLiteral("street.tuodong"), true, {}, {}};
    QVERIFY(dir.setUnit(community, true).ok);
    QCOMPARE(dir.streetOf(community.id), QStringLiteral("street.tuodong"));
    GridCell cell{QStringLiteral("530103001009001"), QStringLiteral("金马社区第1网格"), community.id, {}, true};
    QVERIFY(dir.setGridCell(cell, true).ok);
    QCOMPARE(dir.gridCellsOf(community.id).size(), 1);
    cell.name = QStringLiteral("金马社区一网格");
    cell.active = false;
    QVERIFY(dir.setGridCell(cell, false).ok);
    QCOMPARE(dir.findGridCell(cell.code)->name, cell.name);
    QVERIFY(!dir.findGridCell(cell.code)->active);
    OrgUnit department = *dir.find(QStringLiteral("dept.shuiwu"));
    department.dutyName = QStringLiteral("防汛值班室");
    department.dutyPhone = QStringLiteral("0871-63119999");
    QVERIFY(dir.setUnit(department, false).ok);
    QCOMPARE(dir.find(department.id)->dutyName, QStringLiteral("防汛值班室"));
}

void TestOrgDirectory::setRefusals_data()
{
    QTest::addColumn<bool>("unit");     // an org unit, else a grid cell
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<bool>("adding");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("fragment");
    const QJsonObject community{{"id", "community.tuodong.9"}, {"name", "金马社区"}, {"kind", "community"},
                                {"parent", "street.tuodong"}};
    const QJsonObject cell{{"code", "530103001009001"}, {"name", "金马社区第1网格"}, {"community", "community.tuodong.1"}};
    const auto with = [](QJsonObject o, const char *key, const QJsonValue &v) {
        o.insert(QLatin1String(key), v);
        return o;
    };
    QTest::newRow("unknown street") << true << with(community, "parent", "street.none") << true << "parent"
                                    << "must name an existing street";
    QTest::newRow("street under a department") << true << with(community, "parent", "dept.shuiwu") << true << "parent"
                                               << "must name an existing street";
    QTest::newRow("duplicate unit code") << true << with(community, "id", "community.tuodong.1") << true << "id"
                                         << "already used by 市府社区";
    QTest::newRow("change unknown unit") << true << community << false << "id" << "There is no org unit";
    QTest::newRow("kind changed") << true
                                  << QJsonObject{{"id", "dept.shuiwu"}, {"name", "区水务局"}, {"kind", "street"}} << false
                                  << "kind" << "stays a department";
    QTest::newRow("bad code") << true << with(community, "id", "社区9") << true << "id" << "lower-case letters";
    QTest::newRow("name too long") << true << with(community, "name", QString(41, u'名')) << true << "name"
                                   << "at most 40";
    QTest::newRow("phone without contact") << true << with(community, "duty", QJsonObject{{"phone", "0871-63110001"}})
                                           << true << "dutyName" << "both a name and a phone";
    QTest::newRow("bad phone") << true << with(community, "duty", QJsonObject{{"name", "值班室"}, {"phone", "call me"}})
                               << true << "dutyPhone" << "5 to 20 digits";
    QTest::newRow("duplicate grid code") << false << with(cell, "code", "530103001001001") << true << "code"
                                         << "already used by 市府社区第1网格";
    QTest::newRow("unknown community") << false << with(cell, "community", "community.none") << true << "community"
                                       << "must belong to an existing community";
    QTest::newRow("cell in a street") << false << with(cell, "community", "street.tuodong") << true << "community"
                                      << "must belong to an existing community";
    QTest::newRow("change unknown cell") << false << cell << false << "code" << "There is no grid cell";
    QTest::newRow("bad grid code") << false << with(cell, "code", "格 1") << true << "code" << "3 to 32 letters";
    QTest::newRow("no name") << false << with(cell, "name", " ") << true << "name" << "needs a name";
    QTest::newRow("community moved") << true << with(with(community, "id", "community.tuodong.1"), "parent", "street.gulou")
                                     << false << "parent" << "stays under 拓东街道";
    QTest::newRow("street added") << true << QJsonObject{{"id", "street.xinjie"}, {"name", "新街街道"}, {"kind", "street"}}
                                  << true << "kind" << "Only communities and departments are added";
    QTest::newRow("same name twice") << false << with(cell, "name", "市府社区第1网格") << true << "name"
                                     << "already has a grid cell named";
    QTest::newRow("point area") << false << with(cell, "area", QJsonObject{{"type", "Point"}, {"coordinates", QJsonArray{102.7, 25.0}}})
                                << true << "area" << "not a Polygon";
}

void TestOrgDirectory::setRefusals()
{
    QFETCH(bool, unit);
    QFETCH(QJsonObject, json);
    QFETCH(bool, adding);
    QFETCH(QString, field);
    QFETCH(QString, fragment);
    OrgDirectory dir = OrgDirectory::shipped();
    const QJsonObject before = dir.toBody();
    Result r;
    if (unit) {
        OrgUnit u;
        r = OrgUnit::fromJson(json, &u);
        if (r.ok)
            r = dir.setUnit(u, adding);
    } else {
        GridCell c;
        r = GridCell::fromJson(json, &c);
        if (r.ok)
            r = dir.setGridCell(c, adding);
    }
    QVERIFY(!r.ok);
    QCOMPARE(r.field, field);
    QVERIFY2(r.message.english().contains(fragment), qPrintable(r.message.english()));
    QCOMPARE(dir.toBody(), before);  // nothing changed
}

void TestOrgDirectory::areaChecks_data()
{
    QTest::addColumn<QByteArray>("geojson");
    QTest::addColumn<QString>("fragment");  // empty: accepted
    QTest::newRow("none") << QByteArray("{}") << QString();
    QTest::newRow("square") << QByteArray(R"({"type":"Polygon","coordinates":[[[102.7,25.0],[102.71,25.0],[102.71,25.01],[102.7,25.0]]]})")
                            << QString();
    QTest::newRow("multi") << QByteArray(R"({"type":"MultiPolygon","coordinates":[[[[102.7,25.0],[102.71,25.0],[102.71,25.01],[102.7,25.0]]]]})")
                           << QString();
    QTest::newRow("open ring") << QByteArray(R"({"type":"Polygon","coordinates":[[[102.7,25.0],[102.71,25.0],[102.71,25.01],[102.7,25.02]]]})")
                               << "end at the position it starts";
    QTest::newRow("three positions") << QByteArray(R"({"type":"Polygon","coordinates":[[[102.7,25.0],[102.71,25.0],[102.7,25.0]]]})")
                                     << "at least four positions";
    QTest::newRow("latitude out of range") << QByteArray(R"({"type":"Polygon","coordinates":[[[102.7,95.0],[102.71,25.0],[102.71,25.01],[102.7,95.0]]]})")
                                           << "[longitude, latitude]";
    QTest::newRow("text coordinates") << QByteArray(R"({"type":"Polygon","coordinates":[[["a","b"],[1,2],[1,3],["a","b"]]]})")
                                      << "[longitude, latitude]";
    QTest::newRow("empty multi") << QByteArray(R"({"type":"MultiPolygon","coordinates":[]})") << "at least one polygon";
    QByteArray big = R"({"type":"Polygon","coordinates":[[)";
    for (int i = 0; i <= GridCell::MaxAreaPoints; ++i)
        big += "[102.7,25.0],";
    big += "[102.7,25.0]]]}";
    QTest::newRow("too many positions") << big << "more than 2000 positions";
}

void TestOrgDirectory::areaChecks()
{
    QFETCH(QByteArray, geojson);
    QFETCH(QString, fragment);
    const Result r = GridCell::checkArea(QJsonDocument::fromJson(geojson).object());
    QCOMPARE(r.ok, fragment.isEmpty());
    if (!r.ok)
        QVERIFY2(r.message.english().contains(fragment), qPrintable(r.message.english()));
}

void TestOrgDirectory::changesForTheLog()
{
    const OrgDirectory dir = OrgDirectory::shipped();
    OrgUnit before = *dir.find(QStringLiteral("dept.shuiwu"));
    OrgUnit after = before;
    after.dutyPhone = QStringLiteral("0871-63119999");
    const QJsonObject changes = OrgDirectory::changes(before.toJson(), after.toJson());
    QCOMPARE(changes.keys(), QStringList{QStringLiteral("duty.phone")});
    QCOMPARE(OrgDirectory::describeChange(QStringLiteral("duty.phone"), changes.value("duty.phone").toArray()).english(),
             QStringLiteral("duty phone: %1 → 0871-63119999").arg(before.dutyPhone));
    GridCell cell = dir.gridCells().first();
    GridCell moved = cell;
    QJsonObject area = moved.area;
    QJsonArray ring = area.value("coordinates").toArray().first().toArray();
    ring.replace(1, QJsonArray{102.9, 25.1});
    QJsonArray rings;  // not QJsonArray{ring}: one element of the same type is a copy for clang, not a nesting
    rings.append(ring);
    area.insert("coordinates", rings);
    moved.area = area;
    const QJsonObject cellChanges = OrgDirectory::changes(cell.toJson(), moved.toJson());
    QCOMPARE(cellChanges.keys(), QStringList{QStringLiteral("area")});  // the same count of positions, still a change
    QVERIFY(OrgDirectory::describeChange(QStringLiteral("area"), cellChanges.value("area").toArray())
                .english()
                .contains(QStringLiteral("5 position")));
}

QTEST_GUILESS_MAIN(TestOrgDirectory)
#include "tst_orgdirectory.moc"

// Case categories and their deadline rules, shipped as data the city adjusts; validation of an edited file.
#include "categorycatalog.h"
#include "orgdirectory.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace gw;

namespace {

QJsonObject spec(const char *unit, int amount) { return {{"unit", unit}, {"amount", amount}}; }

QJsonObject validDeadlines()
{
    const QJsonObject pair{{"checkIn", spec("workdays", 1)}, {"handle", spec("workdays", 5)}};
    return {{"normal", pair},
            {"urgent", QJsonObject{{"checkIn", spec("hours", 4)}, {"handle", spec("workdays", 2)}}},
            {"critical", QJsonObject{{"checkIn", spec("hours", 1)}, {"handle", spec("hours", 24)}}}};
}

QJsonObject validCategory(const QString &id = QStringLiteral("roads"))
{
    return {{"id", id},
            {"name", "道路"},
            {"subcategories", QJsonArray{QJsonObject{{"id", "pothole"}, {"name", "坑槽"}}}},
            {"suggestedDepartments", QJsonArray{"dept.jiaoyun"}},
            {"deadlines", validDeadlines()}};
}

QByteArray file(const QJsonArray &categories)
{
    return QJsonDocument(QJsonObject{{"categories", categories}}).toJson();
}

} // namespace

class TestCategoryCatalog : public QObject
{
    Q_OBJECT

private slots:
    void builtinLoads();
    void builtinDeadlines();
    void loadsValidFile();
    void builtinStepLimits();
    void stepLimitsColumnsAndFallback();
    void loadJsonErrors_data();
    void loadJsonErrors();
    void servedFormRoundTripsAndNamesChangedCells();
};

// The served form (toJson) loads back to the same catalog; an edit names exactly the rule cells it changed.
void TestCategoryCatalog::servedFormRoundTripsAndNamesChangedCells()
{
    const CategoryCatalog shipped = CategoryCatalog::shipped();
    CategoryCatalog reloaded;
    QVERIFY(reloaded.load(shipped.toJson()).ok);
    QCOMPARE(reloaded.toJson(), shipped.toJson());

    Category roads = *shipped.find(QStringLiteral("city_appearance"));
    const Category before = roads;
    roads.handleDeadline[Urgency::Normal] = DeadlineSpec{DeadlineSpec::Unit::WorkingDays, 3};
    roads.stepLimits[Urgency::Critical].verifyHours = 1;
    const QJsonObject changes = roads.ruleChanges(before);
    QCOMPARE(changes.keys(), (QStringList{QStringLiteral("critical.verifyHours"), QStringLiteral("normal.handle")}));
    QCOMPARE(Category::describeChange(QStringLiteral("normal.handle"), changes.value("normal.handle").toArray()).english(),
             QStringLiteral("Normal · handling deadline: 5 working days → 3 working days"));
    QCOMPARE(Category::describeChange(QStringLiteral("critical.verifyHours"),
                                      changes.value("critical.verifyHours").toArray()).english(),
             QStringLiteral("Critical · verification (working hours): 2 → 1"));

    CategoryCatalog edited = shipped;
    QVERIFY(edited.setCategory(roads).ok);
    QCOMPARE(edited.categories().size(), shipped.categories().size());
    QCOMPARE(edited.handleRule(QStringLiteral("city_appearance"), Urgency::Normal).amount, 3);
    roads.checkInDeadline[Urgency::Normal] = DeadlineSpec{DeadlineSpec::Unit::WorkingDays, 4};  // longer than handling
    const Result refused = edited.setCategory(roads);
    QVERIFY(!refused.ok);
    QCOMPARE(refused.field, QStringLiteral("normal.checkIn"));
    QCOMPARE(edited.checkInRule(QStringLiteral("city_appearance"), Urgency::Normal).amount, 1);
}

void TestCategoryCatalog::builtinLoads()
{
    const CategoryCatalog &cat = CategoryCatalog::builtin();
    QVERIFY(cat.categories().size() >= 10);
    QSet<QString> ids;
    for (const Category &c : cat.categories()) {
        QVERIFY(!c.id.isEmpty());
        QVERIFY(!c.name.isEmpty());
        ids.insert(c.id);
        QVERIFY2(!c.subcategories.isEmpty(), qPrintable(c.id));
        for (const QString &d : c.suggestedDepartments)
            QVERIFY2(OrgDirectory::builtin().isKind(d, OrgUnit::Kind::Department), qPrintable(c.id + u' ' + d));
        for (Urgency u : allUrgencies()) {
            QVERIFY(c.checkInDeadline.contains(u));
            QVERIFY(c.handleDeadline.contains(u));
            QVERIFY(c.checkInDeadline.value(u).amount > 0);
        }
    }
    QCOMPARE(ids.size(), cat.categories().size());
    QVERIFY(cat.find(QStringLiteral("city_appearance")));
    QCOMPARE(cat.nameOf(QStringLiteral("city_appearance")), QStringLiteral("市容环境"));
    QCOMPARE(cat.nameOf(QStringLiteral("no_such")), QStringLiteral("no_such"));
    QVERIFY(!cat.find(QStringLiteral("no_such")));
    const Category *appearance = cat.find(QStringLiteral("city_appearance"));
    QVERIFY(appearance->hasSub(QStringLiteral("illegal_construction")));
    QVERIFY(!appearance->hasSub(QStringLiteral("drainage")));
    QCOMPARE(appearance->suggestedDepartments, QStringList{QStringLiteral("dept.chengguan")});
}

void TestCategoryCatalog::builtinDeadlines()
{
    // The seed rules as published in resources/seed/categories.json.
    const Category *appearance = CategoryCatalog::builtin().find(QStringLiteral("city_appearance"));
    QVERIFY(appearance);
    QCOMPARE(appearance->checkInDeadline.value(Urgency::Normal).unit, DeadlineSpec::Unit::WorkingDays);
    QCOMPARE(appearance->checkInDeadline.value(Urgency::Normal).amount, 1);
    QCOMPARE(appearance->handleDeadline.value(Urgency::Normal).amount, 5);
    QCOMPARE(appearance->checkInDeadline.value(Urgency::Urgent).unit, DeadlineSpec::Unit::Hours);
    QCOMPARE(appearance->checkInDeadline.value(Urgency::Urgent).amount, 4);
    QCOMPARE(appearance->handleDeadline.value(Urgency::Critical).unit, DeadlineSpec::Unit::Hours);
    QCOMPARE(appearance->handleDeadline.value(Urgency::Critical).amount, 24);
    const Category *fire = CategoryCatalog::builtin().find(QStringLiteral("fire_safety"));
    QVERIFY(fire);
    QCOMPARE(fire->checkInDeadline.value(Urgency::Normal).unit, DeadlineSpec::Unit::Hours);
    QCOMPARE(fire->handleDeadline.value(Urgency::Critical).amount, 8);
}

void TestCategoryCatalog::loadsValidFile()
{
    CategoryCatalog cat;
    const Result r = cat.loadJson(file({validCategory(), validCategory(QStringLiteral("parks"))}));
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(cat.categories().size(), 2);
    const Category *roads = cat.find(QStringLiteral("roads"));
    QVERIFY(roads);
    QCOMPARE(roads->subName(QStringLiteral("pothole")), QStringLiteral("坑槽"));
    QCOMPARE(roads->subName(QStringLiteral("x")), QStringLiteral("x"));
    QCOMPARE(roads->handleDeadline.value(Urgency::Critical).unit, DeadlineSpec::Unit::Hours);
    QCOMPARE(roads->handleDeadline.value(Urgency::Critical).amount, 24);
}

void TestCategoryCatalog::builtinStepLimits()
{
    // The seed writes the step columns out; fire safety is one urgency stricter than the rest.
    const CategoryCatalog &cat = CategoryCatalog::builtin();
    for (const Category &c : cat.categories())
        for (Urgency u : allUrgencies())
            QVERIFY2(c.stepLimits.contains(u), qPrintable(c.id));
    const StepLimits normal = cat.stepLimits(QStringLiteral("city_appearance"), Urgency::Normal);
    QCOMPARE(normal.analyzeHours, 4);
    QCOMPARE(normal.reviewHours, 4);
    QCOMPARE(normal.whistleHours, 4);
    QCOMPARE(normal.verifyHours, 16);
    QCOMPARE(normal.closeHours, 24);
    const StepLimits urgent = cat.stepLimits(QStringLiteral("city_appearance"), Urgency::Urgent);
    QCOMPARE(urgent.analyzeHours, 2);
    QCOMPARE(urgent.whistleHours, 1);
    QCOMPARE(urgent.verifyHours, 4);
    QCOMPARE(urgent.closeHours, 8);
    QCOMPARE(cat.stepLimits(QStringLiteral("fire_safety"), Urgency::Normal).analyzeHours, 2);
    QCOMPARE(cat.stepLimits(QStringLiteral("fire_safety"), Urgency::Urgent).verifyHours, 2);
    // An unknown category gets the defaults.
    QCOMPARE(cat.stepLimits(QStringLiteral("no_such"), Urgency::Critical).closeHours,
             StepLimits::defaults(Urgency::Critical).closeHours);
}

void TestCategoryCatalog::stepLimitsColumnsAndFallback()
{
    // A file without the step columns (older seed) still loads, with the defaults per urgency.
    CategoryCatalog cat;
    QVERIFY(cat.loadJson(file({validCategory()})).ok);
    for (Urgency u : allUrgencies()) {
        const StepLimits got = cat.stepLimits(QStringLiteral("roads"), u), want = StepLimits::defaults(u);
        QCOMPARE(got.analyzeHours, want.analyzeHours);
        QCOMPARE(got.reviewHours, want.reviewHours);
        QCOMPARE(got.whistleHours, want.whistleHours);
        QCOMPARE(got.verifyHours, want.verifyHours);
        QCOMPARE(got.closeHours, want.closeHours);
    }
    // Columns present override just their own step.
    QJsonObject withColumns = validCategory();
    QJsonObject d = validDeadlines();
    QJsonObject normal = d.value("normal").toObject();
    normal["analyzeHours"] = 8;
    normal["closeHours"] = 40;
    d["normal"] = normal;
    withColumns["deadlines"] = d;
    QVERIFY(cat.loadJson(file({withColumns})).ok);
    const StepLimits got = cat.stepLimits(QStringLiteral("roads"), Urgency::Normal);
    QCOMPARE(got.analyzeHours, 8);
    QCOMPARE(got.closeHours, 40);
    QCOMPARE(got.reviewHours, StepLimits::defaults(Urgency::Normal).reviewHours);
    QCOMPARE(cat.stepLimits(QStringLiteral("roads"), Urgency::Urgent).analyzeHours,
             StepLimits::defaults(Urgency::Urgent).analyzeHours);
}

void TestCategoryCatalog::loadJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("fragment");
    const QString inv = QStringLiteral("invalid_input");
    QTest::newRow("invalid JSON") << QByteArray("{\"categories\": [}") << "invalid_json" << "not valid JSON";
    QTest::newRow("no categories") << file({}) << inv << "no categories";
    QTest::newRow("categories missing") << QByteArray("{}") << inv << "no categories";
    QJsonObject noId = validCategory();
    noId.remove("id");
    QTest::newRow("no id") << file({noId}) << inv << "A category id is 1 to 48 lower-case letters";
    QTest::newRow("duplicate id") << file({validCategory(), validCategory()}) << inv << "roads appears twice";
    QJsonObject noDeadlines = validCategory();
    noDeadlines.remove("deadlines");
    QTest::newRow("without deadlines") << file({noDeadlines}) << inv << "the check-in deadline must be";
    QJsonObject badId = validCategory(QStringLiteral("Roads!"));
    QTest::newRow("id with capitals and marks") << file({badId}) << inv << "\"Roads!\" is not one";
    QJsonObject longName = validCategory();
    longName["name"] = QString(41, QChar(0x8def));
    QTest::newRow("name too long") << file({longName}) << inv << "a name of at most 40 characters";
    QJsonObject checkInAfterHandle = validCategory();
    QJsonObject dl = validDeadlines();
    dl["urgent"] = QJsonObject{{"checkIn", spec("hours", 30)}, {"handle", spec("workdays", 1)}};
    checkInAfterHandle["deadlines"] = dl;
    QTest::newRow("check-in longer than handling") << file({checkInAfterHandle}) << inv
                                                   << "the check-in deadline (30 hours) is longer than the handling deadline (1 working days)";
    QJsonObject daysThenHours = validCategory();
    dl = validDeadlines();
    dl["urgent"] = QJsonObject{{"checkIn", spec("workdays", 2)}, {"handle", spec("hours", 50)}};
    daysThenHours["deadlines"] = dl;
    QTest::newRow("check-in in days, handling in hours") << file({daysThenHours}) << inv
                                                         << "a check-in deadline in working days needs a handling deadline in working days";
    QJsonObject noCritical = validCategory();
    QJsonObject d = validDeadlines();
    d.remove("critical");
    noCritical["deadlines"] = d;
    QTest::newRow("urgency missing") << file({noCritical}) << inv << "(Critical): the check-in deadline";
    QJsonObject noHandle = validCategory();
    d = validDeadlines();
    d["urgent"] = QJsonObject{{"checkIn", spec("hours", 4)}};
    noHandle["deadlines"] = d;
    QTest::newRow("handle missing") << file({noHandle}) << inv << "(Urgent): the handling deadline";
    QJsonObject badUnit = validCategory();
    d = validDeadlines();
    d["normal"] = QJsonObject{{"checkIn", spec("days", 1)}, {"handle", spec("workdays", 5)}};
    badUnit["deadlines"] = d;
    QTest::newRow("bad unit") << file({badUnit}) << inv << "(Normal): the check-in deadline";
    QJsonObject zero = validCategory();
    d = validDeadlines();
    d["normal"] = QJsonObject{{"checkIn", spec("workdays", 0)}, {"handle", spec("workdays", 5)}};
    zero["deadlines"] = d;
    QTest::newRow("amount 0") << file({zero}) << inv << "道路 (Normal): the check-in deadline must be 1 to 8760";
    QJsonObject negative = validCategory();
    d = validDeadlines();
    d["normal"] = QJsonObject{{"checkIn", spec("workdays", 1)}, {"handle", spec("hours", -2)}};
    negative["deadlines"] = d;
    QTest::newRow("amount negative") << file({negative}) << inv << "the handling deadline must be";
    QJsonObject textAmount = validCategory();
    d = validDeadlines();
    d["normal"] = QJsonObject{{"checkIn", QJsonObject{{"unit", "workdays"}, {"amount", "1"}}},
                              {"handle", spec("workdays", 5)}};
    textAmount["deadlines"] = d;
    QTest::newRow("amount as text") << file({textAmount}) << inv << "the check-in deadline must be";
    for (const auto &[name, value] : {std::pair{"step limit 0", QJsonValue(0)}, std::pair{"step limit negative", QJsonValue(-4)},
                                      std::pair{"step limit fraction", QJsonValue(1.5)},
                                      std::pair{"step limit as text", QJsonValue("4")},
                                      std::pair{"step limit too large", QJsonValue(9000)}}) {
        QJsonObject badStep = validCategory();
        d = validDeadlines();
        QJsonObject urgent = d.value("urgent").toObject();
        urgent["verifyHours"] = value;
        d["urgent"] = urgent;
        badStep["deadlines"] = d;
        QTest::newRow(name) << file({badStep}) << inv << "道路 (Urgent): verification (working hours) must be a whole number";
    }
    QJsonObject badSub = validCategory();
    badSub["subcategories"] = QJsonArray{QJsonObject{{"name", "无编号"}}};
    QTest::newRow("sub-category without id") << file({badSub}) << inv << "sub-category of roads needs an id";
    QJsonObject dupSub = validCategory();
    dupSub["subcategories"] = QJsonArray{QJsonObject{{"id", "p"}, {"name", "P"}}, QJsonObject{{"id", "p"}, {"name", "Q"}}};
    QTest::newRow("duplicate sub-category") << file({dupSub}) << inv << "Sub-category p of roads appears twice";
}

void TestCategoryCatalog::loadJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, fragment);
    CategoryCatalog cat;
    QVERIFY(cat.loadJson(file({validCategory(QStringLiteral("kept"))})).ok);
    const Result r = cat.loadJson(json);
    QVERIFY(!r.ok);
    QCOMPARE(r.code, code);
    QVERIFY2(r.message.text().contains(fragment), qPrintable(r.message));
    // A refused file changes nothing.
    QCOMPARE(cat.categories().size(), 1);
    QVERIFY(cat.find(QStringLiteral("kept")));
}

QTEST_GUILESS_MAIN(TestCategoryCatalog)
#include "tst_categorycatalog.moc"

// City mapping file: validation with clear errors, and the translation of cases both ways.
#include "cityconfig.h"
#include "citymapping.h"
#include "eventbuilder.h"
#include "workflow.h"
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>

using namespace gw;

class TestCityMapping : public QObject
{
    Q_OBJECT

private:
    static QJsonObject defaultJson()
    {
        QFile f(QStringLiteral(":/city/mapping.default.json"));
        f.open(QIODevice::ReadOnly);
        return QJsonDocument::fromJson(f.readAll()).object();
    }
    static QJsonObject cityRequest()
    {
        return QJsonObject{{"service_request_id", "C-900001"},
                           {"service_code", "SR-0502"},
                           {"x_title", "人民路路面塌陷"},
                           {"description", "人民路与北京路交叉口路面塌陷约2平方米。\n请尽快处置。"},
                           {"address", "盘龙区人民路120号"},
                           {"lat", 25.0521},
                           {"long", 102.7213},
                           {"x_area_code", "530103002"},
                           {"x_priority", "high"},
                           {"x_deadline", "2026-12-01T18:00:00+08:00"},
                           {"x_city_state", "assigned"},
                           {"updated_datetime", "2026-11-25T09:00:00+08:00"}};
    }

private slots:
    void builtinLoads()
    {
        const CityMapping &m = CityMapping::builtin();
        QVERIFY(m.isLoaded());
        QCOMPARE(m.districtId(), QStringLiteral("district.panlong"));
        // Every category and sub-category reaches some service code; a sub-category without its own code uses the category's.
        for (const Category &c : CategoryCatalog::builtin().categories()) {
            QVERIFY2(!m.serviceCodeFor(c.id, {}).isEmpty(), qPrintable(c.id));
            for (const Category::Sub &s : c.subcategories)
                QVERIFY2(!m.serviceCodeFor(c.id, s.id).isEmpty(), qPrintable(c.id + '/' + s.id));
        }
        QCOMPARE(m.serviceCodeFor("traffic", "road_damage"), QStringLiteral("SR-0502"));
        QCOMPARE(m.statusFor(CaseStatus::Closed).status, QStringLiteral("closed"));
        QCOMPARE(m.statusFor(CaseStatus::Handling).status, QStringLiteral("open"));
        QCOMPARE(m.streetForArea("530103001"), QStringLiteral("street.tuodong"));
    }

    void validationErrors_data()
    {
        QTest::addColumn<QString>("expected");  // a piece of the message a person would need to fix the file
        QTest::newRow("version") << "\"version\" must be 1";
        QTest::newRow("unknown category") << "unknown category \"no_such\"";
        QTest::newRow("unknown subcategory") << "has no sub-category \"nope\"";
        QTest::newRow("duplicate service code") << "service code \"SR-0101\" is already used";
        QTest::newRow("missing status") << "no mapping for our status \"closed\"";
        QTest::newRow("bad open311 status") << "statuses.handling.status must be \"open\" or \"closed\"";
        QTest::newRow("unknown status") << "\"finished\" is not one of our statuses";
        QTest::newRow("unknown street") << "\"street.nowhere\" is not one of our streets";
        QTest::newRow("street without area") << "no city area code for street.aziying";
        QTest::newRow("unknown field") << "\"fields.serviceKode\" is not a known field";
        QTest::newRow("field clash") << "both map to \"service_code\"";
        QTest::newRow("priority reused") << "\"high\" is used for two urgencies";
        QTest::newRow("bad fallback") << "\"unmappedServiceCode\" must name one of our categories";
        QTest::newRow("no jurisdiction") << "\"jurisdictionId\"";
    }
    void validationErrors()
    {
        QFETCH(QString, expected);
        QJsonObject o = defaultJson();
        const QString row = QString::fromLatin1(QTest::currentDataTag());
        auto editArray = [&o](const char *key, const std::function<void(QJsonArray &)> &f) {
            QJsonArray a = o.value(QLatin1String(key)).toArray();
            f(a);
            o.insert(QLatin1String(key), a);
        };
        auto editObject = [&o](const char *key, const std::function<void(QJsonObject &)> &f) {
            QJsonObject x = o.value(QLatin1String(key)).toObject();
            f(x);
            o.insert(QLatin1String(key), x);
        };
        if (row == "version")
            o.insert("version", 7);
        else if (row == "unknown category")
            editArray("categories", [](QJsonArray &a) { a.append(QJsonObject{{"category", "no_such"}, {"serviceCode", "X-1"}}); });
        else if (row == "unknown subcategory")
            editArray("categories", [](QJsonArray &a) {
                a.append(QJsonObject{{"category", "traffic"}, {"subcategory", "nope"}, {"serviceCode", "X-2"}});
            });
        else if (row == "duplicate service code")
            editArray("categories", [](QJsonArray &a) {
                // city_appearance gets SR-0101, already its sub-category illegal_construction's code
                a.replace(0, QJsonObject{{"category", "city_appearance"}, {"serviceCode", "SR-0101"}});
            });
        else if (row == "missing status")
            editObject("statuses", [](QJsonObject &s) { s.remove("closed"); });
        else if (row == "bad open311 status")
            editObject("statuses", [](QJsonObject &s) { s.insert("handling", QJsonObject{{"status", "working"}, {"cityState", "x"}}); });
        else if (row == "unknown status")
            editObject("statuses", [](QJsonObject &s) { s.insert("finished", QJsonObject{{"status", "closed"}, {"cityState", "x"}}); });
        else if (row == "unknown street")
            editObject("areas", [](QJsonObject &a) { a.insert("530199999", "street.nowhere"); });
        else if (row == "street without area")
            editObject("areas", [](QJsonObject &a) { a.remove("530103012"); });
        else if (row == "unknown field")
            editObject("fields", [](QJsonObject &f) { f.insert("serviceKode", "code"); });
        else if (row == "field clash")
            editObject("fields", [](QJsonObject &f) { f.insert("serviceName", "service_code"); });
        else if (row == "priority reused")
            editObject("priorities", [](QJsonObject &p) { p.insert("critical", "high"); });
        else if (row == "bad fallback")
            o.insert("unmappedServiceCode", QJsonObject{{"category", "weather"}});
        else if (row == "no jurisdiction")
            o.remove("jurisdictionId");

        CityMapping m;
        const Result r = m.loadJson(QJsonDocument(o).toJson());
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("invalid_input"));
        QVERIFY2(r.message.text().contains(expected), qPrintable(r.message));
        QVERIFY(!m.isLoaded());  // a bad file changes nothing
    }

    // Issue 16: categories come and go with the district's reference data, so a category the mapping does not name is
    // a gap to report, not a refused file; its cases go up under the fallback category's code.
    void unmappedCategoryIsAGapNotAnError()
    {
        QJsonObject o = defaultJson();
        QJsonArray a = o.value("categories").toArray();
        for (int i = int(a.size()) - 1; i >= 0; --i)
            if (a.at(i).toObject().value("category").toString() == "market")
                a.removeAt(i);
        o.insert("categories", a);
        CityMapping m;
        QVERIFY2(m.loadJson(QJsonDocument(o).toJson()).ok, "a mapping without a category still loads");
        const QList<Message> gaps = m.gaps(CategoryCatalog::builtin(), OrgDirectory::builtin());
        QCOMPARE(gaps.size(), 1);
        QVERIFY2(gaps.first().english().contains(QStringLiteral("(market)")), qPrintable(gaps.first().english()));
        QCOMPARE(m.serviceCodeFor("market", {}), QString());
        QCOMPARE(m.outboundServiceCode("market", {}), QStringLiteral("SR-9901"));
        CaseRecord r;
        r.id = QStringLiteral("6f1d3c2a-0000-4000-8000-000000000001");
        r.categoryId = QStringLiteral("market");
        r.streetId = QStringLiteral("street.tuodong");
        QCOMPARE(m.toCityRequest(r).value("service_code").toString(), QStringLiteral("SR-9901"));
        QVERIFY(CityMapping::builtin().gaps(CategoryCatalog::builtin(), OrgDirectory::builtin()).isEmpty());
        // Without a fallback there is no code: the adapter refuses to queue such an escalation with the reason.
        o.remove("unmappedServiceCode");
        CityMapping strict;
        QVERIFY(strict.loadJson(QJsonDocument(o).toJson()).ok);
        QCOMPARE(strict.outboundServiceCode("market", {}), QString());
        QVERIFY(strict.gaps(CategoryCatalog::builtin(), OrgDirectory::builtin()).first().english().contains(QStringLiteral("cannot be escalated")));
    }

    void malformedFileAndMissingFile()
    {
        CityMapping m;
        Result r = m.loadJson("{\"version\": 1,");
        QCOMPARE(r.code, QStringLiteral("invalid_json"));
        QVERIFY2(r.message.text().contains("offset"), qPrintable(r.message));
        r = m.loadJson("[1,2]");
        QCOMPARE(r.code, QStringLiteral("invalid_json"));

        QTemporaryDir dir;
        r = m.loadFile(dir.filePath("absent.json"));
        QVERIFY(!r.ok);
        QVERIFY2(r.message.text().contains("absent.json"), qPrintable(r.message));

        QFile f(dir.filePath("broken.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QJsonObject o = defaultJson();
        o.remove("statuses");
        f.write(QJsonDocument(o).toJson());
        f.close();
        r = m.loadFile(f.fileName());
        QVERIFY(!r.ok);
        QVERIFY2(r.message.text().contains("broken.json") && r.message.text().contains("\"statuses\""), qPrintable(r.message));
    }

    void renamedFieldsAreUsedBothWays()
    {
        QJsonObject o = defaultJson();
        QJsonObject fields = o.value("fields").toObject();
        fields.insert("districtStatus", "ext_state");
        fields.insert("area", "region");
        o.insert("fields", fields);
        CityMapping m;
        QVERIFY(m.loadJson(QJsonDocument(o).toJson()).ok);
        CaseRecord c;
        c.id = "11111111-2222-3333-4444-555555555555";
        c.status = CaseStatus::Handling;
        c.categoryId = "water";
        c.streetId = "street.ciba";
        const QJsonObject up = m.toCityRequest(c);
        QCOMPARE(up.value("ext_state").toString(), QStringLiteral("in_progress"));
        QCOMPARE(up.value("region").toString(), QStringLiteral("530103008"));
        QVERIFY(!up.contains("x_district_status"));

        QJsonObject down = cityRequest();
        down.remove("x_area_code");
        down.insert("region", "530103008");
        CityAssignedCase a;
        Message error;
        QVERIFY2(m.fromCityRequest(down, &a, &error), qPrintable(error));
        QCOMPARE(a.draft.streetId, QStringLiteral("street.ciba"));
    }

    void caseGoesUp()
    {
        CaseRecord c;
        c.id = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
        c.number = "PL-2026-000042";
        c.title = "河道漂浮物";
        c.description = "盘龙江东岸大量漂浮物";
        c.categoryId = "water";
        c.subcategoryId = "river";
        c.streetId = "street.jinchen";
        c.address = "金辰街道盘龙江东岸";
        c.hasLocation = true;
        c.latitude = 25.08;
        c.longitude = 102.73;
        c.urgency = Urgency::Critical;
        c.status = CaseStatus::Whistled;
        c.escalated = true;
        c.escalationReason = "跨区河段";
        c.registeredAt = QDateTime(QDate(2026, 11, 25), QTime(1, 0), Qt::UTC);
        DepartmentAssignment lead;
        lead.departmentId = "dept.shuiwu";
        lead.lead = true;
        lead.handleDue = QDateTime(QDate(2026, 11, 27), QTime(10, 0), Qt::UTC);
        c.departments.append(lead);

        const CityMapping &m = CityMapping::builtin();
        const QJsonObject r = m.toCityRequest(c);
        QCOMPARE(r.value("service_code").toString(), QStringLiteral("SR-0402"));
        QCOMPARE(r.value("x_district_case_id").toString(), c.id);
        QCOMPARE(r.value("x_case_number").toString(), c.number);
        QCOMPARE(r.value("status").toString(), QStringLiteral("open"));
        QCOMPARE(r.value("x_district_status").toString(), QStringLiteral("dispatched"));
        QCOMPARE(r.value("x_priority").toString(), QStringLiteral("emergency"));
        QCOMPARE(r.value("x_area_code").toString(), QStringLiteral("530103005"));
        QCOMPARE(r.value("x_deadline").toString(), QStringLiteral("2026-11-27T18:00:00+08:00"));
        QCOMPARE(r.value("requested_datetime").toString(), QStringLiteral("2026-11-25T09:00:00+08:00"));
        QCOMPARE(r.value("lat").toDouble(), 25.08);
        QCOMPARE(r.value("x_escalation_reason").toString(), c.escalationReason);

        c.status = CaseStatus::Closed;
        const QJsonObject u = m.toStatusUpdate(c);
        QCOMPARE(u.value("status").toString(), QStringLiteral("closed"));
        QCOMPARE(u.value("x_district_status").toString(), QStringLiteral("closed"));
        QVERIFY(!u.value("status_notes").toString().isEmpty());

        // No deadline running: sent as null, not as an empty or invented time.
        c.departments.clear();
        QVERIFY(m.toStatusUpdate(c).value("x_deadline").isNull());
    }

    void cityRequestComesDownAsValidDraft()
    {
        CityAssignedCase a;
        Message error;
        QVERIFY2(CityMapping::builtin().fromCityRequest(cityRequest(), &a, &error), qPrintable(error));
        QCOMPARE(a.cityRequestId, QStringLiteral("C-900001"));
        QCOMPARE(a.draft.categoryId, QStringLiteral("traffic"));
        QCOMPARE(a.draft.subcategoryId, QStringLiteral("road_damage"));
        QCOMPARE(a.draft.streetId, QStringLiteral("street.gulou"));
        QCOMPARE(a.draft.urgency, Urgency::Urgent);
        QCOMPARE(a.draft.title, QStringLiteral("人民路路面塌陷"));
        QVERIFY(a.draft.hasLocation);
        QCOMPARE(a.deadline, QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE(a.cityState, QStringLiteral("assigned"));

        // The same city request always gets the same case id; another one a different id.
        CityAssignedCase again, other;
        QJsonObject o = cityRequest();
        QVERIFY(CityMapping::builtin().fromCityRequest(o, &again, &error));
        QCOMPARE(again.caseId, a.caseId);
        o.insert("service_request_id", "C-900002");
        QVERIFY(CityMapping::builtin().fromCityRequest(o, &other, &error));
        QVERIFY(other.caseId != a.caseId);

        // It is a registration a center dispatcher may make.
        User dispatcher{"city.bridge", "City bridge", Role::CenterDispatcher, "center.district", true};
        const CaseEvent e = EventBuilder(dispatcher, "city-adapter").make(EventType::Registered, a.caseId, a.draft.toPayload());
        const Result r = Workflow().check(nullptr, e);
        QVERIFY2(r.ok, qPrintable(r.message));
    }

    void cityRequestProblems_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");  // Undefined: remove the field
        QTest::addColumn<QString>("expected");
        QTest::newRow("no id") << "service_request_id" << QJsonValue(QJsonValue::Undefined) << "has no service_request_id";
        QTest::newRow("unknown area") << "x_area_code" << QJsonValue("530199999") << "area code \"530199999\"";
        QTest::newRow("unknown priority") << "x_priority" << QJsonValue("whenever") << "priority \"whenever\"";
        QTest::newRow("bad deadline") << "x_deadline" << QJsonValue("next tuesday") << "deadline \"next tuesday\"";
    }
    void cityRequestProblems()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject o = cityRequest();
        if (value.isUndefined())
            o.remove(field);
        else
            o.insert(field, value);
        CityAssignedCase a;
        Message error;
        QVERIFY(!CityMapping::builtin().fromCityRequest(o, &a, &error));
        QVERIFY2(error.text().contains(expected), qPrintable(error));
    }

    void fallbacksForMissingPieces()
    {
        // Unknown service code: configured fallback (other/other), so the dispatcher re-categorises at analysis.
        QJsonObject o = cityRequest();
        o.insert("service_code", "SR-NEW-7");
        o.remove("x_title");
        o.remove("address");
        CityAssignedCase a;
        Message error;
        QVERIFY2(CityMapping::builtin().fromCityRequest(o, &a, &error), qPrintable(error));
        QCOMPARE(a.draft.categoryId, QStringLiteral("other"));
        QCOMPARE(a.draft.title, QStringLiteral("人民路与北京路交叉口路面塌陷约2平方米。"));  // first line
        QVERIFY2(a.draft.address.contains("25.052100"), qPrintable(a.draft.address));  // from lat/long

        // Without a fallback the request is refused, with the code named.
        QJsonObject m = defaultJson();
        m.remove("unmappedServiceCode");
        CityMapping strict;
        QVERIFY(strict.loadJson(QJsonDocument(m).toJson()).ok);
        QVERIFY(!strict.fromCityRequest(o, &a, &error));
        QVERIFY2(error.text().contains("SR-NEW-7"), qPrintable(error));

        // Neither address nor location.
        o.remove("lat");
        o.remove("long");
        QVERIFY(!CityMapping::builtin().fromCityRequest(o, &a, &error));
        QVERIFY2(error.text().contains("address"), qPrintable(error));
    }

    void cityTimes()
    {
        const QDateTime expected(QDate(2026, 11, 25), QTime(1, 30), Qt::UTC);
        QCOMPARE(CityMapping::parseCityTime("2026-11-25T09:30:00+08:00"), expected);
        QCOMPARE(CityMapping::parseCityTime("2026-11-25T01:30:00Z"), expected);
        QCOMPARE(CityMapping::parseCityTime("2026-11-25T09:30:00"), expected);  // no offset: the city's local time
        QVERIFY(!CityMapping::parseCityTime("yesterday").isValid());
        QCOMPARE(CityMapping::cityTime(expected), QStringLiteral("2026-11-25T09:30:00+08:00"));
    }

    void configValidation()
    {
        CityConfig c;
        Result r = CityConfig::fromJson(QJsonObject{{"baseUrl", "http://city.example/open311/v2/"}, {"apiKey", "k"}}, &c);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.text().contains("https"), qPrintable(r.message));
        r = CityConfig::fromJson(QJsonObject{{"baseUrl", "https://city.example/"}, {"apiKey", "k"}, {"timeoutMS", 5}}, &c);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.text().contains("timeoutMS"), qPrintable(r.message));
        r = CityConfig::fromJson(QJsonObject{{"baseUrl", "https://city.example/"}}, &c);
        QVERIFY(!r.ok);
        QVERIFY2(r.message.text().contains("apiKey"), qPrintable(r.message));
        r = CityConfig::fromJson(QJsonObject{{"baseUrl", "https://city.example/"}, {"bearerToken", "t"}, {"timeoutMs", 2500}}, &c);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(c.timeoutMs, 2500);
    }
};

QTEST_GUILESS_MAIN(TestCityMapping)
#include "tst_citymapping.moc"

#include "citymapping.h"
#include "caseevent.h"
#include "workcalendar.h"
#include "workflow.h"
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>
#include <QUuid>

namespace gw {

namespace {


// Logical field → Open311 (or our x_) default. A mapping file may rename any of them, but not invent new ones.
const QList<QPair<QString, QString>> &defaultFields()
{
    static const QList<QPair<QString, QString>> fields{
        {"serviceRequestId", "service_request_id"}, {"serviceCode", "service_code"},
        {"serviceName", "service_name"},            {"status", "status"},
        {"statusNotes", "status_notes"},            {"description", "description"},
        {"address", "address"},                     {"addressString", "address_string"},
        {"lat", "lat"},                             {"long", "long"},
        {"requestedDatetime", "requested_datetime"}, {"updatedDatetime", "updated_datetime"},
        {"agencyResponsible", "agency_responsible"}, {"districtCaseId", "x_district_case_id"},
        {"caseNumber", "x_case_number"},            {"title", "x_title"},
        {"districtStatus", "x_district_status"},    {"deadline", "x_deadline"},
        {"priority", "x_priority"},                 {"area", "x_area_code"},
        {"assignedTo", "x_assigned_to"},            {"escalationReason", "x_escalation_reason"},
        {"cityState", "x_city_state"}};
    return fields;
}

const QList<QPair<QString, QString>> &defaultQuery()
{
    static const QList<QPair<QString, QString>> query{{"assignedTo", "x_assigned_to"},
                                                      {"updatedAfter", "x_updated_after"},
                                                      {"district", "x_district"},
                                                      {"page", "x_page"},
                                                      {"pageSize", "x_page_size"}};
    return query;
}

QString categoryKey(const QString &category, const QString &sub)
{
    return sub.isEmpty() ? category : category + u'/' + sub;
}

// Reads a name table ("fields" or "query"): known logical names only, non-empty unique values.
void readNames(const QJsonObject &root, const char *section, const QList<QPair<QString, QString>> &defaults,
               QHash<QString, QString> *out, QList<Message> *errors)
{
    out->clear();
    for (const auto &d : defaults)
        out->insert(d.first, d.second);
    const QJsonValue v = root.value(QLatin1String(section));
    if (v.isUndefined())
        return;
    if (!v.isObject()) {
        errors->append(CityMapping::tr("\"%1\" must be an object of logical name → city name.").arg(QLatin1String(section)));
        return;
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!out->contains(it.key())) {
            errors->append(CityMapping::tr("\"%1.%2\" is not a known field (known: %3).")
                               .arg(QLatin1String(section), it.key(), QStringList(out->keys()).join(u", ")));
            continue;
        }
        if (!it.value().isString() || it.value().toString().trimmed().isEmpty()) {
            errors->append(CityMapping::tr("\"%1.%2\" must be a non-empty text.").arg(QLatin1String(section), it.key()));
            continue;
        }
        out->insert(it.key(), it.value().toString().trimmed());
    }
    QHash<QString, QString> seen;
    for (auto it = out->begin(); it != out->end(); ++it) {
        if (seen.contains(it.value()))
            errors->append(CityMapping::tr("\"%1\": %2 and %3 both map to \"%4\".")
                               .arg(QLatin1String(section), seen.value(it.value()), it.key(), it.value()));
        seen.insert(it.value(), it.key());
    }
}

QString textOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return {};
}

bool numberOf(const QJsonValue &v, double *out)
{
    if (v.isDouble()) {
        *out = v.toDouble();
        return true;
    }
    bool ok = false;
    if (v.isString())
        *out = v.toString().trimmed().toDouble(&ok);
    return ok;
}

} // namespace

Result CityMapping::loadFile(const QString &path, const CategoryCatalog &categories, const OrgDirectory &org)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("Cannot read the city mapping file %1: %2").arg(path, f.errorString()));
    const Result r = loadJson(f.readAll(), categories, org);
    if (!r.ok)
        return Result::failure(r.code, tr("City mapping file %1: %2").arg(path, r.message));
    return r;
}

Result CityMapping::loadJson(const QByteArray &json, const CategoryCatalog &categories, const OrgDirectory &org)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError)
        return Result::failure(QStringLiteral("invalid_json"),
                               tr("not valid JSON at offset %1: %2").arg(perr.offset).arg(perr.errorString()));
    if (!doc.isObject())
        return Result::failure(QStringLiteral("invalid_json"), tr("the mapping must be a JSON object."));
    const QJsonObject root = doc.object();
    QList<Message> errors;
    CityMapping m;

    m.m_version = root.value("version").toInt(0);
    if (m.m_version != 1)
        errors.append(tr("\"version\" must be 1 (this program reads mapping version 1)."));
    m.m_jurisdictionId = root.value("jurisdictionId").toString().trimmed();
    if (m.m_jurisdictionId.isEmpty())
        errors.append(tr("\"jurisdictionId\" (the city's Open311 jurisdiction_id for the district) is required."));
    m.m_districtId = root.value("districtId").toString().trimmed();
    if (m.m_districtId.isEmpty())
        errors.append(tr("\"districtId\" (how the city addresses this district in x_assigned_to) is required."));
    if (root.contains("pageSize")) {
        m.m_pageSize = root.value("pageSize").toInt(0);
        if (m.m_pageSize < 1 || m.m_pageSize > 1000)
            errors.append(tr("\"pageSize\" must be a whole number from 1 to 1000."));
    }
    readNames(root, "fields", defaultFields(), &m.m_fields, &errors);
    readNames(root, "query", defaultQuery(), &m.m_query, &errors);

    // Categories: every (category[, sub-category]) of ours → one service code; codes unique so the way back is clear.
    if (!root.value("categories").isArray()) {
        errors.append(tr("\"categories\" must be a list of {category, subcategory?, serviceCode}."));
    } else {
        const QJsonArray arr = root.value("categories").toArray();
        for (int i = 0; i < arr.size(); ++i) {
            const QJsonObject e = arr.at(i).toObject();
            const QString cat = e.value("category").toString();
            const QString sub = e.value("subcategory").toString();
            const QString code = e.value("serviceCode").toString().trimmed();
            const Category *c = categories.find(cat);
            if (!c) {
                errors.append(tr("categories[%1]: unknown category \"%2\".").arg(i).arg(cat));
                continue;
            }
            if (!sub.isEmpty() && !c->hasSub(sub)) {
                errors.append(tr("categories[%1]: category %2 has no sub-category \"%3\".").arg(i).arg(cat, sub));
                continue;
            }
            if (code.isEmpty()) {
                errors.append(tr("categories[%1]: \"serviceCode\" is required.").arg(i));
                continue;
            }
            const QString key = categoryKey(cat, sub);
            if (m.m_codeByCategory.contains(key))
                errors.append(tr("categories[%1]: %2 is mapped twice.").arg(i).arg(key));
            if (m.m_categoryByCode.contains(code))
                errors.append(tr("categories[%1]: service code \"%2\" is already used for %3.")
                                  .arg(i).arg(code, m.m_categoryByCode.value(code)));
            m.m_codeByCategory.insert(key, code);
            m.m_categoryByCode.insert(code, key);
        }
        // Categories the district adds later are not refused here: gaps() names them, and until they are mapped their
        // cases reach the city under the fallback category's code (outboundServiceCode).
    }
    if (root.contains("unmappedServiceCode") && !root.value("unmappedServiceCode").isNull()) {
        const QJsonObject f = root.value("unmappedServiceCode").toObject();
        const Category *c = categories.find(f.value("category").toString());
        const QString sub = f.value("subcategory").toString();
        if (!c || (!sub.isEmpty() && !c->hasSub(sub)))
            errors.append(tr("\"unmappedServiceCode\" must name one of our categories (and optionally its sub-category)."));
        else
            m.m_fallbackCategory = categoryKey(c->id, sub);
    }

    if (!root.value("statuses").isObject()) {
        errors.append(tr("\"statuses\" must be an object: our status → {status: open|closed, cityState}."));
    } else {
        const QJsonObject o = root.value("statuses").toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            CaseStatus s;
            if (!caseStatusFromString(it.key(), &s))
                errors.append(tr("statuses: \"%1\" is not one of our statuses.").arg(it.key()));
        }
        for (CaseStatus s : allCaseStatuses()) {
            const QString name = caseStatusToString(s);
            if (!o.contains(name)) {
                errors.append(tr("statuses: no mapping for our status \"%1\".").arg(name));
                continue;
            }
            const QJsonObject t = o.value(name).toObject();
            StatusTarget target{t.value("status").toString(), t.value("cityState").toString().trimmed()};
            if (target.status != QLatin1String("open") && target.status != QLatin1String("closed"))
                errors.append(tr("statuses.%1.status must be \"open\" or \"closed\" (Open311).").arg(name));
            if (target.cityState.isEmpty())
                errors.append(tr("statuses.%1.cityState is required.").arg(name));
            m.m_statuses.insert(s, target);
        }
    }

    if (!root.value("priorities").isObject()) {
        errors.append(tr("\"priorities\" must be an object: our urgency → the city's priority."));
    } else {
        const QJsonObject o = root.value("priorities").toObject();
        QSet<QString> used;
        for (Urgency u : allUrgencies()) {
            const QString p = o.value(urgencyToString(u)).toString().trimmed();
            if (p.isEmpty()) {
                errors.append(tr("priorities: no city priority for urgency \"%1\".").arg(urgencyToString(u)));
                continue;
            }
            if (used.contains(p))
                errors.append(tr("priorities: \"%1\" is used for two urgencies.").arg(p));
            used.insert(p);
            m.m_priorities.insert(u, p);
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            Urgency u;
            if (!urgencyFromString(it.key(), &u))
                errors.append(tr("priorities: \"%1\" is not one of our urgencies.").arg(it.key()));
        }
    }

    if (!root.value("areas").isObject()) {
        errors.append(tr("\"areas\" must be an object: city area code → our street id."));
    } else {
        const QJsonObject o = root.value("areas").toObject();
        QSet<QString> streets;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString street = it.value().toString();
            if (!org.isKind(street, OrgUnit::Kind::Street)) {
                errors.append(tr("areas.%1: \"%2\" is not one of our streets.").arg(it.key(), street));
                continue;
            }
            if (streets.contains(street))
                errors.append(tr("areas.%1: street %2 already has an area code.").arg(it.key(), street));
            streets.insert(street);
            m.m_areas.insert(it.key(), street);
        }
        QStringList missing;
        for (const OrgUnit &u : org.unitsOfKind(OrgUnit::Kind::Street))
            if (!streets.contains(u.id))
                missing.append(u.id);
        if (!missing.isEmpty())
            errors.append(tr("areas: no city area code for %1.").arg(missing.join(u", ")));
    }

    if (!errors.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), Message::lines(errors));
    *this = m;
    return Result::success();
}

const CityMapping &CityMapping::builtin()
{
    static const CityMapping mapping = [] {
        CityMapping m;
        // Against the data shipped with it: the district's categories may have grown since (gaps() names them).
        const Result r = m.loadFile(QStringLiteral(":/city/mapping.default.json"), CategoryCatalog::shipped(), OrgDirectory::shipped());
        if (!r.ok)
            qFatal("built-in city mapping is invalid: %s", qPrintable(r.message.english()));
        return m;
    }();
    return mapping;
}

QString CityMapping::serviceCodeFor(const QString &categoryId, const QString &subcategoryId) const
{
    const QString exact = m_codeByCategory.value(categoryKey(categoryId, subcategoryId));
    return exact.isEmpty() ? m_codeByCategory.value(categoryId) : exact;
}

QString CityMapping::outboundServiceCode(const QString &categoryId, const QString &subcategoryId) const
{
    const QString code = serviceCodeFor(categoryId, subcategoryId);
    if (!code.isEmpty() || m_fallbackCategory.isEmpty())
        return code;
    return serviceCodeFor(m_fallbackCategory.section(u'/', 0, 0), m_fallbackCategory.section(u'/', 1, 1));
}

QList<Message> CityMapping::gaps(const CategoryCatalog &categories, const OrgDirectory &org) const
{
    QList<Message> out;
    QStringList unmapped;
    for (const Category &c : categories.categories())
        if (!m_codeByCategory.contains(c.id))
            unmapped << QStringLiteral("%1 (%2)").arg(c.name, c.id);
    if (!unmapped.isEmpty()) {
        const QString fallback = outboundServiceCode(QString(), QString());
        out << (fallback.isEmpty()
                    ? tr("Categories without a city service code: %1. Their cases cannot be escalated to the city until "
                         "the city mapping names a code for them.").arg(unmapped.join(QStringLiteral(", ")))
                    : tr("Categories without a city service code: %1. Their cases are escalated under the fallback code "
                         "%2 until the city mapping names a code for them.").arg(unmapped.join(QStringLiteral(", ")), fallback));
    }
    QStringList streets;
    for (const OrgUnit &u : org.units())
        if (u.kind == OrgUnit::Kind::Street && areaForStreet(u.id).isEmpty())
            streets << QStringLiteral("%1 (%2)").arg(u.name, u.id);
    if (!streets.isEmpty())
        out << tr("Streets without a city area code: %1. Cases the city assigns to them cannot be routed, and their "
                  "escalations carry no area.").arg(streets.join(QStringLiteral(", ")));
    return out;
}

bool CityMapping::categoryFor(const QString &serviceCode, QString *categoryId, QString *subcategoryId) const
{
    QString key = m_categoryByCode.value(serviceCode);
    if (key.isEmpty())
        key = m_fallbackCategory;
    if (key.isEmpty())
        return false;
    *categoryId = key.section(u'/', 0, 0);
    *subcategoryId = key.section(u'/', 1, 1);
    return true;
}

bool CityMapping::urgencyFor(const QString &priority, Urgency *urgency) const
{
    for (auto it = m_priorities.begin(); it != m_priorities.end(); ++it) {
        if (it.value() == priority) {
            *urgency = it.key();
            return true;
        }
    }
    return false;
}

QDateTime CityMapping::deadlineOf(const CaseRecord &record)
{
    if (const DepartmentAssignment *lead = record.leadAssignment())
        return lead->handleDue;
    return record.streetDue;
}

QString CityMapping::cityTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return t.toUTC().toOffsetFromUtc(WorkCalendar::districtZone().offsetFromUtc(t)).toString(Qt::ISODate);
}

QDateTime CityMapping::parseCityTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    // A time without an offset is the city's local time (the district's), never the server's.
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(WorkCalendar::districtZone());
    return t.isValid() ? t.toUTC() : QDateTime();
}

QString CityMapping::caseIdForCityRequest(const QString &cityRequestId) const
{
    // Derived, not random: pulling the same city request twice yields the same case id on every server.
    static const QUuid ns(QStringLiteral("{6f1c3c1e-5a3b-4a4e-9d55-2b9c1c0d7e01}"));
    return QUuid::createUuidV5(ns, m_jurisdictionId + u'/' + cityRequestId).toString(QUuid::WithoutBraces);
}

QJsonObject CityMapping::toCityRequest(const CaseRecord &record) const
{
    const StatusTarget st = statusFor(record.status);
    QJsonObject o{{"jurisdiction_id", m_jurisdictionId},
                  {field("serviceCode"), outboundServiceCode(record.categoryId, record.subcategoryId)},
                  {field("description"), record.description},
                  {field("addressString"), record.address},
                  {field("requestedDatetime"), cityTime(record.registeredAt)},
                  {field("districtCaseId"), record.id},
                  {field("caseNumber"), record.number},
                  {field("title"), record.title},
                  {field("status"), st.status},
                  {field("districtStatus"), st.cityState},
                  {field("priority"), priorityFor(record.urgency)},
                  {field("area"), areaForStreet(record.streetId)},
                  {field("escalationReason"), record.escalationReason}};
    const QDateTime due = deadlineOf(record);
    o.insert(field("deadline"), due.isValid() ? QJsonValue(cityTime(due)) : QJsonValue(QJsonValue::Null));
    if (record.hasLocation) {
        o.insert(field("lat"), record.latitude);
        o.insert(field("long"), record.longitude);
    }
    return o;
}

QJsonObject CityMapping::toStatusUpdate(const CaseRecord &record) const
{
    const StatusTarget st = statusFor(record.status);
    QJsonObject o{{field("districtCaseId"), record.id},
                  {field("caseNumber"), record.number},
                  {field("status"), st.status},
                  {field("districtStatus"), st.cityState},
                  {field("statusNotes"), caseStatusDisplayName(record.status).text()},
                  {field("updatedDatetime"), cityTime(record.updatedAt)}};
    const QDateTime due = deadlineOf(record);
    o.insert(field("deadline"), due.isValid() ? QJsonValue(cityTime(due)) : QJsonValue(QJsonValue::Null));
    return o;
}

bool CityMapping::fromCityRequest(const QJsonObject &request, CityAssignedCase *out, Message *error) const
{
    auto fail = [error](const Message &why) {
        *error = why;
        return false;
    };
    CityAssignedCase a;
    a.raw = request;
    a.cityRequestId = textOf(request.value(field("serviceRequestId"))).trimmed();
    if (a.cityRequestId.isEmpty())
        return fail(tr("The city's request has no %1.").arg(field("serviceRequestId")));
    if (a.cityRequestId.size() > Workflow::MaxShortField)
        return fail(tr("The city's request id is longer than %1 characters.").arg(Workflow::MaxShortField));
    a.caseId = caseIdForCityRequest(a.cityRequestId);

    CaseDraft &d = a.draft;
    const QString code = textOf(request.value(field("serviceCode")));
    if (!categoryFor(code, &d.categoryId, &d.subcategoryId))
        return fail(tr("City request %1: service code \"%2\" is not in the mapping.").arg(a.cityRequestId, code.left(64)));

    const QString area = textOf(request.value(field("area")));
    d.streetId = streetForArea(area);
    if (d.streetId.isEmpty())
        return fail(tr("City request %1: area code \"%2\" is not one of the district's streets in the mapping.")
                        .arg(a.cityRequestId, area.left(64)));

    d.description = request.value(field("description")).toString();
    QString title = request.value(field("title")).toString().trimmed();
    if (title.isEmpty())
        title = d.description.trimmed().section(u'\n', 0, 0).trimmed();
    if (title.isEmpty())
        return fail(tr("City request %1 has neither a title nor a description.").arg(a.cityRequestId));
    if (title.size() > Workflow::MaxTitle)
        title = title.left(Workflow::MaxTitle - 1) + QChar(0x2026);  // the full text stays in the description
    d.title = title;
    if (d.description.trimmed().isEmpty())
        d.description = title;

    double lat = 0, lon = 0;
    const bool hasLat = numberOf(request.value(field("lat")), &lat);
    const bool hasLon = numberOf(request.value(field("long")), &lon);
    if (hasLat && hasLon) {
        d.hasLocation = true;
        d.latitude = lat;
        d.longitude = lon;
    }
    d.address = request.value(field("address")).toString().trimmed();
    if (d.address.isEmpty())
        d.address = request.value(field("addressString")).toString().trimmed();
    if (d.address.isEmpty() && d.hasLocation)
        d.address = tr("Location %1, %2 (from the city platform)").arg(lat, 0, 'f', 6).arg(lon, 0, 'f', 6).text();
    if (d.address.isEmpty())
        return fail(tr("City request %1 has neither an address nor a location.").arg(a.cityRequestId));

    const QString priority = textOf(request.value(field("priority")));
    if (!priority.isEmpty() && !urgencyFor(priority, &d.urgency))
        return fail(tr("City request %1: priority \"%2\" is not in the mapping.").arg(a.cityRequestId, priority.left(64)));

    a.cityState = textOf(request.value(field("cityState")));
    if (a.cityState.isEmpty())
        a.cityState = textOf(request.value(field("status")));
    const QString deadline = request.value(field("deadline")).toString();
    if (!deadline.isEmpty()) {
        a.deadline = parseCityTime(deadline);
        if (!a.deadline.isValid())
            return fail(tr("City request %1: deadline \"%2\" is not an ISO 8601 time.").arg(a.cityRequestId, deadline.left(64)));
    }
    a.cityUpdatedAt = parseCityTime(request.value(field("updatedDatetime")).toString());
    *out = a;
    return true;
}

} // namespace gw

#pragma once
#include "message.h"
#include "cityassignedcase.h"
#include "caserecord.h"
#include "categorycatalog.h"
#include "orgdirectory.h"
#include "result.h"
#include <QHash>
#include <QJsonObject>
#include <QStringList>
#include <QCoreApplication>

namespace gw {

// How our cases look on the city platform and back: field names, category ↔ service code, status ↔ city state,
// urgency ↔ priority, city area code → street. Data, not code (resources/city/mapping.default.json), because the
// city's real names are not known here and will change; validated on load against our catalog and org directory.
class CityMapping
{
    GW_DECLARE_MESSAGES(gw::CityMapping)

public:
    struct StatusTarget {
        QString status;     // Open311 "open" | "closed"
        QString cityState;  // our extension x_district_status, e.g. "in_progress"
    };

    // Parses and validates; on failure the mapping is left unchanged and the message lists every problem found.
    Result loadJson(const QByteArray &json, const CategoryCatalog &categories = CategoryCatalog::builtin(),
                    const OrgDirectory &org = OrgDirectory::builtin());
    Result loadFile(const QString &path, const CategoryCatalog &categories = CategoryCatalog::builtin(),
                    const OrgDirectory &org = OrgDirectory::builtin());
    // The shipped default (resource :/city/mapping.default.json).
    static const CityMapping &builtin();

    bool isLoaded() const { return m_version > 0; }
    int version() const { return m_version; }
    QString jurisdictionId() const { return m_jurisdictionId; }
    QString districtId() const { return m_districtId; }
    int pageSize() const { return m_pageSize; }
    // The city's name for one of our logical fields (keys of "fields"/"query" in the mapping file).
    QString field(const QString &logicalName) const { return m_fields.value(logicalName, logicalName); }
    QString queryParam(const QString &logicalName) const { return m_query.value(logicalName, logicalName); }

    QStringList serviceCodes() const { return m_categoryByCode.keys(); }
    QString serviceCodeFor(const QString &categoryId, const QString &subcategoryId) const;
    // The code a case goes up with: its category's, or for a category the mapping does not name yet (one the district
    // added since) the fallback category's ("unmappedServiceCode"); empty when there is neither.
    QString outboundServiceCode(const QString &categoryId, const QString &subcategoryId) const;
    // What the district's reference data has that this mapping does not cover (issue 16: categories and streets added
    // after the mapping was written), one sentence per kind; empty when it covers everything.
    QList<Message> gaps(const CategoryCatalog &categories, const OrgDirectory &org) const;
    // Our category for a city service code; false when unknown and no fallback is configured.
    bool categoryFor(const QString &serviceCode, QString *categoryId, QString *subcategoryId) const;
    StatusTarget statusFor(CaseStatus status) const { return m_statuses.value(status); }
    QString priorityFor(Urgency urgency) const { return m_priorities.value(urgency); }
    bool urgencyFor(const QString &priority, Urgency *urgency) const;
    QString streetForArea(const QString &areaCode) const { return m_areas.value(areaCode); }
    QString areaForStreet(const QString &streetId) const { return m_areas.key(streetId); }

    // The deadline we report for a case: the lead department's handling deadline, else the street's own deadline.
    static QDateTime deadlineOf(const CaseRecord &record);
    // Times go to the city in ISO 8601 with the district's +08:00 offset; any ISO 8601 offset is accepted back.
    static QString cityTime(const QDateTime &t);
    static QDateTime parseCityTime(const QString &text);

    // Our case id for a city request: a UUID v5 of jurisdiction and request id, the same on every pull and server.
    QString caseIdForCityRequest(const QString &cityRequestId) const;

    // POST requests (escalation, 上报市级): Open311 fields plus our x_ extensions.
    QJsonObject toCityRequest(const CaseRecord &record) const;
    // POST requests/{id}/updates (our extension): the case's current status and deadline.
    QJsonObject toStatusUpdate(const CaseRecord &record) const;
    // One request from GET requests (assigned to the district) → a draft our intake user can register.
    // Returns false with a translated reason when the request cannot become a valid case.
    bool fromCityRequest(const QJsonObject &request, CityAssignedCase *out, Message *error) const;

private:
    int m_version = 0;
    QString m_jurisdictionId;
    QString m_districtId;
    int m_pageSize = 100;
    QHash<QString, QString> m_fields;
    QHash<QString, QString> m_query;
    QHash<QString, QString> m_codeByCategory;    // "category" or "category/sub" → service code
    QHash<QString, QString> m_categoryByCode;    // service code → "category" or "category/sub"
    QString m_fallbackCategory;                  // "category/sub" for unknown service codes, or empty
    QHash<CaseStatus, StatusTarget> m_statuses;
    QHash<Urgency, QString> m_priorities;
    QHash<QString, QString> m_areas;             // city area code → street id
};

} // namespace gw

#pragma once
#include "orgunit.h"
#include "result.h"
#include <QHash>
#include <QList>
#include <QJsonArray>

namespace gw {

// All org units of the district, loaded from editable seed data (resources/seed/org_units.json).
class OrgDirectory
{
public:
    // Parses {"units":[...]} and checks ids are unique, kinds known and parents exist.
    Result loadJson(const QByteArray &json);
    Result loadFile(const QString &path);
    // The directory shipped in the resources of gridwhistle_core.
    static const OrgDirectory &builtin();

    bool contains(const QString &id) const { return m_index.contains(id); }
    const OrgUnit *find(const QString &id) const;
    QString nameOf(const QString &id) const;  // falls back to the id for unknown units
    QList<OrgUnit> units() const { return m_units; }
    QList<OrgUnit> unitsOfKind(OrgUnit::Kind kind) const;
    QList<OrgUnit> communitiesOf(const QString &streetId) const;
    // The street a unit belongs to: itself for a street, the parent for a community, empty otherwise.
    QString streetOf(const QString &unitId) const;
    bool isKind(const QString &id, OrgUnit::Kind kind) const;
    QJsonArray toJson() const;

private:
    QList<OrgUnit> m_units;
    QHash<QString, int> m_index;
};

} // namespace gw

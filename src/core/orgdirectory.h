#pragma once
#include "orgunit.h"
#include "result.h"
#include <QHash>
#include <QList>
#include <QJsonArray>

namespace gw {

// The district's org directory: its units (center, streets, communities, departments) and the grid cells the
// communities are divided into. The district server serves it as reference data (kind "org", issue 16);
// resources/seed/org_units.json is only its first version and what a client uses before its first sync.
class OrgDirectory
{
    GW_DECLARE_MESSAGES(gw::OrgDirectory)
public:
    // Parses {"units":[...], "gridCells":[...]} and checks ids and codes are unique, kinds known, a community's
    // parent is a street and a grid cell's community a community. Nothing changes when it is refused; the refusal's
    // field names the input ("units", "gridCells", or a unit's or cell's field).
    Result load(const QJsonObject &body);
    Result loadJson(const QByteArray &json);
    Result loadFile(const QString &path);
    QJsonObject toBody() const;

    // The district's directory in use in this process: the one served (installDistrict) or else shipped(). Holders
    // of this reference see each new version.
    static const OrgDirectory &builtin();
    static OrgDirectory shipped();
    static void installDistrict(const OrgDirectory &directory);

    // An administrator adds a unit (`adding`: its id must be new) or changes one (its kind stays; cases and accounts
    // name it). Checked like a served directory; nothing changes when it is refused.
    Result setUnit(const OrgUnit &unit, bool adding);
    // The same for a grid cell, by code.
    Result setGridCell(const GridCell &cell, bool adding);

    bool contains(const QString &id) const { return m_index.contains(id); }
    const OrgUnit *find(const QString &id) const;
    QString nameOf(const QString &id) const;  // falls back to the id for unknown units
    QList<OrgUnit> units() const { return m_units; }
    QList<OrgUnit> unitsOfKind(OrgUnit::Kind kind) const;
    QList<OrgUnit> communitiesOf(const QString &streetId) const;
    // The street a unit belongs to: itself for a street, the parent for a community, empty otherwise.
    QString streetOf(const QString &unitId) const;
    bool isKind(const QString &id, OrgUnit::Kind kind) const;
    QJsonArray toJson() const;  // the units only, as GET /api/v1/org-units has always answered

    QList<GridCell> gridCells() const { return m_gridCells; }
    QList<GridCell> gridCellsOf(const QString &communityId) const;
    const GridCell *findGridCell(const QString &code) const;
    // "市府社区第1网格（530103001001001）" for a known cell; the text itself otherwise (cases registered before the
    // district had served grid cells hold free text).
    QString gridCellLabel(const QString &code) const;

    // What changed between two versions of one unit or grid cell (their toJson()), for the administrative log:
    // {"name": [before, after], "duty.phone": [...], "area": ["—", "5 positions"], ...}; everything for one added.
    static QJsonObject changes(const QJsonObject &before, const QJsonObject &after);
    // One of those for a person: "值班电话：0871-63110001 → 0871-63110002".
    static Message describeChange(const QString &field, const QJsonArray &beforeAfter);

private:
    Result checkTree() const;

    QList<OrgUnit> m_units;
    QHash<QString, int> m_index;
    QList<GridCell> m_gridCells;
};

} // namespace gw

#pragma once
#include "message.h"
#include "result.h"
#include <QString>
#include <QJsonObject>

namespace gw {

// One organisational unit: the district command center, a street office, a community or a department.
struct OrgUnit {
    GW_DECLARE_MESSAGES(gw::OrgUnit)
public:
    enum class Kind { Center, Street, Community, Department };

    QString id;        // stable code, e.g. "street.tuodong"
    QString name;      // display name, e.g. "拓东街道"
    Kind kind = Kind::Street;
    QString parentId;  // a community's street; empty otherwise
    bool active = true;
    // Who answers for the unit around the clock (a department's 值班联系人), shown where a case is routed to it.
    QString dutyName;
    QString dutyPhone;

    static constexpr int MaxName = 40;
    static QString kindToString(Kind kind);
    static Message kindDisplayName(Kind kind);  // translated, e.g. "a street office"
    static bool kindFromString(const QString &text, Kind *kind);
    QJsonObject toJson() const;
    // Reads one unit and checks it on its own (id pattern, name, kind, duty phone); whether its parent exists is the
    // directory's check. A refusal's field names the input: "id", "name", "kind", "dutyName", "dutyPhone".
    static Result fromJson(const QJsonObject &o, OrgUnit *out);
};

// One grid cell (单元网格): the smallest area a grid member walks and cases are located in, owned by one community.
// Its code follows the district's numbering (GB/T 30428: district, street, community, cell, e.g. "530103001001001").
struct GridCell {
    GW_DECLARE_MESSAGES(gw::GridCell)
public:
    QString code;
    QString name;         // e.g. "市府社区第1网格"
    QString communityId;  // the owning community
    QJsonObject area;     // optional GeoJSON geometry: a Polygon or MultiPolygon in WGS 84 longitude/latitude
    bool active = true;

    static constexpr int MaxName = 40;
    // Fits a change in the server's 64 KB request limit (about 22 bytes a position).
    static constexpr int MaxAreaPoints = 2000;
    QJsonObject toJson() const;
    // Reads and checks one cell (code pattern, name, GeoJSON shape); whether its community exists is the
    // directory's check. A refusal's field: "code", "name", "community", "area".
    static Result fromJson(const QJsonObject &o, GridCell *out);
    // Checks a GeoJSON geometry: type Polygon or MultiPolygon, closed rings of at least four positions, longitudes
    // and latitudes in range, at most MaxAreaPoints positions. Empty is allowed (the area is optional).
    static Result checkArea(const QJsonObject &area);
};

} // namespace gw

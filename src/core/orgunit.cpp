#include "orgunit.h"
#include <QJsonArray>
#include <QRegularExpression>

namespace gw {

QString OrgUnit::kindToString(Kind kind)
{
    switch (kind) {
    case Kind::Center: return QStringLiteral("center");
    case Kind::Street: return QStringLiteral("street");
    case Kind::Community: return QStringLiteral("community");
    case Kind::Department: return QStringLiteral("department");
    }
    return {};
}

Message OrgUnit::kindDisplayName(Kind kind)
{
    switch (kind) {
    case Kind::Center: return tr("the command center");
    case Kind::Street: return tr("a street office");
    case Kind::Community: return tr("a community");
    case Kind::Department: return tr("a department");
    }
    return {};
}

bool OrgUnit::kindFromString(const QString &text, Kind *kind)
{
    for (Kind k : {Kind::Center, Kind::Street, Kind::Community, Kind::Department}) {
        if (kindToString(k) == text) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QJsonObject OrgUnit::toJson() const
{
    QJsonObject o{{"id", id}, {"name", name}, {"kind", kindToString(kind)}, {"active", active}};
    if (!parentId.isEmpty())
        o.insert("parent", parentId);
    if (!dutyName.isEmpty() || !dutyPhone.isEmpty())
        o.insert("duty", QJsonObject{{"name", dutyName}, {"phone", dutyPhone}});
    return o;
}

static Result refused(const Message &why, const char *field)
{
    return Result::failure(QStringLiteral("invalid_input"), why, QString::fromLatin1(field));
}

Result OrgUnit::fromJson(const QJsonObject &o, OrgUnit *out)
{
    static const QRegularExpression idPattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z][a-z0-9_]*(\\.[a-z0-9_]+){0,3}")));
    static const QRegularExpression phonePattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[0-9][0-9 -]{4,19}")));
    OrgUnit u;
    u.id = o.value("id").toString().trimmed();
    u.name = o.value("name").toString().trimmed();
    u.parentId = o.value("parent").toString().trimmed();
    u.active = o.value("active").toBool(true);
    const QJsonObject duty = o.value("duty").toObject();
    u.dutyName = duty.value("name").toString().trimmed();
    u.dutyPhone = duty.value("phone").toString().trimmed();
    if (u.id.isEmpty() || u.id.size() > 64 || !idPattern.match(u.id).hasMatch())
        return refused(tr("An org unit's code is lower-case letters, digits and dots, like \"community.tuodong.4\"; "
                          "\"%1\" is not one.").arg(u.id.left(64)), "id");
    if (u.name.isEmpty() || u.name.size() > MaxName)
        return refused(tr("Org unit %1 needs a name of at most %2 characters.").arg(u.id).arg(MaxName), "name");
    if (!kindFromString(o.value("kind").toString(), &u.kind))
        return refused(tr("Org unit %1 has an unknown kind \"%2\".").arg(u.id, o.value("kind").toString().left(20)),
                       "kind");
    if (u.dutyName.size() > MaxName)
        return refused(tr("The duty contact of %1 is longer than %2 characters.").arg(u.name).arg(MaxName), "dutyName");
    if (!u.dutyPhone.isEmpty() && !phonePattern.match(u.dutyPhone).hasMatch())
        return refused(tr("The duty phone of %1 is 5 to 20 digits (hyphens and spaces allowed); \"%2\" is not one.")
                           .arg(u.name, u.dutyPhone.left(24)),
                       "dutyPhone");
    if (u.dutyName.isEmpty() != u.dutyPhone.isEmpty())
        return refused(tr("The duty contact of %1 needs both a name and a phone number.").arg(u.name),
                       u.dutyName.isEmpty() ? "dutyName" : "dutyPhone");
    *out = u;
    return Result::success();
}

QJsonObject GridCell::toJson() const
{
    QJsonObject o{{"code", code}, {"name", name}, {"community", communityId}, {"active", active}};
    if (!area.isEmpty())
        o.insert("area", area);
    return o;
}

Result GridCell::fromJson(const QJsonObject &o, GridCell *out)
{
    static const QRegularExpression codePattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[0-9A-Za-z][0-9A-Za-z-]{2,31}")));
    GridCell c;
    c.code = o.value("code").toString().trimmed();
    c.name = o.value("name").toString().trimmed();
    c.communityId = o.value("community").toString().trimmed();
    c.active = o.value("active").toBool(true);
    if (o.contains("area") && !o.value("area").isNull() && !o.value("area").isObject())
        return refused(tr("The area of grid cell %1 must be a GeoJSON geometry object.").arg(c.code.left(32)), "area");
    c.area = o.value("area").toObject();
    if (!codePattern.match(c.code).hasMatch())
        return refused(tr("A grid cell's code is 3 to 32 letters, digits or hyphens, like \"530103001001001\"; "
                          "\"%1\" is not one.").arg(c.code.left(32)), "code");
    if (c.name.isEmpty() || c.name.size() > MaxName)
        return refused(tr("Grid cell %1 needs a name of at most %2 characters.").arg(c.code).arg(MaxName), "name");
    if (c.communityId.isEmpty())
        return refused(tr("Grid cell %1 needs the community it belongs to.").arg(c.code), "community");
    const Result area = checkArea(c.area);
    if (!area.ok)
        return refused(tr("The area of grid cell %1: %2").arg(c.code, area.message), "area");
    *out = c;
    return Result::success();
}

namespace {
// Counts the positions of one polygon (an array of rings) and checks each ring; false with `why` set otherwise.
bool checkPolygon(const QJsonArray &rings, int *points, Message *why)
{
    if (rings.isEmpty()) {
        *why = GridCell::tr("a polygon needs at least its outer ring.");
        return false;
    }
    for (const QJsonValue &ringValue : rings) {
        const QJsonArray ring = ringValue.toArray();
        if (ring.size() < 4) {
            *why = GridCell::tr("each ring needs at least four positions, the last repeating the first.");
            return false;
        }
        for (const QJsonValue &positionValue : ring) {
            const QJsonArray p = positionValue.toArray();
            if (++*points > GridCell::MaxAreaPoints) {
                *why = GridCell::tr("it has more than %1 positions.").arg(GridCell::MaxAreaPoints);
                return false;
            }
            if (p.size() < 2 || !p.at(0).isDouble() || !p.at(1).isDouble() || qAbs(p.at(0).toDouble()) > 180
                || qAbs(p.at(1).toDouble()) > 90) {
                *why = GridCell::tr("each position is [longitude, latitude] in degrees (WGS 84).");
                return false;
            }
        }
        const QJsonArray first = ring.first().toArray(), last = ring.last().toArray();
        if (first.at(0) != last.at(0) || first.at(1) != last.at(1)) {
            *why = GridCell::tr("each ring must end at the position it starts from.");
            return false;
        }
    }
    return true;
}
} // namespace

Result GridCell::checkArea(const QJsonObject &area)
{
    if (area.isEmpty())
        return Result::success();
    const QString type = area.value("type").toString();
    const QJsonArray coordinates = area.value("coordinates").toArray();
    Message why;
    int points = 0;
    bool fits = false;
    if (type == QLatin1String("Polygon")) {
        fits = checkPolygon(coordinates, &points, &why);
    } else if (type == QLatin1String("MultiPolygon")) {
        fits = !coordinates.isEmpty();
        why = tr("a MultiPolygon needs at least one polygon.");
        for (const QJsonValue &polygon : coordinates)
            if (!(fits = checkPolygon(polygon.toArray(), &points, &why)))
                break;
    } else {
        why = tr("GeoJSON type \"%1\" is not a Polygon or MultiPolygon.").arg(type.left(20));
    }
    return fits ? Result::success() : refused(why, "area");
}

} // namespace gw

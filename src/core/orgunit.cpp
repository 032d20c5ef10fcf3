#include "orgunit.h"

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
    case Kind::Center: return Message::translate("gw::OrgUnit", "the command center");
    case Kind::Street: return Message::translate("gw::OrgUnit", "a street office");
    case Kind::Community: return Message::translate("gw::OrgUnit", "a community");
    case Kind::Department: return Message::translate("gw::OrgUnit", "a department");
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
    return o;
}

} // namespace gw

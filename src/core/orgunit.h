#pragma once
#include "message.h"
#include <QString>
#include <QJsonObject>

namespace gw {

// One organisational unit: the district command center, a street office, a community or a department.
struct OrgUnit {
    enum class Kind { Center, Street, Community, Department };

    QString id;        // stable code, e.g. "street.tuodong"
    QString name;      // display name, e.g. "拓东街道"
    Kind kind = Kind::Street;
    QString parentId;  // a community's street; empty otherwise
    bool active = true;

    static QString kindToString(Kind kind);
    static Message kindDisplayName(Kind kind);  // translated, e.g. "a street office"
    static bool kindFromString(const QString &text, Kind *kind);
    QJsonObject toJson() const;
};

} // namespace gw

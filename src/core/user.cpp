#include "user.h"
#include "message.h"
#include <QCoreApplication>
#include <QJsonArray>

namespace gw {

const QString User::AssessmentAdministrator = QStringLiteral("assessment_admin");

QStringList User::knownGrants() { return {AssessmentAdministrator}; }

Message User::grantDisplayName(const QString &grant)
{
    if (grant == AssessmentAdministrator)
        return Message::translate("gw::User", "assessment administrator");
    return Message(grant);
}

User User::make(const QString &id, Role role, const QString &orgUnitId, const QString &name)
{
    User u;
    u.id = id;
    u.name = name.isEmpty() ? id : name;
    u.role = role;
    u.orgUnitId = orgUnitId;
    return u;
}

QJsonObject User::toJson() const
{
    QJsonObject o{{"id", id}, {"name", name}, {"role", roleToString(role)}, {"orgUnit", orgUnitId}, {"active", active}};
    if (mustChangePassword)
        o.insert(QStringLiteral("mustChangePassword"), true);
    if (!grants.isEmpty())
        o.insert(QStringLiteral("grants"), QJsonArray::fromStringList(grants));
    return o;
}

bool User::fromJson(const QJsonObject &o, User *user, Message *error)
{
    User u;
    u.id = o.value("id").toString().trimmed();
    u.name = o.value("name").toString().trimmed();
    u.orgUnitId = o.value("orgUnit").toString().trimmed();
    u.active = o.value("active").toBool(true);
    u.mustChangePassword = o.value("mustChangePassword").toBool(false);
    if (u.id.isEmpty()) {
        *error = Message::translate("gw::User", "A user needs a login id.");
        return false;
    }
    if (!roleFromString(o.value("role").toString(), &u.role)) {
        *error = Message::translate("gw::User", "Unknown role \"%1\".").arg(o.value("role").toString());
        return false;
    }
    // Unknown names are kept, not refused: a newer server may give grants this program does not know (it checks
    // them itself, AccountRules), and a person must still be able to sign in.
    for (const QJsonValue &g : o.value("grants").toArray())
        if (!u.grants.contains(g.toString()))
            u.grants.append(g.toString());
    if (o.contains("grants") && !o.value("grants").isArray()) {
        *error = Message::translate("gw::User", "\"grants\" is a list of grant names.");
        return false;
    }
    if (u.name.isEmpty())
        u.name = u.id;
    *user = u;
    return true;
}

} // namespace gw

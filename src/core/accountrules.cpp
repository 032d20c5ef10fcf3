#include "accountrules.h"
#include "orgdirectory.h"
#include "pushrules.h"
#include <QRegularExpression>
#include <QSet>

namespace gw {

OrgUnit::Kind AccountRules::unitKindFor(Role role)
{
    switch (role) {
    case Role::CommunityReporter: return OrgUnit::Kind::Community;
    case Role::StreetOperator: return OrgUnit::Kind::Street;
    case Role::DepartmentHandler: return OrgUnit::Kind::Department;
    default: return OrgUnit::Kind::Center;
    }
}

Result AccountRules::check(const User &u, const OrgDirectory &org)
{
    const QString invalid = QStringLiteral("invalid_input");
    static const QRegularExpression idForm(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (!idForm.match(u.id).hasMatch())
        return Result::failure(invalid, tr("A login id is 1 to 64 letters, digits, dots, dashes or underscores."),
                               QStringLiteral("id"));
    if (u.id == PushRules::systemActor().id)
        return Result::failure(invalid, tr("The login id \"system\" is reserved for the server."), QStringLiteral("id"));
    if (u.name.trimmed().isEmpty() || u.name.size() > MaxNameLength)
        return Result::failure(invalid, tr("A display name is 1 to %1 characters.").arg(MaxNameLength),
                               QStringLiteral("name"));
    for (QChar c : u.name)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return Result::failure(invalid, tr("The display name contains control characters."), QStringLiteral("name"));
    if (!org.contains(u.orgUnitId))
        return Result::failure(invalid, tr("Unknown org unit \"%1\".").arg(u.orgUnitId.left(64)), QStringLiteral("orgUnit"));
    if (!org.isKind(u.orgUnitId, unitKindFor(u.role)))
        return Result::failure(invalid,
                               tr("An account of a %1 must belong to %2, not to %3.")
                                   .arg(roleDisplayName(u.role), OrgUnit::kindDisplayName(unitKindFor(u.role)),
                                        org.nameOf(u.orgUnitId)),
                               QStringLiteral("orgUnit"));
    for (const QString &grant : u.grants)
        if (!User::knownGrants().contains(grant))
            return Result::failure(invalid, tr("Unknown grant \"%1\".").arg(grant.left(40)), QStringLiteral("grants"));
    if (u.grants.size() != QSet<QString>(u.grants.cbegin(), u.grants.cend()).size())
        return Result::failure(invalid, tr("A grant is listed twice."), QStringLiteral("grants"));
    return Result::success();
}

} // namespace gw

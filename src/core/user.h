#pragma once
#include "role.h"
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace gw {

// A person acting in the system. Who they are and where they sit decides what they may see and do.
struct User {
    QString id;         // login name, unique
    QString name;       // display name
    Role role = Role::CommunityReporter;
    QString orgUnitId;  // street, community, department or center the user belongs to
    bool active = true;
    // Set by the server for the initial administrator and for passwords an administrator gave out: the person
    // sets their own password before anything else (issue 17). Cleared by their own password change.
    bool mustChangePassword = false;
    // Rights beyond the role, given by administrators (issue 16): a person has exactly one role, and some work —
    // keeping the assessment's indicators — belongs to a few people of whatever role.
    QStringList grants{};

    static const QString AssessmentAdministrator;  // "assessment_admin": edits the indicator sets (考核管理员)
    static QStringList knownGrants();
    static Message grantDisplayName(const QString &grant);
    bool hasGrant(const QString &grant) const { return grants.contains(grant); }

    // An active user; the display name defaults to the login id.
    static User make(const QString &id, Role role, const QString &orgUnitId, const QString &name = {});
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, User *user, Message *error);
};

} // namespace gw

#pragma once
#include "message.h"
#include "orgunit.h"
#include "result.h"
#include "user.h"
#include <QCoreApplication>

namespace gw {

class OrgDirectory;

// What makes an account well-formed: its login id, display name, and the fit of role and org unit (a street
// operator sits in a street, a department handler in a department, ...). The server checks every account change
// with it, and the account form checks the same before it sends anything, so a refusal reads the same in both.
class AccountRules
{
    GW_DECLARE_MESSAGES(gw::AccountRules)
public:
    static constexpr int MaxIdLength = 64;
    static constexpr int MaxNameLength = 64;

    // The kind of org unit a role's accounts belong to.
    static OrgUnit::Kind unitKindFor(Role role);
    // Ok, or a refusal (code invalid_input) whose `field` names the input at fault: "id", "name" or "orgUnit".
    static Result check(const User &user, const OrgDirectory &org);
};

} // namespace gw

#pragma once
#include "message.h"
#include "result.h"
#include <QString>

namespace gw {

// What a new password must be (issue 17), checked alike by the change-password form and by the server, which has
// the last word: 8 to 256 characters, not the login id, not the demo accounts' shared password, not the current one.
class PasswordPolicy
{
    GW_DECLARE_MESSAGES(gw::PasswordPolicy)

public:
    static constexpr int MinLength = 8;
    static constexpr int MaxLength = 256;
    static constexpr const char *DemoPassword = "gw-demo-2026";  // ServerApp's --demo-users password

    static Result checkLength(const QString &password);
    // A password a person chooses for themself.
    static Result checkNew(const QString &userId, const QString &current, const QString &next);
};

} // namespace gw

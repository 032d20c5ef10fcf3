#include "passwordpolicy.h"

namespace gw {

Result PasswordPolicy::checkLength(const QString &password)
{
    if (password.size() < MinLength || password.size() > MaxLength)
        return Result::failure(QStringLiteral("invalid_input"), tr("A password is %1 to %2 characters.").arg(MinLength).arg(MaxLength));
    return Result::success();
}

Result PasswordPolicy::checkNew(const QString &userId, const QString &current, const QString &next)
{
    const Result length = checkLength(next);
    if (!length.ok)
        return length;
    if (next.compare(userId, Qt::CaseInsensitive) == 0)
        return Result::failure(QStringLiteral("invalid_input"), tr("The password must not be your login id."));
    if (next == QLatin1String(DemoPassword))
        return Result::failure(QStringLiteral("invalid_input"),
                               tr("The password must not be the demo accounts' password."));
    if (next == current)
        return Result::failure(QStringLiteral("invalid_input"), tr("The new password must differ from the current one."));
    return Result::success();
}

} // namespace gw

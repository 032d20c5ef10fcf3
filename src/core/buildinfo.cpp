#include "buildinfo.h"

#ifndef GW_COMMIT
#define GW_COMMIT "unknown"
#endif
#ifndef GW_BUILD_DATE
#define GW_BUILD_DATE __DATE__
#endif
#ifndef GW_COMPILER
#define GW_COMPILER "unknown compiler"
#endif

namespace gw {

QString BuildInfo::version() { return QStringLiteral(GW_VERSION); }
QString BuildInfo::commit() { return QStringLiteral(GW_COMMIT); }
QString BuildInfo::buildDate() { return QStringLiteral(GW_BUILD_DATE); }
QString BuildInfo::compiler() { return QStringLiteral(GW_COMPILER); }

QString BuildInfo::describe()
{
    return QStringLiteral("%1 (commit %2, built %3, %4, Qt %5)")
        .arg(version(), commit(), buildDate(), compiler(), QString::fromLatin1(qVersion()));
}

} // namespace gw

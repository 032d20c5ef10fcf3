#pragma once
#include <QString>

namespace gw {

// What was built, from where and how: shown by --version and the About dialog so that a support call
// can name the exact build. The commit is read when CMake configures.
class BuildInfo
{
public:
    static QString version();   // 0.1.0
    static QString commit();    // short git hash, or "unknown" outside a git checkout
    static QString buildDate(); // yyyy-MM-dd (UTC)
    static QString compiler();  // "GNU 12.2.0"
    // "0.1.0 (commit 1a2b3c4d5e, built 2026-11-25, GNU 12.2.0, Qt 6.4.2)"
    static QString describe();
};

} // namespace gw

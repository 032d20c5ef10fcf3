#pragma once

namespace gw {

// One line per message on stderr, for journald and log files alike:
//   2026-11-25T09:30:00.123Z warning city: escalation of ... not queued: ...
// (UTC, ISO 8601, level, message). Installed by gridwhistle-server's main().
class ServerLog
{
public:
    static void install();
};

} // namespace gw

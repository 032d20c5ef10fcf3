#pragma once
#include "message.h"
#include "protocol/referenceset.h"
#include "result.h"
#include <QCoreApplication>
#include <QHash>

namespace gw {

class SyncJournal;

// The district's reference data as this client last received it (issue 16): kept in the sync journal
// ("reference:<kind>"), so it is there offline and after a restart, and installed in the process (the work calendar
// every deadline is computed with). Each set is checked before it replaces the one held; a bad one changes nothing.
class ReferenceCache
{
    GW_DECLARE_MESSAGES(gw::ReferenceCache)
public:
    explicit ReferenceCache(SyncJournal &journal) : m_journal(journal) {}

    // Kind -> version held, for GET /api/v1/reference?have=...
    QHash<QString, int> versions() const;
    std::optional<ReferenceSet> held(const QString &kind) const;
    // Checks, stores and installs the sets of a server answer.
    Result apply(const ReferenceAnswer &answer);
    // At start: installs what is held (nothing when nothing is).
    Result installHeld() const;

private:
    static Result install(const ReferenceSet &set);
    SyncJournal &m_journal;
};

} // namespace gw

#pragma once
#include "casefilter.h"
#include "casequery.h"
#include <QString>
#include <atomic>
#include <functional>

class QSqlDatabase;

namespace gw {

// The case list queries (pages, counts, position keys), over a connection it is given: the store's own, or
// a read-only one a worker thread opens on the same file (WAL lets it read while the store writes), so a
// million-row count or a walk over every row never blocks the GUI thread.
class CaseListReader
{
public:
    // Over the open Qt SQL connection named `connectionName` (the store's, or a worker's read-only one).
    explicit CaseListReader(const QString &connectionName) : m_connection(connectionName) {}

    // Runs `work` with a reader over its own read-only connection to the store file `path`, opened and closed
    // in the calling thread (for worker threads). False (with `error`) when the file cannot be opened.
    static bool withReadOnlyConnection(const QString &path, const std::function<void(const CaseListReader &)> &work,
                                       QString *error = nullptr);

    // `limit` rows in filter.sort order, starting right after `after` (from the top when null) and skipping
    // `skip` rows first: sequential pages pass the previous page's last key and skip 0 (keyset paging);
    // a jump passes the nearest known key before the wanted row and the distance from it.
    QList<CaseSummary> list(const CaseFilter &filter, const CaseListKey &after, int skip, int limit) const;
    // Rows matching the filter; with `upTo` >= 0 it stops there (min(count, upTo)), cheap at any size.
    int count(const CaseFilter &filter, int upTo = -1) const;
    // The key of every `step`-th row (keys[i] belongs to row (i + 1) * step - 1), walking the whole list once
    // in order. Returns early (incomplete, `*cancelled` set) when `cancel` becomes true.
    QList<CaseListKey> sampleKeys(const CaseFilter &filter, int step, const std::atomic_bool *cancel = nullptr,
                                  bool *cancelled = nullptr) const;

private:
    bool isBroadText(const QString &match) const;
    QSqlDatabase db() const;
    QString m_connection;  // a name, so this header needs no Qt SQL (the GUI includes it)
};

} // namespace gw

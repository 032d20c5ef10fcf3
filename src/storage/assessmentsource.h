#pragma once
#include "assessmentfacts.h"
#include "result.h"
#include <QDateTime>
#include <functional>

namespace gw {

class CaseStore;

// Read-only bridge from the local store to the assessment engine: turns the stored case projections into
// compact facts. Shares the store's connection, so use it on the store's thread.
class AssessmentSource
{
public:
    // Called every few thousand cases with (done, total); return false to cancel.
    using Progress = std::function<bool(int done, int total)>;

    explicit AssessmentSource(const CaseStore *store);

    // Adds to `facts` every case that can count in a period starting at `since`: cases changed since then and
    // every case still open (an open deadline can pass later without any event). An invalid `since` loads all.
    Result loadFacts(AssessmentFacts *facts, const QDateTime &since = {}, const Progress &progress = {}) const;
    // How many cases loadFacts would read.
    int countFacts(const QDateTime &since = {}) const;

private:
    const CaseStore *m_store;
};

} // namespace gw

#pragma once
#include "assessmentfacts.h"
#include "indicatorschedule.h"
#include "message.h"
#include "protocol/monthassessment.h"
#include "result.h"
#include "user.h"
#include <QCoreApplication>
#include <memory>

namespace gw {

class ServerStore;

// The district's assessment, computed on the server (issue 16): local stores hold only what their user may see, so
// only the server can rank every street and department. Months are computed from the case projections with the
// indicator set in force in each (IndicatorSchedule) and the reference data installed in the server; a publication
// freezes one month's results with the versions and the data cut-off they used (PublicationStore), and
// PublicationVerifier recomputes it from the chained events.
class DistrictAssessment
{
    GW_DECLARE_MESSAGES(gw::DistrictAssessment)
public:
    explicit DistrictAssessment(ServerStore *store);
    ~DistrictAssessment();

    // The live figures and the publications of every month from `from` to `to` ("yyyy-MM", at most
    // AssessmentMonthsAnswer::MaxMonths). Refused with field "from"/"to" for bad months.
    Result months(const QString &from, const QString &to, AssessmentMonthsAnswer *answer);
    // Publishes `month` (yyyy-MM) as its next revision: only a month that has ended; a correction (a month published
    // before) needs a reason. Stored with its administrative log entry.
    Result publish(const QString &month, const QString &reason, const User &actor, MonthPublication *out);

    // The figures of `month` ("yyyy-MM", valid) from `facts` with the set `schedule` puts in force for it, as of `asOf`.
    static AssessmentResult assess(const AssessmentFacts &facts, const IndicatorSchedule &schedule, const QString &month,
                                   const QDateTime &asOf);
    // The reference data kinds a result depends on, with the versions installed in this process.
    static QMap<QString, int> versionsInUse();

private:
    // The facts of every case as the store holds them now (kept until an event or the reference data changes).
    Result currentFacts(const AssessmentFacts **facts);

    ServerStore *m_store;
    std::unique_ptr<AssessmentFacts> m_facts;
    QString m_factsKey;
};

} // namespace gw

#pragma once
#include "assessmentfacts.h"
#include "adminlogentry.h"
#include "caseevent.h"
#include "indicatorschedule.h"
#include "message.h"
#include "publicationstore.h"
#include <QCoreApplication>
#include <map>
#include <memory>
#include <vector>

namespace gw {

class AdministrativeLog;
class RulesHistory;
class ServerStore;

// `gridwhistle-server verify` for the published months (issue 16, "published results are verifiable"): each stored
// publication must match its hash, its administrative log entry, and the results recomputed from the chained case
// events up to its cut-off under the reference data versions it names. AuditVerifier hands it every case it has
// replayed, so the events are read once.
class PublicationVerifier
{
    GW_DECLARE_MESSAGES(gw::PublicationVerifier)
public:
    struct Finding {
        QString publication;  // "2026-11 revision 2"
        Message message;
    };

    // Reads the publications and the reference versions they name.
    explicit PublicationVerifier(const ServerStore &store);
    ~PublicationVerifier();
    PublicationVerifier(const PublicationVerifier &) = delete;
    PublicationVerifier &operator=(const PublicationVerifier &) = delete;

    int publicationCount() const { return int(m_rows.size()); }
    // One case whose chain verified: its events in chain order and the record all of them produce.
    void addCase(const QList<CaseEvent> &events, const CaseRecord &replayed, RulesHistory &rules);
    // After the last case: every difference found.
    QList<Finding> check(const AdministrativeLog &log) const;

private:
    // The cases as they stood at one cut-off, read with one org directory and calendar version.
    struct Group {
        qint64 cutoff = 0;
        int org = 0;
        int calendar = 0;
        std::unique_ptr<AssessmentFacts> facts;
    };
    Group *groupFor(const MonthPublication &p);
    static bool agreesWithLog(const PublicationStore::Row &row, const AdminLogEntry &entry);
    template <typename Data>
    void loadVersions(const ServerStore &store, const QString &kind, std::map<int, std::unique_ptr<Data>> *out);
    template <typename Data>
    static const Data *versionOf(const std::map<int, std::unique_ptr<Data>> &versions, int version);

    QList<PublicationStore::Row> m_rows;
    Message m_readError;
    std::map<int, std::unique_ptr<OrgDirectory>> m_orgs;
    std::map<int, std::unique_ptr<WorkCalendar>> m_calendars;
    std::map<int, std::unique_ptr<IndicatorSchedule>> m_schedules;
    std::vector<std::unique_ptr<Group>> m_groups;
    QList<Message> m_versionProblems;
};

} // namespace gw

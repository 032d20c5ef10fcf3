#pragma once
#include "message.h"
#include "casedraft.h"
#include "caseevent.h"
#include "result.h"
#include "user.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QRandomGenerator>

namespace gw {

// A demonstration district (盘龙区): realistic cases with their whole history, made event by event as the accounts
// that would act, each event checked with the Workflow against the case as it stands (a refused event is a bug
// here). The server's --demo-data pushes them (src/server/demodataseeder.h); GUI tests and benchmarks append them
// to a local store (tests/gui/guidemodata.h). The same seed and `now` give the same cases; only the event and case
// ids are fresh each time, so two runs never collide in one store.
class DemoDistrict
{
    GW_DECLARE_MESSAGES(gw::DemoDistrict)

public:
    // How a case's story goes. The first nine stop at one stage of the main path each.
    enum class Story {
        Registered, Analyzed, Approved, Whistled, Handling, Handled, Verified, Closed, StreetHandling,
        CheckInOverdue,    // summoned, nobody checked in, the check-in deadline has passed
        HandlingOverdue,   // checked in, the handling deadline has passed; the supervisor urges
        LateCheckIn,       // checked in after the check-in deadline, then handled and closed
        Returned,          // the first lead returns the assignment (退回); another department is summoned; closed
        PostponeApproved,  // a postponement is granted, handled by the new deadline, closed
        PostponeDenied,    // a postponement is refused, handled, closed
        PostponePending,   // a postponement request waits for the reviewer
        Reworked,          // verification fails (返工), handled again, closed
        Assisted,          // a lead and an assisting department (协办); the street rates the lead; closed
        ReviewReturned,    // the reviewer sends the analysis back; analyzed again, approved, ..., closed
        Rejected,          // the reviewer refuses (审核不通过)
        StreetResolved,    // the street handles it itself (街道自行处置), verified, closed
        Merged,            // a duplicate, merged into an earlier case
        Escalated,         // escalated to the city while being handled
    };
    static constexpr int StageCount = 9;
    static constexpr int StoryCount = int(Story::Escalated) + 1;

    struct Step {
        User actor;       // the account that acts
        CaseEvent event;  // unsealed, as EventBuilder makes it, dated when the actor acts
    };
    struct Case {
        QString id;
        Story story = Story::Registered;
        QList<Step> steps;  // in time order; the first registers the case
    };

    struct Options {
        QDateTime now;             // the history ends before this moment (default: the current time)
        quint32 seed = 1;
        QString deviceId = QStringLiteral("demo-district");
        QString focusStreet;       // when set, every third case lies in this street (so its operator has work)
    };

    DemoDistrict();
    explicit DemoDistrict(const Options &options);

    // About `count` cases registered over the last `days` days in working hours (district time), spread over
    // all streets by their size, every story at least once when count and days allow, older cases mostly
    // finished and recent ones under way.
    Result district(int count, int days, QList<Case> *cases);
    // Case i registered within the last three weeks and walked to stage Story(i % StageCount), one hour per
    // step; older cases run past their deadlines, so some are overdue (GUI tests).
    Result stages(int count, QList<Case> *cases);
    // A registration form as filled in for the index-th case: sample, street, community, address, location.
    CaseDraft draft(int index);

    // Every account the stories act as: dispatcher, reviewer, supervisor, shifu (the --demo-users accounts),
    // one street operator per street (its id is the street id without "street.", e.g. "tuodong") and one
    // handler per department ("chengguan" for dept.chengguan).
    static QList<User> accounts();
    static User account(const QString &id);  // empty id when unknown
    static User streetOperator(const QString &streetId);
    static User handler(const QString &departmentId);
    static QString storyName(Story story);

private:
    struct Teller;
    Result tell(Story story, const CaseDraft &draft, const QDateTime &registeredAt, bool hourly,
                const QString &mergeInto, Case *out);
    double unit() { return m_rng.generateDouble(); }
    int below(int n) { return n <= 0 ? 0 : int(m_rng.bounded(n)); }

    Options m_options;
    QRandomGenerator m_rng;
    int m_closedCount = 0;
};

} // namespace gw

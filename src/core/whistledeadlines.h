#pragma once
#include "caserecord.h"
#include "categorycatalog.h"
#include "message.h"
#include "result.h"
#include "workcalendar.h"
#include <QCoreApplication>
#include <QJsonObject>

namespace gw {

// The category rule a whistle's deadlines are held to (issue 16, docs/workflow.md "Deadline rules"). The form
// pre-fills the rule's deadlines and lets the operator change them; a deadline later than the rule needs a recorded
// reason. This is checked when an action is made (the client's form and local store) and when the server admits it,
// never when a stored chain is replayed: the rules change, the chain must not.
class WhistleDeadlines
{
    GW_DECLARE_MESSAGES(gw::WhistleDeadlines)
public:
    static const QString ReasonKey;        // "deadlineReason": why a deadline is later than the rule
    static const QString RulesVersionKey;  // "rulesVersion": the categories version the deadlines were computed under

    // A deadline may exceed the rule by this much without a reason (editors show minutes; clocks differ a little).
    static constexpr int ToleranceSeconds = 60;

    // Deadlines in a case.whistled payload later than the rule for the case's category and urgency, counted from
    // `whistledAt`, are refused (field "deadlineReason") unless the payload gives a reason.
    static Result check(const CaseRecord &record, const QJsonObject &payload, const QDateTime &whistledAt,
                        const CategoryCatalog &rules, const WorkCalendar &calendar);
    // Records the categories version in use in this process (0, the shipped rules, is not recorded).
    static void stampRulesVersion(QJsonObject &payload);
    static int rulesVersion(const QJsonObject &payload);
};

} // namespace gw

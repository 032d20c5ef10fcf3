#include "whistledeadlines.h"
#include "caseevent.h"
#include "orgdirectory.h"
#include "protocol/referenceset.h"
#include <QJsonArray>

namespace gw {

const QString WhistleDeadlines::ReasonKey = QStringLiteral("deadlineReason");
const QString WhistleDeadlines::RulesVersionKey = QStringLiteral("rulesVersion");

static QString districtTime(const QDateTime &t, const WorkCalendar &calendar)
{
    return t.toTimeZone(calendar.timeZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

Result WhistleDeadlines::check(const CaseRecord &record, const QJsonObject &payload, const QDateTime &whistledAt,
                               const CategoryCatalog &rules, const WorkCalendar &calendar)
{
    if (!payload.value(ReasonKey).toString().trimmed().isEmpty())
        return Result::success();
    const DeadlineSpec checkInRule = rules.checkInRule(record.categoryId, record.urgency);
    const DeadlineSpec handleRule = rules.handleRule(record.categoryId, record.urgency);
    const QDateTime checkInLimit = checkInRule.dueFrom(whistledAt, calendar).addSecs(ToleranceSeconds);
    const QDateTime handleLimit = handleRule.dueFrom(whistledAt, calendar).addSecs(ToleranceSeconds);
    const OrgDirectory &org = OrgDirectory::builtin();
    for (const QJsonValue &v : payload.value(QLatin1String("departments")).toArray()) {
        const QJsonObject d = v.toObject();
        const QString name = org.nameOf(d.value(QLatin1String("department")).toString());
        struct Due {
            const char *key;
            const DeadlineSpec &rule;
            const QDateTime &limit;
            Message what;
        };
        for (const Due &due : {Due{"checkInDue", checkInRule, checkInLimit, tr("check-in deadline")},
                               Due{"handleDue", handleRule, handleLimit, tr("handling deadline")}}) {
            const QDateTime asked = CaseEvent::timeFromString(d.value(QLatin1String(due.key)).toString());
            if (!asked.isValid() || asked <= due.limit)
                continue;
            return Result::failure(
                QStringLiteral("invalid_input"),
                tr("The %1 of %2 (%3) is later than the rule for %4, %5: %6, that is by %7. Give the reason for the "
                   "longer deadline, or shorten it.")
                    .arg(due.what, Message(name), Message(districtTime(asked, calendar)),
                         Message(rules.nameOf(record.categoryId)), urgencyDisplayName(record.urgency))
                    .arg(due.rule.displayText())
                    .arg(districtTime(due.limit.addSecs(-ToleranceSeconds), calendar)),
                ReasonKey);
        }
    }
    return Result::success();
}

void WhistleDeadlines::stampRulesVersion(QJsonObject &payload)
{
    const int version = ReferenceSet::installedVersion(ReferenceSet::Categories);
    if (version > 0)
        payload.insert(RulesVersionKey, version);
}

int WhistleDeadlines::rulesVersion(const QJsonObject &payload) { return payload.value(RulesVersionKey).toInt(0); }

} // namespace gw

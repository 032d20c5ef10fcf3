#include "casestep.h"
#include "caseevent.h"

namespace gw {

namespace {
struct StepName {
    CaseStep step;
    const char *name;
};
constexpr StepName kNames[] = {{CaseStep::None, ""},           {CaseStep::Analyze, "analyze"},
                               {CaseStep::Review, "review"},   {CaseStep::Whistle, "whistle"},
                               {CaseStep::Verify, "verify"},   {CaseStep::Close, "close"}};
} // namespace

QString caseStepToString(CaseStep step)
{
    for (const StepName &n : kNames)
        if (n.step == step)
            return QString::fromLatin1(n.name);
    return {};
}

bool caseStepFromString(const QString &text, CaseStep *step)
{
    for (const StepName &n : kNames) {
        if (text == QLatin1String(n.name)) {
            *step = n.step;
            return true;
        }
    }
    return false;
}

QJsonObject StepRecord::toJson() const
{
    return QJsonObject{{"step", caseStepToString(step)},
                       {"unit", unit},
                       {"startedAt", CaseEvent::timeToString(startedAt)},
                       {"due", CaseEvent::timeToString(due)},
                       {"doneAt", CaseEvent::timeToString(doneAt)}};
}

StepRecord StepRecord::fromJson(const QJsonObject &o)
{
    StepRecord r;
    caseStepFromString(o.value("step").toString(), &r.step);
    r.unit = o.value("unit").toString();
    r.startedAt = CaseEvent::timeFromString(o.value(QLatin1String("startedAt")).toString());
    r.due = CaseEvent::timeFromString(o.value(QLatin1String("due")).toString());
    r.doneAt = CaseEvent::timeFromString(o.value(QLatin1String("doneAt")).toString());
    return r;
}

} // namespace gw

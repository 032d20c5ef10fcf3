#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// A step of the case that waits for the center or the street (not a department): each has a clock
// (StepClock, docs/workflow.md section 5).
enum class CaseStep {
    None,     // no step clock runs: a department or the street's own handling holds the case, or it is terminal
    Analyze,  // registered: waiting for analysis (研判)
    Review,   // analyzed: waiting for review (审核)
    Whistle,  // approved: waiting for the whistle (发起吹哨)
    Verify,   // handled: waiting for verification (核查)
    Close     // verified: waiting for closing with the callback (回访结案)
};

QString caseStepToString(CaseStep step);  // "" | "analyze" | "review" | "whistle" | "verify" | "close"
bool caseStepFromString(const QString &text, CaseStep *step);

// One finished step, kept on the record for assessment (按时流转率).
struct StepRecord {
    CaseStep step = CaseStep::None;
    QString unit;         // the org unit that held the case at this step
    QDateTime startedAt;  // time of the event that entered the step
    QDateTime due;
    QDateTime doneAt;     // time of the event that left it

    bool onTime() const { return !due.isValid() || doneAt <= due; }
    QJsonObject toJson() const;
    static StepRecord fromJson(const QJsonObject &o);
};

} // namespace gw

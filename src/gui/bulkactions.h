#pragma once
#include "result.h"
#include "user.h"
#include <QList>
#include <QStringList>
#include <QCoreApplication>

class QWidget;

namespace gw {

class CaseStore;

// Acting on many selected cases at once. Each case is a separate action, checked by gw::Workflow on its own
// and stored on its own: one refused case never blocks the others, and the report says, per case, what
// happened and why.
class BulkActions
{
    Q_DECLARE_TR_FUNCTIONS(gw::BulkActions)

public:
    struct Outcome {
        QString caseId;
        QString number;  // for the report; the id when the case is unknown
        Result result;
    };
    struct Report {
        QList<Outcome> outcomes;
        int succeeded() const;
        int refused() const;
        QString summary() const;  // one line per refused case with its reason, after a count
    };

    // Bulk review (审核): the same decision ("approve" | "return" | "reject") and reason for every case.
    static Report review(CaseStore *store, const User &user, const QStringList &caseIds, const QString &decision,
                         const QString &reason);
    // Bulk whistle to the same department(s): deadlines from each case's own category and urgency.
    // Where a case already has a lead, the lead is added as assisting only if not already summoned.
    static Report whistle(CaseStore *store, const User &user, const QStringList &caseIds,
                          const QString &leadDepartment, const QStringList &assisting);

    // Menu entry points: ask for the decision/departments in a dialog, act, then show the report.
    // Return the report (empty when cancelled).
    static Report reviewWithDialog(QWidget *parent, CaseStore *store, const User &user, const QStringList &caseIds);
    static Report whistleWithDialog(QWidget *parent, CaseStore *store, const User &user, const QStringList &caseIds);
    static void showReport(QWidget *parent, const QString &title, const Report &report);
};

} // namespace gw

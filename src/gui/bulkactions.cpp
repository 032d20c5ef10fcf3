#include "bulkactions.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include "phrasecombo.h"
#include <QButtonGroup>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace gw {

namespace {

BulkActions::Outcome actOn(CaseStore *store, const QString &caseId,
                           const std::function<Result(const CaseRecord &, CaseEvent *)> &make)
{
    BulkActions::Outcome out{caseId, caseId, {}};
    const std::optional<CaseRecord> record = store->caseById(caseId);
    if (!record) {
        out.result = Result::failure(QStringLiteral("not_found"), BulkActions::tr("The case is not in the local store."));
        return out;
    }
    out.number = record->number.isEmpty() ? caseId : record->number;
    CaseEvent event;
    out.result = make(*record, &event);
    if (out.result.ok)
        out.result = store->append(event);  // the Workflow decides, case by case
    return out;
}
}

int BulkActions::Report::succeeded() const
{
    int n = 0;
    for (const Outcome &o : outcomes)
        n += o.result.ok ? 1 : 0;
    return n;
}

int BulkActions::Report::refused() const { return int(outcomes.size()) - succeeded(); }

QString BulkActions::Report::summary() const
{
    QStringList lines{BulkActions::tr("%1 of %n case(s) done, %2 refused.", nullptr, int(outcomes.size())).arg(succeeded()).arg(refused())};
    for (const Outcome &o : outcomes)
        if (!o.result.ok)
            lines.append(BulkActions::tr("%1: %2").arg(o.number, o.result.message));
    return lines.join(QLatin1Char('\n'));
}

BulkActions::Report BulkActions::review(CaseStore *store, const User &user, const QStringList &caseIds,
                                        const QString &decision, const QString &reason)
{
    Report report;
    const EventBuilder builder(user, store->deviceId());
    for (const QString &id : caseIds)
        report.outcomes.append(actOn(store, id, [&](const CaseRecord &record, CaseEvent *event) {
            QJsonObject p{{"decision", decision}};
            if (!reason.trimmed().isEmpty())
                p.insert("reason", reason.trimmed());
            *event = builder.make(EventType::Reviewed, record.id, p);
            return Result::success();
        }));
    return report;
}

BulkActions::Report BulkActions::whistle(CaseStore *store, const User &user, const QStringList &caseIds,
                                         const QString &leadDepartment, const QStringList &assisting)
{
    Report report;
    const EventBuilder builder(user, store->deviceId());
    for (const QString &id : caseIds)
        report.outcomes.append(actOn(store, id, [&](const CaseRecord &record, CaseEvent *event) {
            QString lead = leadDepartment;
            QStringList assist;
            if (record.leadAssignment()) {
                // The case has its lead already: summon the others as assisting, skipping ones already there.
                lead.clear();
                for (const QString &d : QStringList{leadDepartment} + assisting) {
                    const DepartmentAssignment *a = record.assignment(d);
                    if (!d.isEmpty() && !(a && a->isActive()) && !assist.contains(d))
                        assist.append(d);
                }
                if (assist.isEmpty())
                    return Result::failure(QStringLiteral("invalid_state"),
                                           tr("These departments are already summoned to this case."));
            } else {
                for (const QString &d : assisting)
                    if (d != lead && !assist.contains(d))
                        assist.append(d);
            }
            *event = builder.whistle(record, lead, assist);
            return Result::success();
        }));
    return report;
}

void BulkActions::showReport(QWidget *parent, const QString &title, const Report &report)
{
    QMessageBox box(report.refused() > 0 ? QMessageBox::Warning : QMessageBox::Information, title,
                    tr("%1 of %n case(s) done, %2 refused.", nullptr, int(report.outcomes.size()))
                        .arg(report.succeeded()).arg(report.refused()),
                    QMessageBox::Ok, parent);
    box.setObjectName(QStringLiteral("bulkReportBox"));
    if (report.refused() > 0)
        box.setDetailedText(report.summary());
    box.exec();
}

BulkActions::Report BulkActions::reviewWithDialog(QWidget *parent, CaseStore *store, const User &user,
                                                  const QStringList &caseIds)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("bulkReviewDialog"));
    dialog.setWindowTitle(tr("Review %n case(s)", nullptr, int(caseIds.size())));
    auto *layout = new QVBoxLayout(&dialog);
    auto *form = new QFormLayout;
    auto *choices = new QWidget(&dialog);
    auto *h = new QHBoxLayout(choices);
    h->setContentsMargins(0, 0, 0, 0);
    auto *group = new QButtonGroup(&dialog);
    const QList<QPair<QString, QString>> options{{QStringLiteral("approve"), tr("Approve")},
                                                 {QStringLiteral("return"), tr("Return for analysis")},
                                                 {QStringLiteral("reject"), tr("Reject")}};
    for (const auto &o : options) {
        auto *b = new QRadioButton(o.second, choices);
        b->setObjectName(QStringLiteral("choice_") + o.first);
        b->setProperty("value", o.first);
        b->setChecked(o.first == QLatin1String("approve"));
        group->addButton(b);
        h->addWidget(b);
    }
    form->addRow(tr("Decision"), choices);
    auto *reason = new PhraseCombo(store, QStringLiteral("review_reason"), &dialog);
    reason->setObjectName(QStringLiteral("textField"));
    reason->setPlaceholderText(tr("Required when returning or rejecting; the same reason for every case"));
    form->addRow(tr("Reason"), reason);
    auto *error = FormValidation::makeErrorLabel(reason, &dialog);
    form->addRow(QString(), error);
    layout->addWidget(new QLabel(tr("Each case is checked on its own; cases that cannot be reviewed now are "
                                    "listed afterwards with the reason."), &dialog));
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        const QString decision = group->checkedButton()->property("value").toString();
        QString problem = FormValidation::optionalText(reason->text().trimmed(), tr("Reason"), Workflow::MaxReason);
        if (problem.isEmpty() && decision != QLatin1String("approve") && reason->text().trimmed().isEmpty())
            problem = tr("Give the reason for returning or rejecting.");
        FormValidation::showError(error, problem);
        if (problem.isEmpty())
            dialog.accept();
    });
    dialog.resize(560, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return {};
    const Report report = review(store, user, caseIds, group->checkedButton()->property("value").toString(),
                                 reason->text());
    showReport(parent, tr("Bulk review"), report);
    return report;
}

BulkActions::Report BulkActions::whistleWithDialog(QWidget *parent, CaseStore *store, const User &user,
                                                   const QStringList &caseIds)
{
    const QList<OrgUnit> departments = OrgDirectory::builtin().unitsOfKind(OrgUnit::Kind::Department);
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("bulkWhistleDialog"));
    dialog.setWindowTitle(tr("Whistle %n case(s) to the same departments", nullptr, int(caseIds.size())));
    auto *layout = new QVBoxLayout(&dialog);
    auto *form = new QFormLayout;
    auto *lead = new QComboBox(&dialog);
    lead->setObjectName(QStringLiteral("leadCombo"));
    auto *assist = new QListWidget(&dialog);
    assist->setObjectName(QStringLiteral("assistList"));
    for (const OrgUnit &d : departments) {
        if (!d.active)
            continue;
        lead->addItem(d.name, d.id);
        auto *item = new QListWidgetItem(d.name, assist);
        item->setData(Qt::UserRole, d.id);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    form->addRow(tr("Lead department (主办)"), lead);
    form->addRow(tr("Assisting (协办)"), assist);
    layout->addWidget(new QLabel(tr("Deadlines follow each case's category and urgency. Each case is checked on "
                                    "its own; refused cases are listed afterwards with the reason."), &dialog));
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    QStringList assisting;
    for (int i = 0; i < assist->count(); ++i)
        if (assist->item(i)->checkState() == Qt::Checked)
            assisting.append(assist->item(i)->data(Qt::UserRole).toString());
    const Report report = whistle(store, user, caseIds, lead->currentData().toString(), assisting);
    showReport(parent, tr("Bulk whistle"), report);
    return report;
}

} // namespace gw

#pragma once
#include "caseactiondialog.h"  // activeDialog() hands out a QPointer to it, which needs the whole type
#include "caserecord.h"
#include "eventtype.h"
#include "user.h"
#include "workflow.h"
#include <QPointer>
#include <QWidget>

class QAction;
class QGridLayout;
class QGroupBox;
class QHBoxLayout;
class QLabel;
class QPrintPreviewDialog;
class QPushButton;
class QSplitter;
class QTableWidget;

namespace gw {

class AttachmentList;
class AttachmentTransfer;
class CaseStore;
class CaseTimelineWidget;
class CityExchangeClient;
class CityStateWidget;

// One case in full: its fields, each summoned department's progress and deadlines, who returned or rejected
// it and why, the verified audit timeline, and buttons for exactly the actions gw::Workflow offers this
// user now. Each button opens the action's form; the widget refreshes when the store changes.
class CaseDetailWidget : public QWidget
{
    Q_OBJECT
public:
    CaseDetailWidget(CaseStore *store, const User &user, QWidget *parent = nullptr);

    void showCase(const QString &caseId);
    QString caseId() const { return m_caseId; }
    void refresh();

    // The actions whose buttons are shown now, in display order.
    QList<EventType> shownActions() const { return m_shownActions; }
    QPushButton *actionButton(EventType type) const;
    // Opens the form for `type` (as a click on its button does) and returns it; null when not offered.
    CaseActionDialog *openAction(EventType type);
    CaseActionDialog *activeDialog() const { return m_dialog; }
    CaseTimelineWidget *timeline() const { return m_timeline; }
    // Shows the case's city exchange state (a "City platform" box) through this client; null: no box.
    void setCityClient(CityExchangeClient *client);
    CityStateWidget *cityStateWidget() const { return m_cityState; }
    // The case's files are listed with Open (AttachmentList in case view); files not on this computer yet are
    // downloaded through `transfer` (null, the default: local files only).
    void setAttachmentTransfer(AttachmentTransfer *transfer);
    AttachmentList *attachmentFiles() const { return m_files; }
    QTableWidget *departmentsTable() const { return m_departments; }
    // "Print case…" (Ctrl+P): the case sheet (哨件单) in a print preview; enabled while a case is shown.
    QAction *printAction() const { return m_printAction; }
    QPrintPreviewDialog *printCase();
    // For screenshots and tests: the "now" deadlines are compared with (default: the current time).
    void setNowOverride(const QDateTime &now) { m_nowOverride = now; }

Q_SIGNALS:
    void caseChanged(const QString &caseId);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void build();
    void fitSplitter();
    void fillFields(const CaseRecord &r);
    void fillDepartments(const CaseRecord &r);
    void fillDecisions(const QList<CaseEvent> &events);
    void fillActions(const CaseRecord &r);
    void showPlaceholder(const QString &text);
    void retranslatePrint();
    QDateTime now() const;
    QLabel *valueLabel(const QString &objectName);

    CaseStore *m_store;
    User m_user;
    Workflow m_workflow;
    QString m_caseId;
    QDateTime m_nowOverride;
    QList<EventType> m_shownActions;
    QPointer<CaseActionDialog> m_dialog;

    QWidget *m_content = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_badges = nullptr;
    QAction *m_printAction = nullptr;
    QWidget *m_actionBar = nullptr;
    QHBoxLayout *m_actionLayout = nullptr;
    QLabel *m_decisions = nullptr;
    QGridLayout *m_fields = nullptr;
    QHash<QString, QLabel *> m_values;
    QTableWidget *m_departments = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_upper = nullptr;
    bool m_fitSplitterPending = false;
    CaseTimelineWidget *m_timeline = nullptr;
    CityStateWidget *m_cityState = nullptr;
    AttachmentList *m_files = nullptr;
    QGroupBox *m_filesBox = nullptr;
    AttachmentTransfer *m_attachmentTransfer = nullptr;
};

} // namespace gw

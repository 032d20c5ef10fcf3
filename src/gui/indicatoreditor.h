#pragma once
#include "indicatorschedule.h"
#include "indicatorset.h"
#include "protocol/referenceset.h"
#include <QDialog>

class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace gw {

class CaseStore;
class ReferenceAdminClient;
class SyncEngine;

// 考核指标 (issue 16): the district's indicator set in force in a month, and the editor an assessment administrator
// changes it with. The set is JSON; every change is validated as it is typed — problems listed with their place, a
// table of the weights per unit kind — and saved on the district server as the set taking effect in the chosen month
// (IndicatorSchedule), from where every computer's dashboard uses it after its next sync. Offline, and for accounts
// without the assessment administrator grant, the set is shown read-only with the reason.
class IndicatorEditor : public QDialog
{
    Q_OBJECT
public:
    IndicatorEditor(SyncEngine *sync, CaseStore *store, QWidget *parent = nullptr);

    // Shows the set in force in that month, to be saved as taking effect from it.
    void showMonth(int year, int month);
    QString effectiveMonth() const;  // "yyyy-MM"
    void setText(const QString &json);
    QString text() const;
    QStringList errors() const { return m_errors; }
    bool isValid() const { return m_errors.isEmpty(); }
    bool isReadOnly() const { return m_readOnly; }
    QString statusText() const;
    QPushButton *saveButton() const { return m_save; }

public Q_SLOTS:
    void restoreDefault();
    // Sends the set to the district server (the answer arrives as saved() or in the status line).
    void save();

Q_SIGNALS:
    void saved(const QString &month);

private Q_SLOTS:
    void validate();

private:
    void showServerStatus(const QString &message, bool problem);
    void updateSaveEnabled();
    void updateInForce(int year, int month);

    SyncEngine *m_sync;
    CaseStore *m_store;
    ReferenceAdminClient *m_client;
    bool m_readOnly = false;
    QStringList m_errors;
    QString m_shownText;  // the set as shown for the month, to tell whether it was edited
    IndicatorSchedule m_shownSchedule;  // the district's sets when m_shownText was shown: what a change is made from
    QDateEdit *m_month = nullptr;
    QLabel *m_inForce = nullptr;
    QLabel *m_serverStatus = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QListWidget *m_problems = nullptr;
    QTableWidget *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace gw

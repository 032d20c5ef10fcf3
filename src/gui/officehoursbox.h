#pragma once
#include "workcalendar.h"
#include <QGroupBox>

class QLabel;
class QPushButton;
class QTimeEdit;

namespace gw {

class CaseStore;
class ReferenceAdminClient;
class SyncEngine;

// 办公时间 in the work calendar console (issue 16): the district's office hours, morning and afternoon, which every step
// clock counts working hours in (WorkCalendar::addWorkingHours). Saved on the district server as the calendar's next
// version; every client uses them after its next sync.
class OfficeHoursBox : public QGroupBox
{
    Q_OBJECT
public:
    OfficeHoursBox(SyncEngine *sync, CaseStore *store, QWidget *parent = nullptr);

    WorkCalendar::WorkingDay edited() const;
    void setEdited(const WorkCalendar::WorkingDay &day);
    void setReadOnly(bool readOnly);
    QPushButton *saveButton() const { return m_save; }
    QString summary() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void saved(int version);
    void failed(const QString &message);

private:
    void updateSummary();
    void showServed();  // the hours as installed from the server, the piece the next change is made from

    WorkCalendar::WorkingDay m_served;

    ReferenceAdminClient *m_client;
    QTimeEdit *m_start, *m_lunchStart, *m_lunchEnd, *m_end;
    QLabel *m_summary;
    QPushButton *m_save;
    bool m_readOnly = false;
};

} // namespace gw

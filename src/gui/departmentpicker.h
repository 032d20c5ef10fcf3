#pragma once
#include "caserecord.h"
#include <QJsonArray>
#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QRadioButton;
class QTableWidget;

namespace gw {

// Picks the departments to summon (吹哨): one lead (主办) and any assisting ones (协办), each with its
// check-in and handling deadline, pre-filled from the category rules (EventBuilder::summons) and editable.
// Departments already active on the case are shown but cannot be picked again.
class DepartmentPicker : public QWidget
{
    Q_OBJECT
public:
    DepartmentPicker(const CaseRecord &record, const QDateTime &now, QWidget *parent = nullptr);

    void setLead(const QString &departmentId);
    void setAssisting(const QString &departmentId, bool on);
    QString lead() const;
    QStringList assisting() const;
    bool needsLead() const { return m_needsLead; }
    // The "departments" array of a case.whistled payload, lead first, deadlines as edited.
    QJsonArray departmentsPayload() const;
    // Sets the deadlines of one department (used by tests and for "same as lead").
    void setDeadlines(const QString &departmentId, const QDateTime &checkInDue, const QDateTime &handleDue);
    QTableWidget *table() const { return m_table; }
    // Shown while a picked deadline falls in a year the work calendar does not know, or is later than the category
    // rule (then the whistle needs a reason) (issue 16); empty otherwise.
    QString calendarNote() const;

Q_SIGNALS:
    void selectionChanged();

private:
    struct Row {
        QString departmentId;
        QRadioButton *lead = nullptr;
        QCheckBox *assist = nullptr;
        QDateTimeEdit *checkInDue = nullptr;
        QDateTimeEdit *handleDue = nullptr;
        bool prefilled = false;
    };
    void refreshRow(Row &row);
    void updateCalendarNote();
    const Row *rowOf(const QString &departmentId) const;

    CaseRecord m_record;
    QDateTime m_now;
    bool m_needsLead;
    QList<Row> m_rows;
    QTableWidget *m_table;
    QButtonGroup *m_leadGroup;
    QLabel *m_calendarNote;
};

} // namespace gw

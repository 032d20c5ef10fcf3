#pragma once
#include "accesspolicy.h"
#include "casefilter.h"
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QToolButton;

namespace gw {

// The row of filters above the case list. Choices apply at once; typing in the search field applies
// after a short pause so a million-case store is not queried on every keystroke.
class CaseFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit CaseFilterBar(QWidget *parent = nullptr);

    // Hides choices that cannot narrow what this user sees (a street operator sees one street only).
    void setScope(const AccessPolicy::Scope &scope);
    // The choices as a filter (scope and sort are left to the caller).
    CaseFilter filter() const;
    void clear();
    QLineEdit *searchField() const { return m_search; }
    int searchDelayMs() const { return m_searchDelay.interval(); }

Q_SIGNALS:
    void filterChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void fillChoices();
    void emitChanged();
    void updateDateRange();

    QComboBox *m_status;
    QComboBox *m_street;
    QComboBox *m_department;
    QComboBox *m_category;
    QComboBox *m_urgency;
    QCheckBox *m_overdue;
    QCheckBox *m_dateRange;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_toLabel;
    QLineEdit *m_search;
    QToolButton *m_clear;
    QTimer m_searchDelay;
    bool m_updating = false;
};

} // namespace gw

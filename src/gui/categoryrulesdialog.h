#pragma once
#include "categorycatalog.h"
#include "protocol/referenceset.h"
#include <QDialog>
#include <QMap>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace gw {

class CaseStore;
class ReferenceAdminClient;
class SyncEngine;

// 分类与时限 (issue 16), for administrators: the district's case categories with their rule table — one row per
// urgency (一般, 紧急, 特急), one column per clock: the departments' check-in and handling deadlines and the working
// hours the center and the street may keep a case at each step. Saved on the district server, which checks it with
// the same rule (Category::fromJson), records the changed cells in the administrative log and hands the new rules to
// every client at its next sync. Offline the rules are shown read-only with the reason.
class CategoryRulesDialog : public QDialog
{
    Q_OBJECT
public:
    CategoryRulesDialog(SyncEngine *sync, CaseStore *store, QWidget *parent = nullptr);

    // For tests and the screenshot.
    QString statusText() const;
    QString fieldError() const;
    QTableWidget *ruleTable() const { return m_rules; }
    QLineEdit *nameEdit() const { return m_name; }
    QPushButton *saveButton() const { return m_save; }
    bool isReadOnly() const { return m_readOnly; }
    QString shownCategory() const { return m_categoryId; }
    // The category in the form as it stands (not yet saved).
    Category editedCategory() const;
    // One deadline cell (column "checkIn" or "handle") or hours cell, as a person would set it.
    void setDeadline(Urgency urgency, const QString &column, const DeadlineSpec &spec);
    void setHours(Urgency urgency, const QString &column, int hours);

public Q_SLOTS:
    void showCategory(const QString &categoryId);
    void save();

Q_SIGNALS:
    void saved(const QString &categoryId);

private:
    struct Cell {
        QSpinBox *amount = nullptr;
        QComboBox *unit = nullptr;  // deadlines only: 工作日 / 小时
    };
    void fillList();
    void fillForm(const Category &category);
    void keepEdits();
    void markFieldError(const QString &field, const QString &message);
    void clearFieldErrors();
    void showStatus(const QString &message, bool problem);
    void showRulesState();
    void setReadOnly(bool readOnly, const QString &reason);
    Cell cellAt(Urgency urgency, const QString &column) const;

    SyncEngine *m_sync;
    CaseStore *m_store;
    ReferenceAdminClient *m_client;
    QMap<QString, Category> m_served;  // as the server last gave them, by id
    QMap<QString, Category> m_edited;  // as edited here
    QStringList m_order;               // the catalog's order
    QString m_categoryId;
    Category m_saving;  // what was sent, until the server answers
    bool m_readOnly = false;
    QListWidget *m_list;
    QLabel *m_title;
    QLineEdit *m_name;
    QTableWidget *m_rules;
    QMap<QString, Cell> m_cells;  // "<urgency>.<column>"
    QLabel *m_error;
    QLabel *m_hint;
    QPushButton *m_save;
    QLabel *m_status;
};

} // namespace gw

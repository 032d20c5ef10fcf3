#pragma once
#include "protocol/adminlogpage.h"
#include "user.h"
#include <QDialog>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace gw {

class AccountAdminClient;
class SyncEngine;

// 账号管理 (issue 17), for administrators: the district's accounts from the server — search, filter by role,
// create, change role and unit, disable and enable, reset a password — and the administrative log that records
// each of those changes (who changed whom, when, what), with the state of its hash chain. Works online only: the
// server is the authority on accounts; offline the console says so and offers nothing.
class AccountConsoleDialog : public QDialog
{
    Q_OBJECT
public:
    AccountConsoleDialog(SyncEngine *sync, QWidget *parent = nullptr);

    // For tests and the screenshot: what the tables hold once loaded.
    QTableView *accountTable() const { return m_table; }
    QTableWidget *logTable() const { return m_log; }
    QString statusText() const;
    QString chainText() const;
    QList<User> accounts() const { return m_users; }
    void selectAccount(const QString &userId);
    QString selectedAccountId() const;
    void showLogTab();

public Q_SLOTS:
    void reload();
    void newAccount();
    void editAccount();
    void toggleActive();
    void resetPassword();
    void loadOlderLog();

Q_SIGNALS:
    void loaded();  // accounts and the log's first page have arrived (or failed)

private:
    void retranslate();
    void showAccounts(const QList<User> &users);
    void fillTable();  // m_users through the search text and the role filter
    void showLog(const AdminLogPage &page, qint64 beforeSeq);
    void showStatus(const QString &message, bool problem);
    void updateButtons();
    std::optional<User> selectedUser() const;

    SyncEngine *m_sync;
    AccountAdminClient *m_client;
    QString m_self;
    QList<User> m_users;
    qint64 m_oldestLogSeq = 0;
    bool m_waitingAccounts = false, m_waitingLog = false;
    QTabWidget *m_tabs;
    QLineEdit *m_search;
    QComboBox *m_roleFilter;
    QStandardItemModel *m_model;
    QTableView *m_table;
    QPushButton *m_new, *m_edit, *m_toggle, *m_reset, *m_reload;
    QTableWidget *m_log;
    QLabel *m_chain;
    QPushButton *m_older;
    QLabel *m_status;
};

} // namespace gw

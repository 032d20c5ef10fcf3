#include "accountconsoledialog.h"
#include "accountadminclient.h"
#include "accountformdialog.h"
#include "accesspolicy.h"
#include "formvalidation.h"
#include "orgdirectory.h"
#include "resetpassworddialog.h"
#include "syncengine.h"
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace gw {

namespace {
enum AccountColumn { IdColumn, NameColumn, RoleColumn, UnitColumn, StateColumn, ColumnCount };
}

AccountConsoleDialog::AccountConsoleDialog(SyncEngine *sync, QWidget *parent)
    : QDialog(parent), m_sync(sync), m_client(new AccountAdminClient(sync, this)), m_self(sync->currentUser().id)
{
    setObjectName(QStringLiteral("accountConsoleDialog"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("consoleStatus"));
    m_status->setWordWrap(true);

    // --- Accounts ---
    auto *accountsPage = new QWidget(this);
    m_search = new QLineEdit(accountsPage);
    m_search->setObjectName(QStringLiteral("accountSearch"));
    m_search->setClearButtonEnabled(true);
    m_roleFilter = new QComboBox(accountsPage);
    m_roleFilter->setObjectName(QStringLiteral("roleFilter"));
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_table = new QTableView(accountsPage);
    m_table->setObjectName(QStringLiteral("accountTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(IdColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);
    auto button = [accountsPage](const char *name) {
        auto *b = new QPushButton(accountsPage);
        b->setObjectName(QLatin1String(name));
        return b;
    };
    m_new = button("newAccountButton");
    m_edit = button("editAccountButton");
    m_toggle = button("toggleActiveButton");
    m_reset = button("resetPasswordButton");
    m_reload = button("reloadButton");
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 3);
    filters->addWidget(m_roleFilter, 1);
    auto *actions = new QHBoxLayout;
    for (QPushButton *b : {m_new, m_edit, m_toggle, m_reset})
        actions->addWidget(b);
    actions->addStretch(1);
    actions->addWidget(m_reload);
    auto *accountsLayout = new QVBoxLayout(accountsPage);
    accountsLayout->addLayout(filters);
    accountsLayout->addWidget(m_table, 1);
    accountsLayout->addLayout(actions);

    // --- Administrative log ---
    auto *logPage = new QWidget(this);
    m_chain = new QLabel(logPage);
    m_chain->setObjectName(QStringLiteral("chainState"));
    m_chain->setWordWrap(true);
    m_log = new QTableWidget(0, 6, logPage);
    m_log->setObjectName(QStringLiteral("adminLogTable"));
    m_log->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_log->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_log->verticalHeader()->hide();
    m_log->horizontalHeader()->setStretchLastSection(true);
    m_log->setWordWrap(true);
    m_older = new QPushButton(logPage);
    m_older->setObjectName(QStringLiteral("olderLogButton"));
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->addWidget(m_chain);
    logLayout->addWidget(m_log, 1);
    logLayout->addWidget(m_older, 0, Qt::AlignLeft);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(accountsPage, QString());
    m_tabs->addTab(logPage, QString());
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(close);

    connect(m_search, &QLineEdit::textChanged, this, &AccountConsoleDialog::fillTable);
    connect(m_roleFilter, &QComboBox::currentIndexChanged, this, &AccountConsoleDialog::fillTable);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AccountConsoleDialog::updateButtons);
    connect(m_table, &QTableView::doubleClicked, this, &AccountConsoleDialog::editAccount);
    connect(m_new, &QPushButton::clicked, this, &AccountConsoleDialog::newAccount);
    connect(m_edit, &QPushButton::clicked, this, &AccountConsoleDialog::editAccount);
    connect(m_toggle, &QPushButton::clicked, this, &AccountConsoleDialog::toggleActive);
    connect(m_reset, &QPushButton::clicked, this, &AccountConsoleDialog::resetPassword);
    connect(m_reload, &QPushButton::clicked, this, &AccountConsoleDialog::reload);
    connect(m_older, &QPushButton::clicked, this, &AccountConsoleDialog::loadOlderLog);
    connect(m_client, &AccountAdminClient::accountsListed, this, &AccountConsoleDialog::showAccounts);
    connect(m_client, &AccountAdminClient::logLoaded, this, &AccountConsoleDialog::showLog);
    connect(m_client, &AccountAdminClient::accountSaved, this, [this](AccountAdminClient::Operation, const User &user) {
        showStatus(tr("Saved account %1 (%2).").arg(user.id, user.name), false);
        reload();
    });
    connect(m_client, &AccountAdminClient::failed, this,
            [this](AccountAdminClient::Operation operation, const QString &message, const QString &) {
                // The forms show their own refusals; the console shows what it asked for itself.
                if (operation == AccountAdminClient::Operation::List) {
                    m_waitingAccounts = false;
                    showStatus(tr("The accounts could not be loaded: %1").arg(message), true);
                } else if (operation == AccountAdminClient::Operation::Log) {
                    m_waitingLog = false;
                    showStatus(tr("The administrative log could not be loaded: %1").arg(message), true);
                } else if (operation == AccountAdminClient::Operation::Update && !findChild<AccountFormDialog *>()) {
                    showStatus(message, true);
                }
                if (!m_waitingAccounts && !m_waitingLog)
                    Q_EMIT loaded();
            });

    retranslate();
    updateButtons();
    resize(960, 620);
    reload();
}

void AccountConsoleDialog::retranslate()
{
    setWindowTitle(tr("Accounts"));
    m_tabs->setTabText(0, tr("Accounts"));
    m_tabs->setTabText(1, tr("Administrative log"));
    m_search->setPlaceholderText(tr("Search login id, name or unit"));
    m_roleFilter->clear();
    m_roleFilter->addItem(tr("All roles"), QString());
    for (Role r : allRoles())
        m_roleFilter->addItem(roleDisplayName(r).text(), roleToString(r));
    m_model->setHorizontalHeaderLabels({tr("Login id"), tr("Name"), tr("Role"), tr("Unit"), tr("State")});
    m_log->setHorizontalHeaderLabels({tr("No."), tr("Time"), tr("By"), tr("Action"), tr("Subject"), tr("What changed")});
    m_new->setText(tr("New account…"));
    m_edit->setText(tr("Change…"));
    m_reset->setText(tr("Reset password…"));
    m_reload->setText(tr("Reload"));
    m_older->setText(tr("Load older entries"));
}

void AccountConsoleDialog::showStatus(const QString &message, bool problem)
{
    FormValidation::showStatus(m_status, message, problem);
}

QString AccountConsoleDialog::statusText() const { return m_status->text(); }
QString AccountConsoleDialog::chainText() const { return m_chain->text(); }

void AccountConsoleDialog::reload()
{
    if (!m_sync->isLoggedIn() || !AccessPolicy::canManageAccounts(m_sync->currentUser())) {
        // Accounts live on the server only: nothing to show, and nothing to change, without it.
        showStatus(m_sync->isLoggedIn() ? tr("Only administrators manage accounts.")
                                        : tr("Working offline: accounts are managed on the district server. Sign in "
                                             "online to see and change them."),
                   true);
        for (QWidget *w : std::initializer_list<QWidget *>{m_new, m_edit, m_toggle, m_reset, m_older, m_search, m_roleFilter})
            w->setEnabled(false);
        Q_EMIT loaded();
        return;
    }
    m_waitingAccounts = m_waitingLog = true;
    m_client->listAccounts();
    m_client->loadLog();
}

void AccountConsoleDialog::showAccounts(const QList<User> &users)
{
    m_users = users;
    m_waitingAccounts = false;
    fillTable();
    if (m_status->text().isEmpty() || m_status->styleSheet().isEmpty())
        showStatus(tr("%n account(s) on the district server.", nullptr, int(users.size())), false);
    if (!m_waitingLog)
        Q_EMIT loaded();
}

void AccountConsoleDialog::fillTable()
{
    const QString selected = selectedAccountId();
    const QString needle = m_search->text().trimmed();
    const QString role = m_roleFilter->currentData().toString();
    const OrgDirectory &org = OrgDirectory::builtin();
    m_table->setSortingEnabled(false);
    m_model->removeRows(0, m_model->rowCount());
    for (const User &u : std::as_const(m_users)) {
        const QString unit = org.nameOf(u.orgUnitId);
        if (!role.isEmpty() && roleToString(u.role) != role)
            continue;
        if (!needle.isEmpty() && !u.id.contains(needle, Qt::CaseInsensitive) && !u.name.contains(needle, Qt::CaseInsensitive)
            && !unit.contains(needle, Qt::CaseInsensitive))
            continue;
        QString state = u.active ? tr("Enabled") : tr("Disabled");
        if (u.mustChangePassword)
            state = tr("%1, must set a new password").arg(state);
        QList<QStandardItem *> row;
        for (const QString &text : {u.id, u.name, roleDisplayName(u.role).text(), unit, state})
            row.append(new QStandardItem(text));
        row[IdColumn]->setData(u.id, Qt::UserRole);
        if (!u.active)
            for (QStandardItem *item : row)
                item->setForeground(QColor(0x80, 0x80, 0x80));
        m_model->appendRow(row);
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
    if (!selected.isEmpty())
        selectAccount(selected);
    updateButtons();
}

void AccountConsoleDialog::selectAccount(const QString &userId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->item(row, IdColumn)->data(Qt::UserRole).toString() == userId) {
            m_table->selectRow(row);
            return;
        }
    }
    m_table->clearSelection();
}

QString AccountConsoleDialog::selectedAccountId() const
{
    const QModelIndexList rows = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QString() : m_model->item(rows.first().row(), IdColumn)->data(Qt::UserRole).toString();
}

std::optional<User> AccountConsoleDialog::selectedUser() const
{
    const QString id = selectedAccountId();
    for (const User &u : m_users)
        if (u.id == id)
            return u;
    return std::nullopt;
}

void AccountConsoleDialog::updateButtons()
{
    const bool online = m_sync->isLoggedIn() && AccessPolicy::canManageAccounts(m_sync->currentUser());
    const std::optional<User> u = selectedUser();
    m_new->setEnabled(online);
    m_edit->setEnabled(online && u);
    m_reset->setEnabled(online && u);
    m_toggle->setText(u && !u->active ? tr("Enable") : tr("Disable"));
    m_toggle->setEnabled(online && u && u->id != m_self);
    m_toggle->setToolTip(u && u->id == m_self ? tr("You cannot disable your own account.") : QString());
}

void AccountConsoleDialog::newAccount()
{
    AccountFormDialog form(m_client, User(), m_self, this);
    form.exec();
}

void AccountConsoleDialog::editAccount()
{
    const std::optional<User> u = selectedUser();
    if (!u)
        return;
    AccountFormDialog form(m_client, *u, m_self, this);
    form.exec();
}

void AccountConsoleDialog::toggleActive()
{
    std::optional<User> u = selectedUser();
    if (!u || u->id == m_self)
        return;
    if (u->active) {
        const auto answer = QMessageBox::question(
            this, tr("Disable account"),
            tr("Disable %1 (%2)? Their sessions end at once and they cannot sign in, online or offline, until the "
               "account is enabled again. Their unsent work stays on their computer.").arg(u->id, u->name));
        if (answer != QMessageBox::Yes)
            return;
    }
    u->active = !u->active;
    m_client->updateAccount(*u);
}

void AccountConsoleDialog::resetPassword()
{
    const std::optional<User> u = selectedUser();
    if (!u)
        return;
    ResetPasswordDialog dialog(m_client, u->id, u->name, this);
    dialog.exec();
}

void AccountConsoleDialog::showLogTab() { m_tabs->setCurrentIndex(1); }

void AccountConsoleDialog::loadOlderLog()
{
    if (m_oldestLogSeq > 1)
        m_client->loadLog(m_oldestLogSeq);
}

void AccountConsoleDialog::showLog(const AdminLogPage &page, qint64 beforeSeq)
{
    m_waitingLog = false;
    if (beforeSeq == 0)
        m_log->setRowCount(0);
    for (const AdminLogEntry &e : page.entries) {
        const int row = m_log->rowCount();
        m_log->insertRow(row);
        const QStringList cells{QString::number(e.seq), FormValidation::displayTime(e.at), e.actor,
                                AdminLogEntry::actionDisplayName(e.action).text(), e.subject, e.summary().text()};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (e.seq == page.brokenSeq)
                item->setBackground(QColor(0xff, 0xcd, 0xd2));  // where the chain first breaks
            m_log->setItem(row, c, item);
        }
        m_oldestLogSeq = e.seq;
    }
    m_log->resizeColumnsToContents();
    m_log->resizeRowsToContents();
    m_older->setVisible(page.hasMore);
    if (page.chainOk) {
        m_chain->setText(tr("The administrative log is intact: %n entry(s), each linked to the one before.", nullptr,
                            int(page.total)));
        m_chain->setStyleSheet(QStringLiteral("color: #1b5e20;"));
    } else {
        m_chain->setText(tr("The administrative log has been tampered with: %1").arg(page.chainMessage.text()));
        m_chain->setStyleSheet(QStringLiteral("color: #b71c1c; font-weight: bold;"));
    }
    if (!m_waitingAccounts)
        Q_EMIT loaded();
}

} // namespace gw

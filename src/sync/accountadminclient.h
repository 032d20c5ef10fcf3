#pragma once
#include "apireply.h"
#include "protocol/adminlogpage.h"
#include "user.h"
#include <QList>
#include <QObject>
#include <QPointer>

namespace gw {

class SyncEngine;

// The account console's connection to the district server (docs/sync-protocol.md, "Administration"): the accounts
// (GET/POST /api/v1/users, PUT /api/v1/users/<id>) and the administrative log (GET /api/v1/admin/log). Every call
// goes through SyncEngine::request(); answers arrive as signals. A refusal keeps the server's sentence (in the UI
// language) and the field it is about, so the form marks that field and keeps what was typed.
class AccountAdminClient : public QObject
{
    Q_OBJECT
public:
    enum class Operation { List, Create, Update, ResetPassword, Log };
    Q_ENUM(Operation)

    explicit AccountAdminClient(SyncEngine *sync, QObject *parent = nullptr);

    void listAccounts();
    // `user.mustChangePassword`: the person sets their own password at their first sign-in.
    void createAccount(const User &user, const QString &password);
    // Name, role, unit and whether the account is active, as in `user`.
    void updateAccount(const User &user);
    void resetPassword(const QString &userId, const QString &password, bool mustChange);
    // Newest first; `beforeSeq` 0 for the newest page, else the seq of the oldest entry already shown.
    void loadLog(qint64 beforeSeq = 0);

    bool isBusy() const { return m_pending > 0; }

Q_SIGNALS:
    void accountsListed(const QList<gw::User> &users);
    void accountSaved(gw::AccountAdminClient::Operation operation, const gw::User &user);
    void logLoaded(const gw::AdminLogPage &page, qint64 beforeSeq);
    // `field`: "id", "name", "role", "orgUnit" or "password" when the server named the input at fault.
    void failed(gw::AccountAdminClient::Operation operation, const QString &message, const QString &field);
    void busyChanged(bool busy);

private:
    void send(Operation operation, const QByteArray &method, const QString &path, const QJsonObject &body,
              const std::function<void(const ApiReply &)> &onSuccess);
    void userAnswer(Operation operation, const ApiReply &reply);

    QPointer<SyncEngine> m_sync;
    int m_pending = 0;
};

} // namespace gw

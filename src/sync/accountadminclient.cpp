#include "accountadminclient.h"
#include "syncengine.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace gw {

namespace {
const QString UsersPath = QStringLiteral("/api/v1/users");
const QByteArray JsonType = QByteArrayLiteral("application/json");
}

AccountAdminClient::AccountAdminClient(SyncEngine *sync, QObject *parent) : QObject(parent), m_sync(sync)
{
    qRegisterMetaType<QList<gw::User>>();
    qRegisterMetaType<gw::User>();
    qRegisterMetaType<gw::AdminLogPage>();
}

void AccountAdminClient::send(Operation operation, const QByteArray &method, const QString &path,
                              const QJsonObject &body, const std::function<void(const ApiReply &)> &onSuccess)
{
    if (!m_sync) {
        Q_EMIT failed(operation, tr("This client has no connection to a district server."), {});
        return;
    }
    if (++m_pending == 1)
        Q_EMIT busyChanged(true);
    const QByteArray bytes = body.isEmpty() && method == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QUrlQuery query;
    QString target = path;
    const qsizetype q = path.indexOf(u'?');
    if (q >= 0) {
        query = QUrlQuery(path.mid(q + 1));
        target = path.left(q);
    }
    m_sync->request(method, target, query, bytes, bytes.isEmpty() ? QByteArray() : JsonType, this,
                    [this, operation, onSuccess](const ApiReply &reply) {
                        if (--m_pending == 0)
                            Q_EMIT busyChanged(false);
                        if (!reply.ok()) {
                            Q_EMIT failed(operation, reply.error, reply.json.value(QStringLiteral("field")).toString());
                            return;
                        }
                        onSuccess(reply);
                    });
}

void AccountAdminClient::listAccounts()
{
    send(Operation::List, "GET", UsersPath, {}, [this](const ApiReply &reply) {
        QList<User> users;
        const QJsonArray list = reply.json.value(QStringLiteral("users")).toArray();
        for (const QJsonValue &v : list) {
            User u;
            Message why;
            if (!v.isObject() || !User::fromJson(v.toObject(), &u, &why)) {
                Q_EMIT failed(Operation::List, tr("The district server's list of accounts cannot be read: %1")
                                                   .arg(why.isEmpty() ? tr("an entry is not a JSON object.") : why.text()),
                              {});
                return;
            }
            users.append(u);
        }
        Q_EMIT accountsListed(users);
    });
}

void AccountAdminClient::userAnswer(Operation operation, const ApiReply &reply)
{
    User u;
    Message why;
    if (!User::fromJson(reply.json.value(QStringLiteral("user")).toObject(), &u, &why)) {
        Q_EMIT failed(operation, tr("The district server's answer cannot be read: %1").arg(why.text()), {});
        return;
    }
    Q_EMIT accountSaved(operation, u);
}

void AccountAdminClient::createAccount(const User &user, const QString &password)
{
    QJsonObject body = user.toJson();
    body.insert(QStringLiteral("password"), password);
    body.insert(QStringLiteral("mustChangePassword"), user.mustChangePassword);
    send(Operation::Create, "POST", UsersPath, body,
         [this](const ApiReply &reply) { userAnswer(Operation::Create, reply); });
}

void AccountAdminClient::updateAccount(const User &user)
{
    const QJsonObject body{{QStringLiteral("name"), user.name},
                           {QStringLiteral("role"), roleToString(user.role)},
                           {QStringLiteral("orgUnit"), user.orgUnitId},
                           {QStringLiteral("active"), user.active},
                           {QStringLiteral("grants"), QJsonArray::fromStringList(user.grants)}};
    send(Operation::Update, "PUT", UsersPath + u'/' + user.id, body,
         [this](const ApiReply &reply) { userAnswer(Operation::Update, reply); });
}

void AccountAdminClient::resetPassword(const QString &userId, const QString &password, bool mustChange)
{
    const QJsonObject body{{QStringLiteral("password"), password}, {QStringLiteral("mustChangePassword"), mustChange}};
    send(Operation::ResetPassword, "PUT", UsersPath + u'/' + userId, body,
         [this](const ApiReply &reply) { userAnswer(Operation::ResetPassword, reply); });
}

void AccountAdminClient::loadLog(qint64 beforeSeq)
{
    QString path = QStringLiteral("/api/v1/admin/log?limit=200");
    if (beforeSeq > 0)
        path += QStringLiteral("&before=%1").arg(beforeSeq);
    send(Operation::Log, "GET", path, {}, [this, beforeSeq](const ApiReply &reply) {
        AdminLogPage page;
        Message why;
        if (!AdminLogPage::fromJson(reply.json, &page, &why)) {
            Q_EMIT failed(Operation::Log, tr("The district server's administrative log cannot be read: %1").arg(why.text()), {});
            return;
        }
        Q_EMIT logLoaded(page, beforeSeq);
    });
}

} // namespace gw

// Issue 17: on a shared desktop every event reaches the server as its own author's. One client store and one
// sync engine play the shared PC; people sign in and out on it in every order (A offline then B online, A online
// then B offline, alternating with server restarts), and the actor of every event on the server is checked.
// Real gridwhistle-server over HTTPS on 127.0.0.1; SQLite, or PostgreSQL with GW_TEST_BACKEND=postgresql.
#include "apiclient.h"
#include "casedraft.h"
#include "casestore.h"
#include "../support/enginewaits.h"
#include "eventbuilder.h"
#include "offlinecredentials.h"
#include "sessionvault.h"
#include "pushrules.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "syncjournal.h"
#include "testpki.h"
#include "testpostgres.h"
#include <QDirIterator>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gw::test;

namespace {

const User kStreet = User::make(QStringLiteral("tuodong"), Role::StreetOperator, QStringLiteral("street.tuodong"));
const User kDispatcher = User::make(QStringLiteral("dispatcher"), Role::CenterDispatcher, QStringLiteral("center.district"));

CaseEvent newCase(const User &actor, const QString &deviceId, const QString &title)
{
    CaseDraft d;
    d.title = title;
    d.description = QStringLiteral("窨井盖破损，夜间无警示");
    d.categoryId = QStringLiteral("city_appearance");
    d.streetId = QStringLiteral("street.tuodong");
    d.address = QStringLiteral("拓东路 12 号");
    return EventBuilder(actor, deviceId).registerCase(d);
}

CaseEvent comment(const User &actor, const QString &deviceId, const QString &caseId, const QString &text)
{
    return EventBuilder(actor, deviceId).make(EventType::Commented, caseId, {{"text", text}});
}

} // namespace

class TstIdentity : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;
    ServerProcess m_server;
    QStringList m_serverArgs;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminPassword;
    // Every event id a test made, with the person who made it: the server must name exactly that person.
    QHash<QString, QString> m_authorOf;

    QString startServer() { return m_server.start(m_dir.filePath("server-data"), m_serverArgs); }

    // The shared desktop: one store file, one engine; people sign in on it one after another.
    struct Desktop {
        std::unique_ptr<CaseStore> store;
        std::unique_ptr<SyncEngine> engine;
    };

    bool openDesktop(Desktop &pc, const QString &file)
    {
        pc.store = std::make_unique<CaseStore>();
        if (!pc.store->open(m_dir.filePath(file)).ok)
            return false;
        pc.engine = std::make_unique<SyncEngine>(pc.store.get());
        pc.engine->setRetryPolicy(50, 100, 500);
        return pc.engine->configure(m_server.url(), m_pki.caFile).ok;
    }

    static bool signIn(Desktop &pc, const User &user)
    {
        return signInAndWait(*pc.engine, user.id, DemoPassword) && pc.engine->currentUser().id == user.id;
    }

    static std::pair<bool, QString> sync(Desktop &pc) { return syncAndWait(*pc.engine); }

    // Done on the desktop by `actor` (signed in there, online or not): stored locally, remembered for the check.
    Result act(Desktop &pc, CaseEvent e)
    {
        const Result r = pc.store->append(e);
        if (r.ok)
            m_authorOf.insert(e.id, e.actorId);
        return r;
    }

    QHash<QString, CaseEvent> serverEventsById()
    {
        const QString token = m_api->login(kDispatcher.id, DemoPassword);
        bool complete = false;
        const QList<CaseEvent> events = ApiClient::allEvents(
            [&](const QString &after) { return m_api->get("/api/v1/events?limit=5000&after=" + after, token); }, 1000,
            &complete);
        QHash<QString, CaseEvent> out;
        if (complete)
            for (const CaseEvent &e : events)
                out.insert(e.id, e);
        return out;
    }

    // Every event on the server: one we made carries its own author; any other is the server's numbering.
    void verifyActorsOnServer()
    {
        const QHash<QString, CaseEvent> onServer = serverEventsById();
        QVERIFY(!onServer.isEmpty());
        for (const CaseEvent &e : onServer) {
            if (m_authorOf.contains(e.id)) {
                QVERIFY2(e.actorId == m_authorOf.value(e.id),
                         qPrintable(QStringLiteral("event %1 (%2) by %3 is stored as %4'")
                                        .arg(e.id, eventTypeToString(e.type), m_authorOf.value(e.id), e.actorId)));
            } else {
                QVERIFY2(e.type == EventType::Numbered && e.actorId == PushRules::systemActor().id,
                         qPrintable(QStringLiteral("unexpected event %1 (%2) by %3").arg(e.id, eventTypeToString(e.type), e.actorId)));
            }
        }
    }

    bool onServer(const QString &eventId) { return serverEventsById().contains(eventId); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        bool skip = false;
        QString err = demoServerArguments(m_pki, m_dir.path(), m_postgres, &m_serverArgs, nullptr, &skip);
        if (skip)
            QSKIP(qPrintable(err));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = startServer();
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        m_adminPassword = initialAdminPassword(m_server.output());
        QVERIFY2(!m_adminPassword.isEmpty(), qPrintable(m_server.output()));
        QVERIFY(!adminWithOwnPassword(*m_api, &m_adminPassword).isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_postgres.stop();
    }

    // The server's own rule, without any client: an event recorded by A and sent with B's token is refused.
    void serverRefusesAnotherAuthorsEvent()
    {
        const QString dispatcherToken = m_api->login(kDispatcher.id, DemoPassword);
        const CaseEvent byStreet = sealedForPush(newCase(kStreet, QStringLiteral("device-x"), QStringLiteral("冒名提交")));
        const ApiClient::Response r = pushEvents(*m_api, {byStreet}, dispatcherToken);
        QCOMPARE(r.status, 200);
        const QJsonObject result = r.json.value("results").toArray().first().toObject();
        QCOMPARE(result.value("status").toString(), QStringLiteral("rejected"));
        QCOMPARE(result.value("code").toString(), QStringLiteral("actor_mismatch"));
        QVERIFY(result.value("reasonDetail").isObject());  // rendered in the client's language
        QVERIFY(!onServer(byStreet.id));
        // The same event under its author's own sign-in is taken, as that author.
        const ApiClient::Response own = pushEvents(*m_api, {byStreet}, m_api->login(kStreet.id, DemoPassword));
        QCOMPARE(own.json.value("results").toArray().first().toObject().value("status").toString(), QStringLiteral("accepted"));
        m_authorOf.insert(byStreet.id, kStreet.id);
        verifyActorsOnServer();
    }

    // A works offline; B signs in on the same PC and syncs: only B's work leaves, A's waits (and B sees that it
    // does), the case A touched is read-only for B; A's next sign-in sends A's work as A's.
    void offlineWorkOfAWaitsWhileBSyncs()
    {
        Desktop pc;
        QVERIFY(openDesktop(pc, "shared1.sqlite"));
        QVERIFY(signIn(pc, kStreet));
        const QString device = pc.store->deviceId();
        const CaseEvent aCase = newCase(kStreet, device, QStringLiteral("A 离线登记"));
        QVERIFY(act(pc, aCase).ok);
        QVERIFY(act(pc, comment(kStreet, device, aCase.caseId, QStringLiteral("A 的补充说明"))).ok);
        // A leaves without syncing (offline); B signs in on the same desktop and works online.
        QVERIFY(signIn(pc, kDispatcher));
        const CaseEvent bCase = newCase(kDispatcher, device, QStringLiteral("B 登记"));
        QVERIFY(act(pc, bCase).ok);
        // A's case holds A's unsent actions: B can add nothing to it, and is told why.
        CaseEvent interjection = comment(kDispatcher, device, aCase.caseId, QStringLiteral("B 插话"));
        const Result held = pc.store->append(interjection);
        QVERIFY(!held.ok);
        QCOMPARE(held.code, QStringLiteral("held_for_author"));
        QVERIFY2(held.message.english().contains(kStreet.id), qPrintable(held.message.english()));
        QCOMPARE(pc.store->journal().heldBy(aCase.caseId, kDispatcher.id), kStreet.id);
        QVERIFY(pc.store->journal().heldBy(aCase.caseId, kStreet.id).isEmpty());
        QVERIFY(pc.store->journal().heldBy(bCase.caseId, kDispatcher.id).isEmpty());

        const auto [ok, message] = sync(pc);
        QVERIFY2(ok, qPrintable(message));
        QVERIFY(onServer(bCase.id));
        QVERIFY(!onServer(aCase.id));
        QCOMPARE(pc.store->journal().pendingCount(kDispatcher.id), 0);
        QCOMPARE(pc.store->journal().pendingCount(kStreet.id), 2);
        const QList<SyncJournal::WaitingWork> waiting = pc.store->journal().waitingForOthers(kDispatcher);
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.first().author, kStreet.id);
        QCOMPARE(waiting.first().actions, 2);
        QCOMPARE(waiting.first().visibleCases.size(), 1);  // the dispatcher may see every case of the district
        QVERIFY(waiting.first().visibleCases.first().contains(QStringLiteral("A 离线登记")));
        QCOMPARE(pc.store->journal().openConflictCount(), 0);

        // A signs in again: A's work is sent, as A's; then the case is open to B again.
        QVERIFY(signIn(pc, kStreet));
        const auto [aOk, aMessage] = sync(pc);
        QVERIFY2(aOk, qPrintable(aMessage));
        QCOMPARE(pc.store->journal().pendingCount(), 0);
        QVERIFY(onServer(aCase.id));
        QVERIFY(pc.store->journal().heldBy(aCase.caseId, kDispatcher.id).isEmpty());
        verifyActorsOnServer();
    }

    // A works online; B then works offline on a case A made; A syncs again: B's action stays for B, and A's
    // case is held for B until B signs in.
    void offlineWorkOfBWaitsWhileASyncs()
    {
        Desktop pc;
        QVERIFY(openDesktop(pc, "shared2.sqlite"));
        QVERIFY(signIn(pc, kStreet));
        const QString device = pc.store->deviceId();
        const CaseEvent aCase = newCase(kStreet, device, QStringLiteral("A 在线登记"));
        QVERIFY(act(pc, aCase).ok);
        QVERIFY(sync(pc).first);
        QVERIFY(onServer(aCase.id));

        // B on the same desktop, offline (no sync): comments on A's case.
        QVERIFY(signIn(pc, kDispatcher));
        const CaseEvent bComment = comment(kDispatcher, device, aCase.caseId, QStringLiteral("B 离线批注"));
        QVERIFY(act(pc, bComment).ok);

        // A is back and online: A's sync sends nothing of B's, and A must wait for B on that case.
        QVERIFY(signIn(pc, kStreet));
        const CaseEvent aSecond = newCase(kStreet, device, QStringLiteral("A 第二件"));
        QVERIFY(act(pc, aSecond).ok);
        CaseEvent aOnHeld = comment(kStreet, device, aCase.caseId, QStringLiteral("A 想补充"));
        QCOMPARE(pc.store->append(aOnHeld).code, QStringLiteral("held_for_author"));
        QVERIFY(sync(pc).first);
        QVERIFY(onServer(aSecond.id));
        QVERIFY(!onServer(bComment.id));
        QCOMPARE(pc.store->journal().pendingCount(kDispatcher.id), 1);
        QCOMPARE(pc.store->journal().waitingForOthers(kStreet).value(0).author, kDispatcher.id);

        QVERIFY(signIn(pc, kDispatcher));
        QVERIFY(sync(pc).first);
        QVERIFY(onServer(bComment.id));
        QCOMPARE(pc.store->journal().pendingCount(), 0);
        verifyActorsOnServer();
    }

    // A and B take turns with unsent work, the server restarting between turns; nobody's action is ever sent
    // as someone else's, and nothing is lost.
    void alternatingWithServerRestarts()
    {
        Desktop pc;
        QVERIFY(openDesktop(pc, "shared3.sqlite"));
        const QString device = pc.store->deviceId();
        QStringList made;
        for (int round = 0; round < 4; ++round) {
            const User &who = round % 2 == 0 ? kStreet : kDispatcher;
            QVERIFY2(signIn(pc, who), qPrintable(who.id));
            const CaseEvent mine = newCase(who, device, QStringLiteral("轮流 %1 %2").arg(round).arg(who.id));
            QVERIFY(act(pc, mine).ok);
            made << mine.id;
            // Sync only every other turn: the other person's work is left waiting across the restart.
            if (round % 2 == 1) {
                const auto [ok, message] = sync(pc);
                QVERIFY2(ok, qPrintable(message));
                QCOMPARE(pc.store->journal().pendingCount(who.id), 0);
            }
            m_server.stop();
            const QString err = startServer();
            QVERIFY2(err.isEmpty(), qPrintable(err));
            m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
            QVERIFY(pc.engine->configure(m_server.url(), m_pki.caFile).ok);
        }
        // The street operator's turns (0 and 2) were never synced; the dispatcher's were.
        QCOMPARE(pc.store->journal().pendingCount(kStreet.id), 2);
        QVERIFY(!onServer(made.at(0)) && onServer(made.at(1)) && !onServer(made.at(2)) && onServer(made.at(3)));
        QVERIFY(signIn(pc, kStreet));
        QVERIFY(sync(pc).first);
        QCOMPARE(pc.store->journal().pendingCount(), 0);
        for (const QString &id : std::as_const(made))
            QVERIFY(onServer(id));
        verifyActorsOnServer();
    }

    // After sign-ins, sync and an offline sign-in, neither the session token nor the password is in any file of
    // the client's data folder (the store, its WAL, the session vault), in clear, base64 or hex.
    void noTokenOrPasswordInAnyFile()
    {
        Desktop pc;
        QVERIFY(openDesktop(pc, "secrets/desktop.sqlite"));
        QVERIFY(signIn(pc, kDispatcher));
        QVERIFY(act(pc, newCase(kDispatcher, pc.store->deviceId(), QStringLiteral("密钥检查"))).ok);
        QVERIFY(sync(pc).first);
        QVERIFY(pc.engine->signInOffline(kDispatcher.id, DemoPassword).ok);
        QVERIFY(pc.engine->isLoggedIn());  // the token came back from the vault
        QVERIFY2(!pc.engine->sessionStorageNote().isEmpty(), "the engine says where the session is kept");
        QByteArray token;
        const QString folder = QFileInfo(pc.store->path()).absolutePath();
        QVERIFY(SessionVault(folder).load(pc.store->deviceId() + QLatin1Char('/') + kDispatcher.id, DemoPassword, &token).ok);
        QVERIFY(token.size() >= 20);
        QByteArray files;
        QStringList names;
        for (QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();) {
            QFile f(it.next());
            names << QFileInfo(f).fileName();
            if (f.open(QIODevice::ReadOnly))
                files += f.readAll();
        }
        QVERIFY2(names.contains(QStringLiteral("desktop.sqlite")), qPrintable(names.join(',')));
        const QByteArray password = DemoPassword.toUtf8();
        for (const QByteArray &secret : {token, password}) {
            for (const QByteArray &form : {secret, secret.toBase64(), secret.toHex(),
                                           secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)})
                QVERIFY2(!files.contains(form), qPrintable(QStringLiteral("found in %1").arg(names.join(','))));
        }
        pc.engine->logout();
        QVERIFY(!SessionVault(folder).load(pc.store->deviceId() + QLatin1Char('/') + kDispatcher.id, DemoPassword, &token).ok);
    }

    // Offline sign-in needs the password of the last online sign-in, and the server's word wins at the next
    // online contact: a changed password or a disabled account removes the cached credential.
    void offlineSignInFollowsTheServer()
    {
        Desktop pc;
        QVERIFY(openDesktop(pc, "shared4.sqlite"));
        OfflineCredentials offline(pc.store->journal());
        QCOMPARE(pc.engine->signInOffline(kStreet.id, DemoPassword).code, QStringLiteral("no_credential"));
        QVERIFY(signIn(pc, kStreet));
        QVERIFY(offline.has(kStreet.id));
        QCOMPARE(pc.engine->signInOffline(kStreet.id, QStringLiteral("not-the-password")).code, QStringLiteral("wrong_password"));
        QVERIFY(pc.engine->signInOffline(kStreet.id, DemoPassword).ok);
        QCOMPARE(pc.engine->currentUser().id, kStreet.id);
        QVERIFY(pc.engine->isLoggedIn());  // their own saved session goes on

        // The administrator sets a new password on the server: the session is revoked, and the first sync
        // after that drops the cached credential.
        const QString admin = m_api->login(QStringLiteral("admin"), m_adminPassword);
        const QString newPassword = QStringLiteral("tuodong-2027-new");
        QCOMPARE(m_api->put("/api/v1/users/tuodong", {{"password", newPassword}}, admin).status, 200);
        CaseEvent unsent = newCase(kStreet, pc.store->deviceId(), QStringLiteral("改密前离线登记"));
        QVERIFY(act(pc, unsent).ok);
        QVERIFY(!sync(pc).first);
        QVERIFY(!offline.has(kStreet.id));
        QCOMPARE(pc.engine->signInOffline(kStreet.id, DemoPassword).code, QStringLiteral("no_credential"));
        QCOMPARE(pc.store->journal().pendingCount(kStreet.id), 1);  // no local work is lost
        // Signing in online with the new password caches that one, and the waiting work goes out.
        QSignalSpy loggedIn(pc.engine.get(), &SyncEngine::loggedIn);
        pc.engine->login(kStreet.id, newPassword);
        QTRY_COMPARE_WITH_TIMEOUT(loggedIn.count(), 1, 30000);
        QVERIFY(pc.engine->signInOffline(kStreet.id, newPassword).ok);
        QCOMPARE(pc.engine->signInOffline(kStreet.id, DemoPassword).code, QStringLiteral("wrong_password"));
        QVERIFY(sync(pc).first);
        QVERIFY(onServer(unsent.id));

        // A disabled account: the online sign-in with the cached password is refused, and the cache goes.
        QCOMPARE(m_api->put("/api/v1/users/tuodong", {{"active", false}}, admin).status, 200);
        QSignalSpy failed(pc.engine.get(), &SyncEngine::loginFailed);
        pc.engine->login(kStreet.id, newPassword);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY(!offline.has(kStreet.id));
        QCOMPARE(pc.engine->signInOffline(kStreet.id, newPassword).code, QStringLiteral("no_credential"));
        QCOMPARE(m_api->put("/api/v1/users/tuodong", {{"active", true}, {"password", DemoPassword}}, admin).status, 200);
        verifyActorsOnServer();
    }
};

QTEST_GUILESS_MAIN(TstIdentity)
#include "tst_identity.moc"

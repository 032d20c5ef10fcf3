#include "auditchain.h"
#include "casestore.h"
#include "storefixture.h"
#include "workflow.h"
#include "syncjournal.h"
#include "attachmentstore.h"
#include "phrasestore.h"
#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

using namespace gw;
using namespace gw::test;

// The server side is played by the test itself: it accepts events by giving them a server sequence
// (keeping or re-sealing them on its own chain), exactly what SyncJournal::applyRemote receives from sync.
class TestSyncSupport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_files = 0;
    qint64 m_serverSeq = 1000;
    QString newPath() { return m_dir.filePath(QStringLiteral("sync%1.db").arg(++m_files)); }

    CaseEvent accepted(CaseEvent e)
    {
        e.serverSeq = ++m_serverSeq;
        e.serverTime = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
        return e;
    }
    // An event from another device, sealed on the server's chain of the case.
    CaseEvent fromServer(CaseEvent e, const QList<CaseEvent> &serverChain)
    {
        AuditChain::seal(e, int(serverChain.size()) + 1, serverChain.isEmpty() ? QByteArray() : serverChain.last().hash);
        return accepted(e);
    }
    static EventBuilder otherDevice(const User &u) { return EventBuilder(u, QStringLiteral("other-device")); }
    static QString stateOf(const CaseStore &store, const QString &id)
    {
        const auto c = store.caseById(id);
        return c ? QString::fromUtf8(QJsonDocument(c->toJson()).toJson()) : QString();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void ownEventsAcceptedIdempotently()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator();
        const QString id = registerCase(store, op, draft("自己的事件"));
        GW_APPEND(store, builder(store, op).make(EventType::Analyzed, id, {{"decision", "whistle"}, {"note", ""}}));
        QCOMPARE(store.journal().pendingCount(), 2);
        QList<CaseEvent> server;
        for (const CaseEvent &e : store.journal().outboxEvents(100))
            server.append(accepted(e));
        QSignalSpy changed(&store, &CaseStore::casesChanged);
        Result r = store.journal().applyRemote(server);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.journal().pendingCount(), 0);
        const QList<CaseEvent> stored = store.eventsOf(id);
        QCOMPARE(stored.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(stored.at(i).serverSeq, server.at(i).serverSeq);
            QCOMPARE(stored.at(i).serverTime, server.at(i).serverTime);
            QCOMPARE(stored.at(i).hash, server.at(i).hash);
        }
        QVERIFY(AuditChain::verify(stored).ok());
        QVERIFY(!store.listCases(CaseFilter(), 0, 10).first().pendingSync);
        QCOMPARE(store.caseById(id)->status, CaseStatus::Analyzed);

        // The same events again (a replayed pull) change nothing and announce nothing.
        const QString before = stateOf(store, id);
        QVERIFY(store.journal().applyRemote(server).ok);
        QVERIFY(store.journal().applyRemote(server + server).ok);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(stateOf(store, id), before);
        QCOMPARE(countRows(store, "events"), 2);
        QCOMPARE(store.journal().pendingCount(), 0);
    }

    void foreignEventsAreAdded()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator("street.gulou");
        QList<CaseEvent> chain;
        CaseDraft d = draft("其他设备登记", "street.gulou");
        chain.append(fromServer(otherDevice(op).registerCase(d), chain));
        const QString id = chain.first().caseId;
        chain.append(fromServer(otherDevice(op).make(EventType::Analyzed, id, {{"decision", "whistle"}, {"note", ""}}), chain));
        chain.append(fromServer(otherDevice(reviewer()).make(EventType::Reviewed, id, {{"decision", "approve"}}), chain));
        QVERIFY(store.journal().applyRemote(chain).ok);
        QCOMPARE(store.caseById(id)->status, CaseStatus::Approved);
        QCOMPARE(store.eventsOf(id).size(), 3);
        QCOMPARE(store.journal().pendingCount(), 0);
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());
        CaseFilter f;
        f.text = "其他设备";
        QCOMPARE(store.countCases(f), 1);
        // In two pieces, overlapping: still three events, same state.
        const QString before = stateOf(store, id);
        QVERIFY(store.journal().applyRemote(chain.mid(1)).ok);
        QCOMPARE(store.eventsOf(id).size(), 3);
        QCOMPARE(stateOf(store, id), before);
        // Local work continues on top of the server's chain.
        CaseEvent w = builder(store, dispatcher()).whistle(*store.caseById(id), "dept.chengguan", {});
        QVERIFY(store.append(w).ok);
        QCOMPARE(w.caseSeq, 4);
        QCOMPARE(w.prevHash, chain.last().hash);

        // A server event that does not match its hash, or has no server sequence, is refused whole.
        CaseEvent forged = fromServer(otherDevice(op).make(EventType::Commented, id, {{"text", "x"}}), chain);
        forged.payload.insert("text", "changed on the way");
        QVERIFY(!store.journal().applyRemote({forged}).ok);
        CaseEvent unsequenced = forged;
        unsequenced.payload.insert("text", "x");
        unsequenced.hash = unsequenced.computeHash();
        unsequenced.serverSeq = 0;
        QVERIFY(!store.journal().applyRemote({unsequenced}).ok);
        QVERIFY(!store.containsEvent(forged.id));
    }

    void pendingActionsAreResealedOnTop()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator();
        const QString id = registerCase(store, op, draft("离线批注"));
        GW_APPEND(store, builder(store, op).make(EventType::Analyzed, id, {{"decision", "whistle"}, {"note", ""}}));
        QList<CaseEvent> chain;
        for (const CaseEvent &e : store.journal().outboxEvents(10))
            chain.append(accepted(e));
        QVERIFY(store.journal().applyRemote(chain).ok);
        // Offline: our comment takes position 3 locally ...
        CaseEvent comment = builder(store, op).make(EventType::Commented, id, {{"text", "请中心尽快审核"}});
        QVERIFY(store.append(comment).ok);
        QCOMPARE(comment.caseSeq, 3);
        // ... while the server accepted a review from another device at position 3.
        chain.append(fromServer(otherDevice(reviewer()).make(EventType::Reviewed, id, {{"decision", "approve"}}), chain));
        QVERIFY(store.journal().applyRemote({chain.last()}).ok);
        const QList<CaseEvent> events = store.eventsOf(id);
        QCOMPARE(events.size(), 4);
        QCOMPARE(events.at(2).id, chain.last().id);
        QCOMPARE(events.at(3).id, comment.id);
        QCOMPARE(events.at(3).caseSeq, 4);
        QCOMPARE(events.at(3).prevHash, chain.last().hash);
        QVERIFY(AuditChain::verify(events).ok());
        QCOMPARE(store.caseById(id)->status, CaseStatus::Approved);
        QCOMPARE(store.caseById(id)->eventCount, 4);
        QCOMPARE(store.journal().pendingCount(), 1);
        const CaseEvent queued = store.journal().outboxEvents(10).first();
        QCOMPARE(queued.id, comment.id);
        QCOMPARE(queued.caseSeq, 4);
        QCOMPARE(queued.hash, queued.computeHash());
        QVERIFY(store.listCases(CaseFilter(), 0, 1).first().pendingSync);

        // The server accepts the comment re-sealed: it leaves the outbox.
        chain.append(accepted(queued));
        QVERIFY(store.journal().applyRemote({chain.last()}).ok);
        QCOMPARE(store.journal().pendingCount(), 0);
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());
        QVERIFY(!store.listCases(CaseFilter(), 0, 1).first().pendingSync);
    }

    void staleActionGoesToConflictInbox()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator();
        const QString id = registerCase(store, op, draft("两人同时研判"));
        QList<CaseEvent> chain{accepted(store.journal().outboxEvents(1).first())};
        QVERIFY(store.journal().applyRemote(chain).ok);
        // We analyze offline; the center's dispatcher already sent it to street handling.
        CaseEvent mine = builder(store, op).make(EventType::Analyzed, id, {{"decision", "whistle"}, {"note", "需要吹哨"}});
        QVERIFY(store.append(mine).ok);
        const QDateTime due = QDateTime::currentDateTimeUtc().addDays(3);
        chain.append(fromServer(otherDevice(dispatcher()).make(EventType::Analyzed, id,
                                                               {{"decision", "street"}, {"note", "街道自行处置"},
                                                                {"due", CaseEvent::timeToString(due)}}), chain));
        QVERIFY(store.journal().applyRemote({chain.last()}).ok);
        // Our action no longer fits: the case shows the server's state, the action waits in the outbox.
        QCOMPARE(store.caseById(id)->status, CaseStatus::StreetHandling);
        QCOMPARE(store.journal().pendingCount(), 1);
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());
        QCOMPARE(store.eventsOf(id).size(), 3);
        // A later local action chains after it, and is checked against the case as shown.
        CaseEvent note = builder(store, op).make(EventType::Commented, id, {{"text", "已知悉"}});
        QVERIFY(store.append(note).ok);
        QCOMPARE(note.caseSeq, 4);
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());

        // The server refuses it: it moves to the conflict inbox with the reason, never dropped.
        QSignalSpy changed(&store, &CaseStore::casesChanged);
        Result r = store.journal().rejectOutboxEvent(mine.id, "invalid_state", "该哨件已被研判为街道自行处置");
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.journal().pendingCount(), 1);
        QVERIFY(!store.containsEvent(mine.id));
        const QList<CaseEvent> events = store.eventsOf(id);
        QCOMPARE(events.size(), 3);
        QCOMPARE(events.last().id, note.id);
        QCOMPARE(events.last().caseSeq, 3);
        QVERIFY(AuditChain::verify(events).ok());
        QCOMPARE(store.caseById(id)->status, CaseStatus::StreetHandling);
        QCOMPARE(store.journal().openConflictCount(), 1);
        const QList<ConflictItem> inbox = store.journal().conflicts();
        QCOMPARE(inbox.size(), 1);
        QCOMPARE(inbox.first().event.id, mine.id);
        QCOMPARE(inbox.first().event.payload, mine.payload);
        QCOMPARE(inbox.first().event.actorId, op.id);
        QCOMPARE(inbox.first().code, QStringLiteral("invalid_state"));
        QCOMPARE(inbox.first().reason.text(), QStringLiteral("该哨件已被研判为街道自行处置"));
        QVERIFY(inbox.first().receivedAt.isValid());
        QVERIFY(inbox.first().resolution.isEmpty());
        // Rejecting the same event again is harmless; an unknown one is reported.
        QVERIFY(store.journal().rejectOutboxEvent(mine.id, "invalid_state", "again").ok);
        QCOMPARE(store.journal().openConflictCount(), 1);
        QCOMPARE(store.journal().rejectOutboxEvent(CaseEvent::newId(), "x", "y").code, QStringLiteral("not_found"));

        // Retrying an action the case still does not allow fails and leaves the item open.
        r = store.journal().retryConflict(mine.id, op);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, QStringLiteral("invalid_state"));
        QCOMPARE(store.journal().openConflictCount(), 1);

        // Discarding closes it and leaves a comment by the person who discarded it in the audit trail.
        r = store.journal().discardConflict(mine.id, op);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(store.journal().openConflictCount(), 0);
        const ConflictItem done = store.journal().conflicts(true).first();
        QCOMPARE(done.resolution, QStringLiteral("discarded:") + op.id);
        QVERIFY(done.resolvedAt.isValid());
        const CaseEvent audit = store.eventsOf(id).last();
        QCOMPARE(audit.type, EventType::Commented);
        QCOMPARE(audit.actorId, op.id);
        QVERIFY(audit.payload.value("text").toString().contains(mine.id));
        QVERIFY(audit.payload.value("text").toString().contains("该哨件已被研判为街道自行处置"));
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());
        QCOMPARE(store.journal().discardConflict(mine.id, op).code, QStringLiteral("invalid_state"));
        QCOMPARE(store.journal().retryConflict(mine.id, op).code, QStringLiteral("invalid_state"));
    }

    void retryAppendsTheSameActionAnew()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator();
        const QString id = registerCase(store, op, draft("重试"));
        QVERIFY(store.journal().applyRemote({accepted(store.journal().outboxEvents(1).first())}).ok);
        CaseEvent comment = builder(store, op).make(EventType::Commented, id, {{"text", "网络中断时的留言"}});
        QVERIFY(store.append(comment).ok);
        QVERIFY(store.journal().rejectOutboxEvent(comment.id, "server_busy", "服务器繁忙").ok);
        QCOMPARE(store.journal().pendingCount(), 0);
        QCOMPARE(store.eventsOf(id).size(), 1);
        const User other = reporter();
        const Result r = store.journal().retryConflict(comment.id, other);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(store.journal().openConflictCount(), 0);
        QCOMPARE(store.journal().pendingCount(), 1);
        const CaseEvent retried = store.eventsOf(id).last();
        QVERIFY(retried.id != comment.id);
        QCOMPARE(retried.type, comment.type);
        QCOMPARE(retried.payload, comment.payload);
        QCOMPARE(retried.actorId, other.id);
        QCOMPARE(retried.deviceId, store.deviceId());
        QCOMPARE(store.journal().conflicts(true).first().resolution, QStringLiteral("retried:") + retried.id);
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());
    }

    void refusedRegistrationTakesItsFollowers()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const User op = streetOperator();
        const QString keep = registerCase(store, op, draft("保留的哨件"));
        const QString id = registerCase(store, op, draft("被拒绝的登记"));
        GW_APPEND(store, builder(store, op).make(EventType::Commented, id, {{"text", "补充说明"}}));
        const QString registration = store.eventsOf(id).first().id;
        QVERIFY(store.journal().rejectOutboxEvent(registration, "invalid_input", "类别已停用").ok);
        QCOMPARE(store.journal().openConflictCount(), 2);
        QVERIFY(!store.caseById(id));
        QVERIFY(store.eventsOf(id).isEmpty());
        QCOMPARE(store.countCases(CaseFilter()), 1);
        QVERIFY(store.caseById(keep));
        CaseFilter f;
        f.text = "被拒绝";
        QCOMPARE(store.countCases(f), 0);
        QCOMPARE(store.journal().pendingCount(), 1);
        // Retrying the registration brings the case back; then the comment can be retried too.
        QVERIFY(store.journal().retryConflict(registration, op).ok);
        QCOMPARE(store.caseById(id)->title, QStringLiteral("被拒绝的登记"));
        QCOMPARE(store.countCases(f), 1);
        const QList<ConflictItem> open = store.journal().conflicts();
        QCOMPARE(open.size(), 1);
        QVERIFY(store.journal().retryConflict(open.first().event.id, op).ok);
        QCOMPARE(store.eventsOf(id).size(), 2);
        QVERIFY(AuditChain::verify(store.eventsOf(id)).ok());
    }

    void pushFailuresAndSyncState()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const QString id = registerCase(store, streetOperator(), draft("推送失败"));
        const QString eventId = store.eventsOf(id).first().id;
        QCOMPARE(store.journal().outboxAttempts(eventId), 0);
        store.journal().recordPushFailure({eventId}, "connection refused");
        store.journal().recordPushFailure({eventId, CaseEvent::newId()}, "TLS handshake failed");
        QString error;
        QCOMPARE(store.journal().outboxAttempts(eventId, &error), 2);
        QCOMPARE(error, QStringLiteral("TLS handshake failed"));
        QCOMPARE(store.journal().pendingCount(), 1);

        QVERIFY(store.journal().syncValue("cursor").isEmpty());
        QVERIFY(store.journal().setSyncValue("cursor", "12345").ok);
        QVERIFY(store.journal().setSyncValue("cursor", "12346").ok);
        QCOMPARE(store.journal().syncValue("cursor"), QStringLiteral("12346"));
        QVERIFY(store.journal().setSyncValue("session", "{\"token\":\"a'b\"}").ok);
        QCOMPARE(store.journal().syncValue("session"), QStringLiteral("{\"token\":\"a'b\"}"));
        QVERIFY(!store.journal().setSyncValue("", "x").ok);
        // A null or empty value forgets the key (a null QString once went in as NULL and failed).
        QVERIFY(store.journal().setSyncValue("last_sync", "2026-11-25T08:00:00.000Z").ok);
        const Result cleared = store.journal().setSyncValue("last_sync", QString());
        QVERIFY2(cleared.ok, qPrintable(cleared.message));
        QVERIFY(store.journal().syncValue("last_sync").isEmpty());
        QVERIFY(store.journal().setSyncValue("session", QStringLiteral("")).ok);
        QVERIFY(store.journal().syncValue("session").isEmpty());
        QVERIFY(store.journal().setSyncValue("never_set", QString()).ok);
        QSqlQuery rows(QSqlDatabase::database(store.connectionName(), false));
        QVERIFY(rows.exec("SELECT count(*) FROM sync_state WHERE key IN ('last_sync', 'session', 'never_set')"));
        QVERIFY(rows.next());
        QCOMPARE(rows.value(0).toInt(), 0);
        const QString path = store.path();
        store.close();
        CaseStore again;
        QVERIFY(again.open(path).ok);
        QCOMPARE(again.journal().syncValue("cursor"), QStringLiteral("12346"));
        QCOMPARE(again.journal().outboxAttempts(eventId), 2);
    }

    void purgeKeepsOnlyWhatTheScopeShows()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        QList<CaseEvent> server;
        QStringList tuodong, gulou;
        for (int i = 0; i < 4; ++i) {
            const QString street = i % 2 ? "street.gulou" : "street.tuodong";
            CaseEvent e = otherDevice(streetOperator(street)).registerCase(draft(QStringLiteral("清理%1").arg(i), street));
            server.append(fromServer(e, {}));
            (i % 2 ? gulou : tuodong).append(e.caseId);
        }
        QVERIFY(store.journal().applyRemote(server).ok);
        // A gulou case with unsent work stays even outside the scope.
        const QString unsent = registerCase(store, streetOperator("street.gulou"), draft("未发送", "street.gulou"));
        QVERIFY(store.journal().purgeOutsideScope({AccessPolicy::Scope::Kind::Street, "street.tuodong"}).ok);
        for (const QString &id : tuodong)
            QVERIFY(store.caseById(id));
        for (const QString &id : gulou) {
            QVERIFY(!store.caseById(id));
            QVERIFY(store.eventsOf(id).isEmpty());
        }
        QVERIFY(store.caseById(unsent));
        CaseFilter f;
        f.text = "清理";
        QCOMPARE(store.countCases(f), 2);
        QVERIFY(store.journal().purgeOutsideScope({AccessPolicy::Scope::Kind::None, {}}).ok);
        QCOMPARE(store.countCases(CaseFilter()), 1);
        QCOMPARE(store.countCases(f), 0);
        QCOMPARE(countRows(store, "events"), 1);
    }

    void attachmentsAreChecked()
    {
        CaseStore store;
        QVERIFY(store.open(newPath()).ok);
        const QString caseId = CaseEvent::newId();
        const QByteArray jpeg = QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(2000, 'j');
        const QByteArray png = QByteArray("\x89PNG\r\n\x1A\n", 8) + QByteArray(100, 'p');
        QJsonObject d;
        // Path-like names: folders stripped, climbing refused.
        Result r = store.attachments().put(caseId, "C:\\Users\\张三\\Pictures\\现场照片.jpg", jpeg, &d);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(d.value("name").toString(), QStringLiteral("现场照片.jpg"));
        QCOMPARE(d.value("mime").toString(), QStringLiteral("image/jpeg"));
        QCOMPARE(d.value("size").toInteger(), qint64(jpeg.size()));
        QCOMPARE(d.value("sha256").toString(),
                 QString::fromLatin1(QCryptographicHash::hash(jpeg, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(store.attachments().data(d.value("id").toString()), jpeg);
        QVERIFY(store.attachments().put(caseId, "photos/2026/p.png", png, &d).ok);
        QCOMPARE(d.value("name").toString(), QStringLiteral("p.png"));
        const QStringList badNames{"../../etc/passwd.txt", "..\\..\\windows\\a.jpg", "a/../../b.jpg", "..", ".hidden.jpg",
                                   "", "dir/", "con\x01.jpg", "a:b.jpg", QString(300, u'a') + ".jpg"};
        for (const QString &name : badNames) {
            r = store.attachments().put(caseId, name, jpeg, &d);
            QVERIFY2(!r.ok, qPrintable(name));
            QCOMPARE(r.code, QStringLiteral("invalid_input"));
            QVERIFY(!r.message.isEmpty());
        }
        // Types: by extension and by content.
        QVERIFY(store.attachments().put(caseId, "报告.pdf", "%PDF-1.7\n...", &d).ok);
        QVERIFY(store.attachments().put(caseId, "说明.txt", "现场已清理完毕。\n", &d).ok);
        QCOMPARE(d.value("mime").toString(), QStringLiteral("text/plain"));
        QVERIFY(store.attachments().put(caseId, "表格.xlsx", QByteArray("PK\x03\x04", 4) + "rest", &d).ok);
        QVERIFY(store.attachments().put(caseId, "旧表.xls", QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "x", &d).ok);
        QVERIFY(store.attachments().put(caseId, "PHOTO.JPEG", jpeg, &d).ok);
        const int stored = countRows(store, "attachments");
        for (const auto &[name, data] : QList<QPair<QString, QByteArray>>{{"setup.exe", "MZ\x90"},
                                                                          {"photo.jpg", png},
                                                                          {"script.sh", "#!/bin/sh"},
                                                                          {"noext", "hello"},
                                                                          {"fake.pdf", "<html>"},
                                                                          {"binary.txt", QByteArray("a\0b", 3)},
                                                                          {"latin1.txt", "caf\xE9"},
                                                                          {"empty.jpg", QByteArray()}}) {
            r = store.attachments().put(caseId, name, data, &d);
            QVERIFY2(!r.ok, qPrintable(name));
            QCOMPARE(r.code, QStringLiteral("invalid_input"));
        }
        // Size: the limit itself is fine, one byte more is not.
        QByteArray big = jpeg + QByteArray(int(Workflow::MaxAttachmentBytes) - jpeg.size(), 'x');
        QVERIFY(store.attachments().put(caseId, "big.jpg", big, &d).ok);
        big.append('x');
        r = store.attachments().put(caseId, "big.jpg", big, &d);
        QVERIFY(!r.ok);
        QVERIFY(r.message.text().contains("10"));
        QVERIFY(!store.attachments().put("not-a-case", "a.jpg", jpeg, &d).ok);
        QCOMPARE(countRows(store, "attachments"), stored + 1);

        // The descriptor is what the workflow accepts in a payload.
        CaseDraft dr = draft("带附件");
        QVERIFY(store.attachments().put(caseId, "a.jpg", jpeg, &d).ok);
        dr.attachments = QJsonArray{d};
        CaseEvent reg = builder(store, streetOperator()).registerCase(dr);
        QVERIFY(store.append(reg).ok);

        // Upload bookkeeping.
        const QList<AttachmentDescriptor> waiting = store.attachments().notUploaded(100);
        QCOMPARE(waiting.size(), countRows(store, "attachments"));
        QCOMPARE(waiting.first().caseId, caseId);
        QCOMPARE(store.attachments().notUploaded(2).size(), 2);
        QVERIFY(store.attachments().markUploaded(waiting.first().id).ok);
        QCOMPARE(store.attachments().notUploaded(100).size(), waiting.size() - 1);
        QCOMPARE(store.attachments().markUploaded(CaseEvent::newId()).code, QStringLiteral("not_found"));
        QVERIFY(store.attachments().data(CaseEvent::newId()).isEmpty());
    }

    // A person's own phrases (the district's are served: PhraseBook). A new file starts with none.
    void phraseTemplates()
    {
        const QString path = newPath();
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            QVERIFY(store.phrases().list("return_reason").isEmpty());
            QVERIFY(store.phrases().list("feedback").isEmpty());
            QVERIFY(store.phrases().add("feedback", "  已协调物业清理完毕  ").ok);
            QCOMPARE(store.phrases().list("feedback"), QStringList{QStringLiteral("已协调物业清理完毕")});
            QVERIFY(store.phrases().add("feedback", "已协调物业清理完毕").ok);  // no duplicate
            QCOMPARE(store.phrases().list("feedback").size(), 1);
            QCOMPARE(store.phrases().add("feedback", "   ").code, QStringLiteral("invalid_input"));
            QCOMPARE(store.phrases().add("", "文本").code, QStringLiteral("invalid_input"));
            QVERIFY(!store.phrases().add("feedback", QString(501, u'字')).ok);
            QVERIFY(store.phrases().add("feedback", QString(500, u'字')).ok);
            QVERIFY(store.phrases().add("feedback", "'); DELETE FROM phrases; --").ok);
            QCOMPARE(store.phrases().list("feedback").size(), 3);
            QVERIFY(store.phrases().add("return_reason", "请转交区住建局").ok);
            QVERIFY(store.phrases().remove("return_reason", "请转交区住建局").ok);
            QCOMPARE(store.phrases().remove("return_reason", "请转交区住建局").code, QStringLiteral("not_found"));
        }
        // Kept on reopening; removed ones do not come back.
        CaseStore store;
        QVERIFY(store.open(path).ok);
        QVERIFY(store.phrases().list("feedback").contains(QStringLiteral("已协调物业清理完毕")));
        QVERIFY(store.phrases().list("return_reason").isEmpty());
    }

    // A file from before the district served phrases holds the defaults every file was given: they go once (the
    // district's own list replaces them), what the person added stays.
    void seededDefaultsRetiredOnce()
    {
        const QString path = newPath();
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            QVERIFY(store.phrases().add("return_reason", "不属于本部门职责范围").ok);  // a default of old
            QVERIFY(store.phrases().add("return_reason", "请转交区住建局").ok);        // the person's own
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("retire"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("DELETE FROM meta WHERE key = 'phrases_district'")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('phrases_seeded', '1')")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("retire"));
        {
            CaseStore store;
            QVERIFY(store.open(path).ok);
            QCOMPARE(store.phrases().list("return_reason"), QStringList{QStringLiteral("请转交区住建局")});
            QVERIFY(store.phrases().add("return_reason", "不属于本部门职责范围").ok);  // added again by the person
        }
        CaseStore store;
        QVERIFY(store.open(path).ok);
        QCOMPARE(store.phrases().list("return_reason").size(), 2);  // only once
    }
};

QTEST_GUILESS_MAIN(TestSyncSupport)
#include "tst_syncsupport.moc"

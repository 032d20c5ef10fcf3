// Attachments end to end: a client registers a case offline with a photo, syncs and uploads it; another client
// pulls the case and downloads the photo. Plus the server's upload/download boundary: idempotent uploads,
// checksum, size, type and name refusals, permissions, and nothing stored after a refusal. Real
// gridwhistle-server over HTTPS on 127.0.0.1; SQLite by default, PostgreSQL with GW_TEST_BACKEND=postgresql.
#include "apiclient.h"
#include "attachmentstore.h"
#include "attachmenttransfer.h"
#include "../support/enginewaits.h"
#include "casedraft.h"
#include "casestore.h"
#include "eventbuilder.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "syncjournal.h"
#include "testpki.h"
#include "testpostgres.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>
#ifdef GW_TEST_WITH_GUI
#include "attachmentlist.h"
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#endif

using namespace gw;
using namespace gw::test;

namespace {

struct Client {
    std::unique_ptr<CaseStore> store;
    std::unique_ptr<SyncEngine> engine;
    std::unique_ptr<AttachmentTransfer> transfer;
    User user;
};

// Bytes that pass the content check of a JPEG ("\xFF\xD8\xFF" first), different on every call.
QByteArray jpeg(int size)
{
    QByteArray data(size, '\0');
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), size / 4);
    data[0] = char(0xFF);
    data[1] = char(0xD8);
    data[2] = char(0xFF);
    data[3] = char(0xE0);
    return data;
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString encoded(const QString &name) { return QString::fromLatin1(QUrl::toPercentEncoding(name)); }
} // namespace

class TstAttachments : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPostgres m_postgres;
    QString m_databaseUrl;
    ServerProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    QHash<QString, QString> m_tokens;

    QString token(const QString &user)
    {
        if (!m_tokens.contains(user))
            m_tokens.insert(user, m_api->login(user, DemoPassword));
        return m_tokens.value(user);
    }

    bool makeClient(Client &c, const QString &file, const User &user)
    {
        c.user = user;
        c.store = std::make_unique<CaseStore>();
        if (!c.store->open(m_dir.filePath(file)).ok)
            return false;
        c.engine = std::make_unique<SyncEngine>(c.store.get());
        c.engine->setRetryPolicy(20, 100, 500);
        c.transfer = std::make_unique<AttachmentTransfer>(c.engine.get(), c.store.get());
        if (!c.engine->configure(m_server.url(), m_pki.caFile).ok)
            return false;
        return signInAndWait(*c.engine, user.id, DemoPassword);
    }

    // One sync run to its end, and (when uploads follow syncs) the upload run it starts.
    static std::pair<bool, QString> sync(Client &c, bool waitForUploads = true)
    {
        QSignalSpy finished(c.engine.get(), &SyncEngine::syncFinished);
        QSignalSpy uploads(c.transfer.get(), &AttachmentTransfer::uploadsFinished);
        c.engine->syncNow();
        for (int i = 0; i < 1200 && finished.isEmpty(); ++i)
            finished.wait(100);
        if (finished.isEmpty())
            return {false, QStringLiteral("sync did not finish within 120 s")};
        if (!finished.first().at(0).toBool())
            return {false, finished.first().at(1).toString()};
        if (waitForUploads) {
            for (int i = 0; i < 1200 && uploads.isEmpty(); ++i)
                uploads.wait(100);
            if (uploads.isEmpty())
                return {false, QStringLiteral("uploads did not finish within 120 s")};
            if (uploads.first().at(1).toInt() != 0)
                return {false, uploads.first().at(2).toString()};
        }
        return {true, QString()};
    }

    static std::pair<bool, QString> download(Client &c, const QString &caseId, const QJsonObject &descriptor)
    {
        QSignalSpy finished(c.transfer.get(), &AttachmentTransfer::downloadFinished);
        c.transfer->download(caseId, descriptor);
        for (int i = 0; i < 1200 && finished.isEmpty(); ++i)
            finished.wait(100);
        if (finished.isEmpty())
            return {false, QStringLiteral("download did not finish within 120 s")};
        return {finished.first().at(1).toBool(), finished.first().at(2).toString()};
    }

    // A case.registered in the Tuodong street carrying the given attachment descriptors, written offline.
    static QString registerOffline(Client &c, const QString &title, const QList<QPair<QString, QByteArray>> &files,
                                   QJsonArray *descriptors)
    {
        const QString caseId = CaseEvent::newId();
        CaseDraft d;
        d.title = title;
        d.description = QStringLiteral("路面塌陷，附现场照片");
        d.categoryId = QStringLiteral("city_appearance");
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("拓东路 12 号");
        for (const auto &[name, data] : files) {
            QJsonObject descriptor;
            const Result r = c.store->attachments().put(caseId, name, data, &descriptor);
            if (!r.ok) {
                qWarning() << r.message;
                return {};
            }
            d.attachments.append(descriptor);
        }
        *descriptors = d.attachments;
        CaseEvent e = EventBuilder(c.user, c.store->deviceId()).make(EventType::Registered, caseId, d.toPayload());
        const Result r = c.store->append(e);
        if (!r.ok) {
            qWarning() << r.message;
            return {};
        }
        return caseId;
    }

    // Rows in the server's attachments table, read behind the server's back (-1 if the database cannot be read).
    qint64 serverAttachmentRows() { return serverValue("SELECT COUNT(*) FROM attachments", {}).toLongLong(); }

    // One value from the server's database, read behind the server's back (-1 if it cannot be read).
    QVariant serverValue(const QString &sql, const QString &bound)
    {
        QVariant value = -1;
        {
            QSqlDatabase db = serverDatabase("peek", m_dir.filePath("server-data/server.sqlite"), m_databaseUrl);
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(sql);
                if (!bound.isNull())
                    q.addBindValue(bound);
                if (q.exec() && q.next())
                    value = q.value(0);
            }
            db.close();
        }
        QSqlDatabase::removeDatabase("peek");
        return value;
    }

    ApiClient::Response put(const QString &sha, const QString &nameQuery, const QByteArray &data,
                            const QString &user = QStringLiteral("tuodong"), const QByteArray &type = "image/jpeg")
    {
        return m_api->send("PUT", "/api/v1/attachments/" + sha + "?name=" + nameQuery, data, token(user), type);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStringList args;
        bool skip = false;
        QString err = demoServerArguments(m_pki, m_dir.path(), m_postgres, &args, &m_databaseUrl, &skip);
        if (skip)
            QSKIP(qPrintable(err));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = m_server.start(m_dir.filePath("server-data"), args);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
        QVERIFY(!token("tuodong").isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_postgres.stop();
    }

    void photoRegisteredOfflineReachesAnotherClient()
    {
        Client street, center;
        QVERIFY(makeClient(street, "street.sqlite", User::make("tuodong", Role::StreetOperator, "street.tuodong")));
        QVERIFY(makeClient(center, "center.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));

        // Offline: the case and its two files are only in the street's store.
        const QByteArray photo = jpeg(300 * 1024);
        const QByteArray note = QStringLiteral("现场说明：东侧人行道塌陷约 2 平方米。\n").toUtf8();
        QJsonArray descriptors;
        const QString caseId = registerOffline(street, QStringLiteral("路面塌陷"),
                                               {{QStringLiteral("现场照片 1.jpg"), photo},
                                                {QStringLiteral("说明 & 备注.txt"), note}},
                                               &descriptors);
        QVERIFY(!caseId.isEmpty());
        QCOMPARE(street.store->attachments().toUpload(10, street.user.id).size(), 2);
        // Issue 17: another person signed in on this desktop would not send them (they are the street's).
        QCOMPARE(street.store->attachments().toUpload(10, QStringLiteral("dispatcher")).size(), 0);
        const qint64 rowsBefore = serverAttachmentRows();
        QVERIFY(rowsBefore >= 0);

        // Sync: events go up, then the files.
        QSignalSpy progress(street.transfer.get(), &AttachmentTransfer::uploadProgress);
        auto [ok, message] = sync(street);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(street.store->attachments().toUpload(10, street.user.id).size(), 0);
        bool uploaded = false;
        QVERIFY(street.store->attachments().find(descriptors.at(0).toObject().value("id").toString(), &uploaded));
        QVERIFY(uploaded);
        QCOMPARE(progress.last().at(0).toInt(), 2);
        QCOMPARE(serverAttachmentRows(), rowsBefore + 2);
        // The names arrive as they were (Chinese, spaces, '&' survive the query string).
        QCOMPARE(serverValue("SELECT name FROM attachments WHERE sha256 = ?", sha256(note)).toString(),
                 QStringLiteral("说明 & 备注.txt"));
        QCOMPARE(serverValue("SELECT name FROM attachments WHERE sha256 = ?", sha256(photo)).toString(),
                 QStringLiteral("现场照片 1.jpg"));

        // The center pulls the case: the descriptors are there, the bytes are not until someone opens them.
        std::tie(ok, message) = sync(center);
        QVERIFY2(ok, qPrintable(message));
        const std::optional<CaseRecord> pulled = center.store->caseById(caseId);
        QVERIFY(pulled);
        QCOMPARE(pulled->attachments.size(), 2);
        for (const QJsonValue &v : pulled->attachments) {
            const QJsonObject descriptor = v.toObject();
            const QString id = descriptor.value("id").toString();
            QVERIFY(!center.transfer->isLocal(id));
            std::tie(ok, message) = download(center, caseId, descriptor);
            QVERIFY2(ok, qPrintable(message));
            QVERIFY(center.transfer->isLocal(id));
            const QByteArray original = descriptor.value("name").toString().endsWith(".jpg") ? photo : note;
            QCOMPARE(center.store->attachments().data(id), original);
            // Opening it again needs no second download.
            std::tie(ok, message) = download(center, caseId, descriptor);
            QVERIFY(ok);
        }
        // Downloaded files are not uploaded again by the center.
        QCOMPARE(center.store->attachments().toUpload(10, center.user.id).size(), 0);
    }

    void serverAcceptsEventsBeforeTheirFiles()
    {
        Client street, center;
        QVERIFY(makeClient(street, "street2.sqlite", User::make("tuodong", Role::StreetOperator, "street.tuodong")));
        QVERIFY(makeClient(center, "center2.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));
        street.transfer->setUploadAfterSync(false);

        QJsonArray descriptors;
        const QByteArray photo = jpeg(64 * 1024);
        const QString caseId = registerOffline(street, QStringLiteral("井盖缺失"), {{QStringLiteral("井盖.jpg"), photo}},
                                               &descriptors);
        QVERIFY(!caseId.isEmpty());
        auto [ok, message] = sync(street, false);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(street.store->journal().pendingCount(), 0);  // the event is on the server, its file is not
        QCOMPARE(street.store->attachments().toUpload(10, street.user.id).size(), 1);

        std::tie(ok, message) = sync(center, false);
        QVERIFY2(ok, qPrintable(message));
        const QJsonObject descriptor = descriptors.at(0).toObject();
        std::tie(ok, message) = download(center, caseId, descriptor);
        QVERIFY(!ok);
        QVERIFY2(message.contains("not reached the server yet"), qPrintable(message));
        QVERIFY(!center.transfer->problem(descriptor.value("id").toString()).isEmpty());

        QSignalSpy uploads(street.transfer.get(), &AttachmentTransfer::uploadsFinished);
        street.transfer->uploadPending();
        QVERIFY(uploads.wait(30000));
        QCOMPARE(uploads.first().at(0).toInt(), 1);
        std::tie(ok, message) = download(center, caseId, descriptor);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(center.store->attachments().data(descriptor.value("id").toString()), photo);
    }

    void uploadIsIdempotent()
    {
        const QByteArray photo = jpeg(10 * 1024);
        const QString sha = sha256(photo);
        const qint64 before = serverAttachmentRows();
        ApiClient::Response r = put(sha, "a.jpg", photo);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json.value("status").toString(), QStringLiteral("stored"));
        QCOMPARE(r.json.value("sha256").toString(), sha);
        QCOMPARE(r.json.value("mime").toString(), QStringLiteral("image/jpeg"));
        // Again, by another user and under another name: the same content is the same row.
        r = put(sha, "b.jpg", photo, "dispatcher");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("status").toString(), QStringLiteral("exists"));
        QCOMPARE(r.json.value("name").toString(), QStringLiteral("a.jpg"));
        r = put(sha, "a.jpg", photo, "tuodong", "application/octet-stream");
        QCOMPARE(r.status, 200);
        QCOMPARE(serverAttachmentRows(), before + 1);
    }

    void refusedUploadsStoreNothing_data()
    {
        QTest::addColumn<QString>("sha");
        QTest::addColumn<QString>("nameQuery");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");

        const QByteArray photo = jpeg(4096);
        const QString sha = sha256(photo);
        const QByteArray exe = QByteArray("MZ\x90\x00", 4) + QByteArray(2000, 'x');
        const QByteArray big = jpeg(10 * 1024 * 1024 + 4);
        const QByteArray text = "just words";
        QTest::newRow("checksum mismatch") << sha256("other") << "a.jpg" << photo << QByteArray("image/jpeg") << 422
                                           << "checksum_mismatch";
        QTest::newRow("truncated body") << sha << "a.jpg" << photo.left(2000) << QByteArray("image/jpeg") << 422
                                        << "checksum_mismatch";
        QTest::newRow("oversize") << sha256(big) << "big.jpg" << big << QByteArray("image/jpeg") << 413 << "body_too_large";
        QTest::newRow("program as exe") << sha256(exe) << "run.exe" << exe << QByteArray("application/octet-stream")
                                        << 415 << "unsupported_type";
        QTest::newRow("program renamed jpg") << sha256(exe) << "photo.jpg" << exe << QByteArray("image/jpeg") << 415
                                             << "unsupported_type";
        QTest::newRow("declared type differs") << sha << "a.jpg" << photo << QByteArray("text/html") << 415
                                               << "unsupported_type";
        QTest::newRow("text named png") << sha256(text) << "a.png" << text << QByteArray("image/png") << 415
                                        << "unsupported_type";
        QTest::newRow("empty") << sha256(QByteArray()) << "a.txt" << QByteArray() << QByteArray("text/plain") << 400
                               << "invalid_input";
        QTest::newRow("no name") << sha << "" << photo << QByteArray("image/jpeg") << 400 << "invalid_name";
        QTest::newRow("traversal") << sha << encoded("../../etc/passwd.jpg") << photo << QByteArray("image/jpeg") << 400
                                   << "invalid_name";
        QTest::newRow("traversal encoded twice") << sha << "..%252F..%252Fx.jpg" << photo << QByteArray("image/jpeg")
                                                 << 400 << "invalid_name";
        QTest::newRow("windows traversal") << sha << encoded("..\\..\\boot.jpg") << photo << QByteArray("image/jpeg")
                                           << 400 << "invalid_name";
        QTest::newRow("absolute path") << sha << encoded("/etc/cron.d/x.jpg") << photo << QByteArray("image/jpeg") << 400
                                       << "invalid_name";
        QTest::newRow("drive path") << sha << encoded("C:\\Windows\\x.jpg") << photo << QByteArray("image/jpeg") << 400
                                    << "invalid_name";
        QTest::newRow("NUL") << sha << "a%00.jpg" << photo << QByteArray("image/jpeg") << 400 << "invalid_name";
        QTest::newRow("control character") << sha << "a%0Ab.jpg" << photo << QByteArray("image/jpeg") << 400
                                           << "invalid_name";
        QTest::newRow("hidden") << sha << ".htaccess.jpg" << photo << QByteArray("image/jpeg") << 400 << "invalid_name";
        QTest::newRow("uppercase sha") << sha.toUpper() << "a.jpg" << photo << QByteArray("image/jpeg") << 400
                                       << "invalid_input";
        QTest::newRow("sha too short") << sha.left(63) << "a.jpg" << photo << QByteArray("image/jpeg") << 400
                                       << "invalid_input";
    }

    void refusedUploadsStoreNothing()
    {
        QFETCH(QString, sha);
        QFETCH(QString, nameQuery);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, error);
        const qint64 before = serverAttachmentRows();
        QVERIFY(before >= 0);
        const ApiClient::Response r = put(sha, nameQuery, body, "tuodong", contentType);
        QVERIFY2(r.status == status, r.raw.left(300).constData());
        QCOMPARE(r.error(), error);
        QVERIFY2(!r.json.value("message").toString().isEmpty(), r.raw.left(300).constData());
        QCOMPARE(serverAttachmentRows(), before);
        // And nothing can be fetched under that name either.
        const ApiClient::Response get = m_api->get("/api/v1/attachments/" + sha, token("dispatcher"));
        QVERIFY2(get.status == 404 || get.status == 400, get.raw.left(300).constData());
    }

    void downloadFollowsCaseVisibility()
    {
        Client street;
        QVERIFY(makeClient(street, "street3.sqlite", User::make("tuodong", Role::StreetOperator, "street.tuodong")));
        QJsonArray descriptors;
        const QByteArray photo = jpeg(8 * 1024);
        const QString caseId = registerOffline(street, QStringLiteral("违章停车"), {{QStringLiteral("车辆.jpg"), photo}},
                                               &descriptors);
        QVERIFY(!caseId.isEmpty());
        auto [ok, message] = sync(street);
        QVERIFY2(ok, qPrintable(message));
        const QString sha = sha256(photo);
        const QString path = "/api/v1/attachments/" + sha;

        // Those who may see the case get the bytes, with the file's type.
        for (const char *user : {"tuodong", "dispatcher", "supervisor"}) {
            const ApiClient::Response r = m_api->get(path, token(user));
            QVERIFY2(r.status == 200, user);
            QCOMPARE(r.raw, photo);
        }
        // A department never summoned, and a community the case is not in: 403 with the reason.
        for (const char *user : {"chengguan", "zhujian", "shifu"}) {
            const ApiClient::Response r = m_api->get(path, token(user));
            QVERIFY2(r.status == 403, user);
            QCOMPARE(r.error(), QStringLiteral("forbidden"));
            QVERIFY(r.json.value("message").toString().contains("outside your area"));
            QVERIFY(!r.raw.contains(photo.left(64)));
        }
        // The same refusal through a client's transfer, in words.
        Client department;
        QVERIFY(makeClient(department, "dept.sqlite", User::make("chengguan", Role::DepartmentHandler, "dept.chengguan")));
        std::tie(ok, message) = download(department, caseId, descriptors.at(0).toObject());
        QVERIFY(!ok);
        QVERIFY2(message.contains("outside your area"), qPrintable(message));
        QVERIFY(!department.transfer->isLocal(descriptors.at(0).toObject().value("id").toString()));

        // Unknown content, no session, wrong method.
        QCOMPARE(m_api->get("/api/v1/attachments/" + sha256("nobody has this"), token("dispatcher")).status, 404);
        QCOMPARE(m_api->get(path, QString()).status, 401);
        QCOMPARE(m_api->send("DELETE", path, QByteArray(), token("dispatcher")).status, 405);
        QCOMPARE(m_api->get("/api/v1/attachments", token("dispatcher")).status, 404);

        // Bytes uploaded but named by no case: nobody may fetch them.
        const QByteArray orphan = jpeg(2048);
        QCOMPARE(put(sha256(orphan), "orphan.jpg", orphan).status, 201);
        const ApiClient::Response r = m_api->get("/api/v1/attachments/" + sha256(orphan), token("dispatcher"));
        QCOMPARE(r.status, 403);
    }

#ifdef GW_TEST_WITH_GUI
    // The case view of the desktop client: a pulled file shows as on the server, one click downloads and opens it.
    void caseViewDownloadsAndOpens()
    {
        Client street, center, department;
        QVERIFY(makeClient(street, "street5.sqlite", User::make("tuodong", Role::StreetOperator, "street.tuodong")));
        QVERIFY(makeClient(center, "center5.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));
        QVERIFY(makeClient(department, "dept5.sqlite", User::make("zhujian", Role::DepartmentHandler, "dept.zhujian")));
        QJsonArray descriptors;
        const QByteArray photo = jpeg(20 * 1024);
        const QString caseId = registerOffline(street, QStringLiteral("占道经营"), {{QStringLiteral("摊位.jpg"), photo}},
                                               &descriptors);
        QVERIFY(!caseId.isEmpty());
        auto [ok, message] = sync(street);
        QVERIFY2(ok, qPrintable(message));
        std::tie(ok, message) = sync(center);
        QVERIFY2(ok, qPrintable(message));
        const std::optional<CaseRecord> record = center.store->caseById(caseId);
        QVERIFY(record);

        AttachmentList view(center.store.get());
        view.setLaunchesViewer(false);
        view.showCaseFiles(caseId, record->attachments, center.transfer.get());
        QCOMPARE(view.listWidget()->count(), 1);
        QCOMPARE(view.stateText(0), QStringLiteral("on the server"));
        QVERIFY(view.listWidget()->item(0)->text().contains(QStringLiteral("摊位.jpg")));
        QCOMPARE(view.openButton()->text(), QStringLiteral("Download and open"));
        QVERIFY(view.openButton()->isEnabled());

        QSignalSpy opened(&view, &AttachmentList::fileOpened);
        QTest::mouseClick(view.openButton(), Qt::LeftButton);
        for (int i = 0; i < 600 && opened.isEmpty(); ++i)
            opened.wait(100);
        QCOMPARE(opened.size(), 1);
        const QString path = opened.first().at(1).toString();
        QVERIFY2(path.endsWith(QStringLiteral("/摊位.jpg")), qPrintable(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), photo);
        QCOMPARE(view.stateText(0), QStringLiteral("on this computer"));
        QCOMPARE(view.openButton()->text(), QStringLiteral("Open"));
        QVERIFY(view.errorLabel()->text().isEmpty());

        // A department not summoned: the refusal shows in words under the list, nothing is written.
        AttachmentList denied(department.store.get());
        denied.setLaunchesViewer(false);
        denied.showCaseFiles(caseId, descriptors, department.transfer.get());
        QSignalSpy finished(department.transfer.get(), &AttachmentTransfer::downloadFinished);
        QSignalSpy deniedOpened(&denied, &AttachmentList::fileOpened);
        denied.openAt(0);
        for (int i = 0; i < 600 && finished.isEmpty(); ++i)
            finished.wait(100);
        QCOMPARE(finished.size(), 1);
        QVERIFY2(denied.errorLabel()->text().contains(QStringLiteral("outside your area")),
                 qPrintable(denied.errorLabel()->text()));
        QCOMPARE(denied.stateText(0), QStringLiteral("on the server, download failed"));
        QCOMPARE(deniedOpened.size(), 0);
    }
#endif

    void downloadedBytesAreChecked()
    {
        // A descriptor whose checksum does not match what the server holds under it is refused locally.
        Client center;
        QVERIFY(makeClient(center, "center4.sqlite", User::make("dispatcher", Role::CenterDispatcher, "center.district")));
        QJsonObject forged{{"id", CaseEvent::newId()}, {"name", "../x.jpg"}, {"mime", "image/jpeg"}, {"size", 10},
                           {"sha256", "not-a-checksum"}};
        auto [ok, message] = download(center, CaseEvent::newId(), forged);
        QVERIFY(!ok);
        QVERIFY(!message.isEmpty());
        // A plain name is required before anything is written locally, even for bytes that hash right.
        // (Built field by field: AttachmentDescriptor::fromJson would already refuse the name.)
        const QByteArray photo = jpeg(1024);
        AttachmentDescriptor file;
        file.id = forged.value("id").toString();
        file.name = QStringLiteral("../x.jpg");
        file.mime = QStringLiteral("image/jpeg");
        file.size = photo.size();
        file.sha256 = sha256(photo);
        const Result stored = center.store->attachments().putDownloaded(CaseEvent::newId(), file, photo);
        QVERIFY(!stored.ok);
        QVERIFY(!center.store->attachments().find(file.id));
    }
};

#ifdef GW_TEST_WITH_GUI
QTEST_MAIN(TstAttachments)
#else
QTEST_GUILESS_MAIN(TstAttachments)
#endif
#include "tst_attachments.moc"

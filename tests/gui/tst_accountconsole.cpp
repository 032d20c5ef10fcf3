// The account console (issue 17, item 4) against a real district server over HTTPS on loopback: list and search,
// create (the server's role/unit and duplicate-id refusals as form errors, nothing stored), disable and enable,
// reset a password that the person must replace at their next sign-in (through the real sign-in dialog), and the
// administrative log of those changes, whose tampering the console shows. Screenshots in Chinese.
#include <QtTest>

#ifdef GW_HAVE_SERVER_TEST_SUPPORT
#include "accountadminclient.h"
#include "accountconsoledialog.h"
#include "accountformdialog.h"
#include "apiclient.h"
#include "applicationcontext.h"
#include "casestore.h"
#include "changepassworddialog.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "signinagaindialog.h"
#include "syncstatuswidget.h"
#include "eventbuilder.h"
#include "casedraft.h"
#include "resetpassworddialog.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "syncscheduler.h"
#include "testpki.h"
#include "../support/enginewaits.h"
#include "screenshots.h"
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>

using namespace gw;
using namespace gw::test;

class TestAccountConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsAndSearches();
    void refusedAccountIsAFormErrorAndNothingIsStored();
    void createsAnAccount();
    void disablesAndEnables();
    void resetPasswordMustBeReplacedAtSignIn();
    void adminLogRecordsChangesAndShowsTampering();
    void offlineConsoleSaysWhy();
    void revokedSessionKeepsWorkAndSignsInAgain();
    void screenshotsInChinese();
    void cleanupTestCase();

private:
    static bool waitLoaded(AccountConsoleDialog &console);
    QJsonObject serverAccount(const QString &id);
    static void fillText(QWidget *parent, const char *name, const QString &text);

    QTemporaryDir m_dir;
    TestPki m_pki;
    ServerProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminPassword, m_adminToken;
    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<SyncEngine> m_admin;
};

void TestAccountConsole::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString err = startDemoServerWithAdmin(m_server, m_pki, m_dir.path(), &m_adminPassword, &m_adminToken);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
    m_store = std::make_unique<CaseStore>();
    QVERIFY(m_store->open(m_dir.filePath("admin.sqlite")).ok);
    m_admin = std::make_unique<SyncEngine>(m_store.get());
    QVERIFY(m_admin->configure(m_server.url(), m_pki.caFile).ok);
    QVERIFY(signInAndWait(*m_admin, QStringLiteral("admin"), m_adminPassword));
}

void TestAccountConsole::cleanupTestCase()
{
    m_admin.reset();
    m_store.reset();
    m_server.stop();
}

bool TestAccountConsole::waitLoaded(AccountConsoleDialog &console)
{
    QSignalSpy loaded(&console, &AccountConsoleDialog::loaded);
    for (int i = 0; i < 300 && loaded.isEmpty(); ++i)
        loaded.wait(100);
    return !loaded.isEmpty();
}

QJsonObject TestAccountConsole::serverAccount(const QString &id)
{
    const QJsonArray users = m_api->get("/api/v1/users", m_adminToken).json.value("users").toArray();
    for (const QJsonValue &u : users)
        if (u.toObject().value("id").toString() == id)
            return u.toObject();
    return {};
}

void TestAccountConsole::fillText(QWidget *parent, const char *name, const QString &text)
{
    auto *edit = parent->findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    edit->clear();
    bool ascii = true;
    for (QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii)
        QTest::keyClicks(edit, text);
    else
        edit->setText(text);  // QTest types ASCII only; Chinese comes from an input method anyway
}

void TestAccountConsole::listsAndSearches()
{
    AccountConsoleDialog console(m_admin.get());
    console.show();
    QVERIFY(waitLoaded(console));
    QStringList ids;
    for (const User &u : console.accounts())
        ids << u.id;
    for (const char *id : {"admin", "dispatcher", "tuodong", "shifu", "chengguan", "zhujian"})
        QVERIFY2(ids.contains(QLatin1String(id)), qPrintable(ids.join(',')));
    auto *model = console.accountTable()->model();
    QCOMPARE(model->rowCount(), int(console.accounts().size()));

    auto *roleFilter = console.findChild<QComboBox *>("roleFilter");
    roleFilter->setCurrentIndex(roleFilter->findData(roleToString(Role::DepartmentHandler)));
    QCOMPARE(model->rowCount(), 2);  // chengguan, zhujian
    roleFilter->setCurrentIndex(0);
    fillText(&console, "accountSearch", QStringLiteral("zhujian"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("zhujian"));
    fillText(&console, "accountSearch", QStringLiteral("拓东"));  // the unit's name: the street operator and more
    QVERIFY(model->rowCount() >= 1);
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(model->index(r, 3).data().toString().contains(QStringLiteral("拓东"))
                || model->index(r, 1).data().toString().contains(QStringLiteral("拓东")));

    // Own account: cannot be disabled from here (nor by the server).
    fillText(&console, "accountSearch", QString());
    console.selectAccount(QStringLiteral("admin"));
    QVERIFY(!console.findChild<QPushButton *>("toggleActiveButton")->isEnabled());
    console.selectAccount(QStringLiteral("zhujian"));
    QVERIFY(console.findChild<QPushButton *>("toggleActiveButton")->isEnabled());
}

void TestAccountConsole::refusedAccountIsAFormErrorAndNothingIsStored()
{
    AccountAdminClient client(m_admin.get());
    const int before = int(m_api->get("/api/v1/users", m_adminToken).json.value("users").toArray().size());

    // A street operator in a department: the rule the server has, shown at once under the unit.
    AccountFormDialog form(&client, User(), QStringLiteral("admin"));
    form.show();
    fillText(&form, "accountId", QStringLiteral("wrong.unit"));
    fillText(&form, "accountName", QStringLiteral("错单位"));
    auto *role = form.findChild<QComboBox *>("accountRole");
    auto *unit = form.findChild<QComboBox *>("accountUnit");
    role->setCurrentIndex(role->findData(roleToString(Role::StreetOperator)));
    unit->setCurrentIndex(unit->findData(QStringLiteral("dept.chengguan")));
    QVERIFY2(form.errorText("orgUnit").contains("must belong to a street office"), qPrintable(form.errorText("orgUnit")));
    fillText(&form, "accountPassword", QStringLiteral("Street-2026-pw"));
    fillText(&form, "accountPasswordRepeat", QStringLiteral("Street-2026-pw"));
    QTest::mouseClick(form.findChild<QPushButton *>("submitButton"), Qt::LeftButton);
    QVERIFY(form.isVisible());
    QVERIFY(!client.isBusy());  // nothing was sent

    // A taken login id: only the server knows; its refusal lands under the id, with everything typed kept.
    fillText(&form, "accountId", QStringLiteral("dispatcher"));
    unit->setCurrentIndex(unit->findData(QStringLiteral("street.gulou")));
    QVERIFY(form.errorText("orgUnit").isEmpty());
    QTest::mouseClick(form.findChild<QPushButton *>("submitButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!form.errorText("id").isEmpty(), 15000);
    QVERIFY2(form.errorText("id").contains("already taken"), qPrintable(form.errorText("id")));
    QVERIFY(form.isVisible());
    QCOMPARE(form.findChild<QLineEdit *>("accountPassword")->text(), QStringLiteral("Street-2026-pw"));

    // Too short a password: the policy the server runs.
    fillText(&form, "accountId", QStringLiteral("gulou.short"));
    fillText(&form, "accountPassword", QStringLiteral("short"));
    fillText(&form, "accountPasswordRepeat", QStringLiteral("short"));
    QTest::mouseClick(form.findChild<QPushButton *>("submitButton"), Qt::LeftButton);
    QVERIFY(!form.errorText("password").isEmpty());

    QCOMPARE(int(m_api->get("/api/v1/users", m_adminToken).json.value("users").toArray().size()), before);
    QVERIFY(serverAccount("wrong.unit").isEmpty());
}

void TestAccountConsole::createsAnAccount()
{
    AccountAdminClient client(m_admin.get());
    AccountFormDialog form(&client, User(), QStringLiteral("admin"));
    form.show();
    fillText(&form, "accountId", QStringLiteral("gulou.op"));
    fillText(&form, "accountName", QStringLiteral("鼓楼街道值班员"));
    auto *role = form.findChild<QComboBox *>("accountRole");
    role->setCurrentIndex(role->findData(roleToString(Role::StreetOperator)));
    auto *unit = form.findChild<QComboBox *>("accountUnit");
    unit->setCurrentIndex(unit->findData(QStringLiteral("street.gulou")));
    fillText(&form, "accountPassword", QStringLiteral("Gulou-2026-pw"));
    fillText(&form, "accountPasswordRepeat", QStringLiteral("Gulou-2026-pw"));
    QVERIFY(form.findChild<QCheckBox *>("accountMustChange")->isChecked());
    auto *grant = form.findChild<QCheckBox *>("accountAssessmentAdmin");
    QVERIFY(grant && !grant->isChecked());
    grant->setChecked(true);  // issue 16: a right beyond the role
    QTest::mouseClick(form.findChild<QPushButton *>("submitButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(form.result(), int(QDialog::Accepted), 15000);
    QCOMPARE(form.savedUser().id, QStringLiteral("gulou.op"));
    QCOMPARE(serverAccount("gulou.op").value("grants").toArray(), QJsonArray{QStringLiteral("assessment_admin")});
    {
        // Taken away again in the edit form: the server holds none, and the change is logged.
        AccountFormDialog edit(&client, form.savedUser(), QStringLiteral("admin"));
        edit.show();
        QVERIFY(edit.findChild<QCheckBox *>("accountAssessmentAdmin")->isChecked());
        edit.findChild<QCheckBox *>("accountAssessmentAdmin")->setChecked(false);
        QTest::mouseClick(edit.findChild<QPushButton *>("submitButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(edit.result(), int(QDialog::Accepted), 15000);
        QVERIFY(!serverAccount("gulou.op").contains("grants"));
    }
    const QJsonObject stored = serverAccount("gulou.op");
    QCOMPARE(stored.value("role").toString(), QStringLiteral("street_operator"));
    QCOMPARE(stored.value("orgUnit").toString(), QStringLiteral("street.gulou"));
    QCOMPARE(stored.value("mustChangePassword").toBool(), true);
    // Its given password opens nothing but the password change.
    const QString token = m_api->login("gulou.op", "Gulou-2026-pw");
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_api->get("/api/v1/events", token).json.value("error").toString(), QStringLiteral("password_change_required"));
}

void TestAccountConsole::disablesAndEnables()
{
    QVERIFY(!m_api->login("zhujian", DemoPassword).isEmpty());
    AccountConsoleDialog console(m_admin.get());
    console.show();
    QVERIFY(waitLoaded(console));
    console.selectAccount(QStringLiteral("zhujian"));
    QCOMPARE(console.selectedAccountId(), QStringLiteral("zhujian"));
    // Disabling asks first; the test answers Yes.
    QTimer::singleShot(200, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Yes)->click();
    });
    QSignalSpy reloaded(&console, &AccountConsoleDialog::loaded);
    console.toggleActive();
    QTRY_VERIFY_WITH_TIMEOUT(!serverAccount("zhujian").value("active").toBool(true), 15000);
    QVERIFY(m_api->login("zhujian", DemoPassword).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), 15000);
    console.selectAccount(QStringLiteral("zhujian"));
    QCOMPARE(console.findChild<QPushButton *>("toggleActiveButton")->text(), QStringLiteral("Enable"));
    console.toggleActive();  // enabling asks nothing
    QTRY_VERIFY_WITH_TIMEOUT(serverAccount("zhujian").value("active").toBool(), 15000);
    QVERIFY(!m_api->login("zhujian", DemoPassword).isEmpty());
}

void TestAccountConsole::resetPasswordMustBeReplacedAtSignIn()
{
    AccountAdminClient client(m_admin.get());
    ResetPasswordDialog reset(&client, QStringLiteral("chengguan"), QStringLiteral("演示城管处置员"));
    reset.show();
    fillText(&reset, "newPassword", QStringLiteral("Reset-2026-pw"));
    fillText(&reset, "repeatPassword", QStringLiteral("Reset-2026-pw"));
    QTest::mouseClick(reset.findChild<QPushButton *>("submitButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(reset.result(), int(QDialog::Accepted), 15000);
    QVERIFY(m_api->login("chengguan", DemoPassword).isEmpty());
    QCOMPARE(serverAccount("chengguan").value("mustChangePassword").toBool(), true);

    // The person signs in with the given password on their own computer: the sign-in asks for their own first.
    QTemporaryDir settings, data;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    ApplicationContext context;
    QVERIFY(context.open(data.path()).ok);
    context.setConnectionMode(ApplicationContext::ConnectionMode::RemoteServer);
    context.setServerUrl(m_server.url());
    context.setCaCertificateFile(m_pki.caFile);
    LoginDialog login(&context, nullptr);
    login.show();
    login.findChild<QRadioButton *>("remoteServer")->setChecked(true);
    login.findChild<QLineEdit *>("serverUrl")->setText(m_server.url().toString());
    login.findChild<QComboBox *>("userId")->setCurrentText(QStringLiteral("chengguan"));
    fillText(&login, "password", QStringLiteral("Reset-2026-pw"));
    bool sawForm = false;
    QString formTitle;
    std::function<void()> answer = [&]() {
        auto *change = qobject_cast<ChangePasswordDialog *>(QApplication::activeModalWidget());
        if (!change) {
            if (login.isVisible() && login.result() != QDialog::Accepted)
                QTimer::singleShot(100, this, answer);
            return;
        }
        sawForm = true;
        formTitle = change->windowTitle();
        QVERIFY(change->findChild<QLineEdit *>("currentPassword")->isReadOnly());
        fillText(change, "newPassword", QStringLiteral("Chengguan-own-1"));
        fillText(change, "repeatPassword", QStringLiteral("Chengguan-own-1"));
        QTest::mouseClick(change->findChild<QPushButton *>("submitButton"), Qt::LeftButton);
    };
    QTimer::singleShot(100, this, answer);
    QTest::mouseClick(login.findChild<QPushButton *>("loginButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(login.result(), int(QDialog::Accepted), 30000);
    QVERIFY(sawForm);
    QCOMPARE(formTitle, QStringLiteral("Set your own password"));
    QCOMPARE(context.currentUser().mustChangePassword, false);
    const QString token = m_api->login("chengguan", "Chengguan-own-1");
    QVERIFY(!token.isEmpty());
    QCOMPARE(m_api->get("/api/v1/events", token).status, 200);
    const auto [synced, message] = syncAndWait(*context.sync());
    QVERIFY2(synced, qPrintable(message));
}

void TestAccountConsole::adminLogRecordsChangesAndShowsTampering()
{
    AccountConsoleDialog console(m_admin.get());
    console.show();
    QVERIFY(waitLoaded(console));
    console.showLogTab();
    QTableWidget *log = console.logTable();
    QVERIFY(log->rowCount() >= 10);
    QVERIFY2(console.chainText().contains("intact"), qPrintable(console.chainText()));
    auto find = [log](const QString &action, const QString &subject) {
        for (int r = 0; r < log->rowCount(); ++r)
            if (log->item(r, 3)->text() == action && log->item(r, 4)->text() == subject)
                return r;
        return -1;
    };
    const int created = find("Account created", "gulou.op");
    QVERIFY(created >= 0);
    QCOMPARE(log->item(created, 2)->text(), QStringLiteral("admin"));
    QVERIFY2(log->item(created, 5)->text().contains(QStringLiteral("鼓楼街道值班员")), qPrintable(log->item(created, 5)->text()));
    const int disabled = find("Account changed", "zhujian");
    QVERIFY(disabled >= 0);
    QVERIFY(find("Password reset by an administrator", "chengguan") >= 0);
    const int own = find("Own password changed", "chengguan");
    QVERIFY(own >= 0);
    QCOMPARE(log->item(own, 2)->text(), QStringLiteral("chengguan"));
    QVERIFY(find("Own password changed", "admin") >= 0);
    for (int r = 0; r < log->rowCount(); ++r)  // never a password
        for (int c = 0; c < log->columnCount(); ++c)
            QVERIFY(!log->item(r, c)->text().contains("Reset-2026-pw") && !log->item(r, c)->text().contains("Chengguan-own-1"));

    // Someone edits a row in the server's database: the chain no longer holds, and the console says where.
    const qint64 seq = log->item(disabled, 0)->text().toLongLong();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "tamper");
        db.setDatabaseName(m_dir.filePath("server/server.sqlite"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QString("UPDATE admin_log SET details = '{\"changes\":{\"role\":[\"department_handler\",\"administrator\"]}}'"
                               " WHERE seq = %1").arg(seq)));
        QCOMPARE(q.numRowsAffected(), 1);
        db.close();
    }
    QSqlDatabase::removeDatabase("tamper");
    console.reload();
    QVERIFY(waitLoaded(console));
    QVERIFY2(console.chainText().contains("tampered") && console.chainText().contains(QString("#%1").arg(seq)),
             qPrintable(console.chainText()));
    for (int r = 0; r < log->rowCount(); ++r)  // the row where the chain breaks stands out
        QCOMPARE(log->item(r, 0)->background().color() == QColor(0xff, 0xcd, 0xd2), log->item(r, 0)->text().toLongLong() == seq);
}

void TestAccountConsole::offlineConsoleSaysWhy()
{
    CaseStore store;
    QVERIFY(store.open(m_dir.filePath("offline.sqlite")).ok);
    SyncEngine offline(&store);
    AccountConsoleDialog console(&offline);
    console.show();
    QVERIFY2(console.statusText().contains("offline"), qPrintable(console.statusText()));
    QVERIFY(!console.findChild<QPushButton *>("newAccountButton")->isEnabled());
    QVERIFY(!console.findChild<QPushButton *>("resetPasswordButton")->isEnabled());
}

// Issue 17, item 5: the server ends a person's session while they work (an administrator reset the password). The
// sync says so, nothing local is lost, and the person signs in again from the status bar without leaving the window;
// a wrong password is refused in the form; their queued action then goes out as theirs.
void TestAccountConsole::revokedSessionKeepsWorkAndSignsInAgain()
{
    QTemporaryDir settings, data;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    ApplicationContext context;
    QVERIFY(context.open(data.path()).ok);
    QVERIFY(context.sync()->configure(m_server.url(), m_pki.caFile).ok);
    QVERIFY(signInAndWait(*context.sync(), QStringLiteral("tuodong"), DemoPassword));
    context.setCurrentUser(context.sync()->currentUser());
    MainWindow window(&context);
    window.show();
    SyncStatusWidget *status = window.syncStatus();
    QVERIFY(!status->offersSignIn());

    // The window's own first sync runs at once; let it end, so the sync below is the one that meets the revocation
    // (and the action below is still waiting then).
    QTRY_VERIFY_WITH_TIMEOUT(context.syncScheduler()->firstSyncDone() && !context.sync()->isSyncing(), 30000);
    CaseDraft draft;
    draft.title = QStringLiteral("拓东路垃圾堆放");
    draft.description = QStringLiteral("拓东路 35 号门口垃圾堆放三天未清运。");
    draft.categoryId = QStringLiteral("city_appearance");
    draft.streetId = QStringLiteral("street.tuodong");
    draft.communityId = QStringLiteral("community.tuodong.1");
    draft.address = QStringLiteral("拓东路 35 号");
    CaseEvent registered = EventBuilder(context.currentUser(), context.store()->deviceId()).registerCase(draft);
    QVERIFY(context.store()->append(registered).ok);
    QCOMPARE(m_api->put("/api/v1/users/tuodong", {{"password", "Tuodong-new-2026"}}, m_adminToken).status, 200);
    const auto [synced, message] = syncAndWait(*context.sync());
    QVERIFY(!synced);
    QVERIFY2(message.contains("revoked") || message.contains("Log in again"), qPrintable(message));
    QTRY_VERIFY(status->offersSignIn());
    QVERIFY2(!status->errorText().isEmpty(), "the reason is in the status bar");
    status->refreshCounts();
    QCOMPARE(status->pendingCount(), 1);  // the action waits, nothing lost

    QString firstError;
    bool triedWrong = false;
    std::function<void()> answer = [&]() {
        auto *dialog = qobject_cast<SignInAgainDialog *>(QApplication::activeModalWidget());
        if (!dialog) {
            QTimer::singleShot(100, this, answer);
            return;
        }
        if (!triedWrong) {
            triedWrong = true;
            fillText(dialog, "password", QStringLiteral("not-my-password"));
            QTest::mouseClick(dialog->findChild<QPushButton *>("submitButton"), Qt::LeftButton);
            QTimer::singleShot(100, this, answer);
            return;
        }
        if (dialog->errorText().isEmpty()) {  // still waiting for the server's answer to the wrong password
            QTimer::singleShot(100, this, answer);
            return;
        }
        firstError = dialog->errorText();
        fillText(dialog, "password", QStringLiteral("Tuodong-new-2026"));
        QTest::mouseClick(dialog->findChild<QPushButton *>("submitButton"), Qt::LeftButton);
    };
    QTimer::singleShot(100, this, answer);
    QTest::mouseClick(status->findChild<QToolButton *>("signInButton"), Qt::LeftButton);
    QVERIFY2(firstError.contains("Wrong user name or password"), qPrintable(firstError));
    QTRY_COMPARE_WITH_TIMEOUT(context.store()->journal().pendingCount(QStringLiteral("tuodong")), 0, 30000);
    QVERIFY(context.sync()->isLoggedIn());
    QTRY_VERIFY(!status->offersSignIn());
    const QString token = m_api->login("tuodong", "Tuodong-new-2026");
    const ApiClient::Response stored = m_api->get("/api/v1/cases/" + registered.caseId, token);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.json.value("case").toObject().value("title").toString(), draft.title);
}

void TestAccountConsole::screenshotsInChinese()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
    if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty())
        qWarning("No Simplified Chinese font installed (fonts-noto-cjk): Chinese text will show as boxes");
    AccountConsoleDialog console(m_admin.get());
    console.resize(1100, 640);
    console.show();
    QVERIFY(waitLoaded(console));
    QCOMPARE(console.windowTitle(), QStringLiteral("账号管理"));
    console.selectAccount(QStringLiteral("gulou.op"));
    QVERIFY(!saveScreenshot(&console, QStringLiteral("accounts_console_zh_CN.png")).isEmpty());
    console.showLogTab();
    QVERIFY2(console.chainText().contains(QStringLiteral("篡改")), qPrintable(console.chainText()));
    QVERIFY(!saveScreenshot(&console, QStringLiteral("accounts_log_zh_CN.png")).isEmpty());

    AccountAdminClient client(m_admin.get());
    AccountFormDialog form(&client, User(), QStringLiteral("admin"));
    form.show();
    fillText(&form, "accountId", QStringLiteral("wuhua.op"));
    fillText(&form, "accountName", QStringLiteral("值班员"));
    auto *role = form.findChild<QComboBox *>("accountRole");
    role->setCurrentIndex(role->findData(roleToString(Role::StreetOperator)));
    auto *unit = form.findChild<QComboBox *>("accountUnit");
    unit->setCurrentIndex(unit->findData(QStringLiteral("dept.chengguan")));
    QVERIFY2(form.errorText("orgUnit").contains(QStringLiteral("街道")), qPrintable(form.errorText("orgUnit")));
    QVERIFY(!saveScreenshot(&form, QStringLiteral("accounts_form_error_zh_CN.png")).isEmpty());
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
}

#else
class TestAccountConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void needsTheServer() { QSKIP("the district server is not part of this build"); }
};
#endif

QTEST_MAIN(TestAccountConsole)
#include "tst_accountconsole.moc"

// Saves PNGs of the application shell in zh_CN so people can look at them:
// ${GW_BINARY_DIR}/screenshots/shell_mainwindow_zh_CN.png, shell_login_zh_CN.png, shell_conflicts_zh_CN.png,
// gridwhistle_icon_256.png.
#include "applicationcontext.h"
#include "casestore.h"
#include "casetablemodel.h"
#include "conflictinboxdialog.h"
#include "eventbuilder.h"
#include "guidemodata.h"
#include "icons.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "changepassworddialog.h"
#include "settingsdialog.h"
#include "syncjournal.h"
#include "workflow.h"
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QApplication>
#include <QDir>
#include <QFontDatabase>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestScreenshotsShell : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mainWindow();
    void loginDialog();
    void conflictInbox();
    void sharedDesktop();
    void settingsAndPassword();
    void applicationIcon();

private:
    QString save(QWidget *widget, const QString &name);

    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dataDir;
    QDir m_out;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<ApplicationContext> m_context;
};

void TestScreenshotsShell::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_screenshots_shell"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    const QString binaryDir = qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath());
    m_out = QDir(binaryDir);
    QVERIFY(m_out.mkpath(QStringLiteral("screenshots")));
    QVERIFY(m_out.cd(QStringLiteral("screenshots")));
    if (!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty())
        qInfo("CJK fonts: %s", qPrintable(QFontDatabase::families(QFontDatabase::SimplifiedChinese).mid(0, 3).join(", ")));
    else
        qWarning("No Simplified Chinese font installed (fonts-noto-cjk): Chinese text will show as boxes");

    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(QStringLiteral("zh_CN")));
    m_context = std::make_unique<ApplicationContext>();
    QVERIFY(m_context->open(m_dataDir.path()).ok);
    const Result r = demo::populate(m_context->store(), 50, 11);
    QVERIFY2(r.ok, qPrintable(r.message));
}

QString TestScreenshotsShell::save(QWidget *widget, const QString &name)
{
    const QString path = m_out.filePath(name);
    const QImage image = widget->grab().toImage();
    if (image.isNull() || !image.save(path))
        return {};
    qInfo("saved %s", qPrintable(path));
    return path;
}

void TestScreenshotsShell::mainWindow()
{
    m_context->setCurrentUser(demo::user(QStringLiteral("dispatcher")));
    MainWindow w(m_context.get(), m_languages.get());
    w.resize(1600, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setCurrentView(SavedView::Kind::AllVisible);
    // Show an overdue case in the detail pane: the state operators look at most.
    int overdueRow = 0;
    for (int r = 0; r < w.caseModel()->rowCount(); ++r) {
        if (w.caseModel()->index(r, 0).data(CaseTableModel::OverdueRole).toBool()) {
            overdueRow = r;
            break;
        }
    }
    w.selectCase(w.caseModel()->caseIdAt(overdueRow));
    QTest::qWait(50);
    const QString path = save(&w, QStringLiteral("shell_mainwindow_zh_CN.png"));
    QVERIFY(!path.isEmpty());
    const QImage image(path);
    QCOMPARE(image.size(), w.size() * w.devicePixelRatio());
    // Not a blank grab: the table draws rows in more than one colour.
    QSet<QRgb> colours;
    for (int x = 0; x < image.width(); x += 7)
        colours.insert(image.pixel(x, image.height() / 3));
    QVERIFY(colours.size() > 3);
}

void TestScreenshotsShell::loginDialog()
{
    LoginDialog dialog(m_context.get(), m_languages.get());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!save(&dialog, QStringLiteral("shell_login_zh_CN.png")).isEmpty());
}

void TestScreenshotsShell::conflictInbox()
{
    CaseStore *store = m_context->store();
    const User dispatcher = demo::user(QStringLiteral("dispatcher"));
    const QString caseId = store->listCases(CaseFilter(), 0, 1).first().id;
    CaseEvent comment = EventBuilder(dispatcher, store->deviceId())
                            .make(EventType::Commented, caseId, {{"text", QStringLiteral("请城管局今天下午到场")}});
    QVERIFY(store->append(comment).ok);
    QVERIFY(store->journal().rejectOutboxEvent(comment.id, QStringLiteral("invalid_state"),
                                     QStringLiteral("该哨件已被其他用户结案，无法再添加留言")).ok);
    // A refusal as the server sends it (message id and arguments), rendered in the UI language.
    const CaseSummary second = store->listCases(CaseFilter(), 1, 1).first();
    CaseEvent another = EventBuilder(dispatcher, store->deviceId())
                            .make(EventType::Commented, second.id, {{"text", QStringLiteral("请住建局核实")}});
    QVERIFY(store->append(another).ok);
    const Message refusal = Message::translate("gw::ApiServer", "Case %1 is outside your area of responsibility.")
                                .arg(second.number);
    QJsonObject wire;
    refusal.writeTo(wire, QStringLiteral("message"));
    QVERIFY(store->journal().rejectOutboxEvent(another.id, QStringLiteral("forbidden"),
                                               Message::readFrom(wire, QStringLiteral("message"))).ok);
    ConflictInboxDialog dialog(store, dispatcher);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.itemCount(), 2);
    auto *table = dialog.findChild<QTableWidget *>();
    QVERIFY(table);
    QStringList reasons;
    for (int row = 0; row < table->rowCount(); ++row)
        reasons << (table->item(row, 3) ? table->item(row, 3)->text() : QString());
    QVERIFY2(reasons.join(QLatin1Char('\n')).contains(QStringLiteral("哨件 %1 不在您的责任范围内").arg(second.number)), qPrintable(reasons.join(QLatin1Char('\n'))));
    QVERIFY2(!reasons.join(QLatin1Char('\n')).contains(QStringLiteral("outside")), qPrintable(reasons.join(QLatin1Char('\n'))));
    QVERIFY(!save(&dialog, QStringLiteral("shell_conflicts_zh_CN.png")).isEmpty());
}

// Issue 17: the street operator left a comment unsent on this shared desktop; the dispatcher who signs in next
// sees that it waits (count, case title) and finds that case read-only, with the reason.
void TestScreenshotsShell::sharedDesktop()
{
    CaseStore *store = m_context->store();
    const User street = demo::user(QStringLiteral("tuodong"));
    QString caseId;
    for (const CaseSummary &c : store->listCases(CaseFilter(), 0, 200)) {
        const std::optional<CaseRecord> r = store->caseById(c.id);
        if (r && r->streetId == street.orgUnitId && Workflow().permits(&*r, street, EventType::Commented).ok
            && store->journal().heldBy(c.id, street.id).isEmpty()) {
            caseId = c.id;
            break;
        }
    }
    QVERIFY(!caseId.isEmpty());
    CaseEvent note = EventBuilder(street, store->deviceId())
                         .make(EventType::Commented, caseId, {{"text", QStringLiteral("已联系物业，明早到场")}});
    QVERIFY(store->append(note).ok);

    m_context->setCurrentUser(demo::user(QStringLiteral("dispatcher")));
    MainWindow w(m_context.get(), m_languages.get());
    w.resize(1600, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.setCurrentView(SavedView::Kind::AllVisible);
    w.selectCase(caseId);
    QTest::qWait(50);
    auto *held = w.findChild<QLabel *>(QStringLiteral("heldForAuthor"));
    QVERIFY(held && held->isVisible());
    QVERIFY2(held->text().contains(QStringLiteral("只读")) && held->text().contains(street.id), qPrintable(held->text()));
    auto *waiting = w.findChild<QLabel *>(QStringLiteral("othersWaiting"));
    QTRY_VERIFY(waiting && waiting->isVisible());
    QVERIFY2(waiting->text().contains(QStringLiteral("1")), qPrintable(waiting->text()));
    QVERIFY2(waiting->toolTip().contains(store->caseById(caseId)->title), qPrintable(waiting->toolTip()));
    QVERIFY(!save(&w, QStringLiteral("shell_shared_desktop_zh_CN.png")).isEmpty());
    // The dispatcher's own actions on that case are refused by the store with the same reason.
    CaseEvent mine = EventBuilder(demo::user(QStringLiteral("dispatcher")), store->deviceId())
                         .make(EventType::Commented, caseId, {{"text", QStringLiteral("调度补充")}});
    const Result refused = store->append(mine);
    QCOMPARE(refused.code, QStringLiteral("held_for_author"));
    QCOMPARE(refused.message.text(), held->text());
}

// Issue 17's forms: the idle-lock setting and "change my password", as a person sees them in Chinese.
void TestScreenshotsShell::settingsAndPassword()
{
    SettingsDialog settings(m_context.get(), m_languages.get());
    settings.show();
    QVERIFY(QTest::qWaitForWindowExposed(&settings));
    QCOMPARE(settings.findChild<QSpinBox *>(QStringLiteral("idleLock"))->value(), 15);
    QVERIFY(!save(&settings, QStringLiteral("shell_settings_zh_CN.png")).isEmpty());
    ChangePasswordDialog password(m_context.get());
    password.show();
    QVERIFY(QTest::qWaitForWindowExposed(&password));
    QTest::keyClicks(password.findChild<QLineEdit *>(QStringLiteral("currentPassword")), QStringLiteral("gw-demo-2026"));
    QTest::keyClicks(password.findChild<QLineEdit *>(QStringLiteral("newPassword")), QStringLiteral("dispatcher"));
    QTest::keyClicks(password.findChild<QLineEdit *>(QStringLiteral("repeatPassword")), QStringLiteral("dispatcher"));
    password.accept();  // refused by the form: the login id
    QVERIFY2(password.errorText().contains(QStringLiteral("登录名")), qPrintable(password.errorText()));
    QVERIFY(!save(&password, QStringLiteral("shell_change_password_zh_CN.png")).isEmpty());
}

void TestScreenshotsShell::applicationIcon()
{
    const QPixmap icon = Icons::application().pixmap(256, 256);
    QCOMPARE(icon.size(), QSize(256, 256));
    const QString path = m_out.filePath(QStringLiteral("gridwhistle_icon_256.png"));
    QVERIFY(icon.save(path));
    qInfo("saved %s", qPrintable(path));
}

QTEST_MAIN(TestScreenshotsShell)
#include "tst_screenshots_shell.moc"

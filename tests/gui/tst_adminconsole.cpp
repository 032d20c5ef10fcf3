// The administration console for the district's reference data (issue 16), against a real district server over HTTPS
// on loopback: the work calendar as served; the 2027 year entered in the console, saved on the server and used by
// another client after one sync (a deadline moves past 元旦); a wrong year refused under its field with nothing
// stored; import from a file; read-only offline and for other roles, with the reason; the administrators' warning
// before the calendar runs out. Screenshots in Chinese.
#include <QtTest>

#ifdef GW_HAVE_SERVER_TEST_SUPPORT
#include "adminactions.h"
#include "apiclient.h"
#include "applicationcontext.h"
#include "calendaradmindialog.h"
#include "casestore.h"
#include "departmentpicker.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "syncscheduler.h"
#include "protocol/referenceset.h"
#include "referencecache.h"
#include "serverprocess.h"
#include "servertestkit.h"
#include "syncengine.h"
#include "testpki.h"
#include "workcalendar.h"
#include "../support/enginewaits.h"
#include "screenshots.h"
#include <QFontDatabase>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace gw;
using namespace gw::test;

namespace {

const QTimeZone kKunming(8 * 3600);

QDate twoWorkingDaysFromDec30()
{
    const QDateTime from(QDate(2026, 12, 30), QTime(10, 0), kKunming);
    return WorkCalendar::builtin().addWorkingDays(from, 2).toTimeZone(kKunming).date();
}

// 2027 as the notice would give it (the test's own data).
void enter2027(CalendarAdminDialog &console)
{
    console.addYear(2027);
    console.noticeEdit()->setText(QStringLiteral("国办发明电〔2026〕测试"));
    console.addHoliday(QStringLiteral("元旦"), QDate(2027, 1, 1), QDate(2027, 1, 3));
    console.addHoliday(QStringLiteral("春节"), QDate(2027, 2, 6), QDate(2027, 2, 13));
    console.addHoliday(QStringLiteral("清明节"), QDate(2027, 4, 3), QDate(2027, 4, 5));
    console.addHoliday(QStringLiteral("劳动节"), QDate(2027, 5, 1), QDate(2027, 5, 5));
    console.addHoliday(QStringLiteral("端午节"), QDate(2027, 6, 9), QDate(2027, 6, 11));
    console.addHoliday(QStringLiteral("国庆节、中秋节"), QDate(2027, 10, 1), QDate(2027, 10, 7));
    for (const QDate &d : {QDate(2027, 1, 30), QDate(2027, 2, 20), QDate(2027, 4, 25), QDate(2027, 5, 8), QDate(2027, 9, 26),
                           QDate(2027, 10, 9)})
        console.addWorkday(d);
}

} // namespace

class TestAdminConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTheServedCalendar();
    void offlineAndOtherRolesAreReadOnlyWithTheReason();
    void wrongYearIsAFieldErrorAndNothingIsStored();
    void year2027EnteredInTheConsoleReachesAnotherClient();
    void importsAYearFromAFile();
    void warnsAdministratorsBeforeTheCalendarRunsOut();
    void deadlinePastTheCalendarIsMarkedInTheWhistleForm();
    void screenshotsInChinese();
    void cleanupTestCase();

private:
    int calendarVersionOnServer();
    static bool saveAndWait(CalendarAdminDialog &console);

    QTemporaryDir m_dir;
    TestPki m_pki;
    ServerProcess m_server;
    std::unique_ptr<ApiClient> m_api;
    QString m_adminPassword;
    std::unique_ptr<CaseStore> m_adminStore, m_otherStore;
    std::unique_ptr<SyncEngine> m_admin, m_other;
};

void TestAdminConsole::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString adminToken;
    const QString err = startDemoServerWithAdmin(m_server, m_pki, m_dir.path(), &m_adminPassword, &adminToken);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    m_api = std::make_unique<ApiClient>(m_server.url(), m_pki.caFile);
    const auto open = [this](std::unique_ptr<CaseStore> &store, std::unique_ptr<SyncEngine> &engine, const QString &file) {
        store = std::make_unique<CaseStore>();
        QVERIFY(store->open(m_dir.filePath(file)).ok);
        engine = std::make_unique<SyncEngine>(store.get());
        QVERIFY(engine->configure(m_server.url(), m_pki.caFile).ok);
    };
    open(m_adminStore, m_admin, QStringLiteral("admin.sqlite"));
    open(m_otherStore, m_other, QStringLiteral("dispatcher.sqlite"));
    QVERIFY(signInAndWait(*m_admin, QStringLiteral("admin"), m_adminPassword));
    QVERIFY(signInAndWait(*m_other, QStringLiteral("dispatcher"), DemoPassword));
    QVERIFY(syncAndWait(*m_admin).first);
    QVERIFY(syncAndWait(*m_other).first);
}

void TestAdminConsole::cleanupTestCase()
{
    m_admin.reset();
    m_other.reset();
    m_adminStore.reset();
    m_otherStore.reset();
    m_server.stop();
}

int TestAdminConsole::calendarVersionOnServer()
{
    const ApiClient::Response r = m_api->get(QStringLiteral("/api/v1/reference"), m_api->login(QStringLiteral("dispatcher"), DemoPassword));
    for (const QJsonValue &v : r.json.value("sets").toArray())
        if (v.toObject().value("kind").toString() == ReferenceSet::Calendar)
            return v.toObject().value("version").toInt();
    return -1;
}

bool TestAdminConsole::saveAndWait(CalendarAdminDialog &console)
{
    QSignalSpy saved(&console, &CalendarAdminDialog::saved);
    console.saveButton()->click();
    for (int i = 0; i < 300 && saved.isEmpty() && !console.statusText().startsWith(QLatin1String("Not saved")); ++i)
        saved.wait(100);
    if (saved.isEmpty())
        qWarning("%s", qPrintable(console.statusText()));
    return !saved.isEmpty();
}

void TestAdminConsole::showsTheServedCalendar()
{
    QCOMPARE(ReferenceCache(m_adminStore->journal()).versions().value(ReferenceSet::Calendar), 1);
    CalendarAdminDialog console(m_admin.get(), m_adminStore.get());
    QVERIFY(!console.isReadOnly());
    const int last = WorkCalendar::builtin().lastKnownYear();
    QCOMPARE(console.shownYear(), last);
    const CalendarYear shown = console.editedYear();
    QCOMPARE(shown, *WorkCalendar::builtin().year(last));
    QCOMPARE(console.holidayTable()->rowCount(), int(shown.holidays.size()));
    QCOMPARE(console.workdayTable()->rowCount(), int(shown.extraWorkdays.size()));
    QVERIFY2(console.statusText().contains(QStringLiteral("version 1")), qPrintable(console.statusText()));
    QVERIFY(console.saveButton()->isEnabled());
}

void TestAdminConsole::offlineAndOtherRolesAreReadOnlyWithTheReason()
{
    SyncEngine offline(m_adminStore.get());  // never signed in: the admin working offline
    CalendarAdminDialog offlineConsole(&offline, m_adminStore.get());
    QVERIFY(offlineConsole.isReadOnly());
    QVERIFY(!offlineConsole.saveButton()->isEnabled());
    QVERIFY(offlineConsole.noticeEdit()->isReadOnly());
    QVERIFY2(offlineConsole.statusText().contains(QStringLiteral("offline")), qPrintable(offlineConsole.statusText()));
    QVERIFY(offlineConsole.holidayTable()->rowCount() > 0);  // still readable

    CalendarAdminDialog dispatcherConsole(m_other.get(), m_otherStore.get());
    QVERIFY(dispatcherConsole.isReadOnly());
    QVERIFY2(dispatcherConsole.statusText().contains(QStringLiteral("Only administrators")),
             qPrintable(dispatcherConsole.statusText()));
}

void TestAdminConsole::wrongYearIsAFieldErrorAndNothingIsStored()
{
    const int before = calendarVersionOnServer();
    QVERIFY(before > 0);
    CalendarAdminDialog console(m_admin.get(), m_adminStore.get());
    console.addYear(2027);
    console.addHoliday(QStringLiteral("元旦"), QDate(2027, 1, 1), QDate(2027, 1, 3));
    console.addHoliday(QStringLiteral("补假"), QDate(2027, 1, 3), QDate(2027, 1, 4));
    console.saveButton()->click();
    QVERIFY2(console.fieldError(QStringLiteral("holidays")).contains(QStringLiteral("overlap")),
             qPrintable(console.fieldError(QStringLiteral("holidays"))));
    console.removeSelectedHoliday();  // nothing selected: nothing removed
    QCOMPARE(console.holidayTable()->rowCount(), 2);
    console.holidayTable()->selectRow(1);
    console.removeSelectedHoliday();
    console.addWorkday(QDate(2027, 1, 5));  // a Tuesday
    console.saveButton()->click();
    QVERIFY(console.fieldError(QStringLiteral("holidays")).isEmpty());
    QVERIFY2(console.fieldError(QStringLiteral("extraWorkdays")).contains(QStringLiteral("2027-01-05")),
             qPrintable(console.fieldError(QStringLiteral("extraWorkdays"))));
    QTest::qWait(200);
    QCOMPARE(calendarVersionOnServer(), before);
    QVERIFY(!WorkCalendar::builtin().year(2027));
}

void TestAdminConsole::year2027EnteredInTheConsoleReachesAnotherClient()
{
    QVERIFY(WorkCalendar::builtin().lastKnownYear() < 2027);
    QCOMPARE(twoWorkingDaysFromDec30(), QDate(2027, 1, 1));  // before: 元旦 counted as a working day
    CalendarAdminDialog console(m_admin.get(), m_adminStore.get());
    enter2027(console);
    QVERIFY2(console.findChild<QLabel *>(QStringLiteral("yearPreview"))->text().contains(QStringLiteral("2027")),
             qPrintable(console.findChild<QLabel *>(QStringLiteral("yearPreview"))->text()));
    QVERIFY(saveAndWait(console));
    QCOMPARE(calendarVersionOnServer(), 2);
    QVERIFY2(console.statusText().contains(QStringLiteral("version 2")), qPrintable(console.statusText()));
    // The administrator's own PC uses it at once.
    QCOMPARE(ReferenceCache(m_adminStore->journal()).versions().value(ReferenceSet::Calendar), 2);
    QCOMPARE(twoWorkingDaysFromDec30(), QDate(2027, 1, 4));

    // Another PC, still on the shipped calendar, gets it with one sync and keeps it offline.
    WorkCalendar::installDistrict(WorkCalendar::shipped());
    QCOMPARE(twoWorkingDaysFromDec30(), QDate(2027, 1, 1));
    QSignalSpy changed(m_other.get(), &SyncEngine::referenceDataChanged);
    QVERIFY(syncAndWait(*m_other).first);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(ReferenceCache(m_otherStore->journal()).versions().value(ReferenceSet::Calendar), 2);
    QCOMPARE(twoWorkingDaysFromDec30(), QDate(2027, 1, 4));
    QVERIFY(WorkCalendar::builtin().isWorkingDay(QDate(2027, 2, 20)));   // a make-up Saturday
    QVERIFY(!WorkCalendar::builtin().isWorkingDay(QDate(2027, 10, 6)));  // 国庆

    // The change is in the administrative log, by the administrator.
    const ApiClient::Response log = m_api->get(QStringLiteral("/api/v1/admin/log?limit=1"),
                                               m_api->login(QStringLiteral("admin"), m_adminPassword));
    const QJsonObject entry = log.json.value("entries").toArray().first().toObject();
    QCOMPARE(entry.value("action").toString(), QStringLiteral("reference.calendar_year_set"));
    QCOMPARE(entry.value("actor").toString(), QStringLiteral("admin"));
    QCOMPARE(entry.value("subject").toString(), QStringLiteral("calendar/2027"));
}

void TestAdminConsole::importsAYearFromAFile()
{
    CalendarAdminDialog console(m_admin.get(), m_adminStore.get());
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"year\": 2028, \"holidays\": [{\"name\": \"元旦\", \"from\": \"2028-01-01\"}]}");
    }
    QVERIFY(!console.importFile(bad));
    QVERIFY2(console.statusText().contains(QStringLiteral("is not a calendar")), qPrintable(console.statusText()));
    QCOMPARE(console.shownYear(), 2027);

    const QString good = m_dir.filePath(QStringLiteral("2028.json"));
    {
        QFile f(good);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QJsonObject year{{"year", 2028},
                               {"notice", QStringLiteral("国办发明电〔2027〕测试")},
                               {"holidays", QJsonArray{QJsonObject{{"name", QStringLiteral("元旦")}, {"from", "2028-01-01"}, {"to", "2028-01-03"}}}},
                               {"extraWorkdays", QJsonArray{}}};
        f.write(QJsonDocument(year).toJson());
    }
    QVERIFY(console.importFile(good));
    QCOMPARE(console.shownYear(), 2028);
    QCOMPARE(console.holidayTable()->rowCount(), 1);
    const auto *list = console.findChild<QListWidget *>(QStringLiteral("yearList"));
    QVERIFY(list->currentItem()->text().contains(QStringLiteral("not saved")));
    QCOMPARE(calendarVersionOnServer(), 2);  // imported is not saved until the administrator says so
    QVERIFY(saveAndWait(console));
    QCOMPARE(calendarVersionOnServer(), 3);
    QCOMPARE(WorkCalendar::builtin().lastKnownYear(), 2028);
}

void TestAdminConsole::warnsAdministratorsBeforeTheCalendarRunsOut()
{
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(kKunming).date();
    const WorkCalendar held = WorkCalendar::builtin();
    ApplicationContext context;
    QVERIFY(context.open(m_dir.filePath(QStringLiteral("warning-client"))).ok);
    context.setCurrentUser(User::make(QStringLiteral("admin"), Role::Administrator, QStringLiteral("center.district")));
    QMainWindow window;
    AdminActions actions(&window, &context);

    // A calendar that ended last year: the warning is there and says what to enter.
    WorkCalendar ended;
    CalendarYear last;
    last.year = today.year() - 1;
    QVERIFY(ended.setYear(last).ok);
    WorkCalendar::installDistrict(ended);
    actions.updateCalendarWarning();
    QVERIFY(!actions.calendarWarning()->isHidden());
    QVERIFY2(actions.calendarWarning()->text().contains(QString::number(today.year())), qPrintable(actions.calendarWarning()->text()));

    // One that reaches next year's end: no warning.
    WorkCalendar ahead;
    CalendarYear next;
    next.year = today.year() + 1;
    QVERIFY(ahead.setYear(next).ok);
    WorkCalendar::installDistrict(ahead);
    actions.updateCalendarWarning();
    QVERIFY(actions.calendarWarning()->isHidden());

    // Only administrators are warned.
    WorkCalendar::installDistrict(ended);
    context.setCurrentUser(User::make(QStringLiteral("dispatcher"), Role::CenterDispatcher, QStringLiteral("center.district")));
    actions.updateCalendarWarning();
    QVERIFY(actions.calendarWarning()->isHidden());
    WorkCalendar::installDistrict(held);
}

// A whistle on 2026-12-28 whose default deadlines fall in 2027: without the 2027 calendar the form says they were
// counted on weekdays only; with it (as synced), no note.
void TestAdminConsole::deadlinePastTheCalendarIsMarkedInTheWhistleForm()
{
    CaseRecord record;
    record.id = QStringLiteral("6f1d3c2a-0000-4000-8000-000000000001");
    record.categoryId = QStringLiteral("city_appearance");
    record.streetId = QStringLiteral("street.tuodong");
    const QDateTime whistledAt(QDate(2026, 12, 28), QTime(16, 0), kKunming);

    WorkCalendar::installDistrict(WorkCalendar::shipped());
    QVERIFY(!WorkCalendar::builtin().covers(QDate(2027, 1, 4)));
    {
        DepartmentPicker picker(record, whistledAt);
        QVERIFY(picker.calendarNote().isEmpty());  // nothing picked, nothing to say
        picker.setLead(QStringLiteral("dept.chengguan"));
        QVERIFY2(picker.calendarNote().contains(QStringLiteral("2027")), qPrintable(picker.calendarNote()));
    }
    QVERIFY(ReferenceCache(m_adminStore->journal()).installHeld().ok);  // the district's calendar, with 2027
    QVERIFY(WorkCalendar::builtin().covers(QDate(2027, 1, 4)));
    DepartmentPicker picker(record, whistledAt);
    picker.setLead(QStringLiteral("dept.chengguan"));
    QVERIFY2(picker.calendarNote().isEmpty(), qPrintable(picker.calendarNote()));
}

void TestAdminConsole::screenshotsInChinese()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
    if (QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty())
        qWarning("No Simplified Chinese font installed (fonts-noto-cjk): Chinese text will show as boxes");
    {
        CalendarAdminDialog console(m_admin.get(), m_adminStore.get());
        console.show();
        QCOMPARE(console.windowTitle(), QStringLiteral("工作日历"));
        console.showYear(2027);
        QCOMPARE(console.holidayTable()->rowCount(), 6);
        QVERIFY2(console.statusText().contains(QStringLiteral("版本")), qPrintable(console.statusText()));
        QVERIFY(!saveScreenshot(&console, QStringLiteral("calendar_console_zh_CN.png")).isEmpty());
    }
    {
        CalendarAdminDialog console(m_admin.get(), m_adminStore.get());
        console.show();
        console.addYear(2029);
        console.addHoliday(QStringLiteral("元旦"), QDate(2029, 1, 1), QDate(2029, 1, 1));
        console.addHoliday(QStringLiteral("春节"), QDate(2029, 2, 12), QDate(2029, 2, 18));
        console.addWorkday(QDate(2029, 2, 17));  // a Saturday inside 春节
        console.saveButton()->click();
        QVERIFY2(console.fieldError(QStringLiteral("extraWorkdays")).contains(QStringLiteral("春节")),
                 qPrintable(console.fieldError(QStringLiteral("extraWorkdays"))));
        QVERIFY(!saveScreenshot(&console, QStringLiteral("calendar_console_error_zh_CN.png")).isEmpty());
    }
    {
        // The administrator's main window when the calendar has run out: the notice in the status bar opens it.
        QTemporaryDir settings, data;
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
        ApplicationContext context;
        QVERIFY(context.open(data.path()).ok);
        QVERIFY(context.sync()->configure(m_server.url(), m_pki.caFile).ok);
        QVERIFY(signInAndWait(*context.sync(), QStringLiteral("admin"), m_adminPassword));
        context.setCurrentUser(context.sync()->currentUser());
        MainWindow window(&context);
        window.resize(1280, 760);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(context.syncScheduler()->firstSyncDone() && !context.sync()->isSyncing(), 30000);
        const WorkCalendar held = WorkCalendar::builtin();
        WorkCalendar ended;
        CalendarYear last;
        last.year = QDateTime::currentDateTimeUtc().toTimeZone(kKunming).date().year() - 1;
        QVERIFY(ended.setYear(last).ok);
        WorkCalendar::installDistrict(ended);
        Q_EMIT context.sync()->referenceDataChanged();
        auto *warning = window.statusBar()->findChild<QPushButton *>(QStringLiteral("calendarWarning"));
        QVERIFY(warning && !warning->isHidden());
        QVERIFY2(warning->text().contains(QStringLiteral("工作日历")), qPrintable(warning->text()));
        QCoreApplication::processEvents();  // the status bar lays the notice out
        QVERIFY(warning->width() >= warning->sizeHint().width());
        QVERIFY(!saveScreenshot(&window, QStringLiteral("calendar_warning_main_zh_CN.png")).isEmpty());
        WorkCalendar::installDistrict(held);
    }
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
}

#else
class TestAdminConsole : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void needsTheServer() { QSKIP("the district server is not part of this build"); }
};
#endif

QTEST_MAIN(TestAdminConsole)
#include "tst_adminconsole.moc"

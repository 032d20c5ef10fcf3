// The administration console for the district's reference data (issue 16), against a real district server over HTTPS
// on loopback: the work calendar as served; the 2027 year entered in the console, saved on the server and used by
// another client after one sync (a deadline moves past 元旦); a wrong year refused under its field with nothing
// stored; import from a file; read-only offline and for other roles, with the reason; the administrators' warning
// before the calendar runs out. The categories and deadline rules: a rule changed in the console is the one another
// client pre-fills whistles with after one sync; a wrong rule is refused at its cell. The org directory: a grid cell
// entered in the console is offered by another client's registration form after one sync; a duplicate code is refused
// at its field. Two administrators at once: a save made from a category another one changed meanwhile is refused, and
// the console shows theirs. Screenshots in Chinese.
#include <QtTest>

#ifdef GW_HAVE_SERVER_TEST_SUPPORT
#include "adminactions.h"
#include "apiclient.h"
#include "applicationcontext.h"
#include "calendaradmindialog.h"
#include "categoryrulesdialog.h"
#include "caseregistrationdialog.h"
#include "officehoursbox.h"
#include "orgdirectorydialog.h"
#include "dashboardwindow.h"
#include "indicatoreditor.h"
#include "indicatorschedule.h"
#include "phrasebook.h"
#include "phrasebookdialog.h"
#include "phrasecombo.h"
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
#include <QComboBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QTreeWidget>
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

// A 市容环境 case of normal urgency in Tuodong, as the whistle form gets it.
CaseRecord appearanceCase(int n)
{
    CaseRecord record;
    record.id = QStringLiteral("6f1d3c2a-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
    record.categoryId = QStringLiteral("city_appearance");
    record.urgency = Urgency::Normal;
    record.streetId = QStringLiteral("street.tuodong");
    return record;
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
    void officeHoursSetInTheConsole();
    void rulesConsoleIsReadOnlyOfflineAndForOtherRoles();
    void wrongRuleIsAFieldErrorAndNothingIsStored();
    void ruleChangedInTheConsoleReachesAnotherClient();
    void longerDeadlineThanTheRuleIsNamedInTheWhistleForm();
    void anotherAdministratorsChangeIsShownNotOverwritten();
    void orgConsoleIsReadOnlyOfflineAndForOtherRoles();
    void wrongGridCellIsAFieldErrorAndNothingIsStored();
    void gridCellAddedInTheConsoleAppearsInAnotherClientsRegistrationForm();
    void phraseAddedInTheConsoleIsOfferedOnAnotherClient();
    void indicatorSetSavedByAnAssessmentAdministratorScoresTheMonthElsewhere();
    void screenshotsInChinese();
    void cleanupTestCase();

private:
    int calendarVersionOnServer() { return versionOnServer(ReferenceSet::Calendar); }
    int versionOnServer(const QString &kind);
    static bool saveAndWait(CalendarAdminDialog &console);
    static bool saveAndWait(CategoryRulesDialog &console);
    static bool saveAndWait(OrgDirectoryDialog &console);
    static bool saveAndWait(PhraseBookDialog &console);
    static bool saveAndWait(IndicatorEditor &console);

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

int TestAdminConsole::versionOnServer(const QString &kind)
{
    const ApiClient::Response r = m_api->get(QStringLiteral("/api/v1/reference?kinds=") + ReferenceSet::kindsToString(), m_api->login(QStringLiteral("dispatcher"), DemoPassword));
    for (const QJsonValue &v : r.json.value("sets").toArray())
        if (v.toObject().value("kind").toString() == kind)
            return v.toObject().value("version").toInt();
    return -1;
}

// Clicks save and waits for the server's answer (the console's own "saved" signal, or its refusal).
template <typename Console>
static bool clickSaveAndWait(Console &console)
{
    QSignalSpy saved(&console, &Console::saved);
    console.saveButton()->click();
    for (int i = 0; i < 300 && saved.isEmpty() && !console.statusText().startsWith(QLatin1String("Not saved")); ++i)
        saved.wait(100);
    if (saved.isEmpty())
        qWarning("%s", qPrintable(console.statusText()));
    return !saved.isEmpty();
}

bool TestAdminConsole::saveAndWait(CalendarAdminDialog &console) { return clickSaveAndWait(console); }
bool TestAdminConsole::saveAndWait(CategoryRulesDialog &console) { return clickSaveAndWait(console); }
bool TestAdminConsole::saveAndWait(OrgDirectoryDialog &console) { return clickSaveAndWait(console); }
bool TestAdminConsole::saveAndWait(PhraseBookDialog &console) { return clickSaveAndWait(console); }
bool TestAdminConsole::saveAndWait(IndicatorEditor &console) { return clickSaveAndWait(console); }

void TestAdminConsole::officeHoursSetInTheConsole()
{
    const int before = calendarVersionOnServer();
    CalendarAdminDialog console(m_admin.get(), m_adminStore.get());
    OfficeHoursBox *hours = console.officeHours();
    QCOMPARE(hours->edited(), WorkCalendar::builtin().workingDay());
    QVERIFY2(hours->summary().startsWith(QStringLiteral("7 office hour")), qPrintable(hours->summary()));
    WorkCalendar::WorkingDay wrong = hours->edited();
    wrong.lunchStart = QTime(8, 0);  // before the office opens
    hours->setEdited(wrong);
    QVERIFY2(hours->summary().contains(QStringLiteral("in order")), qPrintable(hours->summary()));
    hours->saveButton()->click();
    QVERIFY2(console.statusText().startsWith(QStringLiteral("Not saved")), qPrintable(console.statusText()));
    QTest::qWait(100);
    QCOMPARE(calendarVersionOnServer(), before);

    WorkCalendar::WorkingDay summer = WorkCalendar::builtin().workingDay();
    summer.lunchEnd = QTime(14, 30);
    hours->setEdited(summer);
    QVERIFY2(hours->summary().contains(QStringLiteral("6 h 30 min")), qPrintable(hours->summary()));
    QSignalSpy saved(hours, &OfficeHoursBox::saved);
    hours->saveButton()->click();
    QVERIFY(saved.wait(15000));
    QCOMPARE(calendarVersionOnServer(), before + 1);
    QCOMPARE(WorkCalendar::builtin().workingDay().lunchEnd, QTime(14, 30));
    QVERIFY2(console.statusText().contains(QStringLiteral("office hours")), qPrintable(console.statusText()));
    QVERIFY(syncAndWait(*m_other).first);  // the other computer takes the new calendar version too

    SyncEngine offline(m_adminStore.get());
    CalendarAdminDialog offlineConsole(&offline, m_adminStore.get());
    QVERIFY(!offlineConsole.officeHours()->saveButton()->isEnabled());
}

void TestAdminConsole::rulesConsoleIsReadOnlyOfflineAndForOtherRoles()
{
    SyncEngine offline(m_adminStore.get());
    CategoryRulesDialog offlineConsole(&offline, m_adminStore.get());
    QVERIFY(offlineConsole.isReadOnly());
    QVERIFY(!offlineConsole.saveButton()->isEnabled());
    QVERIFY(offlineConsole.nameEdit()->isReadOnly());
    QVERIFY2(offlineConsole.statusText().contains(QStringLiteral("offline")), qPrintable(offlineConsole.statusText()));
    QCOMPARE(offlineConsole.shownCategory(), CategoryCatalog::builtin().categories().first().id);  // still readable
    QCOMPARE(offlineConsole.editedCategory().toJson(), CategoryCatalog::builtin().categories().first().toJson());

    CategoryRulesDialog dispatcherConsole(m_other.get(), m_otherStore.get());
    QVERIFY(dispatcherConsole.isReadOnly());
    QVERIFY2(dispatcherConsole.statusText().contains(QStringLiteral("Only administrators")),
             qPrintable(dispatcherConsole.statusText()));
}

void TestAdminConsole::wrongRuleIsAFieldErrorAndNothingIsStored()
{
    const int before = versionOnServer(ReferenceSet::Categories);
    QVERIFY(before > 0);
    CategoryRulesDialog console(m_admin.get(), m_adminStore.get());
    QVERIFY(!console.isReadOnly());
    console.showCategory(QStringLiteral("city_appearance"));
    console.setDeadline(Urgency::Normal, QStringLiteral("checkIn"), {DeadlineSpec::Unit::WorkingDays, 10});
    console.saveButton()->click();
    QVERIFY2(console.fieldError().contains(QStringLiteral("longer than the handling deadline")), qPrintable(console.fieldError()));
    QVERIFY(!console.ruleTable()->findChild<QWidget *>(QStringLiteral("cell_normal_checkIn"))->styleSheet().isEmpty());
    console.nameEdit()->clear();
    console.setDeadline(Urgency::Normal, QStringLiteral("checkIn"), {DeadlineSpec::Unit::WorkingDays, 1});
    console.saveButton()->click();
    QVERIFY2(console.fieldError().contains(QStringLiteral("needs a name")), qPrintable(console.fieldError()));
    QTest::qWait(200);
    QCOMPARE(versionOnServer(ReferenceSet::Categories), before);
}

// The whole point: a rule changed in the console is the rule another client pre-fills its whistles with after one sync.
void TestAdminConsole::ruleChangedInTheConsoleReachesAnotherClient()
{
    const int before = versionOnServer(ReferenceSet::Categories);
    const CaseRecord record = appearanceCase(2);
    const QDateTime monday(QDate(2026, 11, 2), QTime(9, 0), kKunming);
    QCOMPARE(CategoryCatalog::builtin().handleRule(record.categoryId, Urgency::Normal).amount, 5);
    {
        CategoryRulesDialog console(m_admin.get(), m_adminStore.get());
        console.showCategory(QStringLiteral("city_appearance"));
        console.setDeadline(Urgency::Normal, QStringLiteral("handle"), {DeadlineSpec::Unit::WorkingDays, 4});
        console.setHours(Urgency::Urgent, QStringLiteral("verifyHours"), 6);
        console.showCategory(QStringLiteral("construction"));  // edits are kept while another category is looked at
        console.showCategory(QStringLiteral("city_appearance"));
        QCOMPARE(console.editedCategory().handleDeadline.value(Urgency::Normal).amount, 4);
        QVERIFY(saveAndWait(console));
        QVERIFY2(console.statusText().contains(QStringLiteral("version %1").arg(before + 1)), qPrintable(console.statusText()));
    }
    QCOMPARE(versionOnServer(ReferenceSet::Categories), before + 1);

    // The dispatcher's computer, after one sync: its whistle form pre-fills Friday, not Monday.
    CategoryCatalog::installDistrict(CategoryCatalog::shipped());
    QVERIFY(syncAndWait(*m_other).first);
    QCOMPARE(ReferenceCache(m_otherStore->journal()).versions().value(ReferenceSet::Categories), before + 1);
    QCOMPARE(CategoryCatalog::builtin().handleRule(record.categoryId, Urgency::Normal).amount, 4);
    QCOMPARE(CategoryCatalog::builtin().stepLimits(record.categoryId, Urgency::Urgent).verifyHours, 6);
    DepartmentPicker picker(record, monday);
    picker.setLead(QStringLiteral("dept.chengguan"));
    const QJsonObject lead = picker.departmentsPayload().at(0).toObject();
    QCOMPARE(CaseEvent::timeFromString(lead.value("handleDue").toString()).toTimeZone(kKunming).date(), QDate(2026, 11, 6));
}

// Another administrator renames 市场监管 while this console has it open: this console's save is refused naming them,
// the form then shows their name, and the change made again from it is stored.
void TestAdminConsole::anotherAdministratorsChangeIsShownNotOverwritten()
{
    const QString adminToken = m_api->login(QStringLiteral("admin"), m_adminPassword);
    QCOMPARE(m_api->post(QStringLiteral("/api/v1/users"),
                         {{"id", "guanli"}, {"name", QStringLiteral("值班管理员")}, {"role", "administrator"},
                          {"orgUnit", "center.district"}, {"password", "Guanli-2026-pw"}},
                         adminToken).status,
             201);
    CategoryRulesDialog console(m_admin.get(), m_adminStore.get());
    console.showCategory(QStringLiteral("market"));
    auto *name = console.findChild<QLineEdit *>(QStringLiteral("categoryNameEdit"));
    QVERIFY(name);
    QCOMPARE(name->text(), QStringLiteral("市场监管"));

    const Category opened = *CategoryCatalog::builtin().find(QStringLiteral("market"));
    Category theirs = opened;
    theirs.name = QStringLiteral("市场秩序");
    QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/categories/market?expect=") + ReferenceSet::itemTag(opened.toJson()),
                        theirs.toJson(), m_api->login(QStringLiteral("guanli"), QStringLiteral("Guanli-2026-pw")))
                 .status,
             200);
    const int afterTheirs = versionOnServer(ReferenceSet::Categories);

    name->setText(QStringLiteral("市场监督管理"));
    QVERIFY(!saveAndWait(console));
    QVERIFY2(console.statusText().contains(QStringLiteral("guanli")), qPrintable(console.statusText()));
    QCOMPARE(name->text(), theirs.name);  // theirs, now cached here
    QCOMPARE(versionOnServer(ReferenceSet::Categories), afterTheirs);

    name->setText(QStringLiteral("市场监督管理"));
    QVERIFY(saveAndWait(console));
    QCOMPARE(versionOnServer(ReferenceSet::Categories), afterTheirs + 1);
    QCOMPARE(CategoryCatalog::builtin().find(QStringLiteral("market"))->name, QStringLiteral("市场监督管理"));
}

void TestAdminConsole::longerDeadlineThanTheRuleIsNamedInTheWhistleForm()
{
    const CaseRecord record = appearanceCase(3);
    const QDateTime monday(QDate(2026, 11, 2), QTime(9, 0), kKunming);
    DepartmentPicker picker(record, monday);
    picker.setLead(QStringLiteral("dept.chengguan"));
    QVERIFY2(picker.calendarNote().isEmpty(), qPrintable(picker.calendarNote()));
    const QDateTime checkIn = CaseEvent::timeFromString(picker.departmentsPayload().at(0).toObject().value("checkInDue").toString());
    picker.setDeadlines(QStringLiteral("dept.chengguan"), checkIn, QDateTime(QDate(2026, 11, 20), QTime(18, 0), kKunming));
    QVERIFY2(picker.calendarNote().contains(QStringLiteral("Give the reason for the longer deadline")),
             qPrintable(picker.calendarNote()));
}

void TestAdminConsole::orgConsoleIsReadOnlyOfflineAndForOtherRoles()
{
    SyncEngine offline(m_adminStore.get());
    OrgDirectoryDialog offlineConsole(&offline, m_adminStore.get());
    QVERIFY(offlineConsole.isReadOnly());
    QVERIFY(!offlineConsole.saveButton()->isEnabled());
    QVERIFY(!offlineConsole.findChild<QPushButton *>(QStringLiteral("newGridCellButton"))->isEnabled());
    QVERIFY2(offlineConsole.statusText().contains(QStringLiteral("offline")), qPrintable(offlineConsole.statusText()));
    offlineConsole.showGridCell(QStringLiteral("530103001001001"));  // still readable
    QCOMPARE(offlineConsole.findChild<QLineEdit *>(QStringLiteral("cellNameEdit"))->text(), QStringLiteral("市府社区第1网格"));
    QVERIFY(offlineConsole.findChild<QLineEdit *>(QStringLiteral("cellNameEdit"))->isReadOnly());

    OrgDirectoryDialog dispatcherConsole(m_other.get(), m_otherStore.get());
    QVERIFY(dispatcherConsole.isReadOnly());
    QVERIFY2(dispatcherConsole.statusText().contains(QStringLiteral("Only administrators")),
             qPrintable(dispatcherConsole.statusText()));
}

void TestAdminConsole::wrongGridCellIsAFieldErrorAndNothingIsStored()
{
    const int before = versionOnServer(ReferenceSet::Org);
    QVERIFY(before > 0);
    OrgDirectoryDialog console(m_admin.get(), m_adminStore.get());
    QVERIFY(!console.isReadOnly());
    console.startNewGridCell(QStringLiteral("community.tuodong.1"));
    auto *code = console.findChild<QLineEdit *>(QStringLiteral("cellCodeEdit"));
    auto *name = console.findChild<QLineEdit *>(QStringLiteral("cellNameEdit"));
    QCOMPARE(code->text(), QStringLiteral("530103001001003"));  // the next code of the community
    code->setText(QStringLiteral("530103001001001"));           // 市府社区第1网格's
    name->setText(QStringLiteral("市府社区第3网格"));
    QVERIFY(!saveAndWait(console));
    QVERIFY2(console.fieldError().contains(QStringLiteral("already used")), qPrintable(console.fieldError()));
    QVERIFY(!code->styleSheet().isEmpty());
    // A broken area is named before anything is sent.
    code->setText(QStringLiteral("530103001001003"));
    console.findChild<QPlainTextEdit *>(QStringLiteral("cellAreaEdit"))->setPlainText(QStringLiteral("{\"type\": \"Polygon\""));
    console.saveButton()->click();
    QVERIFY2(console.fieldError().contains(QStringLiteral("not GeoJSON")), qPrintable(console.fieldError()));
    QVERIFY(code->styleSheet().isEmpty());
    QCOMPARE(versionOnServer(ReferenceSet::Org), before);
}

// The whole point: a grid cell entered in the console is offered by another computer's registration form after one sync.
void TestAdminConsole::gridCellAddedInTheConsoleAppearsInAnotherClientsRegistrationForm()
{
    const int before = versionOnServer(ReferenceSet::Org);
    const QString newCode = QStringLiteral("530103002002003");
    {
        OrgDirectoryDialog console(m_admin.get(), m_adminStore.get());
        console.showUnit(QStringLiteral("community.gulou.2"));
        console.findChild<QPushButton *>(QStringLiteral("newGridCellButton"))->click();  // for the community shown
        QCOMPARE(console.findChild<QComboBox *>(QStringLiteral("cellCommunityCombo"))->currentData().toString(),
                 QStringLiteral("community.gulou.2"));
        QCOMPARE(console.findChild<QLineEdit *>(QStringLiteral("cellCodeEdit"))->text(), newCode);
        console.findChild<QLineEdit *>(QStringLiteral("cellNameEdit"))->setText(QStringLiteral("圆通社区第3网格"));
        // The area from a surveyor's file: a FeatureCollection of one feature.
        const QString file = m_dir.filePath(QStringLiteral("yuantong3.geojson"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"圆通3"},
                    "geometry":{"type":"Polygon","coordinates":[[[102.708,25.052],[102.712,25.052],[102.712,25.056],
                    [102.708,25.056],[102.708,25.052]]]}}]})");
        f.close();
        QVERIFY(console.importArea(file));
        QVERIFY(saveAndWait(console));
        QVERIFY2(console.statusText().contains(QStringLiteral("version %1").arg(before + 1)), qPrintable(console.statusText()));
        QCOMPARE(console.shownKey(), newCode);
        QVERIFY(console.tree()->currentItem() && console.tree()->currentItem()->text(1) == newCode);
    }
    QCOMPARE(versionOnServer(ReferenceSet::Org), before + 1);
    const GridCell *stored = OrgDirectory::builtin().findGridCell(newCode);
    QVERIFY(stored && stored->area.value("type").toString() == QLatin1String("Polygon"));

    // The dispatcher's computer, after one sync: the registration form offers the cell under 圆通社区.
    OrgDirectory::installDistrict(OrgDirectory::shipped());
    QVERIFY(syncAndWait(*m_other).first);
    QCOMPARE(ReferenceCache(m_otherStore->journal()).versions().value(ReferenceSet::Org), before + 1);
    CaseRegistrationDialog form(m_otherStore.get(), m_other->currentUser());
    auto *street = form.findChild<QComboBox *>(QStringLiteral("streetCombo"));
    auto *community = form.findChild<QComboBox *>(QStringLiteral("communityCombo"));
    auto *cells = form.findChild<QComboBox *>(QStringLiteral("gridCellCombo"));
    street->setCurrentIndex(street->findData(QStringLiteral("street.gulou")));
    community->setCurrentIndex(community->findData(QStringLiteral("community.gulou.2")));
    QCOMPARE(cells->count(), 3);
    const int offered = cells->findData(newCode);
    QVERIFY(offered >= 0);
    QCOMPARE(cells->itemText(offered), QStringLiteral("圆通社区第3网格 (%1)").arg(newCode));
    cells->setCurrentIndex(offered);
    form.findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QStringLiteral("圆通街井盖缺失"));
    form.findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))->setPlainText(QStringLiteral("圆通街 12 号门前井盖缺失，夜间有行人跌倒风险。"));
    form.findChild<QLineEdit *>(QStringLiteral("addressEdit"))->setText(QStringLiteral("盘龙区圆通街12号"));
    QVERIFY(form.submit());
    const std::optional<CaseRecord> registered = m_otherStore->caseById(form.registeredCaseId());
    QVERIFY(registered);
    QCOMPARE(registered->gridCell, newCode);

    // A cell of another community is not taken for this one.
    CaseRegistrationDialog second(m_otherStore.get(), m_other->currentUser());
    auto *street2 = second.findChild<QComboBox *>(QStringLiteral("streetCombo"));
    street2->setCurrentIndex(street2->findData(QStringLiteral("street.gulou")));
    auto *community2 = second.findChild<QComboBox *>(QStringLiteral("communityCombo"));
    community2->setCurrentIndex(community2->findData(QStringLiteral("community.gulou.1")));
    second.findChild<QLineEdit *>(QStringLiteral("gridCellEdit"))->setText(newCode);
    second.findChild<QLineEdit *>(QStringLiteral("titleEdit"))->setText(QStringLiteral("北门街占道经营"));
    second.findChild<QPlainTextEdit *>(QStringLiteral("descriptionEdit"))->setPlainText(QStringLiteral("早市摊点占用人行道。"));
    second.findChild<QLineEdit *>(QStringLiteral("addressEdit"))->setText(QStringLiteral("盘龙区北门街3号"));
    QVERIFY(!second.submit());
    QVERIFY(second.findChild<QLabel *>(QStringLiteral("gridCellError"))->text().contains(QStringLiteral("not a grid cell of")));
}

// A phrase the administrator adds in the console is offered, in its place, by another computer's forms after one sync.
void TestAdminConsole::phraseAddedInTheConsoleIsOfferedOnAnotherClient()
{
    const int before = versionOnServer(ReferenceSet::Phrases);
    const QString phrase = QStringLiteral("已督促责任单位限期整改，并拍照留存");
    {
        SyncEngine offline(m_adminStore.get());
        PhraseBookDialog offlineConsole(&offline, m_adminStore.get());
        QVERIFY(offlineConsole.isReadOnly());
        QVERIFY2(offlineConsole.statusText().contains(QStringLiteral("offline")), qPrintable(offlineConsole.statusText()));
        PhraseBookDialog dispatcherConsole(m_other.get(), m_otherStore.get());
        QVERIFY(dispatcherConsole.isReadOnly());
    }
    {
        PhraseBookDialog console(m_admin.get(), m_adminStore.get());
        QVERIFY(!console.isReadOnly());
        console.showKind(QStringLiteral("feedback"));
        const QStringList served = PhraseBook::builtin().phrases(QStringLiteral("feedback"));
        QCOMPARE(console.editedPhrases(), served);
        console.addPhrase(served.first());  // twice: refused in the form, nothing added
        QVERIFY2(console.fieldError().contains(QStringLiteral("twice")), qPrintable(console.fieldError()));
        QCOMPARE(console.editedPhrases(), served);
        console.addPhrase(phrase);
        auto *list = console.findChild<QListWidget *>(QStringLiteral("districtPhraseList"));
        list->setCurrentRow(list->count() - 1);
        console.moveSelected(-1);  // before the last of the shipped ones
        QVERIFY(saveAndWait(console));
        QVERIFY2(console.statusText().contains(QStringLiteral("version %1").arg(before + 1)), qPrintable(console.statusText()));
    }
    QCOMPARE(versionOnServer(ReferenceSet::Phrases), before + 1);

    PhraseBook::installDistrict(PhraseBook::shipped());
    QVERIFY(syncAndWait(*m_other).first);
    PhraseCombo feedback(m_otherStore.get(), QStringLiteral("feedback"));
    const int offered = feedback.phraseBox()->findData(phrase);
    QVERIFY(offered > 0);
    QCOMPARE(offered, feedback.phraseBox()->count() - 2);  // the prompt, the district's in their order
    Q_EMIT feedback.phraseBox()->activated(offered);
    QCOMPARE(feedback.text(), phrase);
}

// Issue 16: an account holding the assessment administrator grant (given in the account console) saves the set
// in force from a month; another computer's dashboard scores that month with it after one sync. The administrator
// without the grant sees the editor read-only.
void TestAdminConsole::indicatorSetSavedByAnAssessmentAdministratorScoresTheMonthElsewhere()
{
    {
        IndicatorEditor withoutGrant(m_admin.get(), m_adminStore.get());
        QVERIFY(withoutGrant.isReadOnly());
        QVERIFY2(withoutGrant.statusText().contains(QStringLiteral("Only assessment administrators")),
                 qPrintable(withoutGrant.statusText()));
    }
    const QString adminToken = m_api->login(QStringLiteral("admin"), m_adminPassword);
    QCOMPARE(m_api->post(QStringLiteral("/api/v1/users"),
                         {{"id", "kaohe"}, {"name", QStringLiteral("区网格中心考核科")}, {"role", "supervisor"},
                          {"orgUnit", "center.district"}, {"password", "Kaohe-2026-pw"},
                          {"grants", QJsonArray{"assessment_admin"}}},
                         adminToken).status,
             201);
    CaseStore kaoheStore;
    QVERIFY(kaoheStore.open(m_dir.filePath(QStringLiteral("kaohe.sqlite"))).ok);
    SyncEngine kaohe(&kaoheStore);
    QVERIFY(kaohe.configure(m_server.url(), m_pki.caFile).ok);
    QVERIFY(signInAndWait(kaohe, QStringLiteral("kaohe"), QStringLiteral("Kaohe-2026-pw")));
    QVERIFY(syncAndWait(kaohe).first);
    const int before = versionOnServer(ReferenceSet::Indicators);
    {
        IndicatorEditor editor(&kaohe, &kaoheStore);
        QVERIFY(!editor.isReadOnly());
        editor.showMonth(2027, 1);
        QJsonObject set = QJsonDocument::fromJson(editor.text().toUtf8()).object();
        set.insert(QStringLiteral("version"), QStringLiteral("2027.1"));
        editor.setText(QString::fromUtf8(QJsonDocument(set).toJson()));
        QVERIFY(editor.isValid());
        QVERIFY(saveAndWait(editor));
        QVERIFY2(editor.statusText().contains(QStringLiteral("in force from 2027-01")), qPrintable(editor.statusText()));
    }
    QCOMPARE(versionOnServer(ReferenceSet::Indicators), before + 1);
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        IndicatorEditor editor(&kaohe, &kaoheStore);
        editor.show();
        editor.showMonth(2027, 3);
        QVERIFY2(editor.findChild<QLabel *>(QStringLiteral("indicatorInForce"))->text().contains(QStringLiteral("2027.1")),
                 qPrintable(editor.findChild<QLabel *>(QStringLiteral("indicatorInForce"))->text()));
        QVERIFY(!saveScreenshot(&editor, QStringLiteral("indicator_editor_zh_CN.png")).isEmpty());
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    IndicatorSchedule::installDistrict(IndicatorSchedule::shipped());
    QVERIFY(syncAndWait(*m_other).first);
    DashboardWindow dashboard(m_otherStore.get());
    dashboard.setMonth(2027, 2);
    QCOMPARE(dashboard.result().indicatorVersion, QStringLiteral("2027.1"));
    dashboard.setMonth(2026, 12);
    QCOMPARE(dashboard.result().indicatorVersion, IndicatorSet::builtin().version());
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
    const CaseRecord record = appearanceCase(1);
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
        CategoryRulesDialog console(m_admin.get(), m_adminStore.get());
        console.show();
        QCOMPARE(console.windowTitle(), QStringLiteral("分类与时限规则"));
        console.showCategory(QStringLiteral("city_appearance"));
        QVERIFY2(console.statusText().contains(QStringLiteral("版，由 admin")), qPrintable(console.statusText()));
        QVERIFY(!saveScreenshot(&console, QStringLiteral("rules_console_zh_CN.png")).isEmpty());
        console.setDeadline(Urgency::Urgent, QStringLiteral("checkIn"), {DeadlineSpec::Unit::WorkingDays, 3});
        console.saveButton()->click();
        QVERIFY2(console.fieldError().contains(QStringLiteral("报到时限")), qPrintable(console.fieldError()));
        QVERIFY(!saveScreenshot(&console, QStringLiteral("rules_console_error_zh_CN.png")).isEmpty());
    }
    {
        OrgDirectoryDialog console(m_admin.get(), m_adminStore.get());
        console.show();
        QCOMPARE(console.windowTitle(), QStringLiteral("组织机构与网格"));
        console.showGridCell(QStringLiteral("530103002002003"));
        QVERIFY2(console.statusText().contains(QStringLiteral("网格")), qPrintable(console.statusText()));
        QVERIFY(!saveScreenshot(&console, QStringLiteral("org_console_zh_CN.png")).isEmpty());
        console.showUnit(QStringLiteral("dept.shuiwu"));
        console.findChild<QLineEdit *>(QStringLiteral("dutyPhoneEdit"))->setText(QStringLiteral("请拨打值班电话"));
        QVERIFY(!saveAndWait(console));
        QVERIFY2(console.fieldError().contains(QStringLiteral("值班电话")), qPrintable(console.fieldError()));
        QVERIFY(!saveScreenshot(&console, QStringLiteral("org_console_error_zh_CN.png")).isEmpty());
    }
    {
        // Another administrator renamed the grid cell meanwhile: the refusal, in Chinese, names them.
        OrgDirectoryDialog console(m_admin.get(), m_adminStore.get());
        console.show();
        const QString code = QStringLiteral("530103002002002");
        console.showGridCell(code);
        GridCell theirs = *OrgDirectory::builtin().findGridCell(code);
        const QJsonValue opened = theirs.toJson();
        theirs.name += QStringLiteral("（含新建小区）");
        QCOMPARE(m_api->put(QStringLiteral("/api/v1/reference/org/gridcells/%1?expect=%2").arg(code, ReferenceSet::itemTag(opened)),
                            theirs.toJson(), m_api->login(QStringLiteral("guanli"), QStringLiteral("Guanli-2026-pw")))
                     .status,
                 200);
        console.findChild<QLineEdit *>(QStringLiteral("cellNameEdit"))->setText(QStringLiteral("圆通社区第二网格"));
        QVERIFY(!saveAndWait(console));
        QVERIFY2(console.statusText().contains(QStringLiteral("在您打开后已由 值班管理员（guanli）")), qPrintable(console.statusText()));
        QCOMPARE(console.findChild<QLineEdit *>(QStringLiteral("cellNameEdit"))->text(), theirs.name);
        QVERIFY(!saveScreenshot(&console, QStringLiteral("org_console_conflict_zh_CN.png")).isEmpty());
    }
    {
        PhraseBookDialog console(m_admin.get(), m_adminStore.get());
        console.show();
        QCOMPARE(console.windowTitle(), QStringLiteral("常用语"));
        console.showKind(QStringLiteral("feedback"));
        console.addPhrase(QStringLiteral("已现场处置完毕"));
        QVERIFY2(console.fieldError().contains(QStringLiteral("处置反馈")), qPrintable(console.fieldError()));
        QVERIFY(!saveScreenshot(&console, QStringLiteral("phrase_console_zh_CN.png")).isEmpty());
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

// Saves PNGs of the forms in zh_CN so people can look at them: the registration form filled in (and with
// field messages), a case in handling with two departments (one overdue) and its timeline, and the whistle
// form. Written to ${GW_BINARY_DIR}/screenshots/.
#include "attachmentlist.h"
#include "casetimelinewidget.h"
#include "departmentpicker.h"
#include "eventbuilder.h"
#include "formtesthelpers.h"
#include "attachmentstore.h"
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QRadioButton>
#include <QTableWidget>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QTemporaryDir>
#include <QTranslator>
#include <QTreeWidget>
#include <QtTest>

using namespace gw;
using namespace gwtest;

class TestScreenshotsForms : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CaseStore *m_store = nullptr;
    QString m_outDir;
    QTranslator m_app, m_qt;

    void save(QWidget *w, const QString &name)
    {
        w->show();
        QCoreApplication::processEvents();
        const QString path = QDir(m_outDir).filePath(name);
        const QImage image = w->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY2(image.save(path), qPrintable(path));
        QVERIFY(QFileInfo(path).size() > 1000);
        qInfo("screenshot: %s (%dx%d)", qPrintable(path), image.width(), image.height());
    }
    void add(const User &actor, const QDateTime &at, EventType type, const QString &caseId, const QJsonObject &p)
    {
        CaseEvent e = EventBuilder(actor, m_store->deviceId(), [at] { return at; }).make(type, caseId, p);
        Result r = gw::test::appendAsAuthor(*m_store, e);
        if (r.ok)
            r = gw::test::settleOutbox(*m_store);  // each person synced from their own desktop
        QVERIFY2(r.ok, qPrintable(r.message.text()));
    }
    static QByteArray png()
    {
        return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    // A case in handling: 城管 (lead) checked in and asked for more time, 住建 (assisting) never checked in
    // and is past its check-in deadline.
    QString caseInHandling()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QDateTime start = now.addDays(-4);
        CaseDraft d;
        d.title = QStringLiteral("拓东路 88 号外墙瓷砖脱落");
        d.description = QStringLiteral("小区临街外墙瓷砖大面积脱落，已砸坏两辆停放车辆，下方为人行道，行人通行存在安全隐患。");
        d.categoryId = QStringLiteral("city_appearance");
        d.subcategoryId = QStringLiteral("billboard");
        d.streetId = QStringLiteral("street.tuodong");
        d.communityId = QStringLiteral("community.tuodong.1");
        d.address = QStringLiteral("拓东路 88 号");
        d.gridCell = QStringLiteral("530103001001001");
        d.hasLocation = true;
        d.longitude = 102.7205;
        d.latitude = 25.0478;
        d.urgency = Urgency::Urgent;
        d.reporterName = QStringLiteral("王先生");
        d.reporterPhone = QStringLiteral("138 0871 0000");
        QJsonObject photo;
        CaseEvent reg = EventBuilder(reporter(), m_store->deviceId(), [start] { return start; }).registerCase(d);
        if (m_store->attachments().put(reg.caseId, QStringLiteral("现场照片.png"), png(), &photo).ok) {
            d.attachments = QJsonArray{photo};
            reg.payload = d.toPayload();
        }
        if (!m_store->append(reg).ok)
            return {};
        const QString id = reg.caseId;
        add(streetOperator(), start.addSecs(1800), EventType::Analyzed, id,
            {{"decision", "whistle"}, {"note", QStringLiteral("涉及外墙安全和占道，需要住建、城管协同")}});
        add(reviewer(), start.addSecs(3600), EventType::Reviewed, id, {{"decision", "approve"}});
        const QDateTime whistleAt = start.addSecs(5400);
        QJsonArray depts{
            QJsonObject{{"department", "dept.chengguan"}, {"lead", true},
                        {"checkInDue", CaseEvent::timeToString(whistleAt.addSecs(4 * 3600))},
                        {"handleDue", CaseEvent::timeToString(now.addDays(2))}},
            QJsonObject{{"department", "dept.zhujian"}, {"lead", false},
                        {"checkInDue", CaseEvent::timeToString(whistleAt.addSecs(4 * 3600))},
                        {"handleDue", CaseEvent::timeToString(now.addDays(2))}}};
        add(dispatcher(), whistleAt, EventType::Whistled, id,
            {{"departments", depts}, {"note", QStringLiteral("请按时报到")},
             {"deadlineReason", QStringLiteral("外墙整治须先搭设脚手架，办结时限按施工工期放宽")}});
        add(chengguan(), whistleAt.addSecs(2 * 3600), EventType::CheckedIn, id,
            {{"department", "dept.chengguan"}, {"note", QStringLiteral("执法中队已到场拉警戒线")}});
        add(chengguan(), now.addSecs(-3600), EventType::PostponeRequested, id,
            {{"department", "dept.chengguan"}, {"reason", QStringLiteral("需等待施工单位搭设脚手架")},
             {"requestedDue", CaseEvent::timeToString(now.addDays(6))}});
        add(streetOperator(), now.addSecs(-1800), EventType::Commented, id,
            {{"text", QStringLiteral("住建局请尽快报到，居民反映强烈")}});
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString binary = qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath());
        m_outDir = QDir(binary).filePath(QStringLiteral("screenshots"));
        QVERIFY(QDir().mkpath(m_outDir));
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        if (m_app.load(QStringLiteral(":/i18n/gridwhistle_zh_CN.qm")))
            QCoreApplication::installTranslator(&m_app);
        else
            qInfo("note: :/i18n/gridwhistle_zh_CN.qm is not built into this binary; screenshots show English text");
        if (m_qt.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
        QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 10));
        m_store = new CaseStore(this);
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("shots.sqlite"))).ok);
    }

    void registrationForm()
    {
        CaseRegistrationDialog d(m_store, streetOperator());
        d.resize(980, 680);
        d.show();
        type(child<QLineEdit>(&d, "titleEdit"), QStringLiteral("拓东路 88 号外墙瓷砖脱落"));
        type(child<QPlainTextEdit>(&d, "descriptionEdit"),
             QStringLiteral("小区临街外墙瓷砖大面积脱落，已砸坏两辆停放车辆，下方为人行道，行人通行存在安全隐患。"));
        choose(child<QComboBox>(&d, "categoryCombo"), "city_appearance");
        choose(child<QComboBox>(&d, "subcategoryCombo"), "billboard");
        choose(child<QComboBox>(&d, "urgencyCombo"), "urgent");
        choose(child<QComboBox>(&d, "communityCombo"), "community.tuodong.1");
        type(child<QLineEdit>(&d, "addressEdit"), QStringLiteral("拓东路 88 号"));
        type(child<QLineEdit>(&d, "gridCellEdit"), QStringLiteral("530103001001001"));
        type(child<QLineEdit>(&d, "lonEdit"), QStringLiteral("102.7205"));
        type(child<QLineEdit>(&d, "latEdit"), QStringLiteral("25.0478"));
        type(child<QLineEdit>(&d, "reporterNameEdit"), QStringLiteral("王先生"));
        type(child<QLineEdit>(&d, "reporterPhoneEdit"), QStringLiteral("138 0871 0000"));
        QVERIFY(d.attachments()->addData(QStringLiteral("现场照片.png"), png()).ok);
        QVERIFY(d.attachments()->addData(QStringLiteral("车辆受损.png"), png()).ok);
        save(&d, QStringLiteral("registration_form_zh_CN.png"));

        // The same form with messages next to the wrong fields.
        type(child<QLineEdit>(&d, "addressEdit"), QString());
        type(child<QLineEdit>(&d, "latEdit"), QString());
        type(child<QLineEdit>(&d, "reporterPhoneEdit"), QStringLiteral("138-0871-abcd"));
        click(child<QPushButton>(&d, "saveButton"));
        QVERIFY(child<QLabel>(&d, "addressError")->isVisible());
        save(&d, QStringLiteral("registration_form_errors_zh_CN.png"));
    }

    void caseDetail()
    {
        const QString id = caseInHandling();
        QVERIFY(!id.isEmpty());
        CaseDetailWidget detail(m_store, reviewer());
        detail.resize(1280, 900);
        detail.showCase(id);
        QCOMPARE(detail.departmentsTable()->rowCount(), 2);
        QVERIFY(detail.departmentsTable()->item(1, 3)->data(Qt::UserRole).toBool());  // 住建 check-in overdue
        QVERIFY(detail.timeline()->tree()->topLevelItemCount() >= 6);
        save(&detail, QStringLiteral("case_detail_zh_CN.png"));

        CaseDetailWidget asStreet(m_store, streetOperator());
        asStreet.resize(1280, 900);
        asStreet.showCase(id);
        save(&asStreet, QStringLiteral("case_detail_street_zh_CN.png"));
    }

    void actionForms()
    {
        // A fresh approved case for the whistle form.
        CaseDraft d;
        d.title = QStringLiteral("工地夜间施工噪音扰民");
        d.description = QStringLiteral("晚上十点后仍在施工。");
        d.categoryId = QStringLiteral("construction");
        d.streetId = QStringLiteral("street.tuodong");
        d.address = QStringLiteral("白塔路 20 号工地");
        CaseEvent reg = EventBuilder(streetOperator(), m_store->deviceId()).registerCase(d);
        QVERIFY(gw::test::appendAsAuthor(*m_store, reg).ok);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        add(streetOperator(), now, EventType::Analyzed, reg.caseId, {{"decision", "whistle"}});
        add(reviewer(), now, EventType::Reviewed, reg.caseId, {{"decision", "approve"}});

        CaseDetailWidget detail(m_store, dispatcher());
        detail.resize(1200, 800);
        detail.show();
        detail.showCase(reg.caseId);
        CaseActionDialog *whistle = detail.openAction(EventType::Whistled);
        QVERIFY(whistle);
        click(child<QRadioButton>(whistle->departmentPicker(), "lead_dept.zhujian"));
        click(child<QCheckBox>(whistle->departmentPicker(), "assist_dept.chengguan"));
        typeText(whistle, QStringLiteral("夜间施工请住建牵头，城管配合"));
        save(whistle, QStringLiteral("whistle_form_zh_CN.png"));
        whistle->close();

        CaseDetailWidget asReviewer(m_store, reviewer());
        asReviewer.show();
        const QString handling = caseInHandling();
        asReviewer.showCase(handling);
        CaseActionDialog *decide = asReviewer.openAction(EventType::PostponeDecided);
        QVERIFY(decide);
        pick(decide, "deny");
        click(child<QPushButton>(decide, "submitButton"));  // refused: a denial needs a reason
        QVERIFY(decide->isVisible());
        save(decide, QStringLiteral("postpone_decision_refused_zh_CN.png"));
    }

    void cleanupTestCase()
    {
        delete m_store;
        m_store = nullptr;
    }
};

QTEST_MAIN(TestScreenshotsForms)
#include "tst_screenshots_forms.moc"

// The hostile inputs of tst_badinput, typed (or pasted) into the desktop forms: registration, case actions,
// login and settings. Each must be refused with a message at the field (or the form) and leave the local
// CaseStore and the settings exactly as they were. SQL metacharacters in free text are legal text: they are
// stored verbatim and nothing else happens. Prints the number of inputs tried per form.
#include "applicationcontext.h"
#include "attachmentlist.h"
#include "formtesthelpers.h"
#include "logindialog.h"
#include "settingsdialog.h"
#include "workflow.h"
#include "syncjournal.h"
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gwtest;

namespace {
const QString Sql = QStringLiteral("x'); DROP TABLE events; --");
const QString Bell = QStringLiteral("响铃\u0007字符");
const QString Escape = QStringLiteral("\u001b[2J清屏");
const QString Nul = QStringLiteral("空") + QChar(0) + QStringLiteral("字符");
} // namespace

class TstFormBadInput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    CaseStore *m_store = nullptr;
    int m_files = 0;
    QMap<QString, int> m_tried;  // form -> inputs tried

    qint64 storedEvents() const
    {
        qint64 n = 0;
        for (const CaseSummary &s : m_store->listCases(CaseFilter(), 0, 100000))
            n += m_store->eventsOf(s.id).size();
        return n;
    }
    // Puts text into a field the way a paste does (key clicks drop control characters before the form sees them).
    static void paste(QWidget *w, const QString &text)
    {
        if (auto *line = qobject_cast<QLineEdit *>(w)) {
            line->setFocus();
            line->selectAll();
            line->insert(text);
        } else if (auto *plain = qobject_cast<QPlainTextEdit *>(w)) {
            plain->setFocus();
            plain->selectAll();
            plain->insertPlainText(text);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_formbadinput"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }
    void init()
    {
        m_store = new CaseStore(this);
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("client%1.sqlite").arg(++m_files))).ok);
    }
    void cleanup()
    {
        delete m_store;
        m_store = nullptr;
    }
    void cleanupTestCase()
    {
        int total = 0;
        qInfo("%-24s %8s", "form", "inputs");
        for (auto it = m_tried.cbegin(); it != m_tried.cend(); ++it) {
            qInfo("%-24s %8d", qPrintable(it.key()), it.value());
            total += it.value();
        }
        qInfo("%-24s %8d", "TOTAL", total);
    }

    // --- Registration form ---

    void registrationRefusesHostileField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("typed");  // typed key by key, or pasted
        const QList<std::tuple<const char *, const char *, int, bool>> fields{
            // field, its error label, length limit, required
            {"titleEdit", "titleError", Workflow::MaxTitle, true},
            {"descriptionEdit", "descriptionError", Workflow::MaxDescription, true},
            {"addressEdit", "addressError", Workflow::MaxAddress, true},
            {"gridCellEdit", "gridCellError", Workflow::MaxShortField, false},
            {"reporterNameEdit", "reporterNameError", Workflow::MaxShortField, false}};
        for (const auto &[field, label, limit, required] : fields) {
            if (required) {
                QTest::addRow("%s empty", field) << field << label << QString() << true;
                QTest::addRow("%s only spaces", field) << field << label << QStringLiteral("    ") << true;
            }
            QTest::addRow("%s oversize", field) << field << label << QString(limit + 1, u'长') << false;
            QTest::addRow("%s BEL", field) << field << label << Bell << false;
            QTest::addRow("%s ESC", field) << field << label << Escape << false;
            QTest::addRow("%s NUL", field) << field << label << Nul << false;
            if (QString(field) != "descriptionEdit")
                QTest::addRow("%s newline", field) << field << label << QStringLiteral("一行\n两行") << false;
        }
        for (const char *phone : {"138-abc; DROP TABLE", "' OR '1'='1", "../../etc/passwd", "138\u00070000"})
            QTest::addRow("phone %s", phone) << "reporterPhoneEdit" << "reporterPhoneError" << QString(phone) << false;
        QTest::newRow("phone oversize") << "reporterPhoneEdit" << "reporterPhoneError" << QString(33, '1') << false;
        for (const char *lon : {"181", "-180.0001", "1e9", "NaN", "inf", "102.7; DROP", "东经102"})
            QTest::addRow("longitude %s", lon) << "lonEdit" << "locationError" << QString(lon) << true;
        for (const char *lat : {"91", "-90.5", "../25", "nan"})
            QTest::addRow("latitude %s", lat) << "latEdit" << "locationError" << QString(lat) << true;
    }
    void registrationRefusesHostileField()
    {
        QFETCH(QString, field);
        QFETCH(QString, errorLabel);
        QFETCH(QString, text);
        QFETCH(bool, typed);
        RegistrationForm form(m_store, reporter());
        CaseRegistrationDialog &d = form.dialog;
        QWidget *w = child<QWidget>(&d, field);
        QVERIFY(w);
        if (typed) {
            if (auto *line = qobject_cast<QLineEdit *>(w))
                type(line, text);
            else
                type(qobject_cast<QPlainTextEdit *>(w), text);
        } else {
            paste(w, text);
        }
        // A coordinate needs its partner to be judged on its own merits.
        if (field == "lonEdit")
            type(child<QLineEdit>(&d, "latEdit"), QStringLiteral("25.04"));
        if (field == "latEdit")
            type(child<QLineEdit>(&d, "lonEdit"), QStringLiteral("102.72"));
        // Some widgets drop control characters themselves (a line edit keeps no newline): then the form may
        // save, but only clean text within the limits may reach the store.
        const QString shown = qobject_cast<QLineEdit *>(w) ? qobject_cast<QLineEdit *>(w)->text()
                                                           : qobject_cast<QPlainTextEdit *>(w)->toPlainText();
        const bool widgetCleaned = !typed && shown != text;
        form.save();
        if (widgetCleaned && form.registered.count() == 1) {
            const std::optional<CaseRecord> c = m_store->caseById(form.savedCaseId());
            QVERIFY(c);
            for (const QString &value : {c->title, c->address, c->gridCell, c->reporterName, c->reporterPhone})
                for (QChar ch : value)
                    QVERIFY2(ch.unicode() >= 0x20 && ch.unicode() != 0x7f, qPrintable(field + " stored a control character"));
            QVERIFY(c->title.size() <= Workflow::MaxTitle && c->address.size() <= Workflow::MaxAddress);
            ++m_tried["registration"];
            return;
        }
        QLabel *label = child<QLabel>(&d, errorLabel);
        QVERIFY(label);
        QVERIFY2(label->isVisible() && !label->text().isEmpty(), qPrintable(field + " shows no message"));
        QVERIFY(d.isVisible());
        QCOMPARE(form.registered.count(), 0);
        QCOMPARE(m_store->countCases(CaseFilter()), 0);
        QCOMPARE(m_store->journal().pendingCount(), 0);
        ++m_tried["registration"];
    }

    void registrationStoresSqlTextVerbatim()
    {
        RegistrationForm form(m_store, reporter());
        type(child<QLineEdit>(&form.dialog, "titleEdit"), Sql);
        type(child<QLineEdit>(&form.dialog, "addressEdit"), QStringLiteral("拓东路 1 号 -- ; /* */"));
        form.save();
        QCOMPARE(form.registered.count(), 1);
        const std::optional<CaseRecord> c = m_store->caseById(form.savedCaseId());
        QVERIFY(c);
        QCOMPARE(c->title, Sql);
        QCOMPARE(m_store->countCases(CaseFilter()), 1);
        ++m_tried["registration"];
    }

    void attachmentNamesAreMadePlainOrRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("outcome");  // 1 accepted (name made plain), 0 refused, -1 either, but never stored unsafe
        const QByteArray png = QByteArray::fromBase64(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        for (const char *name : {"../../../../etc/passwd.png", "..\\..\\windows\\system32\\x.png", "C:evil.png",
                                 "photo.png:stream", ".hidden.png", "a/b/../../../c.png", "x\u0007y.png",
                                 "'; DROP TABLE attachments; --.png"})
            QTest::addRow("%s", name) << QString(name) << png << -1;
        QTest::newRow("plain name (control)") << "photo.png" << png << 1;
        QTest::newRow("executable posing as png") << "evil.png" << QByteArray("MZ\x90\x00\x03", 5) << 0;
        QTest::newRow("script") << "run.sh" << QByteArray("#!/bin/sh\nrm -rf /\n") << 0;
        QTest::newRow("empty file") << "empty.png" << QByteArray() << 0;
    }
    void attachmentNamesAreMadePlainOrRefused()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(int, outcome);
        RegistrationForm form(m_store, reporter());
        CaseRegistrationDialog &d = form.dialog;
        const Result r = d.attachments()->addData(name, content);
        if (outcome >= 0)
            QCOMPARE(r.ok, outcome == 1);
        if (!r.ok) {
            QVERIFY(d.attachments()->errorLabel()->isVisible());
            QVERIFY(!r.message.isEmpty());
            QCOMPARE(d.attachments()->count(), 0);
        } else {
            const QString stored = d.attachments()->fileNames().value(0);
            QVERIFY2(!stored.contains('/') && !stored.contains('\\') && !stored.contains(':') && !stored.startsWith('.'),
                     qPrintable(stored));
            for (QChar ch : stored)
                QVERIFY2(ch.unicode() >= 0x20, qPrintable(stored));
            form.save();
            QCOMPARE(form.registered.count(), 1);
            const std::optional<CaseRecord> c = m_store->caseById(form.savedCaseId());
            QVERIFY(c);
            QCOMPARE(c->attachments.size(), 1);
            QCOMPARE(c->attachments.first().toObject().value("name").toString(), stored);
        }
        ++m_tried["registration attachments"];
    }

    // --- Case action forms ---

    void actionRefusesHostileText_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("choice");
        QTest::addColumn<QString>("text");
        const QList<std::tuple<EventType, const char *>> actions{
            {EventType::Reviewed, "return"}, {EventType::Reviewed, "reject"}, {EventType::Escalated, ""},
            {EventType::Commented, ""}, {EventType::HoldChanged, ""}};
        for (const auto &[type, choice] : actions) {
            const QString name = eventTypeToString(type) + (QString(choice).isEmpty() ? QString() : "/" + QString(choice));
            QTest::addRow("%s empty", qPrintable(name)) << int(type) << QString(choice) << QString();
            QTest::addRow("%s spaces", qPrintable(name)) << int(type) << QString(choice) << QStringLiteral("   ");
            QTest::addRow("%s oversize", qPrintable(name)) << int(type) << QString(choice) << QString(Workflow::MaxReason + 1, u'长');
            QTest::addRow("%s BEL", qPrintable(name)) << int(type) << QString(choice) << Bell;
            QTest::addRow("%s ESC", qPrintable(name)) << int(type) << QString(choice) << Escape;
            QTest::addRow("%s NUL", qPrintable(name)) << int(type) << QString(choice) << Nul;
        }
    }
    void actionRefusesHostileText()
    {
        QFETCH(int, type);
        QFETCH(QString, choice);
        QFETCH(QString, text);
        const QString id = registerManholeCase(m_store);
        addEvent(m_store, streetOperator(), EventType::Analyzed, id, {{"decision", "whistle"}});
        const qint64 before = storedEvents();
        const CaseStatus status = m_store->caseById(id)->status;
        bool widgetCleaned = false;
        const ActOutcome out = act(m_store, reviewer(), id, EventType(type), [&](CaseActionDialog *d) {
            if (!choice.isEmpty())
                pick(d, choice);
            gw::PhraseCombo *field = d->findChild<gw::PhraseCombo *>(QStringLiteral("textField"));
            QVERIFY(field);
            paste(field->textEdit(), text);
            widgetCleaned = field->textEdit()->toPlainText() != text;
        });
        QVERIFY2(out.buttonShown, "the reviewer has no such action here");
        if (widgetCleaned && out.stored) {
            // The text box dropped the character itself: what was stored must be clean.
            const QList<CaseEvent> events = m_store->eventsOf(id);
            QCOMPARE(events.size(), 3);  // registered, analyzed, this one
            for (const QJsonValue &v : events.last().payload)
                for (QChar ch : v.toString())
                    QVERIFY2(ch.unicode() >= 0x20 || ch == u'\n', "a control character was stored");
            ++m_tried["case actions"];
            return;
        }
        QVERIFY(!out.stored);
        QVERIFY(!out.result.ok);
        QCOMPARE(out.result.code, QStringLiteral("invalid_input"));
        QVERIFY(!out.formError.isEmpty());
        QCOMPARE(storedEvents(), before);
        QCOMPARE(m_store->caseById(id)->status, status);
        ++m_tried["case actions"];
    }

    // --- Login and settings ---

    void loginRefusesBeforeAnyNetwork_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("expect");
        const QString good = QStringLiteral("https://127.0.0.1:1");
        QTest::newRow("empty user") << good << QString() << "x" << "user name";
        QTest::newRow("spaces as user") << good << QStringLiteral("   ") << "x" << "user name";
        QTest::newRow("empty password") << good << "dispatcher" << QString() << "password";
        for (const char *url : {"", "http://127.0.0.1:8443", "javascript:alert(1)", "file:///etc/passwd", "https://",
                                "https://exa mple.org", "ftp://127.0.0.1", "https://127.0.0.1:8443/'; DROP TABLE--\u0007"})
            QTest::addRow("url %s", url) << QString(url) << "dispatcher" << "x" << QString();
    }
    void loginRefusesBeforeAnyNetwork()
    {
        QFETCH(QString, url);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, expect);
        ApplicationContext context;
        QTemporaryDir data;
        QVERIFY(context.open(data.path()).ok);
        const QUrl urlBefore = context.serverUrl();
        LoginDialog dialog(&context, nullptr);
        dialog.show();
        dialog.findChild<QRadioButton *>(QStringLiteral("remoteServer"))->setChecked(true);
        paste(dialog.findChild<QLineEdit *>(QStringLiteral("serverUrl")), url);
        dialog.findChild<QComboBox *>(QStringLiteral("userId"))->setCurrentText(user);
        auto *passwordField = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
        passwordField->clear();
        QTest::keyClicks(passwordField, password);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("loginButton")), Qt::LeftButton);
        QVERIFY2(!dialog.statusText().isEmpty(), "no message");
        if (!expect.isEmpty())
            QVERIFY2(dialog.statusText().contains(expect), qPrintable(dialog.statusText()));
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("loginButton"))->isEnabled());  // not busy: no request went out
        QCOMPARE(context.serverUrl(), urlBefore);
        ++m_tried["login"];
    }

    void settingsRefuseHostileValues_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("caFile");
        QTest::addColumn<QString>("errorLabel");
        const QString good = QStringLiteral("https://grid.example:8443");
        for (const char *url : {"", "http://grid.example", "javascript:alert(1)", "file:///etc/passwd", "https://",
                                "https://exa mple.org", "https://grid.example:8443\u0007"})
            QTest::addRow("url %s", url) << QString(url) << QString() << "url";
        QTest::newRow("ca traversal to non-PEM") << good << QString("../../../../../../../../etc/hostname") << "ca";
        QTest::newRow("ca missing") << good << QString("/nonexistent/ca.pem") << "ca";
        QTest::newRow("ca directory") << good << QDir::tempPath() << "ca";
        QTest::newRow("ca with control") << good << QString("/tmp/ca\u0007.pem") << "ca";
        QTest::newRow("ca sql") << good << QString("'; DROP TABLE settings; --") << "ca";
    }
    void settingsRefuseHostileValues()
    {
        QFETCH(QString, url);
        QFETCH(QString, caFile);
        QFETCH(QString, errorLabel);
        ApplicationContext context;
        QTemporaryDir data;
        QVERIFY(context.open(data.path()).ok);
        const QUrl urlBefore = context.serverUrl();
        const QString caBefore = context.caCertificateFile();
        SettingsDialog dialog(&context, nullptr);
        dialog.show();
        dialog.findChild<QRadioButton *>(QStringLiteral("remoteServer"))->setChecked(true);
        paste(dialog.findChild<QLineEdit *>(QStringLiteral("serverUrl")), url);
        paste(dialog.findChild<QLineEdit *>(QStringLiteral("caFile")), caFile);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        const QString message = errorLabel == "url" ? SettingsDialog::checkServerUrl(url) : SettingsDialog::checkCaFile(caFile);
        QVERIFY2(!message.isEmpty(), "the check let it through");
        bool shown = false;
        for (QLabel *l : dialog.findChildren<QLabel *>())
            shown = shown || (l->isVisible() && l->text() == message);
        QVERIFY2(shown, qPrintable("not shown: " + message));
        QCOMPARE(context.serverUrl(), urlBefore);
        QCOMPARE(context.caCertificateFile(), caBefore);
        ++m_tried["settings"];
    }
};

QTEST_MAIN(TstFormBadInput)
#include "tst_formbadinput.moc"

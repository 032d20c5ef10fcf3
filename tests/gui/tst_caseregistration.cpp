// The registration form (ui/caseregistrationdialog.ui) driven by typing and clicking: messages next to each
// wrong field, a valid case landing in a real store file, attachment limits and hostile file names.
#include "attachmentlist.h"
#include "formtesthelpers.h"
#include "workflow.h"
#include "syncjournal.h"
#include "attachmentstore.h"
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using namespace gwtest;

class TestCaseRegistration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CaseStore *m_store = nullptr;
    int m_fileCounter = 0;

    QString newStorePath() { return m_dir.filePath(QStringLiteral("client%1.sqlite").arg(++m_fileCounter)); }

    QLabel *error(CaseRegistrationDialog &d, const char *name) { return child<QLabel>(&d, QLatin1String(name)); }
    int caseCount() const { return m_store->countCases(CaseFilter()); }
    QByteArray png() const
    {
        // A real 1x1 PNG so type detection by content sees an image.
        return QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void init()
    {
        m_store = new CaseStore(this);
        const Result r = m_store->open(newStorePath());
        QVERIFY2(r.ok, qPrintable(r.message));
    }
    void cleanup()
    {
        delete m_store;
        m_store = nullptr;
    }

    // One wrong field among valid ones: its own message says what is wrong while every other field stays
    // quiet, the text stays as typed (nothing cut silently), nothing is stored, the form stays open, and typing
    // in the field takes its message away.
    void wrongFieldIsExplainedAtIt_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("partner");      // a field typed first for the check to reach the wrong one
        QTest::addColumn<QString>("partnerText");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("mentions");     // what the message must name
        QTest::newRow("empty title") << "titleEdit" << QString() << QString() << QString() << "titleError" << "required";
        QTest::newRow("too long title") << "titleEdit" << QString(Workflow::MaxTitle + 1, QLatin1Char('t')) << QString()
                                        << QString() << "titleError" << QString::number(Workflow::MaxTitle);
        QTest::newRow("blank address") << "addressEdit" << "   " << QString() << QString() << "addressError" << "required";
        QTest::newRow("bad phone") << "reporterPhoneEdit" << "138-abc; DROP TABLE" << QString() << QString()
                                   << "reporterPhoneError" << "digits";
        QTest::newRow("longitude without latitude") << "lonEdit" << "102.7205" << QString() << QString()
                                                    << "locationError" << "latitude";
        QTest::newRow("latitude beyond 90") << "latEdit" << "95" << "lonEdit" << "102.7205" << "locationError" << "90";
    }
    void wrongFieldIsExplainedAtIt()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, partner);
        QFETCH(QString, partnerText);
        QFETCH(QString, errorLabel);
        QFETCH(QString, mentions);
        RegistrationForm form(m_store, reporter());
        if (!partner.isEmpty())
            type(child<QLineEdit>(&form.dialog, partner), partnerText);
        QLineEdit *edit = child<QLineEdit>(&form.dialog, field);
        QVERIFY(edit);
        type(edit, text);
        QCOMPARE(edit->text(), text);
        form.save();
        QLabel *message = child<QLabel>(&form.dialog, errorLabel);
        QVERIFY(message);
        QVERIFY(message->isVisible());
        QVERIFY2(message->text().contains(mentions), qPrintable(message->text()));
        for (const char *other : {"titleError", "descriptionError", "categoryError", "streetError", "addressError",
                                  "gridCellError", "locationError", "reporterNameError", "reporterPhoneError"}) {
            if (errorLabel != QLatin1String(other))
                QVERIFY2(!error(form.dialog, other)->isVisible(), other);
        }
        QVERIFY(error(form.dialog, "formErrorLabel")->isVisible());
        QVERIFY(form.dialog.isVisible());
        QCOMPARE(form.registered.count(), 0);
        QCOMPARE(caseCount(), 0);
        QTest::keyClicks(edit, "x");
        QVERIFY(!message->isVisible());
    }

    // A problem only the Workflow knows about (control characters) comes back from the store and is shown
    // next to the field it names, with everything typed still there.
    void storeRefusalIsShownAtItsField()
    {
        RegistrationForm form(m_store, reporter());
        CaseRegistrationDialog &d = form.dialog;
        child<QPlainTextEdit>(&d, "descriptionEdit")->setPlainText(QStringLiteral("bell \x07 in the text"));
        form.save();
        QVERIFY(error(d, "descriptionError")->isVisible());
        QVERIFY2(error(d, "descriptionError")->text().contains("control"), qPrintable(error(d, "descriptionError")->text()));
        QVERIFY(d.isVisible());
        QCOMPARE(child<QLineEdit>(&d, "titleEdit")->text(), QStringLiteral("人行道占道经营"));
        QCOMPARE(form.registered.count(), 0);
        QCOMPARE(caseCount(), 0);
    }

    void streetAndCommunityAreFixedForCommunityUsers()
    {
        CaseRegistrationDialog d(m_store, reporter());
        auto *street = child<QComboBox>(&d, "streetCombo");
        auto *community = child<QComboBox>(&d, "communityCombo");
        QCOMPARE(street->count(), 1);
        QCOMPARE(street->currentData().toString(), QStringLiteral("street.tuodong"));
        QVERIFY(!street->isEnabled());
        QCOMPARE(community->currentData().toString(), QStringLiteral("community.tuodong.1"));
        QVERIFY(!community->isEnabled());

        CaseRegistrationDialog center(m_store, dispatcher());
        QCOMPARE(child<QComboBox>(&center, "streetCombo")->count(), 12);
        QVERIFY(child<QComboBox>(&center, "streetCombo")->isEnabled());
    }

    void tabOrderFollowsTheForm()
    {
        CaseRegistrationDialog d(m_store, dispatcher());
        d.show();
        const QStringList expected{"titleEdit", "descriptionEdit", "categoryCombo", "subcategoryCombo", "urgencyCombo",
                                   "streetCombo", "communityCombo", "addressEdit", "gridCellCombo", "lonEdit", "latEdit",
                                   "reporterNameEdit", "reporterPhoneEdit"};
        QWidget *w = child<QWidget>(&d, "titleEdit");
        QStringList seen{w->objectName()};
        for (int i = 1; i < expected.size(); ++i) {
            w = w->nextInFocusChain();
            // An editable combo box's own line edit is part of the combo, not a stop of its own.
            while (w && (!(w->focusPolicy() & Qt::TabFocus) || qobject_cast<QComboBox *>(w->parentWidget())))
                w = w->nextInFocusChain();
            seen.append(w ? w->objectName() : QString());
        }
        QCOMPARE(seen, expected);
    }

    void validRegistrationLandsInTheStoreFile()
    {
        const QString path = m_store->path();
        QTemporaryDir files;
        const QString photo = files.filePath(QStringLiteral("现场照片.png"));
        QFile f(photo);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png());
        f.close();

        RegistrationForm form(m_store, reporter());
        CaseRegistrationDialog &d = form.dialog;
        type(child<QLineEdit>(&d, "lonEdit"), QStringLiteral("102.7205"));
        type(child<QLineEdit>(&d, "latEdit"), QStringLiteral("25.0478"));
        QVERIFY(d.attachments()->addFile(photo).ok);
        QCOMPARE(child<QListWidget>(&d, "attachmentList")->count(), 1);
        form.save();
        QCOMPARE(form.registered.count(), 1);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const QString id = form.savedCaseId();

        // Closed and opened again: it is in the file, not just in memory.
        m_store->close();
        CaseStore reopened;
        QVERIFY(reopened.open(path).ok);
        const std::optional<CaseRecord> c = reopened.caseById(id);
        QVERIFY(c.has_value());
        QCOMPARE(c->title, QStringLiteral("人行道占道经营"));
        QCOMPARE(c->categoryId, QStringLiteral("city_appearance"));
        QCOMPARE(c->subcategoryId, QStringLiteral("street_vending"));
        QCOMPARE(c->urgency, Urgency::Urgent);
        QCOMPARE(c->streetId, QStringLiteral("street.tuodong"));
        QCOMPARE(c->communityId, QStringLiteral("community.tuodong.1"));
        QCOMPARE(c->address, QStringLiteral("拓东路 45 号门前"));
        QCOMPARE(c->gridCell, QStringLiteral("530103001001001"));  // 市府社区第1网格, typed as its code
        QVERIFY(c->hasLocation);
        QCOMPARE(c->longitude, 102.7205);
        QCOMPARE(c->latitude, 25.0478);
        QCOMPARE(c->reporterPhone, QStringLiteral("138 0871 0000"));
        QCOMPARE(c->status, CaseStatus::Registered);
        QCOMPARE(c->registeredBy, reporter().id);
        QCOMPARE(c->attachments.size(), 1);
        const QJsonObject a = c->attachments.at(0).toObject();
        QCOMPARE(a.value("name").toString(), QStringLiteral("现场照片.png"));
        QCOMPARE(reopened.attachments().data(a.value("id").toString()), png());
        QCOMPARE(reopened.eventsOf(id).size(), 1);
        QCOMPARE(reopened.eventsOf(id).at(0).serverSeq, 0);  // made offline, waits in the outbox
        QVERIFY(reopened.journal().pendingCount() >= 1);
    }

    void attachmentOverTheLimitIsRefused()
    {
        QTemporaryDir files;
        const QString big = files.filePath(QStringLiteral("big.jpg"));
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(Workflow::MaxAttachmentBytes + 1));  // sparse: no 10 MB written
        f.close();

        CaseRegistrationDialog d(m_store, reporter());
        d.show();
        const Result r = d.attachments()->addFile(big);
        QVERIFY(!r.ok);
        QVERIFY(r.message.text().contains(QString::number(Workflow::MaxAttachmentBytes / (1024 * 1024))));
        QLabel *err = d.attachments()->errorLabel();
        QVERIFY(err->isVisible());
        QCOMPARE(err->text(), r.message.text());
        QCOMPARE(d.attachments()->count(), 0);

        // A type we do not take is refused too; a good file afterwards clears the message.
        QVERIFY(!d.attachments()->addData(QStringLiteral("run.exe"), QByteArray("MZ\x90\x00\x03", 5)).ok);
        QVERIFY(d.attachments()->addData(QStringLiteral("ok.png"), png()).ok);
        QVERIFY(!err->isVisible());
        QCOMPARE(d.attachments()->count(), 1);
        child<QListWidget>(&d, "attachmentList")->setCurrentRow(0);
        click(child<QPushButton>(&d, "removeAttachmentButton"));
        QCOMPARE(d.attachments()->count(), 0);
    }

    void pathTraversalNamesAreMadePlain()
    {
        QCOMPARE(AttachmentList::safeFileName(QStringLiteral("../../etc/passwd.png")), QStringLiteral("passwd.png"));
        QCOMPARE(AttachmentList::safeFileName(QStringLiteral("..\\..\\windows\\evil.png")), QStringLiteral("evil.png"));
        QCOMPARE(AttachmentList::safeFileName(QStringLiteral("...hidden.png")), QStringLiteral("hidden.png"));
        QCOMPARE(AttachmentList::safeFileName(QStringLiteral("..")), QStringLiteral("attachment"));
        QCOMPARE(AttachmentList::safeFileName(QStringLiteral("C:evil\x01.png")), QStringLiteral("Cevil.png"));

        // On disk a backslash is a legal character of a Linux file name: it must not become a folder.
        QTemporaryDir files;
        const QString odd = files.filePath(QStringLiteral("..\\..\\photo.png"));
        QFile f(odd);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png());
        f.close();

        RegistrationForm form(m_store, reporter());
        CaseRegistrationDialog &d = form.dialog;
        QVERIFY(d.attachments()->addFile(odd).ok);
        QVERIFY(d.attachments()->addData(QStringLiteral("../../../../tmp/x.png"), png()).ok);
        QCOMPARE(d.attachments()->fileNames(), (QStringList{"photo.png", "x.png"}));
        form.save();
        QCOMPARE(form.registered.count(), 1);
        const std::optional<CaseRecord> c = m_store->caseById(form.savedCaseId());
        QVERIFY(c.has_value());
        QCOMPARE(c->attachments.size(), 2);
        for (const QJsonValue &v : c->attachments) {
            const QString name = v.toObject().value("name").toString();
            QVERIFY2(!name.contains('/') && !name.contains('\\') && !name.startsWith('.'), qPrintable(name));
        }
    }
};

QTEST_MAIN(TestCaseRegistration)
#include "tst_caseregistration.moc"

// The registration form (ui/caseregistrationdialog.ui) driven by typing and clicking: messages next to each
// wrong field, a valid case landing in a real store file, attachment limits and hostile file names.
#include "attachmentlist.h"
#include "formtesthelpers.h"
#include "workflow.h"
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
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

    // Fills every field with valid values by typing, the way a grid worker does.
    void fillValid(CaseRegistrationDialog &d) { fillValidRegistration(d); }
    void save(CaseRegistrationDialog &d) { click(child<QPushButton>(&d, "saveButton")); }
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

    void emptyTitleIsRequired()
    {
        CaseRegistrationDialog d(m_store, reporter());
        d.show();
        fillValid(d);
        type(child<QLineEdit>(&d, "titleEdit"), QString());
        save(d);
        QVERIFY(error(d, "titleError")->isVisible());
        QVERIFY2(error(d, "titleError")->text().contains("required"), qPrintable(error(d, "titleError")->text()));
        QVERIFY(!error(d, "addressError")->isVisible());
        QVERIFY(d.isVisible());
        QCOMPARE(caseCount(), 0);
        // Typing in the field takes its message away.
        QTest::keyClicks(child<QLineEdit>(&d, "titleEdit"), "x");
        QVERIFY(!error(d, "titleError")->isVisible());
    }

    void tooLongTitleIsRefusedWithTheLimit()
    {
        CaseRegistrationDialog d(m_store, reporter());
        d.show();
        fillValid(d);
        type(child<QLineEdit>(&d, "titleEdit"), QString(Workflow::MaxTitle + 1, QLatin1Char('t')));
        QCOMPARE(child<QLineEdit>(&d, "titleEdit")->text().size(), Workflow::MaxTitle + 1);  // nothing cut silently
        save(d);
        QVERIFY(error(d, "titleError")->isVisible());
        QVERIFY(error(d, "titleError")->text().contains(QString::number(Workflow::MaxTitle)));
        QCOMPARE(caseCount(), 0);
    }

    void missingAddressIsRequired()
    {
        CaseRegistrationDialog d(m_store, reporter());
        d.show();
        fillValid(d);
        type(child<QLineEdit>(&d, "addressEdit"), QStringLiteral("   "));
        save(d);
        QVERIFY(error(d, "addressError")->isVisible());
        QVERIFY(!error(d, "titleError")->isVisible());
        QVERIFY(error(d, "formErrorLabel")->isVisible());
        QCOMPARE(caseCount(), 0);
    }

    void badPhoneIsExplained()
    {
        CaseRegistrationDialog d(m_store, reporter());
        d.show();
        fillValid(d);
        type(child<QLineEdit>(&d, "reporterPhoneEdit"), QStringLiteral("138-abc; DROP TABLE"));
        save(d);
        QVERIFY(error(d, "reporterPhoneError")->isVisible());
        QVERIFY(error(d, "reporterPhoneError")->text().contains("digits"));
        QCOMPARE(caseCount(), 0);
    }

    void longitudeWithoutLatitude()
    {
        CaseRegistrationDialog d(m_store, reporter());
        d.show();
        fillValid(d);
        type(child<QLineEdit>(&d, "lonEdit"), QStringLiteral("102.7205"));
        save(d);
        QVERIFY(error(d, "locationError")->isVisible());
        QVERIFY(error(d, "locationError")->text().contains("latitude"));
        type(child<QLineEdit>(&d, "latEdit"), QStringLiteral("95"));
        save(d);
        QVERIFY(error(d, "locationError")->text().contains("90"));
        QCOMPARE(caseCount(), 0);
    }

    // A problem only the Workflow knows about (control characters) comes back from the store and is shown
    // next to the field it names, with everything typed still there.
    void storeRefusalIsShownAtItsField()
    {
        CaseRegistrationDialog d(m_store, reporter());
        d.show();
        fillValid(d);
        child<QPlainTextEdit>(&d, "descriptionEdit")->setPlainText(QStringLiteral("bell \x07 in the text"));
        save(d);
        QVERIFY(error(d, "descriptionError")->isVisible());
        QVERIFY2(error(d, "descriptionError")->text().contains("control"), qPrintable(error(d, "descriptionError")->text()));
        QVERIFY(d.isVisible());
        QCOMPARE(child<QLineEdit>(&d, "titleEdit")->text(), QStringLiteral("人行道占道经营"));
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
                                   "streetCombo", "communityCombo", "addressEdit", "gridCellEdit", "lonEdit", "latEdit",
                                   "reporterNameEdit", "reporterPhoneEdit"};
        QWidget *w = child<QWidget>(&d, "titleEdit");
        QStringList seen{w->objectName()};
        for (int i = 1; i < expected.size(); ++i) {
            w = w->nextInFocusChain();
            while (w && !(w->focusPolicy() & Qt::TabFocus))
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

        CaseRegistrationDialog d(m_store, reporter());
        QSignalSpy registered(&d, &CaseRegistrationDialog::registered);
        d.show();
        fillValid(d);
        type(child<QLineEdit>(&d, "lonEdit"), QStringLiteral("102.7205"));
        type(child<QLineEdit>(&d, "latEdit"), QStringLiteral("25.0478"));
        QVERIFY(d.attachments()->addFile(photo).ok);
        QCOMPARE(child<QListWidget>(&d, "attachmentList")->count(), 1);
        save(d);
        QCOMPARE(registered.count(), 1);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        const QString id = registered.at(0).at(0).toString();

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
        QCOMPARE(c->gridCell, QStringLiteral("TD-01-07"));
        QVERIFY(c->hasLocation);
        QCOMPARE(c->longitude, 102.7205);
        QCOMPARE(c->latitude, 25.0478);
        QCOMPARE(c->reporterPhone, QStringLiteral("138 0871 0000"));
        QCOMPARE(c->status, CaseStatus::Registered);
        QCOMPARE(c->registeredBy, reporter().id);
        QCOMPARE(c->attachments.size(), 1);
        const QJsonObject a = c->attachments.at(0).toObject();
        QCOMPARE(a.value("name").toString(), QStringLiteral("现场照片.png"));
        QCOMPARE(reopened.attachmentData(a.value("id").toString()), png());
        QCOMPARE(reopened.eventsOf(id).size(), 1);
        QCOMPARE(reopened.eventsOf(id).at(0).serverSeq, 0);  // made offline, waits in the outbox
        QVERIFY(reopened.pendingCount() >= 1);
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
        QVERIFY(r.message.contains(QString::number(Workflow::MaxAttachmentBytes / (1024 * 1024))));
        QLabel *err = d.attachments()->errorLabel();
        QVERIFY(err->isVisible());
        QCOMPARE(err->text(), r.message);
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

        CaseRegistrationDialog d(m_store, reporter());
        QSignalSpy registered(&d, &CaseRegistrationDialog::registered);
        d.show();
        fillValid(d);
        QVERIFY(d.attachments()->addFile(odd).ok);
        QVERIFY(d.attachments()->addData(QStringLiteral("../../../../tmp/x.png"), png()).ok);
        QCOMPARE(d.attachments()->fileNames(), (QStringList{"photo.png", "x.png"}));
        save(d);
        QCOMPARE(registered.count(), 1);
        const std::optional<CaseRecord> c = m_store->caseById(registered.at(0).at(0).toString());
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

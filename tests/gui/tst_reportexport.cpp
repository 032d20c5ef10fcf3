// Assessment reports: the CSV opens in Excel (UTF-8 BOM), names the indicator set version and agrees with the
// engine figure by figure; the PDF is produced with the expected pages, carries the version on every page, and
// its pages are rendered to PNG (pdftoppm) into ${GW_BINARY_DIR}/screenshots/ so they can be looked at.
#include "assessmentengine.h"
#include "assessmentsource.h"
#include "assessmenttestdata.h"
#include "reportexporter.h"
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;

class TestReportExport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CaseStore m_store;
    AssessmentResult m_october;
    QList<AssessmentResult> m_trend;

    QString screenshotDir() const
    {
        const QString binary = qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath());
        const QString dir = QDir(binary).filePath(QStringLiteral("screenshots"));
        QDir().mkpath(dir);
        return dir;
    }

private Q_SLOTS:
    void initTestCase();
    void csvStartsWithBomAndVersion();
    void csvAgreesWithEngine();
    void csvEscapesAndNeutralisesFormulas();
    void csvWriteFailsClearly();
    void pdfHasExpectedPagesAndRenders();
};

void TestReportExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("client.sqlite"))).ok);
    const Result r = gwtest::populateAssessmentData(&m_store);
    QVERIFY2(r.ok, qPrintable(r.message));
    AssessmentFacts facts;
    QVERIFY(AssessmentSource(&m_store).loadFacts(&facts).ok);
    QCOMPARE(facts.caseCount(), 196);
    const AssessmentEngine engine;
    for (int m = 5; m <= 10; ++m)
        m_trend.append(engine.assess(facts, AssessmentPeriod::month(2026, m), gwtest::assessmentAsOf()));
    m_october = m_trend.constLast();
    QVERIFY(m_october.district.registered > 20);
}

void TestReportExport::csvStartsWithBomAndVersion()
{
    const QByteArray csv = ReportExporter::csv(m_october, IndicatorSet::builtin());
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    // Header row, column names, 12 streets, 12 departments, the district.
    QCOMPARE(lines.size(), 2 + 12 + 12 + 1);
    QVERIFY(lines.at(0).contains(QStringLiteral(",2026.2,")));
    QVERIFY(lines.at(0).contains(QStringLiteral(",2026-10,")));
    QVERIFY(lines.at(1).startsWith(QStringLiteral("Kind,Unit id,Unit,Rank,Composite score")));
    QVERIFY(csv.contains("拓东街道"));  // Chinese survives as UTF-8
}

void TestReportExport::csvAgreesWithEngine()
{
    const QByteArray csv = ReportExporter::csv(m_october, IndicatorSet::builtin());
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    const QStringList header = lines.at(1).split(QLatin1Char(','));
    const int registeredCol = int(header.indexOf(QStringLiteral("Cases registered")));
    const int handlingCol = int(header.indexOf(QStringLiteral("On-time handling rate")));
    QVERIFY(registeredCol > 0 && handlingCol > 0);
    int checked = 0;
    for (const QList<UnitFigures> *units : {&m_october.streets, &m_october.departments}) {
        const QList<UnitFigures> ranked = AssessmentResult::ranked(*units);
        for (const UnitFigures &u : ranked) {
            const auto row = std::find_if(lines.begin(), lines.end(), [&](const QString &l) {
                return l.section(QLatin1Char(','), 1, 1) == u.unitId;
            });
            QVERIFY2(row != lines.end(), qPrintable(u.unitId));
            const QStringList f = row->split(QLatin1Char(','));
            QCOMPARE(f.at(4), u.hasComposite() ? QString::number(u.composite, 'f', 1) : QString());
            double v = 0;
            QCOMPARE(f.at(handlingCol), u.value(AssessmentMetric::OnTimeHandlingRate, &v) ? QString::number(v, 'f', 1) : QString());
            if (u.kind == OrgUnit::Kind::Street)
                QCOMPARE(f.at(registeredCol).toInt(), u.registered);
            ++checked;
        }
    }
    QCOMPARE(checked, 24);
    // Ranks run 1, 2, 3 ... down the scored streets.
    QCOMPARE(lines.at(2).section(QLatin1Char(','), 3, 3), QStringLiteral("1"));
}

void TestReportExport::csvEscapesAndNeutralisesFormulas()
{
    AssessmentResult r;
    r.period = AssessmentPeriod::month(2026, 10);
    r.indicatorVersion = QStringLiteral("v,\"quoted\"");
    UnitFigures u;
    u.unitId = QStringLiteral("street.test");
    u.name = QStringLiteral("=HYPERLINK(\"http://x\")");
    u.kind = OrgUnit::Kind::Street;
    r.streets.append(u);
    const QString csv = QString::fromUtf8(ReportExporter::csv(r, IndicatorSet::builtin()).mid(3));
    QVERIFY(csv.contains(QStringLiteral("\"v,\"\"quoted\"\"\"")));           // quoted, quotes doubled
    QVERIFY(csv.contains(QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\"")));  // not run as a formula
}

void TestReportExport::csvWriteFailsClearly()
{
    const Result r = ReportExporter::writeCsv(m_dir.filePath(QStringLiteral("no/such/dir/report.csv")), m_october,
                                              IndicatorSet::builtin());
    QVERIFY(!r.ok);
    QCOMPARE(r.code, QStringLiteral("storage_error"));
    QVERIFY(r.message.text().contains(QStringLiteral("report.csv")));
}

void TestReportExport::pdfHasExpectedPagesAndRenders()
{
    const QString pdf = m_dir.filePath(QStringLiteral("assessment-2026-10.pdf"));
    int pages = 0;
    const Result r = ReportExporter::writePdf(pdf, m_october, IndicatorSet::builtin(), m_trend, &pages);
    QVERIFY2(r.ok, qPrintable(r.message));
    // Tables on page 1, the two rankings on page 2, trend, categories, statuses and the indicator rules on page 3.
    QCOMPARE(pages, 3);
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    // Count page objects in the file itself ("/Type /Page" but not "/Type /Pages").
    const QRegularExpression pageObject(QStringLiteral("/Type\\s*/Page(?!s)"));
    int pageObjects = 0;
    for (auto it = pageObject.globalMatch(QString::fromLatin1(bytes)); it.hasNext(); it.next())
        ++pageObjects;
    QCOMPARE(pageObjects, pages);

    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    if (pdftoppm.isEmpty())
        QSKIP("pdftoppm (poppler-utils) is not installed: the PDF was checked, not rendered.");
    const QString prefix = QDir(screenshotDir()).filePath(QStringLiteral("assessment_report"));
    QProcess p;
    p.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("110"), pdf, prefix});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    for (int page = 1; page <= pages; ++page) {
        const QString png = prefix + QStringLiteral("-%1.png").arg(page);
        QVERIFY2(QFile::exists(png), qPrintable(png));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.height() > image.width());  // A4 portrait
    }
    // The indicator set version is printed on every page (pdftotext comes with pdftoppm).
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (!pdftotext.isEmpty()) {
        QProcess t;
        t.start(pdftotext, {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(t.waitForFinished(60000));
        const QString text = QString::fromUtf8(t.readAllStandardOutput());
        const QStringList pageTexts = text.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QCOMPARE(pageTexts.size(), pages);
        for (const QString &pt : pageTexts)
            QVERIFY2(pt.contains(QStringLiteral("indicator set 2026.2")), qPrintable(pt.right(300)));
        QVERIFY(text.contains(QStringLiteral("拓东街道")));
    }
}

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"

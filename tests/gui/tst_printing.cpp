// Printing: the case sheet (哨件单) and the assessment report, rendered through QPrinter to PDF on A4 and read back
// with pdftotext, so what is checked is the text a printout carries (case number and dates included: digits set in
// a CJK font did not come back out), not only the page count. The printed report must be the exported PDF's
// document. Runs in zh_CN; saves ${GW_BINARY_DIR}/screenshots/case_sheet_zh_CN-1.png (page 1 at 80 dpi), the
// case pane with its print button and the print preview.
#include "casedetailwidget.h"
#include "casesheet.h"
#include "casestore.h"
#include "casetimelinewidget.h"
#include "assessmenttestdata.h"
#include "attachmentstore.h"
#include "dashboardwindow.h"
#include "eventbuilder.h"
#include "formvalidation.h"
#include "guidemodata.h"
#include "languagemanager.h"
#include "orgdirectory.h"
#include "pagedprinter.h"
#include "../support/settledoutbox.h"
#include <QAction>
#include <QDir>
#include <QFontDatabase>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProcess>
#include <QRawFont>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

using namespace gw;

namespace {

// Qt's PDF writer names each glyph by the lowest code point the font maps to it (QFontSubset's reverse map). Noto
// Sans CJK draws about 200 ideographs with the very glyph of a Kangxi or CJK radical (U+2E80–U+2FDF), so those come
// back out of the PDF as the radical (盘龙区 as 盘⻰区, 路面 as 路⾯) in pdftotext, copy and search alike. What the
// font maps together this maps back, so the checks compare the text that was printed. Digits and Latin letters
// are not touched: they must extract as they are.
QHash<QChar, QChar> radicalFolding()
{
    QHash<QChar, QChar> folding;
    const QRawFont raw = QRawFont::fromFont(QFont(QStringLiteral("Noto Sans CJK SC")), QFontDatabase::SimplifiedChinese);
    if (!raw.isValid())
        return folding;
    auto range = [](char16_t from, char16_t to) {
        QString s;
        for (char16_t c = from; c <= to; ++c)
            s.append(QChar(c));
        return s;
    };
    const QString ideographs = range(0x4E00, 0x9FFF), radicals = range(0x2E80, 0x2FDF);
    const QList<quint32> ideographGlyphs = raw.glyphIndexesForString(ideographs);
    QHash<quint32, QChar> byGlyph;
    for (int i = 0; i < ideographGlyphs.size(); ++i)
        if (ideographGlyphs.at(i) != 0 && !byGlyph.contains(ideographGlyphs.at(i)))
            byGlyph.insert(ideographGlyphs.at(i), ideographs.at(i));
    const QList<quint32> radicalGlyphs = raw.glyphIndexesForString(radicals);
    for (int i = 0; i < radicalGlyphs.size(); ++i)
        if (byGlyph.contains(radicalGlyphs.at(i)))
            folding.insert(radicals.at(i), byGlyph.value(radicalGlyphs.at(i)));
    return folding;
}

// The strings this change adds, in Chinese, for the screenshots only and only until translations/gridwhistle_zh_CN.ts
// has them, so the saved pictures show the sheet as operators will see it.
class PendingTranslations : public QTranslator
{
public:
    PendingTranslations()
    {
        const char *const strings[][3] = {
            {"gw::CaseSheet", "Case facts", "基本情况"},
            {"gw::CaseSheet", "Title", "标题"},
            {"gw::CaseSheet", "Location", "发生位置"},
            {"gw::CaseSheet", "Departments and deadlines", "吹哨部门与办理时限"},
            {"gw::CaseSheet", "Feedback: %1", "处置反馈：%1"},
            {"gw::CaseSheet", "Timeline", "办理过程（吹哨全留痕）"},
            {"gw::CaseSheet", "Attachments", "附件清单"},
            {"gw::CaseSheet", "File", "文件名"},
            {"gw::CaseSheet", "Type", "类型"},
            {"gw::CaseSheet", "Size", "大小"},
            {"gw::CaseSheet", "Added with", "来源环节"},
            {"gw::CaseSheet", "SHA-256 (start)", "SHA-256（前16位）"},
            {"gw::CaseSheet", "%1 (%2, %3)", "%1（%2，%3）"},
            {"gw::CaseSheet", "Verification result", "核查结果"},
            {"gw::CaseSheet", "Verification", "核查结论"},
            {"gw::CaseSheet", "Audit trail", "留痕校验"},
            {"gw::CaseSheet", "Printed %1 (UTC+8)", "打印时间：%1（UTC+8）"},
            {"gw::CaseSheet", "Case Sheet", "哨件单"},
            {"gw::CaseSheet", "Filed by (signature): ____________________    Date: ____________",
             "经办人（签字）：____________________    日期：____________"},
            {"gw::CaseSheet", "GridWhistle case sheet · %1 · printed %2", "网格吹哨 哨件单 · %1 · 打印于 %2"},
            {"gw::CaseSheet", "Page %1 of %2", "第 %1 页，共 %2 页"},
            {"gw::CaseSheet", "Case sheet %1", "哨件单 %1"},
            {"gw::CaseDetailWidget", "Print case…", "打印哨件单…"},
            {"gw::DashboardWindow", "Print report…", "打印报表…"},
            {"gw::DashboardWindow", "Assessment report %1", "考核报告 %1"},
            {"gw::CaseDetailWidget", "Print this case's sheet (哨件单) with a preview first (Ctrl+P)",
             "先预览、再打印本哨件的哨件单（Ctrl+P）"},
        };
        for (const auto &s : strings)
            m_strings.insert(QLatin1String(s[0]) + QLatin1Char('|') + QString::fromUtf8(s[1]), QString::fromUtf8(s[2]));
    }
    QString translate(const char *context, const char *source, const char *, int) const override
    {
        return m_strings.value(QLatin1String(context) + QLatin1Char('|') + QString::fromUtf8(source));
    }
    bool isEmpty() const override { return false; }

private:
    QHash<QString, QString> m_strings;
};

} // namespace

class TestPrinting : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    QTemporaryDir m_dir;
    std::unique_ptr<LanguageManager> m_languages;
    CaseStore m_store;
    CaseStore m_assessmentStore;
    QString m_pdftotext;
    QString m_pdfinfo;
    QStringList m_demoIds;
    QString m_richCase;  // two departments, files at registration and with the handling feedback
    QHash<QChar, QChar> m_folding;

    static QString screenshotDir()
    {
        const QString dir = QDir(qEnvironmentVariable("GW_BINARY_DIR", QDir::currentPath())).filePath(QStringLiteral("screenshots"));
        QDir().mkpath(dir);
        return dir;
    }
    QString pdfText(const QString &pdf, bool layout = true) const
    {
        QProcess p;
        QStringList args;
        if (layout)
            args << QStringLiteral("-layout");
        p.start(m_pdftotext, args << pdf << QStringLiteral("-"));
        if (!p.waitForFinished(60000) || p.exitCode() != 0)
            return {};
        QString text = QString::fromUtf8(p.readAllStandardOutput());
        for (QChar &c : text)
            c = m_folding.value(c, c);
        return text;
    }
    // "Page size: 595.28 x 841.89 pts (A4)" (pdfinfo names the size when it matches).
    bool isA4(const QString &pdf, QString *line) const
    {
        QProcess p;
        p.start(m_pdfinfo, {pdf});
        p.waitForFinished(60000);
        const QString info = QString::fromUtf8(p.readAllStandardOutput());
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("Page size:\\s+([\\d.]+) x ([\\d.]+) pts(.*)")).match(info);
        *line = m.captured(0);
        return m.hasMatch() && qAbs(m.captured(1).toDouble() - 595.28) < 1 && qAbs(m.captured(2).toDouble() - 841.89) < 1;
    }
    static void preparePdfPrinter(QPrinter *printer, const QString &path)
    {
        printer->setOutputFormat(QPrinter::PdfFormat);
        printer->setOutputFileName(path);
        PagedPrinter::setUpPage(printer);
    }
    // pdftotext -layout keeps table cells apart with runs of spaces; words inside a cell stay single-spaced.
    static QString squeezed(QString text) { return text.simplified(); }

    QString makeRichCase();

private Q_SLOTS:
    void initTestCase();
    void fontKeepsDigitsExtractable();
    void caseSheetOfDemoCase();
    void caseSheetListsFilesAndBothDepartments();
    void caseDetailPrintsWithPreview();
    void dashboardReportPrintsTheExportedDocument();
    void screenshots();
};

void TestPrinting::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_printing"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(QStringLiteral("zh_CN")));
    QVERIFY(m_dir.isValid());
    m_pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    m_pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo"));
    m_folding = radicalFolding();
    qInfo("%d radicals share a glyph with an ideograph in Noto Sans CJK SC", int(m_folding.size()));

    QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("client.sqlite"))).ok);
    // Stage i % 9: index 7 is whistled, checked in, handled, verified and closed with a callback.
    const Result r = demo::populate(&m_store, 18, 5, &m_demoIds);
    QVERIFY2(r.ok, qPrintable(r.message));
    QCOMPARE(m_store.caseById(m_demoIds.at(7))->status, CaseStatus::Closed);
    m_richCase = makeRichCase();
    QVERIFY(!m_richCase.isEmpty());
    QCOMPARE(m_store.caseById(m_richCase)->status, CaseStatus::Closed);

    QVERIFY(m_assessmentStore.open(m_dir.filePath(QStringLiteral("assessment.sqlite"))).ok);
    const Result a = gwtest::populateAssessmentData(&m_assessmentStore);
    QVERIFY2(a.ok, qPrintable(a.message));
}

QString TestPrinting::makeRichCase()
{
    QDateTime clock = QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone(8 * 3600)).toUTC();
    const auto at = [&clock] { return clock; };
    const QByteArray png = QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    CaseDraft d;
    d.title = QStringLiteral("拓东路雨水井盖破损下陷");
    d.description = QStringLiteral("拓东路与白塔路交叉口雨水井盖破损下陷约5厘米，夜间行人易踩空，已设临时警示。");
    d.categoryId = QStringLiteral("water");
    d.subcategoryId = QStringLiteral("drainage");
    d.streetId = QStringLiteral("street.tuodong");
    d.communityId = OrgDirectory::builtin().communitiesOf(d.streetId).first().id;
    d.address = QStringLiteral("盘龙区拓东路128号");
    d.gridCell = QStringLiteral("PL-tuodong-017");
    d.hasLocation = true;
    d.longitude = 102.7215;
    d.latitude = 25.0412;
    d.urgency = Urgency::Urgent;
    d.reporterName = QStringLiteral("王先生");
    d.reporterPhone = QStringLiteral("13908715566");
    CaseEvent reg = EventBuilder(demo::user(QStringLiteral("tuodong")), m_store.deviceId(), at).registerCase(d);
    QJsonObject photo;
    if (!m_store.attachments().put(reg.caseId, QStringLiteral("井盖现场_final.png"), png, &photo).ok)
        return {};
    d.attachments = QJsonArray{photo};
    reg.payload = d.toPayload();
    if (!m_store.append(reg).ok)
        return {};
    const QString id = reg.caseId;
    auto step = [&](const QString &actor, const std::function<CaseEvent(const EventBuilder &)> &make) {
        clock = clock.addSecs(2 * 3600);
        CaseEvent e = make(EventBuilder(demo::user(actor), m_store.deviceId(), at));
        const Result r = gw::test::appendAsAuthor(m_store, e);
        if (!r.ok)
            qWarning("%s: %s", qPrintable(eventTypeToString(e.type)), qPrintable(r.message));
        return r.ok;
    };
    const QString cg = QStringLiteral("dept.chengguan"), zj = QStringLiteral("dept.zhujian");
    QJsonObject evidence;
    bool ok = step(QStringLiteral("dispatcher"), [&](const EventBuilder &b) {
        return b.make(EventType::Analyzed, id, {{"decision", "whistle"}, {"note", QStringLiteral("涉及城管、住建两部门")}});
    });
    ok = ok && step(QStringLiteral("reviewer"), [&](const EventBuilder &b) {
        return b.make(EventType::Reviewed, id, {{"decision", "approve"}, {"reason", QStringLiteral("同意吹哨")}});
    });
    ok = ok && step(QStringLiteral("dispatcher"), [&](const EventBuilder &b) { return b.whistle(*m_store.caseById(id), cg, {zj}); });
    for (const QString &dept : {cg, zj})
        ok = ok && step(QStringLiteral("handler:") + dept, [&](const EventBuilder &b) {
            return b.make(EventType::CheckedIn, id, {{"department", dept}, {"note", QStringLiteral("已安排人员到场")}});
        });
    ok = ok && m_store.attachments().put(id, QStringLiteral("更换后井盖.png"), png, &evidence).ok;
    ok = ok && step(QStringLiteral("handler:") + cg, [&](const EventBuilder &b) {
        return b.make(EventType::Handled, id, {{"department", cg}, {"feedback", QStringLiteral("已更换新井盖并恢复路面。")},
                                               {"attachments", QJsonArray{evidence}}});
    });
    ok = ok && step(QStringLiteral("handler:") + zj, [&](const EventBuilder &b) {
        return b.make(EventType::Handled, id, {{"department", zj}, {"feedback", QStringLiteral("已检查周边管网，无渗漏。")}});
    });
    ok = ok && step(QStringLiteral("dispatcher"), [&](const EventBuilder &b) {
        return b.make(EventType::Verified, id, {{"passed", true}, {"reason", QStringLiteral("现场核查井盖平整牢固")}});
    });
    ok = ok && step(QStringLiteral("dispatcher"), [&](const EventBuilder &b) {
        return b.make(EventType::Closed, id, {{"summary", QStringLiteral("问题已解决")}, {"satisfaction", "satisfied"},
                                              {"callbackContact", d.reporterName}, {"callbackBy", QStringLiteral("调度员")}});
    });
    return ok ? id : QString();
}

// The premise of the font choice, checked where the test runs: the sheet's font keeps digits extractable. What a
// CJK-only font gives is reported, so a change of fonts or poppler shows up in the log.
void TestPrinting::fontKeepsDigitsExtractable()
{
    if (m_pdftotext.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    const QString sample = QStringLiteral("PL-2026-000123 拓东街道 2026-03-02 09:00");
    auto render = [&](const QFont &font, const QString &name) {
        const QString pdf = m_dir.filePath(name);
        QPrinter printer(QPrinter::HighResolution);
        preparePdfPrinter(&printer, pdf);
        QTextDocument doc;
        doc.setDefaultFont(font);
        doc.setPlainText(sample);
        const Result r = PagedPrinter::paint(&doc, &printer, {QStringLiteral("footer 42"), {}});
        return r.ok ? squeezed(pdfText(pdf)) : QString();
    };
    const QString ours = render(PagedPrinter::font(10), QStringLiteral("font-ours.pdf"));
    QVERIFY2(ours.contains(QStringLiteral("PL-2026-000123")), qPrintable(ours));
    QVERIFY2(ours.contains(QStringLiteral("2026-03-02 09:00")), qPrintable(ours));
    QVERIFY2(ours.contains(QStringLiteral("拓东街道")), qPrintable(ours));
    QVERIFY2(ours.contains(QStringLiteral("footer 42")), qPrintable(ours));
    QFont cjk(QStringLiteral("Noto Sans CJK SC"));
    cjk.setPointSizeF(10);
    const QString cjkOnly = render(cjk, QStringLiteral("font-cjk.pdf"));
    qInfo("Set in Noto Sans CJK SC alone, the sample extracts as: %s", qPrintable(cjkOnly));
}

void TestPrinting::caseSheetOfDemoCase()
{
    if (m_pdftotext.isEmpty() || m_pdfinfo.isEmpty())
        QSKIP("pdftotext/pdfinfo (poppler-utils) are not installed");
    const QString id = m_demoIds.at(7);
    const CaseRecord rec = *m_store.caseById(id);
    const QList<CaseEvent> events = m_store.eventsOf(id);
    const QString pdf = m_dir.filePath(QStringLiteral("case-sheet.pdf"));
    int pages = 0;
    {
        QPrinter printer(QPrinter::HighResolution);
        preparePdfPrinter(&printer, pdf);
        const Result r = CaseSheet::print(&printer, rec, events, {}, &pages);
        QVERIFY2(r.ok, qPrintable(r.message));
    }
    QVERIFY(pages >= 1);
    QString size;
    QVERIFY2(isA4(pdf, &size), qPrintable(size));
    const QString layoutText = pdfText(pdf);
    QCOMPARE(layoutText.count(QLatin1Char('\f')), pages);
    const QString text = squeezed(layoutText);
    auto has = [&text](const QString &s) { return text.contains(s.simplified()); };

    QVERIFY(rec.number.contains(QRegularExpression(QStringLiteral("\\d{4}"))));
    QVERIFY2(has(rec.number), qPrintable(rec.number + QStringLiteral(" missing in:\n") + layoutText));
    QVERIFY2(has(rec.title), qPrintable(rec.title));
    QVERIFY2(has(rec.address), qPrintable(rec.address));  // street address numbers included
    QVERIFY2(has(OrgDirectory::builtin().nameOf(rec.streetId)), qPrintable(rec.streetId));
    QVERIFY(has(CaseSheet::tr("Case Sheet")));
    QVERIFY(!rec.departments.isEmpty());
    for (const DepartmentAssignment &a : rec.departments) {
        QVERIFY2(has(OrgDirectory::builtin().nameOf(a.departmentId)), qPrintable(a.departmentId));
        // Deadlines as dates and times (district time).
        for (const QDateTime &due : {a.checkInDue, a.handleDue}) {
            const QString shown = FormValidation::displayTime(due);
            QVERIFY(!shown.isEmpty());
            QVERIFY2(has(shown.left(10)) && has(shown.mid(11)), qPrintable(shown));
        }
    }
    // Every step of the timeline, in the words of the timeline pane.
    QCOMPARE(events.size(), 8);  // registered, analyzed, reviewed, whistled, checked in, handled, verified, closed
    for (const CaseEvent &e : events) {
        QVERIFY2(has(eventTypeDisplayName(e.type)), qPrintable(eventTypeDisplayName(e.type)));
        QVERIFY2(has(FormValidation::displayTime(e.clientTime).left(10)), qPrintable(e.clientTime.toString()));
    }
    QVERIFY(has(QStringLiteral("已现场处置完毕，附处置前后照片。")));
    QVERIFY(has(QStringLiteral("问题已解决，群众满意")));
    // The verification result: passed, by whom, and the audit chain intact.
    const CaseEvent verified = *std::find_if(events.begin(), events.end(),
                                             [](const CaseEvent &e) { return e.type == EventType::Verified; });
    QVERIFY(has(CaseSheet::tr("Verification result")));
    QVERIFY(has(CaseSheet::tr("%1 (%2, %3)")
                    .arg(CaseTimelineWidget::detailsText(verified),
                         CaseTimelineWidget::actorText(verified).section(QLatin1Char('\n'), 0, 0),
                         FormValidation::displayTime(verified.clientTime))));
    QVERIFY(has(CaseTimelineWidget::tr("✓ Audit chain verified: %n event(s), none altered.", nullptr, 8)));
    QVERIFY(has(CaseSheet::tr("No attachments.")));
    // The footer names the case on every page.
    for (const QString &page : layoutText.split(QLatin1Char('\f'), Qt::SkipEmptyParts))
        QVERIFY2(squeezed(page).contains(rec.number), qPrintable(page.right(300)));
}

void TestPrinting::caseSheetListsFilesAndBothDepartments()
{
    if (m_pdftotext.isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    const CaseRecord rec = *m_store.caseById(m_richCase);
    const QString pdf = m_dir.filePath(QStringLiteral("case-sheet-rich.pdf"));
    int pages = 0;
    {
        QPrinter printer(QPrinter::HighResolution);
        preparePdfPrinter(&printer, pdf);
        const Result r = CaseSheet::print(&printer, &m_store, m_richCase, &pages);
        QVERIFY2(r.ok, qPrintable(r.message));
    }
    const QString text = squeezed(pdfText(pdf));
    auto has = [&text](const QString &s) { return text.contains(s.simplified()); };
    QVERIFY2(has(rec.number), qPrintable(text));
    QVERIFY(has(QStringLiteral("区城管局")) || has(OrgDirectory::builtin().nameOf(QStringLiteral("dept.chengguan"))));
    QVERIFY(has(OrgDirectory::builtin().nameOf(QStringLiteral("dept.zhujian"))));
    QVERIFY(has(QStringLiteral("13908715566")));
    QVERIFY(has(QStringLiteral("102.721500")));
    QVERIFY(has(QStringLiteral("PL-tuodong-017")));
    // Both files, with the step that brought them and the start of their checksum.
    QVERIFY(has(QStringLiteral("井盖现场_final.png")));
    QVERIFY(has(QStringLiteral("更换后井盖.png")));
    const QJsonObject photo = rec.attachments.first().toObject();
    QVERIFY2(has(photo.value(QStringLiteral("sha256")).toString().left(16)), qPrintable(text));
    QVERIFY(has(CaseSheet::tr("Feedback: %1").arg(QStringLiteral("已更换新井盖并恢复路面。"))));
    QVERIFY(has(QStringLiteral("现场核查井盖平整牢固")));
    // The whistle's deadlines: the lead's handling due date, as a date.
    const QString due = FormValidation::displayTime(rec.leadAssignment()->handleDue);
    QVERIFY2(has(due.left(10)), qPrintable(due));
}

void TestPrinting::caseDetailPrintsWithPreview()
{
    CaseDetailWidget detail(&m_store, demo::user(QStringLiteral("dispatcher")));
    QAction *print = detail.printAction();
    QVERIFY(print);
    QCOMPARE(print->shortcut(), QKeySequence(QKeySequence::Print));
    QVERIFY(!print->isEnabled());  // no case shown
    QVERIFY(!detail.printCase());
    detail.resize(1000, 800);
    detail.show();
    QVERIFY(QTest::qWaitForWindowExposed(&detail));
    detail.showCase(m_richCase);
    QVERIFY(print->isEnabled());
    QToolButton *button = detail.findChild<QToolButton *>(QStringLiteral("printCaseButton"));
    QVERIFY(button && button->isVisible());
    QCOMPARE(button->text(), print->text());

    print->trigger();
    auto *dialog = detail.findChild<QPrintPreviewDialog *>(QStringLiteral("printPreview"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->printer()->pageLayout().pageSize().id(), QPageSize::A4);
    auto *preview = dialog->findChild<QPrintPreviewWidget *>();
    QVERIFY(preview);
    QTRY_VERIFY(preview->pageCount() >= 1);
    QPointer<QPrintPreviewDialog> guard(dialog);
    dialog->close();
    QTRY_VERIFY(!guard);  // deleted on close
}

void TestPrinting::dashboardReportPrintsTheExportedDocument()
{
    if (m_pdftotext.isEmpty() || m_pdfinfo.isEmpty())
        QSKIP("pdftotext/pdfinfo (poppler-utils) are not installed");
    DashboardWindow w(&m_assessmentStore);
    w.setAsOf(gwtest::assessmentAsOf());
    w.setMonth(2026, 10);
    const QString exported = m_dir.filePath(QStringLiteral("report-export.pdf"));
    const QString printed = m_dir.filePath(QStringLiteral("report-print.pdf"));
    int exportedPages = 0, printedPages = 0;
    QVERIFY(w.exportPdf(exported, &exportedPages).ok);
    {
        QPrinter printer(QPrinter::HighResolution);
        preparePdfPrinter(&printer, printed);
        const Result r = w.printReport(&printer, &printedPages);
        QVERIFY2(r.ok, qPrintable(r.message));
    }
    QCOMPARE(printedPages, exportedPages);
    QString size;
    QVERIFY2(isA4(printed, &size), qPrintable(size));
    QVERIFY2(isA4(exported, &size), qPrintable(size));
    // One document: the same text, page by page, at 1200 dpi on the printer and 96 dpi in the export.
    const QString printedText = pdfText(printed, false);
    QCOMPARE(printedText.count(QLatin1Char('\f')), printedPages);
    QCOMPARE(squeezed(printedText), squeezed(pdfText(exported, false)));

    const QString text = squeezed(pdfText(printed));
    const AssessmentResult &res = w.result();
    QVERIFY(text.contains(QStringLiteral("拓东街道")));
    QVERIFY(text.contains(OrgDirectory::builtin().nameOf(QStringLiteral("dept.chengguan"))));
    QVERIFY2(text.contains(QStringLiteral("2026-10-01")), qPrintable(text.left(600)));  // the period, as dates
    QVERIFY(text.contains(res.indicatorVersion));
    // Figures set in the table: the best street's composite score and the district's registered count.
    const UnitFigures best = AssessmentResult::ranked(res.streets).first();
    QVERIFY(best.hasComposite());
    QVERIFY2(text.contains(best.name + QLatin1Char(' ') + QString::number(best.composite, 'f', 1)), qPrintable(text.left(2000)));
    QVERIFY(text.contains(QString::number(res.district.registered)));

    // "Print report…" opens the preview of that document.
    QAction *action = w.findChild<QAction *>(QStringLiteral("printReportAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Print));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    action->trigger();
    auto *dialog = w.findChild<QPrintPreviewDialog *>(QStringLiteral("printPreview"));
    QVERIFY(dialog);
    auto *preview = dialog->findChild<QPrintPreviewWidget *>();
    QTRY_COMPARE(preview->pageCount(), exportedPages);
    dialog->close();
}

void TestPrinting::screenshots()
{
    const QString pdftoppm = QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
    if (pdftoppm.isEmpty())
        QSKIP("pdftoppm (poppler-utils) is not installed");
    PendingTranslations pending;
    const bool translated = CaseSheet::tr("Case Sheet") != QLatin1String("Case Sheet");
    if (!translated)
        QCoreApplication::installTranslator(&pending);
    const auto uninstall = qScopeGuard([&pending] { QCoreApplication::removeTranslator(&pending); });
    const QDir out(screenshotDir());
    const QString pdf = out.filePath(QStringLiteral("case_sheet_zh_CN.pdf"));
    {
        QPrinter printer(QPrinter::HighResolution);
        preparePdfPrinter(&printer, pdf);
        QVERIFY(CaseSheet::print(&printer, &m_store, m_richCase).ok);
    }
    const QString prefix = out.filePath(QStringLiteral("case_sheet_zh_CN"));
    QProcess p;
    p.start(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("80"), QStringLiteral("-f"),
                       QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), pdf, prefix});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QImage page(prefix + QStringLiteral("-1.png"));
    QVERIFY(!page.isNull());
    QVERIFY(page.height() > page.width());  // A4 portrait
    qInfo("saved %s", qPrintable(prefix + QStringLiteral("-1.png")));

    CaseDetailWidget detail(&m_store, demo::user(QStringLiteral("dispatcher")));
    detail.resize(900, 760);
    detail.show();
    QVERIFY(QTest::qWaitForWindowExposed(&detail));
    detail.showCase(m_richCase);
    QTest::qWait(50);
    QVERIFY(detail.grab().save(out.filePath(QStringLiteral("case_detail_print_zh_CN.png"))));
    QPrintPreviewDialog *dialog = detail.printCase();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->findChild<QPrintPreviewWidget *>()->pageCount() >= 1);
    QTest::qWait(50);
    QVERIFY(dialog->grab().save(out.filePath(QStringLiteral("case_sheet_preview_zh_CN.png"))));
    dialog->close();

    DashboardWindow dashboard(&m_assessmentStore);
    dashboard.setAsOf(gwtest::assessmentAsOf());
    dashboard.setMonth(2026, 10);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QPrintPreviewDialog *reportPreview = dashboard.openPrintPreview();
    QTRY_VERIFY(reportPreview->findChild<QPrintPreviewWidget *>()->pageCount() >= 1);
    QTest::qWait(50);
    QVERIFY(dashboard.grab().save(out.filePath(QStringLiteral("dashboard_print_zh_CN.png"))));
    QVERIFY(reportPreview->grab().save(out.filePath(QStringLiteral("report_preview_zh_CN.png"))));
    reportPreview->close();
}

QTEST_MAIN(TestPrinting)
#include "tst_printing.moc"

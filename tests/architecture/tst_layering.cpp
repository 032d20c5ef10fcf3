// The GUI never talks SQL or HTTP itself (docs/architecture.md, "Build and layers"). Qt SQL and Qt Network are
// linked PRIVATE below the GUI, so `#include <QSqlQuery>` does not compile there; but Debian's Qt puts its include
// root on every Qt target's path, so `<QtSql/QSqlQuery>` would. This test scans the client's own code for either
// spelling, and for the classes themselves, so a shortcut past the storage or sync layer fails CI.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

// What the GUI must not touch: all of Qt SQL, and Qt Network's request classes (reachability, such as
// QNetworkInformation, stays allowed).
const QRegularExpression &forbiddenInclude()
{
    static const QRegularExpression re(QStringLiteral(
        "^\\s*#\\s*include\\s*[<\"]\\s*(?:QtSql(?:/|\\s*[>\"])|QSql\\w*|qsql\\w*\\.h|(?:QtNetwork/)?(?:QNetworkAccessManager|QNetworkRequest|QNetworkReply|qnetworkaccessmanager\\.h|qnetworkrequest\\.h|qnetworkreply\\.h)|QtNetwork\\s*[>\"]|QtNetwork/QtNetwork)"),
        QRegularExpression::MultilineOption);
    return re;
}

const QRegularExpression &forbiddenClass()
{
    static const QRegularExpression re(
        QStringLiteral("\\b(QSql[A-Z]\\w*|QNetworkAccessManager|QNetworkRequest|QNetworkReply)\\b"));
    return re;
}

// Comments and string literals may name the classes (this rule is explained in comments).
QString codeOnly(const QString &text)
{
    static const QRegularExpression comments(QStringLiteral("//[^\\n]*|/\\*.*?\\*/"),
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression strings(QStringLiteral("\"(?:[^\"\\\\\\n]|\\\\.)*\""));
    QString code = text;
    code.replace(comments, QString());
    // Keep include lines whole: their quoted header name is what the include check reads.
    QStringList lines = code.split(u'\n');
    for (QString &line : lines)
        if (!line.trimmed().startsWith(u'#'))
            line.replace(strings, QStringLiteral("\"\""));
    return lines.join(u'\n');
}

// "file:line: what" for every forbidden include or class use in `text`.
QStringList violations(const QString &file, const QString &text)
{
    QStringList out;
    const QString code = codeOnly(text);
    const QStringList lines = code.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (forbiddenInclude().match(line).hasMatch()) {
            out.append(QStringLiteral("%1:%2: includes %3").arg(file).arg(i + 1).arg(line.trimmed()));
            continue;
        }
        const QRegularExpressionMatch m = forbiddenClass().match(line);
        if (m.hasMatch())
            out.append(QStringLiteral("%1:%2: uses %3").arg(file).arg(i + 1).arg(m.captured(1)));
    }
    return out;
}

} // namespace

class TestLayering : public QObject
{
    Q_OBJECT

private slots:
    void scannerCatchesEverySpelling_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("forbidden");
        QTest::newRow("plain") << "#include <QSqlQuery>" << true;
        QTest::newRow("module path") << "#include <QtSql/QSqlQuery>" << true;
        QTest::newRow("module") << "#  include <QtSql>" << true;
        QTest::newRow("lower case") << "#include <qsqldatabase.h>" << true;
        QTest::newRow("quoted") << "#include \"QtSql/qsqlerror.h\"" << true;
        QTest::newRow("network manager") << "#include <QNetworkAccessManager>" << true;
        QTest::newRow("network path") << "#include <QtNetwork/QNetworkReply>" << true;
        QTest::newRow("network module") << "#include <QtNetwork>" << true;
        QTest::newRow("forward declared") << "class QNetworkRequest;" << true;
        QTest::newRow("used") << "QSqlDatabase db = QSqlDatabase::database();" << true;
        QTest::newRow("reachability") << "#include <QNetworkInformation>" << false;
        QTest::newRow("reachability path") << "#include <QtNetwork/QNetworkInformation>" << false;
        QTest::newRow("comment") << "// the store owns QSqlQuery; see QNetworkReply" << false;
        QTest::newRow("string") << "label->setText(\"QSqlQuery\");" << false;
        QTest::newRow("widgets") << "#include <QTableView>\n#include \"casestore.h\"" << false;
    }
    void scannerCatchesEverySpelling()
    {
        QFETCH(QString, text);
        QFETCH(bool, forbidden);
        QCOMPARE(!violations(QStringLiteral("probe.cpp"), text).isEmpty(), forbidden);
    }

    // The client's widgets and its main.cpp reach data and the network only through storage and sync.
    void guiTalksNoSqlOrHttp()
    {
        const QString root = qEnvironmentVariable("GW_SOURCE_DIR");
        QVERIFY2(!root.isEmpty(), "GW_SOURCE_DIR is not set (ctest sets it)");
        QStringList found;
        int files = 0;
        for (const char *folder : {"src/gui", "app/client", "ui"}) {
            QDirIterator it(root + u'/' + QLatin1String(folder), {QStringLiteral("*.cpp"), QStringLiteral("*.h"),
                                                                   QStringLiteral("*.ui")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QFile file(path);
                QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
                found += violations(path.mid(root.size() + 1), QString::fromUtf8(file.readAll()));
                ++files;
            }
        }
        QVERIFY2(files > 20, "the GUI sources were not found");
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"

// Issue 18: no English in the Chinese UI. Every sentence the district server can send (found by lupdate in the
// code the server is built from, not from a hand list) is rendered by the client in zh_CN with its arguments:
// each is built as the server builds it, carried through the wire form (English text plus the message detail),
// read back as the client reads it, and rendered with the translator the client installs.
#include "languagemanager.h"
#include "message.h"
#include "tsfile.h"
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace gw;
using gw::test::TsMessage;

namespace {

QString sourceDir() { return qEnvironmentVariable("GW_SOURCE_DIR"); }

// The code a district server is built from (its CMake targets link exactly these libraries).
const QStringList kServerDirs = {QStringLiteral("core"), QStringLiteral("database"), QStringLiteral("server"),
                                 QStringLiteral("city")};

QStringList serverSources()
{
    QStringList files;
    for (const QString &dir : kServerDirs) {
        QDirIterator it(sourceDir() + QStringLiteral("/src/") + dir, {QStringLiteral("*.cpp"), QStringLiteral("*.h")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

QList<int> placeholderNumbers(const QString &source)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2})"));
    QList<int> numbers;
    for (auto it = re.globalMatch(source); it.hasNext();) {
        const int n = it.next().captured(1).toInt();
        if (n > 0 && !numbers.contains(n))
            numbers << n;
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

bool hasCjk(const QString &text)
{
    for (const QChar c : text) {
        if ((c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) || (c.unicode() >= 0x3000 && c.unicode() <= 0x303F)
            || (c.unicode() >= 0xFF00 && c.unicode() <= 0xFFEF))
            return true;
    }
    return false;
}

// A sentence a person reads: it has words. "%1: %2" or "—" is composition, rendered the same in every language.
bool isLanguage(const QString &source)
{
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{2,}"));
    QString withoutPlaceholders = source;
    withoutPlaceholders.remove(QRegularExpression(QStringLiteral("%L?(\\d+|n)")));
    return word.match(withoutPlaceholders).hasMatch();
}

// A Message arrives at the client as JSON bytes: what the server writes with writeTo, what the client reads back.
Message throughTheWire(const Message &sent)
{
    QJsonObject body;
    sent.writeTo(body, QStringLiteral("message"));
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return Message::readFrom(QJsonDocument::fromJson(bytes).object(), QStringLiteral("message"));
}

} // namespace

class TestServerMessages : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(!sourceDir().isEmpty(), "GW_SOURCE_DIR is not set; run the test through ctest");
        QCoreApplication::setOrganizationName(QStringLiteral("GridWhistleTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_servermessages"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        const QString lupdate = gw::test::findLupdate();
        if (lupdate.isEmpty())
            QSKIP("lupdate is not installed (Debian package qt6-tools-dev-tools): cannot list the server's messages.");
        const QString ts = m_work.filePath(QStringLiteral("server.ts"));
        const QString src = sourceDir() + QStringLiteral("/src");
        const QString error = gw::test::runLupdate(
            lupdate, serverSources(), {src + QStringLiteral("/core"), src + QStringLiteral("/core/protocol")}, ts);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const gw::test::TsFile file = gw::test::parseTs(ts);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        m_messages = file.messages;
        // The server has several hundred sentences; a handful would mean lupdate stopped seeing GW_DECLARE_MESSAGES.
        QVERIFY2(m_messages.size() > 300, qPrintable(QStringLiteral("only %1 messages found").arg(m_messages.size())));
    }

    void everyServerMessageRendersInChinese()
    {
        LanguageManager language;  // installs the client's translators, as the running client does
        QVERIFY(language.setLanguage(QStringLiteral("zh_CN")));
        QStringList problems;
        int rendered = 0;
        for (const TsMessage &m : std::as_const(m_messages)) {
            const QByteArray context = m.context.toUtf8(), source = m.source.toUtf8(), comment = m.comment.toUtf8();
            Message sent = Message::translate(context.constData(), source.constData(),
                                              comment.isEmpty() ? nullptr : comment.constData(), m.numerus ? 7 : -1);
            QStringList args;
            for (int number : placeholderNumbers(m.source)) {
                args << QStringLiteral("⟨arg%1⟩").arg(number);
                sent = sent.arg(args.last());
            }
            const Message received = throughTheWire(sent);
            if (received != sent) {
                problems << m.label() + QStringLiteral(": changed on the way to the client");
                continue;
            }
            if (received.id().isEmpty())
                problems << m.label() + QStringLiteral(": no message id");
            const QString zh = received.text();
            ++rendered;
            for (const QString &a : std::as_const(args)) {
                if (!zh.contains(a))
                    problems << m.label() + QStringLiteral(": argument %1 lost in \"%2\"").arg(a, zh);
            }
            if (m.numerus && !zh.contains(QLatin1Char('7')))
                problems << m.label() + QStringLiteral(": count lost in \"%1\"").arg(zh);
            static const QRegularExpression leftover(QStringLiteral("%L?(\\d+|n)"));
            if (leftover.match(zh).hasMatch())
                problems << m.label() + QStringLiteral(": placeholder left in \"%1\"").arg(zh);
            if (isLanguage(m.source) && (!hasCjk(zh) || zh == received.english()))
                problems << m.label() + QStringLiteral(": shown untranslated as \"%1\"").arg(zh);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 of %2 server messages:\n  %3")
                                                    .arg(problems.size()).arg(rendered)
                                                    .arg(problems.join(QStringLiteral("\n  ")))));
        QCOMPARE(rendered, m_messages.size());
    }

    void messageIdsAreDistinct()
    {
        QHash<QString, QString> seen;
        QStringList clashes;
        for (const TsMessage &m : std::as_const(m_messages)) {
            const QByteArray context = m.context.toUtf8(), source = m.source.toUtf8(), comment = m.comment.toUtf8();
            const QString id = Message::translate(context.constData(), source.constData(),
                                                  comment.isEmpty() ? nullptr : comment.constData()).id();
            if (seen.contains(id) && seen.value(id) != m.label())
                clashes << id + QStringLiteral(": ") + seen.value(id) + QStringLiteral(" / ") + m.label();
            seen.insert(id, m.label());
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    // GW_DECLARE_MESSAGES(context) makes tr() look strings up under `context`, while lupdate files them under the
    // enclosing class: the two must be the same name, or the Chinese text is never found.
    void declaredContextsAreTheirClasses()
    {
        static const QRegularExpression declaration(QStringLiteral("GW_DECLARE_MESSAGES\\(([^)]*)\\)"));
        static const QRegularExpression classHead(QStringLiteral("\\b(?:class|struct)\\s+(\\w+)\\s*(?:final\\s*)?(?::[^;{]*)?\\{"));
        QStringList wrong;
        int found = 0;
        for (const QString &path : serverSources()) {
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QString text = QString::fromUtf8(file.readAll());
            for (auto it = declaration.globalMatch(text); it.hasNext();) {
                const auto match = it.next();
                if (match.captured(1) == QLatin1String("context"))
                    continue;  // the macro's own definition
                ++found;
                QString enclosing;
                for (auto c = classHead.globalMatch(text.left(match.capturedStart())); c.hasNext();)
                    enclosing = c.next().captured(1);
                if (match.captured(1) != QStringLiteral("gw::") + enclosing)
                    wrong << QStringLiteral("%1: GW_DECLARE_MESSAGES(%2) in class %3").arg(path, match.captured(1), enclosing);
            }
        }
        QVERIFY2(found > 10, "no GW_DECLARE_MESSAGES found in the server's sources");
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    }

private:
    QTemporaryDir m_settings;
    QTemporaryDir m_work;
    QList<TsMessage> m_messages;
};

QTEST_MAIN(TestServerMessages)
#include "tst_servermessages.moc"

#include "tsfile.h"
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QXmlStreamReader>

namespace gw::test {

QString TsMessage::label() const
{
    QString text = context + QStringLiteral(" | \"") + source + QLatin1Char('"');
    if (!comment.isEmpty())
        text += QStringLiteral(" [") + comment + QLatin1Char(']');
    return text.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
}

TsFile parseTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("TS")) {
                ts.language = xml.attributes().value(QLatin1String("language")).toString();
            } else if (name == QLatin1String("name") && !inMessage) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                inMessage = true;
                current = TsMessage();
                current.context = context;
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (inMessage && name == QLatin1String("source")) {
                current.source = xml.readElementText();
            } else if (inMessage && name == QLatin1String("comment")) {
                current.comment = xml.readElementText();
            } else if (inMessage && name == QLatin1String("translation")) {
                const auto type = xml.attributes().value(QLatin1String("type"));
                current.unfinished = type == QLatin1String("unfinished");
                if (type == QLatin1String("obsolete") || type == QLatin1String("vanished")) {
                    inMessage = false;  // not shown to anyone; lupdate drops it with -no-obsolete
                    xml.skipCurrentElement();
                    continue;
                }
                if (!current.numerus)
                    current.translations << xml.readElementText();
            } else if (inMessage && name == QLatin1String("numerusform")) {
                current.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            if (inMessage)
                ts.messages << current;
            inMessage = false;
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1 line %2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

QString findLupdate()
{
    const QStringList candidates = {
        QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate"),
        QLibraryInfo::path(QLibraryInfo::LibraryExecutablesPath) + QStringLiteral("/lupdate"),
        QStringLiteral("/usr/lib/qt6/bin/lupdate"),
    };
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return QStandardPaths::findExecutable(QStringLiteral("lupdate6"));
}

QString runLupdate(const QString &lupdate, const QStringList &files, const QStringList &includeDirs,
                   const QString &tsPath)
{
    const QString listFile = tsPath + QStringLiteral(".sources");
    QFile list(listFile);
    if (!list.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("cannot write %1").arg(listFile);
    list.write(files.join(QLatin1Char('\n')).toUtf8() + '\n');
    list.close();
    QStringList arguments = {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                             QStringLiteral("-target-language"), QStringLiteral("zh_CN")};
    for (const QString &dir : includeDirs)
        arguments << QStringLiteral("-I") << dir;
    arguments << QLatin1Char('@') + listFile << QStringLiteral("-ts") << tsPath;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(lupdate, arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return QStringLiteral("lupdate did not finish within 2 minutes");
    }
    const QString output = QString::fromLocal8Bit(process.readAll());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return output.isEmpty() ? QStringLiteral("lupdate failed") : output;
    return {};
}

} // namespace gw::test

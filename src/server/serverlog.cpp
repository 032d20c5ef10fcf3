#include "serverlog.h"
#include <QDateTime>
#include <QString>
#include <QtGlobal>
#include <cstdio>

namespace gw {

static const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "error";
    case QtFatalMsg: return "fatal";
    }
    return "info";
}

static void writeLine(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    QString text = message;
    // One event per line, whatever the message holds.
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
                            + levelName(type) + ' ' + text.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void ServerLog::install() { qInstallMessageHandler(writeLine); }

} // namespace gw

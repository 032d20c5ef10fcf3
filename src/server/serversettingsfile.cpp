#include "serversettingsfile.h"
#include "message.h"
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

namespace gw {

// Console output of the server program: finished text in the server's language.
static QString tr(const char *text) { return Message::translate("gw::ServerSettingsFile", text).text(); }

static const QLatin1String Prefix("GW_SERVER_");

bool ServerSettingsFile::toArguments(const QList<QPair<QString, QString>> &settings, QStringList *arguments,
                                     QString *error)
{
    static const QRegularExpression validKey(QStringLiteral("^GW_SERVER_[A-Z0-9_]+$"));
    for (const auto &setting : settings) {
        const QString &key = setting.first;
        if (!validKey.match(key).hasMatch()) {
            *error = tr("\"%1\" is not a server setting; settings are named GW_SERVER_<OPTION>, "
                        "for example GW_SERVER_DATA_DIR.").arg(key);
            return false;
        }
        // Options are the command-line names: GW_SERVER_CITY_CONFIG -> --city-config.
        const QString option = QStringLiteral("--") + key.mid(Prefix.size()).toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
        if (option == QLatin1String("--config")) {
            *error = tr("GW_SERVER_CONFIG cannot be set inside a settings file or the environment; give --config on "
                        "the command line.");
            return false;
        }
        const QString value = setting.second.trimmed();
        const QString lower = value.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("yes") || lower == QLatin1String("on"))
            arguments->append(option);
        else if (lower == QLatin1String("false") || lower == QLatin1String("no") || lower == QLatin1String("off"))
            continue;
        else if (value.isEmpty())
            continue;  // an empty value means "not set", as in shell files
        else
            *arguments << option << value;
    }
    return true;
}

bool ServerSettingsFile::read(const QString &path, QList<QPair<QString, QString>> *settings, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = tr("Cannot read the settings file %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > 64 * 1024) {
        *error = tr("The settings file %1 is larger than 64 KB; is it the right file?").arg(path);
        return false;
    }
    static const QRegularExpression line(QStringLiteral("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*$"));
    int number = 0;
    while (!file.atEnd()) {
        ++number;
        const QString text = QString::fromUtf8(file.readLine()).trimmed();
        if (text.isEmpty() || text.startsWith(QLatin1Char('#')))
            continue;
        const QRegularExpressionMatch m = line.match(text);
        if (!m.hasMatch()) {
            *error = tr("%1 line %2: expected KEY=VALUE, found \"%3\".").arg(path).arg(number).arg(text.left(80));
            return false;
        }
        QString value = m.captured(2);
        if (value.size() >= 2 && (value.front() == QLatin1Char('"') || value.front() == QLatin1Char('\''))) {
            if (value.back() != value.front()) {
                *error = tr("%1 line %2: the quote in the value is not closed.").arg(path).arg(number);
                return false;
            }
            value = value.mid(1, value.size() - 2);
        }
        if (!m.captured(1).startsWith(Prefix)) {
            *error = tr("%1 line %2: \"%3\" is not a server setting (names start with GW_SERVER_).")
                         .arg(path).arg(number).arg(m.captured(1));
            return false;
        }
        settings->append({m.captured(1), value});
    }
    return true;
}

bool ServerSettingsFile::expand(const QStringList &arguments, const QProcessEnvironment &environment,
                                QStringList *expanded, QString *error)
{
    QString configPath;
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--config")) {
            if (i + 1 >= arguments.size()) {
                *error = tr("--config needs a file name.");
                return false;
            }
            configPath = arguments.at(i + 1);
        }
    }
    QList<QPair<QString, QString>> fromFile;
    if (!configPath.isEmpty() && !read(configPath, &fromFile, error))
        return false;
    QList<QPair<QString, QString>> fromEnvironment;
    const QStringList keys = environment.keys();
    for (const QString &key : keys) {
        if (key.startsWith(Prefix))
            fromEnvironment.append({key, environment.value(key)});
    }
    QStringList result{arguments.value(0)};
    // Later options win in ServerOptions::parse, so the weakest source goes first.
    if (!toArguments(fromFile, &result, error))
        return false;
    if (!toArguments(fromEnvironment, &result, error)) {
        *error = tr("In the environment: %1").arg(*error);
        return false;
    }
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("--config")) {
            ++i;
            continue;
        }
        result.append(arguments.at(i));
    }
    *expanded = result;
    return true;
}

} // namespace gw

#pragma once
#include <QProcessEnvironment>
#include <QStringList>

namespace gw {

// Server settings given as GW_SERVER_* variables — in the environment, or as KEY=VALUE lines in a file
// (--config FILE; the same file systemd reads as EnvironmentFile). They are turned into command-line options
// so that ServerOptions::parse stays the single place that validates settings.
// Precedence: command line, then environment, then file.
class ServerSettingsFile
{
public:
    // GW_SERVER_DATA_DIR=/x -> "--data-dir /x"; GW_SERVER_VERBOSE=true -> "--verbose"; =false -> nothing.
    static bool toArguments(const QList<QPair<QString, QString>> &settings, QStringList *arguments, QString *error);
    // Reads KEY=VALUE lines: blank lines and # comments are skipped, values may be quoted, "export " is allowed.
    static bool read(const QString &path, QList<QPair<QString, QString>> *settings, QString *error);
    // argv (with the program name) -> argv with file and environment settings inserted before the user's own.
    static bool expand(const QStringList &arguments, const QProcessEnvironment &environment, QStringList *expanded,
                       QString *error);
};

} // namespace gw

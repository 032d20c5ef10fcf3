#pragma once
#include <QString>
#include <QStringList>

namespace gw {

// Command-line settings of gridwhistle-server.
struct ServerOptions {
    QString dataDir;
    QString listenAddress = QStringLiteral("127.0.0.1");
    int port = 8443;                 // 0 = any free port
    QString certFile;                // PEM; empty = generate a self-signed dev certificate in dataDir
    QString keyFile;
    QString databaseUrl;             // postgresql://...; empty = SQLite file dataDir/server.sqlite
    QString cityConfigFile;          // JSON city exchange settings (docs/server.md); empty = no city exchange
    bool demoUsers = false;
    bool demoData = false;           // --demo-data: a demo district in a new database (implies demoUsers)
    bool verbose = false;
    bool showVersion = false;
    int pbkdf2Iterations = 120000;
    int tokenTtlSeconds = 12 * 3600;
    int maxFailedLogins = 10;        // per account within loginWindowSeconds, then 429 until the window passes
    int loginWindowSeconds = 300;
    qint64 parentPid = 0;            // --parent-pid: stop when that process ends (given by the desktop client only)

    // Parses argv (including the program name). On failure `error` says what is wrong, in words.
    static bool parse(const QStringList &arguments, ServerOptions *options, QString *error);
    static QString usage();
};

} // namespace gw

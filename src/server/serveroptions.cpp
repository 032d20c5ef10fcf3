#include "serveroptions.h"
#include "message.h"
#include <QCoreApplication>
#include <QHostAddress>

namespace gw {

// Console output of the server program: finished text in the server's language.
static QString tr(const char *text) { return Message::translate("gw::ServerOptions", text).text(); }

QString ServerOptions::usage()
{
    return tr("Usage: gridwhistle-server --data-dir DIR [--listen ADDRESS] [--port N] [--cert FILE --key FILE]\n"
              "                          [--database postgresql://user:password@host:port/db] [--demo-users]\n"
              "                          [--city-config FILE]\n"
              "                          [--pbkdf2-iterations N] [--token-ttl SECONDS] [--verbose] [--version]\n"
              "  --data-dir DIR        where the SQLite database and the generated dev certificate live\n"
              "  --listen ADDRESS      address to listen on (default 127.0.0.1)\n"
              "  --port N              TCP port (default 8443; 0 picks a free port)\n"
              "  --cert/--key FILE     PEM certificate and private key; without them a self-signed\n"
              "                        development certificate is made in DIR (needs the openssl command)\n"
              "  --database URL        use PostgreSQL instead of DIR/server.sqlite\n"
              "  --city-config FILE    exchange with the city grid platform, settings in FILE (JSON)\n"
              "  --demo-users          create one demo account per role (password gw-demo-2026; demo only)\n"
              "  --pbkdf2-iterations N password hashing cost for new passwords (default 120000)\n"
              "  --token-ttl SECONDS   lifetime of a login session (default 43200)\n"
              "  --max-failed-logins N wrong passwords per account before logins wait (default 10)\n"
              "  --login-window SECONDS how long failed logins count (default 300)\n")
           // A text of its own, so the translation of the text above stays valid.
           + tr("  --parent-pid PID      stop when process PID ends (the desktop client passes its own id;\n"
                "                        on Linux/macOS standard input must be a pipe from that process)\n")
           + tr("  --demo-data           fill a database without cases with a demo district (about 300 cases\n"
                "                        over the last 90 days; implies --demo-users; for demonstrations only)\n");
}

bool ServerOptions::parse(const QStringList &arguments, ServerOptions *options, QString *error)
{
    ServerOptions o;
    auto valueOf = [&](int &i, QString *out) {
        if (i + 1 >= arguments.size()) {
            *error = tr("%1 needs a value.").arg(arguments.at(i));
            return false;
        }
        *out = arguments.at(++i);
        return true;
    };
    auto numberOf = [&](int &i, int min, int max, int *out) {
        QString text;
        if (!valueOf(i, &text))
            return false;
        bool isNumber = false;
        const int n = text.toInt(&isNumber);
        if (!isNumber || n < min || n > max) {
            *error = tr("%1 must be a whole number from %2 to %3, not \"%4\".").arg(arguments.at(i - 1)).arg(min).arg(max).arg(text);
            return false;
        }
        *out = n;
        return true;
    };
    for (int i = 1; i < arguments.size(); ++i) {
        const QString a = arguments.at(i);
        bool okay = true;
        if (a == QLatin1String("--data-dir"))
            okay = valueOf(i, &o.dataDir);
        else if (a == QLatin1String("--listen"))
            okay = valueOf(i, &o.listenAddress);
        else if (a == QLatin1String("--port"))
            okay = numberOf(i, 0, 65535, &o.port);
        else if (a == QLatin1String("--cert"))
            okay = valueOf(i, &o.certFile);
        else if (a == QLatin1String("--key"))
            okay = valueOf(i, &o.keyFile);
        else if (a == QLatin1String("--database"))
            okay = valueOf(i, &o.databaseUrl);
        else if (a == QLatin1String("--city-config"))
            okay = valueOf(i, &o.cityConfigFile);
        else if (a == QLatin1String("--pbkdf2-iterations"))
            okay = numberOf(i, 1000, 10000000, &o.pbkdf2Iterations);
        else if (a == QLatin1String("--token-ttl"))
            okay = numberOf(i, 1, 365 * 24 * 3600, &o.tokenTtlSeconds);
        else if (a == QLatin1String("--max-failed-logins"))
            okay = numberOf(i, 1, 1000000, &o.maxFailedLogins);
        else if (a == QLatin1String("--login-window"))
            okay = numberOf(i, 1, 24 * 3600, &o.loginWindowSeconds);
        else if (a == QLatin1String("--parent-pid")) {
            QString text;
            okay = valueOf(i, &text);
            bool isNumber = false;
            o.parentPid = text.toLongLong(&isNumber);
            if (okay && (!isNumber || o.parentPid < 1 || o.parentPid > 0xFFFFFFFFLL)) {
                *error = tr("--parent-pid needs a process id, not \"%1\".").arg(text);
                okay = false;
            }
        } else if (a == QLatin1String("--demo-users"))
            o.demoUsers = true;
        else if (a == QLatin1String("--demo-data"))
            o.demoData = o.demoUsers = true;
        else if (a == QLatin1String("--verbose"))
            o.verbose = true;
        else if (a == QLatin1String("--version"))
            o.showVersion = true;
        else {
            *error = tr("Unknown option \"%1\".").arg(a);
            return false;
        }
        if (!okay)
            return false;
    }
    if (o.showVersion) {
        *options = o;
        return true;
    }
    if (o.dataDir.isEmpty()) {
        *error = tr("--data-dir is required.");
        return false;
    }
    if (QHostAddress(o.listenAddress).isNull()) {
        *error = tr("--listen needs an IP address, not \"%1\".").arg(o.listenAddress);
        return false;
    }
    if (o.certFile.isEmpty() != o.keyFile.isEmpty()) {
        *error = tr("Give both --cert and --key, or neither.");
        return false;
    }
    *options = o;
    return true;
}

} // namespace gw

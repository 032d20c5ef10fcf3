#pragma once
#include <QObject>
#include <QTextStream>
#include <QUrl>

namespace gw {

// `gridwhistle --check-install`: after installing, proves the whole chain works on this computer —
// local store, TLS to the district server, login, registering a case, sync, the case on the server, and
// the main window with its translations and icons. IT staff run it once per installation; CI runs it
// against the installed .deb. It uses a throwaway data folder, so the operator's own cache is untouched.
// It does register one real case titled "Installation check", which stays in the audit trail.
class InstallCheck : public QObject
{
    Q_OBJECT
public:
    struct Options {
        QUrl serverUrl;
        QString caFile;
        QString userId;
        QString password;
        QString screenshotFile;  // optional PNG of the main window
        int timeoutSeconds = 60;
    };

    explicit InstallCheck(QObject *parent = nullptr);
    // Runs every step in order, printing one PASS/FAIL line each; returns the exit code (0 = all passed).
    int run(const Options &options, QTextStream &out);

private:
    bool step(QTextStream &out, const QString &what, bool passed, const QString &detail);
    bool waitFor(const std::function<bool()> &done, int timeoutSeconds);
};

} // namespace gw

// gridwhistle: the desktop client. Kept thin: options, language, context, sign-in, main window.
#include "applicationcontext.h"
#include "buildinfo.h"
#include "icons.h"
#include "installcheck.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "mainwindow.h"
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QMessageBox>
#include <cstdio>

int main(int argc, char *argv[])
{
    // --version must work without a display (CI, installers): answer it before creating QApplication.
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("gridwhistle %s\n", qPrintable(gw::BuildInfo::describe()));
            return 0;
        }
    }

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Panlong"));
    QApplication::setOrganizationDomain(QStringLiteral("panlong.gov.cn"));
    QApplication::setApplicationName(QStringLiteral("GridWhistle"));
    QApplication::setApplicationVersion(QStringLiteral(GW_VERSION));
    QApplication::setWindowIcon(gw::Icons::application());

    gw::LanguageManager languages;
    languages.applySaved();

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "GridWhistle grid command center client"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("version"), QCoreApplication::translate("main", "Print the version and exit.")});
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"),
                                           QCoreApplication::translate("main", "Keep local data in <dir>."),
                                           QStringLiteral("dir"));
    parser.addOption(dataDirOption);
    const QCommandLineOption checkOption(
        QStringLiteral("check-install"),
        QCoreApplication::translate("main", "Check this installation against the server at <url> (registers one "
                                            "test case), print the result and exit."),
        QStringLiteral("url"));
    const QCommandLineOption caOption(QStringLiteral("ca"),
                                      QCoreApplication::translate("main", "With --check-install: the district CA file."),
                                      QStringLiteral("file"));
    const QCommandLineOption userOption(QStringLiteral("user"),
                                        QCoreApplication::translate("main", "With --check-install: the account to use."),
                                        QStringLiteral("id"));
    const QCommandLineOption passwordFileOption(
        QStringLiteral("password-file"),
        QCoreApplication::translate("main", "With --check-install: read the password from <file> (else from "
                                            "$GW_PASSWORD)."),
        QStringLiteral("file"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "With --check-install: save the main window as a PNG."), QStringLiteral("file"));
    parser.addOptions({checkOption, caOption, userOption, passwordFileOption, screenshotOption});
    parser.process(app);

    if (parser.isSet(checkOption)) {
        QTextStream out(stdout);
        gw::InstallCheck::Options check;
        check.serverUrl = QUrl(parser.value(checkOption));
        check.caFile = parser.value(caOption);
        check.userId = parser.value(userOption);
        check.screenshotFile = parser.value(screenshotOption);
        check.password = qEnvironmentVariable("GW_PASSWORD");
        if (parser.isSet(passwordFileOption)) {
            QFile file(parser.value(passwordFileOption));
            if (!file.open(QIODevice::ReadOnly)) {
                out << QCoreApplication::translate("main", "Cannot read the password file %1: %2")
                           .arg(file.fileName(), file.errorString()) << Qt::endl;
                return 2;
            }
            check.password = QString::fromUtf8(file.readLine()).trimmed();
        }
        if (!check.serverUrl.isValid() || check.serverUrl.scheme() != QLatin1String("https") || check.userId.isEmpty()
            || check.password.isEmpty()) {
            out << QCoreApplication::translate("main", "--check-install needs an https:// server URL, --user and a "
                                                       "password (--password-file or $GW_PASSWORD).") << Qt::endl;
            return 2;
        }
        gw::InstallCheck installCheck;
        return installCheck.run(check, out);
    }

    gw::ApplicationContext context;
    const QString dataDir = parser.isSet(dataDirOption) ? parser.value(dataDirOption)
                                                        : gw::ApplicationContext::defaultDataDir();
    const gw::Result opened = context.open(dataDir);
    if (!opened.ok) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "GridWhistle"),
                              QCoreApplication::translate("main", "Cannot open the local data:\n%1").arg(opened.message));
        return 1;
    }

    gw::LoginDialog login(&context, &languages);
    if (login.exec() != QDialog::Accepted)
        return 0;

    gw::MainWindow window(&context, &languages);
    window.show();
    return app.exec();
}

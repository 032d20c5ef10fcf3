// gridwhistle: the desktop client. Kept thin: options, language, context, sign-in, main window.
#include "applicationcontext.h"
#include "icons.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "mainwindow.h"
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <cstdio>

int main(int argc, char *argv[])
{
    // --version must work without a display (CI, installers): answer it before creating QApplication.
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--version") == 0 || qstrcmp(argv[i], "-v") == 0) {
            std::printf("gridwhistle %s (Qt %s)\n", GW_VERSION, qVersion());
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
    parser.process(app);

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

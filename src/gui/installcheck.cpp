#include "installcheck.h"
#include "applicationcontext.h"
#include "casedraft.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "eventbuilder.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "orgdirectory.h"
#include "syncengine.h"
#include "workflow.h"
#include <QApplication>
#include <QDeadlineTimer>
#include <QPixmap>
#include <QTemporaryDir>

namespace gw {

InstallCheck::InstallCheck(QObject *parent) : QObject(parent) {}

bool InstallCheck::step(QTextStream &out, const QString &what, bool passed, const QString &detail)
{
    out << (passed ? QStringLiteral("PASS  ") : QStringLiteral("FAIL  ")) << what;
    if (!detail.isEmpty())
        out << QStringLiteral(" — ") << detail;
    out << Qt::endl;
    return passed;
}

bool InstallCheck::waitFor(const std::function<bool()> &done, int timeoutSeconds)
{
    QDeadlineTimer deadline(timeoutSeconds * 1000);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 100);
    return done();
}

int InstallCheck::run(const Options &options, QTextStream &out)
{
    QTemporaryDir scratch;
    ApplicationContext context;
    const Result opened = scratch.isValid() ? context.open(scratch.path())
                                            : Result::failure(QStringLiteral("io_error"), scratch.errorString());
    if (!step(out, tr("Local store (SQLite) opens and migrates"), opened.ok, opened.message))
        return 1;
    SyncEngine *sync = context.sync();
    if (!step(out, tr("Sync layer is built in"), sync != nullptr, {}))
        return 1;

    const Result configured = sync->configure(options.serverUrl, options.caFile);
    if (!step(out, tr("Server address and CA certificate are usable"), configured.ok, configured.message))
        return 1;
    bool loginDone = false;
    QString loginError;
    connect(sync, &SyncEngine::loggedIn, this, [&](const User &) { loginDone = true; });
    connect(sync, &SyncEngine::loginFailed, this, [&](const QString &why) { loginDone = true; loginError = why; });
    sync->login(options.userId, options.password);
    if (!waitFor([&] { return loginDone; }, options.timeoutSeconds))
        loginError = tr("no answer from %1 within %2 s").arg(options.serverUrl.toString()).arg(options.timeoutSeconds);
    if (!step(out, tr("Log in over TLS as %1").arg(options.userId), loginError.isEmpty(), loginError))
        return 1;
    const User user = sync->currentUser();
    context.setCurrentUser(user);

    // A role that may register proves the whole round trip with a case in its own community or street (the
    // first street for district-level users); the others (departments, supervisors, administrators) cannot
    // register, so for them a sync that pulls what they may see is the proof.
    const OrgDirectory &org = OrgDirectory::builtin();
    const bool canRegister = Workflow().permits(nullptr, user, EventType::Registered).ok;
    CaseEvent registration;
    if (canRegister) {
        QString street = org.streetOf(user.orgUnitId);
        if (street.isEmpty())
            street = org.unitsOfKind(OrgUnit::Kind::Street).value(0).id;
        CaseDraft draft;
        draft.title = tr("Installation check");
        draft.description = tr("Registered by gridwhistle --check-install on %1 to prove the installation works; "
                               "no action needed.").arg(QSysInfo::machineHostName());
        draft.categoryId = CategoryCatalog::builtin().categories().value(0).id;
        draft.streetId = street;
        if (org.isKind(user.orgUnitId, OrgUnit::Kind::Community))
            draft.communityId = user.orgUnitId;
        draft.address = tr("(installation check)");
        registration = EventBuilder(user, context.store()->deviceId()).registerCase(draft);
        const Result stored = context.store()->append(registration);
        if (!step(out, tr("Register a case in the local store"), stored.ok, stored.message))
            return 1;
    } else {
        step(out, tr("Register a case in the local store"), true,
             tr("skipped: %1 does not register cases").arg(roleDisplayName(user.role)));
    }

    bool syncDone = false, syncOk = false;
    QString syncMessage;
    connect(sync, &SyncEngine::syncFinished, this, [&](bool ok, const QString &message) {
        syncDone = true;
        syncOk = ok;
        syncMessage = message;
    });
    sync->syncNow();
    if (!waitFor([&] { return syncDone; }, options.timeoutSeconds))
        syncMessage = tr("sync did not finish within %1 s").arg(options.timeoutSeconds);
    if (!step(out, tr("Sync with the district server"), syncOk, syncMessage))
        return 1;

    if (canRegister) {
        bool fetched = false;
        ApiReply answer;
        sync->request("GET", QStringLiteral("/api/v1/cases/") + registration.caseId, {}, {}, {}, this,
                      [&](const ApiReply &reply) {
                          answer = reply;
                          fetched = true;
                      });
        waitFor([&] { return fetched; }, options.timeoutSeconds);
        const QString number =
            answer.json.value(QStringLiteral("case")).toObject().value(QStringLiteral("number")).toString();
        const bool onServer = fetched && answer.ok() && !number.isEmpty();
        if (!step(out, tr("The server holds the case"), onServer,
                  onServer ? tr("number %1").arg(number) : (fetched ? answer.error : tr("no answer"))))
            return 1;
    }

    LanguageManager languages;
    languages.applySaved();
    MainWindow window(&context, &languages);
    window.resize(1280, 800);
    window.show();
    QCoreApplication::processEvents();
    QString shot;
    bool shotOk = true;
    if (!options.screenshotFile.isEmpty()) {
        shotOk = window.grab().save(options.screenshotFile, "PNG");
        shot = shotOk ? tr("screenshot saved to %1").arg(options.screenshotFile)
                      : tr("cannot save the screenshot to %1").arg(options.screenshotFile);
    }
    if (!step(out, tr("Main window opens"), window.isVisible() && shotOk, shot))
        return 1;
    out << tr("Installation check passed.") << Qt::endl;
    return 0;
}

} // namespace gw

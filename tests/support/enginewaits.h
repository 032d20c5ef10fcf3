#pragma once
// Waiting for a real SyncEngine in tests: a sign-in or a sync run to its answer, bounded so no test hangs.
#include "syncengine.h"
#include <QDebug>
#include <QSignalSpy>
#include <utility>

namespace gw::test {

// Signs `userId` in and waits for the server's answer (30 s at most); a refusal is logged. True when signed in.
inline bool signInAndWait(SyncEngine &engine, const QString &userId, const QString &password)
{
    QSignalSpy loggedIn(&engine, &SyncEngine::loggedIn);
    QSignalSpy failed(&engine, &SyncEngine::loginFailed);
    engine.login(userId, password);
    for (int i = 0; i < 300 && loggedIn.isEmpty() && failed.isEmpty(); ++i)
        loggedIn.wait(100);
    if (!failed.isEmpty())
        qWarning() << failed.first().first().toString();
    return !loggedIn.isEmpty() && engine.isLoggedIn();
}

// Runs one sync to its end (120 s at most); returns the engine's verdict and message.
inline std::pair<bool, QString> syncAndWait(SyncEngine &engine)
{
    QSignalSpy finished(&engine, &SyncEngine::syncFinished);
    engine.syncNow();
    for (int i = 0; i < 1200 && finished.isEmpty(); ++i)
        finished.wait(100);
    if (finished.isEmpty())
        return {false, QStringLiteral("sync did not finish within 120 s")};
    return {finished.first().at(0).toBool(), finished.first().at(1).toString()};
}

} // namespace gw::test

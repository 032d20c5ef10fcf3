#pragma once
#include "message.h"
#include "demodistrict.h"
#include "result.h"
#include <QCoreApplication>
#include <QStringList>

namespace gw {

class ServerStore;

// --demo-data: fills a server database that holds no case yet with the demo district (core DemoDistrict): about
// 300 cases over the last 90 days, pushed through ServerStore::pushEvents in time order as the accounts that act
// in them, so the server checks, seals and numbers every event as it does a client's (`gridwhistle-server verify`
// passes). The accounts the history needs are created first (DemoDistrict::accounts(), password of the demo
// accounts). The database is then marked as demo data: counters row "demo_data.last_seq" holds the server_seq of
// the last demo event. Automatic rules (warnings, urging) must treat events up to it as history, not as news, so
// a first start does not fire a burst of notifications for three months of made-up cases.
// A database that already holds cases is left alone, whether demo or real.
class DemoDataSeeder
{
    GW_DECLARE_MESSAGES(gw::DemoDataSeeder)

public:
    static constexpr int DefaultCases = 300;
    static constexpr int DefaultDays = 90;
    static constexpr quint32 DefaultSeed = 2026;
    // Events per push at most: the server's own limit for a client's push.
    static constexpr int MaxPush = 500;

    explicit DemoDataSeeder(ServerStore *store) : m_store(store) {}

    // Generates and pushes the district when the database has no case; what happened goes to `notices`.
    Result run(const QString &password, QList<Message> *notices, int cases = DefaultCases, int days = DefaultDays,
               quint32 seed = DefaultSeed);
    // The database holds the demo district (made by run() now or at an earlier start).
    bool holdsDemoData() const { return lastDemoSeq() > 0; }
    qint64 lastDemoSeq() const;

    static QString markerName() { return QStringLiteral("demo_data.last_seq"); }

private:
    Result ensureAccounts(const QString &password, int *created);
    Result push(const QList<DemoDistrict::Case> &cases, int *events, int *pushes);
    Result mark(qint64 lastSeq);
    // Publishes the demo's ended months but the last one (the supervisor's task of the day: November on 7 December),
    // as the demo supervisor, so the dashboard shows published months and their history from the first minute.
    Result publishEarlierMonths(int days, QStringList *published);

    ServerStore *m_store;
};

} // namespace gw

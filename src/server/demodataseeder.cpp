#include "demodataseeder.h"
#include "districtassessment.h"
#include "serverstore.h"
#include <QElapsedTimer>
#include <QSqlQuery>
#include <algorithm>

namespace gw {

qint64 DemoDataSeeder::lastDemoSeq() const
{
    QSqlQuery q(m_store->database());
    q.prepare(QStringLiteral("SELECT value FROM counters WHERE name = :n"));
    q.bindValue(QStringLiteral(":n"), markerName());
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

Result DemoDataSeeder::ensureAccounts(const QString &password, int *created)
{
    AccountStore &accounts = m_store->accounts();
    // Hashing the public demo password once per account would add seconds to a first start: the new accounts
    // share the stored hash of the demo dispatcher, when it still has that password.
    User dispatcher;
    const bool share = accounts.authenticate(QStringLiteral("dispatcher"), password, &dispatcher).ok;
    for (const User &u : DemoDistrict::accounts()) {
        if (accounts.user(u.id))
            continue;
        const Result r = share ? accounts.createUserSharingPassword(u, dispatcher.id) : accounts.createUser(u, password);
        if (!r.ok)
            return r;
        ++*created;
    }
    return Result::success();
}

Result DemoDataSeeder::push(const QList<DemoDistrict::Case> &cases, int *events, int *pushes)
{
    // Every step of every case in time order; a stable sort keeps a case's own steps in their order.
    QList<const DemoDistrict::Step *> steps;
    for (const DemoDistrict::Case &c : cases)
        for (const DemoDistrict::Step &step : c.steps)
            steps.append(&step);
    std::stable_sort(steps.begin(), steps.end(), [](const DemoDistrict::Step *a, const DemoDistrict::Step *b) {
        return a->event.clientTime < b->event.clientTime;
    });
    // The accounts as the server knows them (the token holder's fields are what the server records).
    QHash<QString, User> actors;
    for (const DemoDistrict::Step *step : std::as_const(steps)) {
        if (actors.contains(step->actor.id))
            continue;
        const std::optional<User> account = m_store->accounts().user(step->actor.id);
        if (!account)
            return Result::failure(QStringLiteral("not_found"), tr("The demo account %1 is missing.").arg(step->actor.id));
        actors.insert(step->actor.id, *account);
    }
    // The server receives each push a moment after its last action, back then: server times and numbering
    // events fit the history instead of all reading "today".
    struct ClockReset {
        ServerStore *store;
        ~ClockReset() { store->setClock({}); }
    } reset{m_store};
    const QDateTime realNow = QDateTime::currentDateTimeUtc();
    // One push per run of consecutive actions by the same account within a minute: case numbers follow
    // registration times, and each push is received right after its actions.
    for (qsizetype from = 0; from < steps.size();) {
        const QString actorId = steps.at(from)->actor.id;
        const QDateTime first = steps.at(from)->event.clientTime;
        QList<CaseEvent> batch;
        qsizetype to = from;
        for (; to < steps.size() && batch.size() < MaxPush && steps.at(to)->actor.id == actorId
               && first.secsTo(steps.at(to)->event.clientTime) <= 60;
             ++to)
            batch.append(steps.at(to)->event);
        const QDateTime received = qMin(batch.constLast().clientTime.addSecs(2), realNow);
        m_store->setClock([received] { return received; });
        QList<ServerStore::PushOutcome> outcomes;
        const Result r = m_store->pushEvents(actors.value(actorId), batch, &outcomes);
        if (!r.ok)
            return r;
        for (const ServerStore::PushOutcome &o : std::as_const(outcomes)) {
            if (o.status != QLatin1String("accepted"))
                return Result::failure(QStringLiteral("demo_refused"), tr("The server refused demo event %1 (%2): %3")
                                                                          .arg(o.id, o.code, o.reason));
        }
        *events += int(batch.size());
        ++*pushes;
        from = to;
    }
    return Result::success();
}

Result DemoDataSeeder::mark(qint64 lastSeq)
{
    QSqlQuery q(m_store->database());
    q.prepare(QStringLiteral("INSERT INTO counters (name, value) VALUES (:n, :v)"
                             " ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    q.bindValue(QStringLiteral(":n"), markerName());
    q.bindValue(QStringLiteral(":v"), lastSeq);
    if (!q.exec())
        return Result::failure(QStringLiteral("storage_error"), tr("Cannot mark the database as demo data."));
    return Result::success();
}

Result DemoDataSeeder::run(const QString &password, QList<Message> *notices, int caseCount, int days, quint32 seed)
{
    QElapsedTimer clock;
    clock.start();
    const qint64 existing = m_store->caseCount();
    if (existing > 0) {
        notices->append(holdsDemoData()
                            ? tr("The database holds the demo district made at an earlier start (DEMO DATA, not real cases).")
                            : tr("No demo data generated: the database already holds %n case(s).", nullptr, int(existing)));
        return Result::success();
    }
    int accountsCreated = 0;
    Result r = ensureAccounts(password, &accountsCreated);
    if (!r.ok)
        return r;
    DemoDistrict::Options options;
    options.seed = seed;
    options.deviceId = QStringLiteral("demo-district");
    QList<DemoDistrict::Case> cases;
    r = DemoDistrict(options).district(caseCount, days, &cases);
    if (!r.ok)
        return r;
    const qint64 generatedMs = clock.elapsed();
    int events = 0, pushes = 0;
    r = push(cases, &events, &pushes);
    if (!r.ok)
        return r;
    r = mark(m_store->lastServerSeq());
    if (!r.ok)
        return r;
    QStringList published;
    r = publishEarlierMonths(days, &published);
    if (!r.ok)
        return r;
    if (accountsCreated > 0)
        notices->append(tr("Created %n demo account(s) for the streets and departments of the demo district, with "
                           "the password %1.", nullptr, accountsCreated).arg(password));
    notices->append(tr("Filled the empty database with the demo district: %1 cases and %2 events over the last %3 days "
                       "(made in %4 ms, pushed in %5 pushes in %6 ms). These are DEMO DATA, not real cases.")
                        .arg(cases.size()).arg(events).arg(days).arg(generatedMs).arg(pushes)
                        .arg(clock.elapsed() - generatedMs));
    if (!published.isEmpty())
        notices->append(tr("Published the demo assessment of %1 as the demo supervisor; the last month ended is left for "
                           "you to publish.").arg(published.join(QStringLiteral(", "))));
    return Result::success();
}

Result DemoDataSeeder::publishEarlierMonths(int days, QStringList *published)
{
    const std::optional<User> supervisor = m_store->accounts().user(QStringLiteral("supervisor"));
    if (!supervisor)
        return Result::success();  // no demo supervisor (renamed or removed): nothing to publish as
    const QTimeZone zone = AssessmentPeriod::districtZone();
    const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(zone).date();
    const QDate lastEnded = QDate(today.year(), today.month(), 1).addMonths(-1);
    DistrictAssessment assessment(m_store);
    for (QDate month(today.addDays(-days).year(), today.addDays(-days).month(), 1); month < lastEnded; month = month.addMonths(1)) {
        MonthPublication p;
        const QString label = month.toString(QStringLiteral("yyyy-MM"));
        const Result r = assessment.publish(label, QStringLiteral("演示数据：月度例行发布"), *supervisor, &p);
        if (!r.ok)
            return r;
        published->append(label);
    }
    return Result::success();
}

} // namespace gw

#include "guidemodata.h"
#include "applicationcontext.h"
#include "casestore.h"
#include "demodistrict.h"
#include "eventbuilder.h"
#include "../support/settledoutbox.h"

namespace gw::demo {

namespace {

DemoDistrict generator(CaseStore *store, quint32 seed)
{
    DemoDistrict::Options options;
    options.seed = seed;
    options.deviceId = store->deviceId();
    // A third of the cases are in 拓东 so the street operator's views have something to show.
    options.focusStreet = QStringLiteral("street.tuodong");
    return DemoDistrict(options);
}

} // namespace

User user(const QString &id)
{
    if (id.startsWith(QLatin1String("handler:")))
        return DemoDistrict::handler(id.mid(8));
    for (const User &u : ApplicationContext::demoUsers())
        if (u.id == id)
            return u;
    return DemoDistrict::account(id);
}

Result populate(CaseStore *store, int count, quint32 seed, QStringList *caseIds)
{
    static_assert(StageCount == DemoDistrict::StageCount
                  && int(Stage::StreetHandling) == int(DemoDistrict::Story::StreetHandling));
    QList<DemoDistrict::Case> cases;
    const Result made = generator(store, seed).stages(count, &cases);
    if (!made.ok)
        return made;
    for (DemoDistrict::Case &c : cases) {
        for (DemoDistrict::Step &step : c.steps) {
            const Result r = test::appendAsAuthor(*store, step.event);
            if (!r.ok)
                return r;
        }
        if (caseIds)
            caseIds->append(c.id);
    }
    return test::settleOutbox(*store);  // the demo cast worked on their own desktops and synced
}

Result bulkRegister(CaseStore *store, int count, quint32 seed, int batch,
                    const std::function<void(int done)> &progress)
{
    DemoDistrict demo = generator(store, seed);
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-365);
    const User dispatcher = user(QStringLiteral("dispatcher"));
    int done = 0;
    while (done < count) {
        QList<CaseEvent> events;
        const int n = qMin(batch, count - done);
        events.reserve(n);
        for (int k = 0; k < n; ++k) {
            const QDateTime t = start.addSecs(qint64(done + k) * 365 * 24 * 3600 / qMax(1, count));
            const EventBuilder builder(dispatcher, store->deviceId(), [t] { return t; });
            events.append(builder.registerCase(demo.draft(done + k)));
        }
        int failed = -1;
        const Result r = store->appendBatch(events, &failed);
        if (!r.ok)
            return r;
        done += n;
        if (progress)
            progress(done);
    }
    return Result::success();
}

} // namespace gw::demo

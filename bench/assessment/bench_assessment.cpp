// bench_assessment [cases=1000000] [rounds=5] [storeCases=20000]
// Times the assessment of every street and department over synthetic case facts for one month, and the cost
// of turning case projections (CaseRecord) into facts. Prints one line per measurement.
#include "assessmentengine.h"
#include "assessmentsource.h"
#include "casedraft.h"
#include "casestore.h"
#include <QTemporaryDir>
#include "assessmentfacts.h"
#include "eventbuilder.h"
#include "orgdirectory.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <algorithm>
#include <cstdio>

using namespace gw;

namespace {

constexpr qint64 Hour = 3600 * 1000;
constexpr qint64 Day = 24 * Hour;

// A year of cases spread evenly, each with 0-3 department assignments and realistic timings.
void makeFacts(AssessmentFacts &facts, int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    const OrgDirectory &org = OrgDirectory::builtin();
    QList<int> streets, depts;
    for (const OrgUnit &u : org.unitsOfKind(OrgUnit::Kind::Street))
        streets.append(facts.unitIndex(u.id));
    for (const OrgUnit &u : org.unitsOfKind(OrgUnit::Kind::Department))
        depts.append(facts.unitIndex(u.id));
    QList<int> categories;
    for (const Category &c : CategoryCatalog::builtin().categories())
        categories.append(facts.categoryIndex(c.id));
    const qint64 yearStart = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    facts.reserve(count, count * 3 / 2);
    AssessmentTaskFact tasks[4];
    for (int i = 0; i < count; ++i) {
        AssessmentCaseFact c;
        c.registeredAt = yearStart + qint64(rng.bounded(365 * 24)) * Hour;
        c.street = quint16(streets.at(int(rng.bounded(streets.size()))));
        c.category = quint16(categories.at(int(rng.bounded(categories.size()))));
        const int roll = int(rng.bounded(100));
        c.status = quint8(roll < 70 ? CaseStatus::Closed : roll < 85 ? CaseStatus::Handling : CaseStatus::Registered);
        c.flags = rng.bounded(100) < 2 ? AssessmentCaseFact::OnHold : 0;
        int n = 0;
        if (roll < 35) {  // street handles it itself
            AssessmentTaskFact &t = tasks[n++];
            t = {};
            t.flags = AssessmentTaskFact::StreetTask;
            t.unit = c.street;
            t.summonedAt = c.registeredAt;
            t.handleDue = c.registeredAt + 3 * Day;
            t.handledAt = c.registeredAt + qint64(rng.bounded(96)) * Hour;
            t.handlingWorkHours = float((t.handledAt - t.summonedAt) / Hour);
            t.reworkCount = quint8(rng.bounded(10) == 0);
        } else if (roll < 85) {
            c.whistledAt = c.registeredAt + 2 * Hour;
            const int k = 1 + int(rng.bounded(3));
            for (int j = 0; j < k; ++j) {
                AssessmentTaskFact &t = tasks[n++];
                t = {};
                t.unit = quint16(depts.at(int(rng.bounded(depts.size()))));
                t.flags = (j == 0 ? AssessmentTaskFact::Lead : 0) | AssessmentTaskFact::ActiveAtClose;
                t.summonedAt = c.whistledAt;
                t.checkInDue = t.summonedAt + Day;
                t.checkedInAt = t.summonedAt + qint64(rng.bounded(30)) * Hour;
                t.handleDue = t.summonedAt + 7 * Day;
                if (rng.bounded(20) == 0) {
                    t.flags = AssessmentTaskFact::Returned;
                    t.returnedAt = t.summonedAt + 3 * Hour;
                    continue;
                }
                t.handledAt = t.summonedAt + qint64(rng.bounded(9 * 24)) * Hour;
                t.handlingWorkHours = float((t.handledAt - t.summonedAt) / Hour) * 5 / 7;
                t.reworkCount = quint8(rng.bounded(8) == 0 ? 1 + rng.bounded(3) : 0);
                t.postponeCount = quint8(rng.bounded(10) == 0);
                t.rating = quint8(1 + rng.bounded(5));
                t.ratedAt = t.handledAt + Day;
            }
        }
        if (c.status == quint8(CaseStatus::Closed)) {
            c.closedAt = c.registeredAt + 10 * Day;
            c.satisfaction = quint8(1 + rng.bounded(3));
        }
        facts.addFact(c, tasks, n);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    const int rounds = argc > 2 ? QByteArray(argv[2]).toInt() : 5;

    AssessmentFacts facts;
    QElapsedTimer timer;
    timer.start();
    makeFacts(facts, count, 20261101);
    std::printf("synthetic facts: %d cases, %d tasks generated in %lld ms\n", facts.caseCount(),
                int(facts.tasks().size()), timer.elapsed());

    const AssessmentEngine engine;
    QList<qint64> times;
    AssessmentResult result;
    for (int r = 0; r < rounds; ++r) {
        timer.restart();
        result = engine.assess(facts, AssessmentPeriod::month(2026, 10), QDateTime(QDate(2026, 11, 10), QTime(), Qt::UTC));
        times.append(timer.nsecsElapsed() / 1000);
    }
    std::sort(times.begin(), times.end());
    std::printf("assess one month, %d streets + %d departments over %d cases: best %.1f ms, median %.1f ms "
                "(target < 1000 ms)\n",
                int(result.streets.size()), int(result.departments.size()), count, times.first() / 1000.0,
                times.at(times.size() / 2) / 1000.0);
    std::printf("  check: district registered %d, handlings due %d, on time %d\n", result.district.registered,
                result.district.handlingsDue, result.district.handlingsOnTime);

    timer.restart();
    for (int m = 1; m <= 12; ++m)
        engine.assess(facts, AssessmentPeriod::month(2026, m), QDateTime(QDate(2027, 1, 10), QTime(), Qt::UTC));
    std::printf("twelve monthly assessments (a dashboard trend): %lld ms\n", timer.elapsed());

    // Building facts from projections: what a client pays once per load.
    const int projections = std::min(count, 100000);
    CaseRecord record;
    record.id = QStringLiteral("bench");
    record.streetId = QStringLiteral("street.tuodong");
    record.categoryId = QStringLiteral("city_appearance");
    record.registeredAt = QDateTime(QDate(2026, 10, 12), QTime(1, 0), Qt::UTC);
    record.whistledAt = record.registeredAt.addSecs(3600);
    record.closedAt = record.registeredAt.addDays(6);
    record.status = CaseStatus::Closed;
    record.satisfaction = QStringLiteral("satisfied");
    DepartmentAssignment a;
    a.departmentId = QStringLiteral("dept.chengguan");
    a.lead = true;
    a.state = DepartmentAssignment::State::Handled;
    a.summonedAt = record.whistledAt;
    a.checkInDue = a.summonedAt.addDays(1);
    a.checkedInAt = a.summonedAt.addSecs(7200);
    a.handleDue = a.summonedAt.addDays(7);
    a.handledAt = a.summonedAt.addDays(4);
    record.departments = {a};
    const QJsonObject json = record.toJson();
    AssessmentFacts built;
    built.reserve(projections, projections);
    timer.restart();
    for (int i = 0; i < projections; ++i)
        built.addCase(record);
    const qint64 fromRecords = timer.elapsed();
    AssessmentFacts parsed;
    timer.restart();
    for (int i = 0; i < projections; ++i)
        parsed.addCase(CaseRecord::fromJson(json));
    const qint64 fromJson = timer.elapsed();
    std::printf("facts from %d CaseRecords: %lld ms; from projection JSON (parse + build): %lld ms "
                "(= %.1f s per 1M cases)\n",
                projections, fromRecords, fromJson, fromJson * (1000000.0 / projections) / 1000.0);

    // Loading facts from a real store: registrations + whistles written through CaseStore, then read back.
    const int storeCases = argc > 3 ? QByteArray(argv[3]).toInt() : 20000;
    if (storeCases > 0) {
        QTemporaryDir dir;
        CaseStore store;
        const Result opened = store.open(dir.filePath(QStringLiteral("bench.sqlite")));
        if (!opened.ok) {
            std::printf("store: cannot open: %s\n", qPrintable(opened.message));
            return 1;
        }
        User op;
        op.id = QStringLiteral("op.tuodong");
        op.role = Role::StreetOperator;
        op.orgUnitId = QStringLiteral("street.tuodong");
        const QDateTime t0 = QDateTime(QDate(2026, 10, 12), QTime(1, 0), Qt::UTC);
        timer.restart();
        QList<CaseEvent> batch;
        for (int i = 0; i < storeCases; ++i) {
            CaseDraft d;
            d.title = QStringLiteral("基准哨件 %1").arg(i);
            d.description = QStringLiteral("基准测试用的哨件描述");
            d.categoryId = QStringLiteral("city_appearance");
            d.streetId = op.orgUnitId;
            d.address = QStringLiteral("盘龙区测试路");
            const QDateTime at = t0.addSecs(i * 60);
            batch.append(EventBuilder(op, QStringLiteral("bench"), [at] { return at; }).registerCase(d));
            if (batch.size() == 1000 || i + 1 == storeCases) {
                const Result written = store.appendBatch(batch);
                if (!written.ok) {
                    std::printf("store: write refused: %s\n", qPrintable(written.message));
                    return 1;
                }
                batch.clear();
            }
        }
        const qint64 fill = timer.elapsed();
        AssessmentFacts loaded;
        timer.restart();
        const Result r = AssessmentSource(&store).loadFacts(&loaded);
        const qint64 load = timer.elapsed();
        std::printf("store: %d cases written in %lld ms; AssessmentSource::loadFacts %s in %lld ms "
                    "(= %.1f s per 1M cases)\n",
                    loaded.caseCount(), fill, r.ok ? "ok" : "FAILED", load, load * (1000000.0 / storeCases) / 1000.0);
    }
    return 0;
}

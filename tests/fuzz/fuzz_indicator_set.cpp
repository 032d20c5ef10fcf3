// libFuzzer target: the assessment indicator file parser (gw::IndicatorSet::loadJson / validate), which reads
// an administrator-edited file. Arbitrary bytes must be refused with reasons or loaded into a set whose
// figures stay in range, and a refused file must leave the loaded set as it was.
#include "fuzzcheck.h"
#include "indicatorset.h"
#include <QCoreApplication>
#include <cmath>
#include <cstdint>

namespace {

// Never destroyed: libFuzzer leaves through exit(), after Qt's own globals may already be gone.
QCoreApplication *app = nullptr;

bool inPercentRange(double points) { return std::isfinite(points) && points >= 0 && points <= 100; }

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    app = new QCoreApplication(*argc, *argv);
    GW_FUZZ_CHECK(!gw::IndicatorSet::builtin().indicators().isEmpty());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    const gw::IndicatorSet &builtin = gw::IndicatorSet::builtin();
    gw::IndicatorSet set = builtin;
    QStringList errors;
    const gw::Result loaded = set.loadJson(json, &errors);
    GW_FUZZ_CHECK(gw::IndicatorSet::validate(json) == errors);  // the editor's check and the loader agree
    if (!loaded.ok) {
        GW_FUZZ_CHECK(!errors.isEmpty() && !loaded.message.isEmpty());
        // Refused: the set in use is untouched.
        GW_FUZZ_CHECK(set.version() == builtin.version());
        GW_FUZZ_CHECK(set.indicators().size() == builtin.indicators().size());
        GW_FUZZ_CHECK(set.toJson() == builtin.toJson());
        return 0;
    }
    GW_FUZZ_CHECK(errors.isEmpty());
    GW_FUZZ_CHECK(!set.version().isEmpty() && !set.indicators().isEmpty());
    double streetWeights = 0, departmentWeights = 0;
    for (const gw::Indicator &indicator : set.indicators()) {
        GW_FUZZ_CHECK(set.find(indicator.id) != nullptr);
        streetWeights += indicator.streetWeight;
        departmentWeights += indicator.departmentWeight;
        const double probes[] = {0,
                                 1,
                                 50,
                                 100,
                                 indicator.target,
                                 indicator.floor,
                                 indicator.ceiling,
                                 indicator.low,
                                 indicator.high,
                                 (indicator.low + indicator.high) / 2,
                                 -1e9,
                                 1e9};
        for (double value : probes)
            GW_FUZZ_CHECK(inPercentRange(indicator.score(value)));
    }
    GW_FUZZ_CHECK(std::fabs(streetWeights - 100) < 1e-3 && std::fabs(departmentWeights - 100) < 1e-3);
    for (const char *result : {"satisfied", "basic", "dissatisfied", "unknown"})
        GW_FUZZ_CHECK(inPercentRange(set.satisfactionScore(QLatin1String(result))));
    GW_FUZZ_CHECK(set.maxDeduction() >= 0 && set.maxDeduction() <= 100);
    double previous = 0;
    for (int failures = 0; failures <= 5; ++failures) {
        const double total = set.reworkDeductionTotal(failures);
        GW_FUZZ_CHECK(std::isfinite(total) && total >= previous);
        previous = total;
    }
    // Saving and loading again gives the same set.
    gw::IndicatorSet reloaded;
    GW_FUZZ_CHECK(reloaded.loadJson(set.toJson()).ok);
    GW_FUZZ_CHECK(reloaded.version() == set.version() && reloaded.indicators().size() == set.indicators().size());
    return 0;
}

#pragma once
#include "result.h"
#include "user.h"
#include <QDateTime>
#include <QStringList>
#include <functional>

namespace gw {
class CaseStore;
}

// Realistic cases for GUI tests, screenshots and the list benchmark: the demo district's generator (src/core/
// demodistrict.h, which the server's --demo-data uses too) appended to a local store, so what the screens show is
// what operators would see.
namespace gw::demo {

// A demo account (dispatcher, reviewer, supervisor, shifu, a street operator such as tuodong, a department handler
// such as chengguan; DemoDistrict::accounts()) or, for "handler:<dept id>", the handler of that department.
User user(const QString &id);

// The stage a populated case was taken to.
enum class Stage { Registered, Analyzed, Approved, Whistled, Handling, Handled, Verified, Closed, StreetHandling };
constexpr int StageCount = 9;

// Registers `count` cases spread over the streets (a third in 拓东), categories and the last ~3 weeks, and walks
// case i to stage (i % StageCount) (DemoDistrict::stages); older cases run past their deadlines, so some are
// overdue. Returns the case ids.
gw::Result populate(gw::CaseStore *store, int count, quint32 seed = 1, QStringList *caseIds = nullptr);

// Registrations only, `batch` per transaction: the fastest way to fill a store for volume tests.
gw::Result bulkRegister(gw::CaseStore *store, int count, quint32 seed = 7, int batch = 2000,
                        const std::function<void(int done)> &progress = {});

} // namespace gw::demo

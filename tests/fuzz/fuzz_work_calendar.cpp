// libFuzzer target: the district's work calendar as it arrives from a file or the district server (issue 16):
// gw::WorkCalendar::loadJson, gw::CalendarYear::fromJson/check and gw::ReferenceAnswer::fromJson. Arbitrary bytes
// must be refused with a reason or loaded into a calendar whose years each pass the administrator's check, that
// saves and loads again to the same years, and whose deadline arithmetic always ends and never goes backwards.
#include "fuzzcheck.h"
#include "protocol/referenceset.h"
#include "workcalendar.h"
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdint>

namespace {

// Never destroyed: libFuzzer leaves through exit(), after Qt's own globals may already be gone.
QCoreApplication *app = nullptr;

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    app = new QCoreApplication(*argc, *argv);
    GW_FUZZ_CHECK(gw::WorkCalendar::shipped().lastKnownYear() >= 2026);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonObject object = QJsonDocument::fromJson(bytes).object();

    // One year, as the console and PUT /api/v1/reference/calendar/years/<yyyy> take it.
    gw::CalendarYear year;
    gw::Message why;
    if (gw::CalendarYear::fromJson(object, &year, &why)) {
        const gw::Result checked = year.check();
        GW_FUZZ_CHECK(checked.ok || !checked.message.isEmpty());
        gw::CalendarYear again;
        GW_FUZZ_CHECK(gw::CalendarYear::fromJson(year.toJson(), &again, &why) && again == year);
    } else {
        GW_FUZZ_CHECK(!why.isEmpty());
    }

    // A server's answer: refused with a reason, or every set named.
    gw::ReferenceAnswer answer;
    why = {};
    if (gw::ReferenceAnswer::fromJson(object, &answer, &why)) {
        for (const gw::ReferenceSet &set : answer.sets)
            GW_FUZZ_CHECK(!set.kind.isEmpty() && set.version >= 1);
    } else {
        GW_FUZZ_CHECK(!why.isEmpty());
    }

    // A whole calendar file.
    gw::WorkCalendar calendar = gw::WorkCalendar::shipped();
    const QJsonObject before = calendar.toJson();
    const gw::Result loaded = calendar.loadJson(bytes);
    if (!loaded.ok) {
        GW_FUZZ_CHECK(!loaded.message.isEmpty());
        GW_FUZZ_CHECK(calendar.toJson() == before);  // refused: the calendar in use is untouched
        return 0;
    }
    for (const gw::CalendarYear &y : calendar.years())
        GW_FUZZ_CHECK(y.check().ok);
    gw::WorkCalendar reloaded;
    GW_FUZZ_CHECK(reloaded.loadJson(QJsonDocument(calendar.toJson()).toJson()).ok);  // saved as a file and read back
    GW_FUZZ_CHECK(reloaded.years() == calendar.years());
    const QDate firstKnown = calendar.years().isEmpty() ? QDate(2026, 1, 1) : QDate(calendar.years().first().year, 1, 1);
    const QDateTime from(firstKnown.addDays(qint64(size % 400)), QTime(int(size % 24), 30), calendar.timeZone());
    for (int n : {0, 1, 3, 15, 60}) {
        GW_FUZZ_CHECK(calendar.addWorkingDays(from, n) >= from.toUTC());
        GW_FUZZ_CHECK(calendar.addWorkingHours(from, n * 4) >= from.toUTC());
    }
    GW_FUZZ_CHECK(calendar.workingDaysBetween(from.date(), from.date().addDays(30)) <= 31);
    return 0;
}

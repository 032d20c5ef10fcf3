#pragma once
#include "indicatorset.h"
#include "message.h"
#include "result.h"
#include <QJsonObject>
#include <QList>

namespace gw {

// The district's indicator sets by the month each takes effect (issue 16): the city grid center adjusts indicators
// during the year ("考核指标做动态调整"), and a month is assessed with the set in force in it, on every computer alike.
// The district server serves it as reference data ("indicators"); the set shipped with the program
// (resources/assessment/indicators.default.json, from 2026-01) is only its first version. Changed by accounts
// holding the assessment administrator grant.
class IndicatorSchedule
{
    GW_DECLARE_MESSAGES(gw::IndicatorSchedule)
public:
    static constexpr int MaxEntries = 120;
    static constexpr int MaxBytes = 1024 * 1024;  // every version is kept on the server and sent to every client

    struct Entry {
        QString effective;  // "yyyy-MM", the first month the set applies to
        IndicatorSet set;
    };

    // {"sets": [{"effective": "2026-01", "set": {IndicatorSet}}, ...]}; each set checked (IndicatorSet) and each
    // month at most once. Nothing changes when it is refused.
    Result load(const QJsonObject &body);
    QJsonObject toJson() const;
    // Adds or replaces the set taking effect in `month` ("yyyy-MM"). Refused with field "effective" for a bad month,
    // "indicators" (and every problem in `errors`) for a bad set.
    Result setFrom(const QString &month, const QByteArray &setJson, QStringList *errors = nullptr);
    // "2026-07" → true with the year and month; years 2000 to 2100.
    static bool parseMonth(const QString &text, int *year = nullptr, int *month = nullptr);

    // The set a month is assessed with: the newest taking effect in or before it (the earliest for a month before
    // all of them).
    const IndicatorSet &inForce(int year, int month) const;
    QString effectiveFor(int year, int month) const;
    const QList<Entry> &entries() const { return m_entries; }

    static const IndicatorSchedule &builtin();
    static IndicatorSchedule shipped();
    static void installDistrict(const IndicatorSchedule &schedule);

private:
    // Adds or replaces one month's set after the checks of setFrom() but the size; nothing changes when refused.
    Result place(const QString &month, const QByteArray &setJson, QStringList *errors = nullptr);
    Result checkSize() const;

    QList<Entry> m_entries;  // by effective month, oldest first
};

} // namespace gw

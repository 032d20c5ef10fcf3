#pragma once
#include "protocol/referenceset.h"
#include "workcalendar.h"
#include "categorycatalog.h"
#include "orgunit.h"
#include <QObject>
#include <QPointer>

namespace gw {

class CaseStore;
class SyncEngine;

// The administration console's connection for the district's reference data (docs/sync-protocol.md, "Reference
// data"): one year of the work calendar (PUT /api/v1/reference/calendar/years/<yyyy>), one category with its rule
// table (PUT /api/v1/reference/categories/<id>), one org unit or grid cell (.../org/units, .../org/gridcells). What the server stored
// is taken into this client's cache at once (ReferenceCache), so the administrator's own deadlines use it without
// waiting for the next sync. A refusal keeps the server's sentence and the field it names.
class ReferenceAdminClient : public QObject
{
    Q_OBJECT
public:
    ReferenceAdminClient(SyncEngine *sync, CaseStore *store, QObject *parent = nullptr);

    // Each change names `from`, the piece as the form began from it (the served category, unit, year, ...; null when
    // there was none): when another administrator changed that piece since, the server refuses (conflicted) instead
    // of overwriting their change.
    void saveCalendarYear(const CalendarYear &year, const QJsonValue &from);
    void saveCategory(const Category &category, const QJsonValue &from);
    void saveWorkingDay(const WorkCalendar::WorkingDay &day, const QJsonValue &from);
    // Adds (`adding`; `from` is not used) or changes one org unit or grid cell (POST /api/v1/reference/org/units,
    // PUT .../units/<id>; the same under gridcells).
    void saveOrgUnit(const OrgUnit &unit, bool adding, const QJsonValue &from);
    void saveGridCell(const GridCell &cell, bool adding, const QJsonValue &from);
    // Replaces the district's phrases of one text field (PUT /api/v1/reference/phrases/<kind>).
    void savePhrases(const QString &kind, const QStringList &phrases, const QJsonValue &from);
    // The indicator set taking effect in `month` ("yyyy-MM"), by an assessment administrator
    // (PUT /api/v1/reference/indicators/<month>); `from`: ReferenceSet::indicatorPiece of what the editor showed.
    void saveIndicatorSet(const QString &month, const QByteArray &setJson, const QJsonValue &from);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void calendarSaved(const gw::ReferenceSet &set);
    void categorySaved(const gw::ReferenceSet &set);
    void workingDaySaved(const gw::ReferenceSet &set);
    void orgSaved(const gw::ReferenceSet &set);
    void phrasesSaved(const gw::ReferenceSet &set);
    void indicatorsSaved(const gw::ReferenceSet &set);
    // `field`: "year", "holidays", "extraWorkdays" or "notice" when the server named the input at fault.
    void failed(const QString &message, const QString &field);
    // Another administrator changed the piece since the form began from it: nothing was saved, and the current
    // version of `kind` is already in this client's cache (installed), for the form to show again.
    void conflicted(const QString &kind, const QString &message);
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);
    static QString orgOfflineReason();
    // PUT (or POST) `path` with `body` (already checked by the same rule the server applies); keeps what was stored.
    void put(const QByteArray &method, const QString &path, const QJsonObject &body, const QString &kind,
             const QJsonValue &from, const QString &offlineReason,
             void (ReferenceAdminClient::*saved)(const gw::ReferenceSet &));
    // After a conflict: fetches the current `kind` into the cache, then reports `message` (conflicted).
    void refetchAfterConflict(const QString &kind, const QString &message);
    // Takes sets the server sent into the cache (and this process); false after reporting why (failed).
    bool keep(const QList<ReferenceSet> &sets);

    QPointer<SyncEngine> m_sync;
    CaseStore *m_store;
    bool m_busy = false;
};

} // namespace gw

#pragma once
#include "message.h"
#include "result.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace gw {

class IndicatorSchedule;

// One kind of the district's reference data in one version, as the server keeps it and clients cache it
// (docs/sync-protocol.md, "Reference data", issue 16): the work calendar, the categories with their deadline rules
// the org directory with its grid cells, the phrase templates and the indicator sets by the month they take effect. Each change is a new version, never an edit.
class ReferenceSet
{
    GW_DECLARE_MESSAGES(gw::ReferenceSet)
public:
    static const QString Calendar;    // "calendar": WorkCalendar::toJson()
    static const QString Categories;  // "categories": CategoryCatalog::toJson(), the category x urgency rule table
    static const QString Org;         // "org": OrgDirectory::toBody(), units with duty contacts and grid cells
    static const QString Phrases;     // "phrases": PhraseBook::toJson(), the district's phrase templates per field
    static const QString Indicators;  // "indicators": IndicatorSchedule::toJson(), indicator sets by effective month
    static QStringList knownKinds();
    static Message displayName(const QString &kind);  // 工作日历, 分类与时限规则, 组织机构与网格

    // The version of `kind` installed in this process (0: the data shipped with the program). A whistle records
    // the rule version its deadlines were computed under (WhistleDeadlines), so the server can judge it fairly.
    static int installedVersion(const QString &kind);

    QString kind;
    int version = 0;       // 1, 2, ... per kind
    QJsonObject body;      // the data itself, in its kind's JSON form
    QDateTime changedAt;   // UTC
    QString changedBy;     // account id, or "system" for the data shipped with the server

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, ReferenceSet *out, Message *error);

    // Takes this set into use in this process (WorkCalendar / CategoryCatalog::installDistrict), after checking its body;
    // a body that does not load changes nothing. The one place that knows how each kind is put to work, for the
    // server (what it stores) and the client (what it synced) alike.
    Result installInProcess() const;

    // "calendar:3,org:1": the versions a client holds, for GET /api/v1/reference?have=...; a kind left out is
    // one it has none of. parseHave() refuses anything else with a sentence.
    static QString haveToString(const QHash<QString, int> &have);
    static bool parseHave(const QString &text, QHash<QString, int> *have, Message *error);
    // "calendar,categories": the kinds a client asks for (GET /api/v1/reference?kinds=...). A client from before
    // the parameter knew only the calendar, so none named means {calendar}; kinds this program does not know are
    // left out (a newer client may know more).
    static QString kindsToString() { return knownKinds().join(u','); }
    static QStringList parseKinds(const QString &text);

    // The tag of one piece of a set as an administrator's form began from it (a category, a unit, a grid cell, a
    // calendar year, the working day, one field's phrases, the indicator set of a month; null when there was none):
    // sent with a change (?expect=<tag>) so the server refuses it when someone changed that piece meanwhile, instead
    // of silently overwriting their change. 32 hex digits of SHA-256 over the piece's compact JSON.
    static QString itemTag(const QJsonValue &item);
    static bool isItemTag(const QString &text);
    // The piece of an indicator schedule a change for `month` ("yyyy-MM") replaces, as the editor shows it: the set in
    // force that month and the month it took effect (null when the month is not one).
    static QJsonValue indicatorPiece(const IndicatorSchedule &schedule, const QString &month);
};

// The answer to GET /api/v1/reference: the kinds newer than the client's (empty when it is up to date).
class ReferenceAnswer
{
    GW_DECLARE_MESSAGES(gw::ReferenceAnswer)
public:
    QList<ReferenceSet> sets;

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, ReferenceAnswer *out, Message *error);
};

} // namespace gw

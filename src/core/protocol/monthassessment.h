#pragma once
#include "assessmentresult.h"
#include "message.h"
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>

namespace gw {

// The wire form of an assessment result (docs/sync-protocol.md, "Assessment"): every count, deduction and score of
// every unit, so a client shows the server's figures without the cases behind them. A score without data is null.
class AssessmentResultJson
{
    GW_DECLARE_MESSAGES(gw::AssessmentResultJson)
public:
    static QJsonObject toJson(const AssessmentResult &result);
    static bool fromJson(const QJsonObject &o, AssessmentResult *out, Message *error);
    // The text a publication stores and hashes: the compact JSON of toJson().
    static QByteArray bytes(const AssessmentResult &result);
    static QString hashOf(const QByteArray &bytes);  // SHA-256, hex
    // Whether two results in wire form agree, numbers within a relative 1e-9 (a sum over the same cases read in
    // another order may differ in its last bit); otherwise `where` names the first difference ("streets[3].composite").
    static bool sameFigures(const QJsonObject &a, const QJsonObject &b, QString *where);
};

// One publication of a month's assessment (月度考核发布, issue 16): the district's results frozen at a data cut-off,
// with the versions of the reference data they were computed with. A correction is a new revision with a reason;
// every revision is kept, and each is an entry of the administrative log carrying the hash of its results.
struct MonthPublication {
    QString month;             // "yyyy-MM"
    int revision = 0;          // 1, 2, ...
    QDateTime publishedAt;     // UTC
    QString publishedBy;       // account id
    QString publishedByName;   // the account's name when it published
    QString reason;            // why (required from revision 2 on: what was corrected)
    qint64 cutoffSeq = 0;      // events up to this server_seq are counted; later ones never change it
    QMap<QString, int> versions;  // reference kind -> version used (calendar, categories, org, indicators)
    QString resultHash;        // AssessmentResultJson::hashOf(bytes(result))
    AssessmentResult result;

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, MonthPublication *out, Message *error);
    static constexpr int MaxReasonLength = 500;
};

// What the server says about one month: the figures computed now from all cases, and its publications.
struct MonthAssessment {
    QString month;
    AssessmentResult live;
    QList<MonthPublication> publications;  // oldest first

    const MonthPublication *latest() const { return publications.isEmpty() ? nullptr : &publications.constLast(); }
    // What the district's ranking of the month is: the latest publication, or the live figures before one.
    const AssessmentResult &shown() const { return latest() ? latest()->result : live; }
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, MonthAssessment *out, Message *error);
};

// The answer to GET /api/v1/assessment/months?from=yyyy-MM&to=yyyy-MM.
struct AssessmentMonthsAnswer {
    QDateTime computedAt;
    qint64 lastServerSeq = 0;
    QList<MonthAssessment> months;  // oldest first

    static constexpr int MaxMonths = 24;
    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, AssessmentMonthsAnswer *out, Message *error);
};

} // namespace gw

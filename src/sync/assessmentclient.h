#pragma once
#include "protocol/monthassessment.h"
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <optional>

namespace gw {

class CaseStore;
class SyncEngine;

// The district's assessment as the server computes and publishes it (docs/sync-protocol.md, "Assessment"): fetched
// by month range and kept in the sync journal ("assessment:<yyyy-MM>"), so the dashboard shows the server's
// ranking offline and after a restart; and the publication of a month by a supervisor.
class AssessmentClient : public QObject
{
    Q_OBJECT
public:
    AssessmentClient(SyncEngine *sync, CaseStore *store, QObject *parent = nullptr);

    // GET /api/v1/assessment/months?from=&to= ("yyyy-MM"); fetched() or fetchFailed() answers. Asked again while
    // one is under way, the newest range is fetched after it.
    void fetch(const QString &from, const QString &to);
    // POST /api/v1/assessment/months/<month>/publish; published() or publishFailed() answers. The month is fetched
    // again afterwards.
    void publish(const QString &month, const QString &reason);
    bool isFetching() const { return m_fetching; }
    bool isPublishing() const { return m_publishing; }

    // What the server last said about `month`, and when this client heard it.
    struct Cached {
        MonthAssessment month;
        QDateTime fetchedAt;
    };
    std::optional<Cached> cached(const QString &month) const;

Q_SIGNALS:
    void fetched();
    void fetchFailed(const QString &message);
    void published(const gw::MonthPublication &publication);
    // `field`: "reason" or "month" when the server named the input at fault.
    void publishFailed(const QString &message, const QString &field);

private:
    QPointer<SyncEngine> m_sync;
    CaseStore *m_store;
    bool m_fetching = false;
    QStringList m_pending;  // from, to: asked for while a fetch was under way
    bool m_publishing = false;
};

} // namespace gw

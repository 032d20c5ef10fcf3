#include "assessmentclient.h"
#include "caseevent.h"
#include "casestore.h"
#include "indicatorschedule.h"
#include "syncengine.h"
#include "syncjournal.h"
#include <QJsonDocument>
#include <QScopeGuard>
#include <algorithm>
#include <utility>
#include <QUrlQuery>

namespace gw {

static QString keyOf(const QString &month) { return QStringLiteral("assessment:") + month; }

AssessmentClient::AssessmentClient(SyncEngine *sync, CaseStore *store, QObject *parent)
    : QObject(parent), m_sync(sync), m_store(store)
{
    qRegisterMetaType<gw::MonthPublication>();
}

std::optional<AssessmentClient::Cached> AssessmentClient::cached(const QString &month) const
{
    if (!m_store || !m_store->isOpen())
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(m_store->journal().syncValue(keyOf(month)).toUtf8()).object();
    Cached c;
    Message why;
    if (o.isEmpty() || !MonthAssessment::fromJson(o.value(QStringLiteral("month")).toObject(), &c.month, &why))
        return std::nullopt;
    c.fetchedAt = CaseEvent::timeFromString(o.value(QStringLiteral("fetchedAt")).toString());
    return c;
}

void AssessmentClient::fetch(const QString &from, const QString &to)
{
    if (m_fetching) {
        // Both ranges, when together they are still one answer's worth; otherwise the newest.
        const QStringList merged{std::min(from, m_pending.value(0, from)), std::max(to, m_pending.value(1, to))};
        int y1 = 0, m1 = 0, y2 = 0, m2 = 0;
        const bool fits = IndicatorSchedule::parseMonth(merged.at(0), &y1, &m1) && IndicatorSchedule::parseMonth(merged.at(1), &y2, &m2)
                          && (y2 * 12 + m2) - (y1 * 12 + m1) < AssessmentMonthsAnswer::MaxMonths;
        m_pending = fits ? merged : QStringList{from, to};
        return;
    }
    if (!m_sync || !m_sync->isLoggedIn()) {
        Q_EMIT fetchFailed(tr("working offline, not connected to the district server"));
        return;
    }
    m_fetching = true;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("from"), from);
    query.addQueryItem(QStringLiteral("to"), to);
    m_sync->request("GET", QStringLiteral("/api/v1/assessment/months"), query, {}, {}, this, [this](const ApiReply &reply) {
        m_fetching = false;
        // A newer range was asked for meanwhile: fetch it once this answer is kept.
        const auto next = qScopeGuard([this] {
            if (m_pending.size() == 2) {
                const QStringList range = std::exchange(m_pending, {});
                fetch(range.at(0), range.at(1));
            }
        });
        if (!m_store || !m_store->isOpen()) {
            Q_EMIT fetchFailed(tr("The local store is not open."));
            return;
        }
        if (!reply.ok()) {
            Q_EMIT fetchFailed(reply.error);
            return;
        }
        AssessmentMonthsAnswer answer;
        Message why;
        if (!AssessmentMonthsAnswer::fromJson(reply.json, &answer, &why)) {
            Q_EMIT fetchFailed(tr("The district server's assessment cannot be read: %1").arg(why.text()));
            return;
        }
        for (const MonthAssessment &m : std::as_const(answer.months)) {
            const QJsonObject kept{{QStringLiteral("fetchedAt"), CaseEvent::timeToString(answer.computedAt)},
                                   {QStringLiteral("month"), m.toJson()}};
            const Result saved = m_store->journal().setSyncValue(
                keyOf(m.month), QString::fromUtf8(QJsonDocument(kept).toJson(QJsonDocument::Compact)));
            if (!saved.ok) {
                Q_EMIT fetchFailed(saved.message.text());
                return;
            }
        }
        Q_EMIT fetched();
    });
}

void AssessmentClient::publish(const QString &month, const QString &reason)
{
    if (!m_sync || !m_sync->isLoggedIn()) {
        Q_EMIT publishFailed(tr("Working offline: a month is published on the district server. Sign in online to "
                                "publish it."), {});
        return;
    }
    if (m_publishing) {
        Q_EMIT publishFailed(tr("A publication is already under way; wait for its answer."), {});
        return;
    }
    m_publishing = true;
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("reason"), reason}}).toJson(QJsonDocument::Compact);
    m_sync->request("POST", QStringLiteral("/api/v1/assessment/months/%1/publish").arg(month), QUrlQuery(), body,
                    QByteArrayLiteral("application/json"), this, [this, month](const ApiReply &reply) {
                        m_publishing = false;
                        if (!reply.ok()) {
                            Q_EMIT publishFailed(reply.error, reply.json.value(QStringLiteral("field")).toString());
                            return;
                        }
                        MonthPublication p;
                        Message why;
                        if (!MonthPublication::fromJson(reply.json.value(QStringLiteral("publication")).toObject(), &p, &why)) {
                            Q_EMIT publishFailed(tr("The district server's answer cannot be read: %1").arg(why.text()), {});
                            return;
                        }
                        // Ask for the month again before anyone hears of it, so what they show next is the new revision.
                        fetch(month, month);
                        Q_EMIT published(p);
                    });
}

} // namespace gw

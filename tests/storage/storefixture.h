#pragma once
// Shared helpers for the storage tests: the people who act and the events they make, built with the
// same EventBuilder the application uses.
#include "casestore.h"
#include "eventbuilder.h"
#include "../support/settledoutbox.h"
#include <QSqlQuery>
#include <QtTest>

namespace gw::test {

inline User user(const QString &id, Role role, const QString &org)
{
    return User::make(id, role, org);
}

inline User streetOperator(const QString &street = QStringLiteral("street.tuodong"))
{
    return user(QStringLiteral("op.") + street.mid(7), Role::StreetOperator, street);
}
inline User reporter(const QString &community = QStringLiteral("community.tuodong.1"))
{
    return user(QStringLiteral("rep.") + community.mid(10), Role::CommunityReporter, community);
}
inline User dispatcher() { return user(QStringLiteral("dispatcher"), Role::CenterDispatcher, QStringLiteral("center.district")); }
inline User reviewer() { return user(QStringLiteral("reviewer"), Role::CenterReviewer, QStringLiteral("center.district")); }
inline User handler(const QString &dept) { return user(QStringLiteral("h.") + dept.mid(5), Role::DepartmentHandler, dept); }
inline User supervisor() { return user(QStringLiteral("supervisor"), Role::Supervisor, QStringLiteral("center.district")); }

inline CaseDraft draft(const QString &title, const QString &street = QStringLiteral("street.tuodong"),
                       const QString &category = QStringLiteral("city_appearance"),
                       const QString &description = QStringLiteral("占道经营，影响通行"))
{
    CaseDraft d;
    d.title = title;
    d.description = description;
    d.categoryId = category;
    d.streetId = street;
    d.communityId = street == QLatin1String("street.tuodong") ? QStringLiteral("community.tuodong.1") : QString();
    d.address = QStringLiteral("盘龙区北京路100号");
    d.urgency = Urgency::Normal;
    return d;
}

// A builder for `actor` on the store's device, with an optional fixed clock.
inline EventBuilder builder(const CaseStore &store, const User &actor, const QDateTime &at = {})
{
    if (!at.isValid())
        return EventBuilder(actor, store.deviceId());
    return EventBuilder(actor, store.deviceId(), [at] { return at; });
}

inline QJsonObject obj(std::initializer_list<QPair<QString, QJsonValue>> list) { return QJsonObject(list); }

// Appends and fails the test with the store's message when refused.
#define GW_APPEND(store, event)                                                 \
    do {                                                                        \
        gw::CaseEvent e_ = (event);                                             \
        const gw::Result r_ = gw::test::appendAsAuthor((store), e_);                               \
        QVERIFY2(r_.ok, qPrintable(r_.code + QLatin1String(": ") + r_.message)); \
    } while (false)

inline int countRows(const CaseStore &store, const QString &table)
{
    QSqlQuery q(QSqlDatabase::database(store.connectionName(), false));
    if (!q.exec(QStringLiteral("SELECT count(*) FROM ") + table) || !q.next())
        return -1;
    return q.value(0).toInt();
}

// Registers a case by `actor` and returns its id (empty on failure, which the caller checks).
inline QString registerCase(CaseStore &store, const User &actor, const CaseDraft &d, const QDateTime &at = {})
{
    CaseEvent e = builder(store, actor, at).registerCase(d);
    return store.append(e).ok ? e.caseId : QString();
}

// Takes a registered case of street.tuodong through analysis, approval and the whistle.
inline bool whistleCase(CaseStore &store, const QString &caseId, const QString &lead, const QStringList &assist = {},
                        const QDateTime &at = {})
{
    const User op = streetOperator(store.caseById(caseId)->streetId);
    CaseEvent a = builder(store, op, at).make(EventType::Analyzed, caseId, {{"decision", "whistle"}, {"note", ""}});
    if (!appendAsAuthor(store, a).ok)
        return false;
    CaseEvent r = builder(store, reviewer(), at).make(EventType::Reviewed, caseId, {{"decision", "approve"}, {"reason", ""}});
    if (!appendAsAuthor(store, r).ok)
        return false;
    CaseEvent w = builder(store, dispatcher(), at).whistle(*store.caseById(caseId), lead, assist);
    return appendAsAuthor(store, w).ok;
}

} // namespace gw::test

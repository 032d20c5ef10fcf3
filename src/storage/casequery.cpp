#include "casequery.h"
#include "searchtext.h"

namespace gw {

QString CaseQuery::terminalStatusList()
{
    QStringList out;
    for (CaseStatus s : allCaseStatuses())
        if (isTerminal(s))
            out.append(u'\'' + caseStatusToString(s) + u'\'');
    return out.join(u',');
}

CaseQuery::CaseQuery(const CaseFilter &f, bool broadText, bool counting)
{
    const QString summoned = counting
        ? QStringLiteral("cases.id IN (SELECT case_id FROM case_departments WHERE department = ?)")
        : QStringLiteral("EXISTS (SELECT 1 FROM case_departments d WHERE d.department = ? AND d.case_id = cases.id)");
    using Kind = AccessPolicy::Scope::Kind;
    switch (f.scope.kind) {
    case Kind::All:
        break;
    case Kind::Street:
        m_conditions << QStringLiteral("street = ?");
        m_bindings << f.scope.orgUnitId;
        break;
    case Kind::Community:
        m_conditions << QStringLiteral("community = ?");
        m_bindings << f.scope.orgUnitId;
        break;
    case Kind::Department:
        m_conditions << summoned;
        m_bindings << f.scope.orgUnitId;
        break;
    case Kind::None:
        m_nothing = true;
        break;
    }
    auto statusIn = [this](const QList<CaseStatus> &statuses) {
        QStringList marks;
        for (CaseStatus s : statuses) {
            marks << QStringLiteral("?");
            m_bindings << caseStatusToString(s);
        }
        return QStringLiteral("status IN (%1)").arg(marks.join(u','));
    };
    if (f.orPostponementPending) {
        QStringList branches;
        if (!f.statuses.isEmpty())
            branches << statusIn(f.statuses);
        branches << (f.postponementStatuses.isEmpty()
                         ? postponementPendingCondition(counting)
                         : QStringLiteral("(%1 AND %2)").arg(statusIn(f.postponementStatuses),
                                                            postponementPendingCondition(counting)));
        m_conditions << u'(' + branches.join(QStringLiteral(" OR ")) + u')';
    } else if (!f.statuses.isEmpty()) {
        m_conditions << statusIn(f.statuses);
    }
    if (!f.streetId.isEmpty()) {
        m_conditions << QStringLiteral("street = ?");
        m_bindings << f.streetId;
    }
    if (!f.communityId.isEmpty()) {
        m_conditions << QStringLiteral("community = ?");
        m_bindings << f.communityId;
    }
    if (!f.departmentId.isEmpty()) {
        m_conditions << summoned;  // each subquery has its own alias scope
        m_bindings << f.departmentId;
    }
    if (!f.categoryId.isEmpty()) {
        m_conditions << QStringLiteral("category = ?");
        m_bindings << f.categoryId;
    }
    if (f.urgency) {
        m_conditions << QStringLiteral("urgency = ?");
        m_bindings << urgencyToString(*f.urgency);
    }
    if (f.overdueOnly) {
        // next_due is NULL for closed, rejected and merged cases (CaseRecord::nextDue), so this alone means
        // "an open deadline has passed", and the index on next_due answers it without reading case rows.
        m_conditions << QStringLiteral("next_due < ?");
        m_bindings << f.now.toMSecsSinceEpoch();
    }
    if (f.openOnly)
        m_conditions << QStringLiteral("status NOT IN (%1)").arg(terminalStatusList());
    if (f.registeredFrom.isValid()) {
        m_conditions << QStringLiteral("registered_at >= ?");
        m_bindings << f.registeredFrom.toMSecsSinceEpoch();
    }
    if (f.registeredTo.isValid()) {
        m_conditions << QStringLiteral("registered_at < ?");
        m_bindings << f.registeredTo.toMSecsSinceEpoch();
    }
    if (!f.text.trimmed().isEmpty()) {
        const QString match = SearchText::forQuery(f.text);
        if (match.isEmpty()) {
            m_nothing = true;
        } else {
            // The unary + keeps the planner from driving the query by these rowids (see broadText).
            m_conditions << (broadText ? QStringLiteral("+cases.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)")
                                       : QStringLiteral("cases.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)"));
            m_bindings << match;
            m_match = match;
        }
    }
}

QString CaseQuery::where(const QStringList &extraConditions) const
{
    const QStringList all = m_conditions + extraConditions;
    return all.isEmpty() ? QString() : QStringLiteral(" WHERE ") + all.join(QStringLiteral(" AND "));
}

QString CaseQuery::conditions() const
{
    return m_conditions.isEmpty() ? QStringLiteral("1") : u'(' + m_conditions.join(QStringLiteral(") AND (")) + u')';
}

QString CaseQuery::orderBy(CaseFilter::Sort sort)
{
    // The first part's order (DueAsc continues with the second part, see parts()).
    return parts(sort).constFirst().orderBy();
}

QList<CaseQuery::Part> CaseQuery::parts(CaseFilter::Sort sort)
{
    // Every order ends with the case id, a unique tie-breaker, so paging never repeats or skips a row and
    // a page can continue after a row's (key, id); each has an index ending the same way (steps 3 and 4),
    // so SQLite reads the index in order from that point instead of sorting.
    switch (sort) {
    case CaseFilter::Sort::UpdatedDesc: return {{QString(), QStringLiteral("updated_at"), true}};
    case CaseFilter::Sort::RegisteredDesc: return {{QString(), QStringLiteral("registered_at"), true}};
    case CaseFilter::Sort::RegisteredAsc: return {{QString(), QStringLiteral("registered_at"), false}};
    case CaseFilter::Sort::NumberAsc: return {{QString(), QStringLiteral("number"), false}};
    case CaseFilter::Sort::DueAsc:
        return {{QStringLiteral("next_due IS NOT NULL"), QStringLiteral("next_due"), false},
                {QStringLiteral("next_due IS NULL"), QStringLiteral("updated_at"), true}};
    }
    return {{QString(), QStringLiteral("updated_at"), true}};
}

QString CaseQuery::Part::orderBy() const
{
    const QString dir = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    return QStringLiteral(" ORDER BY %1 %2, id %2").arg(column, dir);
}

QString CaseQuery::Part::after() const
{
    return QStringLiteral("(%1, id) %2 (?, ?)").arg(column, descending ? QStringLiteral("<") : QStringLiteral(">"));
}

QString CaseQuery::postponementPendingCondition(bool counting)
{
    // The column CaseRecord::hasPendingPostponement() writes; the partial index cases_postpone_pending_id
    // (schema step 5) holds just those few cases. A list walks its sort index and tests the column. A count
    // ORed with a status ("my to-do") would read every case row for it, because SQLite does not use a partial
    // index for one term of an OR, but does use the rowid: 1.5 s -> 21 ms at a million cases.
    return counting ? QStringLiteral("cases.rowid IN (SELECT rowid FROM cases WHERE postpone_pending = 1)")
                    : QStringLiteral("cases.postpone_pending = 1");
}

CaseListKey CaseListKey::of(const CaseSummary &row, CaseFilter::Sort sort)
{
    CaseListKey key;
    key.id = row.id;
    switch (sort) {
    case CaseFilter::Sort::UpdatedDesc:
        key.value = row.updatedAt.toMSecsSinceEpoch();
        break;
    case CaseFilter::Sort::RegisteredDesc:
    case CaseFilter::Sort::RegisteredAsc:
        key.value = row.registeredAt.toMSecsSinceEpoch();
        break;
    case CaseFilter::Sort::NumberAsc:
        key.value = row.number;
        break;
    case CaseFilter::Sort::DueAsc:
        key.undueTail = !row.nextDue.isValid();
        key.value = key.undueTail ? row.updatedAt.toMSecsSinceEpoch() : row.nextDue.toMSecsSinceEpoch();
        break;
    }
    return key;
}

} // namespace gw

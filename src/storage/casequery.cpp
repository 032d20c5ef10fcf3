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
    if (!f.statuses.isEmpty()) {
        QStringList marks;
        for (CaseStatus s : f.statuses) {
            marks << QStringLiteral("?");
            m_bindings << caseStatusToString(s);
        }
        m_conditions << QStringLiteral("status IN (%1)").arg(marks.join(u','));
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
    // A unique tie-breaker so paging never repeats or skips a row: the one the sort's index ends with
    // (id for the step-3 indexes on updated_at and next_due, the implicit rowid for the others), so
    // SQLite reads the index in order instead of sorting.
    switch (sort) {
    case CaseFilter::Sort::UpdatedDesc: return QStringLiteral(" ORDER BY updated_at DESC, id DESC");
    case CaseFilter::Sort::RegisteredDesc: return QStringLiteral(" ORDER BY registered_at DESC, cases.rowid DESC");
    case CaseFilter::Sort::RegisteredAsc: return QStringLiteral(" ORDER BY registered_at ASC, cases.rowid ASC");
    case CaseFilter::Sort::DueAsc: return QStringLiteral(" ORDER BY next_due ASC, id ASC");
    case CaseFilter::Sort::NumberAsc: return QStringLiteral(" ORDER BY number ASC, cases.rowid ASC");
    }
    return QStringLiteral(" ORDER BY updated_at DESC, id DESC");
}

} // namespace gw

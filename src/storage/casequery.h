#pragma once
#include "casefilter.h"
#include <QVariantList>

namespace gw {

// Turns a CaseFilter into the WHERE clause of a query over `cases`, with every value bound, never spliced.
class CaseQuery
{
public:
    // `broadText`: the search text matches so many cases that walking the sort order and testing each
    // row against the (precomputed) match set beats fetching every match and sorting it.
    // `counting`: the clause is for count(*): department conditions are then driven from
    // case_departments (covered by the id index), where a list walks its sort index instead.
    explicit CaseQuery(const CaseFilter &filter, bool broadText = false, bool counting = false);
    // The MATCH expression of the filter's search text, empty when there is none.
    QString matchExpression() const { return m_match; }

    // " WHERE ..." (or empty) over table `cases`; extraConditions are ANDed in (fixed SQL only).
    QString where(const QStringList &extraConditions = {}) const;
    // The conditions alone, ANDed, or "1" when there are none (to embed in a larger statement).
    QString conditions() const;
    const QVariantList &bindings() const { return m_bindings; }
    // True when the filter can match nothing (scope None, a search without searchable text).
    bool matchesNothing() const { return m_nothing; }

    static QString orderBy(CaseFilter::Sort sort);
    static QString terminalStatusList();  // "'closed','rejected','merged'" for SQL

private:
    QStringList m_conditions;
    QVariantList m_bindings;
    bool m_nothing = false;
    QString m_match;
};

} // namespace gw

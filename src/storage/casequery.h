#pragma once
#include "casefilter.h"
#include <QVariantList>

namespace gw {

// Where a row stands in a list's order: its sort column's value and its id (the tie-breaker), so the next
// page can start right after it (keyset paging) instead of counting rows from the top (OFFSET).
struct CaseListKey {
    QVariant value;          // the sort column of that row (ms since the epoch, or the number text)
    QString id;
    bool undueTail = false;  // DueAsc: the row is among the cases without a running deadline, listed last
    bool isNull() const { return id.isEmpty(); }
    // The key of `row` in a list sorted by `sort`.
    static CaseListKey of(const CaseSummary &row, CaseFilter::Sort sort);
};

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
    // True while a department's postponement request waits for a decision (column postpone_pending), in the
    // form that the list (or, `counting`, the count) query answers from an index.
    static QString postponementPendingCondition(bool counting);

    // A list is walked in one or two parts, each by one index: DueAsc lists the cases with a running
    // deadline by deadline, then the others newest change first; every other order is one part.
    struct Part {
        QString condition;  // fixed SQL limiting the rows to this part, empty when none
        QString column;     // the sort column
        bool descending = false;
        QString orderBy() const;           // " ORDER BY column DIR, id DIR"
        QString after() const;             // "(column, id) > (?, ?)" (or < when descending)
    };
    static QList<Part> parts(CaseFilter::Sort sort);
    // Which part a key belongs to.
    static int partOf(const CaseListKey &key) { return key.undueTail ? 1 : 0; }

private:
    QStringList m_conditions;
    QVariantList m_bindings;
    bool m_nothing = false;
    QString m_match;
};

} // namespace gw

#pragma once
#include "casefilter.h"
#include "casequery.h"
#include <QAbstractTableModel>
#include <QHash>
#include <QMap>
#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace gw {

class CaseStore;

// The case list, read from the local store one page at a time, sized for a million cached cases:
// - rowCount() is the whole list as soon as it is known, and a page is read only when the view shows one of
//   its rows; a bounded number of pages is kept (least recently used go first).
// - A page continues after the previous page's last row (keyset paging), never counting rows from the top.
//   For a jump (dragging the scroll bar) it starts from the nearest row whose key is known: a page already
//   read, or an anchor — the key of every anchorStep()-th row, sampled in the background once per filter.
// - Counting is capped on the GUI thread (countCap()); past the cap the list shows that many rows at first
//   (and grows with fetchMore) while the exact count runs on a worker thread with its own read-only
//   connection, then the rows are added.
class CaseTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Title, Status, Category, Street, Urgency, Departments, Registered, NextDue, SyncMark,
                  ColumnCount };
    enum Role { CaseIdRole = Qt::UserRole + 1, OverdueRole, StatusRole, PendingSyncRole };

    explicit CaseTableModel(CaseStore *store, QObject *parent = nullptr);
    ~CaseTableModel() override;

    // Replaces the query and starts again from the first page.
    void setFilter(const CaseFilter &filter);
    CaseFilter filter() const { return m_filter; }
    // A filter that can match nothing (e.g. a view and a status choice that exclude each other):
    // shows an empty list without asking the store.
    void setMatchesNothing(bool nothing);
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }
    // Counting stops here on the GUI thread; a bigger list is counted in the background. Applies from the
    // next filter change.
    void setCountCap(int rows) { m_countCap = qMax(1, rows); }
    int countCap() const { return m_countCap; }
    // Rows between two anchors (position keys sampled in the background). Applies from the next filter change.
    void setAnchorStep(int rows) { m_anchorStep = qMax(1, rows); }
    int anchorStep() const { return m_anchorStep; }
    int anchorCount() const { return m_anchorCount; }

    // Rows matching the filter; while the exact count is still running, the rows known so far (a lower bound).
    int totalCount() const { return m_total >= 0 ? m_total : m_rowCount; }
    bool isTotalExact() const { return m_total >= 0; }
    // "1,234" or, while counting, "10,000+".
    QString totalCountText() const;
    int loadedCount() const;  // rows held in memory now
    // Re-reads the same query after the store changed; the list keeps its length until the new count is in.
    void refresh();

    // These read the row's page if it is not in memory.
    QString caseIdAt(int row) const;
    const CaseSummary *summaryAt(int row) const;
    int rowOfCase(const QString &caseId) const;  // -1 if not in memory

    // The store sort for a header click, or nothing if the store cannot sort that way.
    static std::optional<CaseFilter::Sort> sortFor(int column, Qt::SortOrder order);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void totalCountChanged(int total);
    void anchorsReady(int count);

private:
    void reload(bool keepLength);
    void startBackgroundWork(bool needCount, bool needAnchors);
    void stopBackgroundWork();
    void countArrived(int generation, int total);
    void anchorsArrived(int generation, const QList<CaseListKey> &keys);
    const QList<CaseSummary> *page(int index) const;
    QString departmentsText(const CaseSummary &c) const;
    QVariant tooltip(const CaseSummary &c, int column) const;

    CaseStore *m_store;
    CaseFilter m_filter;
    int m_rowCount = 0;  // rows the view sees
    int m_total = 0;     // exact count, -1 while it runs
    int m_pageSize = 200;
    int m_countCap = 10000;
    int m_anchorStep = 5000;
    int m_anchorCount = 0;
    bool m_matchesNothing = false;
    int m_generation = 0;  // results of background work for an older filter are dropped
    mutable QHash<int, QList<CaseSummary>> m_pages;  // page index -> rows
    mutable QList<int> m_recentPages;                // least recently used first
    mutable QMap<int, CaseListKey> m_knownKeys;      // row -> its key: last rows of pages read, anchors
    std::shared_ptr<std::atomic_bool> m_cancel;
    QList<QThread *> m_workers;
};

} // namespace gw

#pragma once
#include "casefilter.h"
#include <QAbstractTableModel>
#include <optional>

namespace gw {

class CaseStore;

// The case list, read from the local store one page at a time: rowCount() grows as the view asks for more
// (canFetchMore/fetchMore), so a million cached cases cost one count and one page to show.
class CaseTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Number, Title, Status, Category, Street, Urgency, Departments, Registered, NextDue, SyncMark,
                  ColumnCount };
    enum Role { CaseIdRole = Qt::UserRole + 1, OverdueRole, StatusRole, PendingSyncRole };

    explicit CaseTableModel(CaseStore *store, QObject *parent = nullptr);

    // Replaces the query and starts again from the first page.
    void setFilter(const CaseFilter &filter);
    CaseFilter filter() const { return m_filter; }
    // A filter that can match nothing (e.g. a view and a status choice that exclude each other):
    // shows an empty list without asking the store.
    void setMatchesNothing(bool nothing);
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    int totalCount() const { return m_total; }  // rows matching the filter, loaded or not
    int loadedCount() const { return int(m_rows.size()); }
    // Re-reads the same query after the store changed, keeping as many rows loaded as before.
    void refresh();

    QString caseIdAt(int row) const;
    int rowOfCase(const QString &caseId) const;  // -1 if not loaded
    const CaseSummary *summaryAt(int row) const;

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

private:
    void reload(int keepRows);
    QString departmentsText(const CaseSummary &c) const;
    QVariant tooltip(const CaseSummary &c, int column) const;

    CaseStore *m_store;
    CaseFilter m_filter;
    QList<CaseSummary> m_rows;
    int m_total = 0;
    int m_pageSize = 200;
    bool m_matchesNothing = false;
};

} // namespace gw

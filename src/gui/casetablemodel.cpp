#include "casetablemodel.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "icons.h"
#include "orgdirectory.h"
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace gw {

namespace {

QString shortTime(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

const QColor OverdueBackground(0xfd, 0xe2, 0xe1);
const QColor OverdueText(0xb7, 0x1c, 0x1c);

} // namespace

CaseTableModel::CaseTableModel(CaseStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

void CaseTableModel::setFilter(const CaseFilter &filter)
{
    m_filter = filter;
    reload(0);
}

void CaseTableModel::setMatchesNothing(bool nothing)
{
    if (m_matchesNothing == nothing)
        return;
    m_matchesNothing = nothing;
    reload(0);
}

void CaseTableModel::setPageSize(int rows)
{
    m_pageSize = qBound(10, rows, 5000);
}

void CaseTableModel::refresh()
{
    // Keep what is on screen, but never re-read an enormous scrolled-through list in one go.
    reload(qMin(int(m_rows.size()), 20 * m_pageSize));
}

void CaseTableModel::reload(int keepRows)
{
    beginResetModel();
    m_rows.clear();
    m_filter.now = QDateTime::currentDateTimeUtc();  // "overdue" means overdue as of this reading
    const bool canQuery = !m_matchesNothing && m_store && m_store->isOpen();
    m_total = canQuery ? m_store->countCases(m_filter) : 0;
    if (canQuery && m_total > 0) {
        // One query for what was on screen before, rounded up to whole pages.
        const int pages = qMax(1, (qMin(keepRows, m_total) + m_pageSize - 1) / m_pageSize);
        m_rows = m_store->listCases(m_filter, 0, pages * m_pageSize);
    }
    endResetModel();
    emit totalCountChanged(m_total);
}

QString CaseTableModel::caseIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int CaseTableModel::rowOfCase(const QString &caseId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == caseId)
            return i;
    return -1;
}

const CaseSummary *CaseTableModel::summaryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

std::optional<CaseFilter::Sort> CaseTableModel::sortFor(int column, Qt::SortOrder order)
{
    switch (column) {
    case -1:
        return CaseFilter::Sort::UpdatedDesc;
    case Number:
        return order == Qt::AscendingOrder ? std::optional(CaseFilter::Sort::NumberAsc) : std::nullopt;
    case Registered:
        return order == Qt::AscendingOrder ? CaseFilter::Sort::RegisteredAsc : CaseFilter::Sort::RegisteredDesc;
    case NextDue:
        return order == Qt::AscendingOrder ? std::optional(CaseFilter::Sort::DueAsc) : std::nullopt;
    default:
        return std::nullopt;
    }
}

void CaseTableModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<CaseFilter::Sort> sort = sortFor(column, order);
    if (!sort || *sort == m_filter.sort)
        return;
    m_filter.sort = *sort;
    reload(0);
}

int CaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool CaseTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void CaseTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || !m_store)
        return;
    const QList<CaseSummary> page = m_store->listCases(m_filter, int(m_rows.size()), m_pageSize);
    if (page.isEmpty()) {
        // The store shrank under us (e.g. a purge after sync): stop asking for more.
        m_total = int(m_rows.size());
        emit totalCountChanged(m_total);
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows.append(page);
    endInsertRows();
}

QString CaseTableModel::departmentsText(const CaseSummary &c) const
{
    QStringList names;
    for (int i = 0; i < c.departments.size(); ++i) {
        const QString name = OrgDirectory::builtin().nameOf(c.departments.at(i));
        names.append(i == 0 ? tr("%1 (lead)").arg(name) : name);  // the store lists the lead first
    }
    return names.join(tr(", "));
}

QVariant CaseTableModel::tooltip(const CaseSummary &c, int column) const
{
    QStringList lines;
    lines << QStringLiteral("%1  %2").arg(c.number, c.title);
    if (c.overdue)
        lines << tr("Overdue: the deadline was %1.").arg(shortTime(c.nextDue));
    else if (c.nextDue.isValid())
        lines << tr("Next deadline: %1").arg(shortTime(c.nextDue));
    if (c.onHold)
        lines << tr("On hold.");
    if (c.escalated)
        lines << tr("Escalated to the city platform.");
    if (c.pendingSync)
        lines << tr("Has changes not yet accepted by the district server.");
    if (column == Departments && !c.departments.isEmpty())
        lines << tr("Departments: %1").arg(departmentsText(c));
    return lines.join(QLatin1Char('\n'));
}

QVariant CaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CaseSummary &c = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Number: return c.number;
        case Title: return c.title;
        case Status: {
            QString text = caseStatusDisplayName(c.status);
            if (c.onHold)
                text = tr("%1 · on hold").arg(text);
            if (c.escalated)
                text = tr("%1 · escalated").arg(text);
            return text;
        }
        case Category: return CategoryCatalog::builtin().nameOf(c.categoryId);
        case Street: return OrgDirectory::builtin().nameOf(c.streetId);
        case Urgency: return urgencyDisplayName(c.urgency);
        case Departments: return departmentsText(c);
        case Registered: return shortTime(c.registeredAt);
        case NextDue: return shortTime(c.nextDue);  // overdue shows as red, bold, an icon and the tooltip
        case SyncMark: return QString();  // the icon says it; the tooltip explains
        }
        break;
    case Qt::DecorationRole:
        if (column == Number && c.overdue)
            return Icons::overdue();
        if (column == SyncMark && c.pendingSync)
            return Icons::pendingSync();
        if (column == NextDue && c.overdue)
            return Icons::overdue();
        break;
    case Qt::BackgroundRole:
        if (c.overdue)
            return QBrush(OverdueBackground);
        break;
    case Qt::ForegroundRole:
        if (c.overdue && (column == NextDue || column == Number))
            return QBrush(OverdueText);
        if (column == Urgency && c.urgency == gw::Urgency::Critical)
            return QBrush(OverdueText);
        break;
    case Qt::FontRole:
        if (c.overdue && column == NextDue) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::ToolTipRole:
        return tooltip(c, column);
    case CaseIdRole:
        return c.id;
    case OverdueRole:
        return c.overdue;
    case StatusRole:
        return caseStatusToString(c.status);
    case PendingSyncRole:
        return c.pendingSync;
    }
    return {};
}

QVariant CaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Number: return tr("Number");
        case Title: return tr("Title");
        case Status: return tr("Status");
        case Category: return tr("Category");
        case Street: return tr("Street");
        case Urgency: return tr("Urgency");
        case Departments: return tr("Departments");
        case Registered: return tr("Registered");
        case NextDue: return tr("Next deadline");
        case SyncMark: return tr("Sync");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (section == Number || section == Registered || section == NextDue)
            return tr("Click to sort by this column");
        if (section == SyncMark)
            return tr("Marks cases with changes not yet accepted by the district server");
    }
    return {};
}

} // namespace gw

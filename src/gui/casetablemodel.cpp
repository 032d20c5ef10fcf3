#include "casetablemodel.h"
#include "caselistreader.h"
#include "casestore.h"
#include "categorycatalog.h"
#include "formvalidation.h"
#include "icons.h"
#include "orgdirectory.h"
#include "stepclock.h"
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QThread>

namespace gw {

namespace {

// District time (UTC+8), like the detail pane and the timeline, whatever the desktop's own zone is.
QString shortTime(const QDateTime &t)
{
    return FormValidation::displayTime(t);
}

const QColor OverdueBackground(0xfd, 0xe2, 0xe1);
const QColor OverdueText(0xb7, 0x1c, 0x1c);

} // namespace

CaseTableModel::CaseTableModel(CaseStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
}

CaseTableModel::~CaseTableModel()
{
    stopBackgroundWork();
    for (QThread *worker : std::as_const(m_workers))
        worker->wait();  // at most one count or key walk; their results are dropped
    qDeleteAll(m_workers);
}

void CaseTableModel::setFilter(const CaseFilter &filter)
{
    m_filter = filter;
    reload(false);
}

void CaseTableModel::setMatchesNothing(bool nothing)
{
    if (m_matchesNothing == nothing)
        return;
    m_matchesNothing = nothing;
    reload(false);
}

void CaseTableModel::setPageSize(int rows)
{
    m_pageSize = qBound(10, rows, 5000);
}

QString CaseTableModel::totalCountText() const
{
    return isTotalExact() ? QLocale().toString(m_total) : tr("%1+").arg(QLocale().toString(m_countCap));
}

int CaseTableModel::loadedCount() const
{
    int rows = 0;
    for (const QList<CaseSummary> &p : std::as_const(m_pages))
        rows += int(p.size());
    return rows;
}

void CaseTableModel::refresh()
{
    reload(true);
}

void CaseTableModel::stopBackgroundWork()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    ++m_generation;
    // Workers that are done can go; running ones see the cancel flag (a count runs to its end).
    for (auto it = m_workers.begin(); it != m_workers.end();) {
        if ((*it)->isFinished()) {
            delete *it;
            it = m_workers.erase(it);
        } else {
            ++it;
        }
    }
}

void CaseTableModel::reload(bool keepLength)
{
    const int previousLength = m_rowCount;
    beginResetModel();
    stopBackgroundWork();
    m_pages.clear();
    m_recentPages.clear();
    m_knownKeys.clear();
    m_anchorCount = 0;
    m_filter.now = QDateTime::currentDateTimeUtc();  // "overdue" means overdue as of this reading
    const bool canQuery = !m_matchesNothing && m_store && m_store->isOpen();
    // Cheap at any size: stops after countCap + 1 rows.
    const int counted = canQuery ? m_store->countCases(m_filter, m_countCap + 1) : 0;
    if (counted <= m_countCap) {
        m_total = counted;
        m_rowCount = counted;
    } else {
        m_total = -1;
        // A refresh keeps the list as long as it was so the view does not jump while the new count runs.
        m_rowCount = keepLength ? qMax(counted, previousLength) : counted;
    }
    if (canQuery && m_rowCount > 0)
        page(0);  // the first screen is there before the view asks
    endResetModel();
    const bool needAnchors = canQuery && m_rowCount > 2 * m_anchorStep;
    if (canQuery && (m_total < 0 || needAnchors))
        startBackgroundWork(m_total < 0, needAnchors || m_total < 0);
    emit totalCountChanged(totalCount());
}

void CaseTableModel::startBackgroundWork(bool needCount, bool needAnchors)
{
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const QString path = m_store->path();
    const CaseFilter filter = m_filter;
    const int generation = m_generation;
    const int step = m_anchorStep;
    // The destructor waits for workers, so `self` outlives them; an event posted to it is dropped if it goes.
    CaseTableModel *self = this;
    QThread *worker = QThread::create([=] {
        QString error;
        const bool opened = CaseListReader::withReadOnlyConnection(path, [&](const CaseListReader &reader) {
            if (needCount) {
                const int total = reader.count(filter);
                if (!cancel->load())
                    QMetaObject::invokeMethod(self, [self, generation, total] {
                        self->countArrived(generation, total);
                    }, Qt::QueuedConnection);
            }
            if (needAnchors && !cancel->load()) {
                bool cancelled = false;
                const QList<CaseListKey> keys = reader.sampleKeys(filter, step, cancel.get(), &cancelled);
                if (!cancelled)
                    QMetaObject::invokeMethod(self, [self, generation, keys] {
                        self->anchorsArrived(generation, keys);
                    }, Qt::QueuedConnection);
            }
        }, &error);
        if (!opened)
            qWarning("CaseTableModel: cannot read %s in the background: %s", qPrintable(path), qPrintable(error));
    });
    m_workers.append(worker);
    worker->start(QThread::LowPriority);
}

void CaseTableModel::countArrived(int generation, int total)
{
    if (generation != m_generation)
        return;
    m_total = total;
    if (total > m_rowCount) {
        beginInsertRows({}, m_rowCount, total - 1);
        m_rowCount = total;
        endInsertRows();
    } else if (total < m_rowCount) {
        beginRemoveRows({}, total, m_rowCount - 1);
        m_rowCount = total;
        endRemoveRows();
    }
    emit totalCountChanged(m_total);
}

void CaseTableModel::anchorsArrived(int generation, const QList<CaseListKey> &keys)
{
    if (generation != m_generation)
        return;
    for (int i = 0; i < keys.size(); ++i)
        m_knownKeys.insert((i + 1) * m_anchorStep - 1, keys.at(i));
    m_anchorCount = int(keys.size());
    emit anchorsReady(m_anchorCount);
}

const QList<CaseSummary> *CaseTableModel::page(int index) const
{
    if (index < 0 || !m_store || !m_store->isOpen() || m_matchesNothing)
        return nullptr;
    auto found = m_pages.find(index);
    if (found != m_pages.end()) {
        m_recentPages.removeOne(index);
        m_recentPages.append(index);
        return &found.value();
    }
    // Continue after the nearest row before this page whose key is known; from the top when none is.
    const int first = index * m_pageSize;
    CaseListKey after;
    int skip = first;
    auto known = m_knownKeys.lowerBound(first);
    if (known != m_knownKeys.begin()) {
        --known;
        after = known.value();
        skip = first - known.key() - 1;
    }
    QList<CaseSummary> rows = m_store->listCasesAfter(m_filter, after, skip, m_pageSize);
    if (!rows.isEmpty())
        m_knownKeys.insert(first + int(rows.size()) - 1, CaseListKey::of(rows.constLast(), m_filter.sort));
    constexpr int keptPages = 64;  // memory stays bounded however far the user scrolls
    while (m_recentPages.size() >= keptPages)
        m_pages.remove(m_recentPages.takeFirst());
    m_recentPages.append(index);
    return &m_pages.insert(index, rows).value();
}

QString CaseTableModel::caseIdAt(int row) const
{
    const CaseSummary *c = summaryAt(row);
    return c ? c->id : QString();
}

int CaseTableModel::rowOfCase(const QString &caseId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it)
        for (int i = 0; i < it.value().size(); ++i)
            if (it.value().at(i).id == caseId)
                return it.key() * m_pageSize + i;
    return -1;
}

const CaseSummary *CaseTableModel::summaryAt(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return nullptr;
    const QList<CaseSummary> *rows = page(row / m_pageSize);
    const int at = row % m_pageSize;
    return rows && at < rows->size() ? &rows->at(at) : nullptr;  // short when the store shrank meanwhile
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
    reload(false);
}

int CaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int CaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool CaseTableModel::canFetchMore(const QModelIndex &parent) const
{
    // Only while the exact count runs: the list then grows a page at a time past the capped count.
    return !parent.isValid() && m_total < 0;
}

void CaseTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const int index = m_rowCount / m_pageSize;
    const QList<CaseSummary> *rows = page(index);
    const int end = index * m_pageSize + (rows ? int(rows->size()) : 0);
    if (end > m_rowCount) {
        beginInsertRows({}, m_rowCount, end - 1);
        m_rowCount = end;
        endInsertRows();
    }
    if (!rows || rows->size() < m_pageSize) {
        // Reached the end before the count did: this is the count.
        stopBackgroundWork();
        m_total = m_rowCount;
        emit totalCountChanged(m_total);
    }
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

// The center's or street's step whose clock is the next deadline (StepClock). In "approved" with departments
// still at work theirs may come first, so no step is named there.
static CaseStep dueStep(const CaseSummary &c)
{
    if (!c.nextDue.isValid() || (c.status == CaseStatus::Approved && !c.departments.isEmpty()))
        return CaseStep::None;
    return StepClock::stepFor(c.status);
}

QVariant CaseTableModel::tooltip(const CaseSummary &c, int column) const
{
    QStringList lines;
    lines << QStringLiteral("%1  %2").arg(c.number, c.title);
    if (c.overdue)
        lines << tr("Overdue: the deadline was %1.").arg(shortTime(c.nextDue));
    else if (c.nextDue.isValid())
        lines << tr("Next deadline: %1").arg(shortTime(c.nextDue));
    if (const CaseStep step = dueStep(c); step != CaseStep::None)
        lines << tr("Step: %1").arg(StepClock::displayName(step));
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
    if (!index.isValid())
        return {};
    const CaseSummary *row = summaryAt(index.row());
    if (!row)
        return {};
    const CaseSummary &c = *row;
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
        case Urgency: return urgencyDisplayName(c.urgency).text();
        case Departments: return departmentsText(c);
        case Registered: return shortTime(c.registeredAt);
        case NextDue: {  // overdue shows as red, bold, an icon and the tooltip
            const CaseStep step = dueStep(c);
            return step == CaseStep::None ? shortTime(c.nextDue)
                                          : QStringLiteral("%1 · %2").arg(shortTime(c.nextDue), StepClock::displayName(step));
        }
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

#include "casestore.h"
#include "attachmentstore.h"
#include "caselistreader.h"
#include "caselog.h"
#include "localdatabase.h"
#include "phrasestore.h"
#include "searchtext.h"
#include "storerows.h"
#include "syncjournal.h"
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

CaseStore::CaseStore(QObject *parent, const Workflow &workflow)
    : QObject(parent),
      m_db(std::make_unique<LocalDatabase>()),
      m_log(std::make_unique<CaseLog>(*m_db, workflow)),
      m_journal(std::make_unique<SyncJournal>(*m_db, *m_log)),
      m_attachments(std::make_unique<AttachmentStore>(*m_db)),
      m_phrases(std::make_unique<PhraseStore>(*m_db))
{
    // Sync writes cases too: one signal for every change, whoever made it.
    connect(m_journal.get(), &SyncJournal::casesChanged, this, &CaseStore::casesChanged);
}

CaseStore::~CaseStore() { close(); }

bool CaseStore::isOpen() const { return m_db->isOpen(); }
QString CaseStore::path() const { return m_db->path(); }
QString CaseStore::deviceId() const { return m_db->deviceId(); }
QString CaseStore::connectionName() const { return m_db->connectionName(); }
SyncJournal &CaseStore::journal() { return *m_journal; }
const SyncJournal &CaseStore::journal() const { return *m_journal; }
AttachmentStore &CaseStore::attachments() { return *m_attachments; }
const AttachmentStore &CaseStore::attachments() const { return *m_attachments; }
PhraseStore &CaseStore::phrases() { return *m_phrases; }
const PhraseStore &CaseStore::phrases() const { return *m_phrases; }

Result CaseStore::open(const QString &path)
{
    close();
    const Result r = openFile(path);
    if (!r.ok)
        close();
    return r;
}

void CaseStore::close()
{
    m_log->reset();  // its statements must be gone before the connection is removed
    m_db->close();
}

Result CaseStore::openFile(const QString &path)
{
    Result r = m_db->open(path);
    if (!r.ok || !(r = m_log->prepare()).ok || !(r = m_phrases->retireSeededDefaults()).ok)
        return r;
    // The search index follows SearchText's format; a file indexed in another format is re-indexed once.
    const int format = m_db->metaValue(QStringLiteral("search_format"), &r).toInt();
    if (!r.ok)
        return r;
    if (format != SearchText::Format) {
        if (format != 0 || countCases(CaseFilter()) > 0) {
            if (!(r = rebuildSearchIndex()).ok)
                return r;
        }
        r = m_db->setMetaValue(QStringLiteral("search_format"), QString::number(SearchText::Format),
                               tr("rebuilding the search index"));
    }
    // After the search index: a rebuild removes each case's old index entry by the text it was indexed with.
    return r.ok ? upgradeProjections() : r;
}

Result CaseStore::upgradeProjections()
{
    Result r;
    if (m_db->metaValue(QStringLiteral("projection_format"), &r).toInt() >= CaseRecord::ProjectionFormat || !r.ok)
        return r;
    // Cases stored by an older program lack what apply() projects now (step clocks): rebuilt from their events
    // once, local actions re-sealed as on any rebuild.
    QStringList ids;
    {
        QSqlQuery q(m_db->database());
        q.setForwardOnly(true);
        // Only cases whose chain is here from its registration on: a projection without its events (kept from
        // an earlier purge or import) cannot be replayed and stays as it is.
        if (!q.exec(QStringLiteral("SELECT id FROM cases c WHERE EXISTS"
                                   " (SELECT 1 FROM events e WHERE e.case_id = c.id AND e.case_seq = 1)")))
            return LocalDatabase::writeFailure(tr("upgrading the stored cases"), q.lastError().text());
        while (q.next())
            ids.append(q.value(0).toString());
    }
    if (!(r = m_log->begin()).ok)
        return r;
    for (const QString &id : std::as_const(ids)) {
        if (!(r = m_log->rebuildCase(id)).ok) {
            m_log->rollback();
            return r;
        }
    }
    if (!(r = m_db->setMetaValue(QStringLiteral("projection_format"), QString::number(CaseRecord::ProjectionFormat),
                                 tr("upgrading the stored cases")))
             .ok) {
        m_log->rollback();
        return r;
    }
    return m_log->commit();
}

Result CaseStore::append(CaseEvent &event)
{
    QList<CaseEvent> one{event};
    const Result r = appendBatch(one);
    if (r.ok)
        event = one.constFirst();
    return r;
}

Result CaseStore::appendBatch(QList<CaseEvent> &events, int *failedIndex)
{
    if (failedIndex)
        *failedIndex = -1;
    if (!isOpen())
        return LocalDatabase::notOpen();
    if (events.isEmpty())
        return Result::success();
    QList<CaseEvent> work = events;  // the caller's events stay untouched when the batch is refused
    Result r = m_log->begin();
    if (!r.ok)
        return r;
    QStringList changed;
    r = m_log->appendLocal(work, failedIndex, &changed);
    if (!r.ok) {
        m_log->rollback();
        return r;
    }
    r = m_log->commit();
    if (!r.ok)
        return r;
    events = work;
    Q_EMIT casesChanged(changed);
    return Result::success();
}

std::optional<CaseRecord> CaseStore::caseById(const QString &caseId) const
{
    return isOpen() ? m_log->caseById(caseId) : std::nullopt;
}

QList<CaseEvent> CaseStore::eventsOf(const QString &caseId) const
{
    QList<CaseEvent> out;
    if (!isOpen())
        return out;
    QSqlQuery q(m_db->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM events WHERE case_id = ? ORDER BY case_seq").arg(StoreRows::columns()));
    q.addBindValue(caseId);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(StoreRows::eventFromRow(q));
    return out;
}

bool CaseStore::containsEvent(const QString &eventId) const
{
    if (!isOpen())
        return false;
    QSqlQuery q(m_db->database());
    q.prepare(QStringLiteral("SELECT 1 FROM events WHERE id = ?"));
    q.addBindValue(eventId);
    return q.exec() && q.next();
}

QList<CaseSummary> CaseStore::listCases(const CaseFilter &filter, int offset, int limit) const
{
    return listCasesAfter(filter, CaseListKey(), offset, limit);
}

QList<CaseSummary> CaseStore::listCasesAfter(const CaseFilter &filter, const CaseListKey &after, int skip,
                                             int limit) const
{
    return isOpen() ? CaseListReader(connectionName()).list(filter, after, skip, limit) : QList<CaseSummary>();
}

int CaseStore::countCases(const CaseFilter &filter, int upTo) const
{
    return isOpen() ? CaseListReader(connectionName()).count(filter, upTo) : 0;
}

Result CaseStore::rebuildSearchIndex()
{
    return isOpen() ? m_log->rebuildSearchIndex() : LocalDatabase::notOpen();
}

} // namespace gw

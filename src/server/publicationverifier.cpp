#include "publicationverifier.h"
#include "administrativelog.h"
#include "adminlogentry.h"
#include "districtassessment.h"
#include "protocol/referenceset.h"
#include "ruleshistory.h"
#include "serverstore.h"
#include <QJsonDocument>
#include <algorithm>

namespace gw {

template <typename Data>
void PublicationVerifier::loadVersions(const ServerStore &store, const QString &kind, std::map<int, std::unique_ptr<Data>> *out)
{
    // Version 0: what the program shipped (a server that stored none yet).
    out->emplace(0, std::make_unique<Data>(Data::shipped()));
    for (const ReferenceSet &set : store.reference().allVersions(kind)) {
        auto data = std::make_unique<Data>();
        const Result loaded = data->load(set.body);
        if (!loaded.ok) {
            m_versionProblems << tr("version %1 of the %2 does not load: %3").arg(set.version).arg(ReferenceSet::displayName(kind), loaded.message);
            continue;
        }
        out->emplace(set.version, std::move(data));
    }
}

template <typename Data>
const Data *PublicationVerifier::versionOf(const std::map<int, std::unique_ptr<Data>> &versions, int version)
{
    const auto it = versions.find(version);
    return it == versions.end() ? nullptr : it->second.get();
}

PublicationVerifier::PublicationVerifier(const ServerStore &store)
{
    const Result read = store.publications().rows(&m_rows);
    if (!read.ok)
        m_readError = read.message;
    if (m_rows.isEmpty())
        return;
    loadVersions(store, ReferenceSet::Org, &m_orgs);
    loadVersions(store, ReferenceSet::Calendar, &m_calendars);
    loadVersions(store, ReferenceSet::Indicators, &m_schedules);
    for (const PublicationStore::Row &row : std::as_const(m_rows))
        if (row.readable)
            groupFor(row.publication);
}

PublicationVerifier::~PublicationVerifier() = default;

PublicationVerifier::Group *PublicationVerifier::groupFor(const MonthPublication &p)
{
    const int org = p.versions.value(ReferenceSet::Org);
    const int calendar = p.versions.value(ReferenceSet::Calendar);
    for (const auto &g : m_groups)
        if (g->cutoff == p.cutoffSeq && g->org == org && g->calendar == calendar)
            return g.get();
    const OrgDirectory *orgData = versionOf(m_orgs, org);
    const WorkCalendar *calendarData = versionOf(m_calendars, calendar);
    if (!orgData || !calendarData)
        return nullptr;
    auto g = std::make_unique<Group>();
    g->cutoff = p.cutoffSeq;
    g->org = org;
    g->calendar = calendar;
    g->facts = std::make_unique<AssessmentFacts>(*orgData, *calendarData);
    m_groups.push_back(std::move(g));
    return m_groups.back().get();
}

void PublicationVerifier::addCase(const QList<CaseEvent> &events, const CaseRecord &replayed, RulesHistory &rules)
{
    if (events.isEmpty())
        return;
    for (const auto &g : m_groups) {
        if (events.constLast().serverSeq <= g->cutoff) {
            g->facts->addCase(replayed);
            continue;
        }
        // The case as it stood at the cut-off: its events up to it (a chain's server_seq only grows).
        QList<CaseEvent> prefix;
        for (const CaseEvent &e : events)
            if (e.serverSeq <= g->cutoff)
                prefix.append(e);
        if (prefix.isEmpty())
            continue;  // registered after the cut-off
        CaseRecord then;
        if (rules.replay(prefix, &then).ok)
            g->facts->addCase(then);
    }
}

// Everything the row holds is what the log entry written with it says (entries from before publishedAt and
// publishedByName were logged are compared on the rest).
bool PublicationVerifier::agreesWithLog(const PublicationStore::Row &row, const AdminLogEntry &entry)
{
    const MonthPublication &p = row.publication;
    const QJsonObject &d = entry.details;
    QJsonObject versions;
    for (auto it = p.versions.cbegin(); it != p.versions.cend(); ++it)
        versions.insert(it.key(), it.value());
    auto sameIfLogged = [&d](const char *key, const QString &stored) {
        return !d.contains(QLatin1String(key)) || d.value(QLatin1String(key)).toString() == stored;
    };
    return d.value(QStringLiteral("resultHash")).toString() == row.storedHash
        && qint64(d.value(QStringLiteral("cutoffSeq")).toDouble()) == p.cutoffSeq
        && d.value(QStringLiteral("reason")).toString() == p.reason && entry.actor == p.publishedBy
        && d.value(QStringLiteral("versions")).toObject() == versions
        && sameIfLogged("publishedAt", CaseEvent::timeToString(p.publishedAt))
        && sameIfLogged("publishedByName", p.publishedByName);
}

QList<PublicationVerifier::Finding> PublicationVerifier::check(const AdministrativeLog &log) const
{
    QList<Finding> findings;
    if (!m_readError.isEmpty()) {
        findings.append({QString(), tr("the published months cannot be read: %1").arg(m_readError)});
        return findings;
    }
    for (const Message &problem : m_versionProblems)
        findings.append({QString(), problem});
    const QList<AdminLogEntry> entries = log.withAction(AdminLogEntry::MonthPublished);
    // A revision the log recorded must still be stored: a deleted correction would quietly bring back the one before.
    for (const AdminLogEntry &e : entries) {
        const int revision = e.details.value(QStringLiteral("revision")).toInt();
        const bool stored = std::any_of(m_rows.cbegin(), m_rows.cend(), [&](const PublicationStore::Row &row) {
            return row.publication.month == e.subject && row.publication.revision == revision;
        });
        if (!stored)
            findings.append({tr("%1 revision %2").arg(e.subject).arg(revision).text(),
                             tr("the administrative log records this publication (entry #%1) but it is no longer stored.")
                                 .arg(e.seq)});
    }
    for (const PublicationStore::Row &row : m_rows) {
        const MonthPublication &p = row.publication;
        const QString name = tr("%1 revision %2").arg(p.month).arg(p.revision).text();
        auto add = [&](const Message &m) { findings.append({name, m}); };
        if (AssessmentResultJson::hashOf(row.resultText) != row.storedHash)
            add(tr("the stored results do not match their hash: they were changed after publication."));
        const AdminLogEntry *entry = nullptr;
        for (const AdminLogEntry &e : entries)
            if (e.subject == p.month && e.details.value(QStringLiteral("revision")).toInt() == p.revision)
                entry = &e;
        if (!entry)
            add(tr("the administrative log has no entry for this publication."));
        else if (!agreesWithLog(row, *entry))
            add(tr("the stored publication differs from what the administrative log recorded when it was published."));
        if (!row.readable) {
            add(tr("the stored publication cannot be read (%1).").arg(row.why));
            continue;
        }
        const Group *group = nullptr;
        for (const auto &g : m_groups)
            if (g->cutoff == p.cutoffSeq && g->org == p.versions.value(ReferenceSet::Org)
                && g->calendar == p.versions.value(ReferenceSet::Calendar))
                group = g.get();
        const IndicatorSchedule *schedule = versionOf(m_schedules, p.versions.value(ReferenceSet::Indicators));
        if (!group || !schedule) {
            add(tr("it names reference data versions the server does not hold (org %1, calendar %2, indicators %3).")
                    .arg(p.versions.value(ReferenceSet::Org))
                    .arg(p.versions.value(ReferenceSet::Calendar))
                    .arg(p.versions.value(ReferenceSet::Indicators)));
            continue;
        }
        const AssessmentResult recomputed = DistrictAssessment::assess(*group->facts, *schedule, p.month, p.result.asOf);
        QString where;
        const QJsonObject stored = QJsonDocument::fromJson(row.resultText).object();
        if (!AssessmentResultJson::sameFigures(stored, AssessmentResultJson::toJson(recomputed), &where))
            add(tr("recomputed from the case events up to server sequence %1, the results differ at %2.")
                    .arg(p.cutoffSeq).arg(where));
    }
    return findings;
}

} // namespace gw

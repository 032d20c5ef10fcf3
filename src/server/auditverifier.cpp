#include "auditverifier.h"
#include "publicationverifier.h"
#include "ruleshistory.h"
#include "auditchain.h"
#include "caserecord.h"
#include "eventlogreader.h"
#include "serveroptions.h"
#include "serversettingsfile.h"
#include "serverstore.h"
#include "workflow.h"
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QUrl>
#include <cstdio>

namespace gw {

namespace {

// One stored row of the events table, with the event parsed from its body (what the hash covers).
struct StoredEvent {
    qint64 serverSeq = 0;
    QString id;
    int caseSeq = 0;
    QByteArray hash;
    CaseEvent event;
    bool readable = false;
    Message why;
};

struct StoredCase {
    QString number;
    int caseSeq = 0;
    QByteArray lastHash;
    QByteArray state;
};

} // namespace

QString AuditVerifier::Report::text() const
{
    QList<Message> lines;
    if (!error.isEmpty()) {
        lines << AuditVerifier::tr("Cannot verify the audit trail: %1").arg(error);
        return Message::lines(lines).text() + u'\n';
    }
    lines << AuditVerifier::tr("Checked %1 events of %2 cases and %3 administrative log entries.")
                 .arg(events).arg(cases).arg(adminEntries);
    if (publications > 0)
        lines << AuditVerifier::tr("Recomputed %n published month(s) from the case events.", nullptr, publications);
    for (const Finding &f : findings) {
        Message where = !f.publication.isEmpty() ? AuditVerifier::tr("published assessment %1").arg(f.publication)
                        : f.inAdminLog           ? AuditVerifier::tr("administrative log")
                        : f.caseId.isEmpty()     ? AuditVerifier::tr("event log")
                        : f.caseNumber.isEmpty() ? AuditVerifier::tr("case %1").arg(f.caseId)
                                                 : AuditVerifier::tr("case %1 (%2)").arg(f.caseNumber, f.caseId);
        if (!f.eventId.isEmpty())
            where = Message(QStringLiteral("%1%2")).arg(where, AuditVerifier::tr(", event %1").arg(f.eventId));
        if (f.serverSeq > 0)
            where = Message(QStringLiteral("%1%2")).arg(where, AuditVerifier::tr(", server sequence %1").arg(f.serverSeq));
        lines << AuditVerifier::tr("TAMPERED: %1: %2").arg(where, f.message);
    }
    lines << (findings.isEmpty() ? AuditVerifier::tr("The audit trail is intact.")
                                 : AuditVerifier::tr("The audit trail has been tampered with: %1 finding(s).").arg(findings.size()));
    return Message::lines(lines).text() + u'\n';
}

AuditVerifier::Report AuditVerifier::verify(const ServerStore &store)
{
    Report report;
    const EventLogReader log(store);
    RulesHistory rules(store.reference());
    PublicationVerifier publications(store);
    QHash<QString, StoredCase> cases;
    {
        QList<EventLogReader::CaseRow> rows;
        const Result read = log.cases(&rows);
        if (!read.ok) {
            report.error = read.message;
            return report;
        }
        for (const EventLogReader::CaseRow &row : std::as_const(rows))
            cases.insert(row.id, {row.number, row.caseSeq, row.lastHash, row.state});
    }
    report.cases = int(cases.size());

    // Read in case order, one case at a time, so memory stays bounded by the largest case.
    QList<qint64> serverSeqs;
    QSet<QString> casesWithEvents;
    QString currentCase;
    QList<StoredEvent> rows;
    auto finishCase = [&]() {
        if (currentCase.isEmpty())
            return;
        casesWithEvents.insert(currentCase);
        const StoredCase stored = cases.value(currentCase);
        auto add = [&](const StoredEvent *row, const Message &message) {
            report.findings.append({currentCase, stored.number, row ? row->id : QString(), row ? row->serverSeq : 0, message});
        };
        QList<CaseEvent> events;
        bool allReadable = true;
        for (const StoredEvent &row : std::as_const(rows)) {
            if (!row.readable) {
                add(&row, tr("the stored event cannot be read (%1).").arg(row.why));
                allReadable = false;
                continue;
            }
            if (row.event.id != row.id || row.event.caseId != currentCase || row.event.caseSeq != row.caseSeq
                || row.event.hash != row.hash)
                add(&row, tr("the stored columns (id, case, position, hash) disagree with the event body."));
            events.append(row.event);
        }
        if (!allReadable)
            return;
        const AuditChain::Report chain = AuditChain::verify(events);
        if (!chain.ok()) {
            const StoredEvent *row = chain.index >= 0 && chain.index < rows.size() ? &rows.at(chain.index) : nullptr;
            add(row, chain.message);
            return;
        }
        if (!cases.contains(currentCase)) {
            add(nullptr, tr("events exist for a case that has no case record."));
            return;
        }
        // The chain alone cannot show that its last events were removed; the projection remembers its end.
        if (stored.caseSeq != events.size() || stored.lastHash != events.constLast().hash) {
            add(nullptr, tr("the case record ends at position %1 but the stored chain has %2 events (events removed "
                            "or added after the last one).").arg(stored.caseSeq).arg(events.size()));
            return;
        }
        // Each event under the rules in force when the server took it: the step clocks it started were computed with
        // those, whatever the rules say today.
        CaseRecord replayed;
        const Result replay = rules.replay(events, &replayed);
        if (replay.ok)
            publications.addCase(events, replayed, rules);
        if (!replay.ok)
            add(nullptr, tr("the events do not replay: %1").arg(replay.message));
        else if (replayed.toJson() != CaseRecord::fromJson(QJsonDocument::fromJson(stored.state).object()).toJson())
            add(nullptr, tr("the stored case state differs from the state its events produce."));
    };
    const Result read = log.forEachEvent([&](const EventLogReader::EventRow &stored) {
        StoredEvent row;
        row.serverSeq = stored.serverSeq;
        row.id = stored.id;
        const QString &caseId = stored.caseId;
        row.caseSeq = stored.caseSeq;
        row.hash = stored.hash;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(stored.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            row.why = tr("not a JSON object");
        else
            row.readable = CaseEvent::fromJson(doc.object(), &row.event, &row.why);
        if (row.readable)
            row.event.serverSeq = row.serverSeq;
        if (caseId != currentCase) {
            finishCase();
            currentCase = caseId;
            rows.clear();
        }
        rows.append(row);
        serverSeqs.append(row.serverSeq);
        ++report.events;
    });
    if (!read.ok) {
        report.error = read.message;
        return report;
    }
    finishCase();

    for (auto it = cases.cbegin(); it != cases.cend(); ++it)
        if (!casesWithEvents.contains(it.key()))
            report.findings.append({it.key(), it->number, {}, 0, tr("the case record exists but all its events are gone.")});
    // server_seq is handed out one by one in the push transaction: a gap means a stored event was deleted.
    std::sort(serverSeqs.begin(), serverSeqs.end());
    qint64 expected = 1;
    for (qint64 seq : std::as_const(serverSeqs)) {
        if (seq > expected)
            report.findings.append({{}, {}, {}, expected,
                                    tr("the global event log has no event at server sequence %1 to %2 (deleted).")
                                        .arg(expected).arg(seq - 1)});
        expected = seq + 1;
    }
    const AdminLogEntry::Report admin = store.adminLog().verify(&report.adminEntries);
    if (!admin.ok())
        report.findings.append({{}, {}, {}, 0, admin.message, true});
    report.publications = publications.publicationCount();
    for (const PublicationVerifier::Finding &f : publications.check(store.adminLog()))
        report.findings.append({{}, {}, {}, 0, f.message, false, f.publication.isEmpty() ? tr("(all)").text() : f.publication});
    return report;
}

int AuditVerifier::runCommand(const QStringList &arguments)
{
    QStringList args = arguments;
    if (args.size() > 1 && args.at(1) == QLatin1String("verify"))
        args.removeAt(1);
    ServerOptions options;
    QString error;
    QStringList expanded;
    // The same settings as the server itself (--config FILE, GW_* environment), so one settings file serves both.
    if (!ServerSettingsFile::expand(args, QProcessEnvironment::systemEnvironment(), &expanded, &error)
        || !ServerOptions::parse(expanded, &options, &error)) {
        std::fprintf(stderr, "gridwhistle-server verify: %s\n%s\n", qPrintable(error),
                     qPrintable(tr("Usage: gridwhistle-server verify --data-dir DIR [--database URL] [--config FILE]").text()));
        return 2;
    }
    ServerStore store;
    Result opened;
    if (!options.databaseUrl.isEmpty()) {
        opened = store.openPostgres(QUrl(options.databaseUrl));
    } else {
        const QString file = QDir(options.dataDir).filePath(QStringLiteral("server.sqlite"));
        // Opening would create an empty database; a missing file is an operator error, not an intact trail.
        if (!QFileInfo::exists(file)) {
            std::fprintf(stderr, "gridwhistle-server verify: %s\n",
                         qPrintable(tr("There is no server database %1.").arg(file).text()));
            return 2;
        }
        opened = store.openSqlite(file);
    }
    if (!opened.ok) {
        std::fprintf(stderr, "gridwhistle-server verify: %s\n", qPrintable(opened.message.english()));
        return 2;
    }
    const Report report = verify(store);
    std::fputs(qPrintable(report.text()), stdout);
    std::fflush(stdout);
    if (!report.error.isEmpty())
        return 2;
    return report.intact() ? 0 : 1;
}

} // namespace gw

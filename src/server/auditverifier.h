#pragma once
#include "message.h"
#include <QList>
#include <QString>
#include <QStringList>
#include <QCoreApplication>

namespace gw {

class ServerStore;

// `gridwhistle-server verify`: checks the whole audit trail in the server database, independently of the running
// server. Per case: every stored row readable, its indexed columns agreeing with the event body, the hash chain
// intact (AuditChain::verify: tampered, missing, inserted or reordered events), the chain's end matching the
// case projection, and the projection equal to a replay of the events. Globally: server_seq without gaps (a
// deleted last event of a case leaves no other trace); the administrative log's hash chain (AdminLogEntry::verify);
// every published month recomputed from the events (PublicationVerifier).
class AuditVerifier
{
    GW_DECLARE_MESSAGES(gw::AuditVerifier)

public:
    struct Finding {
        QString caseId;
        QString caseNumber;
        QString eventId;      // empty when the finding is about the case as a whole
        qint64 serverSeq = 0; // 0 when not about one stored row
        Message message;
        bool inAdminLog = false;  // about the administrative log rather than a case
        QString publication = QString();  // about a published month ("2026-11 revision 2") rather than a case
    };
    struct Report {
        int cases = 0;
        qint64 events = 0;
        qint64 adminEntries = 0;
        int publications = 0;     // published months recomputed
        QList<Finding> findings;
        Message error;  // the database could not be read at all
        bool intact() const { return error.isEmpty() && findings.isEmpty(); }
        QString text() const;  // readable report for the operator
    };

    static Report verify(const ServerStore &store);

    // The subcommand: arguments as in argv, starting with the program name, "verify" already removed or not.
    // Returns the process exit code: 0 intact, 1 tampered, 2 usage or database error.
    static int runCommand(const QStringList &arguments);
};

} // namespace gw

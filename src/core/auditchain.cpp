#include "auditchain.h"
#include "jsonbytes.h"
#include <QCoreApplication>

namespace gw {

static Message tr(const char *text) { return Message::translate("gw::AuditChain", text); }

void AuditChain::seal(CaseEvent &event, int caseSeq, const QByteArray &prevHash)
{
    seal(event, caseSeq, prevHash, JsonBytes::payload(event.payload));
}

void AuditChain::seal(CaseEvent &event, int caseSeq, const QByteArray &prevHash, const QByteArray &payloadJson)
{
    event.caseSeq = caseSeq;
    event.prevHash = prevHash;
    // Byte for byte event.computeHash() (tst_jsonbytes), without building a QJsonObject per event.
    event.hash = JsonBytes::hash(event, payloadJson);
}

AuditChain::Report AuditChain::verify(const QList<CaseEvent> &events)
{
    QByteArray prev;
    for (int i = 0; i < events.size(); ++i) {
        const CaseEvent &e = events.at(i);
        auto report = [&](Problem p, const Message &msg) { return Report{p, i, msg}; };
        if (e.caseId != events.first().caseId)
            return report(Problem::WrongCase, tr("Event %1 belongs to another case.").arg(e.id));
        if (e.caseSeq != i + 1) {
            // Further ahead than expected: missing, unless the expected event stands later (then it was moved).
            bool expectedComesLater = false;
            for (int j = i + 1; j < events.size() && !expectedComesLater; ++j)
                expectedComesLater = events.at(j).caseSeq == i + 1;
            if (e.caseSeq > i + 1 && !expectedComesLater)
                return report(Problem::Missing, tr("Event #%1 is missing before event %2.").arg(i + 1).arg(e.id));
            return report(Problem::Reordered,
                          tr("Event %1 claims position #%2 but stands at #%3.").arg(e.id).arg(e.caseSeq).arg(i + 1));
        }
        if (JsonBytes::hash(e, JsonBytes::payload(e.payload)) != e.hash)
            return report(Problem::Tampered, tr("Event #%1 (%2) was changed after it was recorded.").arg(i + 1).arg(e.id));
        if (e.prevHash != prev)
            return report(Problem::BrokenLink, tr("Event #%1 does not follow the event before it.").arg(i + 1));
        prev = e.hash;
    }
    return {};
}

} // namespace gw

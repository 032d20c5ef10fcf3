#pragma once
#include "caseevent.h"
#include <QList>

namespace gw {

// The hash chain over one case's events: sealing new events and verifying a stored chain.
class AuditChain
{
public:
    enum class Problem { None, WrongCase, Missing, Reordered, BrokenLink, Tampered };
    struct Report {
        Problem problem = Problem::None;
        int index = -1;       // position in the list where the chain first breaks
        Message message;      // the explanation, for a person
        bool ok() const { return problem == Problem::None; }
    };

    // Puts the event at position `caseSeq` after `prevHash` and computes its hash.
    static void seal(CaseEvent &event, int caseSeq, const QByteArray &prevHash);
    // The same, reusing the payload already serialized (JsonBytes::payload) for storing the event.
    static void seal(CaseEvent &event, int caseSeq, const QByteArray &prevHash, const QByteArray &payloadJson);
    // Checks events given in stored order: contiguous caseSeq from 1, each linked to the one before,
    // each hash matching its content. Detects tampered, missing, inserted and reordered events.
    static Report verify(const QList<CaseEvent> &events);
};

} // namespace gw

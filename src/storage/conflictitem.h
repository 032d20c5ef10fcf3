#pragma once
#include "message.h"
#include "caseevent.h"

namespace gw {

// An offline action the server refused, kept with the server's reason until a person retries or discards it.
struct ConflictItem {
    CaseEvent event;        // the refused action as it was made
    QString code;           // server's error code, e.g. "invalid_state", "forbidden"
    Message reason;         // server's explanation, rendered in the UI language when shown
    QDateTime receivedAt;
    QString resolution;     // "" while open; "retried:<new event id>" or "discarded:<user>"
    QDateTime resolvedAt;
};

} // namespace gw

#pragma once
#include "caseevent.h"

namespace gw {

// An offline action the server refused, kept with the server's reason until a person retries or discards it.
struct ConflictItem {
    CaseEvent event;        // the refused action as it was made
    QString code;           // server's error code, e.g. "invalid_state", "forbidden"
    QString reason;         // server's explanation, shown to the user
    QDateTime receivedAt;
    QString resolution;     // "" while open; "retried:<new event id>" or "discarded:<user>"
    QDateTime resolvedAt;
};

} // namespace gw

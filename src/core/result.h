#pragma once
#include "message.h"

namespace gw {

// Outcome of a check: either ok, or a machine-readable code plus a sentence a person can act on.
struct Result {
    bool ok = true;
    QString code;     // stable identifier, e.g. "forbidden", "invalid_state", "invalid_input"
    Message message;  // for a person; rendered in the reader's language (text()), English in logs (english())
    // The input a refused value is about: the payload key ("title", "reporterPhone", "departments",
    // "attachments", ...), so a form marks the right field; empty when it is about the whole action.
    QString field;

    static Result success() { return {}; }
    static Result failure(const QString &code, const Message &message, const QString &field = QString())
    {
        return {false, code, message, field};
    }
    explicit operator bool() const { return ok; }
};

} // namespace gw

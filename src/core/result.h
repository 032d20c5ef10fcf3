#pragma once
#include <QString>

namespace gw {

// Outcome of a check: either ok, or a machine-readable code plus a sentence a person can act on.
struct Result {
    bool ok = true;
    QString code;     // stable identifier, e.g. "forbidden", "invalid_state", "invalid_input"
    QString message;  // translated, shown to the user

    static Result success() { return {}; }
    static Result failure(const QString &code, const QString &message) { return {false, code, message}; }
    explicit operator bool() const { return ok; }
};

} // namespace gw

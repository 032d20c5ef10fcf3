#pragma once
#include "adminlogentry.h"
#include "message.h"
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace gw {

// The answer to GET /api/v1/admin/log (docs/sync-protocol.md, "Administration"): the newest entries first, whether
// the whole chain verified on the server when it answered, and whether older entries remain (ask with before=seq).
class AdminLogPage
{
    GW_DECLARE_MESSAGES(gw::AdminLogPage)
public:
    QList<AdminLogEntry> entries;  // newest first
    qint64 total = 0;              // entries in the whole log
    bool hasMore = false;
    bool chainOk = true;
    Message chainMessage;          // why the chain is broken; empty when whole
    qint64 brokenSeq = 0;          // the first entry at fault; 0 when whole

    QJsonObject toJson() const;
    static bool fromJson(const QJsonObject &o, AdminLogPage *out, Message *error);
};

} // namespace gw

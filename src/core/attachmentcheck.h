#pragma once
#include "result.h"
#include <QByteArray>
#include <QStringList>

namespace gw {

// Checks on a file before it is stored as an attachment: a plain, safe name, an allowed type whose
// content matches its extension, and the size limit of the workflow. The one rule for the desktop client
// (local store, forms) and the district server (attachment upload), hence in core.
class AttachmentCheck
{
public:
    // Strips any folder part ("C:\photos\a.jpg" -> "a.jpg") and refuses names that climb folders (".."),
    // hide (leading dot), hold control characters or are too long.
    static Result cleanName(const QString &fileName, QString *cleaned);
    // For names that arrive from elsewhere (an upload, a descriptor pulled from the server): the name must
    // already be plain, i.e. cleanName would keep it as it is. Anything with a folder part is refused, not cut.
    static Result checkPlainName(const QString &fileName);
    // 64 lowercase hexadecimal digits: how attachments are named on the wire (SHA-256 of the content).
    static bool isSha256Hex(const QString &text);
    // Size limit, allowed extension, and content that looks like that type. Sets the MIME type.
    static Result checkContent(const QString &cleanedName, const QByteArray &data, QString *mime);
    static QStringList allowedExtensions();
};

} // namespace gw

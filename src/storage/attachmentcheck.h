#pragma once
#include "result.h"
#include <QByteArray>
#include <QStringList>

namespace gw {

// Checks on a file before it is stored as an attachment: a plain, safe name, an allowed type whose
// content matches its extension, and the size limit of the workflow.
class AttachmentCheck
{
public:
    // Strips any folder part ("C:\photos\a.jpg" -> "a.jpg") and refuses names that climb folders (".."),
    // hide (leading dot), hold control characters or are too long.
    static Result cleanName(const QString &fileName, QString *cleaned);
    // Size limit, allowed extension, and content that looks like that type. Sets the MIME type.
    static Result checkContent(const QString &cleanedName, const QByteArray &data, QString *mime);
    static QStringList allowedExtensions();
};

} // namespace gw

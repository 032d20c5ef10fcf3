#include "attachmentcheck.h"
#include "workflow.h"
#include <QCoreApplication>
#include <QHash>
#include <QStringDecoder>

namespace gw {

static Message tr(const char *text) { return Message::translate("gw::AttachmentCheck", text); }

// Every refusal here is about the form's attachment list.
static Result invalid(const Message &message)
{
    return Result::failure(QStringLiteral("invalid_input"), message, QStringLiteral("attachments"));
}

QStringList AttachmentCheck::allowedExtensions()
{
    return {QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("pdf"),
            QStringLiteral("doc"), QStringLiteral("docx"), QStringLiteral("xls"), QStringLiteral("xlsx"),
            QStringLiteral("txt")};
}

Result AttachmentCheck::cleanName(const QString &fileName, QString *cleaned)
{
    const QString shown = fileName.left(80);
    const QStringList parts = QString(fileName).replace(u'\\', u'/').split(u'/');
    for (const QString &part : parts)
        if (part.trimmed() == QLatin1String(".."))
            return invalid(tr("The file name \"%1\" points outside its folder.").arg(shown));
    const QString name = parts.constLast().trimmed();
    if (name.isEmpty())
        return invalid(tr("The attachment has no file name."));
    if (name.startsWith(u'.'))
        return invalid(tr("The file name \"%1\" must not start with a dot.").arg(shown));
    if (name.size() > 255)
        return invalid(tr("The file name is too long: %1 characters, at most 255.").arg(name.size()));
    for (QChar c : name)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u':' || c == u'*' || c == u'?' || c == u'"'
            || c == u'<' || c == u'>' || c == u'|')
            return invalid(tr("The file name \"%1\" contains characters a file name cannot have.").arg(shown));
    *cleaned = name;
    return Result::success();
}

Result AttachmentCheck::checkPlainName(const QString &fileName)
{
    QString cleaned;
    const Result r = cleanName(fileName, &cleaned);
    if (!r.ok)
        return r;
    if (cleaned != fileName)
        return invalid(tr("The file name \"%1\" must be a plain file name without a folder.").arg(fileName.left(80)));
    return Result::success();
}

bool AttachmentCheck::isSha256Hex(const QString &text)
{
    if (text.size() != 64)
        return false;
    for (QChar c : text)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

static bool startsWith(const QByteArray &data, const char *magic, int length)
{
    return data.size() >= length && memcmp(data.constData(), magic, size_t(length)) == 0;
}

static bool looksLikeText(const QByteArray &data)
{
    if (data.contains('\0'))
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);  // a cut-off sequence at the end is an error too
    const QString text = decoder(data);
    return !decoder.hasError() && !text.isNull();
}

Result AttachmentCheck::checkContent(const QString &name, const QByteArray &data, QString *mime)
{
    if (data.isEmpty())
        return invalid(tr("The file %1 is empty.").arg(name));
    if (data.size() > Workflow::MaxAttachmentBytes)
        return invalid(tr("The file %1 is %2 MB; attachments may be at most %3 MB.")
                           .arg(name)
                           .arg(double(data.size()) / (1024 * 1024), 0, 'f', 1)
                           .arg(Workflow::MaxAttachmentBytes / (1024 * 1024)));
    const int dot = name.lastIndexOf(u'.');
    const QString ext = dot < 0 ? QString() : name.mid(dot + 1).toLower();
    if (!allowedExtensions().contains(ext))
        return invalid(tr("Files of type \"%1\" cannot be attached; allowed are: %2.")
                           .arg(ext.isEmpty() ? name : ext, allowedExtensions().join(QStringLiteral(", "))));
    static const QHash<QString, QString> mimes{
        {QStringLiteral("jpg"), QStringLiteral("image/jpeg")},
        {QStringLiteral("jpeg"), QStringLiteral("image/jpeg")},
        {QStringLiteral("png"), QStringLiteral("image/png")},
        {QStringLiteral("pdf"), QStringLiteral("application/pdf")},
        {QStringLiteral("doc"), QStringLiteral("application/msword")},
        {QStringLiteral("docx"), QStringLiteral("application/vnd.openxmlformats-officedocument.wordprocessingml.document")},
        {QStringLiteral("xls"), QStringLiteral("application/vnd.ms-excel")},
        {QStringLiteral("xlsx"), QStringLiteral("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
        {QStringLiteral("txt"), QStringLiteral("text/plain")},
    };
    // The first bytes must match the extension: a renamed program or script is refused.
    bool matches = false;
    if (ext == QLatin1String("jpg") || ext == QLatin1String("jpeg"))
        matches = startsWith(data, "\xFF\xD8\xFF", 3);
    else if (ext == QLatin1String("png"))
        matches = startsWith(data, "\x89PNG\r\n\x1A\n", 8);
    else if (ext == QLatin1String("pdf"))
        matches = startsWith(data, "%PDF-", 5);
    else if (ext == QLatin1String("doc") || ext == QLatin1String("xls"))
        matches = startsWith(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    else if (ext == QLatin1String("docx") || ext == QLatin1String("xlsx"))
        matches = startsWith(data, "PK\x03\x04", 4);
    else if (ext == QLatin1String("txt"))
        matches = looksLikeText(data);
    if (!matches)
        return invalid(tr("The content of %1 is not a %2 file.").arg(name, ext.toUpper()));
    *mime = mimes.value(ext);
    return Result::success();
}

} // namespace gw

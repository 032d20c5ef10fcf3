#include "protocol/attachmentdescriptor.h"
#include "attachmentcheck.h"
#include "protocol/protocolreader.h"
#include "workflow.h"

namespace gw {

QJsonObject AttachmentDescriptor::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("mime"), mime},
                  {QStringLiteral("size"), size},
                  {QStringLiteral("sha256"), sha256}};
    if (!id.isEmpty())
        o.insert(QStringLiteral("id"), id);
    if (!caseId.isEmpty())
        o.insert(QStringLiteral("case"), caseId);
    return o;
}

bool AttachmentDescriptor::fromJson(const QJsonObject &o, AttachmentDescriptor *out, Message *error)
{
    using Need = ProtocolReader::Need;
    ProtocolReader read(o, tr("attachment descriptor"));
    AttachmentDescriptor d;
    d.id = read.text("id");
    d.caseId = read.text("case");
    d.name = read.text("name", Need::Required);
    d.mime = read.text("mime", Need::Required);
    d.size = read.bigNumber("size", Need::Required);
    d.sha256 = read.text("sha256", Need::Required);
    if (read.ok() && d.id.size() > Workflow::MaxShortField)
        read.fail(tr("The attachment id \"%1…\" is too long.").arg(d.id.left(Workflow::MaxShortField)));
    if (read.ok()) {
        const Result plain = AttachmentCheck::checkPlainName(d.name);
        if (!plain.ok)
            read.fail(plain.message);
    }
    if (read.ok() && d.size > Workflow::MaxAttachmentBytes)
        read.fail(tr("The attachment %1 is larger than %2 MB.").arg(d.name).arg(Workflow::MaxAttachmentBytes / (1024 * 1024)));
    if (read.ok() && !AttachmentCheck::isSha256Hex(d.sha256))
        read.fail(tr("The attachment %1 has no valid SHA-256 (64 lowercase hexadecimal digits).").arg(d.name));
    if (!read.finish(error))
        return false;
    *out = d;
    return true;
}

} // namespace gw

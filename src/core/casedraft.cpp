#include "casedraft.h"

namespace gw {

QJsonObject CaseDraft::toPayload() const
{
    QJsonObject p{{"title", title.trimmed()},
                  {"description", description},
                  {"category", categoryId},
                  {"street", streetId},
                  {"address", address.trimmed()},
                  {"urgency", urgencyToString(urgency)}};
    auto optional = [&p](const char *key, const QString &value) {
        if (!value.isEmpty())
            p.insert(QLatin1String(key), value);
    };
    optional("subcategory", subcategoryId);
    optional("community", communityId);
    optional("gridCell", gridCell.trimmed());
    optional("reporterName", reporterName.trimmed());
    optional("reporterPhone", reporterPhone.trimmed());
    if (hasLocation) {
        p.insert("lon", longitude);
        p.insert("lat", latitude);
    }
    if (!attachments.isEmpty())
        p.insert("attachments", attachments);
    return p;
}

} // namespace gw

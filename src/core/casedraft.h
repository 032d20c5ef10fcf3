#pragma once
#include "urgency.h"
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace gw {

// What a person fills in to register a case; becomes the payload of a case.registered event.
struct CaseDraft {
    QString title;
    QString description;
    QString categoryId;
    QString subcategoryId;
    QString streetId;
    QString communityId;
    QString address;
    QString gridCell;
    bool hasLocation = false;
    double longitude = 0;
    double latitude = 0;
    Urgency urgency = Urgency::Normal;
    QString reporterName;
    QString reporterPhone;
    QJsonArray attachments;

    QJsonObject toPayload() const;
};

} // namespace gw

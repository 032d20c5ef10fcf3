#pragma once
#include "message.h"
#include <QString>
#include <QList>

namespace gw {

enum class Urgency { Normal, Urgent, Critical };

QString urgencyToString(Urgency urgency);  // "normal" | "urgent" | "critical"
bool urgencyFromString(const QString &text, Urgency *urgency);
Message urgencyDisplayName(Urgency urgency);
QList<Urgency> allUrgencies();

} // namespace gw

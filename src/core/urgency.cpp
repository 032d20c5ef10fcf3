#include "urgency.h"
#include <QCoreApplication>

namespace gw {

QList<Urgency> allUrgencies() { return {Urgency::Normal, Urgency::Urgent, Urgency::Critical}; }

QString urgencyToString(Urgency urgency)
{
    switch (urgency) {
    case Urgency::Normal: return QStringLiteral("normal");
    case Urgency::Urgent: return QStringLiteral("urgent");
    case Urgency::Critical: return QStringLiteral("critical");
    }
    return {};
}

bool urgencyFromString(const QString &text, Urgency *urgency)
{
    for (Urgency u : allUrgencies()) {
        if (urgencyToString(u) == text) {
            *urgency = u;
            return true;
        }
    }
    return false;
}

Message urgencyDisplayName(Urgency urgency)
{
    switch (urgency) {
    case Urgency::Normal: return Message::translate("gw::Urgency", "Normal");
    case Urgency::Urgent: return Message::translate("gw::Urgency", "Urgent");
    case Urgency::Critical: return Message::translate("gw::Urgency", "Critical");
    }
    return {};
}

} // namespace gw

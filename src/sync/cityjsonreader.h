#pragma once
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace gw {

// Reads the fields of one JSON object the district server sent about the city exchange, checking each field's
// type. The first problem is kept as a translated sentence naming the object and the field, so a server that
// answers in an unexpected shape gives the user a clear message instead of silently wrong data.
class CityJsonReader
{
public:
    enum class Need { Required, Optional };

    CityJsonReader(const QJsonObject &object, const QString &what);

    QString text(const char *key, Need need = Need::Optional);
    int number(const char *key, Need need = Need::Optional);
    bool flag(const char *key, Need need = Need::Optional);
    // ISO 8601 (the server's CaseEvent::timeToString); an empty string means "no time" and is not an error.
    QDateTime time(const char *key, Need need = Need::Optional);
    QJsonObject object(const char *key);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    void fail(const QString &message);

private:
    QJsonValue take(const char *key, Need need, bool *present);
    void wrongType(const char *key, const QString &expected);

    QJsonObject m_object;
    QString m_what;
    QString m_error;
};

} // namespace gw

#include "storerows.h"
#include "eventtype.h"
#include "role.h"
#include <QJsonDocument>
#include <QVariant>

namespace gw::StoreRows {

namespace {
QVariant nullInt() { return QVariant(QMetaType(QMetaType::LongLong)); }
QVariant nullText() { return QVariant(QMetaType(QMetaType::QString)); }
// Qt binds a null QString as NULL; the text columns are NOT NULL and "" is what an absent value means.
QVariant textValue(const QString &s) { return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s); }
} // namespace

QJsonObject parseObject(const QString &text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

QString compactJson(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }

QDateTime timeFromText(const QVariant &v) { return CaseEvent::timeFromString(v.toString()); }

QString nowText() { return CaseEvent::timeToString(QDateTime::currentDateTimeUtc()); }

QString hexText(const QByteArray &hex) { return hex.isEmpty() ? QStringLiteral("") : QString::fromLatin1(hex); }

CaseEvent eventFromRow(const QSqlQuery &q, int at)
{
    CaseEvent e;
    e.id = q.value(at + 1).toString();
    e.caseId = q.value(at + 2).toString();
    e.caseSeq = q.value(at + 3).toInt();
    eventTypeFromString(q.value(at + 4).toString(), &e.type);
    e.payload = parseObject(q.value(at + 5).toString());
    e.actorId = q.value(at + 6).toString();
    roleFromString(q.value(at + 7).toString(), &e.actorRole);
    e.actorOrgUnit = q.value(at + 8).toString();
    e.deviceId = q.value(at + 9).toString();
    e.clientTime = timeFromText(q.value(at + 10));
    e.serverSeq = q.value(at + 11).isNull() ? 0 : q.value(at + 11).toLongLong();
    e.serverTime = timeFromText(q.value(at + 12));
    e.prevHash = q.value(at + 13).toString().toLatin1();
    e.hash = q.value(at + 14).toString().toLatin1();
    return e;
}

void bindEvent(QSqlQuery &q, const CaseEvent &e)
{
    q.bindValue(0, textValue(e.id));
    q.bindValue(1, textValue(e.caseId));
    q.bindValue(2, e.caseSeq);
    q.bindValue(3, eventTypeToString(e.type));
    q.bindValue(4, compactJson(e.payload));
    q.bindValue(5, textValue(e.actorId));
    q.bindValue(6, roleToString(e.actorRole));
    q.bindValue(7, textValue(e.actorOrgUnit));
    q.bindValue(8, textValue(e.deviceId));
    q.bindValue(9, CaseEvent::timeToString(e.clientTime));
    q.bindValue(10, e.serverSeq > 0 ? QVariant(e.serverSeq) : nullInt());
    q.bindValue(11, e.serverSeq > 0 ? QVariant(CaseEvent::timeToString(e.serverTime)) : nullText());
    q.bindValue(12, hexText(e.prevHash));
    q.bindValue(13, hexText(e.hash));
}

void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
}

} // namespace gw::StoreRows

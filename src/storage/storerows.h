#pragma once
#include "caseevent.h"
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>

namespace gw::StoreRows {

// How the client store reads and writes its rows, shared by the case log, the sync journal and the readers.

// The columns of `events` in the order eventFromRow reads them.
inline const QString &columns()
{
    static const QString text = QStringLiteral(
        "seq, id, case_id, case_seq, type, payload, actor, role, org_unit, device, client_time, server_seq, "
        "server_time, prev_hash, hash");
    return text;
}

QJsonObject parseObject(const QString &text);
QString compactJson(const QJsonObject &o);
QDateTime timeFromText(const QVariant &v);
QString nowText();
// Never NULL: the chain columns are NOT NULL and the first event's link is the empty string.
QString hexText(const QByteArray &hex);

// Reads one events row selected with columns() starting at column `at`.
CaseEvent eventFromRow(const QSqlQuery &q, int at = 0);
// Binds the 14 stored columns of an event (everything but seq) in columns() order, from position 0.
void bindEvent(QSqlQuery &q, const CaseEvent &e);
// Binds `values` to positions 0, 1, ...
void bindAll(QSqlQuery &q, const QVariantList &values);

} // namespace gw::StoreRows

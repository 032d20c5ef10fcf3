#include "administrativelog.h"
#include "caseevent.h"
#include "sqlstatements.h"
#include <QDateTime>
#include <QJsonDocument>
#include <QSqlQuery>

namespace gw {

namespace {
const QString Columns = QStringLiteral("seq, at, actor, action, subject, details, prev_hash, hash");
}

AdministrativeLog::AdministrativeLog(const QString &connection) : m_sql(std::make_unique<SqlStatements>(connection)) {}

AdministrativeLog::~AdministrativeLog() = default;

void AdministrativeLog::reset() { m_sql->clear(); }

Result AdministrativeLog::append(const QString &actor, const QString &action, const QString &subject,
                                 const QJsonObject &details, AdminLogEntry *stored)
{
    QSqlQuery &last = m_sql->get(QStringLiteral("SELECT seq, hash FROM admin_log ORDER BY seq DESC LIMIT 1"));
    if (!last.exec())
        return SqlStatements::failure(last, tr("reading the administrative log"));
    AdminLogEntry e;
    QByteArray previous;
    e.seq = 1;
    if (last.next()) {
        e.seq = last.value(0).toLongLong() + 1;
        previous = last.value(1).toString().toLatin1();
    }
    last.finish();
    // Milliseconds, as stored: the hash must cover exactly what a later read gives back.
    e.at = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    e.actor = actor;
    e.action = action;
    e.subject = subject;
    e.details = details;
    e.seal(previous);
    QSqlQuery &q = m_sql->get(QStringLiteral("INSERT INTO admin_log (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?)").arg(Columns));
    q.addBindValue(e.seq);
    q.addBindValue(CaseEvent::timeToString(e.at));
    q.addBindValue(SqlStatements::text(e.actor));
    q.addBindValue(SqlStatements::text(e.action));
    q.addBindValue(SqlStatements::text(e.subject));
    q.addBindValue(QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact)));
    q.addBindValue(SqlStatements::text(QString::fromLatin1(e.prevHash)));
    q.addBindValue(QString::fromLatin1(e.hash));
    if (!q.exec())
        return SqlStatements::failure(q, tr("recording an administrative change"));
    if (stored)
        *stored = e;
    return Result::success();
}

qint64 AdministrativeLog::count() const
{
    QSqlQuery q(m_sql->database());
    return q.exec(QStringLiteral("SELECT COUNT(*) FROM admin_log")) && q.next() ? q.value(0).toLongLong() : 0;
}

QList<AdminLogEntry> AdministrativeLog::read(const QString &sql, const QList<QVariant> &values) const
{
    QList<AdminLogEntry> out;
    QSqlQuery q(m_sql->database());
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return out;
    while (q.next()) {
        AdminLogEntry e;
        e.seq = q.value(0).toLongLong();
        e.at = CaseEvent::timeFromString(q.value(1).toString());
        e.actor = q.value(2).toString();
        e.action = q.value(3).toString();
        e.subject = q.value(4).toString();
        e.details = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
        e.prevHash = q.value(6).toString().toLatin1();
        e.hash = q.value(7).toString().toLatin1();
        out.append(e);
    }
    return out;
}

QList<AdminLogEntry> AdministrativeLog::page(qint64 beforeSeq, int limit) const
{
    if (beforeSeq > 0)
        return read(QStringLiteral("SELECT %1 FROM admin_log WHERE seq < ? ORDER BY seq DESC LIMIT ?").arg(Columns),
                    {beforeSeq, limit});
    return read(QStringLiteral("SELECT %1 FROM admin_log ORDER BY seq DESC LIMIT ?").arg(Columns), {limit});
}

QList<AdminLogEntry> AdministrativeLog::withAction(const QString &action) const
{
    return read(QStringLiteral("SELECT %1 FROM admin_log WHERE action = ? ORDER BY seq").arg(Columns), {action});
}

std::optional<AdminLogEntry> AdministrativeLog::latestAbout(const QString &subject) const
{
    const QList<AdminLogEntry> newest =
        read(QStringLiteral("SELECT %1 FROM admin_log WHERE subject = ? ORDER BY seq DESC LIMIT 1").arg(Columns), {subject});
    if (newest.isEmpty())
        return std::nullopt;
    return newest.first();
}

AdminLogEntry::Report AdministrativeLog::verify(qint64 *checked) const
{
    const QList<AdminLogEntry> all = read(QStringLiteral("SELECT %1 FROM admin_log ORDER BY seq").arg(Columns), {});
    if (checked)
        *checked = all.size();
    return AdminLogEntry::verify(all);
}

} // namespace gw

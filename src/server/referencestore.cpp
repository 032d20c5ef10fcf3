#include "referencestore.h"
#include "administrativelog.h"
#include "adminlogentry.h"
#include "caseevent.h"
#include "pushrules.h"
#include "sqlstatements.h"
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

ReferenceStore::ReferenceStore(const QString &connection, AdministrativeLog *log)
    : m_sql(std::make_unique<SqlStatements>(connection)), m_log(log)
{
}

ReferenceStore::~ReferenceStore() = default;

void ReferenceStore::reset() { m_sql->clear(); }

std::optional<ReferenceSet> ReferenceStore::current(const QString &kind) const
{
    QSqlQuery &q = m_sql->get(QStringLiteral("SELECT version, body, changed_by, changed_at FROM reference_data"
                                             " WHERE kind = ? ORDER BY version DESC LIMIT 1"));
    q.addBindValue(kind);
    if (!q.exec() || !q.next())
        return std::nullopt;
    ReferenceSet s;
    s.kind = kind;
    s.version = q.value(0).toInt();
    s.body = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
    s.changedBy = q.value(2).toString();
    s.changedAt = CaseEvent::timeFromString(q.value(3).toString());
    q.finish();
    return s;
}

QList<ReferenceSet> ReferenceStore::newerThan(const QHash<QString, int> &have) const
{
    QList<ReferenceSet> out;
    for (const QString &kind : ReferenceSet::knownKinds()) {
        const std::optional<ReferenceSet> s = current(kind);
        if (s && s->version > have.value(kind))
            out.append(*s);
    }
    return out;
}

Result ReferenceStore::publish(const QString &kind, const QJsonObject &body, const QString &actor, const QString &action,
                               const QString &subject, const QJsonObject &details, ReferenceSet *stored)
{
    QSqlDatabase db = m_sql->database();
    auto failed = [&]() {
        return Result::failure(QStringLiteral("storage_error"),
                               Message::translate("gw::ServerStore", "Database error while %1: %2")
                                   .arg(tr("storing reference data"), Message(db.lastError().text())));
    };
    if (!db.transaction())
        return failed();
    const std::optional<ReferenceSet> before = current(kind);
    ReferenceSet s;
    s.kind = kind;
    s.version = before ? before->version + 1 : 1;
    s.body = body;
    s.changedBy = actor;
    s.changedAt = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
    QSqlQuery &q = m_sql->get(QStringLiteral("INSERT INTO reference_data (kind, version, body, changed_by, changed_at)"
                                             " VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(kind);
    q.addBindValue(s.version);
    q.addBindValue(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    q.addBindValue(SqlStatements::text(actor));
    q.addBindValue(CaseEvent::timeToString(s.changedAt));
    if (!q.exec()) {
        const Result r = SqlStatements::failure(q, tr("storing reference data"));
        db.rollback();
        return r;
    }
    QJsonObject logged = details;
    logged.insert(QStringLiteral("version"), s.version);
    const Result entry = m_log->append(actor, action, subject, logged);
    if (!entry.ok) {
        db.rollback();
        return entry;
    }
    if (!db.commit()) {
        const Result r = failed();
        db.rollback();
        return r;
    }
    if (stored)
        *stored = s;
    return s.installInProcess();
}

Result ReferenceStore::seedAndInstall()
{
    if (!current(ReferenceSet::Calendar)) {
        const WorkCalendar shipped = WorkCalendar::shipped();
        const Result r = publish(ReferenceSet::Calendar, shipped.toJson(), PushRules::systemActor().id,
                                 AdminLogEntry::ReferenceImported, ReferenceSet::Calendar,
                                 {{QStringLiteral("years"), shipped.lastKnownYear()}}, nullptr);
        if (!r.ok)
            return r;
    }
    for (const QString &kind : ReferenceSet::knownKinds()) {
        const std::optional<ReferenceSet> s = current(kind);
        if (!s)
            continue;
        const Result installed = s->installInProcess();
        if (!installed.ok)
            return Result::failure(installed.code, tr("The stored %1 (version %2) cannot be used: %3")
                                                       .arg(kind).arg(s->version).arg(installed.message));
    }
    return Result::success();
}

Result ReferenceStore::setCalendarYear(const CalendarYear &year, const QString &actor, ReferenceSet *stored)
{
    const std::optional<ReferenceSet> now = current(ReferenceSet::Calendar);
    WorkCalendar calendar;
    if (now) {
        const Result loaded = calendar.load(now->body);
        if (!loaded.ok)
            return loaded;
    } else {
        calendar = WorkCalendar::builtin();
    }
    const bool replacing = calendar.year(year.year).has_value();
    const Result set = calendar.setYear(year);  // CalendarYear::check(): refused with the field at fault
    if (!set.ok)
        return set;
    const QJsonObject details{{QStringLiteral("year"), year.year},
                              {QStringLiteral("holidays"), int(year.holidays.size())},
                              {QStringLiteral("extraWorkdays"), int(year.extraWorkdays.size())},
                              {QStringLiteral("notice"), year.notice},
                              {QStringLiteral("replaced"), replacing}};
    return publish(ReferenceSet::Calendar, calendar.toJson(), actor,
                   AdminLogEntry::CalendarYearSet, QStringLiteral("calendar/%1").arg(year.year), details, stored);
}

} // namespace gw

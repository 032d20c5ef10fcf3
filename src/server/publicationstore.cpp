#include "publicationstore.h"
#include "administrativelog.h"
#include "adminlogentry.h"
#include "caseevent.h"
#include "sqlstatements.h"
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

PublicationStore::PublicationStore(const QString &connection, AdministrativeLog *log)
    : m_sql(std::make_unique<SqlStatements>(connection)), m_log(log)
{
}

PublicationStore::~PublicationStore() = default;

void PublicationStore::reset() { m_sql->clear(); }

Result PublicationStore::rows(QList<Row> *out, const QString &fromMonth, const QString &toMonth) const
{
    // "yyyy-MM" sorts as text; the whole table when no range is given.
    QSqlQuery &q = m_sql->get(QStringLiteral(
        "SELECT month, revision, published_at, published_by, published_by_name, reason, cutoff_seq, versions, result,"
        " result_hash FROM assessment_publications WHERE month >= ? AND month <= ? ORDER BY month, revision"));
    q.addBindValue(fromMonth.isEmpty() ? QStringLiteral("0000-00") : fromMonth);
    q.addBindValue(toMonth.isEmpty() ? QStringLiteral("9999-99") : toMonth);
    if (!q.exec())
        return SqlStatements::failure(q, tr("reading published assessments"));
    while (q.next()) {
        Row row;
        MonthPublication &p = row.publication;
        p.month = q.value(0).toString();
        p.revision = q.value(1).toInt();
        p.publishedAt = CaseEvent::timeFromString(q.value(2).toString());
        p.publishedBy = q.value(3).toString();
        p.publishedByName = q.value(4).toString();
        p.reason = q.value(5).toString();
        p.cutoffSeq = q.value(6).toLongLong();
        const QJsonObject versions = QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object();
        for (auto it = versions.begin(); it != versions.end(); ++it)
            p.versions.insert(it.key(), it.value().toInt());
        row.resultText = q.value(8).toString().toUtf8();
        row.storedHash = q.value(9).toString();
        p.resultHash = row.storedHash;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(row.resultText, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            row.why = tr("the stored results are not a JSON object");
        else
            row.readable = AssessmentResultJson::fromJson(doc.object(), &p.result, &row.why);
        out->append(row);
    }
    q.finish();
    return Result::success();
}

Result PublicationStore::ofMonths(const QString &month, const QString &lastMonth, QList<MonthPublication> *out) const
{
    QList<Row> found;
    const Result read = rows(&found, month, lastMonth.isEmpty() ? month : lastMonth);
    if (!read.ok)
        return read;
    for (const Row &row : std::as_const(found)) {
        if (!row.readable)
            return Result::failure(QStringLiteral("storage_error"),
                                   tr("The stored publication of %1, revision %2, cannot be read (%3); run "
                                      "gridwhistle-server verify.").arg(row.publication.month).arg(row.publication.revision).arg(row.why));
        out->append(row.publication);
    }
    return Result::success();
}

Result PublicationStore::latestMonth(QString *month) const
{
    QSqlQuery &q = m_sql->get(QStringLiteral("SELECT MAX(month) FROM assessment_publications"));
    if (!q.exec())
        return SqlStatements::failure(q, tr("reading published assessments"));
    *month = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return Result::success();
}

Result PublicationStore::add(MonthPublication *p)
{
    return m_sql->inTransaction(tr("publishing the month"), [&]() {
        QSqlQuery &last = m_sql->get(QStringLiteral("SELECT MAX(revision) FROM assessment_publications WHERE month = ?"));
        last.addBindValue(p->month);
        if (!last.exec())
            return SqlStatements::failure(last, tr("publishing the month"));
        p->revision = (last.next() ? last.value(0).toInt() : 0) + 1;
        last.finish();
        const QByteArray text = AssessmentResultJson::bytes(p->result);
        p->resultHash = AssessmentResultJson::hashOf(text);
        QJsonObject versions;
        for (auto it = p->versions.cbegin(); it != p->versions.cend(); ++it)
            versions.insert(it.key(), it.value());
        QSqlQuery &q = m_sql->get(QStringLiteral(
            "INSERT INTO assessment_publications (month, revision, published_at, published_by, published_by_name, reason,"
            " cutoff_seq, versions, result, result_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(p->month);
        q.addBindValue(p->revision);
        q.addBindValue(CaseEvent::timeToString(p->publishedAt));
        q.addBindValue(SqlStatements::text(p->publishedBy));
        q.addBindValue(SqlStatements::text(p->publishedByName));
        q.addBindValue(SqlStatements::text(p->reason));
        q.addBindValue(p->cutoffSeq);
        q.addBindValue(QString::fromUtf8(QJsonDocument(versions).toJson(QJsonDocument::Compact)));
        q.addBindValue(QString::fromUtf8(text));
        q.addBindValue(p->resultHash);
        if (!q.exec())
            return SqlStatements::failure(q, tr("publishing the month"));
        return m_log->append(p->publishedBy, AdminLogEntry::MonthPublished, p->month,
                             {{QStringLiteral("month"), p->month},
                              {QStringLiteral("revision"), p->revision},
                              {QStringLiteral("publishedAt"), CaseEvent::timeToString(p->publishedAt)},
                              {QStringLiteral("publishedByName"), p->publishedByName},
                              {QStringLiteral("reason"), p->reason},
                              {QStringLiteral("cutoffSeq"), double(p->cutoffSeq)},
                              {QStringLiteral("versions"), versions},
                              {QStringLiteral("resultHash"), p->resultHash}});
    });
}

} // namespace gw

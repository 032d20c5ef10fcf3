#include "assessmentsource.h"
#include "casestore.h"
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("gw::AssessmentSource", text); }

// Terminal cases untouched since the period began cannot change any figure of it: every time the engine reads
// (registration, closing, handling, ratings, a deadline passed before the handling) is at or before the last event.
const char *const kWhere = " WHERE updated_at >= :since OR status NOT IN ('closed', 'rejected', 'merged')";
} // namespace

AssessmentSource::AssessmentSource(const CaseStore *store) : m_store(store) {}

int AssessmentSource::countFacts(const QDateTime &since) const
{
    if (!m_store || !m_store->isOpen())
        return 0;
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName(), false));
    q.prepare(QStringLiteral("SELECT count(*) FROM cases") + QLatin1String(kWhere));
    q.bindValue(QStringLiteral(":since"), since.isValid() ? since.toMSecsSinceEpoch() : 0);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

Result AssessmentSource::loadFacts(AssessmentFacts *facts, const QDateTime &since, const Progress &progress) const
{
    if (!m_store || !m_store->isOpen())
        return Result::failure(QStringLiteral("storage_error"), tr("The local store is not open."));
    const int total = progress ? countFacts(since) : 0;
    QSqlQuery q(QSqlDatabase::database(m_store->connectionName(), false));
    q.setForwardOnly(true);
    // SQLite's JSON functions pick out the dozen fields the facts need: much cheaper than building a Qt JSON
    // document of the whole projection (descriptions, attachments, feedback texts) for every case.
    q.prepare(QStringLiteral("SELECT id, json_extract(state, '$.street'), json_extract(state, '$.category'), status,"
                             " json_extract(state, '$.satisfaction'), on_hold, json_extract(state, '$.reworkCount'),"
                             " registered_at, json_extract(state, '$.whistledAt'), json_extract(state, '$.closedAt'),"
                             " json_extract(state, '$.handledAt'), json_extract(state, '$.streetDue'),"
                             " json_extract(state, '$.departments'), json_extract(state, '$.step'),"
                             " json_extract(state, '$.stepUnit'), json_extract(state, '$.stepStartedAt'),"
                             " json_extract(state, '$.stepDue'), json_extract(state, '$.steps') FROM cases")
              + QLatin1String(kWhere));
    q.bindValue(QStringLiteral(":since"), since.isValid() ? since.toMSecsSinceEpoch() : 0);
    if (!q.exec())
        return Result::failure(QStringLiteral("storage_error"),
                               tr("Cannot read cases for the assessment: %1").arg(q.lastError().text()));
    int done = 0, skipped = 0;
    auto time = [](const QVariant &v) {
        const QString s = v.toString();
        return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
    };
    CaseRecord c;
    while (q.next()) {
        c.id = q.value(0).toString();
        c.streetId = q.value(1).toString();
        c.categoryId = q.value(2).toString();
        if (c.streetId.isEmpty() || !caseStatusFromString(q.value(3).toString(), &c.status)) {
            ++skipped;  // a damaged row must not stop the report; it is counted and reported
            continue;
        }
        c.satisfaction = q.value(4).toString();
        c.onHold = q.value(5).toInt() != 0;
        c.reworkCount = q.value(6).toInt();
        c.registeredAt = QDateTime::fromMSecsSinceEpoch(q.value(7).toLongLong(), Qt::UTC);
        c.whistledAt = time(q.value(8));
        c.closedAt = time(q.value(9));
        c.handledAt = time(q.value(10));
        c.streetDue = time(q.value(11));
        c.departments.clear();
        const QByteArray depts = q.value(12).toByteArray();
        if (depts.size() > 2) {
            QJsonParseError err;
            const QJsonDocument doc = QJsonDocument::fromJson(depts, &err);
            if (err.error != QJsonParseError::NoError || !doc.isArray()) {
                ++skipped;
                continue;
            }
            const QJsonArray arr = doc.array();
            for (const QJsonValue &v : arr)
                c.departments.append(DepartmentAssignment::fromJson(v.toObject()));
        }
        c.step = CaseStep::None;  // absent in projections older than step clocks
        caseStepFromString(q.value(13).toString(), &c.step);
        c.stepUnit = q.value(14).toString();
        c.stepStartedAt = time(q.value(15));
        c.stepDue = time(q.value(16));
        c.stepHistory.clear();
        const QByteArray steps = q.value(17).toByteArray();
        if (steps.size() > 2) {
            const QJsonDocument doc = QJsonDocument::fromJson(steps);
            for (const QJsonValue &v : doc.array())
                c.stepHistory.append(StepRecord::fromJson(v.toObject()));
        }
        facts->addCase(c);
        if (progress && ++done % 5000 == 0 && !progress(done, total))
            return Result::failure(QStringLiteral("cancelled"), tr("Loading cases was cancelled."));
    }
    if (progress)
        progress(total, total);
    if (skipped > 0)
        return Result::failure(QStringLiteral("storage_error"),
                               tr("%1 stored cases could not be read and are missing from the figures.").arg(skipped));
    return Result::success();
}

} // namespace gw

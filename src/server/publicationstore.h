#pragma once
#include "message.h"
#include "protocol/monthassessment.h"
#include "result.h"
#include <QCoreApplication>
#include <memory>

namespace gw {

class AdministrativeLog;
class SqlStatements;

// The `assessment_publications` table (issue 16): every published revision of a month's assessment, never changed
// once stored. Each revision is stored together with its administrative log entry (which carries the results' hash)
// in one transaction, on ServerStore's connection.
class PublicationStore
{
    GW_DECLARE_MESSAGES(gw::PublicationStore)
public:
    // One stored row as it is: the publication read from it, and the exact result text and hash column `verify`
    // checks (a row that does not read is reported, not skipped).
    struct Row {
        MonthPublication publication;
        QByteArray resultText;
        QString storedHash;
        bool readable = false;
        Message why;
    };

    PublicationStore(const QString &connection, AdministrativeLog *log);
    ~PublicationStore();
    PublicationStore(const PublicationStore &) = delete;
    PublicationStore &operator=(const PublicationStore &) = delete;
    void reset();

    // Every revision of `month` ("yyyy-MM") oldest first; of every month from `month` to `lastMonth` when that is
    // given. A row that does not read is a failure here (the API must not answer "not published" for it); rows()
    // hands such rows to `verify`.
    Result ofMonths(const QString &month, const QString &lastMonth, QList<MonthPublication> *out) const;
    // The newest month published ("" when none): indicator sets may no longer take effect in or before it.
    Result latestMonth(QString *month) const;
    Result rows(QList<Row> *out, const QString &fromMonth = QString(), const QString &toMonth = QString()) const;
    // Stores `p` as the next revision of its month (sets p->revision, resultHash) and logs it, in one transaction.
    Result add(MonthPublication *p);

private:
    std::unique_ptr<SqlStatements> m_sql;
    AdministrativeLog *m_log;
};

} // namespace gw

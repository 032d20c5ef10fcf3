#include "phrasestore.h"
#include "localdatabase.h"
#include <QSqlError>
#include <QSqlQuery>

namespace gw {

namespace {

Result checkPhrase(const QString &kind, const QString &text)
{
    if (kind.trimmed().isEmpty() || kind.size() > 64)
        return Result::failure(QStringLiteral("invalid_input"), PhraseStore::tr("A phrase needs a kind of at most 64 characters."));
    if (text.isEmpty())
        return Result::failure(QStringLiteral("invalid_input"), PhraseStore::tr("The phrase is empty."));
    if (text.size() > 500)
        return Result::failure(QStringLiteral("invalid_input"),
                               PhraseStore::tr("The phrase is too long: %1 characters, at most 500.").arg(text.size()));
    return Result::success();
}

} // namespace

Result PhraseStore::retireSeededDefaults()
{
    QSqlQuery q(m_db.database());
    if (!q.exec(QStringLiteral("SELECT key FROM meta WHERE key IN ('phrases_seeded', 'phrases_district')")))
        return LocalDatabase::writeFailure(tr("updating phrase templates"), q.lastError().text());
    QStringList keys;
    while (q.next())
        keys.append(q.value(0).toString());
    q.finish();
    if (keys.contains(QStringLiteral("phrases_district")))
        return Result::success();
    // The phrases earlier versions put into every file are the district's now (PhraseBook); a copy here would
    // outlive the administrator's removal of one. What a person added themselves stays.
    const QList<QPair<const char *, const char *>> seeded{
        {"return_reason", "不属于本部门职责范围"},
        {"return_reason", "地址或问题描述不清，无法处置"},
        {"reject_reason", "不属于网格事项受理范围"},
        {"reject_reason", "重复上报，已合并处理"},
        {"rework_reason", "现场核查问题仍未解决"},
        {"rework_reason", "处置反馈缺少现场照片"},
        {"feedback", "已现场处置完毕"},
        {"feedback", "已联系当事人整改完毕"},
        {"postpone_reason", "涉及多部门协调，需延长处置时间"},
    };
    Result r = m_db.begin();
    if (!r.ok)
        return r;
    if (keys.contains(QStringLiteral("phrases_seeded"))) {
        q.prepare(QStringLiteral("DELETE FROM phrases WHERE kind = ? AND text = ?"));
        for (const auto &[kind, text] : seeded) {
            q.bindValue(0, QString::fromUtf8(kind));
            q.bindValue(1, QString::fromUtf8(text));
            if (!q.exec()) {
                m_db.rollback();
                return LocalDatabase::writeFailure(tr("updating phrase templates"), q.lastError().text());
            }
        }
    }
    if (!q.exec(QStringLiteral("INSERT INTO meta (key, value) VALUES ('phrases_district', '1')"))) {
        m_db.rollback();
        return LocalDatabase::writeFailure(tr("updating phrase templates"), q.lastError().text());
    }
    return m_db.commit();
}

QStringList PhraseStore::list(const QString &kind) const
{
    QStringList out;
    if (!m_db.isOpen())
        return out;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("SELECT text FROM phrases WHERE kind = ? ORDER BY id"));
    q.addBindValue(kind);
    if (!q.exec())
        return out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Result PhraseStore::add(const QString &kind, const QString &text)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    const QString clean = text.trimmed();
    Result r = checkPhrase(kind, clean);
    if (!r.ok)
        return r;
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO phrases (kind, text) VALUES (?, ?)"));
    q.addBindValue(kind.trimmed());
    q.addBindValue(clean);
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("adding a phrase"), q.lastError().text());
    return Result::success();
}

Result PhraseStore::remove(const QString &kind, const QString &text)
{
    if (!m_db.isOpen())
        return LocalDatabase::notOpen();
    QSqlQuery q(m_db.database());
    q.prepare(QStringLiteral("DELETE FROM phrases WHERE kind = ? AND text = ?"));
    q.addBindValue(kind.trimmed());
    q.addBindValue(text.trimmed());
    if (!q.exec())
        return LocalDatabase::writeFailure(tr("removing a phrase"), q.lastError().text());
    if (q.numRowsAffected() < 1)
        return Result::failure(QStringLiteral("not_found"), tr("There is no such phrase to remove."));
    return Result::success();
}

} // namespace gw

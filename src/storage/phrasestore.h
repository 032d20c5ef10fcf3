#pragma once
#include "result.h"
#include <QCoreApplication>
#include <QStringList>

namespace gw {

class LocalDatabase;

// A person's own phrase templates (常用语) per text field, e.g. "return_reason", "feedback", offered after the
// district's (PhraseBook, served by the district server). Shares the store's connection; get it from
// CaseStore::phrases().
class PhraseStore
{
    Q_DECLARE_TR_FUNCTIONS(gw::PhraseStore)

public:
    explicit PhraseStore(LocalDatabase &db) : m_db(db) {}

    // Once per file: removes the default phrases earlier versions copied into it (the district serves them now).
    Result retireSeededDefaults();
    QStringList list(const QString &kind) const;
    Result add(const QString &kind, const QString &text);
    Result remove(const QString &kind, const QString &text);

private:
    LocalDatabase &m_db;
};

} // namespace gw

#pragma once
#include "result.h"
#include <QCoreApplication>
#include <QStringList>

namespace gw {

class LocalDatabase;

// Phrase templates (常用语) per kind, e.g. "return_reason", "feedback", that the forms offer. Shares the
// store's connection; get it from CaseStore::phrases().
class PhraseStore
{
    Q_DECLARE_TR_FUNCTIONS(gw::PhraseStore)

public:
    explicit PhraseStore(LocalDatabase &db) : m_db(db) {}

    // The defaults operators start from, added once per file; they edit and delete them freely afterwards.
    Result seedDefaults();
    QStringList list(const QString &kind) const;
    Result add(const QString &kind, const QString &text);
    Result remove(const QString &kind, const QString &text);

private:
    LocalDatabase &m_db;
};

} // namespace gw

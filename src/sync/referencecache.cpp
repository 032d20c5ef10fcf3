#include "referencecache.h"
#include "syncjournal.h"
#include <QJsonDocument>

namespace gw {

namespace {
QString keyOf(const QString &kind) { return QStringLiteral("reference:") + kind; }
}

std::optional<ReferenceSet> ReferenceCache::held(const QString &kind) const
{
    const QString stored = m_journal.syncValue(keyOf(kind));
    if (stored.isEmpty())
        return std::nullopt;
    ReferenceSet s;
    Message why;
    if (!ReferenceSet::fromJson(QJsonDocument::fromJson(stored.toUtf8()).object(), &s, &why))
        return std::nullopt;
    return s;
}

QHash<QString, int> ReferenceCache::versions() const
{
    QHash<QString, int> out;
    for (const QString &kind : ReferenceSet::knownKinds())
        if (const std::optional<ReferenceSet> s = held(kind))
            out.insert(kind, s->version);
    return out;
}

Result ReferenceCache::install(const ReferenceSet &set)
{
    const Result installed = set.installInProcess();
    if (!installed.ok)
        return Result::failure(installed.code, tr("The district server's %1 (version %2) cannot be used: %3")
                                                   .arg(ReferenceSet::displayName(set.kind)).arg(set.version)
                                                   .arg(installed.message.text()),
                               installed.field);
    return installed;
}

Result ReferenceCache::apply(const ReferenceAnswer &answer)
{
    for (const ReferenceSet &set : answer.sets) {
        const std::optional<ReferenceSet> current = held(set.kind);
        if (current && current->version >= set.version)
            continue;  // never back to an older version
        const Result installed = install(set);
        if (!installed.ok)
            return installed;
        const Result saved = m_journal.setSyncValue(keyOf(set.kind),
                                                    QString::fromUtf8(QJsonDocument(set.toJson()).toJson(QJsonDocument::Compact)));
        if (!saved.ok)
            return saved;
    }
    return Result::success();
}

Result ReferenceCache::installHeld() const
{
    for (const QString &kind : ReferenceSet::knownKinds())
        if (const std::optional<ReferenceSet> s = held(kind)) {
            const Result r = install(*s);
            if (!r.ok)
                return r;
        }
    return Result::success();
}

} // namespace gw

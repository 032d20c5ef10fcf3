#include "phrasebook.h"
#include "districtdata.h"
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace gw {

QStringList PhraseBook::fieldKinds()
{
    return {QStringLiteral("analysis_note"),   QStringLiteral("review_reason"),     QStringLiteral("whistle_note"),
            QStringLiteral("checkin_note"),    QStringLiteral("return_reason"),     QStringLiteral("feedback"),
            QStringLiteral("postpone_reason"), QStringLiteral("postpone_decision"), QStringLiteral("rework_reason"),
            QStringLiteral("close_summary"),   QStringLiteral("escalation_reason"), QStringLiteral("reopen_reason"),
            QStringLiteral("hold_reason"),     QStringLiteral("comment")};
}

Message PhraseBook::kindDisplayName(const QString &kind)
{
    static const QMap<QString, const char *> names{
        {QStringLiteral("analysis_note"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Analysis note")},
        {QStringLiteral("review_reason"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Review reason")},
        {QStringLiteral("whistle_note"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Note to the departments")},
        {QStringLiteral("checkin_note"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Check-in note")},
        {QStringLiteral("return_reason"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Reason for returning")},
        {QStringLiteral("feedback"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Handling feedback")},
        {QStringLiteral("postpone_reason"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Reason for postponement")},
        {QStringLiteral("postpone_decision"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Postponement decision")},
        {QStringLiteral("rework_reason"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Reason for rework")},
        {QStringLiteral("close_summary"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Closing summary")},
        {QStringLiteral("escalation_reason"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Reason for escalation")},
        {QStringLiteral("reopen_reason"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Reason for reopening")},
        {QStringLiteral("hold_reason"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Reason for holding")},
        {QStringLiteral("comment"), QT_TRANSLATE_NOOP("gw::PhraseBook", "Comment")}};
    const char *name = names.value(kind);
    return name ? tr(name) : Message(kind);
}

static Result refused(const Message &why, const QString &field)
{
    return Result::failure(QStringLiteral("invalid_input"), why, field);
}

Result PhraseBook::checkPhrases(const QString &kind, const QStringList &phrases)
{
    static const QRegularExpression kindPattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z][a-z0-9_]{0,31}")));
    if (!kindPattern.match(kind).hasMatch())
        return refused(tr("A phrase field is named in lower-case letters, digits and \"_\", like \"return_reason\"; "
                          "\"%1\" is not one.").arg(kind.left(40)),
                       QStringLiteral("kind"));
    if (phrases.size() > MaxPhrasesPerKind)
        return refused(tr("%1 has %2 phrases; at most %3 are kept per field.")
                           .arg(kindDisplayName(kind)).arg(phrases.size()).arg(MaxPhrasesPerKind),
                       kind);
    QSet<QString> seen;
    for (const QString &p : phrases) {
        if (p.trimmed().isEmpty() || p != p.trimmed())
            return refused(tr("A phrase of %1 is empty or starts or ends with spaces.").arg(kindDisplayName(kind)), kind);
        if (p.size() > MaxPhrase)
            return refused(tr("A phrase of %1 has %2 characters; at most %3.").arg(kindDisplayName(kind)).arg(p.size()).arg(MaxPhrase),
                           kind);
        if (p.contains(u'\n') || p.contains(u'\r') || p.contains(u'\t'))
            return refused(tr("A phrase of %1 holds a line break or tab: \"%2\".").arg(kindDisplayName(kind), p.left(40)), kind);
        if (seen.contains(p))
            return refused(tr("\"%1\" is listed twice under %2.").arg(p.left(40), kindDisplayName(kind)), kind);
        seen.insert(p);
    }
    return Result::success();
}

Result PhraseBook::load(const QJsonObject &body)
{
    if (!body.value(QLatin1String("phrases")).isObject())
        return refused(tr("The phrase book has no \"phrases\" object."), QStringLiteral("phrases"));
    const QJsonObject all = body.value(QLatin1String("phrases")).toObject();
    if (all.size() > MaxKinds)
        return refused(tr("The phrase book has %1 fields; at most %2.").arg(all.size()).arg(MaxKinds),
                       QStringLiteral("phrases"));
    QMap<QString, QStringList> loaded;
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (!it.value().isArray())
            return refused(tr("The phrases of \"%1\" must be a list of texts.").arg(it.key().left(40)), it.key());
        QStringList list;
        for (const QJsonValue &v : it.value().toArray()) {
            if (!v.isString())
                return refused(tr("The phrases of \"%1\" must be a list of texts.").arg(it.key().left(40)), it.key());
            list.append(v.toString());
        }
        const Result checked = checkPhrases(it.key(), list);
        if (!checked.ok)
            return checked;
        if (!list.isEmpty())
            loaded.insert(it.key(), list);
    }
    m_phrases = loaded;
    return Result::success();
}

Result PhraseBook::loadJson(const QByteArray &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Result::failure(QStringLiteral("invalid_json"), tr("The phrase book is not valid JSON: %1").arg(err.errorString()));
    return load(doc.object());
}

QJsonObject PhraseBook::toJson() const
{
    QJsonObject all;
    for (auto it = m_phrases.begin(); it != m_phrases.end(); ++it)
        all.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return {{QStringLiteral("phrases"), all}};
}

Result PhraseBook::setPhrases(const QString &kind, const QStringList &phrases)
{
    const Result checked = checkPhrases(kind, phrases);
    if (!checked.ok)
        return checked;
    if (!phrases.isEmpty() && !m_phrases.contains(kind) && m_phrases.size() >= MaxKinds)
        return refused(tr("The phrase book has %1 fields; at most %2.").arg(m_phrases.size() + 1).arg(MaxKinds), kind);
    if (phrases.isEmpty())
        m_phrases.remove(kind);
    else
        m_phrases.insert(kind, phrases);
    return Result::success();
}

PhraseBook PhraseBook::shipped() { return loadShipped<PhraseBook>(QStringLiteral(":/seed/phrases.json")); }

const PhraseBook &PhraseBook::builtin() { return districtData<PhraseBook>(); }

void PhraseBook::installDistrict(const PhraseBook &book) { districtData<PhraseBook>() = book; }

} // namespace gw

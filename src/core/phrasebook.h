#pragma once
#include "message.h"
#include "result.h"
#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace gw {

// The district's phrase templates (常用语) for each text field of the workflow — the reason for returning a case, the
// handling feedback, ... — so every operator offers the wording the district agreed on. The district server serves
// it as reference data ("phrases", issue 16); resources/seed/phrases.json is only its first version. A person's own
// phrases stay on their computer (PhraseStore) and are offered after the district's.
class PhraseBook
{
    GW_DECLARE_MESSAGES(gw::PhraseBook)
public:
    static constexpr int MaxPhrase = 200;        // characters
    static constexpr int MaxPhrasesPerKind = 40;
    static constexpr int MaxKinds = 40;

    // The text fields phrases are kept for, in the order the workflow asks for them ("return_reason", ...).
    static QStringList fieldKinds();
    static Message kindDisplayName(const QString &kind);  // 退回理由, 处置反馈, ...

    // {"phrases": {"<kind>": ["...", ...]}}: kinds of lower-case letters, digits and "_"; each phrase 1 to MaxPhrase
    // characters with no line break, no phrase twice in a kind. Nothing changes when it is refused; the refusal's
    // field names the kind.
    Result load(const QJsonObject &body);
    Result loadJson(const QByteArray &json);
    QJsonObject toJson() const;
    // Replaces the phrases of one kind (an empty list removes the kind), after the same checks.
    Result setPhrases(const QString &kind, const QStringList &phrases);
    static Result checkPhrases(const QString &kind, const QStringList &phrases);

    QStringList phrases(const QString &kind) const { return m_phrases.value(kind); }
    QStringList kinds() const { return m_phrases.keys(); }

    // The district's phrase book in use in this process: the one served (installDistrict) or else shipped().
    static const PhraseBook &builtin();
    static PhraseBook shipped();
    static void installDistrict(const PhraseBook &book);

private:
    QMap<QString, QStringList> m_phrases;
};

} // namespace gw

#include "searchtext.h"
#include "caserecord.h"
#include <QRegularExpression>
#include <QStringList>
#include <QVarLengthArray>

namespace gw {

bool SearchText::isCjk(char32_t c)
{
    switch (QChar::script(c)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Bopomofo:
        return true;
    default:
        return false;
    }
}

// What unicode61 keeps inside tokens by default: letters, numbers and private-use characters.
static bool isTokenChar(char32_t c)
{
    return QChar::isLetterOrNumber(c) || QChar::category(c) == QChar::Other_PrivateUse
           || QChar::category(c) == QChar::Mark_NonSpacing;
}

static QString fromCodePoint(char32_t c) { return QString::fromUcs4(&c, 1); }

static void appendCodePoint(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out += QChar(QChar::highSurrogate(c));
        out += QChar(QChar::lowSurrogate(c));
    } else {
        out += QChar(char16_t(c));
    }
}

QString SearchText::forIndex(const QString &text)
{
    // Runs for every registration and every search-relevant change: characters are appended in place
    // rather than through temporary strings (same output as forming each token with fromCodePoint).
    QString out;
    out.reserve(text.size() * 3);
    QVarLengthArray<char32_t, 64> run;  // the current run of CJK characters
    auto flushRun = [&] {
        // Every character starts a token: the bigram it begins, or itself at the end of the run.
        for (qsizetype i = 0; i < run.size(); ++i) {
            out += u' ';
            appendCodePoint(out, run[i]);
            if (i + 1 < run.size())
                appendCodePoint(out, run[i + 1]);
            out += u' ';
        }
        run.clear();
    };
    const QList<uint> codePoints = text.toUcs4();
    for (uint c : codePoints) {
        if (isCjk(c)) {
            run.append(c);
            continue;
        }
        flushRun();
        appendCodePoint(out, c);
    }
    flushRun();
    return out;
}

QString SearchText::bodyOf(const CaseRecord &r)
{
    return forIndex(QStringList{r.number, r.title, r.description, r.address, r.gridCell}.join(u'\n'));
}

QString SearchText::forQuery(const QString &userText)
{
    // Phrases ANDed together. Tokens hold only letters, digits and CJK characters, so no quote typed by
    // the user can end a phrase early and no operator survives.
    QStringList phrases;
    bool lastIsWords = false;
    const QStringList terms = userText.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    for (const QString &term : terms) {
        QStringList words;       // Latin/digit words of the current phrase
        QString word;
        QList<char32_t> run;     // current CJK run
        auto flushWord = [&] {
            if (!word.isEmpty())
                words.append(word);
            word.clear();
        };
        auto flushWords = [&] {
            flushWord();
            if (!words.isEmpty()) {
                phrases.append(u'"' + words.join(u' ') + u'"');
                lastIsWords = true;
            }
            words.clear();
        };
        auto flushRun = [&] {
            if (run.isEmpty())
                return;
            if (run.size() == 1) {
                // One character: any token starting with it (the bigrams it begins, or itself).
                phrases.append(u'"' + fromCodePoint(run.first()) + QStringLiteral("\" *"));
            } else {
                QStringList bigrams;
                for (int i = 0; i + 1 < run.size(); ++i)
                    bigrams.append(fromCodePoint(run.at(i)) + fromCodePoint(run.at(i + 1)));
                phrases.append(u'"' + bigrams.join(u' ') + u'"');
            }
            lastIsWords = false;
            run.clear();
        };
        const QList<uint> codePoints = term.toUcs4();
        for (uint c : codePoints) {
            if (isCjk(c)) {
                flushWords();
                run.append(c);
            } else if (isTokenChar(c)) {
                flushRun();
                word += fromCodePoint(c);
            } else {
                flushRun();
                flushWord();  // punctuation inside a term separates words of one phrase: "PL-2026" -> "pl 2026"
            }
        }
        flushRun();
        flushWords();
    }
    if (phrases.isEmpty())
        return {};
    if (lastIsWords)
        phrases.last() += QStringLiteral(" *");  // the last Latin word may still be being typed
    return phrases.join(QStringLiteral(" AND "));
}

} // namespace gw

#pragma once
#include <QString>

namespace gw {

struct CaseRecord;

// Text preparation for the FTS5 index (tokenizer unicode61). unicode61 splits on spaces and punctuation
// only, so a run of Chinese characters would become one long token and a word inside it could never be
// found. We index overlapping CJK bigrams instead (forIndex): "北京路" becomes the tokens 北京 京路 路 —
// every character starts a token. A query of two or more characters becomes the phrase of its bigrams
// ("北京路" -> "北京 京路": adjacent, in order); one character becomes a prefix query (北*). Bigrams keep
// the lists FTS5 merges short: single characters such as 路 occur in nearly every address.
// Latin words and digits stay whole words.
class SearchText
{
public:
    // Text as it goes into the index. Must stay stable: the contentless index deletes by re-tokenizing
    // the old text, so a change here needs a rebuild of the index (CaseStore::rebuildSearchIndex).
    static QString forIndex(const QString &text);
    static constexpr int Format = 2;  // stored in meta.search_format; a different value triggers a rebuild
    // Everything of a case that search covers: number, title, description, address, grid cell.
    static QString bodyOf(const CaseRecord &record);
    // A safe FTS5 MATCH expression: each whitespace-separated term becomes a quoted phrase, all terms
    // must match (AND), the last Latin/digit term matches as a prefix. Punctuation, quotes, *, ^, :,
    // parentheses and operators typed by the user are only separators here, never syntax.
    // Returns an empty string when the input holds nothing searchable.
    static QString forQuery(const QString &userText);
    static bool isCjk(char32_t codePoint);
};

} // namespace gw

// Character properties and search folding, backed by tables generated from
// Debian's unicode-data (UnicodeData.txt, CaseFolding.txt) by
// tools/gen_unicode_tables.cpp into src/search/text/unicode_tables.cpp.
#pragma once

#include <string>
#include <string_view>

namespace osprey::text {

enum class CharClass : unsigned char {
  kOther,   // separators, punctuation, symbols, controls, unassigned
  kLetter,  // general category L*
  kNumber,  // general category N*
  kMark,    // general category M* (kept inside words)
};

CharClass char_class(char32_t cp);

/// True for scripts written without spaces that are indexed as overlapping
/// bigrams: Han, Hiragana, Katakana, Hangul syllables and Jamo.
bool is_cjk(char32_t cp);

/// The folding rules of a language (docs/languages.md). kTurkic, for Turkish
/// and Azeri ("tr", "az"): I folds to dotless ı (U+0131) and İ (U+0130) to i,
/// as those languages pair them; ı stays ı. kDefault, every other language:
/// I folds to i, İ to i (its dot is a mark), ı stays ı.
enum class Folding : unsigned char { kDefault, kTurkic };

/// The folding rules of text in language (a schema language code).
Folding folding_for(std::string_view language);

/// Appends the search form of cp: compatibility decomposition (NFKD), full case
/// folding (CaseFolding.txt statuses C and F; with kTurkic, T for I and İ) and
/// removal of nonspacing marks (Mn), repeated to a fixed point, so
/// fold(fold(x)) == fold(x). Most code points map to themselves; some map to
/// nothing (a lone combining mark) or to several. So ß folds to "ss", final ς
/// to σ, and Greek tonos and dialytika are removed (ά → α, ϊ → ι).
void fold_append(char32_t cp, std::u32string& out, Folding folding = Folding::kDefault);

/// Folds a whole UTF-8 string (invalid bytes become U+FFFD first) to UTF-8.
std::string fold(std::string_view utf8, Folding folding = Folding::kDefault);

/// utf8 in lower case with its marks kept, for the Snowball stemmers that read
/// them (analyzer.hpp stem_word): the capitals of ASCII, Latin-1 (À-Þ),
/// Latin Extended-A (Ā-ž, Ÿ) and Romanian's Ș Ț (U+0218, U+021A) become their
/// small letters; with kTurkic, I becomes ı and İ becomes i; with kDefault,
/// İ becomes i. Every other code point is kept as it is (invalid bytes become
/// U+FFFD), so a word of another script may still hold capitals: callers
/// check that the result folds to the word's term.
std::string lowercase_latin(std::string_view utf8, Folding folding = Folding::kDefault);

}  // namespace osprey::text

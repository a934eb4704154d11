#include "text/analyzer.hpp"

#include "text/snowball.hpp"
#include "text/snowball_algorithms.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace osprey::text {

namespace {

// Snowball's Arabic (2.2.0) takes the conjunctions و "and" and ف "so" off a
// word only before a letter other than alef, so that words beginning with وا
// or فا keep their first letter; the article ال begins with alef, so
// "and the book" (والكتاب) and "so the book" (فالكتاب) keep both prefixes
// and never meet "the book" (الكتاب -> كتاب), while وبالكتاب does. All 131,646
// words of snowball-data's Arabic vocabulary that begin with وال or فال keep
// them in its output. The conjunction is taken off here when what follows is
// the article and at least three letters, the length at which Snowball takes
// the article off (its "len_more_than 4"): the rest is stemmed as a word of
// its own. Shorter words (والد "father", والي "governor") are not touched;
// longer words of the root و-ل-د are (والدين -> دين): 2,710 words of the
// vocabulary begin with والد or فالد, most of them و + ال + د... words.
constexpr std::string_view kWaw = "\xd9\x88";              // و U+0648
constexpr std::string_view kFa = "\xd9\x81";               // ف U+0641
constexpr std::string_view kArticle = "\xd8\xa7\xd9\x84";  // ال U+0627 U+0644
constexpr std::size_t kArticleWordMinLetters = 5;          // ال + three letters

/// The word without a conjunction before its article (see above), or the word.
std::string_view arabic_without_conjunction(std::string_view term) {
  if (!term.starts_with(kWaw) && !term.starts_with(kFa)) return term;
  std::string_view rest = term.substr(kWaw.size());  // both are two bytes
  if (!rest.starts_with(kArticle) || code_points(rest) < kArticleWordMinLetters) return term;
  return rest;
}

// The languages whose Snowball stemmer reads marks (stem_word), by code. Each
// is measured over snowball-data's vocabulary in docs/stemming.md.
constexpr std::string_view kMarkedStemming[] = {"ca", "da", "de", "es", "fr", "hu", "it",
                                                "lt", "no", "pt", "ro", "sr", "sv", "tr"};

}  // namespace

bool stems_marked_words(std::string_view language) {
  for (std::string_view l : kMarkedStemming) {
    if (l == language) return true;
  }
  return false;
}

std::string marked_word(std::string_view term, std::string_view word, std::string_view language) {
  if (!stems_marked_words(language) || word == term) return {};
  const Folding folding = folding_for(language);
  std::string lowered = lowercase_latin(word, folding);
  if (lowered == term || fold(lowered, folding) != term) return {};
  return lowered;
}

std::string stem_word(std::string_view term, std::string_view word, std::string_view language) {
  const std::string lowered = marked_word(term, word, language);
  if (lowered.empty()) return stem_term(term, language);
  const std::string stem = stem_term(lowered, language);
  return fold(stem, folding_for(language));
}

std::string stem_term(std::string_view folded_term, std::string_view language) {
  const SnowballAlgorithm* algorithm = stemmer_for_language(language);
  if (algorithm == nullptr) return std::string(folded_term);
  // Numbers, versions and codes ("3.11", "h264", "runs2") are not words.
  for (char c : folded_term) {
    if (c >= '0' && c <= '9') return std::string(folded_term);
  }
  const std::string_view word =
      language == "ar" ? arabic_without_conjunction(folded_term) : folded_term;
  std::optional<std::string> stem = snowball_stem(algorithm->name, word);
  if (!stem || stem->empty()) return std::string(folded_term);
  return std::move(*stem);
}

}  // namespace osprey::text

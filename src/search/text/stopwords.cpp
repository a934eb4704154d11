#include "text/stopwords.hpp"

#include <algorithm>
#include <array>

namespace osprey::text {
namespace {

// Sorted (byte order) for binary search; folded forms, apostrophes removed as the
// tokenizer removes them. A short list: function words only, so that words such as
// "against", "without" or "first" stay meaningful.
constexpr std::array<std::string_view, 96> kStopWords = {
    "a",    "about", "after",  "all",   "also",  "am",   "an",    "and",   "any",    "are",
    "as",   "at",    "be",     "been",  "being", "but",  "by",    "can",   "could",  "did",
    "do",   "does",  "for",    "from",  "had",   "has",  "have",  "he",    "her",    "here",
    "hers", "him",   "his",    "how",   "i",     "if",   "in",    "into",  "is",     "it",
    "its",  "me",    "my",     "no",    "nor",   "not",  "of",    "on",    "or",     "our",
    "ours", "she",   "should", "so",    "some",  "such", "than",  "that",  "the",    "their",
    "them", "then",  "there",  "these", "they",  "this", "those", "to",    "too",    "us",
    "very", "was",   "we",     "were",  "what",  "when", "where", "which", "while",  "who",
    "whom", "why",   "will",   "with",  "would", "you",  "your",  "yours", "itself", "just",
    "own",  "same",  "each",   "both",  "only",  "once",
};

constexpr auto kSorted = [] {
  auto words = kStopWords;
  std::sort(words.begin(), words.end());
  return words;
}();

}  // namespace

bool is_stop_word(std::string_view folded_term) {
  return std::binary_search(kSorted.begin(), kSorted.end(), folded_term);
}

}  // namespace osprey::text

// Typo-tolerant dictionary lookup: every term of a sorted dictionary within a
// bounded Damerau-Levenshtein distance (optimal string alignment: insert,
// delete, substitute, transpose adjacent) of a word, counted in code points.
//
// The sorted dictionary is walked as an implicit trie: one DP row per code
// point of the current prefix, rows shared with the previous term's common
// prefix, and a whole prefix range skipped (by binary search) as soon as no
// extension of it can come within the distance. Work grows with the number of
// prefixes within reach, not with the dictionary size.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace osprey::query {

struct FuzzyMatch {
  uint32_t term;     // index into the dictionary
  uint8_t distance;  // edits; 0 for the word itself
};

struct FuzzyOptions {
  uint8_t max_distance = 1;  // at most 2 is supported; larger values are clamped
  bool prefix = false;       // match terms that START with something within distance
  std::size_t max_results = 200;
};

/// Terms of dictionary (sorted by bytes, unique, valid UTF-8) within
/// max_distance of word. Results are ordered by (distance, term index); when
/// more than max_results qualify, the closest ones are kept (ties: lower index).
/// In prefix mode the distance is that of the best-matching prefix of the term
/// ("deportaton" is 1 from a prefix of "deportations"); the empty prefix counts,
/// so a word of at most max_distance code points matches every term.
/// - An empty word, or max_results == 0, gives no results (in both modes).
/// - A word longer than 64 code points is matched exactly: the term equal to it,
///   or in prefix mode the terms starting with it, all at distance 0.
/// - Ill-formed UTF-8 (word or terms) is scored as its decoding, one U+FFFD per
///   maximal subpart. An unsorted dictionary gives unspecified results (but
///   stays in bounds).
/// - The dictionary has fewer than 2^32 terms (FuzzyMatch::term is 32-bit).
/// Allocates only the matches and, once per call, O(|word|^2) bytes of DP rows.
std::vector<FuzzyMatch> fuzzy_terms(std::span<const std::string> dictionary, std::string_view word,
                                    const FuzzyOptions& options);

/// The edit distance allowed for a word of n code points with the default
/// policy: 0 below 4, 1 from 4, 2 from 8 (thresholds configurable by caller).
inline uint8_t typo_budget(std::size_t n, std::size_t one_from = 4, std::size_t two_from = 8) {
  return n >= two_from ? 2 : n >= one_from ? 1 : 0;
}

}  // namespace osprey::query

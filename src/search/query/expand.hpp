// Query expansion: a parsed query becomes a plan of groups whose atoms name the
// dictionary terms they match, each with its tier. Expansion is where stemming,
// prefix search-as-you-type and typo tolerance happen; scoring (ranking.hpp)
// only reads the plan.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/index.hpp"
#include "query/bm25.hpp"
#include "query/fuzzy.hpp"
#include "query/parse.hpp"

namespace osprey::query {

/// How a dictionary term matched a query word; lower is better. Ranking puts
/// exact above stemmed above prefix above typo, but for the word being typed
/// (PlannedGroup::typed) only typo below the others (docs/ranking.md).
enum class Tier : uint8_t { kExact = 0, kStem = 1, kPrefix = 2, kTypo = 3 };

struct Expansion {
  uint32_t term;  // dictionary term id
  Tier tier;
  uint8_t distance = 0;  // typo edits (kTypo only)
  float weight = 1;      // the form's share of a match in BM25F's tf~ (form_weight)
};

/// The dictionary terms one query word stands for.
struct WordMatch {
  std::string word;                   // the folded query word
  std::vector<Expansion> expansions;  // best tier first; may be empty (no such word)
  uint32_t position = 0;              // word position within its atom (phrases)
};

enum class AtomKind : uint8_t {
  kTerm,    // one word: a document matches if it holds any expansion
  kPhrase,  // words at consecutive positions (the position deltas of the query)
  kFacet,   // a facet-only field: a document matches if a value equals the text
};

struct PlannedAtom {
  AtomKind kind = AtomKind::kTerm;
  int field = -1;                      // restrict to this schema field; -1: all searchable
  std::vector<WordMatch> words;        // kTerm: 1 word; kPhrase: >= 2
  std::vector<uint32_t> facet_values;  // kFacet: matching value ids of field
};

/// Alternatives. A hyphenated compound typed as one word ("cross-border")
/// becomes two atoms: the joined word, and its parts as a phrase.
struct PlannedGroup {
  std::vector<PlannedAtom> any;
  bool exclude = false;
  bool stop = false;  // only stop words: optional unless the query has nothing else
  /// The word being typed (the last bare word, prefix on): its exact, stemmed
  /// and completed forms compete by score, not by tier (docs/ranking.md).
  bool typed = false;
  std::string label;  // the group as typed, for "matched terms" and suggestions
};

struct Plan {
  std::vector<PlannedGroup> groups;
  Bm25 bm25;  // what the groups are scored with: the schema's weights unless a search sets them
};

/// The most dictionary terms a prefix (search-as-you-type, completions) or a
/// typo lookup's kept beginning or end may match to be used: a wider range
/// would load a large part of a sharded dictionary for one word.
inline constexpr std::size_t kMaxRangeTerms = 8192;

/// Completions of a typed prefix kept (add_prefix), in order of evidence
/// (document frequency x closeness) among the prefix's dictionary range, stop
/// words of the index left out: the first always, then each of the next, up
/// to kMaxPrefixTerms in all, whose documents, summed with those of the
/// completions kept before it, still fit in kPrefixDocs
/// (ExpandOptions::prefix_docs). A completion's postings grow with its
/// documents, so this bounds the postings a keystroke fetches for the word
/// being typed, whatever the prefix; it reads only the dictionary, so an
/// index gives the same completions however it is split and whatever is
/// loaded. docs/ranking.md "Typing".
inline constexpr uint32_t kPrefixDocs = 8192;
inline constexpr std::size_t kMaxPrefixTerms = 512;
/// The budget of a word being typed of one code point (a word just begun):
/// its letter's completions cost the most postings and say the least; and of
/// two, whose completions are still many and spread over many postings parts.
inline constexpr uint32_t kFirstLetterDocs = 1024;
inline constexpr uint32_t kTwoLetterDocs = 4096;

/// The weight of a completion (a prefix-tier form) of a typed word:
///   (0.6 + 0.4 x closeness) / (1 + 0.1 x ln(df_max / df))
/// closeness = typed code points / completion code points, df the
/// completion's document frequency and df_max the highest among the word's
/// kept completions: a completion barely longer than what was typed counts
/// almost as the word itself, a long or rare one less (1,000 times rarer than
/// the most frequent: 0.59 of it). docs/ranking.md "Typing".
float completion_weight(std::size_t typed_code_points, std::size_t completion_code_points,
                        uint32_t df, uint32_t df_max);

/// The completion hints of a whole index (Index::prefix_hints, built
/// without hints): one per prefix of 1 ... kMaxHintCodePoints code points
/// whose range holds at least kHintRangeTerms terms (or more than
/// kMaxRangeTerms), when what add_prefix keeps for the prefix as typed, and
/// its exact and stem forms among the range, are at most kMaxHintTerms each.
/// A sharded index then completes such a word from its base: the first
/// letter of a word costs no dictionary blocks but the one of its exact form.
/// Expansion gives the same completions with or without them.
inline constexpr uint32_t kHintRangeTerms = 256;
std::vector<PrefixHint> completion_hints(const Index& index);

struct ExpandOptions {
  bool prefix = true;  // the last bare word matches as a prefix
  bool typos = true;
  uint8_t typo_one_from = 4;           // code points for 1 edit
  uint8_t typo_two_from = 8;           // code points for 2 edits
  uint32_t prefix_docs = kPrefixDocs;  // the completions' budget (kPrefixDocs)
  std::size_t max_typo_terms = 32;     // typo forms, and as many of their stem families
  /// A sharded index: the dictionary and reverse blocks a lookup needs that
  /// are not loaded are added here, and the plan is not valid until they are.
  Needs* needs = nullptr;
};

Plan expand(const Index& index, const ParsedQuery& query, const ExpandOptions& options);

/// The terms within max_distance edits of word (fuzzy.hpp; in prefix mode,
/// also those starting with something that close), among those that keep
/// part of the word intact. With k = its code points minus max_distance:
/// the first ceil(k/2) code points as the term's beginning, or the last
/// floor(k/2) as its end (then the whole term is within reach, prefix mode
/// or not); for two edits, at most 2 code points at either end. Every word
/// one edit from a term keeps one of them; a word two edits away keeps one
/// unless one edit falls in its first two code points and the other in its
/// last two. A beginning or end shared by more than kMaxRangeTerms terms is
/// not used (Index::prefix_range). A lazily loaded index answers from the
/// dictionary blocks holding that beginning and the reverse blocks holding
/// that end, so results never depend on how the index is split. Ordered by
/// (distance, term id), at most max_results (the closest).
std::vector<FuzzyMatch> typo_matches(const Index& index, std::string_view word,
                                     uint8_t max_distance, bool prefix, std::size_t max_results,
                                     Needs* needs);

}  // namespace osprey::query

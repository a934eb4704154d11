// Excerpts and highlights: document text cut into segments marked match /
// not-match. Never HTML: callers render segments as text nodes.
//
// A token of the text matches when its folded term is one of the given matched
// terms (the dictionary terms a query expanded to: exact, stemmed, prefix and
// typo forms). Offsets come from the tokenizer, so a hyphenated compound such as
// "cross-border" is highlighted whole when "crossborder" matched, and the
// original text, case and accents are kept.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/unicode.hpp"

namespace osprey::query {

struct Segment {
  std::string text;  // a slice of the original text (valid UTF-8)
  bool match;        // a highlighted query match
};

/// A matched dictionary term and which query term (0..) it stands for.
struct MatchedTerm {
  std::string term;
  uint32_t query_term;
};

struct Excerpt {
  std::vector<Segment> segments;
  bool cut_start = false;  // text was cut before the first segment (show "…")
  bool cut_end = false;    // text was cut after the last segment
  uint32_t begin = 0;      // byte offset in the text where the first segment starts
  uint32_t begin16 = 0;    // the same offset in UTF-16 code units, in the whole value
};

/// Where a text given to Excerpter::excerpt lies in the value it is a slice
/// of (text parts hold long values in pieces, index/text_parts.hpp).
struct SliceContext {
  uint32_t position = 0;  // word position of the text's first token in the value
  uint32_t offset16 = 0;  // UTF-16 offset of the text in the value
  bool before = false;    // the value has words before the text
  bool after = false;     // the value has words after the text
  uint32_t total = 0;     // the value's word positions, when known (else 0)
};

/// A matching word at a position, and the query terms it stands for (ids
/// below the id count given with it).
struct PositionMatch {
  uint32_t position;
  const std::vector<uint32_t>* query_terms;
};

/// The first word position of the best window of `words` positions of a
/// text of total > words positions, given its matches in position order:
/// the window holding the most distinct query terms, then the most matches,
/// then the earliest, with the matched span centered in it (an odd word out
/// before it) and kept inside the text. 0 when there is no match. count is
/// scratch. The one rule for excerpts cut from text and for choosing, from
/// postings positions, which pieces of a long value an excerpt needs.
uint32_t best_window(const std::vector<PositionMatch>& matches, std::size_t id_count,
                     uint32_t total, std::size_t words, std::vector<uint32_t>& count);

/// Cuts excerpts for one query from many texts: the matched terms are indexed
/// once, and token buffers are reused. Not for concurrent use.
class Excerpter {
 public:
  /// folding: the index language's (text/unicode.hpp folding_for), as the
  /// text was indexed with.
  explicit Excerpter(text::Folding folding = text::Folding::kDefault);
  ~Excerpter();
  Excerpter(const Excerpter&) = delete;
  Excerpter& operator=(const Excerpter&) = delete;

  /// Adds a matched dictionary term, which must outlive the Excerpter (it is
  /// not copied), standing for query term query_term.
  void add(std::string_view term, uint32_t query_term);
  /// As the free functions below, with the terms added so far.
  Excerpt highlight(std::string_view text);
  Excerpt excerpt(std::string_view text, std::size_t words = 30);
  /// The excerpt of the value that text is a slice of, cut from the slice:
  /// the same window as from the whole value when the slice holds it (its
  /// matches are the whole value's within the slice, and a window's words
  /// and matches outside the slice cannot make it better); cut_start /
  /// cut_end also count the words outside the slice; begin is in text.
  Excerpt excerpt(std::string_view text, std::size_t words, const SliceContext& where);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The whole text, segmented (for titles). Segments alternate between plain
/// and match, are never empty, and concatenate to the text (invalid UTF-8
/// replaced by U+FFFD). Overlapping or touching matches merge; matched words
/// with anything between them stay separate segments.
Excerpt highlight(std::string_view text, const std::vector<MatchedTerm>& matched);

/// The best window of about `words` words (word positions; 0 counts as 1): the
/// one holding the most distinct query terms, then the most matches, then the
/// earliest, shifted to center its matches. With no match, the first `words`
/// words. The slice starts at a word's first byte and ends at a word's last
/// byte; a hyphenated compound at either edge is kept whole, so a few more
/// words may show. cut_start / cut_end say whether words were left out. A text
/// of at most `words` words comes back whole, edge spaces and all, uncut.
Excerpt excerpt(std::string_view text, const std::vector<MatchedTerm>& matched,
                std::size_t words = 30);

}  // namespace osprey::query

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
};

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

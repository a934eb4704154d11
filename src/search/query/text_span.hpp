// Which words of a text field's value (index/text_parts.hpp: long values kept
// in pieces) a hit's excerpt shows, found before the value is fetched: the
// postings of the query's matched terms give their positions in the field,
// and best_window (excerpt.hpp) picks the window the excerpt of the whole
// value would, so a search fetches only the text parts holding that window.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "index/index.hpp"
#include "query/excerpt.hpp"

namespace osprey::query {

/// Word positions [first, last] of a value; last kWholeValue: to its end.
struct WordSpan {
  uint32_t first = 0;
  uint32_t last = 0;
};
inline constexpr uint32_t kWholeValue = std::numeric_limits<uint32_t>::max();

/// The span doc's field shows in an excerpt of `words` (>= 1) words, given
/// the matched terms as (term id, query term) pairs, their postings loaded:
/// the whole value when it has at most `words` positions; the best window
/// when a matched term occurs in it, or only the positions of the window's
/// first to last match when the window reaches into a text part they do not
/// (the excerpt's window then moves inside their parts, holding the same
/// matches: one part fetched, not two); else its first `words` positions
/// (also when no loaded postings part gives its length: no term matched it).
/// When the stored value's positions differ from the indexed ones (a
/// multi-valued field, indexed with a gap between values) the window may
/// be another than the excerpt's; the excerpt is then cut from what the
/// span fetched.
WordSpan excerpt_span(const Index& index, const std::vector<std::pair<uint32_t, uint32_t>>& terms,
                      uint32_t doc, uint32_t field, std::size_t words);

/// Adds to needs the text parts that doc's excerpts of its text fields need
/// (excerpt_span; whole values for the fields in asked, a field set of the
/// `fields` option). words: the search's excerptWords.
void need_text_parts(const Index& index, const std::vector<std::pair<uint32_t, uint32_t>>& terms,
                     uint32_t doc, uint64_t asked, std::size_t words, Needs& needs);

/// The excerpt of doc's searchable stored field: cut from its value when it
/// is in Index::stored, else, for a text field, from its loaded pieces (those
/// need_text_parts names), with begin in the value; nullopt when there is
/// neither (no value).
std::optional<Excerpt> field_excerpt(const Index& index,
                                     const std::vector<std::pair<uint32_t, uint32_t>>& terms,
                                     uint32_t doc, uint32_t field, uint64_t asked,
                                     std::size_t words, Excerpter& excerpter);

}  // namespace osprey::query

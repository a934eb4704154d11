// Which words of a text field's value (index/text_parts.hpp: long values kept
// in pieces) a hit's excerpt shows, found before the value is fetched: the
// postings of the query's matched terms give their positions in the field,
// and best_window (excerpt.hpp) picks the window the excerpt of the whole
// value would, so a search fetches only the text parts holding that window.
#pragma once

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "index/index.hpp"

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
/// when a matched term occurs in it; else its first `words` positions
/// (also when no loaded postings part gives its length: no term matched it).
/// When the stored value's positions differ from the indexed ones (a
/// multi-valued field, indexed with a gap between values) the window may
/// be another than the excerpt's; the excerpt is then cut from what the
/// span fetched.
WordSpan excerpt_span(const Index& index, const std::vector<std::pair<uint32_t, uint32_t>>& terms,
                      uint32_t doc, uint32_t field, std::size_t words);

}  // namespace osprey::query

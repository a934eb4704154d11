#include "query/text_span.hpp"

#include <algorithm>

#include "core/small_sort.hpp"
#include "query/excerpt.hpp"

namespace osprey::query {

WordSpan excerpt_span(const Index& index, const std::vector<std::pair<uint32_t, uint32_t>>& terms,
                      uint32_t doc, uint32_t field, std::size_t words) {
  const uint32_t length = index.field_length[field][doc];
  const WordSpan opening{0, static_cast<uint32_t>(std::min<std::size_t>(words, kWholeValue)) - 1};
  if (length == kUnknownLength) return opening;
  if (length <= words) return {0, kWholeValue};
  // Per distinct term, the query terms it stands for (as the Excerpter's
  // matcher groups them). The pair type pages.cpp sorts, by the same
  // merge_sort: one instantiation in the wasm for both.
  std::vector<std::pair<uint32_t, std::size_t>> sorted(terms.begin(), terms.end());
  merge_sort(sorted);
  std::vector<uint32_t> term_of;
  std::vector<std::vector<uint32_t>> ids;
  uint32_t id_count = 0;
  for (const auto& [term, q] : sorted) {
    const auto query_term = static_cast<uint32_t>(q);
    if (term_of.empty() || term_of.back() != term) {
      term_of.push_back(term);
      ids.emplace_back();
    }
    if (std::find(ids.back().begin(), ids.back().end(), query_term) == ids.back().end()) {
      ids.back().push_back(query_term);
    }
    id_count = std::max(id_count, query_term + 1);
  }
  // (position, distinct term) of every match in this field of doc, in
  // position order (the same pair type); matches at one position may come in
  // any order, the window opening at the first of them holds the others
  // (best_window).
  std::vector<std::pair<uint32_t, std::size_t>> at;
  for (std::size_t i = 0; i < term_of.size(); ++i) {
    const PostingList& p = index.postings[term_of[i]];
    const auto it = std::lower_bound(p.docs.begin(), p.docs.end(), doc);
    if (it == p.docs.end() || *it != doc) continue;
    const std::size_t d = it - p.docs.begin();
    for (uint32_t e = p.entry_begin[d]; e < p.entry_begin[d + 1]; ++e) {
      if (p.entry_field[e] != field) continue;
      for (uint32_t k = p.pos_begin[e]; k < p.pos_begin[e + 1]; ++k)
        at.emplace_back(p.positions[k], i);
    }
  }
  if (at.empty()) return opening;
  merge_sort(at);
  std::vector<PositionMatch> matches;
  for (const auto& [position, i] : at) matches.push_back({position, &ids[i]});
  std::vector<uint32_t> count;
  const uint32_t start = best_window(matches, id_count, length, words, count);
  const WordSpan window{
      start, static_cast<uint32_t>(std::min<uint64_t>(uint64_t{start} + words - 1, length))};
  // The window's matches [first, last]: when the window reaches into a text
  // part they do not, only their parts are fetched (the excerpt's window is
  // then moved inside them: Excerpter, SliceContext).
  uint32_t first = window.last;
  uint32_t last = window.first;
  for (const auto& [position, i] : at) {
    if (position < window.first || position > window.last) continue;
    first = std::min(first, position);
    last = std::max(last, position);
  }
  if (first > last) return window;
  const WordSpan matched{first, last};
  if (index.text_parts(doc, field, matched.first, matched.last) !=
      index.text_parts(doc, field, window.first, window.last)) {
    return matched;
  }
  return window;
}

namespace {

WordSpan span_of(const Index& index, const std::vector<std::pair<uint32_t, uint32_t>>& terms,
                 uint32_t doc, uint32_t field, uint64_t asked, std::size_t words) {
  if (asked >> field & 1) return {0, kWholeValue};
  return excerpt_span(index, terms, doc, field, std::max<std::size_t>(words, 1));
}

}  // namespace

// Not inlined: kept out of the -O2 search code of the wasm (its size budget).
[[gnu::noinline]] void need_text_parts(const Index& index,
                                       const std::vector<std::pair<uint32_t, uint32_t>>& terms,
                                       uint32_t doc, uint64_t asked, std::size_t words,
                                       Needs& needs) {
  for (uint32_t f = 0; f < index.text_field.size(); ++f) {
    if (!index.text_field[f]) continue;
    const WordSpan span = span_of(index, terms, doc, f, asked, words);
    index.text_ready(doc, f, span.first, span.last, &needs);
  }
}

[[gnu::noinline]] std::optional<Excerpt> field_excerpt(
    const Index& index, const std::vector<std::pair<uint32_t, uint32_t>>& terms, uint32_t doc,
    uint32_t field, uint64_t asked, std::size_t words, Excerpter& excerpter) {
  if (const auto& value = index.stored[field][doc]) return excerpter.excerpt(*value, words);
  if (!index.is_text_field(field)) return std::nullopt;
  const WordSpan span = span_of(index, terms, doc, field, asked, words);
  const std::optional<TextSlice> slice = index.text_slice(doc, field, span.first, span.last);
  if (!slice) return std::nullopt;
  const uint32_t length = index.field_length[field][doc];
  const SliceContext where{.position = slice->position,
                           .offset16 = slice->offset16,
                           .before = !slice->starts,
                           .after = !slice->ends,
                           .total = length == kUnknownLength ? 0 : length};
  Excerpt e = excerpter.excerpt(slice->text, words, where);
  e.begin += slice->offset;
  return e;
}

}  // namespace osprey::query

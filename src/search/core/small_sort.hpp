// Sorting of short lists (a query's words, a word's code points) by insertion:
// in the wasm engine each std::sort instantiation is 0.5-1.3 KB of gzip, and
// these lists hold at most a few dozen items.
#pragma once

#include <iterator>
#include <utility>

namespace osprey {

/// Sorts [first, last) by less, stably; O(n²): for short ranges only.
template <typename It, typename Less>
void insertion_sort(It first, It last, Less less) {
  if (first == last) return;
  for (It i = std::next(first); i != last; ++i) {
    auto item = std::move(*i);
    It j = i;
    for (; j != first && less(item, *std::prev(j)); --j) *j = std::move(*std::prev(j));
    *j = std::move(item);
  }
}

}  // namespace osprey

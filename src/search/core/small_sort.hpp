// Sorts with little code: in the wasm engine each std::sort instantiation is
// 0.5-1.3 KB of gzip, each std::stable_sort (with its merge, buffer and
// insertion helpers) about 1 KB. Short lists (a query's words, a word's code
// points) are sorted by insertion; longer ones that must keep the order of
// equal items (facet values, typo forms) by merge_sort. Both are stable, so
// they order items exactly as std::stable_sort does; merge_sort also stands
// for std::sort where no two items are equivalent yet different (integers,
// pairs, a total order) or where their order cannot show in the result.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <iterator>
#include <utility>
#include <vector>

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

/// Sorts v by less, stably, in O(n log n) moves and comparisons: a bottom-up
/// merge sort through a buffer of v.size() default-constructed items.
template <typename T, typename Less = std::less<>>
void merge_sort(std::vector<T>& v, Less less = Less()) {
  const std::size_t n = v.size();
  if (n < 2) return;
  std::vector<T> merged(n);
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      std::size_t i = lo, j = mid, k = lo;
      // From the right run only when strictly less: equal items keep their order.
      while (i < mid && j < hi) merged[k++] = std::move(less(v[j], v[i]) ? v[j++] : v[i++]);
      while (i < mid) merged[k++] = std::move(v[i++]);
      while (j < hi) merged[k++] = std::move(v[j++]);
    }
    v.swap(merged);
  }
}

}  // namespace osprey

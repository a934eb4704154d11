#include "core/small_sort.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace {

// (key, place): sorted by key alone, so equal keys are told apart by place,
// which only a stable sort keeps in order.
using Item = std::pair<uint32_t, uint32_t>;
bool by_key(const Item& a, const Item& b) {
  return a.first < b.first;
}

std::vector<Item> random_items(std::mt19937& rng, std::size_t n, uint32_t keys) {
  std::vector<Item> v;
  for (uint32_t i = 0; i < n; ++i) v.emplace_back(static_cast<uint32_t>(rng() % keys), i);
  return v;
}

}  // namespace

TEST_CASE("merge_sort and insertion_sort order as std::stable_sort does", "[small_sort][prop]") {
  std::mt19937 rng(20261206);
  for (std::size_t n : {0, 1, 2, 3, 7, 8, 9, 31, 64, 100, 257, 1000}) {
    for (uint32_t keys : {1u, 3u, 50u, 1u << 30}) {
      const std::vector<Item> items = random_items(rng, n, keys);
      std::vector<Item> expected = items;
      std::stable_sort(expected.begin(), expected.end(), by_key);
      std::vector<Item> merged = items;
      osprey::merge_sort(merged, by_key);
      CHECK(merged == expected);
      std::vector<Item> inserted = items;
      osprey::insertion_sort(inserted.begin(), inserted.end(), by_key);
      CHECK(inserted == expected);
    }
  }
}

TEST_CASE("merge_sort sorts by operator< without a comparator", "[small_sort]") {
  std::vector<uint32_t> v{5, 3, 9, 3, 0, 4294967295u, 7};
  osprey::merge_sort(v);
  CHECK(v == std::vector<uint32_t>{0, 3, 3, 5, 7, 9, 4294967295u});
  std::vector<Item> pairs{{2, 1}, {1, 9}, {2, 0}, {1, 2}};
  osprey::merge_sort(pairs);
  CHECK(pairs == std::vector<Item>{{1, 2}, {1, 9}, {2, 0}, {2, 1}});
}

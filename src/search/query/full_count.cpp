#include "query/full_count.hpp"

#include <algorithm>
#include <iterator>

#include "core/small_sort.hpp"
#include "query/match.hpp"
#include "query/ranking.hpp"

namespace osprey::query {

uint64_t count_full(const Index& index, const Plan& plan, const SearchOptions& o,
                    const std::vector<ResolvedFilter>& filters, SearchScratch& buffers) {
  const bool only_stop = std::all_of(plan.groups.begin(), plan.groups.end(),
                                     [](const PlannedGroup& g) { return g.exclude || g.stop; });
  std::vector<std::vector<uint32_t>> required;
  std::vector<uint32_t> excluded;
  for (const PlannedGroup& g : plan.groups) {
    if (g.stop && !only_stop && !g.exclude) continue;  // optional: scores only
    std::vector<uint32_t> docs = group_docs(index, g, plan.bm25, buffers.match);
    if (index.grouped()) {
      // Pages are counted (pages.hpp): a page holds a group when any of its records does.
      for (uint32_t& d : docs) d = index.page_of[d];
      merge_sort(docs);
      docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
    }
    if (!g.exclude) {
      required.push_back(std::move(docs));
      continue;
    }
    std::vector<uint32_t> both;
    std::set_union(excluded.begin(), excluded.end(), docs.begin(), docs.end(),
                   std::back_inserter(both));
    excluded = std::move(both);
  }
  if (required.empty()) {
    return evaluate(index, plan, o, filters, false, buffers).result.full_total;
  }
  // One list per required word (a few): by insertion, smaller code.
  insertion_sort(required.begin(), required.end(),
                 [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<uint32_t> docs = std::move(required[0]);
  for (std::size_t r = 1; r < required.size() && !docs.empty(); ++r) {
    std::vector<uint32_t> both;
    std::set_intersection(docs.begin(), docs.end(), required[r].begin(), required[r].end(),
                          std::back_inserter(both));
    docs = std::move(both);
  }
  uint64_t full = 0;
  for (uint32_t d : docs) {
    if (std::binary_search(excluded.begin(), excluded.end(), d)) continue;
    full += std::all_of(filters.begin(), filters.end(),
                        [&](const ResolvedFilter& f) { return passes(index, f, d); });
  }
  return full;
}

}  // namespace osprey::query

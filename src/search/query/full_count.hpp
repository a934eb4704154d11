// Counting a plan's full matches without ranking them: what did-you-mean
// compares a corrected query by (suggest.hpp), and what decides whether a
// query's typo tier is planned (search_plan.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "index/index.hpp"
#include "query/candidates.hpp"
#include "query/expand.hpp"
#include "query/filters.hpp"
#include "query/search.hpp"

namespace osprey::query {

/// evaluate(..., page = false).result.full_total, without scoring: the
/// documents (with pages, the pages) in every required group and no excluded
/// one that pass the filters. Requires the postings of the plan's terms.
uint64_t count_full(const Index& index, const Plan& plan, const SearchOptions& o,
                    const std::vector<ResolvedFilter>& filters, SearchScratch& buffers);

}  // namespace osprey::query

// Suggestions: did-you-mean (a corrected query that finds at least as much) for search();
// completions of the last word are search.hpp's complete(), defined beside it
// in suggest.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/index.hpp"
#include "query/candidates.hpp"
#include "query/filters.hpp"
#include "query/parse.hpp"
#include "query/search.hpp"

namespace osprey::query {

/// A corrected query when some word is not in the dictionary at all (not
/// even as a prefix) and the nearest common word would find at least as many
/// full matches as full_total (and some); else empty. Parts of a sharded index it still
/// needs are added to needs (then the answer is empty).
std::string suggest(const Index& index, std::string_view text, const ParsedQuery& parsed,
                    const SearchOptions& o, const std::vector<ResolvedFilter>& filters,
                    uint64_t full_total, SearchScratch& buffers, Needs& needs);

}  // namespace osprey::query

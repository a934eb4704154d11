// Ranking a planned query (docs/ranking.md): candidates (candidates.hpp)
// filtered and counted into facets (filters.hpp), then, for a page, the
// position bonuses (proximity.hpp), boosts, the order (typo, tier, score; or
// a sort field) and the page's hits with excerpts.
#pragma once

#include <cstddef>
#include <vector>

#include "index/index.hpp"
#include "query/candidates.hpp"
#include "query/expand.hpp"
#include "query/filters.hpp"
#include "query/search.hpp"

namespace osprey::query {

/// A ranked query: its result (terms, totals, facets; hits once fill_page
/// has run) and what fill_page needs.
struct Evaluation {
  SearchResult result;
  std::vector<int> group_term;      // per plan group: index into result.terms, or -1
  std::vector<Candidate> page;      // the page's candidates, best first (rank(..., page = true))
  std::vector<Candidate> sections;  // with pages: matching section records (pages.hpp)
  std::vector<std::size_t> required, optional;  // plan groups
};

/// Matches, filters, counts facets and ranks; with page, also keeps the
/// page's candidates in order (fill_page makes them hits).
Evaluation rank(const Index& index, const Plan& plan, const SearchOptions& o,
                const std::vector<ResolvedFilter>& filters, bool page, SearchScratch& buffers);

/// The page's hits of a ranked evaluation, with excerpts; or, when a sharded
/// index does not hold the page's stored values yet, their parts in needs.
void fill_page(const Index& index, const Plan& plan, const SearchOptions& o, Evaluation& ev,
               bool excerpts);

/// rank(), then with page fill_page().
Evaluation evaluate(const Index& index, const Plan& plan, const SearchOptions& o,
                    const std::vector<ResolvedFilter>& filters, bool page, SearchScratch& buffers,
                    bool excerpts = true);

}  // namespace osprey::query

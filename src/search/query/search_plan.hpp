// From a query's text and options to a plan (expand.hpp), and the postings
// parts of a sharded index the plan's terms need.
#pragma once

#include <string>
#include <vector>

#include "index/index.hpp"
#include "query/expand.hpp"
#include "query/search.hpp"

namespace osprey::query {

/// The fields a query may name (field:word): the searchable and facet ones.
std::vector<std::string> query_fields(const Index& index);

/// The expansion options of search options; lookups add missing blocks to needs.
ExpandOptions expand_options(const SearchOptions& o, Needs* needs);

/// The postings parts the plan's terms live in that are not loaded, and
/// (when it has any term) the lengths parts not loaded.
void need_postings(const Index& index, const Plan& plan, Needs& needs);

}  // namespace osprey::query

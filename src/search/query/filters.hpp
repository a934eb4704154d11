// Filters and facets of a search: facet filters (any / all / none of some
// values) and range filters resolved against the index, and the facet counts
// of the listed documents, each facet field counted without its own filters
// (disjunctive facets).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "index/index.hpp"
#include "query/candidates.hpp"
#include "query/search.hpp"

namespace osprey::query {

/// A filter resolved to value ids (facet) or bounds (range).
struct ResolvedFilter {
  int field;
  bool range = false;
  FilterMode mode = FilterMode::kAny;
  std::vector<uint32_t> ids;  // facet value ids, sorted
  bool impossible = false;    // "all" naming a value that does not exist
  std::string from, to;
};

/// The options' filters and ranges, resolved; an error names a field that is
/// not a facet (filters) or not stored or sortable (ranges). A facet filter
/// without values is dropped: it constrains nothing.
Result<std::vector<ResolvedFilter>> resolve_filters(const Index& index, const SearchOptions& o);

/// Whether doc passes filter f.
bool passes(const Index& index, const ResolvedFilter& f, uint32_t doc);

/// Per candidate, the fields of the filters it fails: bit f set when a filter
/// on schema field f fails (fields are fewer than 64, kMaxFields; filters are
/// not counted, so any number of them is fine).
std::vector<uint64_t> failed_filters(const Index& index, const std::vector<ResolvedFilter>& filters,
                                     const std::vector<Candidate>& candidates);

/// The facet counts over the listed candidates (listed[i] non-zero), each
/// field's counts ignoring the filters on that field: values counted or
/// selected by a filter, by count descending, at most o.facet_limit besides
/// the selected ones.
std::vector<FacetResult> count_facets(const Index& index, const SearchOptions& o,
                                      const std::vector<ResolvedFilter>& filters,
                                      const std::vector<Candidate>& candidates,
                                      const std::vector<uint64_t>& failed,
                                      const std::vector<uint8_t>& listed);

}  // namespace osprey::query

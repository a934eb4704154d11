// Search options as JSON text: the one reader of what a caller asks for.
// web/osprey-core.js sends JSON.stringify(options) of Searcher.search (and
// {"n"} of complete) unchecked; `osprey search --options JSON` passes its
// argument. Reading and validating happen here only, with the messages the
// page API shows (an OspreyError "invalid-argument").
//
// The options object (web/osprey.d.ts SearchOptions; every key optional):
//   offset, limit, excerptWords, facetLimit, sections
//                non-negative integers, above 0x7fffffff taken as 0x7fffffff
//   prefix, typos, partial, browse, facets, suggest
//                true or false
//   filters      [{field, values, mode: "any"|"all"|"none"}] (values: a value
//                or an array of them; mode missing or falsy: "any"), or
//                {field: value | [values]} (each "any")
//   ranges       [{field, from, to}] (a missing or null bound is open)
//   sort         "relevance" or "" (by relevance), "FIELD", "FIELD:asc",
//                "FIELD:desc", or {field, descending} (descending unless false);
//                any other type is ignored
//   fields       [names]: stored fields a hit carries whole besides its
//                display fields (query/hit_fields.hpp); replaces the list
//   ranking      {termSaturation, pageLength, fieldWeights} (docs/ranking.md
//                "Ranking options"), each optional: BM25F's k1, a number from
//                0 to 100 (default 1.2); b, from 0 to 1 (default 0.75);
//                {field: weight} replacing searchable fields' schema weights,
//                each from 1e-6 to 1000 (the list replaces the one before).
//                Any other key in it is an error; search() checks that each
//                field named is searchable.
// Field names and values are strings; another JSON value stands for what JS
// String() makes of it (2021 -> "2021"), as the page API always did. Unknown
// keys are ignored; a key given twice counts once, with its last value (as
// JSON.parse), except in the filters object, where each is a filter. Whether a
// named field exists (and can be filtered, sorted, carried) is search()'s
// check: "fields: \"x\" is not a stored field".
//
// Bounds: at most kMaxOptionsBytes of text; the reader is not recursive (any
// nesting depth costs a token per value, never stack), and it keeps at most
// one token per value.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/result.hpp"
#include "query/search.hpp"

namespace osprey {

inline constexpr std::size_t kMaxOptionsBytes = std::size_t{1} << 20;

/// The options object in text applied onto options: keys present replace
/// their option, filters and ranges are added to those already there (onto
/// the defaults, it gives exactly what the object says). Errors are
/// kInvalidInput with a one-line message such as "limit must be a
/// non-negative integer (got -1)".
Result<SearchOptions> read_search_options(std::string_view text, SearchOptions options = {});

/// A sort key as the page API's sort string: "relevance" or "" (relevance),
/// "FIELD", "FIELD:asc", "FIELD:desc" (default desc; what follows a second ':'
/// is ignored, as JS's split(':') does). Sets options.sort and .descending;
/// false, changing nothing, for another direction.
bool apply_sort_key(std::string_view key, SearchOptions& options);

/// The n of complete(query, n) from {"n": count} (default 5), read as the
/// counts above: "n must be a non-negative integer (got 1.5)".
Result<std::size_t> read_complete_options(std::string_view text);

}  // namespace osprey

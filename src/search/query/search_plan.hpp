// From a query's text and options to a plan (expand.hpp), and the postings
// parts of a sharded index the plan's terms need. A query is planned in two
// tiers (docs/ranking.md "Typo tier"): its exact, stemmed and completed forms,
// then, only when those leave the page short, its typo forms.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/index.hpp"
#include "query/bm25.hpp"
#include "query/candidates.hpp"
#include "query/expand.hpp"
#include "query/filters.hpp"
#include "query/parse.hpp"
#include "query/search.hpp"

namespace osprey::query {

/// The fields a query may name (field:word): the searchable and facet ones.
std::vector<std::string> query_fields(const Index& index);

/// The expansion options of search options; lookups add missing blocks to needs.
ExpandOptions expand_options(const SearchOptions& o, Needs* needs);

/// The postings parts the plan's terms live in that are not loaded, and
/// (when it has any term) the lengths parts not loaded.
void need_postings(const Index& index, const Plan& plan, Needs& needs);

/// The full matches a search's page asks for before its typo tier is
/// planned: offset + limit (limit capped at kMaxLimit), and at least 1, so a
/// count request (limit 0) plans typos exactly when a one-hit page would.
uint64_t wanted_matches(const SearchOptions& o);

/// The plan of parsed, scored with bm25, in tiers. First the exact, stem and
/// prefix forms of every word, with their postings; with o.typos, the typo
/// forms too (expand() with typos: their dictionary and reverse blocks, then
/// their postings) only when a required group matches no dictionary term at
/// all, or fewer than wanted documents (with pages, pages) match every
/// required group and pass filters (count_full; when the summed document
/// frequencies of a required group's forms are already fewer, the typo
/// tier's blocks are named with the first tier's postings, before any
/// count). The decision reads only the
/// index's content, never what a sharded index has loaded, so every caller
/// (CLI, wasm, the page through parts) plans alike. Parts still missing are
/// added to needs; the plan is valid only when needs stays empty.
Plan plan_query(const Index& index, const ParsedQuery& parsed, const SearchOptions& o,
                const Bm25& bm25, const std::vector<ResolvedFilter>& filters, uint64_t wanted,
                SearchScratch& buffers, Needs& needs);

}  // namespace osprey::query

// What a hit carries of its document's stored values (the page API's
// hit.fields): what a results list shows, never a whole long text it only
// excerpts. The rule, for each stored field with a value:
//   - a field that is not searchable (a URL, a date, a page's anchors) or is
//     a facet (its values are labels: a type, a category) is a display
//     field: carried whole;
//   - a searchable field whose excerpt holds it whole (cutStart and cutEnd
//     false: a title, a heading, a short summary) is carried whole too, so
//     fields.title reads as it always did;
//   - a searchable field whose excerpt is cut (a page's body) is an excerpt
//     source: the hit carries only its excerpt (hit.excerpts, with the
//     excerpt's offset in the value), unless the search's `fields` option
//     names it.
// So the rule needs no roles: the schema says which fields are searched and
// stored, the excerpt says whether the value is longer than what is shown.
// Whether a field is cut follows excerptWords (30 words by default: a title
// of more words than asked for is an excerpt source too).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/index.hpp"
#include "query/search.hpp"

namespace osprey::query {

/// The fields named in names as a set: bit f for schema field f (a schema
/// has at most kMaxFields = 64); unknown names are left out. Made once per
/// search, so a long list of names costs its length once, not per hit.
uint64_t field_set(const Schema& schema, const std::vector<std::string>& names);

/// The stored fields of doc a hit carries whole, in schema order: by the rule
/// above, given the hit's excerpts, plus those in asked (a field_set of the
/// search's `fields` option). Requires index.stored_ready(doc).
std::vector<uint32_t> hit_fields(const Index& index, uint32_t doc,
                                 const std::vector<FieldExcerpt>& excerpts, uint64_t asked);

}  // namespace osprey::query

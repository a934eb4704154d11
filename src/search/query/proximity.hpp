// Bonuses from where the query's terms sit in a document (docs/ranking.md):
// a short field made of the query's words (whole field), with pages a longer
// one that starts with them (leading field), and consecutive
// query terms near each other (proximity). Both read the positions of each
// word's first kProximityForms forms.
#pragma once

#include <cstdint>
#include <vector>

#include "index/index.hpp"
#include "query/candidates.hpp"
#include "query/expand.hpp"

namespace osprey::query {

/// Adds the whole-field bonus to every full match of ranked (a candidate of
/// every required group). doc_slot is doc-indexed scratch, all -1, and is
/// left so.
void add_whole_field(const Index& index, const Plan& plan, const std::vector<std::size_t>& required,
                     std::vector<Candidate>& ranked, std::vector<int32_t>& doc_slot);

/// With pages (index.hpp "Pages"): adds the leading-field bonus to every full
/// match of ranked whose field longer than 2n words starts with the query's
/// words in order ("asyncio — Asynchronous I/O" for asyncio).
void add_leading_field(const Index& index, const Plan& plan,
                       const std::vector<std::size_t>& required, std::vector<Candidate>& ranked);

/// Adds the proximity bonus of consecutive required groups to the
/// best-scoring full matches of ranked.
void add_proximity(const Index& index, const Plan& plan, const std::vector<std::size_t>& required,
                   std::vector<Candidate>& ranked);

}  // namespace osprey::query

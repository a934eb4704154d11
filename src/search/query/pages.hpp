// Pages as the results of a search (docs/ranking.md "Pages"): with a group
// field (index.hpp "Pages"), the candidates of a search's records merge into
// one candidate per page before filtering, counting and ranking, so totals,
// facet counts, paging and sort count pages; the section records that
// matched are kept to list under their page's hit.
#pragma once

#include <cstdint>
#include <vector>

#include "index/index.hpp"
#include "query/candidates.hpp"

namespace osprey::query {

/// Whether x ranks before y by match alone: more required groups, fewer typo
/// edits, lower tiers, higher score, then lower doc.
bool better_match(const Candidate& x, const Candidate& y);

/// One candidate per page of records' documents, in order of first match:
/// doc is the record standing for the page (Index::page_of); mask the union
/// of its records' masks and count its bits; typos and tiers those of its
/// best record (better_match); score the score of the page's own record when
/// it matched, else that of its best section record (a page's record holds
/// its sections' text: adding theirs would count it twice, and short
/// changelog sections titled like a module would lift the changelog). The
/// section records' candidates (not the one standing for the page) are
/// appended to sections, in the order of records. Requires index.grouped().
std::vector<Candidate> merge_pages(const Index& index, const std::vector<Candidate>& records,
                                   SearchScratch& buffers, std::vector<Candidate>& sections);

/// For each of pages (the page hits shown), the best (better_match, but the
/// word being typed found as typed before its completions) at most k
/// of sections (as merge_pages left them) whose page it is, best first. One
/// pass over sections (a binary search among the pages each) and k passes
/// over each page's own: no sort (it would add to the wasm what a few pages'
/// sections do not need).
std::vector<std::vector<const Candidate*>> best_sections(const Index& index,
                                                         const std::vector<Candidate>& sections,
                                                         const std::vector<Candidate>& pages,
                                                         std::size_t k);

}  // namespace osprey::query

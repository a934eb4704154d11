#include "query/candidates.hpp"

#include <algorithm>

namespace osprey::query {
namespace {

constexpr double kStopWordWeight = 0.2;  // optional stop words add little

// Removes the candidates matching any excluded group; with pages (Index
// "Pages"), those of a page any record of which matches one.
void exclude(const Index& index, const Plan& plan, const std::vector<std::size_t>& excluded,
             Scratch& scratch, std::vector<Candidate>& candidates) {
  if (excluded.empty()) return;
  const auto page = [&](uint32_t d) { return index.grouped() ? index.page_of[d] : d; };
  std::vector<bool> excluded_page(index.doc_count, false);
  for (std::size_t i : excluded) {
    for (const GroupHit& h : match_group(index, plan.groups[i], plan.bm25, scratch)) {
      excluded_page[page(h.doc)] = true;
    }
  }
  std::erase_if(candidates, [&](const Candidate& c) { return excluded_page[page(c.doc)]; });
}

}  // namespace

GroupRoles group_roles(const Plan& plan) {
  GroupRoles roles;
  const bool only_stop = std::all_of(plan.groups.begin(), plan.groups.end(),
                                     [](const PlannedGroup& g) { return g.exclude || g.stop; });
  for (std::size_t i = 0; i < plan.groups.size(); ++i) {
    const PlannedGroup& g = plan.groups[i];
    if (g.exclude) {
      roles.excluded.push_back(i);
      continue;
    }
    (g.stop && !only_stop ? roles.optional : roles.required).push_back(i);
  }
  return roles;
}

std::vector<Candidate> combine_groups(const Index& index, const Plan& plan, const GroupRoles& roles,
                                      SearchScratch& buffers) {
  const std::vector<std::size_t>& required = roles.required;
  Scratch& scratch = buffers.match;
  std::vector<int32_t>& slot = buffers.slot;
  std::vector<Candidate> candidates;
  if (required.empty()) {
    for (uint32_t d = 0; d < index.doc_count; ++d) candidates.push_back({.doc = d});
  }
  std::vector<std::vector<GroupHit>> required_hits(required.size());
  std::size_t most = 0;  // candidates, at most
  for (std::size_t r = 0; r < required.size(); ++r) {
    required_hits[r] = match_group(index, plan.groups[required[r]], plan.bm25, scratch);
    most += required_hits[r].size();
  }
  candidates.reserve(std::min<std::size_t>(most, index.doc_count));
  for (std::size_t r = 0; r < required.size(); ++r) {
    // The word being typed: its exact, stemmed and completed forms rank by
    // score alone (their weights, expand.hpp); a typo form stays below them.
    const uint8_t typed_floor = plan.groups[required[r]].typed ? uint8_t(Tier::kPrefix) : 0;
    for (const GroupHit& h : required_hits[r]) {
      if (slot[h.doc] < 0) {
        slot[h.doc] = static_cast<int32_t>(candidates.size());
        candidates.push_back({.doc = h.doc});
      }
      Candidate& c = candidates[slot[h.doc]];
      c.mask |= 1u << r;
      ++c.count;
      c.typos += h.typos;
      c.tiers += h.tier <= typed_floor ? 0 : h.tier;
      c.forms += h.tier;
      c.score += h.score;
    }
  }
  for (std::size_t i : roles.optional) {
    for (const GroupHit& h : match_group(index, plan.groups[i], plan.bm25, scratch)) {
      if (slot[h.doc] >= 0) candidates[slot[h.doc]].score += kStopWordWeight * h.score;
    }
  }
  for (const Candidate& c : candidates) slot[c.doc] = -1;
  exclude(index, plan, roles.excluded, scratch, candidates);
  return candidates;
}

}  // namespace osprey::query

// Combining a plan's groups per document: the candidates of a search are the
// documents matching a required group (a group of only stop words is
// optional: it adds to the score of documents already found), less those
// matching an excluded group. Ranking (ranking.hpp) orders them.
#pragma once

#include <cstdint>
#include <vector>

#include "index/index.hpp"
#include "query/expand.hpp"
#include "query/match.hpp"

namespace osprey::query {

/// Per-document scratch of a search, sized to the index. Between searches
/// every entry is in its cleared state (see Scratch; slot all -1).
struct SearchScratch {
  explicit SearchScratch(uint32_t doc_count) : match(doc_count), slot(doc_count, -1) {}
  Scratch match;
  std::vector<int32_t> slot;  // doc -> index in the candidates
};

/// Per-document state while combining groups.
struct Candidate {
  uint32_t doc;
  uint32_t mask = 0;   // bit i: required group i matched
  uint8_t count = 0;   // required groups matched
  uint16_t typos = 0;  // typo edits summed over matched groups
  uint16_t tiers = 0;  // best Tier summed over matched groups (exact 0 ... typo 3; the
                       // typed group's exact, stem and prefix count 0)
  uint16_t forms = 0;  // best Tier summed over matched groups, the typed group's too:
                       // which of a page's sections to list (pages.cpp)
  double score = 0;
};

/// What each of a plan's groups does, as indexes into plan.groups.
struct GroupRoles {
  std::vector<std::size_t> required;  // each counts towards a full match
  std::vector<std::size_t> optional;  // stop words beside other words: score only
  std::vector<std::size_t> excluded;
};

/// The roles of plan's groups: stop words are optional unless the query holds
/// nothing else.
GroupRoles group_roles(const Plan& plan);

/// The documents matching a required group (with no required group: every
/// document), each with the required groups it matched and its score, the
/// optional groups' scores added; then those matching an excluded group
/// removed. Order: by first match.
std::vector<Candidate> combine_groups(const Index& index, const Plan& plan, const GroupRoles& roles,
                                      SearchScratch& buffers);

}  // namespace osprey::query

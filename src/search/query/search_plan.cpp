#include "query/search_plan.hpp"

#include <algorithm>

#include "query/full_count.hpp"

namespace osprey::query {
namespace {

// Whether an atom can match no document whatever the postings hold: a word
// (of a phrase: any word) with no dictionary form, or a facet atom with no value.
bool unmatched(const PlannedAtom& atom) {
  if (atom.kind == AtomKind::kFacet) return atom.facet_values.empty();
  return std::any_of(atom.words.begin(), atom.words.end(),
                     [](const WordMatch& w) { return w.expansions.empty(); });
}

// A required group none of whose atoms can match: full matches are 0, so the
// typo tier is planned without counting (and without the postings round).
bool required_unmatched(const Plan& plan) {
  const GroupRoles roles = group_roles(plan);
  return std::any_of(roles.required.begin(), roles.required.end(), [&](std::size_t g) {
    const auto& any = plan.groups[g].any;
    return std::all_of(any.begin(), any.end(), unmatched);
  });
}

// At least count_full(plan) (without filters, exclusions or pages, which only
// lower it), from the dictionary alone: a full match holds every required
// group, and a group is held only by documents holding one of its forms (a
// phrase: one of each word's forms), so the rarest group's summed document
// frequencies bound it. No bound (UINT64_MAX) without a required group, or
// when each required group has a facet atom. Requires the plan's terms known.
uint64_t full_bound(const Index& index, const Plan& plan) {
  uint64_t bound = UINT64_MAX;
  for (std::size_t g : group_roles(plan).required) {
    uint64_t group = 0;
    for (const PlannedAtom& atom : plan.groups[g].any) {
      uint64_t docs = atom.kind == AtomKind::kFacet ? UINT64_MAX : UINT64_MAX - 1;
      for (const WordMatch& w : atom.words) {
        uint64_t forms = 0;
        for (const Expansion& e : w.expansions) forms += index.df[e.term];
        docs = std::min(docs, forms);
      }
      group = docs > UINT64_MAX - group ? UINT64_MAX : group + docs;
    }
    bound = std::min(bound, group);
  }
  return bound;
}

// Whether a typo form could be added: only a word atom gets them (expand.hpp).
bool has_word(const Plan& plan) {
  return std::any_of(plan.groups.begin(), plan.groups.end(), [](const PlannedGroup& g) {
    return std::any_of(g.any.begin(), g.any.end(),
                       [](const PlannedAtom& a) { return a.kind == AtomKind::kTerm; });
  });
}

}  // namespace

std::vector<std::string> query_fields(const Index& index) {
  std::vector<std::string> fields;
  for (const FieldSpec& f : index.schema.fields) {
    if (f.searchable() || f.facet) fields.push_back(f.name);
  }
  return fields;
}

ExpandOptions expand_options(const SearchOptions& o, Needs* needs) {
  return {.prefix = o.prefix,
          .typos = o.typos,
          .typo_one_from = o.typo_one_from,
          .typo_two_from = o.typo_two_from,
          .needs = needs};
}

void need_postings(const Index& index, const Plan& plan, Needs& needs) {
  bool any = false;
  for (const auto& g : plan.groups) {
    for (const auto& atom : g.any) {
      for (const auto& word : atom.words) {
        for (const auto& e : word.expansions) {
          any = true;
          if (!index.postings_ready(e.term)) {
            add_need(needs, {PartKind::kPostings, index.postings_part(e.term)});
          }
        }
      }
    }
  }
  // Scoring reads the field lengths of the documents the lists name, which
  // the lengths parts hold (every document's, so all of them).
  if (any) index.need_lengths(&needs);
}

uint64_t wanted_matches(const SearchOptions& o) {
  return std::max<uint64_t>(uint64_t{o.offset} + std::min(o.limit, kMaxLimit), 1);
}

Plan plan_query(const Index& index, const ParsedQuery& parsed, const SearchOptions& o,
                const Bm25& bm25, const std::vector<ResolvedFilter>& filters, uint64_t wanted,
                SearchScratch& buffers, Needs& needs) {
  // The first tier (typos off), then, when it leaves the page short, the
  // whole query again with typos: one call of expand (the wasm inlines it).
  // When the dictionary already shows the page short (full_bound), the
  // typo tier's blocks are named in the round of the first tier's postings,
  // without waiting for them to count.
  SearchOptions tier = o;
  tier.typos = false;
  while (true) {
    Plan plan = expand(index, parsed, expand_options(tier, &needs));
    plan.bm25 = bm25;
    if (!needs.empty()) return plan;
    const bool last = tier.typos || !o.typos || !has_word(plan);
    if (last || !required_unmatched(plan)) {
      need_postings(index, plan, needs);
      if (last) return plan;
      if (full_bound(index, plan) >= wanted &&
          (!needs.empty() || count_full(index, plan, o, filters, buffers) >= wanted)) {
        return plan;
      }
    }
    tier.typos = true;
  }
}

}  // namespace osprey::query

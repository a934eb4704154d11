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
  SearchOptions tier = o;
  tier.typos = false;
  while (true) {
    Plan plan = expand(index, parsed, expand_options(tier, &needs));
    plan.bm25 = bm25;
    if (!needs.empty()) return plan;
    const bool last = tier.typos || !o.typos || !has_word(plan);
    if (last || !required_unmatched(plan)) {
      need_postings(index, plan, needs);
      if (last || !needs.empty() || count_full(index, plan, o, filters, buffers) >= wanted) {
        return plan;
      }
    }
    tier.typos = true;
  }
}

}  // namespace osprey::query

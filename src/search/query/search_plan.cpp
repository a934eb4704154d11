#include "query/search_plan.hpp"

namespace osprey::query {

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

}  // namespace osprey::query

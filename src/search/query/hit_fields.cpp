#include "query/hit_fields.hpp"

#include <algorithm>

namespace osprey::query {

std::vector<uint32_t> hit_fields(const Index& index, uint32_t doc,
                                 const std::vector<FieldExcerpt>& excerpts,
                                 const std::vector<std::string>& asked) {
  std::vector<uint32_t> out;
  const std::vector<FieldSpec>& fields = index.schema.fields;
  for (uint32_t f = 0; f < fields.size(); ++f) {
    if (!fields[f].stored || !index.stored[f][doc]) continue;
    const auto excerpt = std::find_if(excerpts.begin(), excerpts.end(),
                                      [&](const FieldExcerpt& e) { return e.field == f; });
    const bool cut = !fields[f].facet && excerpt != excerpts.end() &&
                     (excerpt->excerpt.cut_start || excerpt->excerpt.cut_end);
    if (!cut || std::find(asked.begin(), asked.end(), fields[f].name) != asked.end()) {
      out.push_back(f);
    }
  }
  return out;
}

}  // namespace osprey::query

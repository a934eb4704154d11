#include "query/hit_fields.hpp"

#include <algorithm>

namespace osprey::query {

static_assert(kMaxFields <= 64, "a field set is one 64-bit word");

uint64_t field_set(const Schema& schema, const std::vector<std::string>& names) {
  uint64_t set = 0;
  for (const std::string& name : names) {
    const int f = schema.find(name);
    if (f >= 0) set |= uint64_t{1} << f;
  }
  return set;
}

std::vector<uint32_t> hit_fields(const Index& index, uint32_t doc,
                                 const std::vector<FieldExcerpt>& excerpts, uint64_t asked) {
  std::vector<uint32_t> out;
  const std::vector<FieldSpec>& fields = index.schema.fields;
  for (uint32_t f = 0; f < fields.size(); ++f) {
    if (!fields[f].stored || !index.stored[f][doc]) continue;
    const auto excerpt = std::find_if(excerpts.begin(), excerpts.end(),
                                      [&](const FieldExcerpt& e) { return e.field == f; });
    const bool cut = !fields[f].facet && excerpt != excerpts.end() &&
                     (excerpt->excerpt.cut_start || excerpt->excerpt.cut_end);
    if (!cut || (asked >> f & 1)) out.push_back(f);
  }
  return out;
}

}  // namespace osprey::query

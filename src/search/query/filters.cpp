#include "query/filters.hpp"

#include <algorithm>

#include "core/quote.hpp"
#include "core/small_sort.hpp"
#include "index/limits.hpp"

namespace osprey::query {
namespace {

static_assert(kMaxFields <= 64, "failed_filters keeps a bit per field in a uint64_t");

bool doc_has(const FacetColumn& col, uint32_t doc, uint32_t id) {
  return std::binary_search(col.value_ids.begin() + col.doc_begin[doc],
                            col.value_ids.begin() + col.doc_begin[doc + 1], id);
}

// Field f's facet counts (see count_facets).
FacetResult count_facet(const Index& index, const SearchOptions& o, std::size_t f,
                        const std::vector<ResolvedFilter>& filters,
                        const std::vector<Candidate>& candidates,
                        const std::vector<uint64_t>& failed, const std::vector<uint8_t>& listed) {
  const uint64_t own = uint64_t{1} << f;  // the filters on f do not count here
  const FacetColumn& col = index.facets[f];
  std::vector<uint64_t> counts(col.values.size(), 0);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!listed[i] || (failed[i] & ~own)) continue;
    const uint32_t d = candidates[i].doc;
    for (uint32_t k = col.doc_begin[d]; k < col.doc_begin[d + 1]; ++k) ++counts[col.value_ids[k]];
  }
  std::vector<bool> selected(col.values.size(), false);
  for (const ResolvedFilter& rf : filters) {
    if (rf.field == int(f) && !rf.range)
      for (uint32_t id : rf.ids) selected[id] = true;
  }
  FacetResult fr{index.schema.fields[f].name, {}};
  for (uint32_t v = 0; v < col.values.size(); ++v) {
    if (counts[v] > 0 || selected[v]) fr.values.push_back({col.values[v], counts[v], selected[v]});
  }
  // One comparator object for both sorts: one instantiation of merge_sort.
  const auto by_count = [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; };
  merge_sort(fr.values, by_count);
  if (fr.values.size() > o.facet_limit) {
    // The selected values first, each part in its order (a stable partition).
    std::vector<FacetCount> parted;
    parted.reserve(fr.values.size());
    for (const bool first : {true, false}) {
      for (FacetCount& c : fr.values)
        if (c.selected == first) parted.push_back(std::move(c));
    }
    fr.values = std::move(parted);
    std::size_t keep = std::max<std::size_t>(o.facet_limit, 0);
    while (keep < fr.values.size() && fr.values[keep].selected) ++keep;
    fr.values.resize(keep);
    merge_sort(fr.values, by_count);
  }
  return fr;
}

}  // namespace

bool passes(const Index& index, const ResolvedFilter& f, uint32_t doc) {
  if (f.range) {
    const auto& v = index.stored[f.field][doc];
    if (!v) return false;
    if (!f.from.empty() && *v < f.from) return false;
    if (!f.to.empty() && v->compare(0, f.to.size(), f.to) > 0) return false;
    return true;
  }
  const FacetColumn& col = index.facets[f.field];
  switch (f.mode) {
    case FilterMode::kAny:
      return std::any_of(f.ids.begin(), f.ids.end(),
                         [&](uint32_t id) { return doc_has(col, doc, id); });
    case FilterMode::kAll:
      return !f.impossible && std::all_of(f.ids.begin(), f.ids.end(),
                                          [&](uint32_t id) { return doc_has(col, doc, id); });
    case FilterMode::kNone:
      return std::none_of(f.ids.begin(), f.ids.end(),
                          [&](uint32_t id) { return doc_has(col, doc, id); });
  }
  return true;
}

Result<std::vector<ResolvedFilter>> resolve_filters(const Index& index, const SearchOptions& o) {
  std::vector<ResolvedFilter> out;
  for (const FacetFilter& f : o.filters) {
    const int field = index.schema.find(f.field);
    if (field < 0 || !index.schema.fields[field].facet) {
      return invalid("filter: " + quoted(f.field) + " is not a facet field");
    }
    ResolvedFilter r{.field = field, .mode = f.mode};
    const auto& values = index.facets[field].values;
    for (const std::string& v : f.values) {
      auto it = std::lower_bound(values.begin(), values.end(), v);
      if (it != values.end() && *it == v) {
        r.ids.push_back(static_cast<uint32_t>(it - values.begin()));
      } else {
        r.impossible = true;
      }
    }
    merge_sort(r.ids);
    if (f.values.empty()) continue;  // no values: no constraint
    out.push_back(std::move(r));
  }
  for (const RangeFilter& f : o.ranges) {
    const int field = index.schema.find(f.field);
    if (field < 0 || index.stored[field].empty()) {
      return invalid("range: " + quoted(f.field) + " is not a stored or sortable field");
    }
    out.push_back({.field = field, .range = true, .from = f.from, .to = f.to});
  }
  return out;
}

std::vector<uint64_t> failed_filters(const Index& index, const std::vector<ResolvedFilter>& filters,
                                     const std::vector<Candidate>& candidates) {
  std::vector<uint64_t> failed(candidates.size(), 0);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    for (const ResolvedFilter& f : filters) {
      if (!passes(index, f, candidates[i].doc)) failed[i] |= uint64_t{1} << f.field;
    }
  }
  return failed;
}

std::vector<FacetResult> count_facets(const Index& index, const SearchOptions& o,
                                      const std::vector<ResolvedFilter>& filters,
                                      const std::vector<Candidate>& candidates,
                                      const std::vector<uint64_t>& failed,
                                      const std::vector<uint8_t>& listed) {
  std::vector<FacetResult> out;
  for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
    if (index.schema.fields[f].facet) {
      out.push_back(count_facet(index, o, f, filters, candidates, failed, listed));
    }
  }
  return out;
}

}  // namespace osprey::query

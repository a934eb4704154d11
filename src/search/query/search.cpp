#include "query/search.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "query/expand.hpp"
#include "query/fuzzy.hpp"
#include "query/match.hpp"
#include "query/parse.hpp"
#include "text/analyzer.hpp"
#include "text/utf8.hpp"

namespace osprey {

namespace query {
// Per-document scratch of a search, sized to the index. Between searches every
// entry is in its cleared state (see Scratch; slot all -1).
struct SearchScratch {
  explicit SearchScratch(uint32_t doc_count) : match(doc_count), slot(doc_count, -1) {}
  Scratch match;
  std::vector<int32_t> slot;  // doc -> index in the candidates
};
}  // namespace query

namespace {

using query::GroupHit;
using query::Plan;
using query::PlannedGroup;

// Proximity boost for two consecutive query terms d positions apart (d <= 8)
// in one field: in query order, and reversed.
constexpr double kNearInOrder = 0.4;
constexpr double kNearReversed = 0.2;
constexpr uint32_t kNearWindow = 8;
constexpr std::size_t kProximityDocs = 200;  // only the best-scoring full matches
constexpr std::size_t kProximityForms = 16;  // forms per word looked at
constexpr double kStopWordWeight = 0.2;      // optional stop words add little
constexpr double kWholeField = 1.0;          // x field weight, for a field that is the query
constexpr double kWholeFieldTier[] = {1.0, 1.0, 0.75, 0.5};  // by Tier: exact, stem, prefix, typo

// Per-document state while combining groups.
struct Candidate {
  uint32_t doc;
  uint32_t mask = 0;   // bit i: required group i matched
  uint8_t count = 0;   // required groups matched
  uint16_t typos = 0;  // typo edits summed over matched groups
  uint16_t tiers = 0;  // best Tier summed over matched groups (exact 0 ... typo 3)
  double score = 0;
};

// A filter resolved to value ids (facet) or bounds (range).
struct ResolvedFilter {
  int field;
  bool range = false;
  FilterMode mode = FilterMode::kAny;
  std::vector<uint32_t> ids;  // facet value ids, sorted
  bool impossible = false;    // "all" naming a value that does not exist
  std::string from, to;
};

bool doc_has(const FacetColumn& col, uint32_t doc, uint32_t id) {
  return std::binary_search(col.value_ids.begin() + col.doc_begin[doc],
                            col.value_ids.begin() + col.doc_begin[doc + 1], id);
}

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
      return invalid("filter: \"" + f.field + "\" is not a facet field");
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
    std::sort(r.ids.begin(), r.ids.end());
    if (f.values.empty()) continue;  // no values: no constraint
    out.push_back(std::move(r));
  }
  for (const RangeFilter& f : o.ranges) {
    const int field = index.schema.find(f.field);
    if (field < 0 || index.stored[field].empty()) {
      return invalid("range: \"" + f.field + "\" is not a stored or sortable field");
    }
    out.push_back({.field = field, .range = true, .from = f.from, .to = f.to});
  }
  return out;
}

// Sorted positions of a group's forms in doc's field; best_tier (if given) gets
// the best tier among the forms found there.
void group_positions(const Index& index, const PlannedGroup& g, uint32_t doc, int field,
                     std::vector<uint32_t>& out, query::Tier* best_tier = nullptr) {
  out.clear();
  for (const auto& atom : g.any) {
    for (const auto& word : atom.words) {
      const std::size_t forms = std::min(word.expansions.size(), kProximityForms);
      for (std::size_t k = 0; k < forms; ++k) {
        auto p = query::positions(index, word.expansions[k].term, doc, field);
        if (!p.empty() && best_tier) *best_tier = std::min(*best_tier, word.expansions[k].tier);
        out.insert(out.end(), p.begin(), p.end());
      }
    }
  }
  std::sort(out.begin(), out.end());
}

// Where the groups' forms (the first kProximityForms of each word) cover a
// short field: per full candidate and searchable field, the positions covered
// (all below the field's length, at most 2n <= 64), the groups found there and
// the weakest of their best tiers.
struct FieldCover {
  uint64_t positions = 0;
  uint8_t groups = 0;
  uint8_t weakest = 0;   // max over the groups found of their best Tier
  uint8_t group = 0xFF;  // the group being added, or 0xFF
  uint8_t best = 0;      // its best Tier so far
  void close() {
    if (group == 0xFF) return;
    ++groups;
    weakest = std::max(weakest, best);
    group = 0xFF;
  }
};

// The whole-field bonus (docs/ranking.md) added to every full match of ranked.
// Either walks the forms' posting lists once, marking the candidates met, or
// looks each candidate up in them: the same result, by whichever is cheaper.
// doc_slot is doc-indexed scratch, all -1, and is left so.
void add_whole_field(const Index& index, const Plan& plan, const std::vector<std::size_t>& required,
                     std::vector<Candidate>& ranked, std::vector<int32_t>& doc_slot) {
  const auto n = static_cast<uint8_t>(required.size());
  std::size_t full = 0;
  for (const Candidate& c : ranked) full += c.count == n;
  if (full == 0) return;
  std::size_t list_entries = 0;  // the merge's work
  std::size_t forms = 0;         // lookups per candidate and field
  for (std::size_t r : required) {
    for (const auto& atom : plan.groups[r].any) {
      for (const auto& word : atom.words) {
        const std::size_t k = std::min(word.expansions.size(), kProximityForms);
        forms += k;
        for (std::size_t i = 0; i < k; ++i)
          list_entries += index.postings[word.expansions[i].term].docs.size();
      }
    }
  }
  const std::size_t field_count = index.schema.fields.size();
  if (2u * n <= 64 && list_entries < full * forms * 16) {
    std::vector<FieldCover> cover(ranked.size() * field_count);
    for (std::size_t k = 0; k < ranked.size(); ++k) {
      if (ranked[k].count == n) doc_slot[ranked[k].doc] = static_cast<int32_t>(k);
    }
    for (std::size_t r = 0; r < required.size(); ++r) {
      for (const auto& atom : plan.groups[required[r]].any) {
        for (const auto& word : atom.words) {
          const std::size_t k = std::min(word.expansions.size(), kProximityForms);
          for (std::size_t x = 0; x < k; ++x) {
            const auto tier = static_cast<uint8_t>(word.expansions[x].tier);
            const PostingList& p = index.postings[word.expansions[x].term];
            for (std::size_t i = 0; i < p.docs.size(); ++i) {
              const uint32_t d = p.docs[i];
              if (doc_slot[d] < 0) continue;
              for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
                const uint8_t f = p.entry_field[e];
                const uint32_t length = index.field_length[f][d];
                if (length > 2u * n) continue;
                FieldCover& fc = cover[static_cast<std::size_t>(doc_slot[d]) * field_count + f];
                if (fc.group != r) {
                  fc.close();
                  fc.group = static_cast<uint8_t>(r);
                  fc.best = tier;
                } else {
                  fc.best = std::min(fc.best, tier);
                }
                for (uint32_t q = p.pos_begin[e]; q < p.pos_begin[e + 1]; ++q) {
                  fc.positions |= uint64_t{1} << p.positions[q];
                }
              }
            }
          }
        }
      }
    }
    for (std::size_t k = 0; k < ranked.size(); ++k) {
      Candidate& c = ranked[k];
      if (c.count != n) continue;
      doc_slot[c.doc] = -1;
      double best = 0;
      for (std::size_t f = 0; f < field_count; ++f) {
        const FieldSpec& spec = index.schema.fields[f];
        const uint32_t length = spec.searchable() ? index.field_length[f][c.doc] : 0;
        if (length == 0 || length > 2u * n) continue;
        FieldCover& fc = cover[k * field_count + f];
        fc.close();
        const uint32_t groups = fc.groups;
        const double tiers = std::min(1.0, kWholeFieldTier[fc.weakest]);
        if (groups > 0 && static_cast<uint32_t>(std::popcount(fc.positions)) == length) {
          best = std::max(best, kWholeField * tiers * spec.weight * groups / n);
        }
      }
      c.score += best;
    }
    return;
  }
  std::vector<uint32_t> pos, covered;
  for (Candidate& c : ranked) {
    if (c.count != n) continue;
    double best = 0;
    for (std::size_t f = 0; f < field_count; ++f) {
      const FieldSpec& spec = index.schema.fields[f];
      const uint32_t length = spec.searchable() ? index.field_length[f][c.doc] : 0;
      if (length == 0 || length > 2u * n) continue;
      covered.clear();
      uint32_t groups = 0;
      double tiers = 1;  // the weakest tier among the groups found here
      for (std::size_t r = 0; r < required.size(); ++r) {
        query::Tier tier = query::Tier::kTypo;
        group_positions(index, plan.groups[required[r]], c.doc, static_cast<int>(f), pos, &tier);
        if (pos.empty()) continue;
        ++groups;
        tiers = std::min(tiers, kWholeFieldTier[static_cast<int>(tier)]);
        covered.insert(covered.end(), pos.begin(), pos.end());
      }
      std::sort(covered.begin(), covered.end());
      covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
      if (groups > 0 && covered.size() == length) {
        best = std::max(best, kWholeField * tiers * spec.weight * groups / n);
      }
    }
    c.score += best;
  }
}

// A document's positions of a group's forms per field: group_positions() for
// every field at once, with one lookup per form.
void group_positions_by_field(const Index& index, const PlannedGroup& g, uint32_t doc,
                              std::vector<std::vector<uint32_t>>& out) {
  for (auto& v : out) v.clear();
  for (const auto& atom : g.any) {
    for (const auto& word : atom.words) {
      const std::size_t forms = std::min(word.expansions.size(), kProximityForms);
      for (std::size_t k = 0; k < forms; ++k) {
        const PostingList& p = index.postings[word.expansions[k].term];
        const auto it = std::lower_bound(p.docs.begin(), p.docs.end(), doc);
        if (it == p.docs.end() || *it != doc) continue;
        const auto i = static_cast<std::size_t>(it - p.docs.begin());
        for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
          std::vector<uint32_t>& v = out[p.entry_field[e]];
          v.insert(v.end(), p.positions.begin() + p.pos_begin[e],
                   p.positions.begin() + p.pos_begin[e + 1]);
        }
      }
    }
  }
  for (auto& v : out) std::sort(v.begin(), v.end());
}

// The best proximity bonus of two consecutive groups, given their positions in
// a document per field (group_positions_by_field), over all fields.
double proximity(const Index& index, const std::vector<std::vector<uint32_t>>& a,
                 const std::vector<std::vector<uint32_t>>& b) {
  double best = 0;
  for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
    if (!index.schema.fields[f].searchable()) continue;
    const std::vector<uint32_t>& pa = a[f];
    if (pa.empty()) continue;
    const std::vector<uint32_t>& pb = b[f];
    for (uint32_t x : pa) {
      // The nearest position of b after x, and before x.
      auto it = std::upper_bound(pb.begin(), pb.end(), x);
      if (it != pb.end() && *it - x <= kNearWindow) best = std::max(best, kNearInOrder / (*it - x));
      if (it != pb.begin()) {
        auto prev = std::prev(it);
        if (*prev < x && x - *prev <= kNearWindow)
          best = std::max(best, kNearReversed / (x - *prev));
      }
    }
  }
  return best;
}

double round_score(double s) {
  return std::round(s * 1e6) / 1e6;
}

// Numeric when both parse fully as numbers, else bytewise.
int compare_values(const std::string& a, const std::string& b) {
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a.c_str(), &end_a);
  const double y = std::strtod(b.c_str(), &end_b);
  if (!a.empty() && !b.empty() && *end_a == 0 && *end_b == 0) return x < y ? -1 : x > y ? 1 : 0;
  return a.compare(b);
}

struct Evaluation {
  SearchResult result;
  std::vector<int> group_term;  // per plan group: index into result.terms, or -1
  std::vector<Candidate> page;  // the page's candidates, best first (rank(..., page = true))
  std::vector<std::size_t> required, optional;  // plan groups
};

// The postings parts the plan's terms live in that are not loaded.
void need_postings(const Index& index, const Plan& plan, Needs& needs) {
  for (const auto& g : plan.groups) {
    for (const auto& atom : g.any) {
      for (const auto& word : atom.words) {
        for (const auto& e : word.expansions) {
          if (!index.postings_ready(e.term)) {
            add_need(needs, {PartKind::kPostings, index.postings_part(e.term)});
          }
        }
      }
    }
  }
}

// Matches, filters, counts facets and ranks; with page, also keeps the page's
// candidates in order (fill_page makes them hits).
Evaluation rank(const Index& index, const Plan& plan, const SearchOptions& o,
                const std::vector<ResolvedFilter>& filters, bool page,
                query::SearchScratch& buffers) {
  Evaluation ev;
  SearchResult& result = ev.result;
  const bool only_stop = std::all_of(plan.groups.begin(), plan.groups.end(),
                                     [](const PlannedGroup& g) { return g.exclude || g.stop; });
  std::vector<std::size_t>&required = ev.required, &optional = ev.optional;
  std::vector<std::size_t> excluded;
  ev.group_term.assign(plan.groups.size(), -1);
  for (std::size_t i = 0; i < plan.groups.size(); ++i) {
    const PlannedGroup& g = plan.groups[i];
    if (g.exclude) {
      excluded.push_back(i);
      continue;
    }
    (g.stop && !only_stop ? optional : required).push_back(i);
    ev.group_term[i] = static_cast<int>(result.terms.size());
    result.terms.push_back(g.label);
  }

  // Combine the required groups per document.
  query::Scratch& scratch = buffers.match;
  std::vector<int32_t>& slot = buffers.slot;
  std::vector<Candidate> candidates;
  if (required.empty()) {
    if (!o.browse) return ev;
    for (uint32_t d = 0; d < index.doc_count; ++d) candidates.push_back({.doc = d});
  }
  std::vector<std::vector<GroupHit>> required_hits(required.size());
  std::size_t most = 0;  // candidates, at most
  for (std::size_t r = 0; r < required.size(); ++r) {
    required_hits[r] = query::match_group(index, plan.groups[required[r]], scratch);
    most += required_hits[r].size();
  }
  candidates.reserve(std::min<std::size_t>(most, index.doc_count));
  for (std::size_t r = 0; r < required.size(); ++r) {
    for (const GroupHit& h : required_hits[r]) {
      if (slot[h.doc] < 0) {
        slot[h.doc] = static_cast<int32_t>(candidates.size());
        candidates.push_back({.doc = h.doc});
      }
      Candidate& c = candidates[slot[h.doc]];
      c.mask |= 1u << r;
      ++c.count;
      c.typos += h.typos;
      c.tiers += h.tier;
      c.score += h.score;
    }
  }
  for (std::size_t i : optional) {
    for (const GroupHit& h : query::match_group(index, plan.groups[i], scratch)) {
      if (slot[h.doc] >= 0) candidates[slot[h.doc]].score += kStopWordWeight * h.score;
    }
  }
  for (const Candidate& c : candidates) slot[c.doc] = -1;
  if (!excluded.empty()) {
    std::vector<bool> excluded_doc(index.doc_count, false);
    for (std::size_t i : excluded) {
      for (const GroupHit& h : query::match_group(index, plan.groups[i], scratch)) {
        excluded_doc[h.doc] = true;
      }
    }
    std::erase_if(candidates, [&](const Candidate& c) { return excluded_doc[c.doc]; });
  }
  const uint8_t n = static_cast<uint8_t>(required.size());

  // Filters: a document is listed when it passes all of them; a facet field's
  // counts ignore the filters on that same field (disjunctive facets).
  std::vector<uint32_t> failed(candidates.size(), 0);  // bit k: filter k failed
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    for (std::size_t k = 0; k < filters.size(); ++k) {
      if (!passes(index, filters[k], candidates[i].doc)) failed[i] |= 1u << k;
    }
  }
  std::size_t full = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    full += !failed[i] && candidates[i].count == n;
  const bool with_partial = o.partial && n >= 2 && full < std::min(o.limit, kMaxLimit);
  auto listed = [&](std::size_t i) {
    return candidates[i].count == n || (with_partial && candidates[i].count > 0);
  };
  if (o.facets) {
    for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
      if (!index.schema.fields[f].facet) continue;
      uint32_t own = 0;
      for (std::size_t k = 0; k < filters.size(); ++k) own |= (filters[k].field == int(f)) << k;
      const FacetColumn& col = index.facets[f];
      std::vector<uint64_t> counts(col.values.size(), 0);
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (!listed(i) || (failed[i] & ~own)) continue;
        const uint32_t d = candidates[i].doc;
        for (uint32_t k = col.doc_begin[d]; k < col.doc_begin[d + 1]; ++k)
          ++counts[col.value_ids[k]];
      }
      std::vector<bool> selected(col.values.size(), false);
      for (const ResolvedFilter& rf : filters) {
        if (rf.field == int(f) && !rf.range)
          for (uint32_t id : rf.ids) selected[id] = true;
      }
      FacetResult fr{index.schema.fields[f].name, {}};
      for (uint32_t v = 0; v < col.values.size(); ++v) {
        if (counts[v] > 0 || selected[v])
          fr.values.push_back({col.values[v], counts[v], selected[v]});
      }
      std::stable_sort(fr.values.begin(), fr.values.end(),
                       [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
      if (fr.values.size() > o.facet_limit) {
        std::stable_partition(fr.values.begin(), fr.values.end(),
                              [](const FacetCount& c) { return c.selected; });
        std::size_t keep = std::max<std::size_t>(o.facet_limit, 0);
        while (keep < fr.values.size() && fr.values[keep].selected) ++keep;
        fr.values.resize(keep);
        std::stable_sort(
            fr.values.begin(), fr.values.end(),
            [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
      }
      result.facets.push_back(std::move(fr));
    }
  }

  std::vector<Candidate> ranked;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!failed[i] && listed(i)) ranked.push_back(candidates[i]);
  }
  result.total = ranked.size();
  result.full_total = full;
  if (!page) return ev;

  // A field whose every word is a query word, in its own or stemmed form (a
  // name, a short title), is the strongest signal a known-item query gives; it
  // counts in proportion to the query terms it holds.
  if (n >= 1 && o.sort.empty()) add_whole_field(index, plan, required, ranked, slot);

  // Proximity: the best-scoring full matches gain for query terms near each other.
  if (n >= 2 && o.sort.empty()) {
    std::vector<std::size_t> order(ranked.size());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t top = std::min(kProximityDocs, order.size());
    std::partial_sort(order.begin(), order.begin() + top, order.end(),
                      [&](std::size_t a, std::size_t b) {
                        const Candidate &x = ranked[a], &y = ranked[b];
                        if (x.count != y.count) return x.count > y.count;
                        if (x.typos != y.typos) return x.typos < y.typos;
                        if (x.tiers != y.tiers) return x.tiers < y.tiers;
                        if (x.score != y.score) return x.score > y.score;
                        return x.doc < y.doc;
                      });
    std::vector<std::vector<std::vector<uint32_t>>> at(
        required.size(), std::vector<std::vector<uint32_t>>(index.schema.fields.size()));
    for (std::size_t k = 0; k < top; ++k) {
      Candidate& c = ranked[order[k]];
      if (c.count != n) continue;
      for (std::size_t r = 0; r < required.size(); ++r) {
        group_positions_by_field(index, plan.groups[required[r]], c.doc, at[r]);
      }
      for (std::size_t r = 0; r + 1 < required.size(); ++r)
        c.score += proximity(index, at[r], at[r + 1]);
    }
  }
  for (Candidate& c : ranked) c.score = round_score(c.score * index.boost[c.doc]);

  const int sort_field = o.sort.empty() ? -1 : index.schema.find(o.sort);
  auto better = [&](const Candidate& x, const Candidate& y) {
    if (x.count != y.count) return x.count > y.count;
    if (sort_field >= 0) {
      const auto& vx = index.stored[sort_field][x.doc];
      const auto& vy = index.stored[sort_field][y.doc];
      if (vx && vy) {
        const int c = compare_values(*vx, *vy);
        if (c != 0) return o.descending ? c > 0 : c < 0;
      } else if (vx || vy) {
        return vx.has_value();  // documents without a value come last
      }
      return x.doc < y.doc;
    }
    if (x.typos != y.typos) return x.typos < y.typos;
    if (x.tiers != y.tiers) return x.tiers < y.tiers;
    if (x.score != y.score) return x.score > y.score;
    return x.doc < y.doc;
  };
  const std::size_t limit = std::min(o.limit, kMaxLimit);
  const std::size_t begin = std::min<std::size_t>(o.offset, ranked.size());
  const std::size_t end = std::min(ranked.size(), begin + limit);
  std::partial_sort(ranked.begin(), ranked.begin() + end, ranked.end(), better);
  ev.page.assign(ranked.begin() + begin, ranked.begin() + end);
  return ev;
}

// The page's hits of a ranked evaluation, with excerpts; or, when a sharded
// index does not hold the page's stored values yet, their parts in needs.
void fill_page(const Index& index, const Plan& plan, const SearchOptions& o, Evaluation& ev,
               bool excerpts) {
  SearchResult& result = ev.result;
  result.needs.clear();
  const std::size_t n = ev.required.size();
  // The dictionary terms each positive group matched, for highlighting.
  query::Excerpter excerpter;
  if (!ev.page.empty()) {
    for (std::size_t i = 0; i < plan.groups.size(); ++i) {
      if (ev.group_term[i] < 0) continue;
      for (const auto& atom : plan.groups[i].any) {
        for (const auto& word : atom.words) {
          for (const auto& e : word.expansions) {
            excerpter.add(index.terms[e.term], static_cast<uint32_t>(ev.group_term[i]));
          }
        }
      }
    }
  }
  // A sharded index may not hold the page's stored values yet.
  for (const Candidate& c : ev.page) {
    if (excerpts && !index.stored_ready(c.doc)) {
      add_need(result.needs, {PartKind::kStored, index.stored_part(c.doc)});
    }
  }
  if (!result.needs.empty()) return;
  for (const Candidate& c : ev.page) {
    Hit hit{.doc = c.doc, .score = c.score, .full = c.count == n};
    for (std::size_t r = 0; r < n; ++r) {
      if (c.mask & (1u << r))
        hit.matched.push_back(static_cast<uint32_t>(ev.group_term[ev.required[r]]));
    }
    for (std::size_t i : ev.optional) {
      // Stop words count as matched where the document holds them.
      const auto& g = plan.groups[i];
      bool holds = false;
      for (const auto& e : g.any[0].words[0].expansions) {
        const auto& docs = index.postings[e.term].docs;
        holds = holds || std::binary_search(docs.begin(), docs.end(), c.doc);
      }
      if (holds) hit.matched.push_back(static_cast<uint32_t>(ev.group_term[i]));
    }
    std::sort(hit.matched.begin(), hit.matched.end());
    for (std::size_t f = 0; f < index.schema.fields.size() && excerpts; ++f) {
      const FieldSpec& spec = index.schema.fields[f];
      if (!spec.searchable() || !spec.stored || !index.stored[f][c.doc]) continue;
      hit.excerpts.push_back(
          {static_cast<uint32_t>(f), excerpter.excerpt(*index.stored[f][c.doc], o.excerpt_words)});
    }
    result.hits.push_back(std::move(hit));
  }
}

Evaluation evaluate(const Index& index, const Plan& plan, const SearchOptions& o,
                    const std::vector<ResolvedFilter>& filters, bool page,
                    query::SearchScratch& buffers, bool excerpts = true) {
  Evaluation ev = rank(index, plan, o, filters, page, buffers);
  if (page) fill_page(index, plan, o, ev, excerpts);
  return ev;
}

// Completions with context count at most this many candidate words.
constexpr std::size_t kContextCandidates = 64;

// evaluate(..., page = false).result.full_total, without scoring: the
// documents in every required group and no excluded one that pass the filters.
uint64_t count_full(const Index& index, const Plan& plan, const SearchOptions& o,
                    const std::vector<ResolvedFilter>& filters, query::SearchScratch& buffers) {
  const bool only_stop = std::all_of(plan.groups.begin(), plan.groups.end(),
                                     [](const PlannedGroup& g) { return g.exclude || g.stop; });
  std::vector<std::vector<uint32_t>> required;
  std::vector<uint32_t> excluded;
  for (const PlannedGroup& g : plan.groups) {
    if (g.stop && !only_stop && !g.exclude) continue;  // optional: scores only
    std::vector<uint32_t> docs = query::group_docs(index, g, buffers.match);
    if (!g.exclude) {
      required.push_back(std::move(docs));
      continue;
    }
    std::vector<uint32_t> both;
    std::set_union(excluded.begin(), excluded.end(), docs.begin(), docs.end(),
                   std::back_inserter(both));
    excluded = std::move(both);
  }
  if (required.empty()) {
    return evaluate(index, plan, o, filters, false, buffers).result.full_total;
  }
  std::sort(required.begin(), required.end(),
            [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::vector<uint32_t> docs = std::move(required[0]);
  for (std::size_t r = 1; r < required.size() && !docs.empty(); ++r) {
    std::vector<uint32_t> both;
    std::set_intersection(docs.begin(), docs.end(), required[r].begin(), required[r].end(),
                          std::back_inserter(both));
    docs = std::move(both);
  }
  uint64_t full = 0;
  for (uint32_t d : docs) {
    if (std::binary_search(excluded.begin(), excluded.end(), d)) continue;
    full += std::all_of(filters.begin(), filters.end(),
                        [&](const ResolvedFilter& f) { return passes(index, f, d); });
  }
  return full;
}

std::vector<std::string> query_fields(const Index& index) {
  std::vector<std::string> fields;
  for (const FieldSpec& f : index.schema.fields) {
    if (f.searchable() || f.facet) fields.push_back(f.name);
  }
  return fields;
}

query::ExpandOptions expand_options(const SearchOptions& o, Needs* needs) {
  return {.prefix = o.prefix,
          .typos = o.typos,
          .typo_one_from = o.typo_one_from,
          .typo_two_from = o.typo_two_from,
          .needs = needs};
}

// A corrected query when some word is not in the dictionary at all (not even
// as a prefix) and the nearest common word would find more full matches.
std::string suggest(const Index& index, std::string_view text, const query::ParsedQuery& parsed,
                    const SearchOptions& o, const std::vector<ResolvedFilter>& filters,
                    uint64_t full_total, query::SearchScratch& buffers, Needs& needs) {
  std::string corrected(text);
  std::size_t from = 0;
  bool changed = false;
  for (const query::Group& g : parsed.all) {
    if (g.exclude || g.any.size() != 1 || g.any[0].phrase) continue;
    const query::Atom& atom = g.any[0];
    std::vector<text::Token> tokens;
    text::tokenize(atom.text, tokens);
    if (tokens.size() != 1) continue;
    const std::string& word = tokens[0].term;
    // Known as typed, by its stem, or (the word being typed) as a beginning.
    bool known = index.find_term(word, &needs) >= 0 ||
                 index.find_stem(text::stem_term(word, index.schema.language), &needs) >= 0;
    if (!known && atom.prefix && o.prefix) {
      const TermRange r = index.prefix_range(word, query::kMaxRangeTerms, &needs);
      known = r.over || r.first != r.last;
    }
    if (known || !needs.empty()) continue;
    std::size_t code_points = 0;  // as expansion counts them, not bytes
    for (std::size_t i = 0; i < word.size(); i += text::decode_utf8(word, i).size) ++code_points;
    const uint8_t budget = std::max<uint8_t>(query::typo_budget(code_points, 3, 6), 1);
    const auto found = query::typo_matches(index, word, budget, false, 64, &needs);
    const query::FuzzyMatch* best = nullptr;
    for (const auto& m : found) {
      if (m.distance == 0) continue;
      if (!best || m.distance < best->distance ||
          (m.distance == best->distance && index.df[m.term] > index.df[best->term])) {
        best = &m;
      }
    }
    if (!best) continue;
    const std::size_t at = corrected.find(atom.text, from);
    if (at == std::string::npos) continue;
    corrected.replace(at, atom.text.size(), index.terms[best->term]);
    from = at + index.terms[best->term].size();
    changed = true;
  }
  if (!changed || !needs.empty()) return "";
  SearchOptions count_only = o;
  count_only.partial = false;
  count_only.facets = false;
  const auto reparsed = query::parse_query(corrected, query_fields(index));
  const Plan replan = query::expand(index, reparsed, expand_options(count_only, &needs));
  if (!needs.empty()) return "";
  need_postings(index, replan, needs);
  if (!needs.empty()) return "";
  const uint64_t better = count_full(index, replan, count_only, filters, buffers);
  return better > full_total ? corrected : "";
}

}  // namespace

namespace query {
// A query ranked over an index whose page waited for stored parts: valid while
// the index holds the same dictionary, reverse and postings parts.
struct PendingPage {
  std::string text;
  SearchOptions options;
  std::size_t loaded = 0;  // loaded_parts() when ranked
  Evaluation ev;
};
}  // namespace query

namespace {
// Dictionary, reverse and postings parts loaded: parts are only ever added,
// so an equal count means the same parts.
std::size_t loaded_parts(const Index& index) {
  const Layout& l = index.layout;
  std::size_t n = 0;
  for (const auto* v : {&l.dict_loaded, &l.rev_loaded, &l.postings_loaded}) {
    n += static_cast<std::size_t>(std::count(v->begin(), v->end(), 1));
  }
  return n;
}
}  // namespace

Result<SearchResult> search(const Index& index, std::string_view text, const SearchOptions& o) {
  return Searcher(index).search(text, o);
}

Searcher::Searcher(const Index& index) : index_(&index) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

query::SearchScratch& Searcher::scratch() {
  if (!scratch_ || scratch_->slot.size() != index_->doc_count) {
    scratch_ = std::make_unique<query::SearchScratch>(index_->doc_count);
  }
  return *scratch_;
}

Result<SearchResult> Searcher::search(std::string_view text, const SearchOptions& o) {
  const Index& index = *index_;
  Result<std::vector<ResolvedFilter>> filters = resolve_filters(index, o);
  if (!filters.ok()) return filters.error();
  if (!o.sort.empty()) {
    const int f = index.schema.find(o.sort);
    if (f < 0 || !index.schema.fields[f].sortable) {
      return invalid("sort: \"" + o.sort + "\" is not a sortable field");
    }
  }
  SearchResult waiting;  // a result naming only what must be loaded first
  for (const RangeFilter& r : o.ranges) {
    // A range over a stored-only field reads every document's value.
    const int f = index.schema.find(r.field);
    if (f < 0 || in_base(index.schema.fields[f])) continue;
    for (uint32_t k = 0; k < index.layout.stored_loaded.size(); ++k) {
      if (!index.layout.stored_loaded[k]) add_need(waiting.needs, {PartKind::kStored, k});
    }
  }
  const auto parsed = query::parse_query(text, query_fields(index));
  const Plan plan = query::expand(index, parsed, expand_options(o, &waiting.needs));
  if (!waiting.needs.empty()) return waiting;
  need_postings(index, plan, waiting.needs);
  if (!waiting.needs.empty()) return waiting;
  const std::size_t loaded = loaded_parts(index);
  Evaluation ev;
  if (pending_ && pending_->loaded == loaded && pending_->text == text && pending_->options == o) {
    ev = std::move(pending_->ev);
  } else {
    ev = rank(index, plan, o, filters.value(), true, scratch());
  }
  pending_.reset();
  fill_page(index, plan, o, ev, true);
  if (!ev.result.needs.empty()) {
    waiting.needs = ev.result.needs;
    pending_ = std::make_unique<query::PendingPage>(
        query::PendingPage{std::string(text), o, loaded, std::move(ev)});
    return waiting;
  }
  if (o.suggest) {
    ev.result.did_you_mean = suggest(index, text, parsed, o, filters.value(), ev.result.full_total,
                                     *scratch_, waiting.needs);
    if (!waiting.needs.empty()) return waiting;
  }
  return std::move(ev.result);
}

std::vector<Completion> complete(const Index& index, std::string_view text, std::size_t n,
                                 Needs* needs) {
  Needs missing;
  std::vector<Completion> out;
  auto parsed = query::parse_query(text, query_fields(index));
  if (parsed.all.empty() || n == 0) return out;
  const query::Group last_group = parsed.all.back();
  const query::Atom& atom = last_group.any.back();
  if (!atom.prefix || last_group.exclude) return out;
  std::vector<text::Token> tokens;
  text::tokenize(atom.text, tokens);
  if (tokens.empty()) return out;
  const std::string& word = tokens.back().term;

  // Context: the documents matching the other words, if any.
  parsed.all.pop_back();
  std::vector<bool> context;
  bool have_context = false;
  if (!parsed.all.empty()) {
    SearchOptions o;
    o.partial = false;
    o.facets = false;
    o.prefix = false;
    const Plan plan = query::expand(index, parsed, expand_options(o, &missing));
    if (missing.empty()) need_postings(index, plan, missing);
    if (!missing.empty()) {
      if (needs) needs->insert(needs->end(), missing.begin(), missing.end());
      return out;
    }
    SearchOptions all = o;
    all.limit = kMaxLimit;
    // Count-only evaluation would not list docs; list them through the ranked
    // pages instead, capped: completions only need a representative context.
    query::SearchScratch buffers(index.doc_count);
    const Evaluation ev = evaluate(index, plan, all, {}, true, buffers, false);
    if (!ev.result.terms.empty()) {
      have_context = true;
      context.assign(index.doc_count, false);
      for (const Hit& h : ev.result.hits) context[h.doc] = true;
    }
  }

  const TermRange range = index.prefix_range(word, query::kMaxRangeTerms, &missing);
  if (!missing.empty()) {
    if (needs) needs->insert(needs->end(), missing.begin(), missing.end());
    return out;
  }
  std::vector<std::pair<uint32_t, uint64_t>> scored;  // term, docs
  for (uint32_t t = range.first; t < range.last; ++t) scored.emplace_back(t, index.df[t]);
  if (have_context) {
    // Count within the context only the most frequent candidates: their
    // postings must be read (and, sharded, loaded).
    const std::size_t top = std::min<std::size_t>(scored.size(), kContextCandidates);
    std::partial_sort(scored.begin(), scored.begin() + top, scored.end(),
                      [](const auto& a, const auto& b) {
                        return a.second != b.second ? a.second > b.second : a.first < b.first;
                      });
    scored.resize(top);
    for (auto& [t, count] : scored) {
      if (!index.postings_ready(t))
        add_need(missing, {PartKind::kPostings, index.postings_part(t)});
    }
    if (!missing.empty()) {
      if (needs) needs->insert(needs->end(), missing.begin(), missing.end());
      return out;
    }
    for (auto& [t, count] : scored) {
      count = 0;
      for (uint32_t d : index.postings[t].docs) count += context[d];
    }
    std::erase_if(scored, [](const auto& s) { return s.second == 0; });
  }
  const std::size_t keep = std::min(n, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(),
                    [&](const auto& a, const auto& b) {
                      if (a.second != b.second) return a.second > b.second;
                      return a.first < b.first;
                    });
  const std::size_t at = std::string_view(text).rfind(atom.text);
  const std::size_t word_at = at == std::string_view::npos ? text.size() : at + tokens.back().begin;
  for (std::size_t k = 0; k < keep; ++k) {
    const std::string& term = index.terms[scored[k].first];
    out.push_back({std::string(text.substr(0, word_at)) + term, term, scored[k].second});
  }
  return out;
}

std::vector<std::pair<std::string_view, std::string_view>> stored_fields(const Index& index,
                                                                         uint32_t doc) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
    if (!index.schema.fields[f].stored || !index.stored[f][doc]) continue;
    out.emplace_back(index.schema.fields[f].name, *index.stored[f][doc]);
  }
  return out;
}

}  // namespace osprey

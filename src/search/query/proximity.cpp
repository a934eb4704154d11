#include "query/proximity.hpp"

#include <algorithm>
#include <bit>
#include <numeric>

#include "core/small_sort.hpp"

namespace osprey::query {
namespace {

// Proximity boost for two consecutive query terms d positions apart (d <= 8)
// in one field: in query order, and reversed.
constexpr double kNearInOrder = 0.4;
constexpr double kNearReversed = 0.2;
constexpr uint32_t kNearWindow = 8;
constexpr std::size_t kProximityDocs = 200;  // only the best-scoring full matches
constexpr std::size_t kProximityForms = 16;  // forms per word looked at
constexpr double kWholeField = 1.0;          // x field weight, for a field that is the query
constexpr double kWholeFieldTier[] = {1.0, 1.0, 0.75, 0.5};  // by Tier: exact, stem, prefix, typo
constexpr double kLeadingField =
    0.5;  // x field weight, for a longer field that starts with the query

// Sorted positions of a group's forms in doc's field; best_tier (if given) gets
// the best tier among the forms found there.
void group_positions(const Index& index, const PlannedGroup& g, uint32_t doc, int field,
                     std::vector<uint32_t>& out, Tier* best_tier = nullptr) {
  out.clear();
  for (const auto& atom : g.any) {
    for (const auto& word : atom.words) {
      const std::size_t forms = std::min(word.expansions.size(), kProximityForms);
      for (std::size_t k = 0; k < forms; ++k) {
        auto p = positions(index, word.expansions[k].term, doc, field);
        if (!p.empty() && best_tier) *best_tier = std::min(*best_tier, word.expansions[k].tier);
        out.insert(out.end(), p.begin(), p.end());
      }
    }
  }
  merge_sort(out);
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
  for (auto& v : out) merge_sort(v);
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

}  // namespace

// Either walks the forms' posting lists once, marking the candidates met, or
// looks each candidate up in them: the same result, by whichever is cheaper.
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
          best = std::max(best, kWholeField * tiers * plan.bm25.weight[f] * groups / n);
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
        Tier tier = Tier::kTypo;
        group_positions(index, plan.groups[required[r]], c.doc, static_cast<int>(f), pos, &tier);
        if (pos.empty()) continue;
        ++groups;
        tiers = std::min(tiers, kWholeFieldTier[static_cast<int>(tier)]);
        covered.insert(covered.end(), pos.begin(), pos.end());
      }
      merge_sort(covered);
      covered.erase(std::unique(covered.begin(), covered.end()), covered.end());
      if (groups > 0 && covered.size() == length) {
        best = std::max(best, kWholeField * tiers * plan.bm25.weight[f] * groups / n);
      }
    }
    c.score += best;
  }
}

void add_leading_field(const Index& index, const Plan& plan,
                       const std::vector<std::size_t>& required, std::vector<Candidate>& ranked) {
  const std::size_t n = required.size();
  std::vector<uint32_t> pos;
  for (Candidate& c : ranked) {
    if (c.count != n) continue;
    double best = 0;
    for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
      const FieldSpec& spec = index.schema.fields[f];
      // Fields of at most 2n words are the whole field's (add_whole_field).
      if (!spec.searchable() || index.field_length[f][c.doc] <= 2 * n) continue;
      double tiers = 1;
      bool leads = true;
      for (std::size_t r = 0; r < n && leads; ++r) {
        Tier tier = Tier::kTypo;
        group_positions(index, plan.groups[required[r]], c.doc, static_cast<int>(f), pos, &tier);
        leads = std::binary_search(pos.begin(), pos.end(), static_cast<uint32_t>(r));
        tiers = std::min(tiers, kWholeFieldTier[static_cast<int>(tier)]);
      }
      if (leads) best = std::max(best, kLeadingField * tiers * plan.bm25.weight[f]);
    }
    c.score += best;
  }
}

void add_proximity(const Index& index, const Plan& plan, const std::vector<std::size_t>& required,
                   std::vector<Candidate>& ranked) {
  const auto n = static_cast<uint8_t>(required.size());
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

}  // namespace osprey::query

#include "query/match.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "core/small_sort.hpp"

namespace osprey::query {
namespace {

float idf(uint32_t doc_count, uint32_t df) {
  const double n = doc_count;
  return static_cast<float>(std::log(1 + (n - df + 0.5) / (df + 0.5)));
}

// 1 for a section record (Index "Pages"), else 0: the kind whose statistics apply.
int section_record(const Index& index, uint32_t doc) {
  return index.grouped() ? index.section[doc] : 0;
}

float saturate(float tf, float k1) {
  return tf * (k1 + 1) / (k1 + tf);
}

// Appends the hits of a one-word atom, accumulating all its forms per doc; in
// doc order.
void match_term(const Index& index, const PlannedAtom& atom, const Bm25& bm25, Scratch& s,
                std::vector<GroupHit>& out) {
  s.clear();
  // Raw pointers: the byte-sized stores below may alias anything, so vector
  // members would be reloaded at every step.
  const std::size_t field_count = index.schema.fields.size();
  std::array<const uint32_t*, kMaxFields> lengths{};
  std::array<std::array<double, kMaxFields>, 2> avgs{};  // [kind][field]
  std::array<double, kMaxFields> weights{};
  for (std::size_t f = 0; f < field_count; ++f) {
    lengths[f] = index.field_length[f].data();
    avgs[0][f] = index.avg_field_length[f];
    if (index.grouped()) avgs[1][f] = index.avg_section_length[f];
    weights[f] = bm25.weight[f];
  }
  const double b = bm25.b;
  const uint8_t* const kind_of = index.grouped() ? index.section.data() : nullptr;
  float* const weight = s.weight.data();
  uint8_t* const tier_of = s.tier.data();
  uint8_t* const typos_of = s.typos.data();
  uint64_t* const seen = s.seen.data();
  uint32_t* const touched = s.touched.data();
  std::size_t touched_count = 0;  // s.clear() left none
  const WordMatch& word = atom.words[0];
  for (const Expansion& e : word.expansions) {
    const PostingList& p = index.postings[e.term];
    const float w = e.weight;
    const uint8_t tier = static_cast<uint8_t>(e.tier);
    const uint8_t typos = e.tier == Tier::kTypo ? e.distance : uint8_t{0};
    const uint32_t* const docs = p.docs.data();
    const std::size_t count = p.docs.size();
    const uint32_t* const entry_begin = p.entry_begin.data();
    const uint8_t* const entry_field = p.entry_field.data();
    const uint32_t* const pos_begin = p.pos_begin.data();
    for (std::size_t i = 0; i < count; ++i) {
      const uint32_t d = docs[i];
      const auto& kind_avgs = avgs[kind_of ? kind_of[d] : 0];
      float tf = 0;
      for (uint32_t en = entry_begin[i]; en < entry_begin[i + 1]; ++en) {
        // The field-weighted, length-normalized frequency of the entry.
        const uint8_t f = entry_field[en];
        if (atom.field >= 0 && f != atom.field) continue;
        const double avg = kind_avgs[f];
        const double norm = avg > 0 ? 1 - b + b * lengths[f][d] / avg : 1;
        tf += static_cast<float>(weights[f] * (pos_begin[en + 1] - pos_begin[en]) / norm);
      }
      if (tf == 0) continue;
      if (tier_of[d] == Scratch::kNone) {
        touched[touched_count++] = d;
        seen[d >> 6] |= uint64_t{1} << (d & 63);
        typos_of[d] = e.distance;
      }
      weight[d] += w * tf;
      tier_of[d] = std::min(tier_of[d], tier);
      typos_of[d] = std::min(typos_of[d], typos);
    }
  }
  // idf from the documents holding the word or its stem forms when there are
  // any, so that rarer typo and prefix neighbours do not dilute a known word.
  // Per kind of record: a page's idf counts pages, a section's sections.
  s.touched_count = touched_count;
  std::array<uint32_t, 2> df_primary{}, df_any{};
  for (std::size_t k = 0; k < touched_count; ++k) {
    const uint32_t d = touched[k];
    const int kind = kind_of ? kind_of[d] : 0;
    df_primary[kind] += tier_of[d] <= static_cast<uint8_t>(Tier::kStem);
    ++df_any[kind];
  }
  const std::array<uint32_t, 2> kind_count{index.page_record_count(), index.section_count};
  std::array<float, 2> w_idf{};
  for (int kind = 0; kind < 2; ++kind) {
    w_idf[kind] = idf(kind_count[kind], df_primary[kind] > 0 ? df_primary[kind] : df_any[kind]);
  }
  // Doc order from the bitmap: its words between the first and last touched doc.
  if (touched_count == 0) return;
  const auto [lo, hi] = std::minmax_element(touched, touched + touched_count);
  std::size_t at = out.size();
  out.resize(at + touched_count);
  GroupHit* const hits = out.data();
  for (uint32_t k = *lo >> 6; k <= *hi >> 6; ++k) {
    for (uint64_t bits = seen[k]; bits != 0; bits &= bits - 1) {
      const uint32_t d = (k << 6) | static_cast<uint32_t>(std::countr_zero(bits));
      hits[at++] = {d, w_idf[kind_of ? kind_of[d] : 0] * saturate(weight[d], bm25.k1), tier_of[d],
                    typos_of[d]};
    }
  }
}

// A form's posting list, searched for ascending docs (galloping from the last
// find, so a pass over sorted docs costs about one merge).
class FormCursor {
 public:
  explicit FormCursor(const PostingList& p) : p_(&p) {}
  /// The index of doc in the list, or -1. Docs must come in ascending order.
  int64_t find(uint32_t doc) {
    const auto& docs = p_->docs;
    std::size_t lo = at_;
    std::size_t step = 1;
    while (lo + step < docs.size() && docs[lo + step] < doc) {
      lo += step;
      step *= 2;
    }
    const auto it = std::lower_bound(
        docs.begin() + static_cast<std::ptrdiff_t>(lo),
        docs.begin() + static_cast<std::ptrdiff_t>(std::min(lo + step + 1, docs.size())), doc);
    at_ = static_cast<std::size_t>(it - docs.begin());
    return it != docs.end() && *it == doc ? static_cast<int64_t>(at_) : -1;
  }
  const PostingList& list() const { return *p_; }

 private:
  const PostingList* p_;
  std::size_t at_ = 0;
};

std::vector<FormCursor> cursors(const Index& index, const WordMatch& word) {
  std::vector<FormCursor> out;
  for (const Expansion& e : word.expansions) out.emplace_back(index.postings[e.term]);
  return out;
}

// Documents holding any form of word, ascending (the scratch bitmap merges the
// forms' lists).
std::vector<uint32_t> word_docs(const Index& index, const WordMatch& word, Scratch& s) {
  if (word.expansions.size() == 1) return index.postings[word.expansions[0].term].docs;
  s.clear();  // a term's hits may still be marked
  std::vector<uint32_t> docs;
  uint32_t lo = index.doc_count;
  uint32_t hi = 0;
  for (const Expansion& e : word.expansions) {
    const auto& d = index.postings[e.term].docs;
    if (d.empty()) continue;
    lo = std::min(lo, d.front());
    hi = std::max(hi, d.back());
    for (uint32_t doc : d) s.seen[doc >> 6] |= uint64_t{1} << (doc & 63);
  }
  for (uint32_t k = lo >> 6; lo <= hi && k <= hi >> 6; ++k) {
    for (uint64_t bits = s.seen[k]; bits != 0; bits &= bits - 1) {
      docs.push_back((k << 6) | static_cast<uint32_t>(std::countr_zero(bits)));
    }
    s.seen[k] = 0;
  }
  return docs;
}

// Appends the hits of a phrase: its words at the query's relative positions.
void match_phrase(const Index& index, const PlannedAtom& atom, const Bm25& bm25, Scratch& scratch,
                  std::vector<GroupHit>& out) {
  const std::size_t words = atom.words.size();
  // The documents holding every word: those of the rarest, kept where each
  // other word (rarer first) has a form.
  std::vector<std::size_t> order(words);
  std::vector<std::size_t> weight(words, 0);
  for (std::size_t w = 0; w < words; ++w) {
    order[w] = w;
    for (const Expansion& e : atom.words[w].expansions)
      weight[w] += index.postings[e.term].docs.size();
  }
  merge_sort(order, [&](std::size_t a, std::size_t b) { return weight[a] < weight[b]; });
  std::vector<uint32_t> docs = word_docs(index, atom.words[order[0]], scratch);
  for (std::size_t k = 1; k < words && !docs.empty(); ++k) {
    std::vector<FormCursor> forms = cursors(index, atom.words[order[k]]);
    std::erase_if(docs, [&](uint32_t d) {
      bool held = false;
      for (FormCursor& c : forms) held = c.find(d) >= 0 || held;  // every cursor advances
      return !held;
    });
  }

  // Per document, each word's positions per field (its forms' positions, in
  // form order, then sorted), then the starts every word lines up with.
  const std::size_t fields = index.schema.fields.size();
  std::vector<std::vector<FormCursor>> forms(words);
  for (std::size_t w = 0; w < words; ++w) forms[w] = cursors(index, atom.words[w]);
  std::vector<std::vector<uint32_t>> at(words * fields);  // [word * fields + field]
  std::vector<std::pair<uint32_t, float>> found;          // doc, tf~
  std::vector<uint32_t> starts, kept;
  for (uint32_t d : docs) {
    for (auto& v : at) v.clear();
    for (std::size_t w = 0; w < words; ++w) {
      for (FormCursor& c : forms[w]) {
        const int64_t i = c.find(d);
        if (i < 0) continue;
        const PostingList& p = c.list();
        for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
          std::vector<uint32_t>& v = at[w * fields + p.entry_field[e]];
          v.insert(v.end(), p.positions.begin() + p.pos_begin[e],
                   p.positions.begin() + p.pos_begin[e + 1]);
        }
      }
    }
    float tf = 0;
    for (std::size_t f = 0; f < fields; ++f) {
      if (!index.schema.fields[f].searchable() || (atom.field >= 0 && atom.field != int(f)))
        continue;
      starts = at[f];
      merge_sort(starts);
      for (std::size_t w = 1; w < words && !starts.empty(); ++w) {
        std::vector<uint32_t>& other = at[w * fields + f];
        merge_sort(other);
        const uint32_t delta = atom.words[w].position;
        kept.clear();
        for (uint32_t s : starts) {
          if (std::binary_search(other.begin(), other.end(), s + delta)) kept.push_back(s);
        }
        std::swap(starts, kept);
      }
      if (starts.empty()) continue;
      const double avg =
          section_record(index, d) ? index.avg_section_length[f] : index.avg_field_length[f];
      const double norm = avg > 0 ? 1 - bm25.b + bm25.b * index.field_length[f][d] / avg : 1;
      tf += static_cast<float>(bm25.weight[f] * starts.size() / norm);
    }
    if (tf > 0) found.emplace_back(d, tf);
  }
  // idf per kind of record, as for a word.
  std::array<uint32_t, 2> df{};
  for (const auto& [d, tf] : found) ++df[section_record(index, d)];
  const std::array<float, 2> w_idf{idf(index.page_record_count(), df[0]),
                                   idf(index.section_count, df[1])};
  for (const auto& [d, tf] : found) {
    out.push_back({d, w_idf[section_record(index, d)] * saturate(tf, bm25.k1),
                   static_cast<uint8_t>(Tier::kExact), 0});
  }
}

// Appends the documents holding one of the atom's facet values; facet matches
// act as filters and add no score.
void match_facet(const Index& index, const PlannedAtom& atom, std::vector<GroupHit>& out) {
  if (atom.facet_values.empty()) return;
  const FacetColumn& col = index.facets[atom.field];
  for (uint32_t d = 0; d < index.doc_count; ++d) {
    for (uint32_t k = col.doc_begin[d]; k < col.doc_begin[d + 1]; ++k) {
      if (std::binary_search(atom.facet_values.begin(), atom.facet_values.end(),
                             col.value_ids[k])) {
        out.push_back({d, 0.0f, static_cast<uint8_t>(Tier::kExact), 0});
        break;
      }
    }
  }
}

}  // namespace

Scratch::Scratch(uint32_t doc_count)
    : weight(doc_count, 0.0f),
      tier(doc_count, kNone),
      typos(doc_count, 0),
      seen((doc_count + 63) / 64, 0),
      touched(doc_count, 0) {}

void Scratch::clear() {
  for (std::size_t k = 0; k < touched_count; ++k) {
    const uint32_t d = touched[k];
    weight[d] = 0;
    tier[d] = kNone;
    typos[d] = 0;
    seen[d >> 6] = 0;
  }
  touched_count = 0;
}

std::span<const uint32_t> positions(const Index& index, uint32_t term, uint32_t doc, int field) {
  const PostingList& p = index.postings[term];
  auto it = std::lower_bound(p.docs.begin(), p.docs.end(), doc);
  if (it == p.docs.end() || *it != doc) return {};
  const std::size_t i = it - p.docs.begin();
  for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
    if (p.entry_field[e] == field) {
      return {p.positions.data() + p.pos_begin[e], p.positions.data() + p.pos_begin[e + 1]};
    }
  }
  return {};
}

std::vector<GroupHit> match_group(const Index& index, const PlannedGroup& group, const Bm25& bm25,
                                  Scratch& scratch) {
  std::vector<GroupHit> hits;
  for (const PlannedAtom& atom : group.any) {
    switch (atom.kind) {
      case AtomKind::kTerm:
        match_term(index, atom, bm25, scratch, hits);
        break;
      case AtomKind::kPhrase:
        match_phrase(index, atom, bm25, scratch, hits);
        break;
      case AtomKind::kFacet:
        match_facet(index, atom, hits);
        break;
    }
  }
  if (group.any.size() <= 1) return hits;  // each atom's hits are in doc order, one per doc
  // Alternatives: per document, the best score, the best tier, the fewest
  // typos (the same whatever order a document's hits are sorted in).
  merge_sort(hits, [](const GroupHit& a, const GroupHit& b) { return a.doc < b.doc; });
  std::size_t out = 0;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (out > 0 && hits[out - 1].doc == hits[i].doc) {
      GroupHit& h = hits[out - 1];
      h.score = std::max(h.score, hits[i].score);
      h.tier = std::min(h.tier, hits[i].tier);
      h.typos = std::min(h.typos, hits[i].typos);
    } else {
      hits[out++] = hits[i];
    }
  }
  hits.resize(out);
  return hits;
}

std::vector<uint32_t> group_docs(const Index& index, const PlannedGroup& group, const Bm25& bm25,
                                 Scratch& scratch) {
  // A term's documents are its forms' (those with an entry in its field, when
  // it has one: every entry scores > 0); phrases and facets need their own
  // matching. All of them are marked in the scratch bitmap, then read in order.
  // Phrases first: they use the bitmap themselves.
  std::vector<GroupHit> other;
  for (const PlannedAtom& atom : group.any) {
    if (atom.kind == AtomKind::kPhrase) match_phrase(index, atom, bm25, scratch, other);
    if (atom.kind == AtomKind::kFacet) match_facet(index, atom, other);
  }
  scratch.clear();
  for (const PlannedAtom& atom : group.any) {
    if (atom.kind != AtomKind::kTerm) continue;
    for (const Expansion& e : atom.words[0].expansions) {
      const PostingList& p = index.postings[e.term];
      for (std::size_t i = 0; i < p.docs.size(); ++i) {
        if (atom.field >= 0 && std::none_of(p.entry_field.begin() + p.entry_begin[i],
                                            p.entry_field.begin() + p.entry_begin[i + 1],
                                            [&](uint8_t f) { return f == atom.field; })) {
          continue;
        }
        const uint32_t d = p.docs[i];
        scratch.seen[d >> 6] |= uint64_t{1} << (d & 63);
      }
    }
  }
  for (const GroupHit& h : other) scratch.seen[h.doc >> 6] |= uint64_t{1} << (h.doc & 63);
  std::vector<uint32_t> docs;
  for (std::size_t k = 0; k < scratch.seen.size(); ++k) {
    for (uint64_t bits = scratch.seen[k]; bits != 0; bits &= bits - 1) {
      docs.push_back(static_cast<uint32_t>(k << 6) | static_cast<uint32_t>(std::countr_zero(bits)));
    }
    scratch.seen[k] = 0;
  }
  return docs;
}

}  // namespace osprey::query

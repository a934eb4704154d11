#include "query/search.hpp"

#include <algorithm>
#include <cmath>

#include "text/analyzer.hpp"

namespace osprey {
namespace {

// BM25F parameters; docs/ranking.md explains them.
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kExactWeight = 1.0;    // the query's own surface form
constexpr double kStemmedWeight = 0.8;  // another form with the same stem
constexpr double kStopWordWeight = 0.2;

struct DocWeight {
  uint32_t doc;
  double tf;  // field-weighted, length-normalized term frequency
};

// The matches of one query term, ascending by doc.
struct TermMatches {
  std::vector<DocWeight> docs;
  double idf = 0;
  bool stop = false;
};

TermMatches match_term(const Index& index, const std::string& term) {
  TermMatches m;
  m.stop = text::is_stop_word(term);
  const int64_t exact = index.find_term(term);
  const int64_t stem = index.find_stem(text::stem_term(term));
  std::vector<std::pair<uint32_t, double>> variants;  // term id, weight
  if (stem >= 0) {
    for (uint32_t k = index.stem_term_begin[stem]; k < index.stem_term_begin[stem + 1]; ++k) {
      const uint32_t t = index.stem_terms[k];
      variants.emplace_back(t, t == exact ? kExactWeight : kStemmedWeight);
    }
  }
  if (exact >= 0 && std::none_of(variants.begin(), variants.end(),
                                 [&](const auto& v) { return v.first == exact; })) {
    variants.emplace_back(static_cast<uint32_t>(exact), kExactWeight);
  }
  for (const auto& [t, weight] : variants) {
    const PostingList& p = index.postings[t];
    for (std::size_t i = 0; i < p.docs.size(); ++i) {
      const uint32_t d = p.docs[i];
      double tf = 0;
      for (uint32_t e = p.entry_begin[i]; e < p.entry_begin[i + 1]; ++e) {
        const uint8_t f = p.entry_field[e];
        const double avg = index.avg_field_length[f];
        const double norm = avg > 0 ? 1 - kB + kB * index.field_length[f][d] / avg : 1;
        tf += index.schema.fields[f].weight * p.tf(e) / norm;
      }
      m.docs.push_back({d, weight * tf});
    }
  }
  if (variants.size() > 1) {
    std::sort(m.docs.begin(), m.docs.end(),
              [](const DocWeight& a, const DocWeight& b) { return a.doc < b.doc; });
    std::size_t out = 0;
    for (std::size_t i = 0; i < m.docs.size(); ++i) {
      if (out > 0 && m.docs[out - 1].doc == m.docs[i].doc) {
        m.docs[out - 1].tf += m.docs[i].tf;
      } else {
        m.docs[out++] = m.docs[i];
      }
    }
    m.docs.resize(out);
  }
  const double n = index.doc_count;
  const double df = static_cast<double>(m.docs.size());
  m.idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
  return m;
}

double term_score(const TermMatches& m, double tf) {
  return m.idf * tf * (kK1 + 1) / (kK1 + tf) * (m.stop ? kStopWordWeight : 1.0);
}

}  // namespace

SearchResult search(const Index& index, std::string_view query, const SearchOptions& options) {
  SearchResult result;
  std::vector<text::Token> tokens;
  text::tokenize(query, tokens);
  for (text::Token& t : tokens) {
    if (result.terms.size() == kMaxQueryTerms) break;
    if (std::find(result.terms.begin(), result.terms.end(), t.term) == result.terms.end()) {
      result.terms.push_back(std::move(t.term));
    }
  }
  if (result.terms.empty()) return result;

  std::vector<TermMatches> matches;
  matches.reserve(result.terms.size());
  for (const std::string& term : result.terms) matches.push_back(match_term(index, term));
  const bool all_stop =
      std::all_of(matches.begin(), matches.end(), [](const TermMatches& m) { return m.stop; });

  // Candidates: the intersection of the required terms, rarest first.
  std::vector<const TermMatches*> required, optional;
  for (const TermMatches& m : matches) (m.stop && !all_stop ? optional : required).push_back(&m);
  std::sort(required.begin(), required.end(),
            [](const TermMatches* a, const TermMatches* b) { return a->docs.size() < b->docs.size(); });
  std::vector<Hit> hits;
  for (const DocWeight& dw : required.front()->docs) hits.push_back({dw.doc, term_score(*required.front(), dw.tf)});
  for (std::size_t r = 1; r < required.size() && !hits.empty(); ++r) {
    const std::vector<DocWeight>& docs = required[r]->docs;
    std::size_t out = 0;
    auto it = docs.begin();
    for (const Hit& h : hits) {
      it = std::lower_bound(it, docs.end(), h.doc,
                            [](const DocWeight& dw, uint32_t d) { return dw.doc < d; });
      if (it == docs.end()) break;
      if (it->doc == h.doc) hits[out++] = {h.doc, h.score + term_score(*required[r], it->tf)};
    }
    hits.resize(out);
  }
  for (const TermMatches* m : optional) {
    auto it = m->docs.begin();
    for (Hit& h : hits) {
      it = std::lower_bound(it, m->docs.end(), h.doc,
                            [](const DocWeight& dw, uint32_t d) { return dw.doc < d; });
      if (it == m->docs.end()) break;
      if (it->doc == h.doc) h.score += term_score(*m, it->tf);
    }
  }

  result.total = hits.size();
  const std::size_t limit = std::min(options.limit, kMaxLimit);
  const std::size_t begin = std::min<std::size_t>(options.offset, hits.size());
  const std::size_t end = std::min(hits.size(), begin + limit);
  // Scores are compared at 1e-9 so that libm differences in the last bits
  // (glibc natively, musl in wasm) cannot reorder ties between the two builds.
  for (Hit& h : hits) h.score = std::round(h.score * 1e9) / 1e9;
  auto better = [](const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  };
  std::partial_sort(hits.begin(), hits.begin() + end, hits.end(), better);
  result.hits.assign(hits.begin() + begin, hits.begin() + end);
  return result;
}

std::vector<std::pair<std::string, std::string>> stored_fields(const Index& index, uint32_t doc) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t f = 0; f < index.schema.fields.size(); ++f) {
    if (index.stored[f].empty() || !index.stored[f][doc]) continue;
    out.emplace_back(index.schema.fields[f].name, *index.stored[f][doc]);
  }
  return out;
}

}  // namespace osprey

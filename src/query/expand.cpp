#include "query/expand.hpp"

#include <algorithm>

#include "query/fuzzy.hpp"
#include "text/analyzer.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace osprey::query {
namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += text::decode_utf8(s, i).size) ++n;
  return n;
}

uint32_t doc_frequency(const Index& index, uint32_t term) {
  return index.df[term];
}

bool has(const std::vector<Expansion>& v, uint32_t term) {
  return std::any_of(v.begin(), v.end(), [&](const Expansion& e) { return e.term == term; });
}

// Exact form, then the other forms sharing its stem.
void add_exact_and_stem(const Index& index, const std::string& word, std::vector<Expansion>& out) {
  const int64_t exact = index.find_term(word);
  if (exact >= 0) out.push_back({static_cast<uint32_t>(exact), Tier::kExact});
  const int64_t stem = index.find_stem(text::stem_term(word, index.schema.language));
  if (stem < 0) return;
  for (uint32_t k = index.stem_term_begin[stem]; k < index.stem_term_begin[stem + 1]; ++k) {
    const uint32_t t = index.stem_terms[k];
    if (t != exact) out.push_back({t, Tier::kStem});
  }
}

// Terms that extend word, the most frequent first, then the shortest, capped.
void add_prefix(const Index& index, const std::string& word, std::size_t cap,
                std::vector<Expansion>& out) {
  const auto [first, last] = prefix_range(index, word);
  std::vector<uint32_t> candidates;
  for (uint32_t t = first; t < last; ++t) {
    if (!has(out, t)) candidates.push_back(t);
  }
  const std::size_t keep = std::min(cap, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + keep, candidates.end(),
                    [&](uint32_t a, uint32_t b) {
                      const uint32_t da = doc_frequency(index, a), db = doc_frequency(index, b);
                      if (da != db) return da > db;
                      if (index.terms[a].size() != index.terms[b].size()) {
                        return index.terms[a].size() < index.terms[b].size();
                      }
                      return a < b;
                    });
  for (std::size_t i = 0; i < keep; ++i) out.push_back({candidates[i], Tier::kPrefix});
}

void add_typos(const Index& index, const std::string& word, bool prefix,
               const ExpandOptions& options, std::vector<Expansion>& out) {
  const uint8_t budget =
      typo_budget(code_points(word), options.typo_one_from, options.typo_two_from);
  if (budget == 0) return;
  const FuzzyOptions fuzzy{
      .max_distance = budget, .prefix = prefix, .max_results = options.max_typo_terms * 4};
  std::vector<FuzzyMatch> found = options.dictionary ? fuzzy_terms(*options.dictionary, word, fuzzy)
                                                     : fuzzy_terms(index.terms, word, fuzzy);
  std::vector<FuzzyMatch> fresh;
  for (const FuzzyMatch& m : found) {
    if (m.distance > 0 && !has(out, m.term)) fresh.push_back(m);
  }
  // Closest first, then the most frequent: a typo most likely meant a common word.
  std::stable_sort(fresh.begin(), fresh.end(), [&](const FuzzyMatch& a, const FuzzyMatch& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    return doc_frequency(index, a.term) > doc_frequency(index, b.term);
  });
  if (fresh.size() > options.max_typo_terms) fresh.resize(options.max_typo_terms);
  for (const FuzzyMatch& m : fresh) out.push_back({m.term, Tier::kTypo, m.distance});
}

WordMatch plain_word(const Index& index, const std::string& word, uint32_t position) {
  WordMatch w{word, {}, position};
  add_exact_and_stem(index, word, w.expansions);
  return w;
}

// Facet values of field whose folded words equal the atom's (or, while typing,
// start with them).
std::vector<uint32_t> match_facet(const Index& index, int field, std::string_view text,
                                  bool prefix) {
  auto words = [](std::string_view s) {
    std::vector<text::Token> tokens;
    text::tokenize(s, tokens);
    std::string joined;
    for (const text::Token& t : tokens) joined.append(joined.empty() ? "" : " ").append(t.term);
    return joined;
  };
  const std::string wanted = words(text);
  std::vector<uint32_t> out;
  if (wanted.empty()) return out;
  const std::vector<std::string>& values = index.facets[field].values;
  for (uint32_t v = 0; v < values.size(); ++v) {
    const std::string have = words(values[v]);
    if (have == wanted || (prefix && have.rfind(wanted, 0) == 0)) out.push_back(v);
  }
  return out;
}

void plan_atom(const Index& index, const Atom& atom, const ExpandOptions& options,
               PlannedGroup& group) {
  int field = atom.field.empty() ? -1 : index.schema.find(atom.field);
  if (field >= 0 && !index.schema.fields[field].searchable()) {
    if (!index.schema.fields[field].facet) return;
    PlannedAtom a{.kind = AtomKind::kFacet, .field = field};
    a.facet_values = match_facet(index, field, atom.text, atom.prefix && options.prefix);
    group.any.push_back(std::move(a));
    return;
  }
  std::vector<text::Token> tokens;
  text::tokenize(atom.text, tokens);
  if (tokens.empty()) return;
  // A compound's whole shares its position with its first part and comes first.
  const bool compound_first = tokens.size() >= 3 && tokens[0].position == tokens[1].position;
  const bool single_compound =
      compound_first && tokens.back().position - tokens[0].position == tokens.size() - 2;
  // The words at successive positions, compounds split into their parts.
  std::vector<WordMatch> words;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i + 1 < tokens.size() && tokens[i + 1].position == tokens[i].position) continue;
    words.push_back(plain_word(index, tokens[i].term, tokens[i].position - tokens[0].position));
  }
  if (!atom.phrase && (tokens.size() == 1 || single_compound)) {
    PlannedAtom a{.kind = AtomKind::kTerm, .field = field};
    WordMatch w = plain_word(index, tokens[0].term, 0);
    const bool prefix = atom.prefix && options.prefix;
    if (prefix) add_prefix(index, w.word, options.max_prefix_terms, w.expansions);
    if (options.typos) add_typos(index, w.word, prefix, options, w.expansions);
    a.words.push_back(std::move(w));
    group.any.push_back(std::move(a));
    if (!single_compound) return;
  }
  if (words.size() == 1) {
    group.any.push_back({.kind = AtomKind::kTerm, .field = field, .words = std::move(words)});
  } else {
    group.any.push_back({.kind = AtomKind::kPhrase, .field = field, .words = std::move(words)});
  }
}

}  // namespace

std::pair<uint32_t, uint32_t> prefix_range(const Index& index, std::string_view prefix) {
  const auto& terms = index.terms;
  auto first = std::lower_bound(terms.begin(), terms.end(), prefix);
  auto last = std::partition_point(first, terms.end(), [&](const std::string& t) {
    return t.compare(0, prefix.size(), prefix) == 0;
  });
  return {static_cast<uint32_t>(first - terms.begin()),
          static_cast<uint32_t>(last - terms.begin())};
}

Plan expand(const Index& index, const ParsedQuery& query, const ExpandOptions& options) {
  Plan plan;
  for (const Group& g : query.all) {
    PlannedGroup group;
    group.exclude = g.exclude;
    for (const Atom& atom : g.any) {
      plan_atom(index, atom, options, group);
      if (!group.label.empty()) group.label += " OR ";
      if (!atom.field.empty()) group.label += atom.field + ":";
      group.label += atom.phrase ? "\"" + atom.text + "\"" : atom.text;
    }
    if (group.any.empty()) continue;
    // A group typed twice counts once.
    if (std::any_of(plan.groups.begin(), plan.groups.end(), [&](const PlannedGroup& p) {
          return p.exclude == group.exclude && p.label == group.label;
        })) {
      continue;
    }
    group.stop = group.any.size() == 1 && group.any[0].kind == AtomKind::kTerm &&
                 group.any[0].field < 0 && text::is_stop_word(group.any[0].words[0].word);
    plan.groups.push_back(std::move(group));
  }
  return plan;
}

}  // namespace osprey::query

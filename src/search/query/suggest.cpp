#include "query/suggest.hpp"

#include <algorithm>

#include "core/small_sort.hpp"
#include "query/full_count.hpp"
#include "query/fuzzy.hpp"
#include "query/ranking.hpp"
#include "query/search_plan.hpp"
#include "text/analyzer.hpp"
#include "text/utf8.hpp"

namespace osprey {

namespace query {

std::string suggest(const Index& index, std::string_view text, const ParsedQuery& parsed,
                    const SearchOptions& o, const std::vector<ResolvedFilter>& filters,
                    uint64_t full_total, SearchScratch& buffers, Needs& needs) {
  std::string corrected(text);
  std::size_t from = 0;
  bool changed = false;
  for (const Group& g : parsed.all) {
    if (g.exclude || g.any.size() != 1 || g.any[0].phrase) continue;
    const Atom& atom = g.any[0];
    std::vector<text::Token> tokens;
    text::tokenize(atom.text, tokens, 0, text::folding_for(index.schema.language));
    if (tokens.size() != 1) continue;
    const std::string& word = tokens[0].term;
    // Known as typed, by its stem, or (the word being typed) as a beginning:
    // a hinted prefix begins terms (completion_hints), known from the base.
    bool known =
        (atom.prefix && o.prefix && index.prefix_hint(word)) ||
        index.find_term(word, &needs) >= 0 ||
        index.find_stem(text::stem_word(word,
                                        std::string_view(atom.text).substr(
                                            tokens[0].begin, tokens[0].end - tokens[0].begin),
                                        index.schema.language),
                        &needs) >= 0;
    if (!known && atom.prefix && o.prefix) {
      const TermRange r = index.prefix_range(word, kMaxRangeTerms, &needs);
      known = r.over || r.first != r.last;
    }
    if (known || !needs.empty()) continue;
    std::size_t code_points = 0;  // as expansion counts them, not bytes
    for (std::size_t i = 0; i < word.size(); i += text::decode_utf8(word, i).size) ++code_points;
    const uint8_t budget = std::max<uint8_t>(typo_budget(code_points, 3, 6), 1);
    const auto found = typo_matches(index, word, budget, false, 64, &needs);
    const FuzzyMatch* best = nullptr;
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
  const auto reparsed = parse_query(corrected, query_fields(index));
  // Its typo forms only once its other forms are known, as plan_query does:
  // a word whose dictionary block is still missing looks like a typo, whose
  // lookup would name blocks the complete expansion never reads (search()
  // runs this from its first round, when few blocks are loaded).
  SearchOptions as_typed = count_only;
  as_typed.typos = false;
  Plan replan = expand(index, reparsed, expand_options(as_typed, &needs));
  if (!needs.empty()) return "";
  if (count_only.typos) replan = expand(index, reparsed, expand_options(count_only, &needs));
  if (!needs.empty()) return "";
  need_postings(index, replan, needs);
  if (!needs.empty()) return "";
  const uint64_t better = count_full(index, replan, count_only, filters, buffers);
  // At least as many: typo tolerance may already find what the corrected
  // query finds (its stem family too), and the spelling is still worth showing.
  return better > 0 && better >= full_total ? corrected : "";
}

}  // namespace query

using query::evaluate;
using query::Evaluation;
using query::Plan;
using query::query_fields;

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
  text::tokenize(atom.text, tokens, 0, text::folding_for(index.schema.language));
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
    // The other words' typo forms count only when the words as typed match
    // no document together (wanted 1): a context needs no more.
    query::SearchScratch buffers(index.doc_count);
    const Plan plan =
        query::plan_query(index, parsed, o, query::Bm25::of(index.schema), {}, 1, buffers, missing);
    if (!missing.empty()) {
      if (needs) needs->insert(needs->end(), missing.begin(), missing.end());
      return out;
    }
    SearchOptions all = o;
    all.limit = kMaxLimit;
    // Count-only evaluation would not list docs; list them through the ranked
    // pages instead, capped: completions only need a representative context.
    const Evaluation ev = evaluate(index, plan, all, {}, true, buffers, false);
    if (!ev.result.terms.empty()) {
      have_context = true;
      context.assign(index.doc_count, false);
      for (const Hit& h : ev.result.hits) context[h.doc] = true;
    }
  }

  // The forms the search keeps for the word being typed (its word, stem
  // forms and completions, add_prefix) that start with it, each with the
  // documents it would find: all of its own, or those in the context. Their
  // dictionary is what the search reads (a hinted prefix: its base alone),
  // and with a context their postings are those the search loads.
  const query::ParsedQuery typed{{query::Group{{atom}}}};
  SearchOptions as_typed;
  as_typed.typos = false;
  const Plan plan = query::expand(index, typed, query::expand_options(as_typed, &missing));
  if (missing.empty() && have_context) need_postings(index, plan, missing);
  if (!missing.empty()) {
    if (needs) needs->insert(needs->end(), missing.begin(), missing.end());
    return out;
  }
  // term, docs; pair<uint32_t, size_t> as in pages.cpp: one merge_sort instantiation.
  std::vector<std::pair<uint32_t, std::size_t>> scored;
  for (const query::PlannedGroup& g : plan.groups) {
    for (const query::PlannedAtom& a : g.any) {
      for (const query::WordMatch& w : a.words) {
        for (const query::Expansion& e : w.expansions) {
          if (!index.terms[e.term].starts_with(word)) continue;
          uint64_t count = 0;
          if (!have_context) {
            count = index.df[e.term];
          } else {
            for (uint32_t d : index.postings[e.term].docs) count += context[d];
          }
          if (count > 0) scored.emplace_back(e.term, count);
        }
      }
    }
  }
  // A term of several atoms (a compound's whole and part) counts once.
  merge_sort(scored);
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
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

}  // namespace osprey

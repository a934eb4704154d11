#include "query/expand.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>

#include "core/small_sort.hpp"
#include "query/fuzzy.hpp"
#include "text/analyzer.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace osprey::query {
namespace {

using text::code_points;

uint32_t doc_frequency(const Index& index, uint32_t term) {
  return index.df[term];
}

bool has(const std::vector<Expansion>& v, uint32_t term) {
  return std::any_of(v.begin(), v.end(), [&](const Expansion& e) { return e.term == term; });
}

// BM25F weights of the fixed tiers (docs/ranking.md); a completion's is
// completion_weight().
constexpr float kExactWeight = 1.0f;
constexpr float kStemWeight = 0.8f;
constexpr float kTypoWeight[] = {0.0f, 0.4f, 0.25f};  // by edits (typo_budget: at most 2)
// The documents a word being typed completes to that make it no typo (a page of hits).
constexpr uint64_t kTypedWordDocs = 10;

float typo_weight(uint8_t distance) {
  return kTypoWeight[std::min<uint8_t>(distance, 2)];
}

// The forms sharing stem's id, but skip, as tier, each with weight.
void add_stem_family(const Index& index, int64_t stem, int64_t skip, Expansion form,
                     std::size_t cap, Needs* needs, std::vector<Expansion>& out) {
  if (stem < 0) return;
  for (uint32_t k = index.stem_term_begin[stem]; k < index.stem_term_begin[stem + 1]; ++k) {
    const uint32_t t = index.stem_terms[k];
    if (out.size() >= cap) return;
    if (t == skip || has(out, t) || !index.need_term(t, needs)) continue;
    form.term = t;
    out.push_back(form);
  }
}

// The stem the index stored for term t, or -1 while the block of that stem is
// not loaded (a sharded index fills term_stem as stem blocks load: until
// then term_stem[t] is 0, so the stem must list t among its terms).
int64_t stored_stem(const Index& index, uint32_t t) {
  const uint32_t s = index.term_stem[t];
  if (s >= index.stems.size() || index.stems[s].empty()) return -1;
  for (uint32_t k = index.stem_term_begin[s]; k < index.stem_term_begin[s + 1]; ++k) {
    if (index.stem_terms[k] == t) return s;
  }
  return -1;
}

// Exact form, then the other forms sharing its stem: the stem of the word as
// typed (source: its text in the query, marks kept; text::stem_word) and, for
// a word in the dictionary, the stem the index stored for it (taken from the
// marked form the pages wrote, so "tulipan" typed without its accent meets
// "tulipanes" when the pages have "tulipán").
void add_exact_and_stem(const Index& index, const std::string& word, std::string_view source,
                        Needs* needs, std::vector<Expansion>& out) {
  const int64_t exact = index.find_term(word, needs);
  if (exact >= 0) out.push_back({static_cast<uint32_t>(exact), Tier::kExact, 0, kExactWeight});
  const Expansion form{0, Tier::kStem, 0, kStemWeight};
  const int64_t stem = index.find_stem(text::stem_word(word, source, index.schema.language), needs);
  add_stem_family(index, stem, exact, form, SIZE_MAX, needs, out);
  const int64_t stored = exact >= 0 ? stored_stem(index, static_cast<uint32_t>(exact)) : -1;
  if (stored != stem) add_stem_family(index, stored, exact, form, SIZE_MAX, needs, out);
}

// The terms of forms that start with word, ascending.
std::vector<uint32_t> forms_in_range(const Index& index, std::string_view word,
                                     std::span<const uint32_t> forms) {
  std::vector<uint32_t> in;
  for (const uint32_t t : forms) {
    if (index.terms[t].starts_with(word)) in.push_back(t);
  }
  insertion_sort(in.begin(), in.end(), std::less<>());
  return in;
}

// Completions of word (kPrefixDocs, kMaxPrefixTerms): by evidence, the
// documents a completion would find times its closeness, then the shorter,
// then by id; each weighted by completion_weight(). A stop word is no
// completion: it is optional in a query, its postings are the largest, and a
// page is not found by it (typed whole, it still matches as the exact word).
// A hint (PrefixHint) stands for the range: it names the completions kept
// when the word's forms among the range are its forms', as they are once
// every form is found (needs empty). While a lookup still waits for a block
// the plan is not used, and the hint's completions name no block.
void add_prefix(const Index& index, const std::string& word, uint32_t budget, Needs* needs,
                std::vector<Expansion>& out) {
  const std::size_t typed = code_points(word);
  if (const PrefixHint* hint = index.prefix_hint(word); hint && budget == kPrefixDocs) {
    std::vector<uint32_t> found;
    for (const Expansion& e : out) found.push_back(e.term);
    if (forms_in_range(index, word, found) == forms_in_range(index, word, hint->forms) ||
        (needs && !needs->empty())) {
      uint32_t df_max = 1;
      for (const uint32_t t : hint->kept) df_max = std::max(df_max, doc_frequency(index, t));
      for (const uint32_t t : hint->kept) {
        const auto length = std::max<std::size_t>(code_points(index.terms[t]), 1);
        out.push_back({t, Tier::kPrefix, 0,
                       completion_weight(typed, length, doc_frequency(index, t), df_max)});
      }
      return;
    }
  }
  const TermRange range = index.prefix_range(word, kMaxRangeTerms, needs);
  if (typed == 1) budget = std::min(budget, kFirstLetterDocs);
  if (typed == 2) budget = std::min(budget, kTwoLetterDocs);
  struct Candidate {
    uint32_t term;
    uint32_t df;
    uint32_t length;  // code points
    double evidence;  // df x closeness
  };
  std::vector<Candidate> candidates;
  for (uint32_t t = range.first; t < range.last; ++t) {
    if (has(out, t) || index.is_stop_word(index.terms[t])) continue;
    // At least 1: index bytes are untrusted, and evidence must stay a number.
    const auto length =
        static_cast<uint32_t>(std::max<std::size_t>(code_points(index.terms[t]), 1));
    const uint32_t df = doc_frequency(index, t);
    candidates.push_back({t, df, length, df * double(typed) / length});
  }
  const auto better = [](const Candidate& a, const Candidate& b) {
    if (a.evidence != b.evidence) return a.evidence > b.evidence;
    if (a.length != b.length) return a.length < b.length;
    return a.term < b.term;
  };
  // The first (the likeliest meaning) always, even past the budget; then,
  // among the next up to kMaxPrefixTerms in the same order, those whose
  // documents, summed with those kept before, still fit in the budget
  // (skipping those that do not): rare completions cost little and may be
  // the one meant, while one frequent completion may cost more than all.
  const std::size_t next = std::min(candidates.size(), kMaxPrefixTerms);
  std::partial_sort(candidates.begin(), candidates.begin() + next, candidates.end(), better);
  std::size_t keep = std::min<std::size_t>(next, 1);
  uint64_t spent = keep ? candidates[0].df : 0;
  for (std::size_t i = keep; i < next; ++i) {
    if (spent + candidates[i].df > budget) continue;
    spent += candidates[i].df;
    candidates[keep++] = candidates[i];
  }
  uint32_t df_max = 1;
  for (std::size_t i = 0; i < keep; ++i) df_max = std::max(df_max, candidates[i].df);
  for (std::size_t i = 0; i < keep; ++i) {
    const Candidate& c = candidates[i];
    out.push_back({c.term, Tier::kPrefix, 0, completion_weight(typed, c.length, c.df, df_max)});
  }
}

// What a word is to typing: the word being typed (the last bare word, prefix
// on), another word of a query that has one, or a word of a query that has none.
enum class Typing : uint8_t { kNone, kBeside, kTyped };

// Typo forms, closest and most frequent first; then, when the word matched
// nothing else (it is a typo, not a word with typo neighbours), the stem
// family of each (a corrected "perfomrmance" also finds "perform"), at the
// same distance, weighted as a typo form's stem form.
void add_typos(const Index& index, const std::string& word, Typing typing,
               const ExpandOptions& options, std::vector<Expansion>& out) {
  const bool prefix = typing == Typing::kTyped;
  uint8_t budget = typo_budget(code_points(word), options.typo_one_from, options.typo_two_from);
  // Nothing found as typed, stemmed or completed: the word is taken for a typo.
  const bool typo = out.empty();
  // A word found as typed is not taken for a two-edit typo.
  const bool exact = std::any_of(out.begin(), out.end(),
                                 [](const Expansion& e) { return e.tier == Tier::kExact; });
  if (exact) budget = std::min<uint8_t>(budget, 1);
  // A word being typed whose completions fill a page on their own is taken as
  // typed so far: they stand for it (its typo lookup, whose blocks change with
  // every letter, waits until they do not). Rare completions do not: "mappr"
  // is more likely "mapper" than "mapproxy".
  if (prefix) {
    uint64_t completed = 0;
    for (const Expansion& e : out) {
      if (e.tier == Tier::kPrefix) completed += doc_frequency(index, e.term);
    }
    if (completed >= kTypedWordDocs) return;
  } else if (typing == Typing::kBeside) {
    // While another word is being typed, a word found as typed in a page of
    // documents is taken as meant: the page is short for the word being typed.
    for (const Expansion& e : out) {
      if (e.tier == Tier::kExact && doc_frequency(index, e.term) >= kTypedWordDocs) return;
    }
  }
  if (budget == 0) return;
  const std::vector<FuzzyMatch> found =
      typo_matches(index, word, budget, prefix, options.max_typo_terms * 4, options.needs);
  std::vector<FuzzyMatch> fresh;
  for (const FuzzyMatch& m : found) {
    if (m.distance > 0 && !has(out, m.term)) fresh.push_back(m);
  }
  // Closest first, then the most frequent: a typo most likely meant a common word.
  merge_sort(fresh, [&](const FuzzyMatch& a, const FuzzyMatch& b) {
    if (a.distance != b.distance) return a.distance < b.distance;
    return doc_frequency(index, a.term) > doc_frequency(index, b.term);
  });
  if (fresh.size() > options.max_typo_terms) fresh.resize(options.max_typo_terms);
  for (const FuzzyMatch& m : fresh) {
    out.push_back({m.term, Tier::kTypo, m.distance, typo_weight(m.distance)});
  }
  if (!typo) return;
  const std::size_t cap = out.size() + options.max_typo_terms;
  for (const FuzzyMatch& m : fresh) {
    int64_t stem = stored_stem(index, m.term);
    if (stem < 0) {
      stem = index.find_stem(text::stem_term(index.terms[m.term], index.schema.language),
                             options.needs);
    }
    const float weight = typo_weight(m.distance) * kStemWeight;
    add_stem_family(index, stem, m.term, {0, Tier::kTypo, m.distance, weight}, cap, options.needs,
                    out);
  }
}

// The match of a token of text (the atom's text, which its offsets are in).
WordMatch plain_word(const Index& index, const text::Token& token, std::string_view text,
                     uint32_t position, Needs* needs) {
  WordMatch w{token.term, {}, position};
  const std::string_view source = text.substr(token.begin, token.end - token.begin);
  add_exact_and_stem(index, token.term, source, needs, w.expansions);
  return w;
}

// Facet values of field whose folded words equal the atom's (or, while typing,
// start with them).
std::vector<uint32_t> match_facet(const Index& index, int field, std::string_view text,
                                  bool prefix) {
  const text::Folding folding = text::folding_for(index.schema.language);
  auto words = [folding](std::string_view s) {
    std::vector<text::Token> tokens;
    text::tokenize(s, tokens, 0, folding);
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

// typing_query: the query has a word being typed.
void plan_atom(const Index& index, const Atom& atom, const ExpandOptions& options,
               bool typing_query, PlannedGroup& group) {
  int field = atom.field.empty() ? -1 : index.schema.find(atom.field);
  if (field >= 0 && !index.schema.fields[field].searchable()) {
    if (!index.schema.fields[field].facet) return;
    PlannedAtom a{.kind = AtomKind::kFacet, .field = field};
    a.facet_values = match_facet(index, field, atom.text, atom.prefix && options.prefix);
    group.any.push_back(std::move(a));
    return;
  }
  std::vector<text::Token> tokens;
  text::tokenize(atom.text, tokens, 0, text::folding_for(index.schema.language));
  if (tokens.empty()) return;
  // A compound's whole shares its position with its first part and comes first.
  const bool compound_first = tokens.size() >= 3 && tokens[0].position == tokens[1].position;
  const bool single_compound =
      compound_first && tokens.back().position - tokens[0].position == tokens.size() - 2;
  if (!atom.phrase && (tokens.size() == 1 || single_compound)) {
    PlannedAtom a{.kind = AtomKind::kTerm, .field = field};
    const bool prefix = atom.prefix && options.prefix;
    const std::string_view source =
        std::string_view(atom.text).substr(tokens[0].begin, tokens[0].end - tokens[0].begin);
    // A hinted prefix typed as such: its forms are the hint's, found
    // without the dictionary (add_exact_and_stem gave them to the builder).
    const PrefixHint* hint =
        prefix && options.prefix_docs == kPrefixDocs ? index.prefix_hint(tokens[0].term) : nullptr;
    WordMatch w{tokens[0].term, {}, 0};
    if (hint && source == hint->prefix) {
      for (const uint32_t t : hint->forms) {
        const bool exact = index.terms[t] == w.word;
        w.expansions.push_back(
            {t, exact ? Tier::kExact : Tier::kStem, 0, exact ? kExactWeight : kStemWeight});
      }
    } else {
      w = plain_word(index, tokens[0], atom.text, 0, options.needs);
    }
    if (prefix) add_prefix(index, w.word, options.prefix_docs, options.needs, w.expansions);
    group.typed = group.typed || prefix;
    const Typing typing = prefix ? Typing::kTyped : typing_query ? Typing::kBeside : Typing::kNone;
    if (options.typos) add_typos(index, w.word, typing, options, w.expansions);
    a.words.push_back(std::move(w));
    group.any.push_back(std::move(a));
    if (!single_compound) return;
  }
  // The words at successive positions, compounds split into their parts.
  std::vector<WordMatch> words;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i + 1 < tokens.size() && tokens[i + 1].position == tokens[i].position) continue;
    words.push_back(plain_word(index, tokens[i], atom.text, tokens[i].position - tokens[0].position,
                               options.needs));
  }
  if (words.size() == 1) {
    group.any.push_back({.kind = AtomKind::kTerm, .field = field, .words = std::move(words)});
  } else {
    group.any.push_back({.kind = AtomKind::kPhrase, .field = field, .words = std::move(words)});
  }
}

}  // namespace

float completion_weight(std::size_t typed_code_points, std::size_t completion_code_points,
                        uint32_t df, uint32_t df_max) {
  const double closeness =
      completion_code_points == 0 ? 1 : double(typed_code_points) / completion_code_points;
  // std::log: the engine links it already (idf); std::pow would add its own code.
  const double rarity = std::log(double(std::max(df_max, 1u)) / std::max(std::min(df, df_max), 1u));
  return static_cast<float>((0.6 + 0.4 * std::min(closeness, 1.0)) / (1 + 0.1 * rarity));
}

std::vector<FuzzyMatch> typo_matches(const Index& index, std::string_view word,
                                     uint8_t max_distance, bool prefix, std::size_t max_results,
                                     Needs* needs) {
  std::vector<std::size_t> at;  // byte offset of each code point
  for (std::size_t i = 0; i < word.size(); i += text::decode_utf8(word, i).size) at.push_back(i);
  const std::size_t n = at.size();
  if (n <= max_distance || max_results == 0) return {};
  // The kept code points split between head and tail (one edit: in halves),
  // leaving a gap of max_distance; two edits keep at most 2 code points at
  // each end, so that more of them leave one end intact.
  const std::size_t keep = n - max_distance;
  std::size_t head = (keep + 1) / 2, tail = keep / 2;
  if (max_distance >= 2) {
    head = std::min<std::size_t>(head, 2);
    tail = std::min<std::size_t>(tail, 2);
  }
  at.push_back(word.size());
  FuzzyOptions fuzzy{.max_distance = max_distance, .prefix = prefix, .max_results = max_results};
  std::vector<FuzzyMatch> found;
  const TermRange begins = index.prefix_range(word.substr(0, at[head]), kMaxRangeTerms, needs);
  const std::span<const std::string> terms(index.terms);
  for (const FuzzyMatch& m :
       fuzzy_terms(terms.subspan(begins.first, begins.last - begins.first), word, fuzzy)) {
    found.push_back({begins.first + m.term, m.distance});
  }
  if (tail > 0) {
    const std::string reversed = reverse_code_points(word);
    const TermRange ends = index.rev_prefix_range(
        std::string_view(reversed).substr(0, word.size() - at[n - tail]), kMaxRangeTerms, needs);
    fuzzy.prefix = false;
    const std::span<const std::string> rev(index.rev_terms);
    for (const FuzzyMatch& m :
         fuzzy_terms(rev.subspan(ends.first, ends.last - ends.first), reversed, fuzzy)) {
      found.push_back({index.rev_term[ends.first + m.term], m.distance});
    }
  }
  // Each term once, at its least distance; closest first, then by id. Both
  // sorts take a FuzzyOrder: one merge_sort instantiation. Both orders are
  // total (no two matches are equivalent), so any sort gives this order.
  using FuzzyOrder = bool (*)(const FuzzyMatch&, const FuzzyMatch&);
  const FuzzyOrder by_term = [](const FuzzyMatch& a, const FuzzyMatch& b) {
    return a.term != b.term ? a.term < b.term : a.distance < b.distance;
  };
  const FuzzyOrder by_distance = [](const FuzzyMatch& a, const FuzzyMatch& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.term < b.term;
  };
  merge_sort(found, by_term);
  found.erase(
      std::unique(found.begin(), found.end(),
                  [](const FuzzyMatch& a, const FuzzyMatch& b) { return a.term == b.term; }),
      found.end());
  merge_sort(found, by_distance);
  if (found.size() > max_results) found.resize(max_results);
  return found;
}

std::vector<PrefixHint> completion_hints(const Index& index) {
  std::vector<std::string> prefixes;
  for (const std::string& term : index.terms) {
    std::size_t end = 0;
    for (std::size_t n = 1; n <= kMaxHintCodePoints && end < term.size(); ++n) {
      end += text::decode_utf8(term, end).size;
      if (prefixes.empty() || prefixes.back() != term.substr(0, end)) {
        prefixes.push_back(term.substr(0, end));
      }
    }
  }
  std::sort(prefixes.begin(), prefixes.end());
  prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
  std::vector<PrefixHint> hints;
  for (const std::string& prefix : prefixes) {
    const TermRange range = index.prefix_range(prefix, kMaxRangeTerms);
    if (!range.over && range.last - range.first < kHintRangeTerms) continue;
    std::vector<Expansion> forms;
    add_exact_and_stem(index, prefix, prefix, nullptr, forms);
    const std::size_t found = forms.size();
    add_prefix(index, prefix, kPrefixDocs, nullptr, forms);
    PrefixHint hint{prefix, {}, {}};
    for (std::size_t i = 0; i < forms.size(); ++i) {
      (i < found ? hint.forms : hint.kept).push_back(forms[i].term);
    }
    if (hint.kept.size() > kMaxHintTerms || hint.forms.size() > kMaxHintTerms) continue;
    hints.push_back(std::move(hint));
  }
  return hints;
}

Plan expand(const Index& index, const ParsedQuery& query, const ExpandOptions& options) {
  const bool typing_query =
      options.prefix && std::any_of(query.all.begin(), query.all.end(), [](const Group& g) {
        return std::any_of(g.any.begin(), g.any.end(), [](const Atom& a) { return a.prefix; });
      });
  Plan plan;
  plan.bm25 = Bm25::of(index.schema);
  for (const Group& g : query.all) {
    PlannedGroup group;
    group.exclude = g.exclude;
    for (const Atom& atom : g.any) {
      plan_atom(index, atom, options, typing_query, group);
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
                 group.any[0].field < 0 && index.is_stop_word(group.any[0].words[0].word);
    plan.groups.push_back(std::move(group));
  }
  return plan;
}

}  // namespace osprey::query

#include "query/ranking.hpp"

#include <algorithm>
#include <cmath>

#include "core/parse_double.hpp"
#include "core/small_sort.hpp"
#include "query/hit_fields.hpp"
#include "query/pages.hpp"
#include "query/proximity.hpp"
#include "query/text_span.hpp"
#include "text/unicode.hpp"

namespace osprey::query {
namespace {

double round_score(double s) {
  return std::round(s * 1e6) / 1e6;
}

// Numeric when both parse fully as numbers (as strtod reads them, up to a
// NUL), else bytewise.
int compare_values(const std::string& a, const std::string& b) {
  const std::string_view ca = a.c_str(), cb = b.c_str();
  const ParsedDouble x = parse_double(ca), y = parse_double(cb);
  if (!a.empty() && !b.empty() && x.length == ca.size() && y.length == cb.size())
    return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
  return a.compare(b);
}

// The plan's groups by role into ev (required, optional) and, for each
// positive group, its label in ev.result.terms; returns the excluded groups.
GroupRoles assign_roles(const Plan& plan, Evaluation& ev) {
  GroupRoles roles = group_roles(plan);
  ev.required = roles.required;
  ev.optional = roles.optional;
  ev.group_term.assign(plan.groups.size(), -1);
  for (std::size_t i = 0; i < plan.groups.size(); ++i) {
    if (plan.groups[i].exclude) continue;
    ev.group_term[i] = static_cast<int>(ev.result.terms.size());
    ev.result.terms.push_back(plan.groups[i].label);
  }
  return roles;
}

// Scales every score by its document's boost, rounded so that scores compare
// the same on every platform.
void apply_boost(const Index& index, std::vector<Candidate>& ranked) {
  for (Candidate& c : ranked) c.score = round_score(c.score * index.boost[c.doc]);
}

// [o.offset, o.offset + limit) of ranked in order: by groups matched, then by
// the sort field, or by typos, tiers and score; ties by doc.
std::vector<Candidate> sort_page(const Index& index, const SearchOptions& o,
                                 std::vector<Candidate>& ranked) {
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
  return {ranked.begin() + begin, ranked.begin() + end};
}

}  // namespace

Evaluation rank(const Index& index, const Plan& plan, const SearchOptions& o,
                const std::vector<ResolvedFilter>& filters, bool page, SearchScratch& buffers) {
  Evaluation ev;
  SearchResult& result = ev.result;
  const GroupRoles roles = assign_roles(plan, ev);
  if (roles.required.empty() && !o.browse) return ev;
  std::vector<Candidate> candidates = combine_groups(index, plan, roles, buffers);
  // With pages, a candidate is a page from here on: filters, facets, totals
  // and paging count pages.
  if (index.grouped()) candidates = merge_pages(index, candidates, buffers, ev.sections);
  const uint8_t n = static_cast<uint8_t>(roles.required.size());

  // Filters: a document is listed when it passes all of them; a facet field's
  // counts ignore the filters on that same field (disjunctive facets).
  const std::vector<uint64_t> failed = failed_filters(index, filters, candidates);
  std::size_t full = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    full += !failed[i] && candidates[i].count == n;
  const bool with_partial = o.partial && n >= 2 && full < std::min(o.limit, kMaxLimit);
  std::vector<uint8_t> listed(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    listed[i] = candidates[i].count == n || (with_partial && candidates[i].count > 0);
  }
  if (o.facets) result.facets = count_facets(index, o, filters, candidates, failed, listed);

  std::vector<Candidate> ranked;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (!failed[i] && listed[i]) ranked.push_back(candidates[i]);
  }
  result.total = ranked.size();
  result.full_total = full;
  if (!page) return ev;

  // A field whose every word is a query word, in its own or stemmed form (a
  // name, a short title), is the strongest signal a known-item query gives; it
  // counts in proportion to the query terms it holds.
  if (n >= 1 && o.sort.empty()) add_whole_field(index, plan, ev.required, ranked, buffers.slot);
  // A page title that starts with the query ("json — JSON encoder and
  // decoder"): measured on pages only (docs/ranking.md "Pages").
  if (n >= 1 && o.sort.empty() && index.grouped())
    add_leading_field(index, plan, ev.required, ranked);
  // Proximity: the best-scoring full matches gain for query terms near each other.
  if (n >= 2 && o.sort.empty()) add_proximity(index, plan, ev.required, ranked);
  apply_boost(index, ranked);
  ev.page = sort_page(index, o, ranked);
  return ev;
}

void fill_page(const Index& index, const Plan& plan, const SearchOptions& o, Evaluation& ev,
               bool excerpts) {
  SearchResult& result = ev.result;
  result.needs.clear();
  const std::size_t n = ev.required.size();
  // The dictionary terms each positive group matched, for highlighting.
  Excerpter excerpter(text::folding_for(index.schema.language));
  std::vector<std::pair<uint32_t, uint32_t>> matched_terms;  // (term id, query term)
  if (!ev.page.empty()) {
    for (std::size_t i = 0; i < plan.groups.size(); ++i) {
      if (ev.group_term[i] < 0) continue;
      for (const auto& atom : plan.groups[i].any) {
        for (const auto& word : atom.words) {
          for (const auto& e : word.expansions) {
            excerpter.add(index.terms[e.term], static_cast<uint32_t>(ev.group_term[i]));
            matched_terms.emplace_back(e.term, static_cast<uint32_t>(ev.group_term[i]));
          }
        }
      }
    }
  }
  const uint64_t asked = field_set(index.schema, o.fields);
  // The sections listed under each page hit, best first; none when no word
  // was asked for (browsing): no section's text matched.
  const std::size_t per_page = n == 0 ? 0 : std::min(o.sections, kMaxSections);
  const std::vector<std::vector<const Candidate*>> listed =
      index.grouped() ? best_sections(index, ev.sections, ev.page, per_page)
                      : std::vector<std::vector<const Candidate*>>(ev.page.size());
  // A sharded index may not hold the page's stored values yet. A text
  // field's value (index/text_parts.hpp) is fetched whole when the `fields`
  // option asks for it, else only the pieces its excerpt shows.
  const auto need = [&](uint32_t doc) {
    if (!excerpts) return;
    if (!index.stored_ready(doc)) {
      add_need(result.needs, {PartKind::kStored, index.stored_part(doc)});
    }
    if (!index.text_field.empty()) {
      need_text_parts(index, matched_terms, doc, asked, o.excerpt_words, result.needs);
    }
  };
  for (std::size_t i = 0; i < ev.page.size(); ++i) {
    need(ev.page[i].doc);
    for (const Candidate* s : listed[i]) need(s->doc);
  }
  if (!result.needs.empty()) return;
  // The query terms a candidate matched, and its excerpts.
  const auto matched = [&](const Candidate& c) {
    std::vector<uint32_t> out;
    for (std::size_t r = 0; r < n; ++r) {
      if (c.mask & (1u << r)) out.push_back(static_cast<uint32_t>(ev.group_term[ev.required[r]]));
    }
    for (std::size_t i : ev.optional) {
      // Stop words count as matched where the document holds them.
      const auto& g = plan.groups[i];
      bool holds = false;
      for (const auto& e : g.any[0].words[0].expansions) {
        const auto& docs = index.postings[e.term].docs;
        holds = holds || std::binary_search(docs.begin(), docs.end(), c.doc);
      }
      if (holds) out.push_back(static_cast<uint32_t>(ev.group_term[i]));
    }
    merge_sort(out);
    return out;
  };
  const auto field_excerpts = [&](uint32_t doc) {
    std::vector<FieldExcerpt> out;
    for (uint32_t f = 0; f < index.schema.fields.size() && excerpts; ++f) {
      const FieldSpec& spec = index.schema.fields[f];
      if (!spec.searchable() || !spec.stored) continue;
      // A long value held in pieces is cut from those its span needs (text_span.hpp).
      std::optional<Excerpt> e =
          field_excerpt(index, matched_terms, doc, f, asked, o.excerpt_words, excerpter);
      if (e) out.push_back({f, std::move(*e)});
    }
    return out;
  };
  for (std::size_t i = 0; i < ev.page.size(); ++i) {
    const Candidate& c = ev.page[i];
    Hit hit{.doc = c.doc,
            .score = c.score,
            .full = c.count == n,
            .matched = matched(c),
            .excerpts = field_excerpts(c.doc)};
    for (const Candidate* s : listed[i]) {
      SectionHit section{.doc = s->doc,
                         .score = round_score(s->score),
                         .matched = matched(*s),
                         .excerpts = field_excerpts(s->doc)};
      if (excerpts) section.fields = hit_fields(index, s->doc, section.excerpts, asked);
      hit.sections.push_back(std::move(section));
    }
    if (excerpts) hit.fields = hit_fields(index, c.doc, hit.excerpts, asked);
    result.hits.push_back(std::move(hit));
  }
}

Evaluation evaluate(const Index& index, const Plan& plan, const SearchOptions& o,
                    const std::vector<ResolvedFilter>& filters, bool page, SearchScratch& buffers,
                    bool excerpts) {
  Evaluation ev = rank(index, plan, o, filters, page, buffers);
  if (page) fill_page(index, plan, o, ev, excerpts);
  return ev;
}

}  // namespace osprey::query

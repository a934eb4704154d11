// search() and Searcher: resolve the options, plan the query (naming the parts
// a sharded index lacks), rank (ranking.hpp), fill the page and suggest
// (suggest.hpp). Each step lives in its own file beside this one.
#include "query/search.hpp"

#include <algorithm>

#include "core/quote.hpp"

#include "query/candidates.hpp"
#include "query/filters.hpp"
#include "query/parse.hpp"
#include "query/ranking.hpp"
#include "query/search_plan.hpp"
#include "query/suggest.hpp"

namespace osprey {

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

using query::Evaluation;
using query::fill_page;
using query::Plan;
using query::query_fields;
using query::rank;
using query::resolve_filters;
using query::ResolvedFilter;
using query::suggest;

// Dictionary, reverse, lengths and postings parts loaded: parts are only
// ever added, so an equal count means the same parts.
std::size_t loaded_parts(const Index& index) {
  const Layout& l = index.layout;
  std::size_t n = 0;
  for (const auto* v : {&l.dict_loaded, &l.rev_loaded, &l.lengths_loaded, &l.postings_loaded}) {
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
      return invalid("sort: " + quoted(o.sort) + " is not a sortable field");
    }
  }
  for (const std::string& name : o.fields) {
    const int f = index.schema.find(name);
    if (f < 0 || !index.schema.fields[f].stored) {
      return invalid("fields: " + quoted(name) + " is not a stored field");
    }
  }
  query::Bm25 bm25 = query::Bm25::of(index.schema);
  bm25.k1 = static_cast<float>(o.ranking.k1);
  bm25.b = static_cast<float>(o.ranking.b);
  for (const auto& [name, weight] : o.ranking.field_weights) {
    const int f = index.schema.find(name);
    if (f < 0 || !index.schema.fields[f].searchable()) {
      return invalid("ranking.fieldWeights: " + quoted(name) + " is not a searchable field");
    }
    bm25.weight[f] = weight;
  }
  SearchResult waiting;  // a result naming only what must be loaded first
  for (const RangeFilter& r : o.ranges) {
    // A range over a stored-only field reads every document's value.
    const int f = index.schema.find(r.field);
    if (f < 0 || in_base(index.schema.fields[f])) continue;
    for (uint32_t k = 0; k < index.layout.stored_loaded.size(); ++k) {
      if (!index.layout.stored_loaded[k]) add_need(waiting.needs, {PartKind::kStored, k});
    }
    if (!index.is_text_field(f)) continue;
    for (uint32_t k = 0; k < index.layout.text_loaded.size(); ++k) {
      if (!index.layout.text_loaded[k]) add_need(waiting.needs, {PartKind::kText, k});
    }
  }
  const auto parsed = query::parse_query(text, query_fields(index));
  const Plan plan = query::plan_query(index, parsed, o, bm25, filters.value(),
                                      query::wanted_matches(o), scratch(), waiting.needs);
  if (!waiting.needs.empty()) {
    // Did-you-mean's lookups read the query and the index only, never the
    // plan or the page (its count of the corrected query aside): its parts
    // are named from the first round, beside the plan's, so that they have
    // arrived by the page's stored round instead of coming in rounds after it.
    if (o.suggest) {
      Needs ahead;
      suggest(index, text, parsed, o, filters.value(), 0, *scratch_, ahead);
      for (const PartRef& part : ahead) add_need(waiting.needs, part);
    }
    return waiting;
  }
  const std::size_t loaded = loaded_parts(index);
  Evaluation ev;
  if (pending_ && pending_->loaded == loaded && pending_->text == text && pending_->options == o) {
    ev = std::move(pending_->ev);
  } else {
    ev = rank(index, plan, o, filters.value(), true, scratch());
  }
  pending_.reset();
  fill_page(index, plan, o, ev, true);
  // Did-you-mean reads no stored value: what it still needs is named in the
  // round of the page's stored parts, not in rounds after them.
  if (o.suggest) {
    ev.result.did_you_mean = suggest(index, text, parsed, o, filters.value(), ev.result.full_total,
                                     *scratch_, waiting.needs);
  }
  if (!ev.result.needs.empty()) {
    for (const PartRef& part : ev.result.needs) add_need(waiting.needs, part);
    pending_ = std::make_unique<query::PendingPage>(
        query::PendingPage{std::string(text), o, loaded, std::move(ev)});
    return waiting;
  }
  if (!waiting.needs.empty()) return waiting;
  return std::move(ev.result);
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

// Search: parse (parse.hpp), expand (expand.hpp, search_plan.hpp), match
// (match.hpp), then combine groups and exclude (candidates.hpp), filter and
// count facets (filters.hpp), rank, page and cut excerpts (ranking.hpp,
// proximity.hpp); did-you-mean and completions (suggest.hpp).
// docs/ranking.md describes the ranking; docs/query-language.md the syntax.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "index/index.hpp"
#include "query/bm25.hpp"
#include "query/excerpt.hpp"

namespace osprey {

enum class FilterMode : uint8_t { kAny, kAll, kNone };

/// Documents whose facet field holds any / all / none of values.
struct FacetFilter {
  std::string field;
  std::vector<std::string> values;
  FilterMode mode = FilterMode::kAny;
  bool operator==(const FacetFilter&) const = default;
};

/// Documents whose stored value of field lies in [from, to], comparing the
/// first to.size() bytes against to (so to = "2021" includes "2021-12-31");
/// an empty bound is open. Documents without a value are excluded.
struct RangeFilter {
  std::string field;
  std::string from;
  std::string to;
  bool operator==(const RangeFilter&) const = default;
};

/// Ranking parameters of one search (options_json.hpp "ranking"; bounds in
/// bm25.hpp): BM25F's k1 and b, and field weights replacing the schema's
/// (each must name a searchable field: search() checks).
struct RankingOptions {
  double k1 = query::kDefaultK1;
  double b = query::kDefaultB;
  std::vector<std::pair<std::string, double>> field_weights;  // (field, weight)
  bool operator==(const RankingOptions&) const = default;
};

struct SearchOptions {
  uint32_t offset = 0;
  uint32_t limit = 10;        // capped at kMaxLimit
  bool prefix = true;         // the last bare word matches as a prefix
  bool typos = true;          // typo tolerance, when the page is short (search_plan.hpp)
  uint8_t typo_one_from = 4;  // word length (code points) allowing 1 edit
  uint8_t typo_two_from = 8;  // ... allowing 2 edits
  bool partial = true;        // too few full matches: add partial ones
  bool browse = false;        // a query with no words lists all documents
  std::vector<FacetFilter> filters;
  std::vector<RangeFilter> ranges;
  std::string sort;            // empty: relevance; else a sortable field
  bool descending = true;      // for sort
  bool facets = true;          // count facets
  uint32_t facet_limit = 100;  // values per facet field (selected ones always kept)
  uint32_t excerpt_words = 30;
  uint32_t sections = 3;  // with pages: matching sections listed per hit, at most kMaxSections
  bool suggest = true;    // compute did_you_mean
  /// Stored fields a hit carries whole besides its display fields
  /// (hit_fields.hpp); each must name a stored field.
  std::vector<std::string> fields;
  RankingOptions ranking;
  bool operator==(const SearchOptions&) const = default;
};

inline constexpr uint32_t kMaxLimit = 1000;
inline constexpr uint32_t kMaxSections = 100;

struct FieldExcerpt {
  uint32_t field;  // schema field index
  query::Excerpt excerpt;
};

/// A section of a page hit (docs/ranking.md "Pages"): a section record whose
/// own text matched.
struct SectionHit {
  uint32_t doc;
  double score;
  std::vector<uint32_t> matched;       // indexes into SearchResult::terms
  std::vector<FieldExcerpt> excerpts;  // stored searchable fields with a value
  std::vector<uint32_t> fields;        // stored fields carried whole (hit_fields.hpp), in order
};

struct Hit {
  uint32_t doc;  // with pages: the record standing for the page (Index::page_of)
  double score;
  bool full;                           // matched every required query term
  std::vector<uint32_t> matched;       // indexes into SearchResult::terms
  std::vector<FieldExcerpt> excerpts;  // stored searchable fields with a value
  std::vector<uint32_t> fields;        // stored fields carried whole (hit_fields.hpp), in order
  std::vector<SectionHit> sections;    // with pages: at most options.sections, best first
};

struct FacetCount {
  std::string value;
  uint64_t count;
  bool selected;  // named by a filter on this field
};

struct FacetResult {
  std::string field;
  std::vector<FacetCount> values;  // count descending, then value
};

struct SearchResult {
  // With pages (index.hpp "Pages") every count is of pages, not records.
  uint64_t total = 0;              // documents in the ranked list (full + partial)
  uint64_t full_total = 0;         // documents matching every required term
  std::vector<Hit> hits;           // [offset, offset + limit) of the ranked list
  std::vector<std::string> terms;  // the query's positive terms, as typed
  std::vector<FacetResult> facets;
  std::string did_you_mean;  // a corrected query that finds more, or empty
  /// Parts of a sharded index (Index::layout) the query needs that are not
  /// loaded yet (file names: Index::part_names). When non-empty the rest of
  /// the result is not valid: add the parts (binary_codec.hpp add_parts) and
  /// search again.
  Needs needs;
};

/// Runs query. Errors (kInvalidInput) only for options naming unknown or
/// unsuitable fields; any query text is valid. Allocates per-document scratch
/// on every call: to run many queries, keep a Searcher.
Result<SearchResult> search(const Index& index, std::string_view query,
                            const SearchOptions& options);

namespace query {
struct SearchScratch;
struct PendingPage;
}  // namespace query

/// search() for many queries on one index: the per-document scratch (a few
/// bytes per document) is allocated on the first query and reused, so a
/// query's cost follows the documents it touches, not the index size. Results
/// equal search()'s. A query whose page waits for stored parts keeps its
/// ranking until it is asked again with the stored parts added, so a sharded
/// index's last loading round does not rank again. Not for concurrent use;
/// the index must outlive it.
class Searcher {
 public:
  explicit Searcher(const Index& index);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  Result<SearchResult> search(std::string_view query, const SearchOptions& options);

 private:
  /// The scratch, made (again) for the index's document count.
  query::SearchScratch& scratch();

  const Index* index_;
  std::unique_ptr<query::SearchScratch> scratch_;
  std::unique_ptr<query::PendingPage> pending_;
};

struct Completion {
  std::string query;  // the query with its last word completed
  std::string term;   // the completed word (folded)
  uint64_t docs;      // documents holding it (with the query's other terms)
};

/// Up to n completions of the query's last word, most useful first. When
/// needs is given, parts of a sharded index still to load are added to it
/// (and the completions are not valid until they are loaded).
std::vector<Completion> complete(const Index& index, std::string_view query, std::size_t n,
                                 Needs* needs = nullptr);

/// The stored fields of doc that have a value, in schema order: (name, value)
/// views into index, valid while it is unchanged. Requires
/// index.stored_ready(doc) (a search's hits are ready).
std::vector<std::pair<std::string_view, std::string_view>> stored_fields(const Index& index,
                                                                         uint32_t doc);

}  // namespace osprey

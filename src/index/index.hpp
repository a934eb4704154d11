// The in-memory index, as built by builder.hpp and as read by codec.hpp. The
// serialized form is specified in docs/index-format.md.
//
// Invariants (the builder establishes them, the reader checks every one):
// - terms is sorted by bytes and unique; stems likewise; term_stem[t] < stems.size().
// - postings[t].docs is strictly ascending, every doc < doc_count, non-empty.
// - entry_begin has docs.size()+1 ascending offsets; each doc has >= 1 entry,
//   its entries' fields strictly ascending and searchable.
// - pos_begin has entries+1 ascending offsets; each entry has >= 1 position,
//   strictly ascending, each < field_length[field][doc].
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index/schema.hpp"

namespace osprey {

/// Where one term occurs: per document, per field, the word positions.
struct PostingList {
  std::vector<uint32_t> docs;         // strictly ascending doc ids
  std::vector<uint32_t> entry_begin;  // docs.size()+1 offsets into entry_field / pos_begin
  std::vector<uint8_t> entry_field;   // schema field index of each entry
  std::vector<uint32_t> pos_begin;    // entries+1 offsets into positions
  std::vector<uint32_t> positions;    // word positions in the field

  std::size_t entry_count() const { return entry_field.size(); }
  /// Term frequency of entry e.
  uint32_t tf(std::size_t e) const { return pos_begin[e + 1] - pos_begin[e]; }
};

/// Facet values of one field: values[value_ids[doc_begin[d] .. doc_begin[d+1])].
struct FacetColumn {
  std::vector<std::string> values;  // sorted, unique
  std::vector<uint32_t> doc_begin;  // doc_count+1 offsets into value_ids
  std::vector<uint32_t> value_ids;  // ascending within a document
};

/// A boost field's value as a number in [0, 1e6], or nullopt.
std::optional<float> parse_boost(const std::optional<std::string>& value);

struct Index {
  Schema schema;
  uint32_t doc_count = 0;
  std::vector<std::string> terms;     // sorted, unique, folded surface forms
  std::vector<uint32_t> term_stem;    // per term: index into stems
  std::vector<std::string> stems;     // sorted, unique
  std::vector<PostingList> postings;  // per term

  // Per schema field; empty vectors for fields of the wrong kind.
  std::vector<std::vector<uint32_t>> field_length;              // searchable: words per doc
  std::vector<std::vector<std::optional<std::string>>> stored;  // FieldSpec::kept()
  std::vector<FacetColumn> facets;                              // facet

  // Derived on load by finalize(); not serialized.
  std::vector<uint32_t> stem_term_begin;  // stems.size()+1 offsets into stem_terms
  std::vector<uint32_t> stem_terms;       // term ids grouped by stem, ascending
  std::vector<double> avg_field_length;   // per schema field
  std::vector<float> boost;               // per doc: product of boost fields (1 if none)

  /// Computes the derived members. Requires the invariants above.
  void finalize();
  /// Index of term in terms, or -1.
  int64_t find_term(std::string_view term) const;
  /// Index of stem in stems, or -1.
  int64_t find_stem(std::string_view stem) const;
};

}  // namespace osprey

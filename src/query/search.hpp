// Baseline query evaluation: the query text goes through the same analyzer as
// the documents; every non-stop term is required (AND) and matches its exact
// surface form and every form sharing its stem; stop words are optional unless
// the query holds nothing else. Scoring is BM25F (docs/ranking.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/index.hpp"

namespace osprey {

struct SearchOptions {
  uint32_t offset = 0;
  uint32_t limit = 10;  // capped at kMaxLimit
};

inline constexpr uint32_t kMaxLimit = 1000;
inline constexpr std::size_t kMaxQueryTerms = 32;  // further terms are ignored

struct Hit {
  uint32_t doc;
  double score;
};

struct SearchResult {
  uint64_t total = 0;              // exact number of matching documents
  std::vector<Hit> hits;           // [offset, offset+limit) of the ranked matches
  std::vector<std::string> terms;  // the analyzed query terms that were searched
};

/// Ranks by score descending, then doc id ascending (deterministic).
SearchResult search(const Index& index, std::string_view query, const SearchOptions& options);

/// The stored fields of doc that have a value, in schema order.
std::vector<std::pair<std::string, std::string>> stored_fields(const Index& index, uint32_t doc);

}  // namespace osprey

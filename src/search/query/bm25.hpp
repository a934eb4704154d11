// The BM25F parameters a search scores with (docs/ranking.md "Score"): the
// defaults below and the index's field weights, which a search's ranking
// options (options_json.hpp "ranking") replace for that search only.
#pragma once

#include <array>

#include "index/limits.hpp"
#include "index/schema.hpp"

namespace osprey::query {

/// Term-frequency saturation (k1) and length normalization (b) by default.
inline constexpr double kDefaultK1 = 1.2;
inline constexpr double kDefaultB = 0.75;

/// Bounds of the ranking options: k1 in [0, kMaxK1] (0: a form counts once
/// however often it occurs), b in [0, 1] (0: no length normalization).
inline constexpr double kMaxK1 = 100;

struct Bm25 {
  float k1 = static_cast<float>(kDefaultK1);
  float b = static_cast<float>(kDefaultB);
  /// Per schema field: its BM25F weight (0: not searchable). Invariant: a
  /// field is searchable here exactly when it is in the schema.
  std::array<double, kMaxFields> weight{};

  /// The defaults with schema's field weights.
  static Bm25 of(const Schema& schema) {
    Bm25 p;
    for (std::size_t f = 0; f < schema.fields.size() && f < kMaxFields; ++f) {
      p.weight[f] = schema.fields[f].weight;
    }
    return p;
  }
};

}  // namespace osprey::query

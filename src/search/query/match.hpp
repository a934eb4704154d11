// Atom and group evaluation: which documents a planned group matches, how well
// (BM25F, docs/ranking.md), through which tier, and where (positions, for the
// proximity boost).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "index/index.hpp"
#include "query/expand.hpp"

namespace osprey::query {

/// One document matched by a group. Vectors of these are sorted by doc.
struct GroupHit {
  uint32_t doc;
  float score;    // BM25F of the best-scoring atom
  uint8_t tier;   // best Tier over the group's matches in this doc
  uint8_t typos;  // fewest typo edits needed (0 unless only typo forms matched)
};

/// Reusable per-search buffers, sized to the index's document count. Between
/// uses every entry is in its cleared state, so reusing them costs only the
/// entries a search touched.
class Scratch {
 public:
  explicit Scratch(uint32_t doc_count);
  std::vector<float> weight;  // accumulated tf~ per doc
  std::vector<uint8_t> tier;  // best tier per doc; kNone where untouched
  std::vector<uint8_t> typos;
  std::vector<uint64_t> seen;  // bit d: doc d is in touched
  // Docs with a tier, in first-touch order: touched[0, touched_count). Sized
  // to the document count up front, so a match appends with a plain store.
  std::vector<uint32_t> touched;
  std::size_t touched_count = 0;
  static constexpr uint8_t kNone = 0xFF;
  void clear();
};

/// The documents group matches, sorted by doc, scored with bm25 (a field
/// weighted 0 there matches nothing).
std::vector<GroupHit> match_group(const Index& index, const PlannedGroup& group, const Bm25& bm25,
                                  Scratch& scratch);

/// The documents of match_group(), without scoring them, ascending.
std::vector<uint32_t> group_docs(const Index& index, const PlannedGroup& group, const Bm25& bm25,
                                 Scratch& scratch);

/// Positions of term in document doc's field, or an empty span.
std::span<const uint32_t> positions(const Index& index, uint32_t term, uint32_t doc, int field);

}  // namespace osprey::query
